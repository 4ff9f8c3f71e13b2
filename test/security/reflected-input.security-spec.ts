import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { bootTestApp, type TestApp } from '../helpers/test-app.js';
import { Visitor } from '../helpers/visitor.js';
import { ACCESS_MATRIX } from './access-matrix.js';
import { createSubject, organizationBody } from '../factories/registry.js';
import { printFigure } from '../helpers/figure.js';

const PAYLOADS = ['<script>alert(1)</script>', '" onmouseover="x', "' onmouseover='x", 'javascript:alert(1)'];
/** Every query parameter a portal page reads (grep of @Query in src/modules/portal) plus the list filters. */
const PARAMS = ['q', 'status', 'platform', 'category', 'next', 'code', 'done', 'rule', 'year', 'accountId', 'subjectId', 'signedOut', 'page', 'pageSize', 'from', 'to', 'kind', 'overdue', 'action', 'entityType', 'actor'];

/** The HTML carries a payload unescaped: a script tag, an attribute breaker, or a javascript: link. */
function unescaped(html: string): string[] {
  const found: string[] = [];
  if (html.includes('<script>alert(1)</script>')) found.push('raw <script>');
  if (html.includes('" onmouseover="x') || html.includes("' onmouseover='x")) found.push('attribute breaker');
  if (/(href|src|action)\s*=\s*["']?\s*javascript:/i.test(html)) found.push('javascript: link');
  return found;
}

describe('reflected input in every page comes out escaped', () => {
  let t: TestApp;
  const visitors = new Map<string, Visitor>();
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    t = await bootTestApp();
    visitors.set('anonymous', new Visitor(t));
    for (const role of ['operator', 'officer', 'approver', 'evaluator', 'sysadmin', 'auditor']) {
      const v = new Visitor(t);
      if (role === 'sysadmin') await v.signIn('sysadmin', 'Admin-Passw0rd!');
      else {
        const u = await t.user(role);
        await v.signIn(u.username);
        tokens.set(role, u.token);
      }
      visitors.set(role, v);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('through every query parameter of every page, as a role that may see it', async () => {
    const pages = Object.entries(ACCESS_MATRIX).filter(([k]) => k.startsWith('GET ') && !k.startsWith('GET /api') && k !== 'GET /logout');
    const problems: string[] = [];
    let cases = 0;
    let echoed = 0;
    for (const [key, roles] of pages) {
      const path = key.slice(4).replace(/:(\w+)/g, (_m, n: string) => (n === 'year' ? '2025' : randomUUID()));
      const v = visitors.get(roles[0])!;
      for (const p of PAYLOADS) {
        const qs = PARAMS.map((n) => `${n}=${encodeURIComponent(p)}`).join('&');
        const res = await v.get(`${path}?${qs}`);
        cases += 1;
        if ((res.text ?? '').includes('&lt;script&gt;alert(1)&lt;/script&gt;')) echoed += 1;
        if (res.status >= 500) problems.push(`${key} ${p} → ${res.status}`);
        for (const f of unescaped(res.text ?? '')) problems.push(`${key} ${p}: ${f}`);
        // A redirect must not lead to a javascript: or foreign address.
        const loc = String(res.headers.location ?? '');
        if (loc && !loc.startsWith('/')) problems.push(`${key} ${p}: redirect to ${loc}`);
      }
    }
    console.log(`reflected input: ${pages.length} pages × ${PAYLOADS.length} payloads = ${cases} requests, ${problems.length} unescaped, ${echoed} echoed the script payload escaped`);
    printFigure('security: reflected input requests (pages × payloads)', cases, `${pages.length} × ${PAYLOADS.length}`, cases > 0);
    printFigure('security: reflected input unescaped, 5xx or foreign redirects', problems.length, '0', problems.length === 0);
    expect(echoed).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('through re-rendered form fields (sign-in, sign-up, the public report)', async () => {
    const v = visitors.get('anonymous')!;
    for (const p of PAYLOADS) {
      for (const [path, form] of [
        ['/login', { username: p, password: p, next: p }],
        ['/signup', { username: p, displayName: p, phone: p, password: p, passwordConfirm: p }],
        ['/report/details', { description: p, accountName: p, contact: p, evidenceUrls: p }],
        ['/report/target', { filingNo: p, platform: p, platformAccountId: p, accountName: p }],
      ] as const) {
        const res = await v.post(path, form);
        expect({ path, p, status: res.status < 500 }).toEqual({ path, p, status: true });
        expect({ path, p, found: unescaped(res.text ?? '') }).toEqual({ path, p, found: [] });
        const loc = String(res.headers.location ?? '');
        expect({ path, p, loc: loc === '' || loc.startsWith('/') }).toEqual({ path, p, loc: true });
      }
    }
  });

  it('through re-rendered form fields of the signed-in desks (every field of each form, each payload)', async () => {
    // [role, the page with the form, the form's action]: the forms that make something new.
    const forms: [string, string, string][] = [
      ['operator', '/operator/subjects/new', '/operator/subjects'],
      ['operator', '/operator/accounts/new', '/operator/accounts'],
      ['officer', '/officer/evaluation', '/officer/evaluation'],
      ['officer', '/officer/inspections', '/officer/inspections/draws'],
      ['sysadmin', '/admin/users', '/admin/users'],
    ];
    // The account form needs a subject of the operator's to choose.
    await createSubject(t, tokens.get('operator')!, organizationBody());
    let cases = 0;
    const problems: unknown[] = [];
    for (const [role, page, action] of forms) {
      const v = visitors.get(role)!;
      const html = (await v.get(page)).text ?? '';
      const form = new RegExp(`<form[^>]*action="${action}"[^>]*>([\\s\\S]*?)</form>`).exec(html)?.[1];
      expect({ page, action, form: form !== undefined }).toEqual({ page, action, form: true });
      const names = [...new Set([...form!.matchAll(/<(?:input|textarea|select)[^>]*\sname="([^"]+)"/g)].map((m) => m[1]).filter((n) => n !== '_csrf'))];
      expect({ page, fields: names.length > 0 }).toEqual({ page, fields: true });
      for (const p of PAYLOADS) {
        const res = await v.post(action, Object.fromEntries(names.map((n) => [n, p])));
        cases += 1;
        const found = unescaped(res.text ?? '');
        const loc = String(res.headers.location ?? '');
        if (res.status >= 500 || found.length || (loc && !loc.startsWith('/'))) problems.push({ action, p, status: res.status, found, loc });
      }
    }
    printFigure('security: signed-in forms re-rendered with payloads (forms × payloads)', cases, `${forms.length} × ${PAYLOADS.length}`, cases === forms.length * PAYLOADS.length);
    printFigure('security: signed-in forms unescaped, 5xx or foreign redirects', problems.length, '0', problems.length === 0);
    expect(problems).toEqual([]);
  });
});
