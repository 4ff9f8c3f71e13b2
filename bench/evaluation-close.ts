/**
 * `npm run bench:evaluation [-- --accounts 100000] [--evaluators 60] [--keep]`
 *
 * Closes an annual evaluation cycle of N filed accounts (default 100,000) with 3 scores each on
 * MariaDB/MySQL (MYSQL_URL, default mysql://root@127.0.0.1:3306) and prints the time the close took
 * and the process's peak resident memory, sampled every 100 ms. A throw-away database is made, the
 * app boots on it (migrations run), the data goes in by raw multi-row INSERTs (accounts, about 10%
 * with violations in the year, 2% with a held interview, the cycle, 3 scored assignments per
 * account), then the cycle is closed through CycleCloser exactly as POST /close does it, in a fresh
 * process (the same script with --close-only), so the memory figures are the close's alone.
 * `--accounts 2000` is the cheap variant for CI (`npm run bench:evaluation:smoke`).
 * Exit code 1 when the results do not add up.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import { createApp } from '../src/app.factory.js';
import { CycleCloser } from '../src/modules/evaluation/cycle-closer.js';
import { createMysqlDatabase, dropMysqlDatabase } from '../scripts/mysql-admin.js';
import { arg, benchConfig, insert, lcg, mb, startFlags } from './support.js';

const YEAR = 2026;
const ORGS = ['余杭区网络文化协会', '余杭区梦想驿站互联网文化服务中心', '第三方专家库'];


/** The measured part, in its own process: boot, close the cycle, print the figures. */
async function closeOnly(url: string, cycleId: string, officerId: string, accounts: number): Promise<void> {
  const app = await createApp(benchConfig(url), { logger: false });
  try {
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    let peakHeap = process.memoryUsage().heapUsed;
    const sampler = setInterval(() => {
      const mem = process.memoryUsage();
      peak = Math.max(peak, mem.rss);
      peakHeap = Math.max(peakHeap, mem.heapUsed);
    }, 100);
    const started = performance.now();
    const closed = await app.get(CycleCloser).close({ userId: officerId, username: 'bench_officer', role: 'officer', ip: null }, cycleId);
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    process.stdout.write(
      [
        `closed ${closed.counts.results} accounts in ${seconds.toFixed(2)} s (${Math.round(closed.counts.results / seconds)} accounts/s)`,
        `grades A ${closed.counts.grades.A} · B ${closed.counts.grades.B} · C ${closed.counts.grades.C} · D ${closed.counts.grades.D}; flags ${closed.counts.flags}`,
        `peak RSS ${mb(peak)} (after boot ${mb(baseline)}, growth ${mb(peak - baseline)}); peak heap used ${mb(peakHeap)}`,
      ].join('\n') + '\n',
    );
    // For the figures page (test/reliability/figures.ts); the goals of issue #6 are for 312,000 accounts.
    const mbPeak = peak / 1024 / 1024;
    process.stdout.write(`FIGURE\tevaluation close ${accounts} accounts x 3 scores (MariaDB) seconds\t${seconds.toFixed(1)}\t<= 60\t${seconds <= 60 ? 'ok' : 'FAIL'}\n`);
    process.stdout.write(`FIGURE\tevaluation close ${accounts} accounts x 3 scores (MariaDB) peak RSS MB\t${mbPeak.toFixed(0)}\t<= 512\t${mbPeak <= 512 ? 'ok' : 'FAIL'}\n`);
    if (closed.counts.results !== accounts) {
      process.stderr.write(`expected ${accounts} results, got ${closed.counts.results}\n`);
      process.exitCode = 1;
    }
  } finally {
    await app.close();
  }
}

