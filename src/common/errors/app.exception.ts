import { HttpException, HttpStatus } from '@nestjs/common';
import { ErrorCode, type ErrorDetail } from './error-code.js';

/** The one exception type services throw; the global filter turns it into the error body of api.md. */
export class AppException extends HttpException {
  constructor(
    status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super({ statusCode: status, code, message, details }, status);
  }

  static validation(details: ErrorDetail[], message = '提交的内容有误'): AppException {
    return new AppException(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_FAILED, message, details);
  }

  static field(field: string, code: string, message: string): AppException {
    return AppException.validation([{ field, code, message }], message);
  }

  static notFound(what = '记录'): AppException {
    return new AppException(HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, `${what}不存在`);
  }

  static forbidden(message = '无权执行此操作'): AppException {
    return new AppException(HttpStatus.FORBIDDEN, ErrorCode.FORBIDDEN, message);
  }

  static unauthenticated(message = '请先登录'): AppException {
    return new AppException(HttpStatus.UNAUTHORIZED, ErrorCode.UNAUTHENTICATED, message);
  }

  static duplicate(message: string, field?: string): AppException {
    return new AppException(
      HttpStatus.CONFLICT,
      ErrorCode.DUPLICATE,
      message,
      field ? [{ field, code: 'duplicate', message }] : [],
    );
  }

  static illegalTransition(from: string, action: string): AppException {
    return new AppException(
      HttpStatus.CONFLICT,
      ErrorCode.ILLEGAL_TRANSITION,
      `当前状态（${from}）不允许执行“${action}”`,
    );
  }

  static conflict(message: string): AppException {
    return new AppException(HttpStatus.CONFLICT, ErrorCode.CONFLICT, message);
  }
}
