import { parsePsi } from '../psi.ts';
import type { FileChecker } from './check.ts';
import { blockText } from './corpus.ts';

const v = (avg10: number, avg60: number, avg300: number, total: number) => ({ avg10, avg60, avg300, total });
const strip = (l: { avg10: number; avg60: number; avg300: number; total: number } | undefined) =>
  l && v(l.avg10, l.avg60, l.avg300, l.total);

export const PSI_EXPECTATIONS: Record<string, FileChecker> = {
  '08_proc_pressure_psi_multisource.txt': (f, c) => {
    const a = f.blocks.find((b) => b.marker.startsWith('src: (a)'));
    const ra = parsePsi(a ? blockText(a) : '');
    c.eq('(a) no warnings, available', [ra.warnings.length, ra.value.available], [0, true]);
    c.eq(
      '(a) cpu: one some line, no full',
      [strip(ra.value.cpu?.some), ra.value.cpu?.full],
      [v(0.13, 0.68, 0.28, 1195993), undefined],
    );
    c.eq(
      '(a) io',
      [strip(ra.value.io?.some), strip(ra.value.io?.full)],
      [v(0, 1.11, 0.68, 2828208), v(0, 0.91, 0.56, 2334731)],
    );
    c.eq(
      '(a) memory all zeros',
      [strip(ra.value.memory?.some), strip(ra.value.memory?.full)],
      [v(0, 0, 0, 0), v(0, 0, 0, 0)],
    );

    // Each upstream file or case is one /proc/pressure file: parse it under a section of its own.
    const asFile = (marker: string, resource: string) => {
      const b = f.blocks.find((x) => x.marker.startsWith(marker));
      return parsePsi(`## ${resource}\n${b ? blockText(b) : ''}`);
    };
    const cpu = asFile('file: fixtures/proc/pressure/cpu', 'cpu');
    c.eq(
      '(b) cpu has only some',
      [strip(cpu.value.cpu?.some), cpu.value.cpu?.full, cpu.warnings.length],
      [v(0.1, 2, 3.85, 15), undefined, 0],
    );
    for (const r of ['io', 'memory'] as const) {
      const p = asFile(`file: fixtures/proc/pressure/${r}`, r);
      c.eq(
        `(b) ${r} some and full`,
        [strip(p.value[r]?.some), strip(p.value[r]?.full), p.warnings.length],
        [v(0.1, 2, 3.85, 15), v(0.2, 3, 4.95, 25), 0],
      );
    }
    const unknown = asFile('case: proc_psi_test.go TestParsePSIStats/unknown', 'cpu');
    c.eq(
      '(b) unknown measurement ignored without error',
      [unknown.value.cpu, unknown.warnings.length],
      [undefined, 0],
    );
    for (const name of ['some', 'full']) {
      const p = asFile(`case: proc_psi_test.go TestParsePSIStats/${name}`, 'cpu');
      c.ok(
        `(b) malformed ${name}: error and no partial result`,
        p.warnings.length > 0 && p.value.cpu === undefined,
      );
    }
  },
};
