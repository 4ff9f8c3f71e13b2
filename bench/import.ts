/**
 * `npm run bench:import [-- --rows 312000] [--bad-per-mille 10] [--keep]`
 *
 * Imports a generated registry file of N rows (default 312,000: the district's existing registry at
 * its expected size) into a fresh MariaDB/MySQL database (MYSQL_URL, default
 * mysql://root@127.0.0.1:3306) through RegistryImportService exactly as POST /api/registry/imports
 * does it once the upload is read (save to a temporary file with its SHA-256, validate, commit), and
 * prints rows/s, total seconds, peak RSS, and the accepted and rejected counts.
 *
 * The CSV (UTF-8 with BOM, the template's header) is written to a temporary file first, streamed:
 * 60 % companies and 40 % individuals with valid GB 32100 / GB 11643 check characters, 1-3
 * accounts per subject, Chinese names from bench/names.ts, 70 % with an old filing number, half with
 * a grade; about 1 % bad rows of seven kinds (wrong check characters, bad phone, a platform account
 * repeated from an earlier row, a missing account name, a malformed or repeated filing number). The
 * import runs in a fresh process (`--import-only`), so the memory figure is the app's and the import's alone.
 * Ends with `FIGURE` lines for the summary collector; exit code 1 when the counts do not add up.
 * `--rows 2000` is the CI variant (`npm run bench:import:smoke`).
 */
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import mysql from 'mysql2/promise';
import { createApp } from '../src/app.factory.js';
import { IMPORT_COLUMNS } from '../src/modules/registry-import/import-columns.js';
import { RegistryImportService } from '../src/modules/registry-import/registry-import.service.js';
import { saveUpload } from '../src/modules/registry-import/upload-file.js';
import { CREDIT_CODE_ALPHABET, idNumberCheckChar } from '../src/modules/registry/identifiers.js';
import { PLATFORM_LABELS } from '../src/modules/registry/registry.constants.js';
import { createMysqlDatabase, dropMysqlDatabase } from '../scripts/mysql-admin.js';
import { accountName, companyName, personName, pick, type Rnd, weighted } from './names.js';
import { arg, benchConfig, creditCode, lcg, mb, startFlags } from './support.js';

const GOAL_SECONDS = 60;
const GOAL_RSS_MB = 1024;

// ---- the file ----

const PLATFORMS = [
  ['wechat', 34], ['douyin', 24], ['weibo', 12], ['toutiao', 10], ['kuaishou', 8], ['xiaohongshu', 6], ['bilibili', 4], ['other', 2],
] as const;
const CATEGORIES = ['时政资讯', '政务服务', '文化艺术', '娱乐', '生活服务', '科技数码', '旅游出行', '美食', '体育', '其他'];
const BAD_KINDS = ['credit_code_check', 'id_number_check', 'phone', 'duplicate_account', 'missing_name', 'filing_no_format', 'filing_no_repeated'] as const;

