/**
 * `npm run reliability:backup [-- --dialect sqlite|mariadb] [--seconds 6]`: the backup and restore
 * drill, for SQLite and MariaDB.
 *
 * For each dialect: start the built app on a fresh database, make realistic data through the API
 * (users, subjects, filed accounts, reports, a violation, an interview held: every row audited),
 * then keep several clients writing (public reports, operators registering accounts, officers
 * approving them) while `npm run backup` runs as its own process. After the writes stop, restore
 * with `npm run restore` into a fresh database, compare every table's row count and the audit chain
 * head with the manifest, check that no report lacks its audit entry, boot the app on the restored
 * database and verify the chain through GET /api/audit/verify, and make one more write there.
 *
 * Prints a table and `FIGURE\t<name>\t<value>\t<goal>\t<ok|FAIL>` lines; exits 1 on any failure.
 * MariaDB: the server at MYSQL_URL (default mysql://root@127.0.0.1:3306); two databases are created
 * there and dropped afterwards.
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { compareFacts, mysqlConnect, mysqlFacts, mysqlTarget, readManifest, manifestPathFor, sqliteFacts, type BackupManifest } from '../../scripts/backup-support.js';
import { createMysqlDatabase, dropMysqlDatabase } from '../../scripts/mysql-admin.js';
import { AppProcess, figure, log, makeUser, must, type Office, printTable, reportBody, seedOffice, send, sleep, verifyChain } from './drill-support.js';

type Dialect = 'sqlite' | 'mariadb';

interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  startedAt: number;
  endedAt: number;
}

/** Runs one of the npm commands' scripts (`node dist/scripts/<name>.js`) as its own process. */
export function runScript(name: 'backup' | 'restore', args: string[], env: Record<string, string> = {}): Promise<CommandResult> {
  const startedAt = Date.now();
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [resolve(`dist/scripts/${name}.js`), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', rej);
    child.on('close', (code) => {
      const endedAt = Date.now();
      res({ code, stdout, stderr, seconds: (endedAt - startedAt) / 1000, startedAt, endedAt });
    });
  });
}

/** Writers that keep the app busy: public reports, new accounts and their approval. */
class Writers {
  readonly done: { at: number; what: string }[] = [];
  readonly failed: string[] = [];
  private running = true;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly base: string,
    private readonly office: Office,
  ) {}

  start(clients: number): void {
    for (let c = 0; c < clients; c++) this.loops.push(this.loop(c));
  }

  private async loop(c: number): Promise<void> {
    let n = 0;
    while (this.running) {
      n += 1;
      const tag = `w${c}-${n}-${Date.now()}`;
      if (c % 2 === 0) {
        const target = this.office.accounts[n % this.office.accounts.length];
        const r = await send(this.base, 'POST', '/api/public/reports', { body: reportBody(target.filingNo, tag) });
        this.record(r.status === 201, 'report', r.status, r.body);
      } else {
        const op = this.office.operators[c % this.office.operators.length];
        const subjects = await send(this.base, 'GET', '/api/subjects?pageSize=1', { token: op.token });
        const subjectId = (subjects.body.items as { id: string }[] | undefined)?.[0]?.id;
        const acc = await send(this.base, 'POST', '/api/accounts', {
          token: op.token,
          body: { subjectId, platform: 'weibo', platformAccountId: `bk_${tag}`, name: `余杭新闻${tag.slice(0, 12)}`, category: 'lifestyle', followers: 10 },
        });
        this.record(acc.status === 201, 'account', acc.status, acc.body);
        if (acc.status === 201) {
          const rev = await send(this.base, 'POST', `/api/accounts/${acc.body.id}/review`, { token: this.office.officer.token, body: { decision: 'approve' } });
          this.record(rev.status === 200, 'review', rev.status, rev.body);
        }
      }
    }
  }

  private record(ok: boolean, what: string, status: number, body: unknown): void {
    if (ok) this.done.push({ at: Date.now(), what });
    else this.failed.push(`${what} ${status} ${JSON.stringify(body).slice(0, 160)}`);
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  between(from: number, to: number): number {
    return this.done.filter((d) => d.at >= from && d.at <= to).length;
  }
}

