import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { Providers } from '@/components/providers';
import { ThemeToggle } from '@/components/theme-toggle';
import { currentSession } from '@/lib/auth-server';
import { isOpenPath } from '@/lib/request-guard';
import './tokens.css';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Nodescope', template: '%s · Nodescope' },
  description: 'Kubernetes worker-node triage: fleet health, evidence, trends',
};

// Applied before first paint so a stored theme choice never flashes the other theme.
const themeScript = `try{var t=localStorage.getItem('nodescope-theme');if(t==='dark'||t==='light')document.documentElement.dataset.theme=t}catch(e){}`;

export default async function RootLayout({ children }: { children: ReactNode }) {
  const h = await headers();
  const nonce = h.get('x-nonce') ?? undefined;
  const path = h.get('x-ns-path') ?? '/';
  const session = await currentSession();
  // The proxy only saw a cookie; here the session itself is checked before any page renders.
  if (!session && !isOpenPath(path.split('?')[0] ?? '/'))
    redirect(`/signin?next=${encodeURIComponent(path)}`);
  const role = session?.actor.role;
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: constant theme bootstrap script */}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body>
        <Providers>
          <header className="topbar">
            <Link href="/" className="brand">
              <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true">
                <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeWidth="2" />
                <circle cx="12" cy="12" r="3" fill="currentColor" />
              </svg>
              <span className="brand-name">Nodescope</span>
            </Link>
            {session ? (
              <nav className="topnav">
                <Link href="/">Fleet</Link>
                <Link href="/incidents">Incidents</Link>
                {role !== 'viewer' ? <Link href="/upload">Upload bundle</Link> : null}
                {role === 'admin' ? <Link href="/settings/users">Settings</Link> : null}
              </nav>
            ) : (
              <nav className="topnav" />
            )}
            <div className="topbar-right">
              {session ? (
                <div className="user-menu">
                  <span title={session.email}>
                    {session.actor.name} <span className="faint">· {session.actor.role}</span>
                  </span>
                  <form method="post" action="/api/auth/signout">
                    <button type="submit" className="btn">
                      Sign out
                    </button>
                  </form>
                </div>
              ) : null}
              <ThemeToggle />
            </div>
          </header>
          <main className="main">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
