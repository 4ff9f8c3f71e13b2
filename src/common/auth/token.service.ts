import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { User } from '../../modules/users/user.entity.js';
import type { AuthUser } from './decorators.js';
import type { Role } from './roles.js';

export const SESSION_COOKIE = 'yh_session';

export interface TokenClaims {
  sub: string;
  role: Role;
  /** The user's tokenVersion when signed: a password change or disabling bumps it. */
  tv: number;
}

/** Signs access tokens, and turns checked claims back into the user (reloaded every request). */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  get ttlSeconds(): number {
    return this.config.tokenTtlSeconds;
  }

  sign(user: Pick<User, 'id' | 'role' | 'tokenVersion'>): string {
    const claims: TokenClaims = { sub: user.id, role: user.role, tv: user.tokenVersion };
    return this.jwt.sign(claims, { algorithm: 'HS256', expiresIn: this.config.tokenTtlSeconds });
  }

  /** A disabled user, a changed password (tokenVersion) or a changed role ends every earlier token. */
  async userFor(claims: TokenClaims): Promise<AuthUser | false> {
    if (typeof claims?.sub !== 'string') return false;
    const user = await this.dataSource.getRepository(User).findOne({ where: { id: claims.sub } });
    if (!user || user.status !== 'active' || user.tokenVersion !== claims.tv || user.role !== claims.role) return false;
    return {
      id: user.id,
      username: user.username,
      role: user.role,
      displayName: user.displayName,
      organization: user.organization,
    };
  }
}
