import { completeSetup } from '@nodescope/services/accounts/first-admin';
import { getPrisma } from '@nodescope/db';
import { startSession } from '@nodescope/services/auth/sign-in';
import { MIN_PASSWORD_LENGTH } from '@nodescope/services/auth/password';
import { isTls } from '@/lib/auth-server';
import { clientIp, redirectTo, sessionCookies } from '@/lib/session-cookies';

export const dynamic = 'force-dynamic';

/** POST /signin/setup: the one-time setup link's form creates the first admin and signs them in. */
export async function POST(req: Request) {
  const f = await req.formData().catch(() => null);
  const token = String(f?.get('token') ?? '');
  const email = String(f?.get('email') ?? '').trim();
  const password = String(f?.get('password') ?? '');
  const back = `/signin?setup=${encodeURIComponent(token)}`;
  if (!/^[^\s@]+@[^\s@]+$/.test(email) || password.length < MIN_PASSWORD_LENGTH)
    return redirectTo(req, `${back}&error=setup-input`);
  const userId = await completeSetup(getPrisma(), token, { email, password });
  if (!userId) return redirectTo(req, '/signin?error=setup-used');
  const session = await startSession(getPrisma(), userId, { ip: clientIp(req), method: 'setup link' });
  return redirectTo(req, '/', sessionCookies(session, isTls(req)));
}
