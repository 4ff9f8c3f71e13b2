/**
 * `npm run figures [-- --quick | --full] [--write docs/figures.md] [--only cluster,security]`
 *
 * Runs the scripts that prove the portal under load, faults and attack, collects the lines they print
 * as `FIGURE\t<name>\t<value>\t<goal>\t<ok|FAIL>`, and prints one Markdown page: every figure with
 * the command that produced it, each command's exit code and time, and the machine (cores, CPU,
 * memory, OS, Node, MariaDB, Redis) and the date. `--write <file>` writes the page there too.
 *
 * The list of commands is data (SOURCES): an npm script that does not exist (yet) is listed as
 * pending, not run. The app is built once up front (under `flock /tmp/build.lock` where flock exists:
 * dist/ may be shared), so each script's own `npm run build && tsc -p …` prefix is skipped.
 * --quick (the default) gives each script its small size, --full its own defaults.
 * Exit code 1 when a figure is FAIL or a command failed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import mysql from 'mysql2/promise';
import { FIGURE_LINE, type Outcome, page, parseFigures, runPart, type Source } from './figures-report.js';

const SOURCES: Source[] = [
  { script: 'test:security', what: 'security suite: access matrix, object level, fuzzing, reflected input, log scan', env: { quick: { FUZZ_RUNS: '10' } } },
  { script: 'reliability:decisions', what: 'identical decisions fired at once decide once', quick: ['--trials', '10', '--concurrency', '20'] },
  { script: 'reliability:backup', what: 'backup under writes, restore, compare', quick: ['--seconds', '3'] },
  { script: 'reliability:outage', what: 'the database goes away and comes back' },
  { script: 'reliability:cluster', what: 'two app processes behind one MariaDB and Redis', quick: ['--quick'] },
  { script: 'bench:import', what: 'registry import of a generated registry file', quick: ['--rows', '20000'] },
  { script: 'bench:lookup', what: 'public lookup and search, the app against a bare server on the same SQL', quick: ['--smoke'] },
];

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}

/** As under `npm run`: the project's own binaries (tsc, jest) on the PATH. */
const ENV: NodeJS.ProcessEnv = { ...process.env, PATH: [resolve('node_modules/.bin'), process.env.PATH].join(delimiter) };

function sh(command: string, env: NodeJS.ProcessEnv, logFile: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', command], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const log = createWriteStream(logFile);
    let output = '';
    const take = (d: Buffer) => {
      output += d.toString();
      log.write(d);
      for (const line of d.toString().split('\n')) if (FIGURE_LINE.test(line)) process.stdout.write(`  ${line.trim()}\n`);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('close', (code) => log.end(() => resolve({ code, output })));
  });
}

function build(steps: string[]): void {
  if (steps.length === 0) return;
  const command = steps.join(' && ');
  const hasFlock = spawnSync('sh', ['-c', 'command -v flock'], { encoding: 'utf8' }).status === 0;
  process.stdout.write(`building once: ${command}\n`);
  const r = spawnSync('sh', ['-c', hasFlock ? `flock /tmp/build.lock sh -c '${command}'` : command], { stdio: 'inherit', env: ENV });
  if (r.status !== 0) throw new Error(`the build failed (exit ${r.status})`);
}

async function machine(): Promise<[string, string][]> {
  const osName = (() => {
    try {
      return /PRETTY_NAME="?([^"\n]+)"?/.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? 'unknown';
    } catch {
      return 'unknown';
    }
  })();
  let mariadb = 'not reachable';
  try {
    const c = await mysql.createConnection({ uri: process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306', connectTimeout: 3000 });
    const [rows] = (await c.query('SELECT VERSION() AS v')) as unknown as [{ v: string }[]];
    mariadb = rows[0].v;
    await c.end();
  } catch {
    /* reported as not reachable */
  }
  let redis = 'not reachable';
  const client = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await client.connect();
    redis = /redis_version:(\S+)/.exec(await client.info('server'))?.[1] ?? 'unknown';
  } catch {
    /* reported as not reachable */
  } finally {
    client.disconnect();
  }
  return [
    ['cores (nproc)', String(cpus().length)],
    ['CPU', cpus()[0]?.model ?? 'unknown'],
    ['memory', `${(totalmem() / 1024 ** 3).toFixed(1)} GB`],
    ['OS', `${osName} (Linux ${release()})`],
    ['Node', process.version],
    ['MariaDB', mariadb],
    ['Redis', redis],
    ['load average (1 / 5 / 15 min, at the end)', loadavg().map((l) => l.toFixed(1)).join(' / ')],
  ];
}

async function main(): Promise<boolean> {
  const size = process.argv.includes('--full') ? 'full' : 'quick';
  const only = option('only')?.split(',');
  const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
  const chosen = SOURCES.filter((s) => !only || only.some((o) => s.script.includes(o)));
  const present = chosen.filter((s) => scripts[s.script]);
  build([...new Set(present.flatMap((s) => runPart(scripts[s.script]).build))]);

  const logDir = mkdtempSync(join(tmpdir(), 'figures-'));
  const outcomes: Outcome[] = [];
  for (const source of chosen) {
    const args = (size === 'full' ? source.full : source.quick) ?? [];
    const envExtra = source.env?.[size] ?? {};
    const shown = [...Object.entries(envExtra).map(([k, v]) => `${k}=${v}`), 'npm run', source.script, ...(args.length ? ['--', ...args] : [])].join(' ');
    if (!scripts[source.script]) {
      process.stdout.write(`\n${shown}: not present (no npm script "${source.script}"), pending\n`);
      outcomes.push({ source, command: shown, status: 'pending', exitCode: null, seconds: 0, figures: [] });
      continue;
    }
    process.stdout.write(`\n${shown}\n`);
    const log = join(logDir, `${source.script.replace(/\W/g, '_')}.log`);
    const started = Date.now();
    const { code, output } = await sh([runPart(scripts[source.script]).run, ...args].join(' '), { ...ENV, ...envExtra }, log);
    const seconds = Math.round((Date.now() - started) / 1000);
    const figures = parseFigures(output);
    process.stdout.write(`  exit ${code}, ${seconds} s, ${figures.length} figures; output in ${log}\n`);
    outcomes.push({ source, command: shown, status: 'ran', exitCode: code, seconds, figures, log });
  }

  const markdown = page(outcomes, await machine(), size, new Date());
  process.stdout.write(`\n${markdown}`);
  const target = option('write');
  if (target) {
    writeFileSync(target, markdown);
    process.stdout.write(`written to ${target}\n`);
  }
  return outcomes.every((o) => o.status === 'pending' || (o.exitCode === 0 && o.figures.every((f) => f.ok)));
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (e) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
