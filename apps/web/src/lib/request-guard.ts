import { env } from '@nodescope/config';

/**
 * Checks every request before anything else runs (used by the proxy): the Host header must be
 * one this server answers to (DNS rebinding: a hostile name resolving to 127.0.0.1 is refused),
 * and a state-changing request must come from this origin (a forged cross-site POST is refused).
 */

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]', '::1'];

export function allowedHostnames(): string[] {
  const extra = env('NODESCOPE_ALLOWED_HOSTS').map((h) => hostnameOf(h.toLowerCase()));
  const bound = env('NODESCOPE_HOST').toLowerCase();
  const own = bound && bound !== '0.0.0.0' && bound !== '::' ? [hostnameOf(bound)] : [];
  return [...new Set([...LOOPBACK, ...own, ...extra])];
}

/** `name`, `name:port`, `[v6]:port` -> name (lower case, brackets kept for v6). */
export function hostnameOf(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.indexOf(':');
  return colon >= 0 && h.indexOf(':', colon + 1) < 0 ? h.slice(0, colon) : h;
}

export function hostAllowed(hostHeader: string | null): boolean {
  if (!hostHeader) return false;
  return allowedHostnames().includes(hostnameOf(hostHeader));
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isMutation(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/** Null when the request may change state; otherwise why not. */
export function originProblem(headers: Headers): string | null {
  const host = headers.get('host');
  const origin = headers.get('origin');
  if (origin) {
    let originHost: string;
    try {
      originHost = new URL(origin).host.toLowerCase();
    } catch {
      return 'the Origin header is not a URL';
    }
    return originHost === (host ?? '').toLowerCase() ? null : `cross-origin request from ${origin} refused`;
  }
  const site = headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return `cross-site request (${site}) refused`;
  return null;
}

/** Paths open without sign-in (DESIGN.md, Access), plus what Next serves for them. */
export function isOpenPath(pathname: string): boolean {
  return (
    pathname === '/signin' ||
    pathname.startsWith('/signin/') ||
    pathname === '/api/health' ||
    pathname.startsWith('/share/') ||
    // Bearer token, checked by the route itself.
    pathname === '/metrics' ||
    pathname.startsWith('/_next/') ||
    pathname === '/favicon.ico'
  );
}

/** Only same-site paths after sign-in: never `//evil.example` or an absolute URL. */
export function safeNext(next: string | null | undefined): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith('/signin')) return '/';
  return next.slice(0, 2000);
}
