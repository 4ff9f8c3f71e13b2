import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import type { AuthUser } from './decorators.js';
import { jwtKey } from './jwt-key.js';
import { SESSION_COOKIE, type TokenClaims, TokenService } from './token.service.js';

/** `Authorization: Bearer <token>` (case-insensitive scheme, one token, nothing else). */
function fromBearerHeader(req: FastifyRequest): string | null {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return null;
  const m = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header);
  return m ? m[1] : null;
}

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

/**
 * Turns a request into the signed-in user: a bearer token from the API client, or the portal's
 * httpOnly cookie; HS256 only, expiry enforced, and the user reloaded (disabled users, a new
 * password or role end the token). Deliberately not a passport strategy: passport keeps strategies
 * in one process-wide registry, so a second application in the same process (tests that restart
 * the app on the same database) would take over the first one's look-ups.
 */
@Injectable()
export class TokenAuthenticator {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly tokens: TokenService,
  ) {}

  tokenOf(req: FastifyRequest): string | null {
    return fromBearerHeader(req) ?? fromSessionCookie(req);
  }

  /** The user, or null when there is no token; throws nothing. `false` when a token is present but not good. */
  async authenticate(req: FastifyRequest): Promise<AuthUser | null | false> {
    const token = this.tokenOf(req);
    if (!token) return null;
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims & object>(token, { secret: jwtKey(this.config.jwtSecret) as never, algorithms: ['HS256'] });
    } catch {
      return false;
    }
    return this.tokens.userFor(claims);
  }
}
