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
    return { statusCode: 503, code: ErrorCode.SERVICE_UNAVAILABLE, message: MESSAGE_BY_STATUS[503], details: [] };
  }
  return { statusCode: 500, code: ErrorCode.INTERNAL, message: '服务器内部错误', details: [] };
}

export function isDatabaseUnavailable(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string } };
  const code = err?.driverError?.code ?? err?.code ?? '';
  return [
    'ECONNREFUSED',
    'PROTOCOL_CONNECTION_LOST',
    'ETIMEDOUT',
    'ER_CON_COUNT_ERROR',
    'ECONNRESET',
    'EPIPE',
    'SQLITE_BUSY',
  ].includes(code);
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
    if (body.statusCode >= 500) {
      this.logger.error(
        { err: exception instanceof Error ? { name: exception.name, message: exception.message, stack: exception.stack } : String(exception), url: req?.url?.split('?')[0] },
        'request failed',
      );
    }
    if (exception instanceof QueryFailedError && body.statusCode === 500) {
      // Never leak SQL to the client.
      body.message = '服务器内部错误';
    }
    const wantsPage = this.renderPage && req && !req.url.startsWith('/api');
    if (wantsPage) {
      await this.renderPage!(req, reply, body);
      return;
    }
    if (body.statusCode === 429) reply.header('Retry-After', '60');
    await reply.status(body.statusCode).type('application/json; charset=utf-8').send(body);
  }
}
