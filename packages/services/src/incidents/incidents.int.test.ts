import { analyzeArtifacts } from '@nodescope/core';
import { storeSnapshot, upsertNodes } from '@nodescope/db';
import { generateArtifacts } from '@nodescope/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../db/test/test-database.ts';
import type { Actor } from '../actor.ts';
import { answerStep } from './answer-step.ts';
import { attachSnapshot, completeVerification, requestVerification } from './attach-snapshot.ts';
import { exportIncidentMarkdown } from './export-incident.ts';
import { getIncident } from './get-incident.ts';
import { listIncidents } from './list-incidents.ts';
import { openIncident } from './open-incident.ts';
import { createShareLink, incidentByShareToken, listShareLinks, revokeShareLink } from './share-links.ts';
import { mainRun } from './triage-report.ts';
import { addNote, markKeyEvent, updateIncident } from './update-incident.ts';

let db: TestDatabase;
const alice: Actor = { kind: 'user', id: 'u-alice', name: 'alice', role: 'responder' };

async function snapshotOf(name: string, scenario: 'mount-leak' | 'healthy', at: Date): Promise<bigint> {
  const node = await db.prisma.node.findUniqueOrThrow({ where: { name } });
  const artifacts = generateArtifacts({ name, scenario, scale: 0.05 }, at);
  const a = analyzeArtifacts(artifacts, { nodeName: name, takenAt: at.toISOString() });
  return storeSnapshot(db.prisma, {
    nodeId: node.id,
    takenAt: at,
    status: 'complete',
    durationMs: 10,
    artifacts,
    findings: a.findings,
    metrics: a.metrics,
  });
}

beforeAll(async () => {
  db = await createTestDatabase('incidents');
  process.env.NODESCOPE_SHARE_SECRET = 'x'.repeat(48);
  await upsertNodes(db.prisma, [
    { name: 'leaky-01', host: '10.9.8.7', labels: { cluster: 'c', pool: 'p' } },
    { name: 'calm-01', host: 'calm.example.net', labels: { cluster: 'c', pool: 'p' } },
  ]);
  await snapshotOf('leaky-01', 'mount-leak', new Date('2026-12-01T10:00:00Z'));
  await snapshotOf('calm-01', 'healthy', new Date('2026-12-01T10:00:00Z'));
});
afterAll(async () => db?.drop());

