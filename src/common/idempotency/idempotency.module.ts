import { Global, Module } from '@nestjs/common';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
import { IdempotencyService } from './idempotency.service.js';
import { IdempotencySweep } from './idempotency.sweep.js';

/** `@Idempotent()` routes in any module use the interceptor and the service: global. */
@Global()
@Module({
  providers: [IdempotencyService, IdempotencyInterceptor, IdempotencySweep],
  exports: [IdempotencyService, IdempotencyInterceptor, IdempotencySweep],
})
export class IdempotencyModule {}
