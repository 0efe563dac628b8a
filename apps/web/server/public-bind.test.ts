import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The real start path (apps/web/server/main.ts) on a public address: it must stop before starting
// anything, with exit status 2 and a message that says how to proceed.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function start(env: Record<string, string>) {
  const clean = { ...process.env };
  for (const k of [
    'DATABASE_URL',
    'NODESCOPE_ADMIN_EMAIL',
    'NODESCOPE_ADMIN_PASSWORD',
    'NODESCOPE_ALLOW_PUBLIC',
  ])
    delete clean[k];
  return spawnSync(process.execPath, ['--import', 'tsx', 'apps/web/server/main.ts'], {
    cwd: root,
    // A data folder that cannot be created (it is under a file): past the check, start-up fails at once.
    env: { ...clean, NODESCOPE_DATA_DIR: path.join(root, 'package.json', 'data'), PORT: '1', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('server start on a public address', () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    [
      'demo mode on 0.0.0.0',
      { NODESCOPE_HOST: '0.0.0.0', NODESCOPE_DEMO: '1' },
      /Refusing to listen on 0\.0\.0\.0.*demo admin/,
    ],
    [
      'no admin on a LAN address',
      { NODESCOPE_HOST: '10.9.8.7', NODESCOPE_DEMO: '0' },
      /no first admin is configured/,
    ],
  ];
  for (const [what, env, message] of cases) {
    it(`${what}: exit 2 with a clear message`, () => {
      const r = start(env);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toContain('NODESCOPE_ALLOW_PUBLIC=1');
      expect(r.stdout).not.toMatch(/embedded PostgreSQL in/);
    });
  }

  it('allowed explicitly, it goes on to start (and fails later on the unusable data folder)', () => {
    const r = start({ NODESCOPE_HOST: '0.0.0.0', NODESCOPE_ALLOW_PUBLIC: '1', NODESCOPE_DEMO: '0' });
    expect(r.stderr).not.toMatch(/Refusing to listen/);
    expect(r.stderr).toMatch(/failed to start: The data folder .* is not writable/);
  });

  it('a malformed variable stops the start with exit 2, naming the variable and its form', () => {
    const r = start({ NODESCOPE_HOST: '127.0.0.1', PORT: 'eighty', NODESCOPE_DEMO: 'maybe' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/PORT must be a whole number from 1 to 65535, got "eighty"/);
    expect(r.stderr).toMatch(/NODESCOPE_DEMO must be 1 or 0/);
  });
});
