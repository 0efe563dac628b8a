import { describe, expect, it } from 'vitest';
import { CHARTS, pickSeries } from './chart-specs';

describe('chart specs', () => {
  it('picks exact names and prefix families in order', () => {
    const available = ['cgroups.memory', 'cgroups.cpuset', 'tasks.total', 'log.rate.pleg-unhealthy'];
    const cg = CHARTS.find((c) => c.id === 'cgroups');
    expect(cg && pickSeries(cg, available)).toEqual(['cgroups.cpuset', 'cgroups.memory']);
    expect(pickSeries({ metrics: ['tasks.total', 'threads.kernel'] }, available)).toEqual(['tasks.total']);
    expect(pickSeries({ metrics: ['log.rate.'] }, available)).toEqual(['log.rate.pleg-unhealthy']);
  });
});