function idNumber(seq: number): string {
  const birth = new Date(Date.UTC(1960, 0, 1) + (Math.floor(seq / 900) % 16_000) * 86_400_000);
  const first17 = `330110${birth.toISOString().slice(0, 10).replace(/-/g, '')}${String(seq % 900 + 100).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17)!;
}

const wrongCheck = (code: string, alphabet: string) => code.slice(0, -1) + alphabet[(alphabet.indexOf(code[17]) + 1) % alphabet.length];
const phone = (rnd: Rnd) => `1${pick(rnd, ['38', '39', '58', '59', '36', '87', '88', '77', '99', '86'])}${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`;
const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Writes the CSV and answers how many rows are bad (each bad row has exactly one fault). */
async function writeFile(path: string, rows: number, badPerMille: number): Promise<{ bad: number }> {
  const rnd = lcg(20261123);
  const out = createWriteStream(path);
  const header = IMPORT_COLUMNS.map((c) => c.header);
  const write = (line: string) => (out.write(line) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write(`\uFEFF${header.join(',')}\r\n`);
  const seqByYear = new Map<number, number>();
  const thisYear = new Date().getUTCFullYear();
  let written = 0;
  let bad = 0;
  let subjects = 0;
  let lastGood = { platform: '', id: '', filingNo: '' as string | undefined };
  while (written < rows) {
    subjects += 1;
    const individual = rnd() < 0.4;
    const name = individual ? personName(rnd) : companyName(rnd);
    const code = individual ? '' : creditCode(subjects);
    const id = individual ? idNumber(subjects) : '';
    const tel = phone(rnd);
    const accounts = Math.min(rows - written, 1 + Math.floor(rnd() * rnd() * 3.2));
    for (let k = 0; k < accounts; k++) {
      written += 1;
      const r: Record<string, string> = {
        主体类型: individual ? '个人' : '企业',
        主体名称: name,
        统一社会信用代码: code,
        身份证号码: id,
        联系电话: tel,
        注册地址: individual ? '' : `杭州市余杭区${pick(rnd, ['文一西路', '五常大道', '良渚大道', '临平大道', '仓前街道'])}${1 + Math.floor(rnd() * 999)}号`,
        平台: PLATFORM_LABELS[weighted(rnd, PLATFORMS)],
        账号名称: accountName(rnd, written),
        平台账号ID: `bench_${written.toString(36)}`,
        内容类别: pick(rnd, CATEGORIES),
      };
      if (rnd() < 0.7) {
        const year = 2019 + Math.floor(rnd() * (thisYear - 2019));
        const seq = (seqByYear.get(year) ?? 0) + 1;
        seqByYear.set(year, seq);
        r['备案编号'] = `YH-ZMT-${year}-${String(seq).padStart(6, '0')}`;
        r['备案日期'] = `${year}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
        if (rnd() < 0.5) {
          r['管理等级'] = weighted(rnd, [['A', 20], ['B', 50], ['C', 25], ['D', 5]] as const);
          r['定级年度'] = String(thisYear - 1);
        }
      }
      // About 1 % bad rows, one fault each, the kinds in turn (a kind that does not fit the row gives way to the next).
      let spoiled = false;
      if (rnd() * 1000 < badPerMille) {
        for (let k = 0; k < BAD_KINDS.length && !spoiled; k++) spoiled = spoil(r, BAD_KINDS[(bad + k) % BAD_KINDS.length], individual, lastGood);
        bad += 1;
      } else {
        lastGood = { platform: r['平台'], id: r['平台账号ID'], filingNo: r['备案编号'] ?? lastGood.filingNo };
      }
      await write(`${header.map((h) => cell(r[h] ?? '')).join(',')}\r\n`);
    }
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
  return { bad };
}

/** Gives the row one fault of the kind; false when the kind does not fit this row (it is left as it was). */
function spoil(r: Record<string, string>, kind: (typeof BAD_KINDS)[number], individual: boolean, lastGood: { platform: string; id: string; filingNo?: string }): boolean {
  switch (kind) {
    case 'credit_code_check':
      if (individual) return false;
      r['统一社会信用代码'] = wrongCheck(r['统一社会信用代码'], CREDIT_CODE_ALPHABET);
      return true;
    case 'id_number_check':
      if (!individual) return false;
      r['身份证号码'] = wrongCheck(r['身份证号码'], '0123456789X');
      return true;
    case 'phone':
      r['联系电话'] = '1234567';
      return true;
    case 'duplicate_account':
      if (!lastGood.id) return false;
      r['平台'] = lastGood.platform;
      r['平台账号ID'] = lastGood.id;
      return true;
    case 'missing_name':
      r['账号名称'] = '';
      return true;
    case 'filing_no_format':
      r['备案编号'] = 'YH-ZMT-2024-12';
      delete r['备案日期'];
      return true;
    case 'filing_no_repeated':
      if (!lastGood.filingNo) return false;
      r['备案编号'] = lastGood.filingNo;
      r['备案日期'] = `${lastGood.filingNo.slice(7, 11)}-06-01`;
      return true;
  }
}

// ---- the measured import, in its own process ----

async function importOnly(url: string, file: string, officerId: string): Promise<void> {
  const app = await createApp(benchConfig(url), { logger: false });
  try {
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    const service = app.get(RegistryImportService);
    const started = performance.now();
    const upload = await saveUpload(createReadStream(file), basename(file), service.fileLimit, () => false);
    const batch = await service.importFile(
      { userId: officerId, username: 'bench_officer', role: 'officer', ip: null },
      { id: officerId, username: 'bench_officer', displayName: '测试工作人员', role: 'officer' } as never,
      upload,
    );
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const hwm = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;
    peak = Math.max(peak, process.memoryUsage().rss, hwm);
    process.stdout.write(`${JSON.stringify({ seconds, peak, baseline, batch })}\n`);
  } finally {
    await app.close();
  }
}

