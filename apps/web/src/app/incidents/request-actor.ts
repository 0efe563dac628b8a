import type { Actor } from '@nodescope/services';
import { currentSession, sessionFromRequest } from '../../lib/auth-server';

/**
 * The signed-in caller of an incident page or export, or null: the procedures it is passed to
 * check the role, so a missing session answers UNAUTHORIZED rather than reading anything.
 */
export async function requestActor(req?: Request): Promise<Actor | null> {
  const session = req ? await sessionFromRequest(req) : await currentSession();
  return session?.actor ?? null;
}
