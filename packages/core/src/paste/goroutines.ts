/**
 * Go goroutine dumps (SIGQUIT, /debug/pprof/goroutine?debug=2) of kubelet and containerd:
 * `goroutine 812 [semacquire, 14 minutes]:` then the stack. A goroutine parked for minutes in
 * PLEG relist, or in a godbus call to systemd, is evidence; both become one summary line that
 * the log scanners read (see log-patterns.ts: goroutine-*).
 */

const HEADER = /^goroutine (\d+) \[([^,\]]+)(?:, (\d+) minutes)?(?:, locked to thread)?\]:\s*$/;
/** Minutes a goroutine must have been waiting before it counts. */
const MIN_MINUTES = 2;

export interface BlockedGoroutine {
  id: number;
  state: string;
  minutes: number;
  where: 'pleg relist' | 'godbus call';
  frame: string;
  line: number;
}

/** Journal/syslog prefix a dump gets when kubelet writes it to its log: taken off per line. */
const SYSLOG_PREFIX =
  /^(?:[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2}|\d{4}-\d{2}-\d{2}T\S+) \S+ [\w.@-]+(?:\[\d+\])?: /;

function bare(line: string): string {
  return line.length < 8192 && line.includes(': ') ? line.replace(SYSLOG_PREFIX, '') : line;
}

export function hasGoroutineDump(lines: readonly string[]): boolean {
  for (const l of lines) if (HEADER.test(bare(l))) return true;
  return false;
}

export function blockedGoroutines(lines: readonly string[]): BlockedGoroutine[] {
  const out: BlockedGoroutine[] = [];
  let cur: { id: number; state: string; minutes: number; line: number; found: boolean } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const l = bare(lines[i]!);
    if (l.startsWith('goroutine ')) {
      const m = HEADER.exec(l);
      cur = m
        ? { id: Number(m[1]), state: m[2]!, minutes: Number(m[3] ?? 0), line: i, found: false }
        : undefined;
      continue;
    }
    if (!cur || cur.found || cur.minutes < MIN_MINUTES) continue;
    const frame = l.trim();
    let where: BlockedGoroutine['where'] | undefined;
    if (/pleg\.\(\*(?:GenericPLEG|EventedPLEG)\)\.(?:relist|Relist)/.test(frame)) where = 'pleg relist';
    else if (
      /github\.com\/godbus\/dbus/.test(frame) &&
      /\.(?:Call|CallWithContext|Store|Wait|Recv)\b|\(\*Call\)/.test(frame)
    )
      where = 'godbus call';
    else if (/go-systemd\/(?:v\d+\/)?dbus\./.test(frame)) where = 'godbus call';
    if (where) {
      cur.found = true;
      out.push({ id: cur.id, state: cur.state, minutes: cur.minutes, where, frame, line: cur.line });
    }
  }
  return out;
}

/** The line the log scanners see for one blocked goroutine. */
export function goroutineSummaryLine(g: BlockedGoroutine): string {
  const target = g.where === 'godbus call' ? ' to org.freedesktop.systemd1 (no reply)' : '';
  return `goroutine ${g.id} [${g.state}, ${g.minutes} minutes]: goroutine blocked in ${g.where}${target}: ${g.frame}`;
}
