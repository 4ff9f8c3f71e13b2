import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { makeIdNumber } from '../factories/identifiers.js';
import { organizationBody } from '../factories/registry.js';
import { bearer, bootTestApp, PASSWORD, type TestApp } from '../helpers/test-app.js';
import { ACCESS_MATRIX } from './access-matrix.js';
import { printFigure } from '../helpers/figure.js';

/** Random cases per endpoint (besides the fixed boundary cases): FUZZ_RUNS, 15 by default. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 15);

type Schema = { $ref?: string; type?: string; properties?: Record<string, Schema>; items?: Schema; enum?: unknown[]; allOf?: Schema[] };
type Operation = { parameters?: { name: string; in: string }[]; requestBody?: { content?: Record<string, { schema?: Schema }> } };

/** Strings that have broken parsers, databases and templates before. */
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\u202eRTL\u202c',
  '\u200f\u200e',
  '😀👨‍👩‍👧‍👦',
  '１２３４５６７８９０',
  '３３０１１０１９９０１０１００１Ｘ',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '${7*7}{{7*7}}',
  '../../etc/passwd',
  '%00%ff',
  'NaN',
  '-1',
  '1e309',
  '9'.repeat(400),
  '2026-02-30',
  '0000-00-00',
  'true',
  '__proto__',
];

/** encodeURIComponent, but a lone surrogate goes out as the invalid UTF-8 bytes of one (ED A0 80). */
const enc = (s: string) => Array.from(s, (ch) => (/^[\ud800-\udfff]$/.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch))).join('');

const deep = (n: number): unknown => {
  let v: unknown = 'x';
  for (let i = 0; i < n; i += 1) v = i % 2 ? [v] : { a: v };
  return v;
};

const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 2 ** 31, 2 ** 53 + 1, Number.MAX_VALUE, -0, Number.MIN_VALUE, 1e-7),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string(), fc.integer()), { maxKeys: 4 }),
  fc.constantFrom(deep(20), deep(200), { __proto__: { admin: true } }, { constructor: { prototype: { x: 1 } } }),
);

interface Endpoint {
  method: string;
  /** OpenAPI path, `{param}` placeholders. */
  path: string;
  key: string;
  bodyFields: string[] | null;
  queryFields: string[];
  role: string;
}

