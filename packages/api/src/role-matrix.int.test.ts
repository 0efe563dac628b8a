import { type Role, roleAllows } from '@nodescope/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../db/test/test-database.ts';
import { callByPath, listProcedures } from './procedure-list.ts';
import { appRouter } from './router.ts';

// The role each procedure needs (DESIGN.md, Access). The list of procedures comes from the router
// itself: a procedure missing here fails the first test, so none escapes the matrix. `open` is
// for the read-only share link, whose token is the credential.
const NEEDS: Record<string, Role | 'open'> = {
  'audit.list': 'admin',
  'fleet.list': 'viewer',
  'fleet.sparklines': 'viewer',
  'hostKeys.forget': 'admin',
  'hostKeys.list': 'admin',
  'hostKeys.offered': 'admin',
  'hostKeys.trust': 'admin',
  'hostKeys.trustOffered': 'admin',
  'incidents.list': 'viewer',
  'incidents.get': 'viewer',
  'incidents.exportMarkdown': 'viewer',
  'incidents.open': 'responder',
  'incidents.update': 'responder',
  'incidents.note': 'responder',
  'incidents.markKey': 'responder',
  'incidents.addNode': 'responder',
  'incidents.answer': 'responder',
  'incidents.attach': 'responder',
  'incidents.verify': 'responder',
  'incidents.checkVerification': 'responder',
  'incidents.shareLinks': 'responder',
  'incidents.shareCreate': 'responder',
  'incidents.shareRevoke': 'responder',
  'incidents.shared': 'open',
  'inventory.list': 'viewer',
  'inventory.remove': 'admin',
  'inventory.save': 'admin',
  'inventory.setEnabled': 'admin',
  'inventory.setLabels': 'admin',
  'keys.add': 'admin',
  'keys.list': 'admin',
  'keys.remove': 'admin',
  'mounts.export': 'viewer',
  'mounts.graph': 'viewer',
  'node.collectNow': 'responder',
  'node.exists': 'viewer',
  'node.get': 'viewer',
  'node.peers': 'viewer',
  'node.trends': 'viewer',
  'snapshot.artifact': 'viewer',
  'snapshot.get': 'viewer',
  'users.add': 'admin',
  'users.list': 'admin',
  'users.remove': 'admin',
  'users.update': 'admin',
};

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('roles');
});
afterAll(async () => db?.drop());

function caller(role: Role | null) {
  return appRouter.createCaller({
    prisma: db.prisma,
    actor: role ? { kind: 'user', id: `u-${role}`, name: role, role } : null,
  });
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (err) {
    return (err as { code?: string }).code ?? 'ERROR';
  }
}

describe('role matrix over every procedure', () => {
  it('names the role of every procedure the router has', () => {
    expect(
      listProcedures(appRouter)
        .map((p) => p.path)
        .sort(),
    ).toEqual(Object.keys(NEEDS).sort());
  });

  for (const { path } of listProcedures(appRouter)) {
    it(`${path}: anonymous 401, too small a role 403, enough passes the role check`, async () => {
      const need = NEEDS[path];
      if (need === 'open') {
        for (const role of [null, 'viewer', 'responder', 'admin'] as const) {
          const code = await codeOf(callByPath(caller(role), path, {}));
          expect([role, code]).not.toEqual([role, 'UNAUTHORIZED']);
          expect([role, code]).not.toEqual([role, 'FORBIDDEN']);
        }
        return;
      }
      if (need === undefined) throw new Error(`${path} has no role in the matrix`);
      expect(await codeOf(callByPath(caller(null), path, {}))).toBe('UNAUTHORIZED');
      for (const role of ['viewer', 'responder', 'admin'] as const) {
        const code = await codeOf(callByPath(caller(role), path, {}));
        if (roleAllows(role, need)) expect([role, code]).not.toEqual([role, 'FORBIDDEN']);
        else expect([role, code]).toEqual([role, 'FORBIDDEN']);
        expect(code).not.toBe('UNAUTHORIZED');
      }
    });
  }
});
