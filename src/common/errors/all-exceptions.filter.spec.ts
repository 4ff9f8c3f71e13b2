import { type AddressInfo, createServer } from 'node:net';
import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { describe, expect, it } from '@jest/globals';
import mysql from 'mysql2/promise';
import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable, toErrorBody } from './all-exceptions.filter.js';
import { AppException } from './app.exception.js';

const fastifyError = (statusCode: number, code: string, message = 'x') => Object.assign(new Error(message), { statusCode, code });

describe('toErrorBody', () => {
  it('keeps an AppException as it is', () => {
    expect(toErrorBody(AppException.field('phone', 'matches', '请填写11位手机号码'))).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: '请填写11位手机号码',
      details: [{ field: 'phone', code: 'matches', message: '请填写11位手机号码' }],
    });
    expect(toErrorBody(AppException.illegalTransition('已备案', '通过备案'))).toMatchObject({ statusCode: 409, code: 'ILLEGAL_TRANSITION' });
    expect(toErrorBody(AppException.duplicate('重复', 'username'))).toMatchObject({ statusCode: 409, code: 'DUPLICATE', details: [{ field: 'username', code: 'duplicate' }] });
  });

  it('gives Nest’s own HttpExceptions a code by status and a Chinese message', () => {
    expect(toErrorBody(new NotFoundException('Cannot GET /api/x'))).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: '页面或记录不存在', details: [] });
    expect(toErrorBody(new BadRequestException())).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', message: '请求有误' });
    expect(toErrorBody(new HttpException('teapot', 418))).toMatchObject({ statusCode: 418, code: 'VALIDATION_FAILED' });
  });

  it('maps Fastify errors, bare or wrapped by Nest’s adapter (the cause)', () => {
    const bad = fastifyError(400, 'FST_ERR_CTP_INVALID_JSON_BODY', "Body is not valid JSON but content-type is set to 'application/json'");
    const expected = { statusCode: 400, code: 'VALIDATION_FAILED', message: '请求体不是有效的 JSON', details: [{ field: 'body', code: 'invalid_json', message: '请求体不是有效的 JSON' }] };
    expect(toErrorBody(bad)).toEqual(expected);
    expect(toErrorBody(new HttpException(bad.message, 400, { cause: bad }))).toEqual(expected);
    const big = fastifyError(413, 'FST_ERR_CTP_BODY_TOO_LARGE', 'Request body is too large');
    expect(toErrorBody(new HttpException(big.message, 413, { cause: big }))).toEqual({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: '提交的内容过大', details: [] });
    expect(toErrorBody(fastifyError(415, 'FST_ERR_CTP_INVALID_MEDIA_TYPE'))).toMatchObject({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('answers a failed CSRF check with 403 CSRF_FAILED', () => {
    const csrf = fastifyError(403, 'FST_CSRF_INVALID_TOKEN', 'Invalid csrf token');
    expect(toErrorBody(new HttpException(csrf.message, 403, { cause: csrf }))).toMatchObject({ statusCode: 403, code: 'CSRF_FAILED' });
    expect(toErrorBody(fastifyError(403, 'FST_CSRF_MISSING_SECRET'))).toMatchObject({ statusCode: 403, code: 'CSRF_FAILED' });
  });

  it('hides internals: anything else is a 500 INTERNAL with a fixed message', () => {
    const body = toErrorBody(new QueryFailedError('INSERT INTO secret_table', [], new Error('ER_NO_SUCH_TABLE')));
    expect(body).toEqual({ statusCode: 500, code: 'INTERNAL', message: '服务器内部错误', details: [] });
    expect(toErrorBody(new TypeError('x is undefined'))).toMatchObject({ statusCode: 500, code: 'INTERNAL' });
    expect(toErrorBody('a string')).toMatchObject({ statusCode: 500 });
    expect(toErrorBody(null)).toMatchObject({ statusCode: 500 });
    // A server-side Fastify error is not the client's fault.
    expect(toErrorBody(fastifyError(500, 'FST_ERR_HANDLER_TIMEOUT'))).toMatchObject({ statusCode: 500, code: 'INTERNAL' });
  });

  it('answers 503 DATABASE_UNAVAILABLE with a Chinese message when the database is unreachable', () => {
    const down = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(toErrorBody(down)).toEqual({ statusCode: 503, code: 'DATABASE_UNAVAILABLE', message: '数据库暂时无法访问，请稍后重试', details: [] });
    // As TypeORM wraps them (driverError), as mysql2 raises them, and as a cause.
    const lost = new QueryFailedError('SELECT 1', [], Object.assign(new Error('Connection lost: The server closed the connection.'), { code: 'PROTOCOL_CONNECTION_LOST', fatal: true }));
    expect(toErrorBody(lost)).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE' });
    for (const code of ['PROTOCOL_CONNECTION_LOST', 'ER_SERVER_SHUTDOWN', 'ER_CONNECTION_KILLED', 'ECONNRESET', 'ETIMEDOUT', 'ER_CON_COUNT_ERROR', 'SQLITE_BUSY']) {
      expect(isDatabaseUnavailable({ driverError: { code } })).toBe(true);
    }
    expect(isDatabaseUnavailable(Object.assign(new Error("Can't add new command when connection is in closed state"), { fatal: true }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Queue limit reached.'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('outer', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) }))).toBe(true);
    // Errors of the request or the data are not outages.
    expect(isDatabaseUnavailable({ code: 'ER_DUP_ENTRY' })).toBe(false);
    expect(isDatabaseUnavailable(new QueryFailedError('INSERT', [], Object.assign(new Error('dup'), { code: 'ER_DUP_ENTRY', errno: 1062 })))).toBe(false);
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT', [], Object.assign(new Error('x'), { code: 'ER_NO_SUCH_TABLE' })))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });

  it('maps the error a real mysql2 connection to a closed port raises', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r()));
    const err = await mysql.createConnection({ host: '127.0.0.1', port, user: 'nobody', connectTimeout: 2000 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).not.toBeNull();
    expect(toErrorBody(err)).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE' });
  });
});
