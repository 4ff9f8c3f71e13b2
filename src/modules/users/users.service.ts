import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, type Role, SYSTEM_ACTOR } from '../../common/auth/roles.js';
import { FieldCipher } from '../../common/crypto/field-cipher.js';
import { maskPhone } from '../../common/crypto/mask.js';
import { hashPassword, passwordProblems, randomPassword } from '../../common/crypto/password.js';
import { AppException } from '../../common/errors/app.exception.js';
import { pageOf, type Page } from '../../common/http/pagination.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { UnitOfWork } from '../../database/unit-of-work.js';
import { AuditService } from '../audit/audit.service.js';
import type { CreateUserDto, UpdateUserDto } from './dto/user.dto.js';
import { User } from './user.entity.js';

export interface UserView {
  id: string;
  username: string;
  role: Role;
  displayName: string;
  organization: string | null;
  status: string;
  phone: string | null;
  createdAt: Date;
  lastLoginAt: Date | null;
}

@Injectable()
export class UsersService {
  private readonly logger = new Logger('Users');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** What the audit trail keeps of a user: never the hash, the phone masked. */
  auditView(u: User) {
    return {
      username: u.username,
      role: u.role,
      displayName: u.displayName,
      organization: u.organization,
      status: u.status,
      phone: u.phoneEnc ? maskPhone(this.cipher.decrypt(u.phoneEnc)) : null,
    };
  }

  view(u: User): UserView {
    return {
      id: u.id,
      username: u.username,
      role: u.role,
      displayName: u.displayName,
      organization: u.organization,
      status: u.status,
      phone: u.phoneEnc ? maskPhone(this.cipher.decrypt(u.phoneEnc)) : null,
      createdAt: u.createdAt,
      lastLoginAt: u.lastLoginAt,
    };
  }

  async createInTx(
    m: EntityManager,
    actor: Actor,
    input: { username: string; password: string; role: Role; displayName: string; organization?: string | null; phone?: string | null },
    action = 'user.create',
  ): Promise<User> {
    const exists = await m.findOne(User, { where: { username: input.username } });
    if (exists) throw AppException.duplicate('用户名已被使用', 'username');
    const user = m.create(User, {
      username: input.username,
      passwordHash: await hashPassword(input.password),
      role: input.role,
      displayName: input.displayName.trim(),
      organization: input.organization?.trim() || null,
      phoneEnc: input.phone ? this.cipher.encrypt(input.phone) : null,
      status: 'active',
      tokenVersion: 0,
      passwordChangedAt: new Date(),
    });
    await m.save(user);
    await this.audit.record(m, actor, { action, entityType: 'user', entityId: user.id, after: this.auditView(user) });
    return user;
  }

  create(actor: Actor, dto: CreateUserDto): Promise<UserView> {
    return this.uow.run(async (m) => this.view(await this.createInTx(m, actor, dto)));
  }

  async list(q: { page: number; pageSize: number; role?: string }): Promise<Page<UserView>> {
    const [rows, total] = await this.dataSource.getRepository(User).findAndCount({
      where: q.role ? { role: q.role as Role } : {},
      order: { createdAt: 'DESC' },
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    });
    return pageOf(rows.map((u) => this.view(u)), total, q);
  }

  async get(id: string): Promise<UserView> {
    const u = await this.dataSource.getRepository(User).findOne({ where: { id } });
    if (!u) throw AppException.notFound('用户');
    return this.view(u);
  }

  /** Sysadmin: disable/enable, reset a password, rename. Disabling or a new password ends all tokens. */
  update(actor: Actor, id: string, dto: UpdateUserDto): Promise<UserView> {
    return this.uow.run(async (m) => {
      const u = await this.uow.findForUpdate(m, User, { where: { id } });
      if (!u) throw AppException.notFound('用户');
      if (u.id === actor.userId && dto.status === 'disabled') throw AppException.conflict('不能停用自己的账户');
      const before = this.auditView(u);
      if (dto.status && dto.status !== u.status) {
        u.status = dto.status;
        u.tokenVersion += 1;
      }
      if (dto.password) {
        u.passwordHash = await hashPassword(dto.password);
        u.passwordChangedAt = new Date();
        u.tokenVersion += 1;
      }
      if (dto.displayName) u.displayName = dto.displayName.trim();
      if (dto.organization !== undefined) u.organization = dto.organization.trim() || null;
      await m.save(u);
      await this.audit.record(m, actor, {
        action: dto.password ? 'user.reset_password' : 'user.update',
        entityType: 'user',
        entityId: u.id,
        before,
        after: this.auditView(u),
      });
      return this.view(u);
    });
  }

  /**
   * First start on an empty database: create the sysadmin from ADMIN_USERNAME / ADMIN_PASSWORD, or
   * with a random password printed once.
   */
  async ensureFirstSysadmin(): Promise<void> {
    const count = await this.dataSource.getRepository(User).count();
    if (count > 0) return;
    const username = this.config.admin?.username ?? 'admin';
    let password = this.config.admin?.password;
    const generated = !password;
    if (password && passwordProblems(password)) {
      throw new Error(`ADMIN_PASSWORD does not meet the password policy: ${passwordProblems(password)}`);
    }
    password ??= randomPassword();
    await this.uow.run(async (m) => {
      if ((await m.count(User)) > 0) return; // another process won the race
      await this.createInTx(m, SYSTEM_ACTOR, { username, password: password!, role: 'sysadmin', displayName: '系统管理员' }, 'user.bootstrap');
    });
    if (generated) {
      // Printed once, to the console only (never to the structured log).
      process.stdout.write(
        `\n首次启动：已创建系统管理员 / first sysadmin created\n  username: ${username}\n  password: ${password}\n请立即登录并修改密码。\n\n`,
      );
    } else {
      this.logger.log(`first sysadmin "${username}" created from ADMIN_USERNAME/ADMIN_PASSWORD`);
    }
  }
}
