/**
 * Terminal transcripts: a prompt line (`root@host:~#`, `[root@node ~]#`, `$ `, `# `,
 * `node:~ #`) followed by the command's output. Each section keeps the command it came from.
 */

export interface PasteSection {
  /** The command line after the prompt; undefined for text before the first prompt. */
  command?: string;
  /** 0-based index of the first output line in the cleaned lines. */
  from: number;
  to: number;
}

// Commands whose output we read: a bare `# ` or `$ ` prompt only counts before one of these,
// so shell comments and `# subsys_name` style headers stay content.
const KNOWN = new Set([
  'cat',
  'mount',
  'ps',
  'top',
  'uptime',
  'dmesg',
  'journalctl',
  'systemctl',
  'busctl',
  'docker',
  'crictl',
  'grep',
  'egrep',
  'zgrep',
  'findmnt',
  'kubectl',
  'tail',
  'head',
  'less',
  'sudo',
  'lsblk',
  'free',
  'uname',
  'ls',
  'df',
  'ctr',
  'nerdctl',
  'runc',
  'podman',
  'sort',
  'wc',
  'awk',
  'find',
  'strace',
  'echo',
  'dbus-send',
  'gdbus',
  'loginctl',
  'sysctl',
  'mountpoint',
  'umount',
  'stat',
  'for',
  'xargs',
  'sh',
  'bash',
  'journal',
  'vmstat',
  'iostat',
  'pidstat',
  'curl',
  'kill',
  'timeout',
]);

const USER_HOST = /^(?:\([\w.-]+\) ?)?[\w.-]+@[\w.-]+(?:[: ][^\s#$]*)?\s?[#$%>] ?(.*)$/;
const BRACKET = /^\[[\w.@-]+(?:[: ][^\]]{0,80})?\][#$] ?(.*)$/;
const SUSE = /^[\w.-]+:[~/][^\s#$]* ?[#$] ?(.*)$/;
const BARE = /^(?:sh-[\d.]+)?[#$%] (.*)$/;

function firstWord(cmd: string): string {
  const m = /^\s*(?:sudo\s+(?:-\S+\s+)*)?([\w./-]+)/.exec(cmd);
  return (m?.[1] ?? '').split('/').pop() ?? '';
}

/** The command of a prompt line, or undefined when the line is not a prompt. */
export function promptCommand(line: string): string | undefined {
  if (line.length > 4096) return undefined;
  const m = USER_HOST.exec(line) ?? BRACKET.exec(line) ?? SUSE.exec(line);
  if (m) return (m[1] ?? '').trim();
  const b = BARE.exec(line);
  if (b && KNOWN.has(firstWord(b[1] ?? ''))) return (b[1] ?? '').trim();
  return undefined;
}

export function splitTranscript(lines: readonly string[]): PasteSection[] {
  const out: PasteSection[] = [];
  let cur: PasteSection = { from: 0, to: 0 };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const first = line.charCodeAt(0);
    // Cheap pre-check: prompts start with a letter, "[", "(", "#", "$" or "%".
    const maybe =
      first === 91 || first === 40 || first === 35 || first === 36 || first === 37 || /^[\w]/.test(line);
    const cmd =
      maybe && (line.includes('#') || line.includes('$') || line.includes('%') || line.includes('>'))
        ? promptCommand(line)
        : undefined;
    if (cmd === undefined) continue;
    cur.to = i;
    if (cur.to > cur.from || cur.command !== undefined) out.push(cur);
    cur = { command: cmd, from: i + 1, to: i + 1 };
  }
  cur.to = lines.length;
  if (cur.to > cur.from || cur.command !== undefined) out.push(cur);
  return out;
}
