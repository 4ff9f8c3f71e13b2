/**
 * One machine-readable result line, `FIGURE\t<name>\t<value>\t<goal>\t<ok|FAIL>`, as every bench and
 * reliability script prints them (test/reliability/figures.ts collects them into docs/figures.md).
 * Written to stdout directly: Jest's console would wrap it in a stack trace.
 */
export function printFigure(name: string, value: string | number, goal: string, ok: boolean): void {
  process.stdout.write(`FIGURE\t${name}\t${value}\t${goal}\t${ok ? 'ok' : 'FAIL'}\n`);
}
