import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor, publicActor } from '../../common/auth/roles.js';
import { TokenService } from '../../common/auth/token.service.js';
import { hashNeedsUpgrade, hashPassword, verifyPassword } from '../../common/crypto/password.js';
import { AppException } from '../../common/errors/app.exception.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { UnitOfWork } from '../../database/unit-of-work.js';
import { POLICY } from '../../policy/policy-table.js';
import { AuditService } from '../audit/audit.service.js';
import type { ChangePasswordDto, LoginDto, RegisterDto } from '../users/dto/user.dto.js';
import { LoginAttempt, User } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';

export interface LoginResult {
  accessToken: string;
  expiresIn: number;
  user: { id: string; username: string; role: string };
}

// A real argon2id hash of a random string: unknown users cost the same time as known ones.
let dummyHash: Promise<string> | null = null;

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly tokens: TokenService,
  ) {}

  /** Public sign-up makes operators only; every other role is made by the sysadmin. */
  async register(dto: RegisterDto, ip: string | null) {
    const user = await this.uow.run((m) =>
      this.users.createInTx(m, { ...publicActor(ip), username: dto.username }, { ...dto, role: 'operator' }, 'user.register'),
    );
    return { id: user.id, username: user.username, role: user.role };
  }

  /**
   * 5 failures in a row lock the name for 15 minutes (423 from the next attempt on), whether the name exists or not; the
   * count lives in the database, so it survives restarts and holds across app processes.
   */
  async login(dto: LoginDto, ip: string | null): Promise<LoginResult> {
    const username = dto.username.trim();
    const now = new Date();
    const attempts = this.dataSource.getRepository(LoginAttempt);
    const attempt = await attempts.findOne({ where: { username } });
    if (attempt?.lockedUntil && attempt.lockedUntil > now) {
      await this.audit.recordAlone({ ...publicActor(ip), username }, { action: 'auth.login_locked', entityType: 'user', entityId: null });
      throw this.locked(attempt.lockedUntil);
    }
    const user = await this.dataSource.getRepository(User).findOne({ where: { username } });
    dummyHash ??= hashPassword(`unused-${Math.random()}`);
    const ok = user ? await verifyPassword(user.passwordHash, dto.password) : (await verifyPassword(await dummyHash, dto.password), false);
    if (!ok || !user || user.status !== 'active') {
      const lockedUntil = await this.uow.run(async (m) => {
        const row = (await this.uow.findForUpdate(m, LoginAttempt, { where: { username } })) ??
          m.create(LoginAttempt, { username, failures: 0, lockedUntil: null, lastAttemptAt: now });
        // An expired lock starts a fresh count.
        if (row.lockedUntil && row.lockedUntil <= now) {
          row.failures = 0;
          row.lockedUntil = null;
        }
        row.failures += 1;
        row.lastAttemptAt = now;
        if (row.failures >= POLICY.loginMaxFailures.value) {
          row.lockedUntil = new Date(now.getTime() + POLICY.loginLockMinutes.value * 60_000);
        }
        await m.save(row);
        await this.audit.record(m, { ...publicActor(ip), username }, {
          action: 'auth.login_failed',
          entityType: 'user',
          entityId: user?.id ?? null,
          after: { failures: row.failures, locked: !!row.lockedUntil },
        });
        return row.lockedUntil;
      });
      // The failure that reaches the limit is still answered as a wrong password (saying so); every
      // attempt after it, right or wrong, gets 423 until the lock ends.
      if (lockedUntil) {
        throw new AppException(401, ErrorCode.INVALID_CREDENTIALS, `用户名或密码错误；连续失败${POLICY.loginMaxFailures.value}次，账户已锁定${POLICY.loginLockMinutes.value}分钟`);
      }
      throw new AppException(401, ErrorCode.INVALID_CREDENTIALS, '用户名或密码错误');
    }
    // A hash from older parameters is replaced while the password is at hand (tokens stay valid:
    // they carry tokenVersion, not the hash).
    const upgraded = hashNeedsUpgrade(user.passwordHash) ? await hashPassword(dto.password) : null;
    await this.uow.run(async (m) => {
      await m.delete(LoginAttempt, { username });
      await m.update(User, { id: user.id }, upgraded ? { lastLoginAt: now, passwordHash: upgraded } : { lastLoginAt: now });
      await this.audit.record(m, { userId: user.id, username: user.username, role: user.role, ip }, {
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
      });
    });
    return {
      accessToken: this.tokens.sign(user),
      expiresIn: this.tokens.ttlSeconds,
      user: { id: user.id, username: user.username, role: user.role },
    };
  }

  private locked(until: Date): AppException {
    const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
    return new AppException(423, ErrorCode.ACCOUNT_LOCKED, `连续登录失败次数过多，账户已锁定，请${minutes}分钟后再试`);
  }

  async me(userId: string) {
    const u = await this.dataSource.getRepository(User).findOne({ where: { id: userId } });
    if (!u) throw AppException.unauthenticated();
    return { id: u.id, username: u.username, role: u.role, displayName: u.displayName, organization: u.organization };
  }

  /** A new password ends every token issued before it (tokenVersion). */
  changePassword(actor: Actor, dto: ChangePasswordDto) {
    return this.uow.run(async (m) => {
      const u = await this.uow.findForUpdate(m, User, { where: { id: actor.userId! } });
      if (!u) throw AppException.unauthenticated();
      if (!(await verifyPassword(u.passwordHash, dto.currentPassword))) {
        throw AppException.field('currentPassword', 'wrong_password', '当前密码不正确');
      }
      if (dto.currentPassword === dto.newPassword) {
        throw AppException.field('newPassword', 'same_password', '新密码不能与当前密码相同');
      }
      u.passwordHash = await hashPassword(dto.newPassword);
      u.passwordChangedAt = new Date();
      u.tokenVersion += 1;
      await m.save(u);
      await this.audit.record(m, actor, { action: 'auth.change_password', entityType: 'user', entityId: u.id });
      return { accessToken: this.tokens.sign(u), expiresIn: this.tokens.ttlSeconds };
    });
  }
}
