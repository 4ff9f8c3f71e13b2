/**
 * `npm run reliability:cluster [-- --quick] [--duration 20] [--connections 20] [--limit 300] [--interval 2] [--interviews 4] [--keep]`
 *
 * Two app processes behind one MariaDB and one Redis, as production runs them. Builds nothing itself
 * (the npm script builds first), creates a fresh database on the MariaDB server at MYSQL_URL
 * (default mysql://root@127.0.0.1:3306), starts `node dist/src/main.js` twice (own ports, the same
 * database, secrets, REDIS_URL — default redis://127.0.0.1:6379 — and a key prefix of its own),
 * each with the scheduler on and SWEEP_INTERVAL_SECONDS=--interval, and puts a round-robin balancer
 * (round-robin.ts) in front. Then:
 *   1. load: autocannon through the balancer for --duration seconds (health checks and an officer's
 *      account reads); halfway, --interviews held interviews are made overdue in the database, so the
 *      sweeps have real work while both processes tick;
 *   2. limits: 3 × --limit requests to a rate-limited public route through the balancer;
 *   3. sweeps: after two more ticks, both processes stop and their logs are read: every run of a
 *      sweep is a `job.ran` line with its tick and holder.
 * Prints a table and `FIGURE\t<name>\t<value>\t<goal>\t<ok|FAIL>` lines; exit code 1 when one fails.
 * --quick: 6 s of load, limit 50, 2 interviews.
 */
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- autocannon ships no types; bench/autocannon.d.ts declares them (outside this tsconfig)
/// <reference path="../../bench/autocannon.d.ts" />
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import mysql from 'mysql2/promise';
import { arg } from '../../bench/support.js';
import { createMysqlDatabase, dropMysqlDatabase } from '../../scripts/mysql-admin.js';
import { AppProcess, figure, log, must, type Office, printTable, seedOffice, sleep, verifyChain } from './drill-support.js';
import { RoundRobin } from './round-robin.js';
import { readLog, tallySweeps } from './sweep-runs.js';

const quick = process.argv.includes('--quick');
const keep = process.argv.includes('--keep');
const duration = arg('duration', quick ? 6 : 20);
const connections = arg('connections', quick ? 10 : 20);
const limit = arg('limit', quick ? 50 : 300);
const interval = arg('interval', 2);
const overdueCount = arg('interviews', quick ? 2 : 4);
const MYSQL_URL = process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const RATE_LIMITED_PATH = '/api/public/accounts';

async function redisOrFail(): Promise<Redis> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
    return redis;
  } catch (e) {
    redis.disconnect();
    throw new Error(`Redis does not answer at ${REDIS_URL} (${e instanceof Error ? e.message : String(e)}); start redis-server (.ci/run does)`);
  }
}

/** A violation, an interview held and its rectification ordered, on the office's account `k`. */
async function heldInterview(base: string, office: Office, k: number): Promise<void> {
  const { officer, officer2 } = office;
  const account = office.accounts[k];
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  await must(base, 'POST', `/api/accounts/${account.id}/violations`, 201, { token: officer.token, body: { category: 'C03', source: 'inspection', facts: '发布标题夸大、与内容不符的文章。', occurredAt: today } });
  const scheduledAt = new Date(Date.now() + 32 * 3600_000).toISOString().slice(0, 19) + '+08:00';
  const interview = await must(base, 'POST', '/api/interviews', 201, {
    token: officer.token,
    body: { accountId: account.id, triggers: ['T3'], facts: '该账号多次发布标题夸大的文章。', scheduledAt, location: '余杭区文一西路1500号区网信办302会议室', officerIds: [officer.id, officer2.id] },
  });
  await must(base, 'POST', `/api/interviews/${interview.id}/hold`, 200, {
    token: officer.token,
    body: { minutes: '约谈人员通报了账号存在的问题，被约谈人表示接受并承诺整改。', problems: ['标题夸大'], requirements: '删除相关内容并公开更正' },
  });
}

async function load(url: string, paths: string[], token: string): Promise<autocannon.Result> {
  let k = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections,
        duration,
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[k++ % paths.length], headers: { authorization: `Bearer ${token}` } }) }],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
}

