import { describe, expect, it } from '@jest/globals';
import { type JobRun, tallySweeps } from '../reliability/sweep-runs.js';

const T0 = Date.parse('2026-11-23T19:00:00Z');
const run = (job: string, k: number, pid: number, tookMs = 50): JobRun => ({ job, tick: T0 + k * 2000, pid, endedAt: T0 + k * 2000 + tookMs });

describe('tallySweeps', () => {
  it('one run per tick, whichever process: nothing twice, nothing skipped', () => {
    const runs = [run('a', 0, 1), run('a', 1, 2), run('a', 2, 1), run('b', 0, 2), run('b', 1, 2), run('b', 2, 2)];
    expect(tallySweeps(runs, 2000)).toEqual({ jobs: 2, ticks: 6, twice: 0, skipped: 0, fewestPerJob: 3 });
  });

  it('counts a tick run by both processes', () => {
    expect(tallySweeps([run('a', 0, 1), run('a', 0, 2), run('a', 1, 1)], 2000)).toMatchObject({ twice: 1, ticks: 2 });
  });

  it('a tick missed while the previous run still went on is not skipped; one missed otherwise is', () => {
    expect(tallySweeps([run('a', 0, 1, 2500), run('a', 2, 2)], 2000).skipped).toBe(0);
    expect(tallySweeps([run('a', 0, 1), run('a', 2, 2)], 2000).skipped).toBe(1);
  });
});
