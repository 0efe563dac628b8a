import { describe, expect, it } from 'vitest';
import { mdCell, mdCode, mdFence, mdText } from './md-escape.ts';
import { makeRedactor } from './redact.ts';

describe('makeRedactor', () => {
  const r = makeRedactor(['web-1', 'web-10', 'ops.example.com']);
  it.each([
    ['kubelet on web-10 and web-1', 'kubelet on node-2 and node-1'],
    ['ssh root@10.0.3.17:22', 'ssh root@[ip]:22'],
    ['peer fe80::1ff:fe23:4567:890a down', 'peer [ip] down'],
    ['jump via ops.example.com', 'jump via node-3'],
    ['relist gap 05:48:07 -> 05:48:49', 'relist gap 05:48:07 -> 05:48:49'],
    ['version 1.19.3 stays', 'version 1.19.3 stays'],
    ['999.1.1.1 is not an address', '999.1.1.1 is not an address'],
  ])('%s', (input, want) => {
    expect(r(input)).toBe(want);
  });
});

describe('markdown escaping', () => {
  it.each([
    ['*bold* _it_ [x](y)', '\\*bold\\* \\_it\\_ \\[x\\]\\(y\\)'],
    ['# not a heading', '\\# not a heading'],
    ['- not a list', '\\- not a list'],
    ['1. not a list', '1\\. not a list'],
    ['a|b', 'a\\|b'],
    ['<script>', '\\<script\\>'],
    ['line\nbreak', 'line break'],
  ])('mdText(%j)', (input, want) => {
    expect(mdText(input)).toBe(want);
  });

  it('code spans and fences outgrow backticks in the content', () => {
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdFence('x ``` y')).toBe('````text\nx ``` y\n````');
    expect(mdCell('')).toBe(' ');
  });
});
