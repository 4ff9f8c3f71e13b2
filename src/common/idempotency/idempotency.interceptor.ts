import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { catchError, concatMap, from, type Observable, of, switchMap } from 'rxjs';
import type { AuthUser } from '../auth/decorators.js';
import {
  IdempotencyService,
  idempotencyScope,
  parseIdempotencyKey,
  REPLAYED_HEADER,
  requestFingerprint,
} from './idempotency.service.js';

/**
 * For routes marked `@Idempotent()`: a request with an `Idempotency-Key` header runs once; a replay
 * (same caller, route, key and request) gets the first answer again with `Idempotent-Replayed: true`.
 * Without the header nothing changes. Runs after the guard (the caller is known) and before
 * validation, so a request refused with 400 releases its key like any other failure.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly records: IdempotencyService) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    const reply = ctx.switchToHttp().getResponse<FastifyReply>();
    const raw = req.headers['idempotency-key'];
    if (raw === undefined) return next.handle();
    const key = parseIdempotencyKey(raw);
    const caller = req.user ? `user:${req.user.id}` : `ip:${req.ip ?? ''}`;
    const route = req.routeOptions?.url ?? req.url.split('?')[0];
    const scope = idempotencyScope(caller, req.method, route);
    const fingerprint = requestFingerprint(req.method, req.url.split('?')[0], req.body);
    return from(this.records.begin(scope, key, fingerprint)).pipe(
      switchMap((begun) => {
        if (begun.kind === 'replay') {
          reply.status(begun.statusCode);
          reply.header(REPLAYED_HEADER, 'true');
          return of(begun.body);
        }
        return next.handle().pipe(
          // A failed request releases its key; the release failing must not hide the failure.
          catchError(async (e: unknown) => {
            await this.records.release(begun.id).catch(() => undefined);
            throw e;
          }),
          // The decision is made: its answer goes out even if it cannot be kept (the key is then released).
          concatMap(async (body: unknown) => {
            await this.records.complete(begun.id, reply.statusCode, body).catch(() => this.records.release(begun.id).catch(() => undefined));
            return body;
          }),
        );
      }),
    );
  }
}
