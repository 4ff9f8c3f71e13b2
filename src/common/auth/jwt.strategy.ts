import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import type { AuthUser } from './decorators.js';
import { SESSION_COOKIE, type TokenClaims, TokenService } from './token.service.js';

/**
 * The portal's cookie counts for pages, and for API reads (downloads linked from pages). A state
 * change through the API needs the bearer header, so a forged cross-site form can never ride the
 * cookie (page forms carry a CSRF token besides).
 */
function fromSessionCookie(req: FastifyRequest): string | null {
  const isApi = req.url.startsWith('/api');
  if (isApi && req.method !== 'GET' && req.method !== 'HEAD') return null;
  const cookies = (req as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies;
  return cookies?.[SESSION_COOKIE] ?? null;
}

/** passport-jwt: a bearer token from the API client, or the portal's httpOnly cookie. HS256 only. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly tokens: TokenService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromExtractors([
        ExtractJwt.fromAuthHeaderAsBearerToken(),
        fromSessionCookie as (req: unknown) => string | null,
      ]),
      secretOrKey: config.jwtSecret,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  validate(claims: TokenClaims): Promise<AuthUser | false> {
    return this.tokens.userFor(claims);
  }
}
