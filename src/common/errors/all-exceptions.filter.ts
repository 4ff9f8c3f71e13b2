import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { ErrorCode, type ErrorDetail } from './error-code.js';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details: ErrorDetail[];
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.VALIDATION_FAILED,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  409: ErrorCode.CONFLICT,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  415: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  423: ErrorCode.ACCOUNT_LOCKED,
  429: ErrorCode.RATE_LIMITED,
  503: ErrorCode.SERVICE_UNAVAILABLE,
};

const MESSAGE_BY_STATUS: Record<number, string> = {
  400: '请求有误',
  401: '请先登录',
  403: '无权执行此操作',
  404: '页面或记录不存在',
  409: '与当前状态冲突',
  413: '提交的内容过大',
  415: '不支持的内容类型',
  429: '请求过于频繁，请稍后再试',
  503: '服务暂时不可用',
};

type FastifyLikeError = { statusCode?: number; code?: string; message?: string };

function isClientFastifyError(e: unknown): e is FastifyLikeError & { statusCode: number } {
  const err = e as FastifyLikeError | null | undefined;
  return typeof err?.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500 && typeof err.code === 'string';
}

/** Fastify's own errors (bad JSON, body too large, wrong content type, CSRF) in the body of api.md. */
function fromFastifyError(err: FastifyLikeError & { statusCode: number }): ErrorBody {
  if (err.code?.startsWith('FST_CSRF')) {
    return { statusCode: 403, code: ErrorCode.CSRF_FAILED, message: '表单已过期，请返回刷新后重新提交', details: [] };
  }
  const status = err.statusCode;
  const isJson = err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || /JSON/i.test(err.message ?? '');
  return {
    statusCode: status,
    code: CODE_BY_STATUS[status] ?? ErrorCode.VALIDATION_FAILED,
    message: isJson ? '请求体不是有效的 JSON' : MESSAGE_BY_STATUS[status] ?? '请求有误',
    details: isJson ? [{ field: 'body', code: 'invalid_json', message: '请求体不是有效的 JSON' }] : [],
  };
}

/** Maps anything thrown to the error body of api.md. */
export function toErrorBody(exception: unknown): ErrorBody {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    if (typeof response === 'object' && response !== null && 'code' in response) {
      const r = response as Partial<ErrorBody>;
      return {
        statusCode: status,
        code: String(r.code),
        message: String(r.message ?? MESSAGE_BY_STATUS[status] ?? ''),
        details: r.details ?? [],
      };
    }
    // Nest's Fastify adapter wraps Fastify's own errors in an HttpException; the original is the cause.
    if (isClientFastifyError(exception.cause)) return fromFastifyError(exception.cause);
    return {
      statusCode: status,
      code: CODE_BY_STATUS[status] ?? (status >= 500 ? ErrorCode.INTERNAL : ErrorCode.VALIDATION_FAILED),
      message: MESSAGE_BY_STATUS[status] ?? exception.message,
      details: [],
    };
  }
  if (isClientFastifyError(exception)) return fromFastifyError(exception);
  if (isDatabaseUnavailable(exception)) {
    return { statusCode: 503, code: ErrorCode.DATABASE_UNAVAILABLE, message: DATABASE_UNAVAILABLE_MESSAGE, details: [] };
  }
  return { statusCode: 500, code: ErrorCode.INTERNAL, message: '服务器内部错误', details: [] };
}

export const DATABASE_UNAVAILABLE_MESSAGE = '数据库暂时无法访问，请稍后重试';
/** Seconds a client should wait before trying again after a 503 (the database usually returns within seconds). */
export const RETRY_AFTER_SECONDS = 5;

/**
 * Errors that mean "the database is not there right now", not "this request is wrong": connection
 * refused or lost, the server shutting down or killing the connection, a network failure, too many
 * connections, the pool's wait queue full, SQLite's writer lock held too long. mysql2 marks every
 * error that ends a connection `fatal`; TypeORM keeps the driver's error as `driverError`.
 */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'PROTOCOL_ENQUEUE_AFTER_QUIT',
  'ER_CON_COUNT_ERROR',
  'ER_TOO_MANY_USER_CONNECTIONS',
  'ER_SERVER_SHUTDOWN',
  'ER_CONNECTION_KILLED',
  'ER_QUERY_INTERRUPTED',
  'ER_SERVER_GONE_ERROR',
  'ER_SERVER_LOST',
  'SQLITE_BUSY',
]);

export function isDatabaseUnavailable(e: unknown): boolean {
  for (let err = e as DbError | undefined, depth = 0; err && typeof err === 'object' && depth < 4; depth++) {
    const driver = err.driverError;
    if (driver && typeof driver === 'object' && isUnavailableError(driver)) return true;
    if (isUnavailableError(err)) return true;
    err = (err.cause as DbError | undefined) ?? undefined;
  }
  return false;
}

type DbError = { code?: unknown; fatal?: unknown; message?: unknown; driverError?: DbError; cause?: unknown };

function isUnavailableError(err: DbError): boolean {
  if (typeof err.code === 'string' && UNAVAILABLE_CODES.has(err.code)) return true;
  // mysql2: "Can't add new command when connection is in closed state" and the like carry no code.
  if (err.fatal === true) return true;
  return typeof err.message === 'string' && /^(Queue limit reached\.|Pool is closed\.|Connection lost: The server closed the connection\.)$/.test(err.message);
}

/** The page layer renders errors as HTML; it registers a renderer here. */
export type ErrorPageRenderer = (req: FastifyRequest, reply: FastifyReply, body: ErrorBody) => Promise<void> | void;

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');
  constructor(private readonly renderPage?: ErrorPageRenderer) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const req = ctx.getRequest<FastifyRequest>();
    const body = toErrorBody(exception);
    if (body.code === ErrorCode.DATABASE_UNAVAILABLE) {
      // One line, no stack: during an outage every request lands here.
      const err = exception as DbError;
      this.logger.warn({ code: err?.driverError?.code ?? err?.code, url: req?.url?.split('?')[0] }, 'database unavailable');
    } else if (body.statusCode >= 500) {
      this.logger.error(
        { err: exception instanceof Error ? { name: exception.name, message: exception.message, stack: exception.stack } : String(exception), url: req?.url?.split('?')[0] },
        'request failed',
      );
    }
    if (exception instanceof QueryFailedError && body.statusCode === 500) {
      // Never leak SQL to the client.
      body.message = '服务器内部错误';
    }
    if (body.statusCode === 503) reply.header('Retry-After', String(RETRY_AFTER_SECONDS));
    const wantsPage = this.renderPage && req && !req.url.startsWith('/api');
    if (wantsPage) {
      await this.renderPage!(req, reply, body);
      return;
    }
    if (body.statusCode === 429) reply.header('Retry-After', '60');
    await reply.status(body.statusCode).type('application/json; charset=utf-8').send(body);
  }
}
