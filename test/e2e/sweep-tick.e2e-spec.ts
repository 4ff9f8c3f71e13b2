import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { JobLock } from '../../src/database/job-lock.js';
import { JobLockRow } from '../../src/database/job-lock.entity.js';
import { UnitOfWork } from '../../src/database/unit-of-work.js';
import { EXPIRY_SWEEP_JOB } from '../../src/modules/blacklist/blacklist-expiry.js';
import { SWEEP_JOB } from '../../src/modules/interviews/interviews.service.js';
import { bootTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * "The scheduled sweeps run once": every process ticks at the same instants and the lease
 * remembers the tick, so a process that takes the lease after another one has finished the tick
 * (and released the lease) does not sweep it again. Two lease holders on one database stand for two
 * processes (test/e2e/sweep.e2e-spec.ts runs two whole apps; the cluster drill two processes).
 */
describe('sweeps run once per tick', () => {
  let t: TestApp;
  let first: JobLock;
  let second: JobLock;

  beforeAll(async () => {
    t = await bootTestApp({ SCHEDULER: 'true', SWEEP_INTERVAL_SECONDS: '2' });
    first = new JobLock(t.app.get(UnitOfWork));
    second = new JobLock(t.app.get(UnitOfWork));
  });
  afterAll(() => t?.close());

  const job = 'tick-test-job';
  const work = async () => 'swept';

  it('a tick done by one holder is not run again by the other, the next tick is', async () => {
    const tick = new Date(Math.floor(Date.now() / 1000) * 1000);
    expect(first.holder).not.toBe(second.holder);
    expect(await first.runExclusive(job, 60_000, work, { tick })).toEqual({ ran: true, result: 'swept' });
    expect(await second.runExclusive(job, 60_000, work, { tick })).toEqual({ ran: false });
    expect(await first.runExclusive(job, 60_000, work, { tick })).toEqual({ ran: false });
    const next = new Date(tick.getTime() + 5_000);
    expect(await second.runExclusive(job, 60_000, work, { tick: next })).toEqual({ ran: true, result: 'swept' });
    expect(await first.runExclusive(job, 60_000, work, { tick: next })).toEqual({ ran: false });
  });

  it('both holders at once on a new tick: exactly one runs', async () => {
    const tick = new Date(Math.floor(Date.now() / 1000) * 1000 + 60_000);
    const outcomes = await Promise.all([first.runExclusive(job, 60_000, work, { tick }), second.runExclusive(job, 60_000, work, { tick })]);
    expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
  });

  it('without a tick (a manual run) the lease only keeps runs apart', async () => {
    expect((await first.runExclusive(`${job}-manual`, 60_000, work)).ran).toBe(true);
    expect((await second.runExclusive(`${job}-manual`, 60_000, work)).ran).toBe(true);
  });

  it('SWEEP_INTERVAL_SECONDS re-times both sweeps, and they run on it', async () => {
    const registry = t.app.get(SchedulerRegistry);
    for (const name of [SWEEP_JOB, EXPIRY_SWEEP_JOB]) expect(String(registry.getCronJob(name).cronTime.source)).toBe('*/2 * * * * *');
    const repo = t.app.get(DataSource).getRepository(JobLockRow);
    const deadline = Date.now() + 10_000;
    let rows: JobLockRow[] = [];
    while (Date.now() < deadline) {
      rows = await repo.findBy([{ name: SWEEP_JOB }, { name: EXPIRY_SWEEP_JOB }]);
      if (rows.length === 2 && rows.every((r) => r.lastRunAt)) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(rows.map((r) => r.name).sort()).toEqual([EXPIRY_SWEEP_JOB, SWEEP_JOB].sort());
    // A scheduled run records its tick instant (whole seconds, a multiple of the interval) or later.
    for (const r of rows) expect(r.lastRunAt).toBeInstanceOf(Date);
  });
});
