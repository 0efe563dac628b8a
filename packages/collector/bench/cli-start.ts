// CLI benchmark: the command line as a user runs it, whole processes, in one run:
// `nodescope --help`, and `nodescope analyze --probe mountinfo` on a seed-A-shaped 26,503-line
// mount table against util-linux `findmnt --tab-file` (list mode) reading the same file.
// Also prints `node -e 0` on this machine: the floor any Node command line starts from.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleFor } from '@nodescope/simulator';
import { fmt, median, timeCommand, verdict } from './bench-util.ts';

const REPO = path.resolve(import.meta.dirname, '../../..');
const CLI = path.join(REPO, 'node_modules/.bin/nodescope');
const TABLE_LINES = 26_503;
const RUNS = 7;

/** The mount-leak scenario's host table cut to the line count of seed A's (same shape). */
function seedTable(): string {
  const host = bundleFor('mount-leak', { scale: 1 }).artifacts.find((a) => a.probe === 'mountinfo')!.text;
  const lines = host.split('\n').filter((l) => l !== '');
  if (lines.length < TABLE_LINES) throw new Error(`mount-leak table has only ${lines.length} lines`);
  return `${lines.slice(0, TABLE_LINES).join('\n')}\n`;
}

/** A 50 MB paste: the real-world corpus (problems and healthy text mixed) repeated. */
function bigPaste(): string {
  const root = path.join(REPO, 'packages/core/test/corpus');
  const parts: string[] = [];
  for (const family of readdirSync(root))
    for (const f of readdirSync(path.join(root, family)))
      parts.push(
        readFileSync(path.join(root, family, f), 'utf8')
          .split('\n')
          .slice(2)
          .join('\n'),
      );
  const unit = parts.join('\n');
  return Array.from({ length: Math.ceil((50 * 1024 * 1024) / unit.length) }, () => unit).join('\n');
}

/** Median wall time of RUNS whole runs, after one warm-up that fills the page cache. */
function timeWhole(cmd: string, args: string[]): number {
  timeCommand(cmd, args);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(timeCommand(cmd, args));
  return median(times);
}

function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nodescope-cli-bench-'));
  try {
    const tab = path.join(dir, 'mountinfo');
    writeFileSync(tab, seedTable());
    // Interleaved so load on the machine affects each command alike.
    const node = timeWhole(process.execPath, ['-e', '0']);
    const help = timeWhole(CLI, ['--help']);
    const findmnt = timeWhole('findmnt', [
      '--tab-file',
      tab,
      '-r',
      '-o',
      'ID,PARENT,MAJ:MIN,TARGET,SOURCE,PROPAGATION',
    ]);
    const analyze = timeWhole(CLI, ['analyze', '--probe', 'mountinfo', tab]);
    const ratio = analyze / findmnt;
    const paste = path.join(dir, 'paste.txt');
    writeFileSync(paste, bigPaste());
    const pasteMs = timeCommand(CLI, ['analyze', paste]);
    const figures = {
      tableLines: TABLE_LINES,
      nodeBareMs: +node.toFixed(1),
      helpMs: +help.toFixed(1),
      analyzeMs: +analyze.toFixed(1),
      findmntMs: +findmnt.toFixed(1),
      analyzeVsFindmnt: +ratio.toPrecision(2),
      paste50MbMs: +pasteMs.toFixed(0),
    };
    console.log(JSON.stringify(figures));
    console.log(
      `cli: --help ${fmt(help)} ms (target < 150: ${verdict(help < 150)}; bare node -e 0 here ${fmt(node)} ms)`,
    );
    console.log(
      `cli: analyze --probe mountinfo ${fmt(analyze)} ms vs findmnt --tab-file -r ${fmt(findmnt)} ms on ${fmt(TABLE_LINES, 0)} lines = ${figures.analyzeVsFindmnt}x (target <= 1: ${verdict(ratio <= 1)})`,
    );
    console.log(`cli: analyze of a 50 MB mixed paste (corpus repeated) ${fmt(pasteMs / 1000, 2)} s, one run`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
