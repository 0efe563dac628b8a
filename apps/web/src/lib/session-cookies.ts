import { CSRF_COOKIE, type NewSession, SESSION_COOKIE } from '@nodescope/services/auth/sessions';

/** Session cookie: HttpOnly, SameSite=Lax (top-level links from chat tools still arrive signed in), Secure over TLS. */
export function sessionCookies(session: NewSession, tls: boolean): string[] {
  const maxAge = Math.max(60, Math.round((session.expiresAt.getTime() - Date.now()) / 1000));
  const secure = tls ? '; Secure' : '';
  return [
    `${SESSION_COOKIE}=${session.token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure}`,
    // Readable by the page's own script, which echoes it in the x-csrf-token header.
    `${CSRF_COOKIE}=${session.csrfToken}; Path=/; SameSite=Strict; Max-Age=${maxAge}${secure}`,
  ];
}

export function clearedCookies(tls: boolean): string[] {
  const secure = tls ? '; Secure' : '';
  return [
    `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure}`,
    `${CSRF_COOKIE}=; Path=/; SameSite=Strict; Max-Age=0${secure}`,
  ];
}

export function clientIp(req: Request): string {
  return (
    (req.headers.get('x-forwarded-for') ?? '').split(',')[0]?.trim() ||
    req.headers.get('x-real-ip') ||
    'local'
  );
}

export function redirectTo(req: Request, path: string, cookies: string[] = []): Response {
  const headers = new Headers({
    location: new URL(path, req.url).pathname + (new URL(path, req.url).search ?? ''),
  });
  for (const c of cookies) headers.append('set-cookie', c);
  headers.set('cache-control', 'no-store');
  return new Response(null, { status: 303, headers });
}
