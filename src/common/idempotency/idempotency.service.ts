import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, LessThanOrEqual } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { UnitOfWork } from '../../database/unit-of-work.js';
import { isUniqueViolation } from '../../modules/registry/unique-violation.js';
import { AppException } from '../errors/app.exception.js';
import { ErrorCode } from '../errors/error-code.js';
import { IdempotencyRecord } from './idempotency-record.entity.js';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';
const MAX_KEY_LENGTH = 128;
/** An answer larger than this is not kept (MySQL `text`); the key is released instead. */
const MAX_STORED_BODY = 60_000;
/**
 * A request still `in_flight` after this long is taken to be lost (the process died between the
 * decision and storing its answer) and the key may be used again.
 */
const IN_FLIGHT_LEASE_MS = 5 * 60_000;

export type Begun = { kind: 'run'; id: string } | { kind: 'replay'; statusCode: number; body: unknown };

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** JSON with object keys sorted at every level: the same body in any key order hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return '';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * The key from the header: a client-chosen string of 1–128 printable ASCII characters, sent bare
 * or as a Structured Field string in double quotes (draft-ietf-httpapi-idempotency-key-header).
 * 400 with `details[0].field = "Idempotency-Key"` otherwise.
 */
export function parseIdempotencyKey(raw: string | string[]): string {
  const invalid = (code: string, message: string) => AppException.field(IDEMPOTENCY_HEADER, code, message);
  if (Array.isArray(raw)) throw invalid('multiple', '幂等键（Idempotency-Key）只能有一个');
  let key = raw.trim();
  if (key.length >= 2 && key.startsWith('"') && key.endsWith('"')) {
    const inner = key.slice(1, -1);
    if (/(^|[^\\])"/.test(inner) || /\\(?!["\\])/.test(inner)) throw invalid('invalid_format', '幂等键（Idempotency-Key）的引号或转义不正确');
    key = inner.replace(/\\(["\\])/g, '$1');
  }
  if (key.length === 0) throw invalid('empty', '幂等键（Idempotency-Key）不能为空');
  if (key.length > MAX_KEY_LENGTH) throw invalid('too_long', `幂等键（Idempotency-Key）最多${MAX_KEY_LENGTH}个字符`);
  if (!/^[\x20-\x7e]+$/.test(key)) throw invalid('invalid_characters', '幂等键（Idempotency-Key）只能包含可打印的 ASCII 字符');
  return key;
}

/** Who is asking, how and where: the same key from another caller or on another route is another key. */
export function idempotencyScope(caller: string, method: string, route: string): string {
  return sha256(`${caller}\n${method.toUpperCase()}\n${route}`);
}

/** What is asked: method, path and canonical body. */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return sha256(`${method.toUpperCase()}\n${path}\n${canonicalJson(body)}`);
}

/**
 * Idempotency records: begin (claim the key or find its earlier answer), complete (keep the
 * answer), release (a failed request does not hold the key), purge (expired records).
 */
