/**
 * `npm run reliability:decisions [-- --trials 100] [--concurrency 50] [--db sqlite] [--keep]`
 *
 * Proof that identical decisions fired at once decide once. Boots the app on a throw-away database
 * (MariaDB/MySQL at MYSQL_URL, default mysql://root@127.0.0.1:3306; `--db sqlite` for a temporary
 * SQLite file), listens on an ephemeral port, and for each kind (filing review of an account,
 * approval of an escalation measure, a blacklist listing decision) runs `--trials` trials: a fresh
 * pending item made through the API, then `--concurrency` identical decision requests at once over
 * real HTTP (fetch, Promise.all). After each trial the database must hold exactly one decision, one
 * audit entry for it, gap-free numbers, and the audit chain must verify; the answers must be one 2xx
 * and otherwise clean 409s (no 5xx). Prints a table per kind and `FIGURE\t<name>\t<value>\t<goal>\t<ok|FAIL>`
 * lines; exit code 1 when a figure fails. A fourth run repeats the filing review with one
 * `Idempotency-Key` on all requests of a trial: one decision, the others replay it (same body,
 * `Idempotent-Replayed: true`) or get 409 IDEMPOTENCY_KEY_IN_FLIGHT.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory.js';
import { loadConfig } from '../../src/config/app-config.js';
import { createMysqlDatabase, dropMysqlDatabase } from '../../scripts/mysql-admin.js';
import { arg } from '../../bench/support.js';
import { type DecisionKind, DecisionLab, type KindSummary, KINDS, summarise, type TrialResult } from './decision-trials.js';

const ADMIN = { username: 'reliability_admin', password: 'Reliab1lity-Passw0rd!' };

function figureLines(s: KindSummary): { line: string; ok: boolean }[] {
  const rows: [string, string, string, boolean][] = [
    [`${s.kind}: trials with exactly one success`, `${s.exactlyOne}/${s.trials}`, `${s.trials}/${s.trials}`, s.exactlyOne === s.trials],
    [`${s.kind}: 5xx`, String(s.serverErrors), '0', s.serverErrors === 0],
    [`${s.kind}: answers neither 2xx nor a clean 409`, String(s.unclean), '0', s.unclean === 0],
    [`${s.kind}: duplicate decisions`, String(s.duplicateDecisions), '0', s.duplicateDecisions === 0],
    [`${s.kind}: duplicate numbers`, String(s.duplicateNumbers), '0', s.duplicateNumbers === 0],
    [`${s.kind}: gaps in numbers`, String(s.numberGaps), '0', s.numberGaps === 0],
    [`${s.kind}: duplicate audit entries`, String(s.duplicateAuditEntries), '0', s.duplicateAuditEntries === 0],
    [`${s.kind}: trials after which the audit chain failed to verify`, String(s.chainBroken), '0', s.chainBroken === 0],
  ];
  return rows.map(([name, value, goal, good]) => ({ line: `FIGURE\t${name}\t${value}\t${goal}\t${good ? 'ok' : 'FAIL'}`, ok: good }));
}

function table(summaries: KindSummary[]): string {
  const head = ['kind', 'trials', 'requests', 'successes/trial (min–max)', '5xx', 'dup decisions', 'dup numbers', 'dup audit', 'gaps', 'chain broken'];
  const rows = summaries.map((s) => [
    s.kind,
    String(s.trials),
    String(s.requests),
    `${s.minSuccesses}–${s.maxSuccesses}`,
    String(s.serverErrors),
    String(s.duplicateDecisions),
    String(s.duplicateNumbers),
    String(s.duplicateAuditEntries),
    String(s.numberGaps),
    String(s.chainBroken),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
  return [fmt(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)].join('\n');
}

async function main(): Promise<void> {
  const trials = arg('trials', 100);
  const concurrency = arg('concurrency', 50);
  const sqlite = process.argv.includes('--db') && process.argv[process.argv.indexOf('--db') + 1] === 'sqlite';
  const keep = process.argv.includes('--keep');
  const dir = mkdtempSync(join(tmpdir(), 'reliability-'));
  const url = sqlite ? `sqlite:${join(dir, 'reliability.sqlite')}` : await createMysqlDatabase(process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306', 'reliability');
  const config = loadConfig({
    DATA_DIR: dir,
    DATABASE_URL: url,
    DATA_KEY: Buffer.alloc(32, 5).toString('base64'),
    JWT_SECRET: 'reliability-secret-reliability-secret-0123',
    RATE_LIMIT: 'false',
    SCHEDULER: 'false',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
  });
  const app = await createApp(config, process.env.LOG_LEVEL ? {} : { logger: false });
  let failed = false;
  try {
    await app.listen(0, '127.0.0.1');
    const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    process.stdout.write(`${trials} trials × ${concurrency} concurrent requests per kind on ${sqlite ? 'SQLite' : 'MariaDB/MySQL'} (${base})\n`);
    const lab = await DecisionLab.open(base, app.get(DataSource), ADMIN);
    const summaries: KindSummary[] = [];
    // The three kinds as identical requests, then filing review with one Idempotency-Key for all
    // requests of a trial (one decision; the others replay it or are told it is in flight).
    const runs: [DecisionKind, boolean][] = [...KINDS.map((k): [DecisionKind, boolean] => [k, false]), ['filing review', true]];
    for (const [kind, idempotencyKey] of runs) {
      const label = idempotencyKey ? `${kind} (one Idempotency-Key)` : kind;
      const started = performance.now();
      const results: TrialResult[] = [];
      for (let i = 0; i < trials; i++) results.push(await lab.trial(kind, concurrency, { idempotencyKey }));
      const s = summarise(label, results);
      summaries.push(s);
      process.stdout.write(`${label}: ${trials} trials in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
      for (const o of s.oddities) process.stdout.write(`  unexpected answer: ${o}\n`);
    }
    process.stdout.write(`\n${table(summaries)}\n\n`);
    for (const s of summaries) {
      for (const f of figureLines(s)) {
        process.stdout.write(`${f.line}\n`);
        if (!f.ok) failed = true;
      }
    }
  } finally {
    await app.close();
    if (!keep) {
      if (!sqlite) await dropMysqlDatabase(url);
      rmSync(dir, { recursive: true, force: true });
    } else {
      process.stdout.write(`kept: ${url}\n`);
    }
  }
  if (failed) process.exitCode = 1;
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
