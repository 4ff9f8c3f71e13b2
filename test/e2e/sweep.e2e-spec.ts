import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource, In } from 'typeorm';
import { JobLock } from '../../src/database/job-lock.js';
import { JobLockRow } from '../../src/database/job-lock.entity.js';
import { AuditEntry } from '../../src/modules/audit/audit-entry.entity.js';
import { Interview } from '../../src/modules/interviews/interview.entity.js';
import { InterviewsService, SWEEP_JOB } from '../../src/modules/interviews/interviews.service.js';
import { holdInterview, type Office, office, scheduleInterview } from '../factories/interviews.js';
import { type FiledAccount, filedAccount } from '../factories/registry.js';
import { bearer, bootTestApp, type TestApp } from '../helpers/test-app.js';

const isMysql = process.env.DB === 'mysql';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * "Exactly one process sweeps": two app instances on ONE database (each with its own connection
 * pool and its own lease holder id, as two processes would have) run the overdue sweep at once.
 */
describe('the overdue sweep with two app processes on one database', () => {
  let a: TestApp;
  let b: TestApp;
  let o: Office;
  let account: FiledAccount;

  beforeAll(async () => {
    a = await bootTestApp();
    // The second process runs with its scheduler on, as in production (its cron stopped below).
    b = await bootTestApp({ SCHEDULER: 'true' }, { databaseUrl: a.config.database.url });
    b.app.get(SchedulerRegistry).getCronJob(SWEEP_JOB).stop();
    o = await office(a);
    account = await filedAccount(a, o.officer.token);
  });
  afterAll(async () => {
    await b?.closeKeepingDatabase();
    await a?.close();
  });

  /** `n` interviews held and then left past their deadline with no report. */
  async function overdueInterviews(n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let k = 0; k < n; k++) {
      const i = await scheduleInterview(a, o.officer, account.accountId, [o.officer.id, o.officer2.id]);
      await holdInterview(a, o.officer, i.id);
      ids.push(i.id);
    }
    await a.app.get(DataSource).getRepository(Interview).update({ id: In(ids) }, { deadline: '2020-01-02' });
    return ids;
  }

  async function expectFailedOnce(ids: string[]) {
    const ds = a.app.get(DataSource);
    const rows = await ds.getRepository(Interview).findBy({ id: In(ids) });
    expect(rows.map((r) => r.status)).toEqual(ids.map(() => 'failed'));
    const audits = await ds.getRepository(AuditEntry).findBy({ entityId: In(ids), action: 'interview.expire' });
    expect(audits).toHaveLength(ids.length);
    expect(new Set(audits.map((e) => e.entityId)).size).toBe(ids.length);
    expect(audits.every((e) => e.actorName === 'system' && e.role === 'system' && e.actorId === null)).toBe(true);
    // The trail is still one unbroken chain after two processes appended to it.
    const auditor = await a.user('auditor');
    const verify = await b.http.get('/api/audit/verify').set(bearer(auditor.token));
    expect(verify.body).toMatchObject({ valid: true });
  }

  it('the sweep is scheduled every 10 minutes where the scheduler runs', () => {
    const job = b.app.get(SchedulerRegistry).getCronJob(SWEEP_JOB);
    expect(String(job.cronTime.source)).toBe('0 */10 * * * *');
    expect(() => a.app.get(SchedulerRegistry)).toThrow();
  });

  it('the second app sees the first one’s data (one database)', async () => {
    const res = await b.http.get(`/api/accounts/${account.accountId}`).set(bearer(o.officer.token));
    expect(res.status).toBe(200);
    expect(a.app.get(JobLock).holder).not.toBe(b.app.get(JobLock).holder);
  });

  it('while one process holds the lease the other does not sweep; the interviews fail once, one audit entry each', async () => {
    const ids = await overdueInterviews(3);
    const [svcA, svcB] = [a.app.get(InterviewsService), b.app.get(InterviewsService)];
    const finished = { a: deferred(), b: deferred() };
    const started = { a: deferred(), b: deferred() };
    // Whoever wins the lease waits inside its sweep until the other process has tried and returned:
    // if both won, both would wait for ever and the test would time out.
    const realA = svcA.sweepOverdueRectifications.bind(svcA);
    const realB = svcB.sweepOverdueRectifications.bind(svcB);
    const spyA = jest.spyOn(svcA, 'sweepOverdueRectifications').mockImplementation(async (now?: Date) => {
      started.a.resolve();
      await finished.b.promise;
      return realA(now);
    });
    const spyB = jest.spyOn(svcB, 'sweepOverdueRectifications').mockImplementation(async (now?: Date) => {
      started.b.resolve();
      await finished.a.promise;
      return realB(now);
    });
    try {
      let runA: Promise<{ ran: boolean; failed: number }>;
      let runB: Promise<{ ran: boolean; failed: number }>;
      if (isMysql) {
        // Truly at the same moment: both take a connection and race for the lease row.
        runA = svcA.runSweep().finally(() => finished.a.resolve());
        runB = svcB.runSweep().finally(() => finished.b.resolve());
      } else {
        // SQLite in one test process: better-sqlite3 waits for a file lock synchronously, so two
        // write transactions of two apps interleaved in one event loop would block each other.
        // The second app therefore tries once the first holds the lease (two real processes on one
        // file would simply queue on the lock).
        runA = svcA.runSweep().finally(() => finished.a.resolve());
        await started.a.promise;
        runB = svcB.runSweep().finally(() => finished.b.resolve());
      }
      const [ra, rb] = await Promise.all([runA, runB]);
      const results = [ra, rb];
      expect(results.filter((r) => r.ran)).toEqual([{ ran: true, failed: 3 }]);
      expect(results.filter((r) => !r.ran)).toEqual([{ ran: false, failed: 0 }]);
      expect(spyA.mock.calls.length + spyB.mock.calls.length).toBe(1);
      const winner = ra.ran ? a : b;
      const lease = await a.app.get(DataSource).getRepository(JobLockRow).findOneByOrFail({ name: SWEEP_JOB });
      expect(lease.holder).toBe(winner.app.get(JobLock).holder);
      expect(lease.lastRunAt).not.toBeNull();
      expect(new Date(lease.lockedUntil).getTime()).toBeLessThan(Date.now());
    } finally {
      spyA.mockRestore();
      spyB.mockRestore();
    }
    await expectFailedOnce(ids);
  });

  // Skipped on SQLite: two apps in one test process share one event loop, and better-sqlite3 waits
  // for the other connection's file lock synchronously ("database is locked" after busy_timeout);
  // the lease itself is proven on SQLite by the test above.
  (isMysql ? it : it.skip)('through the API on both apps at once (MariaDB): every interview failed exactly once', async () => {
    const ids = await overdueInterviews(5);
    const responses = await Promise.all([
      a.http.post('/api/interviews/sweep').set(bearer(o.officer.token)),
      b.http.post('/api/interviews/sweep').set(bearer(o.officer.token)),
      a.http.post('/api/interviews/sweep').set(bearer(o.officer2.token)),
      b.http.post('/api/interviews/sweep').set(bearer(o.officer2.token)),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(responses.reduce((sum, r) => sum + r.body.failed, 0)).toBe(5);
    expect(responses.some((r) => r.body.ran)).toBe(true);
    await expectFailedOnce(ids);
  });

  it('a crashed holder’s lease expires: the other process sweeps after the lease time', async () => {
    const ids = await overdueInterviews(1);
    const ds = a.app.get(DataSource);
    // App A took the lease and died without releasing it.
    await ds.getRepository(JobLockRow).update({ name: SWEEP_JOB }, { holder: a.app.get(JobLock).holder, lockedUntil: new Date(Date.now() + 60_000) });
    expect(await b.app.get(InterviewsService).runSweep()).toEqual({ ran: false, failed: 0 });
    await ds.getRepository(JobLockRow).update({ name: SWEEP_JOB }, { lockedUntil: new Date(Date.now() - 1000) });
    expect(await b.app.get(InterviewsService).runSweep()).toEqual({ ran: true, failed: 1 });
    await expectFailedOnce(ids);
  });
});
