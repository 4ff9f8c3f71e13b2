import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
import { IDEMPOTENCY_HEADER } from './idempotency.service.js';

/**
 * The route honours an `Idempotency-Key` request header (optional): replays of the same request with
 * the same key answer the first answer and create nothing (docs/decisions.md "Idempotency keys").
 */
export const Idempotent = () =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: IDEMPOTENCY_HEADER,
      required: false,
      description: '幂等键：客户端选定的 1–128 个可打印 ASCII 字符；同一请求重放时返回首次结果（响应头 Idempotent-Replayed: true），24 小时内有效',
      schema: { type: 'string', minLength: 1, maxLength: 128 },
    }),
  );
