/**
 * Whether the web server may listen on its configured address. On loopback only this machine's
 * users reach it. On any other address the network does, so the server starts there only when
 * accounts are configured explicitly: a first admin from the environment (not the demo admin,
 * whose password is printed on the console), an enabled admin already in the database (checked
 * by the start-up once the database is up: accounts/first-admin.ts hasConfiguredAdmin), or an
 * operator's explicit NODESCOPE_ALLOW_PUBLIC=1 (a port published on loopback only as in
 * docker-compose.yml).
 */
export interface BindSettings {
  host: string;
  allowPublic: boolean;
  demo: boolean;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
}

export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

/** Null when the address may be used; otherwise the message to stop with. */
export function publicBindRefusal(s: BindSettings): string | null {
  if (isLoopbackHost(s.host) || s.allowPublic) return null;
  if (!s.demo && s.adminEmail && s.adminPassword) return null;
  const why = s.demo
    ? 'the demo mode (NODESCOPE_DEMO=1) signs in with a demo admin whose password is printed on the console'
    : 'no first admin is configured (NODESCOPE_ADMIN_EMAIL and NODESCOPE_ADMIN_PASSWORD)';
  return (
    `Refusing to listen on ${s.host}: that address is reachable from the network and ${why}. ` +
    'Either listen on loopback (NODESCOPE_HOST=127.0.0.1, the default) behind a TLS proxy; or set ' +
    'NODESCOPE_DEMO=0 with NODESCOPE_ADMIN_EMAIL and NODESCOPE_ADMIN_PASSWORD; or, when accounts are ' +
    'already set up or the port is published on loopback only, set NODESCOPE_ALLOW_PUBLIC=1.'
  );
}
