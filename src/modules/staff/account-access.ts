import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/decorators.js';
import { AppException } from '../../common/errors/app.exception.js';
import { UnitOfWork } from '../../database/unit-of-work.js';
import { MediaAccount } from '../registry/account.entity.js';
import { ACCOUNT_STATES_WITHOUT_ROSTER } from './staff.constants.js';

/** The roles that may read an account's roster and filings (api.md "Registry"). */
const OFFICE_READERS = new Set(['officer', 'approver']);

/**
 * Object-level access to accounts for the staff module: the operator sees only the accounts it owns
 * (any other id answers 404, never 403), the office sees all.
 * TODO(registry): read MediaAccount through the registry's exported service once it offers these
 * checks; this reads the entity directly so that the two modules could be built in parallel.
 */
@Injectable()
export class StaffAccountAccess {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  /** Reading: the owner, officers and approvers. */
  async readable(user: AuthUser, accountId: string, m: EntityManager = this.dataSource.manager): Promise<MediaAccount> {
    const account = await m.findOne(MediaAccount, { where: { id: accountId } });
    if (!account || !canRead(user, account.ownerId)) throw AppException.notFound('账号');
    return account;
  }

  /**
   * Writing: the owner only. The account row is locked: roster changes and filings of one account
   * queue behind each other, so "one chief editor" and "version = max + 1" hold under concurrency.
   */
  async ownedForUpdate(m: EntityManager, user: AuthUser, accountId: string): Promise<MediaAccount> {
    const account = await this.uow.findForUpdate(m, MediaAccount, { where: { id: accountId } });
    if (!account || !isOwner(user, account.ownerId)) throw AppException.notFound('账号');
    if ((ACCOUNT_STATES_WITHOUT_ROSTER as readonly string[]).includes(account.status)) {
      throw AppException.conflict('账号已关闭或注销，编辑人员名单不能再变更或报备');
    }
    return account;
  }
}

export function isOwner(user: AuthUser, ownerId: string): boolean {
  return user.role === 'operator' && user.id === ownerId;
}

export function canRead(user: AuthUser, ownerId: string): boolean {
  return isOwner(user, ownerId) || OFFICE_READERS.has(user.role);
}
