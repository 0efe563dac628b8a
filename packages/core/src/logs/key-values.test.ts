import { describe, expect, it } from 'vitest';
import { parseKeyValues, readQuoted } from './key-values.ts';
import { splitKlogMessage } from './klog.ts';

describe('parseKeyValues', () => {
  it.each([
    ['a=1 b=two', { a: '1', b: 'two' }, 2],
    ['err="x \\"y\\" z" n=3', { err: 'x "y" z', n: '3' }, 2],
    [
      'event=&{ID:1 Type:ContainerDied Data:x} pod="ns/p"',
      { event: '&{ID:1 Type:ContainerDied Data:x}', pod: 'ns/p' },
      2,
    ],
    ['k8s.io/key=v', { 'k8s.io/key': 'v' }, 1],
    ['a=1 not-a-pair b=2', { a: '1' }, 1],
    ['__proto__=x', { _proto_: 'x' }, 1],
    ['s="unterminated', { s: 'unterminated' }, 1],
    ['e="\\u0026\\x41\\t\\u12"', { e: '&A\tu12' }, 1],
  ])('%s', (text, fields, count) => {
    const r = parseKeyValues(text);
    expect(r.fields).toEqual(fields);
    expect(r.count).toBe(count);
  });

  it('readQuoted reports unterminated strings', () => {
    expect(readQuoted('"abc', 0)).toEqual({ value: 'abc', end: 4, closed: false });
    expect(readQuoted('"a\\\\" rest', 0)).toEqual({ value: 'a\\', end: 5, closed: true });
  });
});

describe('splitKlogMessage', () => {
  it.each([
    ['"GenericPLEG: Relisting"', 'GenericPLEG: Relisting', undefined],
    [
      '"Node became not ready" node="w" condition={Type:Ready Status:False}',
      'Node became not ready',
      { node: 'w', condition: '{Type:Ready Status:False}' },
    ],
    ['Operation for "{volumeName:x}" failed.', 'Operation for "{volumeName:x}" failed.', undefined],
    ['"a" is prose', '"a" is prose', undefined],
    ['"msg" k=v trailing words', 'msg trailing words', { k: 'v' }],
  ])('%s', (rest, message, fields) => {
    const r = splitKlogMessage(rest);
    expect(r.message).toBe(message);
    expect(r.fields).toEqual(fields);
  });
});
