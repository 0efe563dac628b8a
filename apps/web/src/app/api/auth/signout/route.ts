import { getPrisma } from '@nodescope/db';
import { recordAudit } from '@nodescope/services/audit/record-audit';
import { endSession, SESSION_COOKIE } from '@nodescope/services/auth/sessions';
import { isTls, sessionFromRequest } from '@/lib/auth-server';
import { clearedCookies, redirectTo } from '@/lib/session-cookies';

export const dynamic = 'force-dynamic';

/** POST /api/auth/signout: ends this session (the proxy has checked the origin). */
export async function POST(req: Request) {
  const session = await sessionFromRequest(req);
  const token = (req.headers.get('cookie') ?? '')
    .split(';')
    .map((p) => p.trim())
    .find((p) => p.startsWith(`${SESSION_COOKIE}=`))
    ?.slice(SESSION_COOKIE.length + 1);
  await endSession(getPrisma(), token);
  if (session) await recordAudit(getPrisma(), session.actor, 'user.signout', session.email);
  return redirectTo(req, '/signin', clearedCookies(isTls(req)));
}
