// Core benchmark: parse + analyze a seed-A-scale snapshot (26,765 mount records, 6,385
// devices, 20,135 tasks, ~4,000 kubelet error lines, dmesg) in fresh processes (one for the
// timings, one for the peak RSS of a single analysis), and compare
// our mountinfo parse with util-linux `findmnt --tab-file` on the same table, in the same run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeArtifacts, parseBundle, parseMountinfo, serializeBundle } from '@nodescope/core';
import { bundleFor } from '@nodescope/simulator';
import { fmt, median, timeCommand, timeRuns, verdict } from './bench-util.ts';

const self = fileURLToPath(import.meta.url);

/** Timing child: read the bundle, analyze it N times, report median times. */
function child(file: string) {
  const text = readFileSync(file, 'utf8');
  const bundle = parseBundle(text).value!;
  let findings = 0;
  const times = timeRuns(5, () => {
    findings = analyzeArtifacts(bundle.artifacts, { takenAt: bundle.takenAt }).findings.length;
  });
  const host = bundle.artifacts.find((a) => a.probe === 'mountinfo')!.text;
  const parse = timeRuns(9, () => parseMountinfo(host));
  process.stdout.write(JSON.stringify({ analyzeMs: median(times), parseMs: median(parse), findings }));
}

/**
 * Memory child: what one snapshot costs, as the collector and the API pay it: read the bundle,
 * analyze it once, keep the result alive, report the peak RSS of the whole process. Repeated
 * timing runs would measure garbage the GC has not yet had a reason to return.
 */
function memoryChild(file: string) {
  const text = readFileSync(file, 'utf8');
  const bundle = parseBundle(text).value!;
  const result = analyzeArtifacts(bundle.artifacts, { takenAt: bundle.takenAt });
  process.stdout.write(
    JSON.stringify({ findings: result.findings.length, maxRssMb: process.resourceUsage().maxRSS / 1024 }),
  );
}

function runChild(mode: string, file: string): unknown {
  const res = spawnSync(process.execPath, ['--import', 'tsx', self, mode, file], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(res.stderr);
  return JSON.parse(res.stdout);
}

function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nodescope-bench-'));
  try {
    const bundle = bundleFor('mount-leak', { scale: 1 });
    const file = path.join(dir, 'mount-leak.bundle');
    writeFileSync(file, serializeBundle(bundle));
    const host = bundle.artifacts.find((a) => a.probe === 'mountinfo')!.text;
    const nsText = bundle.artifacts.find((a) => a.probe === 'mountinfo-ns')?.text ?? '';
    const procs = bundle.artifacts.find((a) => a.probe === 'processes')!.text;
    const tab = path.join(dir, 'mountinfo');
    writeFileSync(tab, host);
    // findmnt builds its tree in quadratic time on tables this size: one run is enough to compare.
    const findmnt = timeCommand('findmnt', ['--tab-file', tab, '-n']);
    const r = runChild('--child', file) as { analyzeMs: number; parseMs: number; findings: number };
    const mem = runChild('--memory-child', file) as { findings: number; maxRssMb: number };
    if (mem.findings !== r.findings) throw new Error(`findings differ: ${r.findings} vs ${mem.findings}`);
    const figures = {
      input: {
        hostMountRecords: host.split('\n').filter(Boolean).length,
        nsMountRecords: nsText.split('\n').filter((l) => l && !l.startsWith('##')).length,
        tasks: procs.split('\n').filter(Boolean).length - 1,
        bundleMb: +(readFileSync(file).length / 1048576).toFixed(1),
      },
      analyzeMs: +r.analyzeMs.toFixed(1),
      peakRssMb: +mem.maxRssMb.toFixed(0),
      findings: r.findings,
      mountinfoParseMs: +r.parseMs.toFixed(1),
      findmntWholeRunMs: +findmnt.toFixed(1),
      parseVsFindmnt: +(r.parseMs / findmnt).toPrecision(2),
    };
    console.log(
      `core: analyze ${fmt(figures.analyzeMs)} ms (target < 300: ${verdict(figures.analyzeMs < 300)}), peak RSS ${figures.peakRssMb} MB (target < 250: ${verdict(figures.peakRssMb < 250)})`,
    );
    console.log(
      `core: mountinfo parse ${fmt(figures.mountinfoParseMs)} ms vs findmnt --tab-file ${fmt(figures.findmntWholeRunMs)} ms = ${figures.parseVsFindmnt}x, ${fmt(findmnt / r.parseMs, 0)}x faster (target <= 1: ${verdict(figures.parseVsFindmnt <= 1)})`,
    );
    console.log(JSON.stringify({ bench: 'core', ...figures }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') child(process.argv[3]!);
else if (process.argv[2] === '--memory-child') memoryChild(process.argv[3]!);
else main();
