/**
 * `npm run reliability:outage [-- --seconds 36 --down-at 10 --down-for 10 --clients 6 --signal SIGKILL]`:
 * MariaDB stops in the middle of a load run and starts again.
 *
 * The drill owns a private MariaDB server (its own data directory and port; the shared server on
 * 3306 is never touched), starts the built app on it (`node dist/src/main.js`), makes data through
 * the API, and then keeps several clients busy with a mix of public look-ups, public report
 * submissions (each with a unique text) and an officer recording violations (unique facts), while a
 * poller asks /api/health five times a second. After `--down-at` seconds the server is killed
 * (SIGKILL: a crash, transactions in flight die; or SIGTERM: a clean shutdown) and started again
 * `--down-for` seconds later on the same data directory.
 *
 * Checked afterwards, by comparing the clients' log with the database:
 * - no 5xx other than 503 and no request left without an answer, at any time;
 * - every 503 carries the code DATABASE_UNAVAILABLE (or is the health check's 503);
 * - seconds from the server accepting connections again until health is ok and until the first write
 *   succeeds;
 * - partial writes: a report or violation answered 201 but not stored, stored although its request
 *   failed, or stored without its audit entry: must be 0;
 * - the audit chain verifies (GET /api/audit/verify).
 * Prints a per-second table and `FIGURE` lines; exits 1 on any failure.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppProcess, figure, log, type Office, PrivateMariaDb, printTable, reportBody, seedOffice, send, sleep, verifyChain } from './drill-support.js';

interface Sent {
  kind: 'lookup' | 'report' | 'violation' | 'health';
  tag?: string;
  sentAt: number;
  answeredAt: number;
  status: number;
  code?: string;
}

function flagNumber(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

class Load {
  readonly log: Sent[] = [];
  private running = true;
  private readonly loops: Promise<void>[] = [];

  constructor(
    private readonly base: string,
    private readonly office: Office,
  ) {}

  start(clients: number): void {
    for (let c = 0; c < clients; c++) this.loops.push(this.client(c));
    this.loops.push(this.healthPoller());
  }

  private async timed(kind: Sent['kind'], tag: string | undefined, call: () => ReturnType<typeof send>): Promise<void> {
    const sentAt = Date.now();
    const r = await call();
    this.log.push({ kind, tag, sentAt, answeredAt: Date.now(), status: r.status, code: r.body.code });
  }

  private async client(c: number): Promise<void> {
    const officer = this.office.officer;
    for (let n = 0; this.running; n++) {
      const tag = `od-${c}-${n}-${Date.now().toString(36)}`;
      const account = this.office.accounts[(c + n) % this.office.accounts.length];
      const kind = c === 0 ? 'violation' : (['lookup', 'report', 'lookup'] as const)[n % 3];
      if (kind === 'lookup') {
        await this.timed('lookup', undefined, () =>
          n % 2 ? send(this.base, 'GET', `/api/public/accounts/${encodeURIComponent(account.filingNo)}`, { timeoutMs: 10_000 }) : send(this.base, 'GET', '/api/public/accounts?q=%E4%BD%99%E6%9D%AD', { timeoutMs: 10_000 }),
        );
      } else if (kind === 'report') {
        await this.timed('report', tag, () => send(this.base, 'POST', '/api/public/reports', { body: reportBody(account.filingNo, tag), timeoutMs: 10_000 }));
      } else {
        const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
        await this.timed('violation', tag, () =>
          send(this.base, 'POST', `/api/accounts/${account.id}/violations`, {
            token: officer.token,
            body: { category: 'C03', source: 'inspection', facts: `发布标题夸大的文章（演练编号 ${tag}）。`, occurredAt: today },
            timeoutMs: 10_000,
          }),
        );
      }
      await sleep(15);
    }
  }

  private async healthPoller(): Promise<void> {
    while (this.running) {
      await this.timed('health', undefined, () => send(this.base, 'GET', '/api/health', { timeoutMs: 5000 }));
      await sleep(200);
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const seconds = flagNumber(args, 'seconds', 36);
  const downAt = flagNumber(args, 'down-at', 10);
  const downFor = flagNumber(args, 'down-for', 10);
  const clients = flagNumber(args, 'clients', 6);
  const signal = args.includes('--signal') && args[args.indexOf('--signal') + 1] === 'SIGTERM' ? 'SIGTERM' : 'SIGKILL';
  const dir = mkdtempSync(join(tmpdir(), 'outage-drill-'));
  let db: PrivateMariaDb | null = null;
  let app: AppProcess | null = null;
  let ok = false;
  try {
    db = await PrivateMariaDb.create();
    log(`private MariaDB on port ${db.port} (${db.dir})`);
    const url = await db.createDatabase('registry');
    app = await AppProcess.start(url, dir, { DB_POOL_SIZE: '10' });
    const office = await seedOffice(app.base, { operators: 3, accountsPerOperator: 2, reports: 4 });
    log(`app on ${app.base}; data made; ${clients} clients start for ${seconds} s; server ${signal} at ${downAt} s for ${downFor} s`);

    const load = new Load(app.base, office);
    const t0 = Date.now();
    load.start(clients);
    await sleep(downAt * 1000);
    const downAtMs = Date.now();
    await db.stop(signal);
    log(`MariaDB stopped (${signal})`);
    await sleep(downFor * 1000);
    const startCalled = Date.now();
    await db.start();
    const upAtMs = Date.now();
    log(`MariaDB accepts connections again (${((upAtMs - startCalled) / 1000).toFixed(2)} s after start)`);
    await sleep(Math.max(0, t0 + seconds * 1000 - Date.now()));
    await load.stop();
    log(`load stopped: ${load.log.length} requests`);

    // -- What the clients saw
    const sent = load.log;
    const serverErrors = sent.filter((s) => s.status >= 500 && s.status !== 503);
    const unanswered = sent.filter((s) => s.status === 0);
    const uncoded503 = sent.filter((s) => s.status === 503 && s.kind !== 'health' && s.code !== 'DATABASE_UNAVAILABLE');
    const during = sent.filter((s) => s.sentAt >= downAtMs && s.answeredAt <= startCalled);
    const during503 = during.filter((s) => s.status === 503).length;
    const duringOk = during.filter((s) => s.kind !== 'health' && s.status >= 200 && s.status < 300).length;
    const healthOk = sent.filter((s) => s.kind === 'health' && s.status === 200 && s.sentAt >= upAtMs).map((s) => s.answeredAt);
    const firstWrite = sent.filter((s) => (s.kind === 'report' || s.kind === 'violation') && s.status === 201 && s.sentAt >= upAtMs).map((s) => s.answeredAt);
    const healthSeconds = healthOk.length ? (Math.min(...healthOk) - upAtMs) / 1000 : Infinity;
    const writeSeconds = firstWrite.length ? (Math.min(...firstWrite) - upAtMs) / 1000 : Infinity;
    const healthDownWhileDown = sent.filter((s) => s.kind === 'health' && s.sentAt >= downAtMs + 500 && s.answeredAt <= startCalled);
    const healthWrongWhileDown = healthDownWhileDown.filter((s) => s.status !== 503).length;

    // -- What the database holds, against the clients' log
    const reports = await db.query<{ id: string; description: string }>("SELECT id, description FROM public_report WHERE description LIKE '%演练编号 od-%'", [], 'registry');
    const violations = await db.query<{ id: string; facts: string }>("SELECT id, facts FROM violation WHERE facts LIKE '%演练编号 od-%'", [], 'registry');
    const audited = new Set(
      (await db.query<{ entityId: string }>("SELECT entityId FROM audit_entry WHERE action IN ('report.submit', 'violation.record')", [], 'registry')).map((r) => r.entityId),
    );
    const tagOf = (text: string) => /演练编号 (od-[\w-]+)/.exec(text)?.[1] ?? '';
    const stored = new Map<string, string>([...reports.map((r) => [tagOf(r.description), r.id] as const), ...violations.map((v) => [tagOf(v.facts), v.id] as const)]);
    const writes = sent.filter((s) => s.kind === 'report' || s.kind === 'violation');
    const acceptedNotStored = writes.filter((s) => s.status === 201 && !stored.has(s.tag!)).length;
    const failedButStored = writes.filter((s) => s.status !== 201 && stored.has(s.tag!)).length;
    const unknownStored = [...stored.keys()].filter((tag) => !writes.some((s) => s.tag === tag)).length;
    const withoutAudit = [...stored.values()].filter((id) => !audited.has(id)).length;
    const partial = acceptedNotStored + failedButStored + unknownStored + withoutAudit;

    const auditor = await send(app.base, 'POST', '/api/auth/login', { body: { username: office.auditor.username, password: 'Drill-User-Passw0rd!' } });
    const chain = await verifyChain(app.base, String(auditor.body.accessToken));

    // -- Per-second table
    const rows: (string | number)[][] = [];
    for (let sec = 0; sec * 1000 < Math.max(...sent.map((s) => s.answeredAt)) - t0; sec++) {
      const inSec = sent.filter((s) => Math.floor((s.answeredAt - t0) / 1000) === sec);
      const req = inSec.filter((s) => s.kind !== 'health');
      const health = inSec.filter((s) => s.kind === 'health').map((s) => s.status);
      const phase = (at: number) => (at < downAtMs ? 'up' : at < startCalled ? 'DOWN' : at < upAtMs ? 'starting' : 'up');
      rows.push([
        sec,
        phase(t0 + sec * 1000 + 500),
        req.filter((s) => s.status >= 200 && s.status < 300).length,
        req.filter((s) => s.status >= 400 && s.status < 500).length,
        req.filter((s) => s.status === 503).length,
        req.filter((s) => s.status >= 500 && s.status !== 503).length,
        req.filter((s) => s.status === 0).length,
        health.length ? [...new Set(health)].join('/') : '-',
      ]);
    }
    printTable(['s', 'database', '2xx', '4xx', '503', 'other 5xx', 'no answer', 'health'], rows);
    const w = (k: Sent['kind'], st: (n: number) => boolean) => writes.filter((s) => s.kind === k && st(s.status)).length;
    log(`reports: ${w('report', (n) => n === 201)} accepted, ${w('report', (n) => n !== 201)} failed; violations: ${w('violation', (n) => n === 201)} accepted, ${w('violation', (n) => n !== 201)} failed; stored ${reports.length} + ${violations.length}`);
    const oddities = [...new Set([...serverErrors, ...unanswered, ...uncoded503].map((s) => `${s.kind} ${s.status} ${s.code ?? ''}`))];
    if (oddities.length) log(`unexpected answers: ${oddities.join('; ')}`);

    const name = (s: string) => `DB outage (MariaDB ${signal}): ${s}`;
    const checks = [
      figure(name('requests during the run'), sent.length, 'record', sent.length > 0),
      figure(name('503 answers while the database was down'), during503, '>0', during503 > 0),
      figure(name('5xx other than 503'), serverErrors.length, '0', serverErrors.length === 0),
      figure(name('requests without an answer'), unanswered.length, '0', unanswered.length === 0),
      figure(name('503 without DATABASE_UNAVAILABLE'), uncoded503.length, '0', uncoded503.length === 0),
      figure(name('health not 503 while down'), healthWrongWhileDown, '0', healthWrongWhileDown === 0 && healthDownWhileDown.length > 0),
      figure(name('successful requests while down'), duringOk, 'record', true),
      figure(name('seconds from database start to health ok'), healthSeconds.toFixed(2), '≤ 5', healthSeconds <= 5),
      figure(name('seconds from database start to first successful write'), writeSeconds.toFixed(2), '≤ 5', writeSeconds <= 5),
      figure(name('database restart seconds (crash recovery)'), ((upAtMs - startCalled) / 1000).toFixed(2), 'record', true),
      figure(name('partial writes'), partial, '0', partial === 0),
      figure(name('writes answered 201 and stored'), writes.filter((s) => s.status === 201).length - acceptedNotStored, 'record', true),
      figure(name('audit chain verifies'), chain.valid ? `yes (${chain.entries})` : `no ${JSON.stringify(chain.raw).slice(0, 120)}`, 'yes', chain.valid),
    ];
    if (partial) log(`partial writes: ${acceptedNotStored} accepted but not stored, ${failedButStored} stored though failed, ${unknownStored} stored unknown, ${withoutAudit} without audit entry`);
    ok = checks.every(Boolean);
  } catch (e) {
    figure('DB outage: completed', 'no', 'yes', false);
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  } finally {
    await app?.stop();
    await db?.destroy();
    if (ok) rmSync(dir, { recursive: true, force: true });
    else log(`kept ${dir} (app log) for inspection`);
  }
  process.exit(ok ? 0 : 1);
}

void main();
