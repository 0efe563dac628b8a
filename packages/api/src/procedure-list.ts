import type { AnyRouter } from '@trpc/server';

export interface ProcedureEntry {
  path: string;
  type: 'query' | 'mutation' | 'subscription';
}

/**
 * Every procedure of a router, read from the router itself: tests that must cover all of them
 * (the role matrix, the no-server-paths check) iterate this, so a new procedure cannot escape them.
 */
export function listProcedures(router: AnyRouter): ProcedureEntry[] {
  const procs = router._def.procedures as Record<string, { _def: { type: ProcedureEntry['type'] } }>;
  return Object.entries(procs)
    .map(([path, p]) => ({ path, type: p._def.type }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** Calls one procedure of a caller by its dotted path. */
export function callByPath(caller: unknown, path: string, input: unknown): Promise<unknown> {
  let fn: unknown = caller;
  for (const part of path.split('.')) fn = (fn as Record<string, unknown>)[part];
  return (fn as (i: unknown) => Promise<unknown>)(input);
}