async function main(): Promise<void> {
  const only = process.argv.indexOf('--import-only');
  if (only !== -1) {
    const [url, file, officerId] = process.argv.slice(only + 1, only + 4);
    return importOnly(url, file, officerId);
  }
  const rows = arg('rows', 312_000);
  const badPerMille = arg('bad-per-mille', 10);
  const keep = process.argv.includes('--keep');
  const base = process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
  const dir = mkdtempSync(join(tmpdir(), 'yh-bench-import-'));
  const file = join(dir, `registry-${rows}.csv`);
  const url = await createMysqlDatabase(base, 'bench');
  try {
    const t0 = performance.now();
    const { bad } = await writeFile(file, rows, badPerMille);
    process.stdout.write(`file ${file}: ${rows} rows (${bad} bad), ${mb(statSync(file).size)}, written in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

    // Boot once to run the migrations; add the importing officer.
    await (await createApp(benchConfig(url), { logger: false })).close();
    const u = new URL(url);
    const conn = await mysql.createConnection({ host: u.hostname, port: Number(u.port || 3306), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password), database: u.pathname.slice(1) });
    const officerId = randomUUID();
    await conn.query('INSERT INTO app_user (id, username, passwordHash, role, displayName, organization, status) VALUES (?, ?, ?, ?, ?, ?, ?)', [officerId, 'bench_officer', 'x', 'officer', '测试工作人员', '区网信办', 'active']);
    const [[server]] = (await conn.query('SELECT VERSION() AS version, @@innodb_buffer_pool_size AS pool')) as unknown as [{ version: string; pool: number }[]];
    await conn.end();
    process.stdout.write(`database ${u.pathname.slice(1)} on ${server.version}, innodb_buffer_pool_size ${mb(Number(server.pool))}\n`);

    // --profile: a V8 CPU profile of the import process, in ./profiles (open it in Chrome DevTools).
    const profile = process.argv.includes('--profile') ? ['--cpu-prof', '--cpu-prof-dir=profiles'] : [];
    const child = spawnSync(process.execPath, ['--expose-gc', ...startFlags(), ...profile, fileURLToPath(import.meta.url), '--import-only', url, file, officerId], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (child.status !== 0) throw new Error(`the import process failed:\n${child.stderr}`);
    if (child.stderr.trim()) process.stderr.write(child.stderr);
    const result = JSON.parse(child.stdout.trim().split('\n').pop()!) as { seconds: number; peak: number; baseline: number; batch: { status: string; rowsRead: number; accepted: number; rejected: number; subjectsCreated: number; filingNumbersAssigned: number } };
    const { seconds, peak, baseline, batch } = result;
    const peakMb = peak / 1024 / 1024;
    process.stdout.write(
      [
        `import: ${batch.status}, ${batch.rowsRead} rows read, ${batch.accepted} accepted, ${batch.rejected} rejected; ${batch.subjectsCreated} subjects created, ${batch.filingNumbersAssigned} filing numbers assigned`,
        `time ${seconds.toFixed(1)} s (${Math.round(batch.rowsRead / seconds)} rows/s), upload save and SHA-256 included`,
        `peak RSS ${mb(peak)} (after boot ${mb(baseline)}, growth ${mb(peak - baseline)})`,
      ].join('\n') + '\n',
    );
    const addsUp = batch.status === 'completed' && batch.rowsRead === rows && batch.accepted + batch.rejected === batch.rowsRead && batch.rejected === bad;
    if (!addsUp) {
      process.stderr.write(`counts do not add up: expected ${rows} rows read, ${bad} rejected\n`);
      process.exitCode = 1;
    }
    const label = `import ${rows} rows (MariaDB)`;
    const figure = (name: string, value: string, goal: string, ok: boolean) => process.stdout.write(`FIGURE\t${name}\t${value}\t${goal}\t${ok ? 'ok' : 'FAIL'}\n`);
    figure(`${label} seconds`, seconds.toFixed(1), `<= ${GOAL_SECONDS}`, seconds <= GOAL_SECONDS);
    figure(`${label} peak RSS MB`, peakMb.toFixed(0), `<= ${GOAL_RSS_MB}`, peakMb <= GOAL_RSS_MB);
    figure(`${label} rows read = accepted + rejected`, `${batch.rowsRead} = ${batch.accepted} + ${batch.rejected}`, `${rows} rows, ${bad} bad`, addsUp);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (!keep) await dropMysqlDatabase(url);
    else process.stdout.write(`kept database ${url}\n`);
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
