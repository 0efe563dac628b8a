import type { Actor } from '@nodescope/services';

/**
 * The caller of an incident page or export, as the tRPC route handler resolves it. Until
 * sign-in exists every caller is the same placeholder admin the tRPC handler uses; this is
 * the one function to switch to the session lookup.
 */
export async function requestActor(_req?: Request): Promise<Actor> {
  return { kind: 'system', id: 'anonymous', name: 'anonymous', role: 'admin' };
}
