/**
 * `npm run bench:figures [-- --accounts 100000] [--reports 50000] [--violations 10000] [--interviews 2000] [--year 2025] [--keep]`
 *
 * Fills a throw-away MariaDB/MySQL database (MYSQL_URL, default mysql://root@127.0.0.1:3306) with a
 * year of the office's work by raw multi-row INSERTs — accounts on every platform with grades,
 * reports (most concluded, some late, some transferred to the police), violations of every kind,
 * interviews in every state, escalation measures, blacklist listings, staff trainings and roster
 * filings — then, in a fresh process (the same script with --measure-only), boots the app and
 * times the annual figures and the campaign summary for that year through StatsService, five
 * rounds each, and prints the medians, the figures and the process's peak resident memory
 * (sampled every 20 ms). Exit code 1 when the figures do not match what was inserted.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import { createApp } from '../src/app.factory.js';
import { StatsService } from '../src/modules/stats/stats.service.js';
import { createMysqlDatabase, dropMysqlDatabase } from '../scripts/mysql-admin.js';
import { arg, benchConfig, insert, lcg, mb, startFlags } from './support.js';

const ROUNDS = 5;
const PLATFORMS = ['wechat', 'weibo', 'douyin', 'toutiao', 'kuaishou', 'bilibili', 'xiaohongshu', 'other'];
const CATEGORIES = ['C01', 'C02', 'C03', 'C04', 'C05', 'C06', 'C07', 'C08', 'C09', 'C10', 'C11'];
const KINDS = [...CATEGORIES, 'S04', 'S05', 'S06', 'S07'];
const SOURCES = ['report', 'inspection', 'upper_notice', 'platform_notice'];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Inserted {
  accounts: number;
  reports: number;
  violations: number;
  interviewsHeld: number;
}

/** The measured part, in its own process: boot, time the figures, print them. */
async function measureOnly(url: string, year: number, inserted: Inserted): Promise<void> {
  const app = await createApp(benchConfig(url), { logger: false });
  try {
    const stats = app.get(StatsService);
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const time = async <T>(work: () => Promise<T>): Promise<{ ms: number[]; result: T }> => {
      const ms: number[] = [];
      let result!: T;
      for (let r = 0; r < ROUNDS; r++) {
        const started = performance.now();
        result = await work();
        ms.push(performance.now() - started);
      }
      return { ms, result };
    };
    const annual = await time(() => stats.annual(year));
    const campaign = await time(() => stats.campaign(`${year}-01-01`, `${year}-12-31`));
    const workbook = await time(() => stats.annualWorkbook(year));
    const report = await time(() => stats.annualReport(year));
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const f = annual.result;
    const c = campaign.result;
    const fmt = (ms: number[]) => `median ${median(ms).toFixed(0)} ms (rounds: ${ms.map((x) => x.toFixed(0)).join(', ')})`;
    process.stdout.write(
      [
        `annual figures ${year}: ${fmt(annual.ms)}`,
        `campaign summary ${year}-01-01..${year}-12-31: ${fmt(campaign.ms)}`,
        `annual workbook (.xlsx, ${workbook.result.body.length} bytes): ${fmt(workbook.ms)}`,
        `annual report (.docx, ${report.result.body.length} bytes): ${fmt(report.ms)}`,
        `peak RSS ${mb(peak)} (after boot ${mb(baseline)}, growth ${mb(peak - baseline)})`,
        `figures: accounts under management ${f.accounts.underManagement} (${f.accounts.byGrade.map((g) => `${g.key} ${g.count}`).join(' · ')}), filed in year ${f.accounts.filedInYear}`,
        `  reports received ${f.reports.received}, concluded ${f.reports.concluded} (${f.reports.byOutcome.map((o) => `${o.label} ${o.count}`).join(' · ')}; police ${f.reports.transferredToPolice}), open ${f.reports.open}, overdue ${f.reports.overdue.total} (open ${f.reports.overdue.openPastDue}, late ${f.reports.overdue.concludedLate})`,
        `  violations ${f.violations.total} (${f.violations.bySource.map((s) => `${s.label} ${s.count}`).join(' · ')})`,
        `  interviews: notices ${f.interviews.noticesIssued}, held ${f.interviews.held}, refused ${f.interviews.refused}; passed ${f.interviews.outcomes.passed}, failed ${f.interviews.outcomes.failed}, in progress ${f.interviews.outcomes.inProgress}`,
        `  measures ${f.measures.total} (${f.measures.byKind.map((k) => `${k.label} ${k.count}`).join(' · ')}); blacklist listed ${f.blacklist.listed}, exits ${f.blacklist.exits.total}, in force ${f.blacklist.inForceAtYearEnd}`,
        `  staff filings ${f.staff.filings.submitted} (accepted ${f.staff.filings.accepted}, returned ${f.staff.filings.returned}); trainings ${f.staff.training.sessions}, ${f.staff.training.hours} h`,
        `campaign total: 责令整改 ${c.total.ordered} · 行政约谈 ${c.total.interviewed} · 行政处罚 ${c.total.penalised} · 移交公安 ${c.total.police}; unattributed interviews ${c.rows[c.rows.length - 1].interviewed}`,
      ].join('\n') + '\n',
    );
    // For the figures page (test/reliability/figures.ts): issue #6 asks ≤ 2 s for a year of data.
    for (const [name, ms] of [
      ['annual figures', annual.ms],
      ['campaign summary', campaign.ms],
    ] as const) {
      const m = median(ms);
      process.stdout.write(`FIGURE\t${name}, a year at ${inserted.accounts} accounts (MariaDB) ms\t${m.toFixed(0)}\t<= 2000\t${m <= 2000 ? 'ok' : 'FAIL'}\n`);
    }
    const problems = [
      f.accounts.underManagement === inserted.accounts ? null : `accounts ${f.accounts.underManagement} ≠ ${inserted.accounts}`,
      f.reports.received === inserted.reports ? null : `reports ${f.reports.received} ≠ ${inserted.reports}`,
      f.violations.total === inserted.violations ? null : `violations ${f.violations.total} ≠ ${inserted.violations}`,
      f.interviews.held === inserted.interviewsHeld ? null : `interviews held ${f.interviews.held} ≠ ${inserted.interviewsHeld}`,
      c.total.interviewed === inserted.interviewsHeld ? null : `campaign interviews ${c.total.interviewed} ≠ ${inserted.interviewsHeld}`,
    ].filter(Boolean);
    if (problems.length) {
      process.stderr.write(`figures do not match the data: ${problems.join('; ')}\n`);
      process.exitCode = 1;
    }
  } finally {
    await app.close();
  }
}

