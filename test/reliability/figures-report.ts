/**
 * The pure part of `npm run figures` (figures.ts): reading `FIGURE` lines out of a command's output,
 * splitting an npm script into its build steps and its run, and the Markdown page.
 */
export interface Source {
  /** The npm script; its arguments per size. */
  script: string;
  what: string;
  quick?: string[];
  full?: string[];
  env?: { quick?: Record<string, string>; full?: Record<string, string> };
}

export interface Figure {
  name: string;
  value: string;
  goal: string;
  ok: boolean;
}

export interface Outcome {
  source: Source;
  command: string;
  status: 'ran' | 'pending';
  exitCode: number | null;
  seconds: number;
  figures: Figure[];
  log?: string;
}

export const FIGURE_LINE = /^\s*FIGURE\t([^\t]*)\t([^\t]*)\t([^\t]*)\t(ok|FAIL)\s*$/;

export function parseFigures(output: string): Figure[] {
  return output
    .split('\n')
    .map((line) => FIGURE_LINE.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ name: m[1], value: m[2], goal: m[3], ok: m[4] === 'ok' }));
}

/** The part of an npm script after its build steps (`npm run build`, `tsc -p …`). */
export function runPart(script: string): { build: string[]; run: string } {
  const steps = script.split('&&').map((s) => s.trim());
  const build = steps.filter((s) => s === 'npm run build' || s.startsWith('tsc '));
  return { build, run: steps.filter((s) => !build.includes(s)).join(' && ') };
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

function summaryLine(outcomes: Outcome[]): string {
  const figures = outcomes.flatMap((o) => o.figures);
  const failed = figures.filter((f) => !f.ok).length;
  const pending = outcomes.filter((o) => o.status === 'pending').map((o) => `\`${o.source.script}\``);
  const broken = outcomes.filter((o) => o.status === 'ran' && o.exitCode !== 0).map((o) => `\`${o.source.script}\``);
  return [
    `**${figures.length} figures: ${figures.length - failed} ok, ${failed} FAIL.**`,
    broken.length ? `Commands that exited non-zero: ${broken.join(', ')}.` : 'Every command exited 0.',
    pending.length ? `Pending (no npm script yet): ${pending.join(', ')}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

export function page(outcomes: Outcome[], host: [string, string][], size: string, when: Date): string {
  const lines = [
    '# Figures',
    '',
    'The latest figures of the reliability and security scripts: each row names the command that produced it.',
    `Produced by \`npm run figures -- --${size}\` on ${when.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '(`--quick`: each script at its small size; `--full`: at its own defaults). Shared machine: other work may',
    'have run at the same time (see the load average below), so throughput and latency figures are lower bounds.',
    '',
    summaryLine(outcomes),
    '',
    '## Machine',
    '',
    '| | |',
    '|---|---|',
    ...host.map(([k, v]) => `| ${k} | ${cell(v)} |`),
    '',
    '## Figures',
    '',
    '| command | figure | value | goal | ok |',
    '|---|---|---|---|---|',
  ];
  for (const o of outcomes) {
    if (o.status === 'pending') lines.push(`| \`${o.command}\` | ${cell(o.source.what)} | — | — | pending (no npm script \`${o.source.script}\` yet) |`);
    else if (o.figures.length === 0) lines.push(`| \`${o.command}\` | ${cell(o.source.what)} | no figures printed | — | ${o.exitCode === 0 ? 'ok' : 'FAIL'} (exit ${o.exitCode}) |`);
    for (const f of o.figures) lines.push(`| \`${o.command}\` | ${cell(f.name)} | ${cell(f.value)} | ${cell(f.goal)} | ${f.ok ? 'ok' : '**FAIL**'} |`);
  }
  lines.push('', '## Commands', '', '| command | what it proves | exit | time | figures (failed) |', '|---|---|---|---|---|');
  for (const o of outcomes) {
    const failed = o.figures.filter((f) => !f.ok).length;
    lines.push(o.status === 'pending' ? `| \`${o.command}\` | ${cell(o.source.what)} | — | — | pending |` : `| \`${o.command}\` | ${cell(o.source.what)} | ${o.exitCode} | ${o.seconds} s | ${o.figures.length} (${failed}) |`);
  }
  lines.push('', 'Regenerate: `npm run figures -- --quick --write docs/figures.md` (or `--full`). One script: `--only cluster`.', '');
  return lines.join('\n');
}

