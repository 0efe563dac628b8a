import { describe, expect, it } from 'vitest';
import { type BindSettings, isLoopbackHost, publicBindRefusal } from './public-bind.ts';

const base: BindSettings = {
  host: '0.0.0.0',
  allowPublic: false,
  demo: false,
  adminEmail: undefined,
  adminPassword: undefined,
};

describe('publicBindRefusal', () => {
  const cases: [string, Partial<BindSettings>, RegExp | null][] = [
    ['loopback v4', { host: '127.0.0.1' }, null],
    ['loopback 127.x', { host: '127.3.2.1' }, null],
    ['loopback v6', { host: '::1' }, null],
    ['loopback v6 in brackets', { host: '[::1]' }, null],
    ['localhost', { host: 'localhost' }, null],
    ['loopback in demo mode', { host: '127.0.0.1', demo: true }, null],
    ['any address, nothing configured', {}, /Refusing to listen on 0\.0\.0\.0.*no first admin is configured/],
    ['a LAN address, nothing configured', { host: '10.1.2.3' }, /Refusing to listen on 10\.1\.2\.3/],
    ['a name that is not loopback', { host: 'localhost.example.com' }, /Refusing/],
    ['IPv6 any', { host: '::' }, /Refusing/],
    ['any address, demo mode', { demo: true }, /demo admin whose password is printed/],
    [
      'demo mode even with an env admin',
      { demo: true, adminEmail: 'a@b.c', adminPassword: 'x'.repeat(12) },
      /demo/,
    ],
    ['only the e-mail', { adminEmail: 'a@b.c' }, /NODESCOPE_ADMIN_PASSWORD/],
    ['first admin from env', { adminEmail: 'a@b.c', adminPassword: 'x'.repeat(12) }, null],
    ['explicitly allowed', { allowPublic: true }, null],
    ['explicitly allowed in demo mode', { allowPublic: true, demo: true }, null],
  ];
  for (const [what, over, expected] of cases) {
    it(what, () => {
      const r = publicBindRefusal({ ...base, ...over });
      if (expected === null) expect(r).toBeNull();
      else {
        expect(r).toMatch(expected);
        expect(r).toContain('NODESCOPE_ALLOW_PUBLIC=1');
      }
    });
  }

  it('recognises loopback only', () => {
    expect(['127.0.0.1', 'LOCALHOST', '::1'].map(isLoopbackHost)).toEqual([true, true, true]);
    expect(['0.0.0.0', '128.0.0.1', '::', '1.127.0.0.1'].map(isLoopbackHost)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
