import { analyzeArtifacts } from '@nodescope/core';
import { storeSnapshot, upsertNodes } from '@nodescope/db';
import { bundleFor } from '@nodescope/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../db/test/test-database.ts';
import { appRouter } from '../router.ts';

let db: TestDatabase;
let api: ReturnType<typeof appRouter.createCaller>;
let leakSnapshot = '';
let otherSnapshot = '';

beforeAll(async () => {
  db = await createTestDatabase('mounts');
  api = appRouter.createCaller({
    prisma: db.prisma,
    actor: { kind: 'user', id: 'viewer-1', name: 'viewer', role: 'viewer' },
  });
  await upsertNodes(db.prisma, [
    { name: 'leaky', host: '10.0.0.1', labels: {} },
    { name: 'calm', host: '10.0.0.2', labels: {} },
  ]);
  for (const [name, scenario] of [
    ['leaky', 'mount-leak'],
    ['calm', 'healthy'],
  ] as const) {
    const b = bundleFor(scenario, { scale: 0.05, name });
    const n = await db.prisma.node.findUniqueOrThrow({ where: { name } });
    const r = analyzeArtifacts(b.artifacts, { takenAt: b.takenAt });
    const id = await storeSnapshot(db.prisma, {
      nodeId: n.id,
      takenAt: new Date(b.takenAt),
      status: 'complete',
      durationMs: 100,
      artifacts: b.artifacts,
      findings: r.findings,
      metrics: r.metrics,
    });
    if (name === 'leaky') leakSnapshot = String(id);
    else otherSnapshot = String(id);
  }
}, 120_000);
afterAll(async () => db?.drop());

describe('mounts.graph (real PostgreSQL, stored simulator snapshots)', { timeout: 120_000 }, () => {
  it('groups the leak node: the dead holder, its copy group, raw lines that point at the artifact', async () => {
    const r = await api.mounts.graph({ node: 'leaky' });
    expect(r.snapshot.id).toBe(leakSnapshot);
    const group = r.view.nodes.find((n) => n.kind === 'copy-group' && n.leak);
    expect(group?.count).toBeGreaterThan(100);
    expect(r.view.holders[0]).toMatchObject({ leak: true, state: 'Removal In Progress' });

    const open = await api.mounts.graph({ node: 'leaky', expand: group?.id, select: group?.id });
    expect(open.view.expanded).toBe(group?.id);
    expect(open.view.nodes.filter((n) => n.kind === 'copy').length).toBeGreaterThan(100);
    const sel = open.selection;
    expect(sel?.kubeletLineTotal).toBeGreaterThan(0);
    const raw = sel?.mountLines[0];
    const artifact = await api.snapshot.artifact({ id: leakSnapshot, probe: raw?.probe as string });
    expect(artifact.text?.split('\n')[(raw?.line as number) - 1]).toBe(raw?.text);
    expect(sel?.container?.status).toBe('Removal In Progress');
  });

  it('a healthy node: grouped topology and "nothing leaks"', async () => {
    const r = await api.mounts.graph({ node: 'calm' });
    expect(r.view.summary).toMatch(/^Nothing leaks/);
    expect(r.view.nodes.some((n) => n.kind === 'device')).toBe(true);
    expect(r.view.nodes.every((n) => !n.leak)).toBe(true);
  });

  it('downloads: the leaks CSV and the umount plan of the snapshot', async () => {
    const csv = await api.mounts.export({ node: 'leaky', kind: 'leaks-csv' });
    expect(csv.fileName).toMatch(/^leaky-.*-mount-leaks\.csv$/);
    expect(csv.text.split('\n')[0]).toMatch(/^path,device/);
    const plan = await api.mounts.export({ node: 'leaky', snapshot: leakSnapshot, kind: 'umount-plan' });
    expect(plan.text).toMatch(/^#!\/bin\/sh/);
    expect(plan.text).toMatch(/^umount /m);
  });

  it("refuses another node's snapshot, unknown nodes and callers without a role", async () => {
    await expect(api.mounts.graph({ node: 'leaky', snapshot: otherSnapshot })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(api.mounts.graph({ node: 'ghost' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const anonymous = appRouter.createCaller({ prisma: db.prisma, actor: null });
    await expect(anonymous.mounts.graph({ node: 'leaky' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