/** An instant in the year, `day` (0-364) and `minute` of the day, Beijing time, as a UTC Date. */
function at(year: number, day: number, minute: number): Date {
  return new Date(Date.parse(`${year}-01-01T00:00:00+08:00`) + day * 86_400_000 + minute * 60_000);
}
const dateOf = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

async function main(): Promise<void> {
  const only = process.argv.indexOf('--measure-only');
  if (only !== -1) {
    const [url, year, json] = process.argv.slice(only + 1, only + 4);
    return measureOnly(url, Number(year), JSON.parse(json) as Inserted);
  }
  const year = arg('year', new Date().getUTCFullYear() - 1);
  const accounts = arg('accounts', 100_000);
  const reports = arg('reports', 50_000);
  const violations = arg('violations', 10_000);
  const interviews = arg('interviews', 2_000);
  const keep = process.argv.includes('--keep');
  const base = process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
  const url = await createMysqlDatabase(base, 'bench');
  process.stdout.write(
    `database ${new URL(url).pathname.slice(1)}: year ${year}, ${accounts} accounts, ${reports} reports, ${violations} violations, ${interviews} interviews\n`,
  );

  // Boot once to run the migrations; the measurement runs in a fresh process.
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
    const rnd = lcg(20261124);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    const officerId = randomUUID();
    const subjectId = randomUUID();
    const ownerId = randomUUID();

    // Accounts: filed over the years, graded by the last evaluations; 5% closed (not under management).
    const accountIds: string[] = [];
    let managed = 0;
    const SLICE = 10_000;
    for (let from = 0; from < accounts; from += SLICE) {
      const rows: unknown[][] = [];
      for (let k = from; k < Math.min(accounts, from + SLICE); k++) {
        const id = randomUUID();
        accountIds.push(id);
        const closed = rnd() < 0.05;
        if (!closed) managed += 1;
        const g = rnd();
        const grade = g < 0.15 ? 'A' : g < 0.5 ? 'B' : g < 0.75 ? 'C' : g < 0.8 ? 'D' : null;
        const filedAt = at(year - Math.floor(rnd() * 3), Math.floor(rnd() * 365), Math.floor(rnd() * 1440));
        rows.push([id, subjectId, ownerId, pick(PLATFORMS), `bench_${k}`, `测试账号${k}`, 'lifestyle', 1000, closed ? 'closed' : 'filed', `YH-ZMT-${year}-${String(k + 1).padStart(7, '0')}`, filedAt, grade, grade ? year - 1 : null]);
      }
      await insert(pool, 'media_account', ['id', 'subjectId', 'ownerId', 'platform', 'platformAccountId', 'name', 'category', 'followers', 'status', 'filingNo', 'filedAt', 'grade', 'gradeYear'], rows);
    }

    // Reports: received through the year; 90% concluded (5% of those late, 10% transferred, a third of those to the police).
    const reportRows: unknown[][] = [];
    for (let k = 0; k < reports; k++) {
      const createdAt = at(year, Math.floor(rnd() * 365), Math.floor(rnd() * 1440));
      const due = dateOf(new Date(createdAt.getTime() + 21 * 86_400_000));
      const r = rnd();
      const status = r < 0.1 ? 'received' : r < 0.55 ? 'substantiated' : r < 0.9 ? 'unsubstantiated' : 'transferred';
      const department = status === 'transferred' ? (rnd() < 0.33 ? '杭州市公安局余杭区分局' : '余杭区市场监督管理局') : null;
      const concludedAt = status === 'received' ? null : new Date(createdAt.getTime() + (rnd() < 0.05 ? 25 : 10) * 86_400_000);
      const accountId = pick(accountIds);
      reportRows.push([randomUUID(), createdAt, `B${k.toString(36).padStart(10, '0')}`, accountId, pick(CATEGORIES), '测试举报', '[]', `fp${k}`, k, status, due, department, concludedAt]);
    }
    await insert(pool, 'public_report', ['id', 'createdAt', 'trackingCode', 'accountId', 'category', 'description', 'evidenceUrls', 'fingerprint', 'dedupeBucket', 'status', 'dueDate', 'department', 'concludedAt'], reportRows);
    reportRows.length = 0;

    // Violations of every kind and source.
    const violationRows: unknown[][] = [];
    for (let k = 0; k < violations; k++) {
      const occurred = dateOf(at(year, Math.floor(rnd() * 365), 600));
      violationRows.push([randomUUID(), pick(accountIds), pick(KINDS), pick(SOURCES), '测试违规', occurred, officerId, rnd() < 0.3 ? 1 : 0, '§02.2', 'bench']);
    }
    await insert(pool, 'violation', ['id', 'accountId', 'category', 'source', 'facts', 'occurredAt', 'recordedBy', 'correctionRequired', 'citation', 'policyVersion'], violationRows);

    // Interviews: 90% held (then passed, failed or still rectifying), 10% refused; half of them on accounts with violations.
    let held = 0;
    const interviewRows: unknown[][] = [];
    const withViolations = violationRows.map((v) => v[1] as string);
    for (let k = 0; k < interviews; k++) {
      const scheduledAt = at(year, Math.floor(rnd() * 360), 600);
      const refused = rnd() < 0.1;
      const heldAt = refused ? null : new Date(scheduledAt.getTime() + 3600_000);
      if (heldAt) held += 1;
      const s = rnd();
      const status = refused ? 'refused' : s < 0.5 ? 'passed' : s < 0.7 ? 'failed' : 'rectifying';
      const concludedAt = status === 'rectifying' ? null : new Date(scheduledAt.getTime() + 20 * 86_400_000);
      const accountId = k % 2 === 0 && withViolations.length ? pick(withViolations) : pick(accountIds);
      interviewRows.push([randomUUID(), `YH-WXYT-B-${k}`, accountId, ownerId, subjectId, '测试主体', '测试账号', 'wechat', 'T3', '事实', scheduledAt, '区网信办', '[]', '王某', '主要负责人', dateOf(scheduledAt), status, officerId, heldAt, concludedAt]);
    }
    await insert(pool, 'interview', ['id', 'noticeNo', 'accountId', 'ownerId', 'subjectId', 'subjectName', 'accountName', 'platform', 'triggers', 'facts', 'scheduledAt', 'location', 'officers', 'summonedName', 'summonedTitle', 'noticeDate', 'status', 'createdBy', 'heldAt', 'concludedAt'], interviewRows);

    // Measures on a tenth of the failed rectifications; listings on a few accounts; trainings; roster filings.
    const measureRows: unknown[][] = [];
    const listingRows: unknown[][] = [];
    interviewRows
      .filter((i) => i[16] === 'failed' || i[16] === 'refused')
      .forEach((i, k) => {
        const decidedAt = new Date((i[19] as Date).getTime() + 5 * 86_400_000);
        measureRows.push([randomUUID(), i[2], '测试账号', k % 5 === 4 ? 'suspend' : 'restrict', '整改不合格', 'approved', officerId, '测试工作人员', 'escalationSteps', '§03.3', 'bench', decidedAt]);
        if (k % 2 === 0) {
          const listedAt = new Date(decidedAt.getTime() + 10 * 86_400_000);
          listingRows.push([randomUUID(), i[2], ownerId, subjectId, '测试账号', `YH-ZMT-B-${k}`, 'wechat', '测试主体', 'organization', 'R2', '{}', '§03.5', 'blacklistRefusedRectification', '§03.5', 'bench', 'listed', officerId, '测试工作人员', `YH-WXHMD-B-${k}`, dateOf(listedAt), listedAt, dateOf(listedAt), listedAt, new Date(listedAt.getTime() + 365 * 86_400_000)]);
        }
      });
    await insert(pool, 'escalation_measure', ['id', 'accountId', 'accountName', 'kind', 'reason', 'status', 'proposedBy', 'proposedByName', 'policyKey', 'citation', 'policyVersion', 'decidedAt'], measureRows);
    await insert(
      pool,
      'blacklist_listing',
      ['id', 'accountId', 'ownerId', 'subjectId', 'accountName', 'filingNo', 'platform', 'subjectName', 'subjectKind', 'rule', 'facts', 'basis', 'policyKey', 'citation', 'policyVersion', 'status', 'proposedBy', 'proposedByName', 'noticeNo', 'noticeDate', 'notifiedAt', 'defenceDeadline', 'listedAt', 'endsAt'],
      listingRows,
    );
    const trainingRows: unknown[][] = [];
    const filingRows: unknown[][] = [];
    for (let k = 0; k < Math.ceil(accounts / 20); k++) {
      trainingRows.push([randomUUID(), randomUUID(), dateOf(at(year, Math.floor(rnd() * 365), 600)), 'office', '网络信息内容生态治理', 1 + Math.floor(rnd() * 8)]);
      const createdAt = at(year, Math.floor(rnd() * 360), 600);
      const s = rnd();
      filingRows.push([randomUUID(), createdAt, accountIds[k], 1, s < 0.8 ? 'accepted' : s < 0.9 ? 'returned' : 'submitted', '{}', ownerId, s < 0.9 ? new Date(createdAt.getTime() + 2 * 86_400_000) : null, 'bench']);
    }
    await insert(pool, 'staff_training', ['id', 'staffId', 'date', 'organizer', 'topic', 'halfHours'], trainingRows);
    await insert(pool, 'staff_filing', ['id', 'createdAt', 'accountId', 'version', 'status', 'snapshot', 'submittedBy', 'reviewedAt', 'policyVersion'], filingRows);
    await pool.query('ANALYZE TABLE media_account, public_report, violation, interview, escalation_measure, blacklist_listing, staff_training, staff_filing');
    process.stdout.write(
      `filled in ${((performance.now() - fillStarted) / 1000).toFixed(1)} s: ${measureRows.length} measures, ${listingRows.length} listings, ${trainingRows.length} trainings, ${filingRows.length} roster filings\n`,
    );

    const inserted: Inserted = { accounts: managed, reports, violations, interviewsHeld: held };
    const script = fileURLToPath(import.meta.url);
    const run = spawnSync(process.execPath, ['--expose-gc', ...startFlags(), script, '--measure-only', url, String(year), JSON.stringify(inserted)], { stdio: 'inherit' });
    if (run.status !== 0) process.exitCode = run.status ?? 1;
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
