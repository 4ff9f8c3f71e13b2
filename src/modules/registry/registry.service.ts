import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/decorators.js';
import type { Actor } from '../../common/auth/roles.js';
import type { Page } from '../../common/http/pagination.js';
import type { MediaAccount } from './account.entity.js';
import { AccountsService } from './accounts.service.js';
import type { Grade } from './registry.constants.js';
import type { PublicSearch } from './account-search.js';
import type { AccountListQuery, CreateAccountDto, DeregisterAccountDto, ResubmitAccountDto, ReviewAccountDto } from './dto/account.dto.js';
import type { CreateSubjectDto } from './dto/subject.dto.js';
import type { AccountView, PublicAccountView, SubjectView } from './registry.views.js';
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

  // ---- the same operations as the JSON API, for the portal's page controllers ----

  /** POST /api/subjects: an operator registers a subject (409 on a duplicate credit code or ID number). */
  createSubject(actor: Actor, user: AuthUser, dto: CreateSubjectDto): Promise<SubjectView> {
    return this.subjects.create(actor, user, dto);
  }

  /** GET /api/subjects/:id[?reveal=true]: masked, or whole for owner/officer with a `subject.reveal` audit entry. */
  subjectForUser(actor: Actor, user: AuthUser, id: string, reveal = false): Promise<SubjectView> {
    return this.subjects.get(actor, user, id, reveal);
  }

  /** POST /api/accounts: an operator registers an account of its own subject (pending). */
  createAccount(actor: Actor, user: AuthUser, dto: CreateAccountDto): Promise<AccountView> {
    return this.accounts.create(actor, user, dto);
  }

  /** GET /api/accounts: operators their own, officers and approvers all. */
  listAccounts(user: AuthUser, q: AccountListQuery): Promise<Page<AccountView>> {
    return this.accounts.list(user, q);
  }

  /** POST /api/accounts/:id/review: an officer approves (filing number) or rejects (reason). */
  reviewAccount(actor: Actor, id: string, dto: ReviewAccountDto): Promise<AccountView> {
    return this.accounts.review(actor, id, dto);
  }

  /** POST /api/accounts/:id/resubmit: the owner corrects a rejected account and sends it again. */
  resubmitAccount(actor: Actor, user: AuthUser, id: string, dto: ResubmitAccountDto): Promise<AccountView> {
    return this.accounts.resubmit(actor, user, id, dto);
  }

  /** POST /api/accounts/:id/deregister: the owner withdraws its account. */
  deregisterAccount(actor: Actor, user: AuthUser, id: string, dto: DeregisterAccountDto = {}): Promise<AccountView> {
    return this.accounts.deregister(actor, user, id, dto);
  }

  /** GET /api/public/accounts: the public lookup (filed and under a measure; no personal data). */
  publicSearch(q: PublicSearch): Promise<Page<PublicAccountView>> {
    return this.accounts.publicList(q);
  }

  /** GET /api/public/accounts/:filingNo: one public account, 404 otherwise. */
  publicAccount(filingNo: string): Promise<PublicAccountView> {
    return this.accounts.publicOne(filingNo);
  }

  // ---- inside another module's transaction ----

  /** Inside the caller's transaction: a workflow action on the account (measures, lifting), audited; 409 if not allowed. */
  transitionAccountInTx(m: EntityManager, actor: Actor, accountId: string, action: AccountAction, note?: Record<string, unknown>): Promise<MediaAccount> {
    return this.accounts.transitionInTx(m, actor, accountId, action, note);
  }

  /** Inside the caller's transaction: set the grade from a published evaluation, audited. */
  setGradeInTx(m: EntityManager, actor: Actor, accountId: string, grade: Grade, year: number): Promise<MediaAccount> {
    return this.accounts.setGradeInTx(m, actor, accountId, grade, year);
  }
}
