import { describe, expect, it } from 'vitest';
import { start } from './start-server.test-support.ts';

describe('server start on a public address', () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    [
      'demo mode on 0.0.0.0',
      { NODESCOPE_HOST: '0.0.0.0', NODESCOPE_DEMO: '1' },
      /Refusing to listen on 0\.0\.0\.0.*demo admin/,
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
