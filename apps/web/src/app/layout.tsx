import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { Providers } from '@/components/providers';
import { ThemeToggle } from '@/components/theme-toggle';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Nodescope', template: '%s · Nodescope' },
  description: 'Kubernetes worker-node triage: fleet health, evidence, trends',
};

// Applied before first paint so a stored theme choice never flashes the other theme.
const themeScript = `try{var t=localStorage.getItem('nodescope-theme');if(t==='dark'||t==='light')document.documentElement.dataset.theme=t}catch(e){}`;

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: constant theme bootstrap script */}
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body>
        <Providers>
          <header className="topbar">
            <Link href="/" className="brand">
              <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true">
                <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeWidth="2" />
                <circle cx="12" cy="12" r="3" fill="currentColor" />
              </svg>
              Nodescope
            </Link>
            <nav className="topnav">
              <Link href="/">Fleet</Link>
              <Link href="/incidents">Incidents</Link>
              <Link href="/upload">Upload bundle</Link>
              <a href="/metrics">Metrics</a>
            </nav>
            <div className="topbar-right">
              <ThemeToggle />
            </div>
          </header>
          <main className="main">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
