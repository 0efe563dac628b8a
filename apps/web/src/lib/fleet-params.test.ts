import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FLEET_PARAMS,
  fleetParamsToSearch,
  nextSort,
  parseFleetParams,
  toggle,
} from './fleet-params';

describe('fleet params', () => {
  it('round-trips through the URL', () => {
    const p = {
      ...DEFAULT_FLEET_PARAMS,
      q: 'pool-a',
      severity: ['critical', 'warning'],
      rule: ['mount-propagation-leak'],
      label: ['zone=z1'],
      sort: 'm:kubelet.cpu_percent',
      dir: 'asc' as const,
      group: 'none' as const,
    };
    const s = fleetParamsToSearch(p);
    expect(s).toContain('severity=critical,warning');
    expect(parseFleetParams(new URLSearchParams(s))).toEqual(p);
  });
  it('omits defaults and ignores junk', () => {
    expect(fleetParamsToSearch(DEFAULT_FLEET_PARAMS)).toBe('');
    const p = parseFleetParams(new URLSearchParams('dir=sideways&group=x&severity=,critical,,critical'));
    expect(p.dir).toBe('desc');
    expect(p.group).toBe('pool');
    expect(p.severity).toEqual(['critical']);
  });
  it('toggles and flips sort', () => {
    expect(toggle(['a'], 'b')).toEqual(['a', 'b']);
    expect(toggle(['a', 'b'], 'a')).toEqual(['b']);
    expect(nextSort(DEFAULT_FLEET_PARAMS, 'health')).toEqual({ sort: 'health', dir: 'asc' });
    expect(nextSort(DEFAULT_FLEET_PARAMS, 'name')).toEqual({ sort: 'name', dir: 'asc' });
    expect(nextSort(DEFAULT_FLEET_PARAMS, 'm:tasks.total')).toEqual({ sort: 'm:tasks.total', dir: 'desc' });
  });
});
