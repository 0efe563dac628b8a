import { getPrisma } from '@nodescope/db';
import { type Actor, type Role, roleAllows } from '@nodescope/services';
import {
  CSRF_COOKIE,
  CSRF_HEADER,
  lookupSession,
  SESSION_COOKIE,
  type SessionView,
} from '@nodescope/services/auth/sessions';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';

/** Server-side session helpers for pages and route handlers. */

function cookieFrom(header: string | null, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

export async function sessionFromRequest(req: Request): Promise<SessionView | null> {
  return lookupSession(getPrisma(), cookieFrom(req.headers.get('cookie'), SESSION_COOKIE));
}

export async function currentSession(): Promise<SessionView | null> {
  return lookupSession(getPrisma(), (await cookies()).get(SESSION_COOKIE)?.value);
}

/** For server components: the signed-in actor, or a redirect to sign-in. */
export async function requirePageActor(path: string): Promise<Actor> {
  const s = await currentSession();
  if (!s) redirect(`/signin?next=${encodeURIComponent(path)}`);
  return s.actor;
}

const json = (body: unknown, status: number) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });

/** A cookie-authenticated mutation must echo the session's CSRF token in a header. */
export function csrfOk(req: Request, session: SessionView): boolean {
  const sent = req.headers.get(CSRF_HEADER) ?? '';
  return sent.length > 0 && sent === session.csrfToken;
}

/** For route handlers: the actor with at least `need`, or the 401/403 answer to return. */
export async function guardRoute(
  req: Request,
  need: Role,
  opts: { mutation?: boolean } = {},
): Promise<{ actor: Actor; session: SessionView } | Response> {
  const session = await sessionFromRequest(req);
  if (!session) return json({ error: 'Sign in first.' }, 401);
  if (!roleAllows(session.actor.role, need)) return json({ error: `This needs the ${need} role.` }, 403);
  if (opts.mutation && !csrfOk(req, session))
    return json({ error: `Missing or wrong ${CSRF_HEADER} header (cross-site request?).` }, 403);
  return { actor: session.actor, session };
}

export function isTls(req: Request): boolean {
  return req.url.startsWith('https:') || req.headers.get('x-forwarded-proto') === 'https';
}

export { CSRF_COOKIE, SESSION_COOKIE };
