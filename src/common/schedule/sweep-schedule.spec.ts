import { describe, expect, it } from '@jest/globals';
import { scheduledTick, SWEEP_CRON, sweepCron } from './sweep-schedule.js';

describe('sweep schedule', () => {
  it('ticks every 10 minutes on the clock unless SWEEP_INTERVAL_SECONDS says otherwise', () => {
    expect(sweepCron()).toBe(SWEEP_CRON);
    expect(SWEEP_CRON).toBe('0 */10 * * * *');
    expect(sweepCron(5)).toBe('*/5 * * * * *');
  });

  it('a tick that fires late still belongs to its scheduled instant, the same in every process', () => {
    expect(scheduledTick(new Date('2026-11-23T18:30:00.000Z')).toISOString()).toBe('2026-11-23T18:30:00.000Z');
    expect(scheduledTick(new Date('2026-11-23T18:30:00.480Z')).toISOString()).toBe('2026-11-23T18:30:00.000Z');
    expect(scheduledTick(new Date('2026-11-23T18:39:59.999Z')).toISOString()).toBe('2026-11-23T18:30:00.000Z');
    expect(scheduledTick(new Date('2026-11-23T18:30:04.900Z'), 5).toISOString()).toBe('2026-11-23T18:30:00.000Z');
    expect(scheduledTick(new Date('2026-11-23T18:30:05.010Z'), 5).toISOString()).toBe('2026-11-23T18:30:05.000Z');
  });
});
