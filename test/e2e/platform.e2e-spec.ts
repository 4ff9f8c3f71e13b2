import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { ADMIN, bearer, bootTestApp, PASSWORD, type TestApp } from '../helpers/test-app.js';

describe('platform: health, errors, docs, headers, limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  describe('health', () => {
    it('answers 200 {status: ok, database: up} without a login', async () => {
      const res = await t.http.get('/api/health');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok', database: 'up' });
    });

    it('answers 503 when the database is gone', async () => {
      const other = await bootTestApp();
      try {
        expect((await other.http.get('/api/health')).status).toBe(200);
        await other.app.get(DataSource).destroy();
        const res = await other.http.get('/api/health');
        expect(res.status).toBe(503);
        expect(res.body).toMatchObject({ status: 'error', database: 'down' });
      } finally {
        await other.close();
      }
    });
  });

  describe('error bodies', () => {
    it('answers 400 too_deep for a JSON body nested deeper than 32 levels (it was a 500: a stack overflow in validation)', async () => {
      const token = await t.adminToken();
      const deep = `{"username":${'[{"a":'.repeat(5000)}1${'}]'.repeat(5000)}}`;
      for (const path of ['/api/auth/login', '/api/users']) {
        const res = await t.http.post(path).set(bearer(token)).set('Content-Type', 'application/json').send(deep);
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'body', code: 'too_deep' })] });
      }
      // Nesting within the limit still reaches validation as before.
      const shallow = await t.http.post('/api/auth/login').send({ username: { a: { b: 1 } }, password: 'x' });
      expect(shallow.status).toBe(400);
      expect(shallow.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'username' })]));
    });

    it('413 PAYLOAD_TOO_LARGE for a body over the limit', async () => {
      const res = await t.http
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ username: 'x', password: 'y'.repeat(300 * 1024) }));
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: expect.any(String), details: [] });
    });

    it('honours BODY_LIMIT', async () => {
      const small = await bootTestApp({ BODY_LIMIT: '1024' });
      try {
        const res = await small.http.post('/api/auth/login').send({ username: 'x', password: 'y'.repeat(2000) });
        expect(res.status).toBe(413);
        expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
        expect((await small.http.post('/api/auth/login').send(ADMIN)).status).toBe(200);
      } finally {
        await small.close();
      }
    });

    it('400 VALIDATION_FAILED for invalid JSON', async () => {
      const res = await t.http.post('/api/auth/login').set('Content-Type', 'application/json').send('{"username": "sysadmin", ');
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'body', code: 'invalid_json' })] });
    });

    it('400, not 500, for a JSON body that is not an object', async () => {
      for (const body of ['[]', '"text"', '42', 'null']) {
        const res = await t.http.post('/api/auth/login').set('Content-Type', 'application/json').send(body);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
    });

    it('415 for a body that is not JSON', async () => {
      const res = await t.http.post('/api/auth/login').set('Content-Type', 'application/xml').send('<login/>');
      expect(res.status).toBe(415);
      expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it('404 NOT_FOUND as JSON for an unknown /api route', async () => {
      for (const path of ['/api/no-such-thing', '/api/users/extra/segments/here']) {
        const res = await t.http.get(path);
        expect(res.status).toBe(404);
        expect(res.headers['content-type']).toMatch(/application\/json/);
        expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', message: expect.any(String), details: [] });
      }
      const post = await t.http.post('/api/nothing').send({});
      expect(post.status).toBe(404);
      expect(post.body.code).toBe('NOT_FOUND');
    });

    it('404 for an id that is not a UUID, never a 500', async () => {
      const res = await t.http.get('/api/users/1%27%20OR%201=1').set(bearer(await t.adminToken()));
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
      const unknown = await t.http.get('/api/users/00000000-0000-4000-8000-000000000000').set(bearer(await t.adminToken()));
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('NOT_FOUND');
    });

    it('400 with details[].code unknown_field for an extra field', async () => {
      const res = await t.http.post('/api/auth/login').send({ ...ADMIN, isAdmin: true });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'isAdmin', code: 'unknown_field', message: expect.any(String) })]);
    });

    it('400 for a mistyped field, naming it', async () => {
      const res = await t.http.post('/api/auth/login').send({ username: 42, password: ['x'] });
      expect(res.status).toBe(400);
      const fields = res.body.details.map((d: { field: string }) => d.field);
      expect(fields).toEqual(expect.arrayContaining(['username', 'password']));
    });

    it('400 for pageSize above 100 and for page below 1', async () => {
      const admin = await t.adminToken();
      const big = await t.http.get('/api/users?pageSize=101').set(bearer(admin));
      expect(big.status).toBe(400);
      expect(big.body.code).toBe('VALIDATION_FAILED');
      expect(big.body.details).toEqual([expect.objectContaining({ field: 'pageSize', code: 'max' })]);
      const zero = await t.http.get('/api/users?page=0').set(bearer(admin));
      expect(zero.status).toBe(400);
      expect(zero.body.details).toEqual([expect.objectContaining({ field: 'page' })]);
      const ok = await t.http.get('/api/users?pageSize=100').set(bearer(admin));
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ page: 1, pageSize: 100, total: expect.any(Number), items: expect.any(Array) });
    });

    it('messages speak Chinese', async () => {
      const res = await t.http.post('/api/auth/login').send({});
      expect(res.status).toBe(400);
      for (const d of res.body.details) expect(d.message).toMatch(/[\u4e00-\u9fff]/);
    });
  });

  describe('OpenAPI', () => {
    it('serves the UI at /api/docs', async () => {
      const res = await t.http.get('/api/docs').redirects(1);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toMatch(/swagger/i);
      // Its scripts are files, not inline code, so the CSP (script-src 'self') lets them run.
      const scripts = [...res.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attrs, body] of scripts) {
        expect(body.trim()).toBe('');
        const src = /src="([^"]+)"/.exec(attrs)![1];
        const js = await t.http.get(new URL(src, 'http://x/api/docs').pathname);
        expect(js.status).toBe(200);
      }
    });

    it('lists the paths at /api/docs/openapi.json', async () => {
      const res = await t.http.get('/api/docs/openapi.json');
      expect(res.status).toBe(200);
      expect(res.body.openapi).toMatch(/^3\./);
      expect(Object.keys(res.body.paths)).toEqual(
        expect.arrayContaining(['/api/health', '/api/auth/login', '/api/auth/register', '/api/auth/me', '/api/users', '/api/users/{id}', '/api/audit', '/api/audit/verify']),
      );
      expect(res.body.components.securitySchemes).toHaveProperty('bearer');
    });
  });

  describe('security headers', () => {
    it('sets CSP, nosniff and refuses framing on API and pages alike', async () => {
      for (const path of ['/api/health', '/api/no-such-thing']) {
        const res = await t.http.get(path);
        const csp = res.headers['content-security-policy'];
        expect(csp).toMatch(/default-src 'self'/);
        expect(csp).toMatch(/frame-ancestors 'none'/);
        expect(csp).toMatch(/script-src 'self'/);
        expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-frame-options']).toMatch(/DENY|SAMEORIGIN/);
        expect(res.headers['x-powered-by']).toBeUndefined();
      }
    });
  });

  describe('rate limits', () => {
    it('the 4th login within the window answers 429 RATE_LIMITED when RATE_LIMIT_AUTH=3', async () => {
      const limited = await bootTestApp({ RATE_LIMIT: 'true', RATE_LIMIT_AUTH: '3' });
      try {
        for (let i = 0; i < 3; i++) {
          const ok = await limited.http.post('/api/auth/login').send(ADMIN);
          expect(ok.status).toBe(200);
          expect(ok.headers['x-ratelimit-limit']).toBe('3');
        }
        const res = await limited.http.post('/api/auth/login').send(ADMIN);
        expect(res.status).toBe(429);
        expect(res.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED', message: expect.stringMatching(/频繁/), details: [] });
        expect(res.headers['retry-after']).toBeDefined();
        // Each limited route counts on its own; routes without a limit are not counted.
        const reg = await limited.http.post('/api/auth/register').send({ username: 'rl_user', password: PASSWORD, displayName: 'x', phone: '13812345678' });
        expect(reg.status).toBe(201);
        for (let i = 0; i < 5; i++) expect((await limited.http.get('/api/health')).status).toBe(200);
      } finally {
        await limited.close();
      }
    });

    it('is off when RATE_LIMIT=false (the test default)', async () => {
      for (let i = 0; i < 25; i++) {
        const res = await t.http.post('/api/auth/login').send({ username: `nobody${i}`, password: PASSWORD });
        expect(res.status).toBe(401);
      }
    });
  });
});
