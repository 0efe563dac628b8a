/**
 * Adversarial input shapes for the complexity checks: each builds a text of about `size`
 * characters whose structure defeats a parser that searches past the current line, rescans
 * what it has read, or backtracks inside a line. Test-only: nothing in the product imports it.
 */
export interface Shape {
  name: string;
  build: (size: number) => string;
}

/** `unit` repeated until the text reaches `size` characters. */
export function repeatTo(unit: string, size: number): string {
  return unit.repeat(Math.max(1, Math.ceil(size / unit.length))).slice(0, size);
}

/** Shapes every parser is run on, whatever its format. */
export const COMMON_SHAPES: Shape[] = [
  // Lines that look like records but lack every separator (` - `, `:`, `=`, `]`).
  { name: 'no separators', build: (n) => repeatTo('36 35 98 mnt1 mnt2 rw noatime ext3 root rw\n', n) },
  { name: 'one huge line of letters', build: (n) => 'a'.repeat(n) },
  { name: 'one huge line of words', build: (n) => repeatTo('ab ', n) },
  { name: 'one huge line of spaces', build: (n) => `x${' '.repeat(n - 2)}y` },
  { name: 'one huge line of digits', build: (n) => '1'.repeat(n) },
  { name: 'tiny lines', build: (n) => repeatTo('a\n', n) },
  { name: 'empty lines', build: (n) => '\n'.repeat(n) },
  { name: 'CRLF tiny lines', build: (n) => repeatTo('1\r\n', n) },
  { name: 'deep path', build: (n) => `36 35 98:0 ${repeatTo('/a', n - 60)} /m rw - ext4 /dev/x rw\n` },
  { name: 'repeated " - "', build: (n) => repeatTo(' - ', n) },
  { name: 'repeated ":"', build: (n) => repeatTo(':', n) },
  { name: 'repeated "="', build: (n) => repeatTo('a=', n) },
  { name: 'repeated quote', build: (n) => `"${repeatTo('\\"', n - 1)}` },
  { name: 'repeated brackets', build: (n) => repeatTo('[', n) },
  { name: 'repeated braces', build: (n) => repeatTo('{', n) },
  { name: 'repeated "## "', build: (n) => repeatTo('## \n', n) },
  { name: 'NUL bytes', build: (n) => '\0'.repeat(n) },
];
