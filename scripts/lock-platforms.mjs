#!/usr/bin/env node
// `npm ci` refuses a lock that lacks an entry for any optional dependency. The registry mirror of
// these machines serves only the Linux builds of platform-specific binaries (the others answer 404),
// so `npm install` leaves them out of package-lock.json and `npm ci` then fails with
// "Missing: <pkg>@ from lock file". This adds the missing entries with their os/cpu (read from the
// package name, the napi-rs/esbuild convention), so npm skips them on this platform as usual.
// Run after `npm install` when `npm ci` complains: node scripts/lock-platforms.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const FILE = process.argv[2] ?? 'package-lock.json';
const OS = ['android', 'darwin', 'freebsd', 'linux', 'win32', 'openharmony', 'sunos', 'aix', 'netbsd', 'openbsd'];
const CPU = ['arm64', 'arm', 'x64', 'ia32', 'loong64', 'ppc64', 'riscv64', 's390x', 'mips64el', 'wasm32'];

const lock = JSON.parse(readFileSync(FILE, 'utf8'));
const packages = lock.packages;
const added = [];
const unknown = [];

for (const [path, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    // Where npm would place it: beside the parent's own node_modules, else at the top.
    const nested = `${path ? `${path}/` : ''}node_modules/${name}`;
    const top = `node_modules/${name}`;
    if (packages[nested] || packages[top]) continue;
    const tokens = name.split('/').pop().split('-');
    const os = tokens.find((t) => OS.includes(t));
    const cpu = tokens.find((t) => CPU.includes(t));
    if (!cpu) {
      unknown.push(name);
      continue;
    }
    const row = { version: String(version).replace(/^[\^~]/, ''), cpu: [cpu] };
    if (entry.dev) row.dev = true;
    if (os === 'linux') row.libc = [tokens.some((t) => t.startsWith('musl')) ? 'musl' : 'glibc'];
    row.optional = true;
    if (os) row.os = [os];
    packages[top] = row;
    added.push(`${name}@${row.version}`);
  }
}

if (added.length) {
  const { '': root, ...rest } = packages;
  lock.packages = { '': root, ...Object.fromEntries(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b, 'en'))) };
  writeFileSync(FILE, `${JSON.stringify(lock, null, 2)}\n`);
}
console.log(added.length ? `added ${added.length} platform entries:\n  ${added.join('\n  ')}` : 'package-lock.json: no platform entries missing');
if (unknown.length) {
  console.error(`optional dependencies missing from the lock whose platform the name does not tell: ${unknown.join(', ')}`);
  process.exit(1);
}