describe('incidents (real PostgreSQL)', () => {
  let slug = '';

  it('opens an incident on the latest snapshot, pinned by id and content hash', async () => {
    const r = await openIncident(db.prisma, alice, { nodeName: 'leaky-01', from: 'node' });
    if (!r.ok) throw new Error(r.reason);
    slug = r.slug;
    expect(slug).toMatch(/^\d{4}-\d{2}-\d{2}-leaky-01-[a-z-]+$/);
    const inc = await getIncident(db.prisma, slug);
    expect(inc?.pins).toHaveLength(1);
    expect(inc?.pins[0]?.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(inc?.pins[0]?.findings.map((f) => f.rule)).toContain('mount-propagation-leak');
    expect(inc?.events.map((e) => e.kind)).toEqual(['opened']);
    expect(inc?.events[0]?.nodeTime?.toISOString()).toBe('2026-12-01T10:00:00.000Z');
    expect(inc?.owner).toBe('alice');
    expect(await openIncident(db.prisma, alice, { nodeName: 'nope', from: 'node' })).toEqual({
      ok: false,
      reason: 'no-node',
    });
  });

  it('a second incident on the same node and symptom gets a suffix', async () => {
    const r = await openIncident(db.prisma, alice, { nodeName: 'leaky-01', from: 'node' });
    expect(r.ok && r.slug).toBe(`${slug}-2`);
  });

  it('answers and overrides steps; an override needs a note; both reach the timeline', async () => {
    const inc = await getIncident(db.prisma, slug);
    const run = mainRun(inc!.pins[0]!.triage)!;
    const [first, second] = run.steps;
    expect(first).toBeDefined();
    expect(await answerStep(db.prisma, alice, { slug, playbook: run.playbook, stepId: first!.id })).toEqual({
      ok: true,
      overridden: false,
    });
    const target = second ?? first!;
    const otherT = target.verdict === 'ruled-out' ? 'confirmed' : 'ruled-out';
    expect(
      await answerStep(db.prisma, alice, {
        slug,
        playbook: run.playbook,
        stepId: target.id,
        verdict: otherT,
      }),
    ).toEqual({
      ok: false,
      reason: 'note-required',
    });
    expect(
      await answerStep(db.prisma, alice, {
        slug,
        playbook: run.playbook,
        stepId: target.id,
        verdict: otherT,
        note: 'seen on the node by hand',
      }),
    ).toEqual({ ok: true, overridden: true });
    expect(
      await answerStep(db.prisma, alice, { slug, playbook: run.playbook, stepId: 'no-such-step' }),
    ).toEqual({ ok: false, reason: 'no-step' });
    const after = await getIncident(db.prisma, slug);
    const kinds = after!.events.map((e) => e.kind);
    expect(kinds).toContain('step-answered');
    expect(kinds).toContain('verdict-overridden');
    expect(after!.steps.find((s) => s.stepId === target.id)).toMatchObject({
      overridden: true,
      verdict: otherT,
      note: 'seen on the node by hand',
    });
  });

  it('a newer snapshot changes nothing until attached; attaching is a timeline event', async () => {
    const before = await getIncident(db.prisma, slug);
    const newer = await snapshotOf('leaky-01', 'healthy', new Date('2026-12-01T11:00:00Z'));
    const mid = await getIncident(db.prisma, slug);
    expect(mid!.pins).toEqual(before!.pins);
    expect(mid!.newerSnapshot?.id).toBe(String(newer));
    expect(await attachSnapshot(db.prisma, alice, slug, newer)).toEqual({
      ok: true,
      snapshotId: String(newer),
    });
    expect(await attachSnapshot(db.prisma, alice, slug, newer)).toEqual({
      ok: false,
      reason: 'already-pinned',
    });
    const calm = await db.prisma.node.findUniqueOrThrow({ where: { name: 'calm-01' } });
    expect(await attachSnapshot(db.prisma, alice, slug, calm.lastSnapshotId!)).toEqual({
      ok: false,
      reason: 'other-node',
    });
    const after = await getIncident(db.prisma, slug);
    expect(after!.pins[0]).toEqual(before!.pins[0]);
    expect(after!.pins.map((p) => p.role)).toEqual(['opened', 'attached']);
    expect(after!.events.at(-1)).toMatchObject({ kind: 'snapshot-attached', snapshotId: String(newer) });
    expect(after!.events.at(-1)!.nodeTime?.toISOString()).toBe('2026-12-01T11:00:00.000Z');
  });

  it('verify the fix: requests a collection, pins the next snapshot, shows before/after', async () => {
    expect((await requestVerification(db.prisma, alice, slug))?.accepted).toBe(true);
    expect(await completeVerification(db.prisma, alice, slug)).toBeNull();
    expect((await getIncident(db.prisma, slug))!.verifyPending).toBe(true);
    const fixed = await snapshotOf('leaky-01', 'healthy', new Date('2026-12-01T12:00:00Z'));
    expect(await completeVerification(db.prisma, alice, slug)).toBe(String(fixed));
    expect(await completeVerification(db.prisma, alice, slug)).toBe(String(fixed));
    const inc = await getIncident(db.prisma, slug);
    expect(inc!.verifyPending).toBe(false);
    const leaked = inc!.verify!.rows.find((r) => r.metric === 'kubelet.cpu_percent');
    expect(leaked!.before!).toBeGreaterThan(leaked!.after!);
  });

  it('status, severity, notes and key events', async () => {
    expect(await updateIncident(db.prisma, alice, slug, { field: 'status', value: 'mitigated' })).toBe(true);
    await updateIncident(db.prisma, alice, slug, { field: 'severity', value: 'warning' });
    await updateIncident(db.prisma, alice, slug, { field: 'remediation', value: 'umount the leaked paths' });
    await addNote(db.prisma, alice, slug, { text: 'paged storage team' });
    let inc = await getIncident(db.prisma, slug);
    const note = inc!.events.find((e) => e.kind === 'note')!;
    expect(note.key).toBe(false);
    expect(await markKeyEvent(db.prisma, slug, BigInt(note.id), true)).toBe(true);
    expect(await markKeyEvent(db.prisma, `${slug}-2`, BigInt(note.id), true)).toBe(false);
    inc = await getIncident(db.prisma, slug);
    expect(inc).toMatchObject({ status: 'mitigated', severity: 'warning' });
    expect(inc!.mitigatedAt).not.toBeNull();
    expect(inc!.events.filter((e) => e.key).map((e) => e.kind)).toEqual(
      expect.arrayContaining(['opened', 'status-changed', 'note']),
    );
    expect(await updateIncident(db.prisma, alice, 'no-such', { field: 'status', value: 'resolved' })).toBe(
      false,
    );
  });

  it('lists with filters', async () => {
    await openIncident(db.prisma, alice, { nodeName: 'calm-01', from: 'fleet' });
    expect((await listIncidents(db.prisma)).length).toBe(3);
    expect((await listIncidents(db.prisma, { status: ['mitigated'] })).map((r) => r.slug)).toEqual([slug]);
    expect((await listIncidents(db.prisma, { node: 'calm-01' })).length).toBe(1);
    expect(
      (await listIncidents(db.prisma, { rule: 'mount-propagation-leak' })).map((r) => r.nodeName),
    ).toEqual(['leaky-01', 'leaky-01']);
    expect((await listIncidents(db.prisma, { severity: ['warning'] })).map((r) => r.slug)).toEqual([slug]);
    expect(await listIncidents(db.prisma, { from: new Date(Date.now() + 86_400_000) })).toEqual([]);
  });

  it('exports Markdown with its sections, and redacts names and addresses on request', async () => {
    const md = (await exportIncidentMarkdown(db.prisma, slug))!.markdown;
    for (const h of [
      '## Summary',
      '## Impact window',
      '## Key events',
      '## Root cause',
      '## Triage and evidence',
      '## Remediation done',
      '## Verification',
      '## Follow-ups',
      '## Timeline',
      '## Pinned snapshots',
    ]) {
      expect(md).toContain(h);
    }
    expect(md).toContain('leaky-01');
    expect(md).toMatch(/\/snapshots\/\d+\?probe=[a-z-]+#L\d+/);
    expect(md).toContain('umount the leaked paths');
    const red = (await exportIncidentMarkdown(db.prisma, slug, { redact: true }))!.markdown;
    expect(red).not.toContain('leaky-01');
    expect(red).not.toContain('10.9.8.7');
    expect(red).toContain('node-1');
    expect(await exportIncidentMarkdown(db.prisma, 'nope')).toBeNull();
  });

  it('share links open one incident read-only until revoked or expired', async () => {
    const link = (await createShareLink(db.prisma, alice, { slug, days: 7, label: 'storage team' }))!;
    const stored = await db.prisma.incidentShareLink.findUniqueOrThrow({ where: { id: link.id } });
    expect(stored.tokenHash).not.toContain(link.token);
    expect((await incidentByShareToken(db.prisma, link.token))?.incident.slug).toBe(slug);
    // One character changed (never to itself: a token may already end in "A").
    const tampered = `${link.token.slice(0, -1)}${link.token.endsWith('A') ? 'B' : 'A'}`;
    expect(await incidentByShareToken(db.prisma, tampered)).toBeNull();
    expect(await revokeShareLink(db.prisma, alice, slug, link.id)).toBe(true);
    expect(await incidentByShareToken(db.prisma, link.token)).toBeNull();
    const expired = (await createShareLink(db.prisma, alice, { slug, days: 1 }))!;
    await db.prisma.incidentShareLink.update({
      where: { id: expired.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await incidentByShareToken(db.prisma, expired.token)).toBeNull();
    const states = (await listShareLinks(db.prisma, slug)).map((l) => l.state).sort();
    expect(states).toEqual(['expired', 'revoked']);
    const kinds = (await getIncident(db.prisma, slug))!.events.map((e) => e.kind);
    expect(kinds.filter((k) => k === 'share-created')).toHaveLength(2);
    expect(kinds).toContain('share-revoked');
  });
});
