import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/decorators.js';
import type { Actor } from '../../common/auth/roles.js';
import type { Page } from '../../common/http/pagination.js';
import type { MediaAccount } from './account.entity.js';
import { AccountsService } from './accounts.service.js';
import type { Grade } from './registry.constants.js';
import type { AccountView, SubjectView } from './registry.views.js';
import { SubjectsService } from './subjects.service.js';
import type { AccountAction } from './workflow/account.workflow.js';

/**
 * What other modules (the portal, staff, reports, measures, evaluation) may ask of the registry.
 * The module exports this service only, never its entities' repositories.
 */
@Injectable()
export class RegistryService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly subjects: SubjectsService,
  ) {}

  /** The account if the user may see it: operators their own, officers and approvers all (else 404); other roles 403. */
  findAccountForUser(user: AuthUser, id: string): Promise<MediaAccount> {
    return this.accounts.findVisible(user, id);
  }

  /** The same, as the API shows it (labels, subject name). */
  accountViewForUser(user: AuthUser, id: string): Promise<AccountView> {
    return this.accounts.get(user, id);
  }

  /** An operator's subjects, newest first, personal data masked. */
  listOwnSubjects(userId: string): Promise<SubjectView[]> {
    return this.subjects.listOwn(userId);
  }

  /** An operator's accounts, newest first. */
  listOwnAccounts(userId: string): Promise<AccountView[]> {
    return this.accounts.listOwn(userId);
  }

  /** Pending accounts, oldest first (the officers' review queue). */
  reviewQueue(page = 1, pageSize = 20): Promise<Page<AccountView>> {
    return this.accounts.reviewQueue(page, pageSize);
  }

  /** A filed (or formerly filed) account by its filing number; null when none or malformed. */
  findAccountByFilingNo(filingNo: string): Promise<MediaAccount | null> {
    return this.accounts.findByFilingNo(filingNo);
  }

  /** Inside the caller's transaction: a workflow action on the account (measures, lifting), audited; 409 if not allowed. */
  transitionAccountInTx(m: EntityManager, actor: Actor, accountId: string, action: AccountAction, note?: Record<string, unknown>): Promise<MediaAccount> {
    return this.accounts.transitionInTx(m, actor, accountId, action, note);
  }

  /** Inside the caller's transaction: set the grade from a published evaluation, audited. */
  setGradeInTx(m: EntityManager, actor: Actor, accountId: string, grade: Grade, year: number): Promise<MediaAccount> {
    return this.accounts.setGradeInTx(m, actor, accountId, grade, year);
  }
}