async function main(): Promise<void> {
  const only = process.argv.indexOf('--close-only');
  if (only !== -1) {
    const [url, cycleId, officerId] = process.argv.slice(only + 1, only + 4);
    return closeOnly(url, cycleId, officerId, arg('accounts', 100_000));
  }
  const accounts = arg('accounts', 100_000);
  const evaluatorCount = arg('evaluators', 60);
  const keep = process.argv.includes('--keep');
  const base = process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
  const url = await createMysqlDatabase(base, 'bench');
  process.stdout.write(`database ${new URL(url).pathname.slice(1)}: ${accounts} accounts × 3 scores, ${evaluatorCount} evaluators\n`);

  // Boot once to run the migrations and make the first sysadmin; the close runs in a fresh process.
  await (await createApp(benchConfig(url), { logger: false })).close();
  const u = new URL(url);
  const pool = mysql.createPool({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1),
    timezone: 'Z',
    connectionLimit: 2,
  });
  try {
    const fillStarted = performance.now();
    const rnd = lcg(20261123);
    const now = new Date();
    const officerId = randomUUID();
    await insert(pool, 'app_user', ['id', 'username', 'passwordHash', 'role', 'displayName', 'organization', 'status'], [
      [officerId, 'bench_officer', 'x', 'officer', '测试工作人员', '区网信办', 'active'],
    ]);
    const evaluators = Array.from({ length: evaluatorCount }, (_, i) => ({ id: randomUUID(), org: ORGS[i % ORGS.length] }));
    await insert(
      pool,
      'app_user',
      ['id', 'username', 'passwordHash', 'role', 'displayName', 'organization', 'status'],
      evaluators.map((e, i) => [e.id, `bench_eval_${i}`, 'x', 'evaluator', `评议员${i + 1}`, e.org, 'active']),
    );

    const cycleId = randomUUID();
    await insert(
      pool,
      'evaluation_cycle',
      ['id', 'year', 'status', 'weightD1', 'weightD2', 'weightD3', 'weightD4', 'weightD5', 'accountCount', 'assignmentCount', 'evaluatorsPerAccount', 'createdBy', 'openedAt', 'assignedAt', 'policyVersion'],
      [[cycleId, YEAR, 'scoring', 30, 20, 10, 20, 20, accounts, accounts * 3, 3, officerId, now, now, 'bench']],
    );

    // Accounts, with their conduct and scores, in slices so the filler's own memory stays small.
    const SLICE = 10_000;
    let violations = 0;
    let interviews = 0;
    for (let from = 0; from < accounts; from += SLICE) {
      const n = Math.min(SLICE, accounts - from);
      const ids = Array.from({ length: n }, () => randomUUID());
      const subjectId = randomUUID();
      const ownerId = randomUUID();
      await insert(
        pool,
        'media_account',
        ['id', 'subjectId', 'ownerId', 'platform', 'platformAccountId', 'name', 'category', 'followers', 'status', 'filingNo', 'filedAt'],
        ids.map((id, k) => {
          const seq = from + k + 1;
          return [id, subjectId, ownerId, 'wechat', `bench_${seq}`, `测试账号${seq}`, 'lifestyle', 1000, 'filed', `YH-ZMT-${YEAR}-${String(seq).padStart(6, '0')}`, now];
        }),
      );
      const vRows: unknown[][] = [];
      const iRows: unknown[][] = [];
      ids.forEach((id, k) => {
        const r = rnd();
        if (r < 0.1) {
          const count = r < 0.02 ? 2 : 1;
          for (let v = 0; v < count; v++) vRows.push([randomUUID(), id, 'C06', 'inspection', '转载未经证实的信息', `${YEAR}-0${1 + ((k + v) % 9)}-15`, officerId, '§02.2', 'bench']);
        }
        if (rnd() < 0.02) {
          const heldAt = new Date(`${YEAR}-06-${String(1 + (k % 28)).padStart(2, '0')}T02:00:00Z`);
          iRows.push([randomUUID(), `YH-WXYT-B-${from + k}`, id, ownerId, subjectId, '测试主体', `测试账号${from + k + 1}`, 'wechat', 'T3', '事实', heldAt, '区网信办', '[]', '王某', '主要负责人', `${YEAR}-05-20`, 'rectifying', officerId, heldAt]);
        }
      });
      await insert(pool, 'violation', ['id', 'accountId', 'category', 'source', 'facts', 'occurredAt', 'recordedBy', 'citation', 'policyVersion'], vRows);
      await insert(
        pool,
        'interview',
        ['id', 'noticeNo', 'accountId', 'ownerId', 'subjectId', 'subjectName', 'accountName', 'platform', 'triggers', 'facts', 'scheduledAt', 'location', 'officers', 'summonedName', 'summonedTitle', 'noticeDate', 'status', 'createdBy', 'heldAt'],
        iRows,
      );
      violations += vRows.length;
      interviews += iRows.length;

      const aRows: unknown[][] = [];
      const sRows: unknown[][] = [];
      ids.forEach((id, k) => {
        const i = from + k;
        for (let j = 0; j < 3; j++) {
          const e = evaluators[(i + j * Math.ceil(evaluatorCount / 3)) % evaluatorCount];
          const assignmentId = randomUUID();
          aRows.push([assignmentId, cycleId, id, e.id, e.org, 'scored', now]);
          const mark = () => 55 + Math.floor(rnd() * 46);
          sRows.push([randomUUID(), assignmentId, mark(), mark(), mark(), mark(), mark(), now, 1]);
        }
      });
      await insert(pool, 'evaluation_assignment', ['id', 'cycleId', 'accountId', 'evaluatorId', 'evaluatorOrganization', 'status', 'scoredAt'], aRows);
      await insert(pool, 'evaluation_score', ['id', 'assignmentId', 'd1', 'd2', 'd3', 'd4', 'd5', 'submittedAt', 'revision'], sRows);
    }
    process.stdout.write(`filled in ${((performance.now() - fillStarted) / 1000).toFixed(1)} s (${violations} violations, ${interviews} interviews)\n`);

    const child = spawnSync(process.execPath, ['--expose-gc', ...startFlags(), fileURLToPath(import.meta.url), '--close-only', url, cycleId, officerId, '--accounts', String(accounts)], { stdio: 'inherit' });
    const [[count]] = (await pool.query('SELECT COUNT(*) AS n FROM evaluation_result WHERE cycleId = ?', [cycleId])) as unknown as [{ n: number }[]];
    if (child.status !== 0 || Number(count.n) !== accounts) {
      process.stderr.write(`the close failed or is incomplete: exit ${child.status}, ${count.n} results of ${accounts}\n`);
      process.exitCode = 1;
    }
  } finally {
    await pool.end();
    if (keep) process.stdout.write(`kept ${url}\n`);
    else await dropMysqlDatabase(url);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
