import { describe, expect, it } from 'vitest';
import { findLines, lineHash, parseLineHash, splitArtifactLines } from './line-hash';

describe('line hash', () => {
  it('parses single lines and ranges', () => {
    expect(parseLineHash('#L123')).toEqual({ from: 123, to: 123 });
    expect(parseLineHash('#L130-L120')).toEqual({ from: 120, to: 130 });
    expect(parseLineHash('#L0')).toBeNull();
    expect(parseLineHash('#top')).toBeNull();
    expect(lineHash(5)).toBe('#L5');
    expect(lineHash(5, 9)).toBe('#L5-L9');
  });
  it('splits like the collector counts lines', () => {
    expect(splitArtifactLines('a\nb\n')).toEqual(['a', 'b']);
    expect(splitArtifactLines('a\r\nb')).toEqual(['a', 'b']);
    expect(splitArtifactLines('')).toEqual(['']);
  });
  it('finds lines case-insensitively', () => {
    expect(findLines(['EXT4-fs error', 'ok', 'ext4 again'], 'ext4')).toEqual([0, 2]);
    expect(findLines(['x'], '')).toEqual([]);
  });
});