describe('fuzzing every JSON endpoint from the OpenAPI document', () => {
  let t: TestApp;
  let endpoints: Endpoint[] = [];
  const tokens = new Map<string, string>();
  const figures: string[] = [];
  let totalCases = 0;

  beforeAll(async () => {
    t = await bootTestApp();
    const doc = (await t.http.get('/api/docs/openapi.json')).body as { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };
    const schemas = doc.components?.schemas ?? {};
    const fieldsOf = (s: Schema | undefined, seen = 0): string[] => {
      if (!s || seen > 5) return [];
      if (s.$ref) return fieldsOf(schemas[s.$ref.split('/').pop()!], seen + 1);
      if (s.allOf) return s.allOf.flatMap((x) => fieldsOf(x, seen + 1));
      return Object.keys(s.properties ?? {});
    };
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const json = op.requestBody?.content?.['application/json'];
        const queryFields = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
        const bodyFields = json ? fieldsOf(json.schema) : method === 'get' ? null : [];
        if (bodyFields === null && queryFields.length === 0) continue;
        const key = `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`;
        const allowed = ACCESS_MATRIX[key];
        if (!allowed) throw new Error(`${key} is in the OpenAPI document but not in the access matrix`);
        endpoints.push({ method, path, key, bodyFields, queryFields, role: allowed[0] });
      }
    }
    endpoints = endpoints.filter((e) => !/\.(csv|xlsx|docx)$/.test(e.path) || e.queryFields.length > 0);
    for (const role of new Set(endpoints.map((e) => e.role))) {
      if (role === 'anonymous') continue;
      tokens.set(role, role === 'sysadmin' ? await t.adminToken() : (await t.user(role)).token);
    }
  });
  afterAll(async () => {
    console.log(`fuzz (FUZZ_RUNS=${RUNS}):\n${figures.join('\n')}`);
    await t?.close();
  });

  /** Sends one case; returns a problem or null. */
  async function send(e: Endpoint, body: unknown, query: string, raw?: string): Promise<string | null> {
    const url = e.path.replace(/\{(\w+)\}/g, (_m, n: string) => (n === 'year' ? '2025' : randomUUID())) + (query ? `?${query}` : '');
    let req = t.http[e.method as 'get' | 'post' | 'patch'](url);
    const token = tokens.get(e.role);
    if (token) req = req.set(bearer(token));
    const payload = raw ?? (body === undefined ? undefined : JSON.stringify(body));
    const res = e.method === 'get' || payload === undefined ? await req : await req.set('Content-Type', 'application/json').send(payload);
    if (res.status >= 500) return `${res.status} ${JSON.stringify(res.body).slice(0, 300)} for ${(payload ?? "").slice(0, 60)} ?${query.slice(0, 200)}`;
    if (res.status >= 400) {
      const b = res.body as { statusCode?: unknown; code?: unknown; message?: unknown; details?: unknown };
      const shaped = b.statusCode === res.status && typeof b.code === 'string' && typeof b.message === 'string' && (res.status !== 400 || Array.isArray(b.details));
      if (!shaped) return `${res.status} without {statusCode, code, message, details}: ${JSON.stringify(b).slice(0, 200)}`;
    }
    return null;
  }

  /** Valid bodies to mutate one field at a time, so the cases reach the services and the database. */
  const BASES: Record<string, () => Record<string, unknown>> = {
    'POST /api/subjects': () => organizationBody(),
    'POST /api/auth/register': () => ({ username: `fz${randomUUID().slice(0, 8)}`, password: PASSWORD, displayName: '模糊测试', phone: '13812345678' }),
    'POST /api/public/reports': () => ({ platform: 'douyin', platformAccountId: 'fuzz_1', accountName: '某号', category: 'C01', description: '模糊测试举报内容：散布谣言。' }),
    'POST /api/auth/login': () => ({ username: 'nobody', password: 'Wr0ng-Passw0rd!' }),
  };

  it('never answers 5xx, and every 4xx has the error shape', async () => {
    expect(endpoints.length).toBeGreaterThan(40);
    const all: string[] = [];
    for (const e of endpoints) {
      const problems: string[] = [];
      let cases = 0;
      const run = async (body: unknown, query = '', raw?: string) => {
        cases += 1;
        const p = await send(e, body, query, raw);
        if (p) problems.push(p);
      };
      const queryArb = fc.array(fc.tuple(fc.constantFrom(...(e.queryFields.length ? e.queryFields : ['x'])), nastyValue), { maxLength: 4 }).map((pairs) =>
        pairs.map(([k, v]) => `${enc(k)}=${enc(typeof v === 'string' ? v : JSON.stringify(v) ?? '')}`).join('&'),
      );
      if (e.bodyFields === null) {
        await fc.assert(fc.asyncProperty(queryArb, async (q) => (await run(undefined, q), true)), { numRuns: RUNS });
        for (const f of e.queryFields) for (const v of ['\ud800', '%', 'x'.repeat(5000), '-1', '1e309', '１'] as const) await run(undefined, `${f}=${v === '%' ? '%' : enc(v)}&${f}=2`);
      } else {
        const fields = e.bodyFields.length ? e.bodyFields : ['x'];
        const bodyArb = fc.oneof(
          fc.record(Object.fromEntries(fields.map((f) => [f, nastyValue])), { requiredKeys: [] }),
          fc.record({ ...Object.fromEntries(fields.map((f) => [f, nastyValue])), extra: nastyValue }),
          nastyValue,
        );
        await fc.assert(fc.asyncProperty(bodyArb, async (b) => (await run(b), true)), { numRuns: RUNS });
        // Boundary cases: huge strings just under and over the body limit, deep nesting, broken JSON.
        const limit = t.config.bodyLimit;
        await run({ [fields[0]]: 'x'.repeat(limit - 200) });
        await run({ [fields[0]]: '汉'.repeat(Math.floor(limit / 3)) });
        // Numbers whose text is in exponent form (6e-323 once reached a validator that split on '.').
        for (const f of fields) await run({ [f]: Number.MIN_VALUE });
        await run(undefined, '', `{${JSON.stringify(fields[0])}:${'[{"a":'.repeat(5000)}1${'}]'.repeat(5000)}}`);
        await run(undefined, '', '{"a":');
        await run(undefined, '', '"\\ud800"');
        await run(undefined, '', '{"__proto__":{"admin":true}}');
        const base = BASES[e.key];
        if (base) {
          await fc.assert(
            fc.asyncProperty(fc.constantFrom(...Object.keys(base())), fc.constantFrom(...NASTY_STRINGS), async (f, v) => (await run({ ...base(), [f]: v }), true)),
            { numRuns: RUNS * 2 },
          );
          for (const f of Object.keys(base())) for (const v of NASTY_STRINGS) await run({ ...base(), [f]: v });
          await run({ ...base(), idNumber: makeIdNumber(), kind: 'individual' });
        }
      }
      figures.push(`  ${e.key.padEnd(55)} cases ${String(cases).padStart(4)}  5xx/shape problems ${problems.length}`);
      totalCases += cases;
      all.push(...problems.map((p) => `${e.key}: ${p}`));
    }
    figures.push(`  ${endpoints.length} endpoints`);
    printFigure(`security: fuzz cases (FUZZ_RUNS=${RUNS})`, totalCases, `${endpoints.length} JSON endpoints`, totalCases > 0);
    printFigure('security: fuzz answers 5xx or not in the error shape', all.length, '0', all.length === 0);
    expect(all.slice(0, 30)).toEqual([]);
  }, 600_000);
});
