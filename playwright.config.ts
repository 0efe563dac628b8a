import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a downloaded one (this machine cannot download browsers).
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  throw new Error(
    `Chromium not found at ${chromium}: install it with \`apt-get install -y chromium\` or set CHROMIUM_PATH to a Chromium binary.`,
  );
}

/** A free loopback port, found synchronously so that every Playwright process agrees on it. */
function freePort(): number {
  const out = execFileSync(
    process.execPath,
    [
      '-e',
      "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})",
    ],
    { encoding: 'utf8' },
  );
  return Number(out.trim());
}

// Chosen once in the runner; workers inherit the environment and reuse the same values.
process.env.NODESCOPE_E2E_PORT ??= String(freePort());
process.env.NODESCOPE_E2E_PG_PORT ??= String(freePort());
process.env.NODESCOPE_E2E_DATA ??= path.resolve('test-results', `server-data-${Date.now()}`);
const port = Number(process.env.NODESCOPE_E2E_PORT);
export const ADMIN_STATE = path.resolve('test-results', '.auth', 'admin.json');
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI
    ? [['list'], ['html', { open: 'never', outputFolder: 'test-results/report' }]]
    : 'list',
  use: {
    baseURL,
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  // Every spec runs signed in as the demo admin (storage state saved once by e2e/auth.setup.ts);
  // e2e/auth.spec.ts clears it where it tests anonymous access.
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts$/, use: { browserName: 'chromium' } },
    {
      name: 'chromium',
      dependencies: ['setup'],
      use: { browserName: 'chromium', storageState: ADMIN_STATE },
    },
  ],
  // The real server: embedded PostgreSQL, demo fleet over SSH, collector worker, built Next.js.
  // `npm test` builds Next first; this config never builds.
  webServer: {
    command: 'node --import tsx apps/web/server/main.ts',
    url: `${baseURL}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    env: {
      NODESCOPE_DATA_DIR: process.env.NODESCOPE_E2E_DATA,
      NODESCOPE_PG_PORT: process.env.NODESCOPE_E2E_PG_PORT,
      PORT: String(port),
      NODESCOPE_HOST: '127.0.0.1',
      DATABASE_URL: '',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  },
});
