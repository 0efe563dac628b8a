/**
 * Renders `ps -eo pid,ppid,stat,etimes,nlwp,pcpu,rss,wchan:32,args -ww` the way procps-ng does:
 * fixed-width columns separated by one space, right-aligned numbers, left-aligned STAT and
 * WCHAN, and an over-wide value pushing the rest of its line right until later padding absorbs it.
 */
export interface PsRow {
  pid: number;
  ppid: number;
  stat: string;
  etimes: number;
  nlwp: number;
  /** Lifetime CPU percentage as ps computes it. */
  pcpu: number;
  rssKb: number;
  wchan: string;
  /** Full command line, or `[comm]` for kernel threads. */
  args: string;
}

interface Column {
  header: string;
  width: number;
  right: boolean;
}

/** ps sizes PID columns to the digits of kernel.pid_max (5 for 32768, 7 for 4194304). */
export function psColumns(pidMax: number): Column[] {
  const pidWidth = Math.max(5, String(pidMax).length);
  return [
    { header: 'PID', width: pidWidth, right: true },
    { header: 'PPID', width: pidWidth, right: true },
    { header: 'STAT', width: 4, right: false },
    { header: 'ELAPSED', width: 7, right: true },
    { header: 'NLWP', width: 4, right: true },
    { header: '%CPU', width: 4, right: true },
    { header: 'RSS', width: 5, right: true },
    { header: 'WCHAN', width: 32, right: false },
  ];
}

/** procps pr_pcpu: tenths below 100 %, whole percent above. */
export function formatPcpu(pcpu: number): string {
  const permille = Math.max(0, Math.round(pcpu * 10));
  if (permille > 999) return String(Math.floor(permille / 10)).padStart(3, ' ');
  return `${String(Math.floor(permille / 10)).padStart(2, ' ')}.${permille % 10}`;
}

function renderLine(cols: Column[], values: string[], last: string): string {
  let out = '';
  let overflow = 0;
  for (let i = 0; i < cols.length; i++) {
    const col = cols[i] as Column;
    const v = values[i] as string;
    let pad = col.width - v.length;
    if (pad < 0) {
      overflow += -pad;
      pad = 0;
    } else if (overflow > 0) {
      const absorbed = Math.min(overflow, pad);
      overflow -= absorbed;
      pad -= absorbed;
    }
    out += col.right ? ' '.repeat(pad) + v : v + ' '.repeat(pad);
    out += ' ';
  }
  return out + last;
}

export function renderPsTable(rows: readonly PsRow[], pidMax: number): string {
  const cols = psColumns(pidMax);
  const lines: string[] = [
    renderLine(
      cols,
      cols.map((c) => c.header),
      'COMMAND',
    ),
  ];
  for (const r of rows) {
    lines.push(
      renderLine(
        cols,
        [
          String(r.pid),
          String(r.ppid),
          r.stat,
          String(r.etimes),
          String(r.nlwp),
          formatPcpu(r.pcpu),
          String(r.rssKb),
          r.wchan.slice(0, 32),
        ],
        r.args,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}
