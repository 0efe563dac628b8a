import { describe, expect, it } from 'vitest';
import { PROBE_IDS, probeCommand, probeForCommand, RULE_IDS, severityRank } from '../index.ts';

describe('contracts', () => {
  it('every probe command maps back to its id, with and without sudo', () => {
    for (const id of PROBE_IDS) {
      expect(probeForCommand(probeCommand(id))).toEqual({ id, sudo: false });
      const sudo = probeForCommand(probeCommand(id, { sudo: true }));
      expect(sudo?.id).toBe(id);
    }
  });
  it('rule ids are unique and severities order critical > warning > info', () => {
    expect(new Set(RULE_IDS).size).toBe(RULE_IDS.length);
    expect(severityRank('critical')).toBeGreaterThan(severityRank('warning'));
    expect(severityRank('warning')).toBeGreaterThan(severityRank('info'));
  });
});
