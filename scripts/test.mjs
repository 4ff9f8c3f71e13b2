#!/usr/bin/env node
// `npm test [jest arguments]`: the unit and e2e tests (Jest, ESM mode), then, when no arguments
// narrow the run, the browser tests. `npm test -- test/e2e/audit.e2e-spec.ts` runs that file only.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const args = process.argv.slice(2);
const run = (cmd, cmdArgs) => spawnSync(cmd, cmdArgs, { stdio: 'inherit' }).status ?? 1;

let rc = run(process.execPath, ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', '--runInBand', ...args]);
if (rc === 0 && args.length === 0 && existsSync('jest.browser.config.js')) {
  rc = run(process.execPath, ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', '--runInBand', '--config', 'jest.browser.config.js']);
}
process.exit(rc);
