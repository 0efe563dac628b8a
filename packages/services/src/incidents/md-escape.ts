/** Markdown text that renders as the literal characters given (CommonMark + GFM tables). */
export function mdText(s: string): string {
  return s
    .replace(/\r?\n/g, ' ')
    .replace(/[\\`*_[\]{}()<>#+!|~]/g, (c) => `\\${c}`)
    .replace(/^(\s*)-/, '$1\\-')
    .replace(/^(\s*\d+)\./, '$1\\.')
    .replace(/&/g, '&amp;');
}

/** A GFM table cell: escaped text, pipes escaped (mdText already does), never empty. */
export function mdCell(s: string | number | null | undefined): string {
  if (s === null || s === undefined || s === '') return ' ';
  return mdText(String(s));
}

/** Inline code that survives backticks inside the value. */
export function mdCode(s: string): string {
  const one = s.replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...[...one.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = one.startsWith('`') || one.endsWith('`') || one.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${one}${pad}${fence}`;
}

/** A fenced block whose fence is longer than any backtick run in the body. */
export function mdFence(body: string, info = 'text'): string {
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${body.replace(/\r/g, '')}\n${fence}`;
}

export function mdTable(head: string[], rows: (string | number | null)[][]): string {
  const line = (cells: (string | number | null)[]) => `| ${cells.map(mdCell).join(' | ')} |`;
  return [line(head), `| ${head.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n');
}
