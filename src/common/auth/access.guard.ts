import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import type { FastifyRequest } from 'fastify';
import { AppException } from '../errors/app.exception.js';
import { type AuthUser, IS_PUBLIC, ROLES_KEY } from './decorators.js';
import { TokenAuthenticator } from './token-authenticator.js';
import type { Role } from './roles.js';
import { TokenService } from './token.service.js';

/**
 * The one global guard: default deny. A route is public only when it says @Public(); otherwise it
 * needs a valid token and, where it names @Roles, one of them (else 403). Public routes still
 * recognise a signed-in user, so the portal can greet them.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly strategy: TokenAuthenticator;

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
    jwt: JwtService,
    tokens: TokenService,
  ) {
    this.strategy = new TokenAuthenticator(config, jwt, tokens);
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()]);
    const req = ctx.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    let user: AuthUser | null | false;
    try {
      user = await this.strategy.authenticate(req);
    } catch (e) {
      // The database did not answer: not the caller's fault, and not a reason to let them in.
      if (isPublic) user = null;
      else throw e;
    }
    req.user = user || undefined;
    if (isPublic) return true;
    if (!user) throw AppException.unauthenticated('登录已失效或未登录，请重新登录');
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [ctx.getHandler(), ctx.getClass()]);
    if (roles && roles.length > 0 && !roles.includes(user.role)) throw AppException.forbidden();
    return true;
  }
}
