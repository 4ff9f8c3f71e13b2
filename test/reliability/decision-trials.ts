/**
 * Concurrent identical decisions over real HTTP: for each trial a fresh pending item is prepared
 * through the API, then N identical decision requests are fired at once (fetch + Promise.all against
 * a listening server, so they really overlap), and the database is checked afterwards: one success,
 * the rest a clean 409, one decision, one audit entry, gap-free numbers, a valid audit chain.
 *
 * Shared by the script (`npm run reliability:decisions`) and the e2e test; no Jest in here.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { makeCreditCode } from '../factories/identifiers.js';

export const KINDS = ['filing review', 'measure approval', 'blacklist listing'] as const;
export type DecisionKind = (typeof KINDS)[number];

export interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

/** One JSON request over real HTTP. */
export async function call(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    body = { raw: text };
  }
  return { status: res.status, body, headers: res.headers };
}

async function ok(a: Promise<Answer>, expected: number, what: string): Promise<Record<string, unknown>> {
  const r = await a;
  if (r.status !== expected) throw new Error(`${what}: expected ${expected}, got ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

type Person = { id: string; token: string };

/** What must be zero: counted per trial, added up per kind. */
export interface Faults {
  serverErrors: number;
  /** Answers that were neither 2xx nor 409 (or 409s without an error code). */
  unclean: number;
  duplicateDecisions: number;
  duplicateNumbers: number;
  duplicateAuditEntries: number;
  numberGaps: number;
}

/** The result of one trial: what the N requests answered and what the database holds after. */
export interface TrialResult extends Faults {
  kind: DecisionKind;
  requests: number;
  successes: number;
  chainValid: boolean;
  /** Distinct unexpected answers, for the report. */
  oddities: string[];
}

/** Numbers of the form PREFIX-YEAR-000123 are 1..n without gaps or repeats, n = the counter. */
function sequenceFaults(numbers: string[], counter: number): { duplicates: number; gaps: number } {
  const serials = numbers.map((n) => Number(/(\d+)$/.exec(n)?.[1] ?? NaN));
  const distinct = new Set(serials);
  let gaps = 0;
  for (let i = 1; i <= counter; i++) if (!distinct.has(i)) gaps += 1;
  for (const s of distinct) if (!(s >= 1 && s <= counter)) gaps += 1;
  return { duplicates: serials.length - distinct.size, gaps };
}

export class DecisionLab {
  private constructor(
    readonly base: string,
    private readonly ds: DataSource,
    private readonly people: { operator: Person; officer: Person; officer2: Person; approver: Person; auditor: Person },
  ) {}

  /** Creates the office's people through the sysadmin. */
  static async open(base: string, ds: DataSource, admin: { username: string; password: string }): Promise<DecisionLab> {
    const login = async (username: string, password: string) =>
      (await ok(call(base, 'POST', '/api/auth/login', { body: { username, password } }), 200, `login ${username}`)).accessToken as string;
    const adminToken = await login(admin.username, admin.password);
    const password = 'Str0ng-Passw0rd!';
    const make = async (role: string): Promise<Person> => {
      const username = `${role}_${randomUUID().slice(0, 8)}`;
      const u = await ok(
        call(base, 'POST', '/api/users', { token: adminToken, body: { username, password, role, displayName: `并发${role}` } }),
        201,
        `create ${role}`,
      );
      return { id: u.id as string, token: await login(username, password) };
    };
    return new DecisionLab(base, ds, {
      operator: await make('operator'),
      officer: await make('officer'),
      officer2: await make('officer'),
      approver: await make('approver'),
      auditor: await make('auditor'),
    });
  }

  private post(path: string, who: Person, body: unknown = {}) {
    return call(this.base, 'POST', path, { token: who.token, body });
  }

  private n = 0;

  /** A pending account of the operator (a new subject each time). */
  private async pendingAccount(): Promise<string> {
    const { operator } = this.people;
    this.n += 1;
    const tag = `${Date.now().toString(36)}${this.n}`;
    const subject = await ok(
      this.post('/api/subjects', operator, {
        kind: 'organization',
        name: `杭州余杭并发测试传媒有限公司${tag}`,
        creditCode: makeCreditCode(),
        regionCode: '330110',
        registeredAddress: '浙江省杭州市余杭区文一西路969号',
        operatingAddress: '浙江省杭州市余杭区五常街道',
        businessScope: '文化艺术交流活动策划',
        contactName: '王经理',
        contactPhone: '13812345678',
      }),
      201,
      'subject',
    );
    const account = await ok(
      this.post('/api/accounts', operator, {
        subjectId: subject.id,
        platform: 'wechat',
        platformAccountId: `gh_conc_${tag}`,
        name: `并发测试号${tag}`,
        url: 'https://mp.weixin.qq.com/s/example',
        category: 'lifestyle',
        followers: 1200,
      }),
      201,
      'account',
    );
    return account.id as string;
  }

  /** A filed account whose holder refused an interview: rule R2 holds, a restriction may be proposed. */
  private async refusedAccount(): Promise<string> {
    const { officer, officer2 } = this.people;
    const id = await this.pendingAccount();
    await ok(this.post(`/api/accounts/${id}/review`, officer, { decision: 'approve' }), 200, 'approve account');
    const at = new Date(Date.now() + 24 * 3600_000 + 8 * 3600_000).toISOString().slice(0, 19) + '+08:00';
    const interview = await ok(
      this.post('/api/interviews', officer, {
        accountId: id,
        triggers: ['T3', 'T1'],
        facts: '该账号多次转载未经证实的消息，经通知后仍未及时删除。',
        scheduledAt: at,
        location: '余杭区文一西路1500号区网信办302会议室',
        officerIds: [officer.id, officer2.id],
      }),
      201,
      'interview',
    );
    await ok(this.post(`/api/interviews/${interview.id}/refusal`, officer, { note: '被约谈人无正当理由未到场' }), 200, 'refusal');
    return id;
  }

  /** Prepares a fresh pending item of the kind; returns the decision request to fire. */
  async prepare(kind: DecisionKind): Promise<{ path: string; who: Person; body: unknown; entityId: string; accountId: string }> {
    const { officer, approver, operator } = this.people;
    if (kind === 'filing review') {
      const id = await this.pendingAccount();
      return { path: `/api/accounts/${id}/review`, who: officer, body: { decision: 'approve' }, entityId: id, accountId: id };
    }
    const accountId = await this.refusedAccount();
    if (kind === 'measure approval') {
      const m = await ok(this.post('/api/measures', officer, { accountId, kind: 'restrict', reason: '拒不接受约谈，问题内容仍在传播。' }), 201, 'propose measure');
      return { path: `/api/measures/${m.id}/approve`, who: approver, body: {}, entityId: m.id as string, accountId };
    }
    const l = await ok(this.post('/api/blacklist', officer, { accountId, rule: 'R2', basis: '《办法》§03.5：拒不整改。' }), 201, 'propose listing');
    await ok(this.post(`/api/blacklist/${l.id}/defence`, operator, { statement: '相关内容系转载，已全部删除。' }), 200, 'defence');
    return { path: `/api/blacklist/${l.id}/approve`, who: approver, body: {}, entityId: l.id as string, accountId };
  }

  /** Fires `concurrency` identical decisions at once and checks what the database holds afterwards. */
  /**
   * `opts.idempotencyKey`: every request carries the same `Idempotency-Key`; then a success is a 2xx
   * that was not replayed, and a replay must carry the decided answer's body.
   */
  async trial(kind: DecisionKind, concurrency: number, opts: { idempotencyKey?: boolean } = {}): Promise<TrialResult> {
    const p = await this.prepare(kind);
    const headers: Record<string, string> = opts.idempotencyKey ? { 'idempotency-key': `trial-${randomUUID()}` } : {};
    const answers = await Promise.all(Array.from({ length: concurrency }, () => call(this.base, 'POST', p.path, { token: p.who.token, body: p.body, headers })));
    const oddities = new Set<string>();
    const odd = (a: Answer, why = '') => oddities.add(`${a.status} ${String(a.body.code ?? '')} ${String(a.body.message ?? '')} ${why}`.trim());
    const replayed = (a: Answer) => a.headers.get('idempotent-replayed') === 'true';
    const decided = answers.filter((a) => a.status >= 200 && a.status < 300 && !replayed(a));
    let serverErrors = 0;
    let unclean = 0;
    for (const a of answers) {
      if (a.status >= 500) serverErrors += 1;
      if (a.status >= 300 && !(a.status === 409 && typeof a.body.code === 'string')) {
        unclean += 1;
        odd(a);
      }
      if (replayed(a) && (!opts.idempotencyKey || JSON.stringify(a.body) !== JSON.stringify(decided[0]?.body))) {
        unclean += 1;
        odd(a, 'replay differs from the decision');
      }
    }
    const successes = decided.length;
    const facts = await this.facts(kind, p.entityId, p.accountId);
    const verify = await call(this.base, 'GET', '/api/audit/verify', { token: this.people.auditor.token });
    return {
      kind,
      requests: concurrency,
      successes,
      serverErrors,
      unclean,
      ...facts,
      chainValid: verify.status === 200 && verify.body.valid === true,
      oddities: [...oddities],
    };
  }

  private async count(sql: string, params: unknown[]): Promise<number> {
    const rows = (await this.ds.query(sql, params)) as { n: number | string }[];
    return Number(rows[0]?.n ?? 0);
  }

  private async counter(name: string): Promise<number> {
    const rows = (await this.ds.query('SELECT value FROM sequence_counter WHERE name = ?', [name])) as { value: number | string }[];
    return Number(rows[0]?.value ?? 0);
  }

  private async column(sql: string): Promise<string[]> {
    return ((await this.ds.query(sql)) as { v: string }[]).map((r) => r.v);
  }

  private auditCount(entityType: string, entityId: string, action: string): Promise<number> {
    return this.count('SELECT COUNT(*) AS n FROM audit_entry WHERE entityType = ? AND entityId = ? AND action = ?', [entityType, entityId, action]);
  }

  /** What the database says about the decision: duplicates of the decision, its numbers and its audit entry. */
  private async facts(kind: DecisionKind, entityId: string, accountId: string) {
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    if (kind === 'filing review') {
      const audits = await this.auditCount('account', entityId, 'account.approve');
      const numbers = await this.column('SELECT filingNo AS v FROM media_account WHERE filingNo IS NOT NULL');
      const seq = sequenceFaults(numbers, await this.counter(`filing:${year}`));
      const own = await this.count('SELECT COUNT(*) AS n FROM media_account WHERE id = ? AND filingNo IS NOT NULL', [entityId]);
      return {
        duplicateDecisions: Math.max(0, audits - 1),
        duplicateNumbers: seq.duplicates,
        duplicateAuditEntries: Math.max(0, audits - 1),
        numberGaps: seq.gaps + (own === 1 ? 0 : 1),
      };
    }
    if (kind === 'measure approval') {
      const audits = await this.auditCount('measure', entityId, 'measure.approve');
      // The decision moves the account once: a second approval would restrict it twice.
      const moves = await this.auditCount('account', accountId, 'account.restrict');
      const letters = await this.count('SELECT COUNT(*) AS n FROM measure_letter WHERE measureId = ?', [entityId]);
      const requests = sequenceFaults(
        await this.column("SELECT number AS v FROM measure_letter WHERE letter = 'upper-request'"),
        await this.counter(`measure-request:${year}`),
      );
      const referrals = sequenceFaults(
        await this.column("SELECT number AS v FROM measure_letter WHERE letter <> 'upper-request'"),
        await this.counter(`measure-referral:${year}`),
      );
      return {
        duplicateDecisions: Math.max(0, moves - 1) + Math.max(0, letters - 4),
        duplicateNumbers: requests.duplicates + referrals.duplicates,
        duplicateAuditEntries: Math.max(0, audits - 1),
        numberGaps: requests.gaps + referrals.gaps + (letters === 4 ? 0 : 1),
      };
    }
    const audits = await this.auditCount('blacklist', entityId, 'blacklist.approve');
    const listed = await this.count("SELECT COUNT(*) AS n FROM blacklist_listing WHERE accountId = ? AND status = 'listed'", [accountId]);
    const decisions = sequenceFaults(
      await this.column('SELECT decisionNo AS v FROM blacklist_listing WHERE decisionNo IS NOT NULL'),
      await this.counter(`blacklist-decision:${year}`),
    );
    return {
      duplicateDecisions: Math.max(0, listed - 1),
      duplicateNumbers: decisions.duplicates,
      duplicateAuditEntries: Math.max(0, audits - 1),
      numberGaps: decisions.gaps + (listed === 1 ? 0 : 1),
    };
  }
}

/** Per kind: the figures of a run of trials. */
export interface KindSummary extends Faults {
  /** The kind, and how the requests were made. */
  kind: string;
  trials: number;
  requests: number;
  exactlyOne: number;
  minSuccesses: number;
  maxSuccesses: number;
  chainBroken: number;
  oddities: string[];
}

export function summarise(kind: string, results: TrialResult[]): KindSummary {
  const sum = (f: (r: TrialResult) => number) => results.reduce((s, r) => s + f(r), 0);
  return {
    kind,
    trials: results.length,
    requests: sum((r) => r.requests),
    exactlyOne: results.filter((r) => r.successes === 1).length,
    minSuccesses: Math.min(...results.map((r) => r.successes)),
    maxSuccesses: Math.max(...results.map((r) => r.successes)),
    serverErrors: sum((r) => r.serverErrors),
    unclean: sum((r) => r.unclean),
    duplicateDecisions: sum((r) => r.duplicateDecisions),
    duplicateNumbers: sum((r) => r.duplicateNumbers),
    duplicateAuditEntries: sum((r) => r.duplicateAuditEntries),
    numberGaps: sum((r) => r.numberGaps),
    chainBroken: results.filter((r) => !r.chainValid).length,
    oddities: [...new Set(results.flatMap((r) => r.oddities))],
  };
}
