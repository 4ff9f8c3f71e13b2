import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { AppException } from '../errors/app.exception.js';
import { type AuthUser, IS_PUBLIC, ROLES_KEY } from './decorators.js';
import type { Role } from './roles.js';

/**
 * The one global guard: default deny. A route is public only when it says @Public(); otherwise it
 * needs a valid token and, where it names @Roles, one of them (else 403). Public routes still
 * recognise a signed-in user, so the portal can greet them.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()]);
    const req = ctx.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    if (isPublic) {
      try {
        await super.canActivate(ctx);
      } catch {
        req.user = undefined;
      }
      return true;
    }
    await super.canActivate(ctx);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [ctx.getHandler(), ctx.getClass()]);
    if (roles && roles.length > 0 && !roles.includes(req.user!.role)) throw AppException.forbidden();
    return true;
  }

  override handleRequest<TUser = AuthUser>(err: unknown, user: TUser | false): TUser {
    if (err || !user) throw AppException.unauthenticated('登录已失效或未登录，请重新登录');
    return user;
  }
}
