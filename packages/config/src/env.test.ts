import { describe, expect, it } from 'vitest';
import { ConfigError, ENV, env, validateEnv } from './env.ts';

describe('env', () => {
  const good: [keyof typeof ENV, Record<string, string>, unknown][] = [
    ['PORT', {}, 3000],
    ['PORT', { PORT: '' }, 3000],
    ['PORT', { PORT: '8080' }, 8080],
    ['NODESCOPE_DEMO', {}, true],
    ['NODESCOPE_DEMO', { NODESCOPE_DEMO: '0' }, false],
    ['NODESCOPE_DEMO', { NODESCOPE_DEMO: 'OFF' }, false],
    ['NODESCOPE_ALLOW_PUBLIC', {}, false],
    ['NODESCOPE_ALLOW_PUBLIC', { NODESCOPE_ALLOW_PUBLIC: 'yes' }, true],
    ['NODESCOPE_SIM_BASE_PORT', {}, undefined],
    ['NODESCOPE_SIM_BASE_PORT', { NODESCOPE_SIM_BASE_PORT: '42000' }, 42000],
    ['NODESCOPE_RETAIN_DAYS', { NODESCOPE_RETAIN_DAYS: '0.5' }, 0.5],
    ['NODESCOPE_HOST', {}, '127.0.0.1'],
    ['NODESCOPE_ALLOWED_HOSTS', {}, []],
    [
      'NODESCOPE_ALLOWED_HOSTS',
      { NODESCOPE_ALLOWED_HOSTS: ' a.example.com, b:8443 ,' },
      ['a.example.com', 'b:8443'],
    ],
    ['DATABASE_URL', { DATABASE_URL: 'postgres://u:p@db:5432/x' }, 'postgres://u:p@db:5432/x'],
    ['DATABASE_URL', {}, undefined],
  ];
  for (const [name, source, want] of good) {
    it(`${name} from ${JSON.stringify(source)} is ${JSON.stringify(want)}`, () => {
      expect(env(name, source)).toEqual(want);
    });
  }

  const bad: [keyof typeof ENV, string, RegExp][] = [
    ['PORT', 'abc', /^PORT must be a whole number from 1 to 65535, got "abc"/],
    ['PORT', '70000', /^PORT must be a whole number from 1 to 65535, got "70000"/],
    ['NODESCOPE_PG_PORT', '-1', /^NODESCOPE_PG_PORT must be a whole number/],
    ['NODESCOPE_DEMO', 'maybe', /^NODESCOPE_DEMO must be 1 or 0/],
    ['NODESCOPE_RETAIN_DAYS', 'x', /^NODESCOPE_RETAIN_DAYS must be a positive number, got "x"/],
    ['NODESCOPE_SESSION_HOURS', '0', /^NODESCOPE_SESSION_HOURS must be a positive number/],
    ['DATABASE_URL', 'mysql://x', /^DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/],
    ['NODESCOPE_HOST', 'a b', /^NODESCOPE_HOST must be a host name or IP address/],
    [
      'NODESCOPE_ALLOWED_HOSTS',
      'ok.example.com,bad host',
      /^NODESCOPE_ALLOWED_HOSTS must be a comma-separated list/,
    ],
    ['NODESCOPE_ADMIN_EMAIL', 'nobody', /^NODESCOPE_ADMIN_EMAIL must be an e-mail address/],
    [
      'NODESCOPE_ADMIN_PASSWORD',
      'short',
      /^NODESCOPE_ADMIN_PASSWORD must be a password of 12 or more characters, got a value of 5 characters/,
    ],
    [
      'NODESCOPE_SHARE_SECRET',
      'tiny-secret',
      /^NODESCOPE_SHARE_SECRET must be at least 32 characters, got a value of 11/,
    ],
  ];
  for (const [name, value, message] of bad) {
    it(`${name}="${value}" fails naming the variable and its form`, () => {
      const err = (() => {
        try {
          env(name, { [name]: value });
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toMatch(message);
      // Secrets are never echoed back.
      if (/PASSWORD|SECRET/.test(name)) expect((err as Error).message).not.toContain(value);
    });
  }

  it('validateEnv reports every wrong variable at once', () => {
    expect(() => validateEnv({})).not.toThrow();
    const err = (() => {
      try {
        validateEnv({ PORT: 'x', NODESCOPE_DEMO: 'perhaps', NODESCOPE_HOST: '0.0.0.0' });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect(err?.message).toMatch(/PORT must be/);
    expect(err?.message).toMatch(/NODESCOPE_DEMO must be/);
    expect(err?.message).not.toMatch(/NODESCOPE_HOST/);
  });

  it('every default the README shows parses to the value used when unset', () => {
    for (const [name, v] of Object.entries(ENV)) {
      const m = /^`([^`]+)`$/.exec(v.readmeDefault);
      // Path defaults (`~/.ssh/…`) are resolved by their callers: the schema leaves them unset.
      if (!m?.[1] || env(name as keyof typeof ENV, {}) === undefined) continue;
      expect([name, env(name as keyof typeof ENV, { [name]: m[1] })]).toEqual([
        name,
        env(name as keyof typeof ENV, {}),
      ]);
    }
  });
});
