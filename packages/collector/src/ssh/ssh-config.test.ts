import { describe, expect, it } from 'vitest';
import { concreteHosts, parseSshConfig, resolveHost } from './ssh-config.ts';
import { parseUserHostPort } from './ssh-target.ts';
import { targetFromSshConfig } from './target-from-config.ts';

const ctx = { localUser: 'oncall', home: '/home/oncall' };

const CONFIG = `
# fleet
Host bastion
  HostName 203.0.113.10
  User jump
  IdentityFile ~/.ssh/bastion_key

Host worker-* !worker-canary
  User core
  Port 2222
  ProxyJump bastion
  IdentityFile ~/.ssh/%r@%h

Host worker-canary
  HostName canary.internal
  ProxyJump none

Match host worker-*
  User ignored

Host *
  User fallback
  Port=22
  IdentityFile "~/.ssh/id ed25519"
`;

describe('ssh config', () => {
  const config = parseSshConfig(CONFIG);

  it('warns about Match blocks and skips them', () => {
    expect(config.warnings).toEqual(['line 18: Match blocks are not supported; its options are ignored']);
  });

  it('takes the first value obtained, accumulates IdentityFile and expands tokens', () => {
    const r = resolveHost(config, 'worker-7', ctx);
    expect(r).toMatchObject({ hostName: 'worker-7', user: 'core', port: 2222, proxyJump: ['bastion'] });
    expect(r.identityFiles).toEqual(['/home/oncall/.ssh/core@worker-7', '/home/oncall/.ssh/id ed25519']);
  });

  it('respects negated patterns and ProxyJump none', () => {
    const r = resolveHost(config, 'worker-canary', ctx);
    expect(r).toMatchObject({ hostName: 'canary.internal', user: 'fallback', port: 22, proxyJump: [] });
  });

  it('falls back to the alias, the local user and port 22', () => {
    const r = resolveHost(parseSshConfig(''), 'db1', ctx);
    expect(r).toMatchObject({ hostName: 'db1', user: 'oncall', port: 22, identityFiles: [], proxyJump: [] });
  });

  it('matches ? wildcards', () => {
    const r = resolveHost(parseSshConfig('Host node?\n  User q'), 'node5', ctx);
    expect(r.user).toBe('q');
    expect(resolveHost(parseSshConfig('Host node?\n  User q'), 'node55', ctx).user).toBe('oncall');
  });

  it('builds a target whose jump hop is resolved through the same config', () => {
    const { target, warnings } = targetFromSshConfig(config, 'worker-3', ctx);
    expect(warnings).toEqual([]);
    expect(target).toEqual({
      name: 'worker-3',
      host: 'worker-3',
      port: 2222,
      user: 'core',
      identityFile: '/home/oncall/.ssh/core@worker-3',
      jump: [
        {
          name: 'bastion',
          host: '203.0.113.10',
          port: 22,
          user: 'jump',
          identityFile: '/home/oncall/.ssh/bastion_key',
        },
      ],
    });
  });

  it('splits a comma ProxyJump list into hops, honouring user@ and :port overrides', () => {
    const c = parseSshConfig('Host n\n  ProxyJump a@j1:2200,j2\nHost j1 j2\n  User u\n  Port 2022');
    const { target } = targetFromSshConfig(c, 'n', ctx);
    expect(target.jump?.map((j) => `${j.user}@${j.host}:${j.port}`)).toEqual(['a@j1:2200', 'u@j2:2022']);
  });

  it('lists only concrete Host names', () => {
    expect(concreteHosts(config)).toEqual(['bastion', 'worker-canary']);
  });
});

describe('parseUserHostPort', () => {
  it('reads user@host:port, bare hosts and [ipv6]:port', () => {
    expect(parseUserHostPort('root@10.0.0.1:2222', { user: 'x' })).toEqual({
      user: 'root',
      host: '10.0.0.1',
      port: 2222,
    });
    expect(parseUserHostPort('node', { user: 'x' })).toEqual({ user: 'x', host: 'node', port: 22 });
    expect(parseUserHostPort('[fe80::1]:23', { user: 'x' })).toEqual({
      user: 'x',
      host: 'fe80::1',
      port: 23,
    });
    expect(parseUserHostPort('fe80::1', { user: 'x' })).toEqual({ user: 'x', host: 'fe80::1', port: 22 });
    expect(parseUserHostPort('h:99999', { user: 'x' })).toBeUndefined();
    expect(parseUserHostPort('', { user: 'x' })).toBeUndefined();
  });
});
