import { type NextRequest, NextResponse } from 'next/server';
import { hostAllowed, isMutation, isOpenPath, originProblem } from '@/lib/request-guard';

// Runs before every request: Host check (DNS rebinding), Origin check on every mutation (CSRF),
// sign-in gate (pages redirect to /signin, APIs answer 401; routes and server components check
// the session again: a cookie's presence is not proof), and the security headers with a fresh
// CSP nonce per response.

const SESSION_COOKIE = 'ns_session';

function csp(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // Charts and React set style attributes: styles may be inline, scripts may not.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function withHeaders(res: NextResponse, policy: string, tls: boolean): NextResponse {
  res.headers.set('content-security-policy', policy);
  res.headers.set('x-frame-options', 'DENY');
  res.headers.set('x-content-type-options', 'nosniff');
  // same-origin, not no-referrer: with no-referrer a browser sends `Origin: null` on its own form posts.
  res.headers.set('referrer-policy', 'same-origin');
  res.headers.set('cross-origin-opener-policy', 'same-origin');
  res.headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=()');
  if (tls) res.headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
  return res;
}

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const policy = csp(nonce, process.env.NODE_ENV === 'development');
  const tls = request.nextUrl.protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
  const { pathname, search } = request.nextUrl;
  const refuse = (status: number, error: string) =>
    withHeaders(NextResponse.json({ error }, { status }), policy, tls);

  if (!hostAllowed(request.headers.get('host')))
    return refuse(421, 'This server does not answer to that host name (set NODESCOPE_ALLOWED_HOSTS).');
  if (isMutation(request.method)) {
    const problem = originProblem(request.headers);
    if (problem) return refuse(403, problem);
  }
  if (!isOpenPath(pathname) && !request.cookies.get(SESSION_COOKIE)?.value) {
    if (pathname.startsWith('/api/') || isMutation(request.method) || pathname.endsWith('/bundle'))
      return refuse(401, 'Sign in first.');
    const to = new URL('/signin', request.url);
    to.searchParams.set('next', `${pathname}${search}`);
    return withHeaders(NextResponse.redirect(to, 303), policy, tls);
  }
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', policy);
  headers.set('x-ns-path', `${pathname}${search}`);
  return withHeaders(NextResponse.next({ request: { headers } }), policy, tls);
}

export const config = {
  matcher: [{ source: '/((?!_next/static|_next/image|favicon.ico).*)' }],
};
