import { describe, expect, it } from '@jest/globals';
import { type Outcome, page, parseFigures, runPart } from '../reliability/figures-report.js';

describe('figures report', () => {
  it('reads FIGURE lines, also indented, and nothing else', () => {
    const out = ['building…', 'FIGURE\tcluster: allowed\t50\t= 50\tok', '    FIGURE\tfuzz: 5xx\t2\t0\tFAIL', 'FIGURE\tbroken line', 'FIGURE\ta\tb\tc\tmaybe'].join('\n');
    expect(parseFigures(out)).toEqual([
      { name: 'cluster: allowed', value: '50', goal: '= 50', ok: true },
      { name: 'fuzz: 5xx', value: '2', goal: '0', ok: false },
    ]);
  });

  it('skips the build steps of an npm script and keeps what runs', () => {
    expect(runPart('npm run build && tsc -p test/reliability/tsconfig.json && node dist/test/reliability/two-processes.js')).toEqual({
      build: ['npm run build', 'tsc -p test/reliability/tsconfig.json'],
      run: 'node dist/test/reliability/two-processes.js',
    });
    expect(runPart('node --experimental-vm-modules node_modules/jest/bin/jest.js --runInBand').build).toEqual([]);
  });

  it('writes every figure with its command, marks failures and pending scripts, and names the machine', () => {
    const outcomes: Outcome[] = [
      { source: { script: 'reliability:cluster', what: 'two processes' }, command: 'npm run reliability:cluster -- --quick', status: 'ran', exitCode: 1, seconds: 40, figures: [
        { name: 'allowed | both', value: '58', goal: '= 50', ok: false },
        { name: 'ticks twice', value: '0', goal: '0', ok: true },
      ] },
      { source: { script: 'reliability:outage', what: 'outage' }, command: 'npm run reliability:outage', status: 'pending', exitCode: null, seconds: 0, figures: [] },
    ];
    const md = page(outcomes, [['cores (nproc)', '2'], ['MariaDB', '10.11.6-MariaDB']], 'quick', new Date('2026-11-23T19:00:00Z'));
    for (const expected of [
      '| `npm run reliability:cluster -- --quick` | allowed \\| both | 58 | = 50 | **FAIL** |',
      '| `npm run reliability:cluster -- --quick` | ticks twice | 0 | 0 | ok |',
      'pending (no npm script `reliability:outage` yet)',
      '| MariaDB | 10.11.6-MariaDB |',
      '2026-11-23 19:00 UTC',
      '| 1 | 40 s | 2 (1) |',
      '**2 figures: 1 ok, 1 FAIL.** Commands that exited non-zero: `reliability:cluster`. Pending (no npm script yet): `reliability:outage`.',
    ])
      expect(md).toContain(expected);
  });
});
