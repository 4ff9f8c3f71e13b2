#!/usr/bin/env node
// Fails when a template under src/templates prints without HTML escaping: `{{{ … }}}` or `{{& … }}`.
// Double-stash output is escaped by Handlebars; triple-stash is allowed only where the layout
// places the already-rendered page (`{{{body}}}` in layouts/). House rule (style.md, app.factory).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const ROOT = process.argv[2] ?? 'src/templates';

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

const ALLOWED = (file, expr) => file.split(sep).includes('layouts') && /^\{\{\{\s*body\s*\}\}\}$/.test(expr);

const problems = [];
let files = 0;
for (const file of walk(ROOT).filter((f) => /\.(hbs|handlebars|html)$/.test(f))) {
  files += 1;
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    // `\{{{` is Handlebars' escape for literal braces: not output.
    for (const m of line.matchAll(/(?<!\\)\{\{\{[^}]*\}\}\}|(?<!\\)\{\{~?\{[^}]*\}~?\}\}|(?<!\\)\{\{~?&[^}]*\}\}/g)) {
      if (!ALLOWED(file, m[0])) problems.push(`${relative('.', file)}:${i + 1}:${m.index + 1}  unescaped output ${m[0]}`);
    }
  });
}

if (problems.length) {
  console.error(problems.join('\n'));
  console.error(`\n${problems.length} unescaped output(s) in templates: use {{ }} (escaped); only the layout's {{{body}}} may use three braces.`);
  process.exit(1);
}
console.log(`templates: ${files} files, no unescaped output`);
