import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Only packages/db (queries) and packages/services (business functions) may touch Prisma:
// everything else (tRPC procedures, HTTP routes, the CLI, the worker, the demo, the web app)
// calls a service function or a db query. This scans the source tree for the two ways in.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const ALLOWED = ['packages/db/', 'packages/services/'];
const SKIP_DIRS = new Set(['node_modules', '.next', 'dist', 'generated', '.turbo', 'coverage']);
// Harnesses that set up and inspect a database around what they measure or assert: tests,
// end-to-end support and benchmarks (bulk fills in raw SQL). They are not server paths.
const HARNESS = /(\.test\.tsx?$|\.spec\.tsx?$|(^|\/)(test|tests|e2e|bench|test-support)\/)/;
const SOURCE = /\.(ts|tsx|mts|mjs|js)$/;

const PRISMA_METHODS = [
  'findUnique',
  'findUniqueOrThrow',
  'findFirst',
  'findFirstOrThrow',
  'findMany',
  'create',
  'createMany',
  'createManyAndReturn',
  'update',
  'updateMany',
  'updateManyAndReturn',
  'upsert',
  'delete',
  'deleteMany',
  'count',
  'aggregate',
  'groupBy',
];

/** The schema's models as the client names them (`model SshKey` -> `sshKey`). */
function models(): string[] {
  const schema = readFileSync(path.join(ROOT, 'prisma/schema.prisma'), 'utf8');
  return [...schema.matchAll(/^model\s+(\w+)/gm)].map((m) => m[1]!.charAt(0).toLowerCase() + m[1]!.slice(1));
}

const IMPORT = /(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g;
function importsPrisma(spec: string): boolean {
  return spec.startsWith('@prisma/') || /(^|\/)generated\/prisma(\/|$)/.test(spec);
}

/** Each line that reaches Prisma: an import of the client, a model call or a raw query/transaction. */
export function prismaUses(text: string, modelNames: string[]): string[] {
  const modelCall = new RegExp(
    `\\.(?:${modelNames.join('|')})\\s*\\.\\s*(?:${PRISMA_METHODS.join('|')})\\s*\\(`,
  );
  const rawCall = /\.\s*\$(?:queryRaw|queryRawUnsafe|executeRaw|executeRawUnsafe|transaction)\b/;
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed.startsWith('//') || trimmed.startsWith('*')) continue;
    const imports = [...line.matchAll(IMPORT)].map((m) => m[1]!);
    if (imports.some(importsPrisma) || modelCall.test(line) || rawCall.test(line)) out.push(trimmed);
  }
  return out;
}

function sourceFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.') && e.name !== '.') continue;
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) out.push(...sourceFiles(path.join(dir, e.name), r));
    } else if (SOURCE.test(e.name)) out.push(r);
  }
  return out;
}

describe('Prisma boundary', () => {
  const names = models();

  it.each([
    ["import { PrismaClient } from '@prisma/client';", 1],
    ["import type { Node } from '../../db/src/generated/prisma/client.ts';", 1],
    ['const n = await prisma.node.findUnique({ where: { name } });', 1],
    ['await db.prisma.snapshot.count();', 1],
    ['return ctx.prisma.sshKey.deleteMany({ where: { name } });', 1],
    ['await tx.$queryRawUnsafe("SELECT 1");', 1],
    ['await getPrisma().$queryRaw`SELECT 1`;', 1],
    ['prisma.$transaction(async (tx) => {});', 1],
    ["import { getPrisma, upsertNodes } from '@nodescope/db';", 0],
    ['const node = await findNode(prisma, name);', 0],
    ['await addNodes(prisma, nodes);', 0],
    ['// prisma.node.update is what this used to call', 0],
    ['const nodes = inventory.map((node) => node.count);', 0],
  ] as const)('%s -> %i use(s)', (line, uses) => {
    expect(prismaUses(line, names)).toHaveLength(uses);
  });

  it('finds every model of the schema (a renamed model would slip through otherwise)', () => {
    expect(names).toEqual(expect.arrayContaining(['node', 'snapshot', 'finding', 'sshKey', 'auditEvent']));
  });

  it('no file outside packages/db and packages/services imports Prisma or calls it', () => {
    const scanned: string[] = [];
    const offenders: string[] = [];
    for (const top of ['apps', 'packages', 'scripts']) {
      for (const rel of sourceFiles(path.join(ROOT, top), top)) {
        if (ALLOWED.some((a) => rel.startsWith(a)) || HARNESS.test(rel)) continue;
        scanned.push(rel);
        for (const use of prismaUses(readFileSync(path.join(ROOT, rel), 'utf8'), names))
          offenders.push(`${rel}: ${use}`);
      }
    }
    // The scan must have looked where the callers are, or an empty result proves nothing.
    for (const caller of [
      'apps/web/server/demo.ts',
      'packages/collector/src/cli/nodes-command.ts',
      'packages/collector/src/cli/collect-command.ts',
      'packages/collector/src/service/worker.ts',
      'packages/api/src/http/http-handlers.ts',
      'packages/api/src/routers/inventory.ts',
    ])
      expect(scanned).toContain(caller);
    expect(offenders).toEqual([]);
  });
});
