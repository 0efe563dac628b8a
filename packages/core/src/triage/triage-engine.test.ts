import { describe, expect, it } from 'vitest';
import type { Finding } from '../model/finding.ts';
import { CONCLUSIONS } from './conclusions/index.ts';
import { runTriage } from './engine.ts';
import { renderBlockMarkdown, renderTriageMarkdown } from './markdown.ts';
import { orderFindings } from './order-findings.ts';
import { PLAYBOOK_OUTLINES } from './outline.ts';
import { PLAYBOOKS } from './playbooks/index.ts';
import { toTriageJson } from './report-json.ts';
import { CONCLUSION_IDS, DECIDE, PLAYBOOK_IDS, type TriageInput, VERDICTS } from './types.ts';

const f = (
  rule: Finding['rule'],
  severity: Finding['severity'] = 'critical',
  details?: Record<string, unknown>,
): Finding => ({
  rule,
  severity,
  title: rule,
  summary: `${rule} fired with numbers`,
  evidence: [{ probe: 'dmesg', line: 3, text: `${rule} line | with a pipe` }],
  evidenceTotal: 1,
  metrics: {},
  ...(details ? { details } : {}),
});
const allOk: TriageInput['probes'] = Object.fromEntries(
  [
    'system',
    'mountinfo',
    'blockdev',
    'processes',
    'cgroups',
    'psi',
    'containers',
    'kubelet-log',
    'runtime-log',
    'dmesg',
    'systemd',
    'kubelet-proc',
  ].map((p) => [p, { state: 'ok' }]),
);

describe('playbook data', () => {
  it.each(PLAYBOOK_IDS)(
    '%s: every branch of every verdict goes forward to a step of the playbook or to decide',
    (id) => {
      const p = PLAYBOOKS[id];
      const index = new Map(p.steps.map((s, i) => [s.id, i]));
      expect(index.size).toBe(p.steps.length);
      p.steps.forEach((s, i) => {
        for (const v of VERDICTS) {
          const t = s.branches[v];
          if (t === DECIDE) continue;
          expect(index.get(t), `${s.id} --${v}--> ${t}`).toBeGreaterThan(i);
        }
        expect(s.why.length).toBeGreaterThan(20);
      });
      for (const d of p.decisions)
        for (const stepId of Object.keys(d.when)) expect(index.has(stepId)).toBe(true);
      expect(p.entry.rules.length + p.entry.metrics.length).toBeGreaterThan(0);
    },
  );

  it('outlines are plain JSON and name every conclusion by a known id', () => {
    const json = JSON.parse(JSON.stringify(PLAYBOOK_OUTLINES));
    expect(json.map((o: { id: string }) => o.id)).toEqual([...PLAYBOOK_IDS]);
    for (const o of PLAYBOOK_OUTLINES)
      for (const d of o.decisions) expect(CONCLUSION_IDS).toContain(d.conclusion);
    expect(Object.keys(CONCLUSIONS).sort()).toEqual([...CONCLUSION_IDS].sort());
  });
});

describe('verdicts on partial data', () => {
  it('a check whose probe failed is unknown, never ruled out', () => {
    const r = runTriage(
      {
        findings: [f('runc-stuck')],
        metrics: {},
        probes: { ...allOk, systemd: { state: 'failed', error: 'channel closed' } },
      },
      { playbook: 'containers-fail-to-start' },
    );
    const systemd = r.runs[0]?.steps.find((s) => s.id === 'systemd');
    expect(systemd?.verdict).toBe('unknown');
    expect(systemd?.reason).toMatch(/probe systemd failed \(channel closed\)/);
    expect(r.runs[0]?.conclusion.id).toBe('insufficient-data');
    expect(r.rootCause).toBeNull();
    expect(r.dataGaps).toContainEqual({ probe: 'systemd', state: 'failed', error: 'channel closed' });
  });

  it('the same check with its probe delivered is ruled out', () => {
    const r = runTriage(
      {
        findings: [f('runc-stuck')],
        metrics: { 'systemd.ping_ms': 4, 'psi.io.some.avg10': 1 },
        probes: allOk,
      },
      { playbook: 'containers-fail-to-start' },
    );
    const systemd = r.runs[0]?.steps.find((s) => s.id === 'systemd');
    expect(systemd?.verdict).toBe('ruled-out');
    expect(systemd?.readings[0]?.text).toBe('systemd D-Bus ping 4 ms (≥ 1,000 ms)');
    expect(r.runs[0]?.conclusion.id).toBe('cause-not-found');
  });

  it('details of an unexpected shape make the check unknown instead of throwing', () => {
    const bad = f('mount-propagation-leak', 'critical', { holders: 'not a list' });
    const r = runTriage({ findings: [bad], metrics: {}, probes: allOk }, { playbook: 'pods-stuck' });
    expect(r.runs[0]?.steps.length).toBeGreaterThan(0);
  });

  it('an unknown playbook id in input cannot be asked for (type-level) and every playbook runs on empty input', () => {
    for (const id of PLAYBOOK_IDS) {
      const r = runTriage({ findings: [], metrics: {}, probes: {} }, { playbook: id });
      expect(
        r.runs[0]?.steps.every(
          (s) => s.verdict === 'unknown' || s.check === 'peer-comparison' || s.verdict === 'ruled-out',
        ),
      ).toBe(true);
      expect(['insufficient-data', 'no-problem-found']).toContain(r.runs[0]?.conclusion.id);
    }
  });
});