/** `n` requests, `parallel` at a time, through the balancer; statuses are counted by the balancer. */
async function burst(url: string, n: number, parallel: number): Promise<void> {
  let sent = 0;
  const worker = async () => {
    while (sent < n) {
      sent += 1;
      const res = await fetch(url);
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

/** 1. Load through the balancer; halfway the held interviews pass their deadline. */
async function loadPhase(balancer: RoundRobin, url: string, office: Office, db: mysql.Connection) {
  log(`load: ${connections} connections for ${duration} s through the balancer`);
  const overdue = (async () => {
    await sleep((duration * 1000) / 2);
    await db.query("UPDATE interview SET deadline = '2020-01-02' WHERE status = 'rectifying'");
  })();
  const result = await load(url, ['/api/health', `/api/accounts/${office.accounts[0].id}`], office.officer.token);
  await overdue;
  await sleep(1000); // the last requests of the load are still being answered
  return {
    served: { A: balancer.count({ backend: 'A' }), B: balancer.count({ backend: 'B' }) },
    failed: result.errors + result.timeouts + balancer.count({ status: (st) => st >= 500 }),
    perSecond: Math.round(result.requests.average),
  };
}

/** 2. Three times the public limit to a rate-limited route, through the balancer. */
async function limitPhase(balancer: RoundRobin, url: string) {
  await burst(url + RATE_LIMITED_PATH, 3 * limit, 10);
  const path = RATE_LIMITED_PATH;
  return {
    allowed: { A: balancer.count({ path, backend: 'A', status: 200 }), B: balancer.count({ path, backend: 'B', status: 200 }) },
    other: balancer.count({ path, status: (st) => st !== 200 && st !== 429 }),
  };
}

/** 3. What the sweeps left in the database. */
async function sweptRows(db: mysql.Connection) {
  const [[failed]] = (await db.query("SELECT COUNT(*) AS n FROM interview WHERE status = 'failed'")) as unknown as [[{ n: number }]];
  const [[audits]] = (await db.query("SELECT COUNT(*) AS n, COUNT(DISTINCT entityId) AS ids FROM audit_entry WHERE action = 'interview.expire'")) as unknown as [[{ n: number; ids: number }]];
  return { failedInterviews: Number(failed.n), expireAudits: Number(audits.n), expireIds: Number(audits.ids) };
}

type Load = Awaited<ReturnType<typeof loadPhase>>;
type Limits = Awaited<ReturnType<typeof limitPhase>>;
type Swept = Awaited<ReturnType<typeof sweptRows>>;

function report(processes: AppProcess[], loadOut: Load, limits: Limits, swept: Swept, chainValid: boolean): boolean {
  const logs = processes.map((p) => readLog(p.logFile));
  const name = new Map(processes.map((p, i) => [p.pid, i === 0 ? 'A' : 'B']));
  const runs = logs.flatMap((l) => l.runs);
  const sweeps = tallySweeps(runs, interval * 1000);
  const runsBy = (n: string) => runs.filter((r) => name.get(r.pid) === n).length;
  const { served, failed } = loadOut;
  const { allowed, other } = limits;
  const total = served.A + served.B;
  const busier = total === 0 ? 100 : (100 * Math.max(served.A, served.B)) / total;
  printTable(
    ['', 'process A', 'process B', 'both'],
    [
      ['requests under load (balancer)', served.A, served.B, total],
      ['requests completed (own log, set-up included)', logs[0].requests, logs[1].requests, logs[0].requests + logs[1].requests],
      [`${RATE_LIMITED_PATH} allowed (limit ${limit})`, allowed.A, allowed.B, allowed.A + allowed.B],
      ['sweep runs', runsBy('A'), runsBy('B'), runs.length],
    ],
  );
  log(`load: ${loadOut.perSecond} req/s through the balancer; ${sweeps.ticks} sweep ticks of ${sweeps.jobs} jobs`);
  const n = overdueCount;
  return [
    figure('cluster: requests through the balancer under load', total, '> 0', total > 0),
    figure('cluster: requests per second through the balancer', loadOut.perSecond, 'recorded', true),
    figure('cluster: share of the load served by the busier process', `${busier.toFixed(1)} %`, '≤ 60 %', busier <= 60),
    figure('cluster: requests completed per process (A / B, own logs)', `${logs[0].requests} / ${logs[1].requests}`, 'both > 0', logs[0].requests > 0 && logs[1].requests > 0),
    figure('cluster: failed or 5xx requests under load', failed, '0', failed === 0),
    figure('cluster: public limit, allowed across both processes', allowed.A + allowed.B, `= ${limit}`, allowed.A + allowed.B === limit),
    figure('cluster: public limit, allowed by A / B', `${allowed.A} / ${allowed.B}`, 'both > 0', allowed.A > 0 && allowed.B > 0),
    figure('cluster: public limit, answers neither 200 nor 429', other, '0', other === 0),
    figure('cluster: sweep ticks run (fewest of one job)', sweeps.fewestPerJob, '≥ 3, ≥ 2 jobs', sweeps.jobs >= 2 && sweeps.fewestPerJob >= 3),
    figure('cluster: sweep ticks run by more than one process', sweeps.twice, '0', sweeps.twice === 0),
    figure('cluster: sweep ticks skipped while no run of the job was going on', sweeps.skipped, '0', sweeps.skipped === 0),
    figure('cluster: sweep runs by A / B', `${runsBy('A')} / ${runsBy('B')}`, 'one per tick', runs.length === sweeps.ticks),
    figure('cluster: overdue interviews failed by the sweep', swept.failedInterviews, `= ${n}`, swept.failedInterviews === n),
    figure('cluster: interview.expire audit entries (distinct interviews)', `${swept.expireAudits} (${swept.expireIds})`, `= ${n}`, swept.expireAudits === n && swept.expireIds === n),
    figure('cluster: audit chain after the drill', chainValid ? 'valid' : 'broken', 'valid', chainValid),
  ].every(Boolean);
}

async function main(): Promise<boolean> {
  const redis = await redisOrFail();
  const prefix = `cluster-${randomBytes(4).toString('hex')}:`;
  const dbUrl = await createMysqlDatabase(MYSQL_URL, 'cluster');
  const dir = mkdtempSync(join(tmpdir(), 'cluster-drill-'));
  const env = {
    REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    RATE_LIMIT: 'true',
    RATE_LIMIT_PUBLIC: String(limit),
    RATE_LIMIT_AUTH: '1000',
    RATE_LIMIT_WINDOW_MS: String(60 * 60_000),
    SCHEDULER: 'true',
    SWEEP_INTERVAL_SECONDS: String(interval),
    LOG_LEVEL: 'info',
  };
  const processes: AppProcess[] = [];
  const balancer = new RoundRobin([]);
  let db: mysql.Connection | null = null;
  try {
    log(`database ${dbUrl.replace(/\/\/[^@]*@/, '//')}, Redis ${REDIS_URL} (prefix ${prefix}), sweeps every ${interval} s`);
    // One after the other: the first runs the migrations, the second finds none pending.
    processes.push(await AppProcess.start(dbUrl, join(dir, 'a'), env));
    processes.push(await AppProcess.start(dbUrl, join(dir, 'b'), env));
    const [a, b] = processes;
    log(`process A pid ${a.pid} at ${a.base}, process B pid ${b.pid} at ${b.base}`);
    const office = await seedOffice(a.base, { operators: Math.max(2, Math.ceil((overdueCount + 1) / 2)), accountsPerOperator: 2, reports: 2 });
    for (let k = 1; k < overdueCount; k++) await heldInterview(a.base, office, k);

    balancer.add({ name: 'A', base: a.base }, { name: 'B', base: b.base });
    const url = await balancer.listen();
    db = await mysql.createConnection({ uri: dbUrl });
    const loadOut = await loadPhase(balancer, url, office, db);
    const limits = await limitPhase(balancer, url);
    await sleep(2 * interval * 1000 + 1000); // two more ticks
    const swept = await sweptRows(db);
    const chain = await verifyChain(url, office.auditor.token);
    await balancer.close();
    for (const p of processes) await p.stop(); // the logs are complete once the processes are gone
    return report(processes, loadOut, limits, swept, chain.valid);
  } finally {
    await balancer.close();
    await db?.end();
    for (const p of processes) await p.stop();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    if (keep) log(`kept: database ${dbUrl}, logs in ${dir}`);
    else {
      await dropMysqlDatabase(dbUrl);
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (e) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
