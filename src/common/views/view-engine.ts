import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { registerViewHelpers } from './view-helpers.js';

/** src/templates (dist/src/templates after the build copies them). */
export const TEMPLATES_DIR = fileURLToPath(new URL('../../templates', import.meta.url));
export const PUBLIC_DIR = fileURLToPath(new URL('../../public', import.meta.url));

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/**
 * Our own Handlebars instance: helpers and every file under partials/ registered by its path
 * (`partials/form/field.hbs` → `form/field`). Double-stash output escapes HTML; triple-stash is
 * banned for user data (lint rule in eslint.config.js).
 */
export function createHandlebars(): typeof Handlebars {
  const hbs = Handlebars.create();
  registerViewHelpers(hbs);
  const partialsDir = join(TEMPLATES_DIR, 'partials');
  for (const file of walk(partialsDir).filter((f) => f.endsWith('.hbs'))) {
    const name = relative(partialsDir, file).split(sep).join('/').replace(/\.hbs$/, '');
    hbs.registerPartial(name, readFileSync(file, 'utf8'));
  }
  return hbs;
}

/** Renders a document template (notices, letters) outside a request. */
export function renderDocument(hbs: typeof Handlebars, name: string, context: object): string {
  const source = readFileSync(join(TEMPLATES_DIR, 'documents', `${name}.hbs`), 'utf8');
  return hbs.compile(source)(context);
}
