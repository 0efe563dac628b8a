import { analyzeArtifacts } from '@nodescope/core';
import { storeSnapshot, upsertNodes } from '@nodescope/db';
import type { Actor } from '@nodescope/services';
import { generateArtifacts } from '@nodescope/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../db/test/test-database.ts';
import { appRouter } from '../router.ts';

let db: TestDatabase;
const as = (role: Actor['role'] | null) =>
  appRouter.createCaller({
    prisma: db.prisma,
    actor: role ? { kind: 'user', id: `u-${role}`, name: role, role } : null,
  });

beforeAll(async () => {
  db = await createTestDatabase('incidents_api');
  process.env.NODESCOPE_SHARE_SECRET = 'k'.repeat(40);
  await upsertNodes(db.prisma, [{ name: 'n-1', host: '10.1.1.1', labels: {} }]);
  const node = await db.prisma.node.findUniqueOrThrow({ where: { name: 'n-1' } });
  const at = new Date('2026-12-01T08:00:00Z');
  const artifacts = generateArtifacts({ name: 'n-1', scenario: 'systemd-hang', scale: 0.05 }, at);
  const a = analyzeArtifacts(artifacts, { nodeName: 'n-1' });
  await storeSnapshot(db.prisma, {
    nodeId: node.id,
    takenAt: at,
    status: 'complete',
    durationMs: 1,
    artifacts,
    findings: a.findings,
    metrics: a.metrics,
  });
});
afterAll(async () => db?.drop());

describe('incidents procedures (real PostgreSQL)', () => {
  it('viewers read, responders write, nobody without a session', async () => {
    await expect(as('viewer').incidents.open({ node: 'n-1', from: 'node' })).rejects.toThrow(/responder/);
    await expect(as(null).incidents.list({})).rejects.toThrow(/sign in/);
    const { slug } = await as('responder').incidents.open({ node: 'n-1', from: 'node' });
    const inc = await as('viewer').incidents.get({ slug });
    expect(inc.pins[0]?.triage.rootCause?.id).toBe('systemd-dbus-hang');
    expect(typeof inc.createdAt).toBe('string');
    expect((await as('viewer').incidents.list({ status: ['investigating'] })).map((r) => r.slug)).toEqual([
      slug,
    ]);
    await expect(as('viewer').incidents.get({ slug: '../../etc/passwd' })).rejects.toThrow();
    await expect(as('viewer').incidents.get({ slug: 'no-such-incident' })).rejects.toThrow(/not found/);
  });

  it('a share link is the one way in without a session, until revoked', async () => {
    const [row] = await as('viewer').incidents.list({});
    const link = await as('responder').incidents.shareCreate({ slug: row!.slug, days: 1 });
    await expect(as('viewer').incidents.shareCreate({ slug: row!.slug, days: 1 })).rejects.toThrow(
      /responder/,
    );
    const shared = await as(null).incidents.shared({ token: link.token });
    expect(shared.incident.slug).toBe(row!.slug);
    await as('responder').incidents.shareRevoke({ slug: row!.slug, id: link.id });
    await expect(as(null).incidents.shared({ token: link.token })).rejects.toThrow(
      /invalid, expired or revoked/,
    );
  });
});