@Injectable()
export class IdempotencyService {
  private readonly ttlMs: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.ttlMs = config.idempotencyTtlHours * 3600_000;
  }

  private get repo() {
    return this.dataSource.getRepository(IdempotencyRecord);
  }

  /**
   * Claims (scope, key) for this request, or answers from the earlier request with the same key:
   * its stored answer when the request is the same (fingerprint), 422 when it is not, 409 while the
   * earlier one is still running. The claim is a row insert: of two requests racing with the same
   * key, the unique index lets exactly one run.
   */
  async begin(scope: string, clientKey: string, fingerprint: string, now: Date = new Date()): Promise<Begun> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const found = await this.repo.findOne({ where: { scope, clientKey } });
      if (found) {
        const stale = found.state === 'in_flight' && found.updatedAt.getTime() + IN_FLIGHT_LEASE_MS <= now.getTime();
        if (found.expiresAt.getTime() <= now.getTime() || stale) {
          await this.uow.run((m) => m.delete(IdempotencyRecord, { id: found.id, state: found.state }));
          continue;
        }
        if (found.fingerprint !== fingerprint) {
          throw new AppException(
            HttpStatus.UNPROCESSABLE_ENTITY,
            ErrorCode.IDEMPOTENCY_KEY_REUSED,
            '该幂等键（Idempotency-Key）已用于内容不同的请求，请为新的请求使用新的幂等键',
            [{ field: IDEMPOTENCY_HEADER, code: 'reused', message: '幂等键已用于内容不同的请求' }],
          );
        }
        if (found.state === 'in_flight') {
          throw new AppException(
            HttpStatus.CONFLICT,
            ErrorCode.IDEMPOTENCY_KEY_IN_FLIGHT,
            '使用该幂等键（Idempotency-Key）的请求仍在处理中，请稍后重试',
            [{ field: IDEMPOTENCY_HEADER, code: 'in_flight', message: '使用该幂等键的请求仍在处理中' }],
          );
        }
        return { kind: 'replay', statusCode: found.statusCode ?? 200, body: found.responseBody === null ? null : JSON.parse(found.responseBody) };
      }
      try {
        const id = await this.uow.run(async (m) => {
          const row = m.create(IdempotencyRecord, {
            scope,
            clientKey,
            fingerprint,
            state: 'in_flight',
            statusCode: null,
            responseBody: null,
            expiresAt: new Date(now.getTime() + this.ttlMs),
          });
          await m.insert(IdempotencyRecord, row);
          return row.id;
        });
        return { kind: 'run', id };
      } catch (e) {
        // Another request with the same key claimed it first: look again.
        if (!isUniqueViolation(e)) throw e;
      }
    }
    throw AppException.conflict('使用该幂等键（Idempotency-Key）的请求仍在处理中，请稍后重试');
  }

  /** Keeps the answer of a successful request for replays. */
  async complete(id: string, statusCode: number, body: unknown): Promise<void> {
    const json = JSON.stringify(body ?? null);
    if (Buffer.byteLength(json) > MAX_STORED_BODY) {
      await this.release(id);
      return;
    }
    await this.uow.run((m) => m.update(IdempotencyRecord, { id }, { state: 'completed', statusCode, responseBody: json }));
  }

  /** A request that failed (4xx or 5xx) leaves nothing behind: the same key may be tried again. */
  async release(id: string): Promise<void> {
    await this.uow.run((m) => m.delete(IdempotencyRecord, { id }));
  }

  /**
   * The same protocol for a caller that is not an `@Idempotent()` route (the portal's report form):
   * runs `work` once per (scope, key); a repeat gets the stored value; a repeat that arrives while
   * the first still runs waits for it (up to `waitMs`) instead of failing, as a double-click should.
   * A key reused for another request is ignored (`work` runs unprotected); a failure releases the key.
   */
  async runOnce<T>(
    scope: string,
    clientKey: string,
    fingerprint: string,
    work: () => Promise<T>,
    opts: { statusCode: number; waitMs?: number },
  ): Promise<{ value: T; replayed: boolean }> {
    const deadline = Date.now() + (opts.waitMs ?? 10_000);
    for (;;) {
      let begun: Begun;
      try {
        begun = await this.begin(scope, clientKey, fingerprint);
      } catch (e) {
        const code = e instanceof AppException ? e.code : null;
        if (code === ErrorCode.IDEMPOTENCY_KEY_IN_FLIGHT && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 100));
          continue;
        }
        if (code === ErrorCode.IDEMPOTENCY_KEY_REUSED) return { value: await work(), replayed: false };
        throw e;
      }
      if (begun.kind === 'replay') return { value: begun.body as T, replayed: true };
      let value: T;
      try {
        value = await work();
      } catch (e) {
        await this.release(begun.id).catch(() => undefined);
        throw e;
      }
      await this.complete(begun.id, opts.statusCode, value).catch(() => this.release(begun.id).catch(() => undefined));
      return { value, replayed: false };
    }
  }

  /** Deletes the records whose time is over; returns how many. */
  async purgeExpired(now: Date = new Date()): Promise<number> {
    const result = await this.uow.run((m) => m.delete(IdempotencyRecord, { expiresAt: LessThanOrEqual(now) }));
    return result.affected ?? 0;
  }
}
