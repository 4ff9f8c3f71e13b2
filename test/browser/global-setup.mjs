// Fails the browser run at once, with the fix, when Chromium is not installed.
import { accessSync, constants } from 'node:fs';
import { execFileSync } from 'node:child_process';

export default async function globalSetup() {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  try {
    accessSync(path, constants.X_OK);
    execFileSync(path, ['--version'], { stdio: 'pipe', timeout: 30000 });
  } catch (e) {
    throw new Error(
      `Chromium is needed for the browser tests and was not found at ${path} (${e instanceof Error ? e.message : e}).\n` +
        'Install it with:\n  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-noto-cjk\n' +
        'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
    );
  }
}
