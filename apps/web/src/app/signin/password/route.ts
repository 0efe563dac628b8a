import { readCappedBody } from '@nodescope/api';
import { getPrisma } from '@nodescope/db';
import { signInWithPassword } from '@nodescope/services/auth/sign-in';
import { isTls } from '@/lib/auth-server';
import { safeNext } from '@/lib/request-guard';
import { clientIp, redirectTo, sessionCookies } from '@/lib/session-cookies';

export const dynamic = 'force-dynamic';

const SIGNIN_BODY_LIMIT = 16 * 1024;

async function fields(
  req: Request,
): Promise<{ email: string; password: string; next: string; json: boolean }> {
  const type = req.headers.get('content-type') ?? '';
  const json = type.includes('application/json');
  try {
    // A sign-in form is a few hundred bytes: a larger body is refused before it is parsed.
    const bytes = await readCappedBody(req, SIGNIN_BODY_LIMIT, 'sign-in form');
    const body = new Response(bytes as unknown as ConstructorParameters<typeof Response>[0], {
      headers: { 'content-type': type },
    });
    if (json) {
      const b = (await body.json()) as Record<string, unknown>;
      return {
        email: String(b.email ?? ''),
        password: String(b.password ?? ''),
        next: String(b.next ?? '/'),
        json,
      };
    }
    const f = await body.formData();
    return {
      email: String(f.get('email') ?? ''),
      password: String(f.get('password') ?? ''),
      next: String(f.get('next') ?? '/'),
      json,
    };
  } catch {
    return { email: '', password: '', next: '/', json };
  }
}

/** POST /signin/password: e-mail + password (form or JSON) -> session cookies. */
export async function POST(req: Request) {
  const f = await fields(req);
  const next = safeNext(f.next);
  const r =
    f.email && f.password && f.email.length <= 254 && f.password.length <= 1024
      ? await signInWithPassword(getPrisma(), { email: f.email, password: f.password, ip: clientIp(req) })
      : ({ ok: false, reason: 'invalid' } as const);
  if (r.ok) {
    const cookies = sessionCookies(r.session, isTls(req));
    if (f.json) {
      const headers = new Headers({ 'content-type': 'application/json' });
      for (const c of cookies) headers.append('set-cookie', c);
      return new Response(JSON.stringify({ ok: true, csrfToken: r.session.csrfToken }), { headers });
    }
    return redirectTo(req, next, cookies);
  }
  const limited = r.reason === 'rate-limited';
  if (f.json) {
    const error = limited
      ? `Too many failed sign-ins: try again in ${r.retryAfterSec} s.`
      : 'Wrong e-mail or password.';
    return new Response(JSON.stringify({ ok: false, error }), {
      status: limited ? 429 : 401,
      headers: {
        'content-type': 'application/json',
        ...(limited ? { 'retry-after': String(r.retryAfterSec) } : {}),
      },
    });
  }
  return redirectTo(
    req,
    `/signin?error=${limited ? 'rate-limited' : 'invalid'}&next=${encodeURIComponent(next)}`,
  );
}
