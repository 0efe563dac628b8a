import { analyzeArtifacts } from '@nodescope/core';
import { storeSnapshot, upsertNodes } from '@nodescope/db';
import { bundleFor } from '@nodescope/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../db/test/test-database.ts';
import { appRouter } from '../router.ts';

let db: TestDatabase;
let api: ReturnType<typeof appRouter.createCaller>;
beforeAll(async () => {
  db = await createTestDatabase('node_root_cause');
  api = appRouter.createCaller({
    prisma: db.prisma,
    actor: { kind: 'user', id: 'test-viewer', name: 'test viewer', role: 'viewer' },
  });
});
afterAll(async () => db?.drop());

async function store(name: string, scenario: string) {
  await upsertNodes(db.prisma, [{ name, host: 'h', labels: { cluster: 'c', pool: 'p' } }]);
  const node = await db.prisma.node.findUniqueOrThrow({ where: { name } });
  const b = bundleFor(scenario, { scale: 0.05, name });
  const r = analyzeArtifacts(b.artifacts, { takenAt: b.takenAt });
  await storeSnapshot(db.prisma, {
    nodeId: node.id,
    takenAt: new Date(b.takenAt),
    status: 'complete',
    durationMs: 5,
    artifacts: b.artifacts,
    findings: r.findings,
    metrics: r.metrics,
  });
}

describe('node.get leads with the root cause (real PostgreSQL)', () => {
  it('mount leak: root cause from the stored findings, cause first, consequences after', async () => {
    await store('leak-1', 'mount-leak');
    const n = await api.node.get({ name: 'leak-1' });
    expect(n.rootCause).toMatchObject({
      id: 'mount-leak-dead-container',
      causeRule: 'mount-propagation-leak',
    });
    expect(n.rootCause?.chain[0]).toMatch(/DaemonSet \(logxxx-ds.*HostToContainer/);
    expect(n.findings[0]?.rule).toBe('mount-propagation-leak');
    expect(n.findings.map((f) => f.rule).slice(1, 3)).toEqual([
      'container-stuck-removal',
      'kernel-thread-flood',
    ]);
    expect(n.rootCause?.consequenceRules).toEqual(n.findings.slice(1).map((f) => f.rule));
    // Stable: the same order on every read.
    expect((await api.node.get({ name: 'leak-1' })).findings.map((f) => f.id)).toEqual(
      n.findings.map((f) => f.id),
    );
  });

  it('systemd hang: the timed-out probe stored as a probe error still yields the hang', async () => {
    await store('hang-1', 'systemd-hang');
    const n = await api.node.get({ name: 'hang-1' });
    expect(n.lastSnapshot?.probeErrors).toHaveProperty('systemd');
    expect(n.rootCause?.id).toBe('systemd-dbus-hang');
  });

  it('healthy: no root cause', async () => {
    await store('ok-1', 'healthy');
    expect((await api.node.get({ name: 'ok-1' })).rootCause).toBeNull();
  });
});
