import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { AuthUser } from '../../common/auth/decorators.js';
import type { Actor } from '../../common/auth/roles.js';
import type { Page } from '../../common/http/pagination.js';
import { AccountsService } from '../registry/accounts.service.js';
import type { AccountListQuery, CreateAccountDto, ReviewAccountDto } from '../registry/dto/account.dto.js';
import type { CreateSubjectDto } from '../registry/dto/subject.dto.js';
import type { Platform } from '../registry/registry.constants.js';
import { RegistryService } from '../registry/registry.service.js';
import type { AccountView, PublicAccountView, SubjectView } from '../registry/registry.views.js';
import { SubjectsService } from '../registry/subjects.service.js';
import { StaffFilingService, type StaffFilingDetail } from '../staff/staff-filing.service.js';
import type { ReviewStaffFilingDto } from '../staff/dto/staff.dto.js';
import { StaffService } from '../staff/staff.service.js';

/**
 * The one place where the portal calls the registry and staff modules. Reads go through their
 * exported services (RegistryService, StaffService). The writes the pages need (register a subject
 * or an account, review, submit and review a roster filing, the public lookup) are not on those
 * services yet: they are resolved from the owning module by ModuleRef until the modules export them,
 * so that the page controllers never change when they do (docs/decisions.md).
 */
@Injectable()
export class RegistryGateway {
  constructor(
    private readonly registry: RegistryService,
    readonly staff: StaffService,
    private readonly moduleRef: ModuleRef,
  ) {}

  private internal<T>(type: abstract new (...args: never[]) => T): T {
    return this.moduleRef.get(type as never, { strict: false }) as T;
  }

  private get accounts(): AccountsService {
    return this.internal(AccountsService);
  }

  private get subjects(): SubjectsService {
    return this.internal(SubjectsService);
  }

  private get filings(): StaffFilingService {
    return this.internal(StaffFilingService);
  }

  // ---- public --------------------------------------------------------------------------------

  publicSearch(q: { q?: string; platform?: Platform; page: number; pageSize: number }): Promise<Page<PublicAccountView>> {
    return this.accounts.publicList(q);
  }

  publicAccount(filingNo: string): Promise<PublicAccountView> {
    return this.accounts.publicOne(filingNo);
  }

  // ---- operator ------------------------------------------------------------------------------

  ownSubjects(user: AuthUser): Promise<SubjectView[]> {
    return this.registry.listOwnSubjects(user.id);
  }

  ownAccounts(user: AuthUser): Promise<AccountView[]> {
    return this.registry.listOwnAccounts(user.id);
  }

  createSubject(actor: Actor, user: AuthUser, dto: CreateSubjectDto): Promise<SubjectView> {
    return this.subjects.create(actor, user, dto);
  }

  createAccount(actor: Actor, user: AuthUser, dto: CreateAccountDto): Promise<AccountView> {
    return this.accounts.create(actor, user, dto);
  }

  submitStaffFiling(actor: Actor, user: AuthUser, accountId: string) {
    return this.filings.submit(actor, user, accountId);
  }

  // ---- owner and office ----------------------------------------------------------------------

  account(user: AuthUser, id: string): Promise<AccountView> {
    return this.registry.accountViewForUser(user, id);
  }

  /** The account's subject: masked for approvers; whole for officers (the look is audited as `subject.reveal`). */
  subjectOfAccount(actor: Actor, user: AuthUser, subjectId: string, reveal: boolean): Promise<SubjectView> {
    return this.subjects.get(actor, user, subjectId, reveal);
  }

  listAccounts(user: AuthUser, q: AccountListQuery): Promise<Page<AccountView>> {
    return this.accounts.list(user, q);
  }

  reviewQueue(page: number, pageSize: number): Promise<Page<AccountView>> {
    return this.registry.reviewQueue(page, pageSize);
  }

  reviewAccount(actor: Actor, id: string, dto: ReviewAccountDto): Promise<AccountView> {
    return this.accounts.review(actor, id, dto);
  }

  staffFiling(user: AuthUser, id: string): Promise<StaffFilingDetail> {
    return this.filings.get(user, id);
  }

  reviewStaffFiling(actor: Actor, user: AuthUser, id: string, dto: ReviewStaffFilingDto) {
    return this.filings.review(actor, user, id, dto);
  }
}
