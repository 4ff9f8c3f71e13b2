import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/decorators.js';
import type { Actor } from '../../common/auth/roles.js';
import type { Page } from '../../common/http/pagination.js';
import type { AccountListQuery, CreateAccountDto, ReviewAccountDto } from '../registry/dto/account.dto.js';
import type { CreateSubjectDto } from '../registry/dto/subject.dto.js';
import type { Platform } from '../registry/registry.constants.js';
import { RegistryService } from '../registry/registry.service.js';
import type { AccountView, PublicAccountView, SubjectView } from '../registry/registry.views.js';
import type { StaffFilingDetail } from '../staff/staff-filing.service.js';
import type { ReviewStaffFilingDto } from '../staff/dto/staff.dto.js';
import { StaffService } from '../staff/staff.service.js';

/**
 * The one place where the portal calls the registry and staff modules, through their exported
 * services (RegistryService, StaffService).
 */
@Injectable()
export class RegistryGateway {
  constructor(
    private readonly registry: RegistryService,
    readonly staff: StaffService,
  ) {}

  // ---- public --------------------------------------------------------------------------------

  publicSearch(q: { q?: string; platform?: Platform; page: number; pageSize: number }): Promise<Page<PublicAccountView>> {
    return this.registry.publicSearch(q);
  }

  publicAccount(filingNo: string): Promise<PublicAccountView> {
    return this.registry.publicAccount(filingNo);
  }

  // ---- operator ------------------------------------------------------------------------------

  ownSubjects(user: AuthUser): Promise<SubjectView[]> {
    return this.registry.listOwnSubjects(user.id);
  }

  ownAccounts(user: AuthUser): Promise<AccountView[]> {
    return this.registry.listOwnAccounts(user.id);
  }

  createSubject(actor: Actor, user: AuthUser, dto: CreateSubjectDto): Promise<SubjectView> {
    return this.registry.createSubject(actor, user, dto);
  }

  createAccount(actor: Actor, user: AuthUser, dto: CreateAccountDto): Promise<AccountView> {
    return this.registry.createAccount(actor, user, dto);
  }

  submitStaffFiling(actor: Actor, user: AuthUser, accountId: string) {
    return this.staff.submitFiling(actor, user, accountId);
  }

  // ---- owner and office ----------------------------------------------------------------------

  account(user: AuthUser, id: string): Promise<AccountView> {
    return this.registry.accountViewForUser(user, id);
  }

  /** The account's subject: masked for approvers; whole for officers (the look is audited as `subject.reveal`). */
  subjectOfAccount(actor: Actor, user: AuthUser, subjectId: string, reveal: boolean): Promise<SubjectView> {
    return this.registry.subjectForUser(actor, user, subjectId, reveal);
  }

  listAccounts(user: AuthUser, q: AccountListQuery): Promise<Page<AccountView>> {
    return this.registry.listAccounts(user, q);
  }

  reviewQueue(page: number, pageSize: number): Promise<Page<AccountView>> {
    return this.registry.reviewQueue(page, pageSize);
  }

  reviewAccount(actor: Actor, id: string, dto: ReviewAccountDto): Promise<AccountView> {
    return this.registry.reviewAccount(actor, id, dto);
  }

  staffFiling(user: AuthUser, id: string): Promise<StaffFilingDetail> {
    return this.staff.filingForUser(user, id);
  }

  reviewStaffFiling(actor: Actor, user: AuthUser, id: string, dto: ReviewStaffFilingDto) {
    return this.staff.reviewFiling(actor, user, id, dto);
  }
}