/** Reports in the restored database that have no `report.submit` audit entry, and the reverse. */
async function reportsWithoutAudit(dialect: Dialect, url: string): Promise<number> {
  const sql = `SELECT
      (SELECT COUNT(*) FROM public_report r WHERE NOT EXISTS (SELECT 1 FROM audit_entry a WHERE a.action = 'report.submit' AND a.entityId = r.id))
    + (SELECT COUNT(*) FROM audit_entry a WHERE a.action = 'report.submit' AND NOT EXISTS (SELECT 1 FROM public_report r WHERE r.id = a.entityId)) AS n`;
  if (dialect === 'sqlite') {
    const db = new Database(url.slice('sqlite:'.length), { readonly: true });
    try {
      return Number((db.prepare(sql).get() as { n: number }).n);
    } finally {
      db.close();
    }
  }
  const conn = await mysqlConnect(mysqlTarget(url));
  try {
    const [rows] = await conn.query(sql);
    return Number((rows as { n: number }[])[0].n);
  } finally {
    await conn.end();
  }
}

interface DrillOutcome {
  ok: boolean;
  rows: (string | number)[][];
}

async function drill(dialect: Dialect, seconds: number): Promise<DrillOutcome> {
  const label = dialect === 'sqlite' ? 'SQLite' : 'MariaDB';
  const dir = mkdtempSync(join(tmpdir(), `backup-drill-${dialect}-`));
  const server = process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
  const sourceUrl = dialect === 'sqlite' ? `sqlite:${join(dir, 'live', 'registry.sqlite')}` : await createMysqlDatabase(server, 'drill_live');
  // The restore target does not exist yet: the restore command creates it.
  const targetUrl = dialect === 'sqlite' ? `sqlite:${join(dir, 'restored', 'registry.sqlite')}` : Object.assign(new URL(server), { pathname: `/drill_restored_${Date.now().toString(36)}` }).toString();
  const backupFile = join(dir, `registry-${dialect}.${dialect === 'sqlite' ? 'sqlite' : 'sql'}.gz`);
  let app: AppProcess | null = null;
  let restoredApp: AppProcess | null = null;
  const checks: boolean[] = [];
  let finished = false;
  try {
    log(`${label}: starting the app on a fresh database`);
    app = await AppProcess.start(sourceUrl, join(dir, 'live'));
    const office = await seedOffice(app.base, { operators: 4, accountsPerOperator: 3, reports: 12 });
    log(`${label}: data made through the API; writers start`);
    const writers = new Writers(app.base, office);
    writers.start(4);
    await sleep(1500);
    const b = await runScript('backup', ['--out', backupFile], { DATABASE_URL: sourceUrl });
    await sleep(Math.max(0, seconds * 1000 - 1500 - b.seconds * 1000));
    await writers.stop();
    const writesDuringBackup = writers.between(b.startedAt, b.endedAt);
    log(`${label}: backup exit ${b.code} in ${b.seconds} s, ${writesDuringBackup} writes answered while it ran; ${writers.done.length} writes in all, ${writers.failed.length} failed`);
    if (b.code !== 0) throw new Error(`backup failed: ${b.stderr}`);
    const manifest: BackupManifest = readManifest(manifestPathFor(backupFile));
    const live = dialect === 'sqlite' ? sqliteFacts(sourceUrl.slice('sqlite:'.length)) : await mysqlFacts(mysqlTarget(sourceUrl));
    await app.stop();
    app = null;

    const r = await runScript('restore', ['--from', backupFile, '--to', targetUrl]);
    log(`${label}: restore exit ${r.code} in ${r.seconds} s\n${r.stdout}${r.stderr}`);
    const restoredFacts = dialect === 'sqlite' ? sqliteFacts(targetUrl.slice('sqlite:'.length)) : await mysqlFacts(mysqlTarget(targetUrl));
    const cmp = compareFacts(manifest, restoredFacts);
    const orphans = await reportsWithoutAudit(dialect, targetUrl);
    const again = await runScript('restore', ['--from', backupFile, '--to', targetUrl]);

    restoredApp = await AppProcess.start(targetUrl, join(dir, 'restored'));
    const auditor = await (async () => {
      const t = await must(restoredApp!.base, 'POST', '/api/auth/login', 200, { body: { username: office.auditor.username, password: 'Drill-User-Passw0rd!' } });
      return String(t.accessToken);
    })();
    const chain = await verifyChain(restoredApp.base, auditor); // the auditor's sign-in is one entry more
    const write = await send(restoredApp.base, 'POST', '/api/public/reports', { body: reportBody(office.accounts[0].filingNo, `after-restore-${Date.now()}`) });
    const admin = await must(restoredApp.base, 'POST', '/api/auth/login', 200, { body: { username: 'admin', password: 'Drill-Admin-Passw0rd!' } });
    await makeUser(restoredApp.base, String(admin.accessToken), 'officer');
    const chainAfterWrite = await verifyChain(restoredApp.base, auditor);

    const totalRows = Object.values(manifest.tables).reduce((a, v) => a + v, 0);
    const name = (s: string) => `backup drill (${label}): ${s}`;
    checks.push(
      figure(name('tables with equal row counts'), `${cmp.tablesEqual}/${cmp.tablesCompared}`, 'all', cmp.differences.length === 0 && cmp.tablesCompared > 0),
      figure(name('audit head equal'), cmp.auditHeadEqual ? `yes (seq ${manifest.auditHead?.seq})` : 'no', 'yes', cmp.auditHeadEqual && manifest.auditHead !== null),
      figure(name('migrations equal'), cmp.migrationsEqual ? `yes (${manifest.migrations.length})` : 'no', 'yes', cmp.migrationsEqual && manifest.migrations.length > 0),
      figure(name('writes answered while the backup ran'), writesDuringBackup, '>0', writesDuringBackup > 0),
      figure(name('live audit entries beyond the backup'), (live.auditHead?.seq ?? 0) - (manifest.auditHead?.seq ?? 0), '>0', (live.auditHead?.seq ?? 0) > (manifest.auditHead?.seq ?? 0)),
      figure(name('reports without their audit entry (restored)'), orphans, '0', orphans === 0),
      figure(name('restore command verdict'), r.code === 0 ? 'verified' : `exit ${r.code}`, 'verified', r.code === 0),
      figure(name('restore into a non-empty database refused'), again.code === 3 ? 'yes' : `exit ${again.code}`, 'yes', again.code === 3),
      figure(name('/api/audit/verify on the restored app'), chain.valid ? `valid (${chain.entries})` : JSON.stringify(chain.raw).slice(0, 120), 'valid', chain.valid && chain.entries >= (manifest.auditHead?.seq ?? Infinity)),
      figure(name('writes on the restored app, chain after'), write.status === 201 && chainAfterWrite.valid ? `201, valid (${chainAfterWrite.entries})` : `${write.status}, ${chainAfterWrite.valid}`, '201, valid', write.status === 201 && chainAfterWrite.valid),
      figure(name('backup seconds'), b.seconds.toFixed(2), 'record', true),
      figure(name('restore seconds'), r.seconds.toFixed(2), 'record', true),
    );
    const rows: (string | number)[][] = [[label, Object.keys(manifest.tables).length, totalRows, manifest.auditHead?.seq ?? 0, writesDuringBackup, b.seconds.toFixed(2), r.seconds.toFixed(2), `${(manifest.bytes / 1024).toFixed(0)} KiB`, checks.every(Boolean) ? 'ok' : 'FAIL']];
    finished = checks.every(Boolean);
    return { ok: finished, rows };
  } finally {
    await app?.stop();
    await restoredApp?.stop();
    if (dialect === 'mariadb') {
      await dropMysqlDatabase(sourceUrl).catch(() => undefined);
      await dropMysqlDatabase(targetUrl).catch(() => undefined);
    }
    if (finished) rmSync(dir, { recursive: true, force: true });
    else log(`${label}: kept ${dir} (app logs) for inspection`);
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const only = args[args.indexOf('--dialect') + 1];
  const seconds = Number(args.includes('--seconds') ? args[args.indexOf('--seconds') + 1] : 6);
  const dialects: Dialect[] = args.includes('--dialect') ? [only as Dialect] : ['sqlite', 'mariadb'];
  let ok = true;
  const rows: (string | number)[][] = [];
  for (const d of dialects) {
    try {
      const out = await drill(d, seconds);
      ok &&= out.ok;
      rows.push(...out.rows);
    } catch (e) {
      ok = false;
      figure(`backup drill (${d}): completed`, 'no', 'yes', false);
      process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    }
  }
  printTable(['database', 'tables', 'rows', 'audit head', 'writes during backup', 'backup s', 'restore s', 'size', 'result'], rows);
  process.exit(ok ? 0 : 1);
}

void main();
