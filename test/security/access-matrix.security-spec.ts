import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { bearer, bootTestApp, type TestApp } from '../helpers/test-app.js';
import { Visitor } from '../helpers/visitor.js';
import { ACCESS_MATRIX, type MatrixRole, ROLES } from './access-matrix.js';
import { collectRoutes, type RouteInfo } from './routes.js';
import { printFigure } from '../helpers/figure.js';

/** The callers of the matrix: anonymous, every role, and a second operator (same expectations as `operator`). */
const CALLERS: { name: string; role: MatrixRole }[] = [
  { name: 'anonymous', role: 'anonymous' },
  { name: 'operator', role: 'operator' },
  { name: 'another operator', role: 'operator' },
  ...ROLES.filter((r) => r !== 'operator').map((r) => ({ name: r, role: r as MatrixRole })),
];

/** A syntactically valid value for each path parameter: unknown ids (random UUIDs) and a plain year. */
function fill(path: string): string {
  return path.replace(/:([A-Za-z]+)/g, (_m, name: string) => (name === 'year' ? '2025' : name === 'letter' ? 'notice' : randomUUID()));
}

interface Caller {
  name: string;
  role: MatrixRole;
  username?: string;
  token?: string;
  visitor: Visitor;
}

describe('access matrix: every route × every role', () => {
  let t: TestApp;
  let routes: RouteInfo[];
  const callers: Caller[] = [];

  beforeAll(async () => {
    t = await bootTestApp();
    routes = collectRoutes(t.app);
    for (const c of CALLERS) {
      const visitor = new Visitor(t);
      if (c.role === 'anonymous') {
        callers.push({ ...c, visitor });
        continue;
      }
      const u = c.role === 'sysadmin' ? { username: 'sysadmin', token: await t.adminToken() } : await t.user(c.role);
      await visitor.signIn(u.username, c.role === 'sysadmin' ? 'Admin-Passw0rd!' : undefined);
      callers.push({ ...c, username: u.username, token: u.token, visitor });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('finds the routes through Nest’s metadata', () => {
    expect(routes.length).toBeGreaterThan(200);
    expect(routes.map((r) => r.key)).toEqual(expect.arrayContaining(['GET /api/audit', 'POST /api/subjects', 'GET /login', 'GET /officer']));
  });

  it('has every registered route in the matrix, and no route in the matrix that is not registered', () => {
    const registered = new Set(routes.map((r) => r.key));
    const missing = [...registered].filter((k) => !(k in ACCESS_MATRIX)).map((k) => `new route ${k} is not in the access matrix`);
    const stale = Object.keys(ACCESS_MATRIX).filter((k) => !registered.has(k)).map((k) => `${k} is in the access matrix but not registered`);
    expect([...missing, ...stale]).toEqual([]);
  });

  it('lets exactly the expected roles through the guard', async () => {
    let cells = 0;
    const unexpectedAllows: string[] = [];
    const unexpectedDenies: string[] = [];
    const wrongDenial: string[] = [];
    const serverErrors: string[] = [];
    for (const route of routes) {
      const expected = ACCESS_MATRIX[route.key] ?? [];
      const isApi = route.path.startsWith('/api');
      for (const c of callers) {
        const url = fill(route.path);
        let res: Response;
        if (isApi) {
          let req = t.http[route.method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete'](url);
          if (c.token) req = req.set(bearer(c.token));
          res = route.method === 'GET' ? await req : await req.send({});
        } else {
          res = route.method === 'GET' ? await c.visitor.get(url) : await c.visitor.post(url, {});
          // Signing out ends this visitor's session: sign in again for the next cells.
          if (route.key === 'POST /logout' && c.username) await c.visitor.signIn(c.username, c.role === 'sysadmin' ? 'Admin-Passw0rd!' : undefined);
        }
        cells += 1;
        const cell = `${route.key} as ${c.name} → ${res.status}`;
        const toLogin = res.status === 303 && String(res.headers.location ?? '').startsWith('/login?next=');
        const denied = res.status === 401 || res.status === 403 || (c.role === 'anonymous' && !isApi && route.method === 'GET' && toLogin);
        if (res.status >= 500) serverErrors.push(cell);
        const allowed = expected.includes(c.role);
        if (allowed && denied) unexpectedDenies.push(cell);
        if (!allowed && !denied) unexpectedAllows.push(cell);
        if (!allowed && denied) {
          // The right kind of refusal: no sign-in → 401 (a page GET sends to the sign-in page); wrong role → 403.
          const ok = c.role === 'anonymous' ? (!isApi && route.method === 'GET' ? toLogin : res.status === 401) : res.status === 403;
          if (!ok) wrongDenial.push(cell);
        }
      }
    }
    console.log(
      `access matrix: ${routes.length} routes × ${callers.length} callers = ${cells} cells tested; ` +
        `unexpected allows ${unexpectedAllows.length}; unexpected denies ${unexpectedDenies.length}; ` +
        `refusals of the wrong kind ${wrongDenial.length}; 5xx ${serverErrors.length}`,
    );
    printFigure('security: access matrix cells tested (route × caller)', cells, `${routes.length} × ${callers.length}`, cells === routes.length * callers.length && cells > 0);
    printFigure('security: access matrix unexpected allows', unexpectedAllows.length, '0', unexpectedAllows.length === 0);
    printFigure('security: access matrix unexpected denies', unexpectedDenies.length, '0', unexpectedDenies.length === 0);
    printFigure('security: access matrix refusals of the wrong kind', wrongDenial.length, '0', wrongDenial.length === 0);
    printFigure('security: access matrix 5xx', serverErrors.length, '0', serverErrors.length === 0);
    expect(unexpectedAllows).toEqual([]);
    expect(unexpectedDenies).toEqual([]);
    expect(wrongDenial).toEqual([]);
    expect(serverErrors).toEqual([]);
  }, 600_000);
});
