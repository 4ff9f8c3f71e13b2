/**
 * `npm run bench:password`: what a sign-in costs in time and memory with the app's argon2id
 * parameters and with the library's defaults (what the app used before). Each case runs in a fresh
 * process: one hash, then `--concurrent` (4: libuv's pool) verifications at once; prints the
 * milliseconds and the process's peak resident memory (VmHWM). docs/decisions.md "Passwords: argon2id".
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import argon2 from 'argon2';
import { PASSWORD_HASH_OPTIONS } from '../src/common/crypto/password.js';
import { arg } from './support.js';

const CASES = {
  app: PASSWORD_HASH_OPTIONS,
  'library defaults': { type: argon2.argon2id },
} as const;

const peakMb = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;

async function measure(name: keyof typeof CASES, concurrent: number): Promise<void> {
  const before = peakMb();
  let t = performance.now();
  const hash = await argon2.hash('Bench-Passw0rd!', CASES[name]);
  const one = performance.now() - t;
  t = performance.now();
  const ok = await Promise.all(Array.from({ length: concurrent }, () => argon2.verify(hash, 'Bench-Passw0rd!')));
  const many = performance.now() - t;
  if (!ok.every(Boolean)) throw new Error('verification failed');
  process.stdout.write(
    `${name.padEnd(17)} ${hash.split('$')[3].padEnd(18)} one hash ${one.toFixed(0).padStart(4)} ms · ${concurrent} verifications at once ${many.toFixed(0).padStart(5)} ms · ` +
      `peak RSS ${peakMb().toFixed(0)} MB (${before.toFixed(0)} MB before)\n`,
  );
}

const only = process.argv.indexOf('--case');
const concurrent = arg('concurrent', 4);
if (only !== -1) {
  await measure(process.argv[only + 1] as keyof typeof CASES, concurrent);
} else {
  for (const name of Object.keys(CASES)) {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--case', name, '--concurrent', String(concurrent)], { stdio: 'inherit' });
    if (r.status !== 0) process.exitCode = 1;
  }
}
