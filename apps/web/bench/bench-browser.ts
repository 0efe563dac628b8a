/**
 * What the browser benchmarks share: the built UI served by `next start` against a bench
 * database, Debian's Chromium, a signed-in browser context (every page but /signin needs a
 * session), and the time from navigation start until a selector is visible.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { freePort, getPrisma } from '@nodescope/db';
import { createSession, SESSION_COOKIE } from '@nodescope/services/auth/sessions';
import type { Browser, BrowserContext, Page } from '@playwright/test';

const WEB_DIR = path.resolve(import.meta.dirname, '..');
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface BrowserBench {
  base: string;
  browser: Browser;
  /** A new signed-in context (cold cache) at the given width. */
  context: (width?: number) => Promise<BrowserContext>;
  /** Milliseconds from navigation start until `ready` is visible, in a fresh signed-in context. */
  timeUntil: (href: string, ready: string) => Promise<number>;
  /**
   * In a fresh signed-in context: when the first element marked `elementtiming=<mark>` was
   * painted (Element Timing, from navigation start) and when `ready` matched (hydrated).
   */
  paintAndReady: (
    href: string,
    mark: string,
    ready: string,
  ) => Promise<{ paintedMs: number; readyMs: number }>;
  close: () => Promise<void>;
}

/** Why the browser part cannot run here, or null when it can. */
export function browserSkipReason(): string | null {
  if (!existsSync(path.join(WEB_DIR, '.next/BUILD_ID')))
    return 'no build: run `npx next build apps/web` first';
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  return existsSync(chromium) ? null : `no Chromium at ${chromium}`;
}

/** Serves the built UI on `databaseUrl`, signs a bench admin in and opens Chromium. */
export async function startBrowserBench(databaseUrl: string, readyPath = '/signin'): Promise<BrowserBench> {
  const port = await freePort();
  const next = spawn(
    process.execPath,
    [
      path.resolve(WEB_DIR, '../../node_modules/next/dist/bin/next'),
      'start',
      WEB_DIR,
      '-p',
      String(port),
      '-H',
      '127.0.0.1',
    ],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: '1' },
      stdio: 'ignore',
      detached: true, // its own process group: `next start` leaves a child server behind otherwise
    },
  );
  const stopNext = () => {
    if (next.pid) process.kill(-next.pid, 'SIGTERM');
  };
  const base = `http://127.0.0.1:${port}`;
  const prisma = getPrisma(databaseUrl);
  const user = await prisma.user.upsert({
    where: { email: 'bench@bench.nodescope' },
    create: { id: 'bench-admin', email: 'bench@bench.nodescope', name: 'bench', role: 'admin' },
    update: {},
  });
  const { token } = await createSession(prisma, user.id);
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    for (let i = 0; i < 200; i++) {
      const up = await fetch(`${base}${readyPath}`).then(
        (r) => r.status < 500,
        () => false,
      );
      if (up) break;
      await new Promise((r) => setTimeout(r, 300));
    }
  } catch (e) {
    await browser.close();
    stopNext();
    throw e;
  }
  const context = async (width = 1440) => {
    const ctx = await browser.newContext({ viewport: { width, height: 900 } });
    await ctx.addCookies([
      { name: SESSION_COOKIE, value: token, url: base, httpOnly: true, sameSite: 'Lax' },
    ]);
    return ctx;
  };
  // A fresh signed-in page, timed from navigation start until `ready` is visible; `then`
  // reads more from the page before its context is closed.
  const openUntilReady = async <T>(
    href: string,
    ready: string,
    then: (page: Page, readyMs: number) => Promise<T>,
  ): Promise<T> => {
    const ctx = await context();
    try {
      const p = await ctx.newPage();
      const t = performance.now();
      await p.goto(`${base}${href}`);
      await p.locator(ready).first().waitFor({ timeout: 30_000 });
      return await then(p, Math.round(performance.now() - t));
    } finally {
      await ctx.close();
    }
  };
  return {
    base,
    browser,
    context,
    timeUntil: (href, ready) => openUntilReady(href, ready, async (_p, readyMs) => readyMs),
    paintAndReady: (href, mark, ready) =>
      openUntilReady(href, ready, async (p, readyMs) => {
        const paintedMs = await p.evaluate(
          (id) =>
            new Promise<number>((resolve) => {
              new PerformanceObserver((list) => {
                const e = list
                  .getEntries()
                  .find((x) => (x as PerformanceEntry & { identifier?: string }).identifier === id);
                if (e)
                  resolve(
                    Math.round((e as PerformanceEntry & { renderTime: number }).renderTime || e.startTime),
                  );
              }).observe({ type: 'element', buffered: true });
              setTimeout(() => resolve(Number.NaN), 5_000);
            }),
          mark,
        );
        return { paintedMs, readyMs };
      }),
    close: async () => {
      await browser.close();
      stopNext();
    },
  };
}

export function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
}
