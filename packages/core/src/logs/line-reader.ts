// SGR colour codes, as in `journalctl` output captured from a terminal (script, tmux logs).
const ANSI_SGR = /\x1b\[[0-9;]*m/g;

/**
 * Calls `onLine` for every line with its 1-based number, without splitting the whole text
 * into an array: logs are tens of MB. A trailing "\r" is dropped (CRLF uploads), colour codes
 * are removed, and a text that ends with "\n" has no extra empty last line.
 */
export function forEachLine(text: string, onLine: (line: string, lineNo: number) => void): void {
  // Colour handling stays out of the hot loop: an (unexecuted) escape check inside it made
  // V8 compile the loop into something 100x slower on some runs.
  if (text.indexOf('\x1b') < 0) {
    scanLines(text, onLine);
    return;
  }
  scanLines(text, (line, lineNo) =>
    onLine(line.includes('\x1b') ? line.replace(ANSI_SGR, '') : line, lineNo),
  );
}

function scanLines(text: string, onLine: (line: string, lineNo: number) => void): void {
  let start = 0;
  let lineNo = 1;
  const len = text.length;
  while (start < len) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = len;
    const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    onLine(text.slice(start, stop), lineNo);
    lineNo++;
    start = end + 1;
  }
}

/** Cheaper than trim() === '' on long lines: most lines start with a visible character. */
export function isBlank(line: string): boolean {
  const c = line.charCodeAt(0);
  if (c > 32 || Number.isNaN(c)) return Number.isNaN(c);
  return line.trim() === '';
}