describe('root cause and finding order', () => {
  const findings = [
    f('disk-io-errors'),
    f('fleet-outlier', 'critical'),
    f('hung-task', 'warning'),
    f('kernel-thread-flood', 'warning'),
    f('mount-propagation-leak'),
    f('container-stuck-removal'),
  ];
  it('puts the cause first, consequences in causal order, then the rest', () => {
    const o = orderFindings(findings, 'mount-leak-dead-container');
    expect(o.map((x) => x.finding.rule)).toEqual([
      'mount-propagation-leak',
      'container-stuck-removal',
      'kernel-thread-flood',
      'fleet-outlier',
      'disk-io-errors',
      'hung-task',
    ]);
    expect(o.map((x) => x.role)).toEqual([
      'cause',
      'consequence',
      'consequence',
      'consequence',
      'consequence',
      'other',
    ]);
  });
  it('is stable whatever the input order, and falls back to severity then catalogue order', () => {
    const a = orderFindings(findings, null).map((x) => x.finding.rule);
    const b = orderFindings([...findings].reverse(), null).map((x) => x.finding.rule);
    expect(a).toEqual(b);
    expect(a).toEqual([
      'mount-propagation-leak',
      'container-stuck-removal',
      'disk-io-errors',
      'fleet-outlier',
      'kernel-thread-flood',
      'hung-task',
    ]);
  });
});

describe('rendering', () => {
  it('JSON has the DESIGN.md contract fields', () => {
    const r = runTriage({
      findings: [f('runc-stuck'), f('systemd-unresponsive')],
      metrics: {},
      probes: allOk,
    });
    const j = toTriageJson(r);
    expect(j.rootCause).toEqual({
      id: 'systemd-dbus-hang',
      title: CONCLUSIONS['systemd-dbus-hang'].title,
      playbook: 'node-not-ready',
    });
    const run = j.runs[0];
    expect(Object.keys(run?.steps[0] ?? {})).toEqual(
      expect.arrayContaining(['id', 'title', 'verdict', 'reason', 'evidence']),
    );
    expect(run?.conclusion.remediation.find((m) => m.command === 'systemctl daemon-reexec')?.risk).toBe(
      'medium',
    );
  });
  it('Markdown keeps table cells intact and links evidence lines', () => {
    const md = renderBlockMarkdown({
      kind: 'counts',
      title: 'T',
      columns: ['a', 'b'],
      rows: [['x|y', 12777]],
    });
    expect(md).toContain('| x\\|y | 12,777 |');
    const ex = renderBlockMarkdown(
      { kind: 'log-excerpt', title: 'L', probe: 'dmesg', lines: [{ line: 3, text: 'boom' }], total: 9 },
      { lineHref: (p, l) => `/snapshots/7?probe=${p}#L${l}` },
    );
    expect(ex).toContain('[dmesg:3](/snapshots/7?probe=dmesg#L3)');
    expect(ex).toContain('(1 of 9 lines)');
    const report = renderTriageMarkdown(runTriage({ findings: [], metrics: {}, probes: allOk }));
    expect(report).toMatch(/No playbook's entry symptom is present/);
    expect(report).toMatch(/No problem found/);
  });
});
