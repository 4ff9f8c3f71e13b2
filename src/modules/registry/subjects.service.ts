import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/auth/decorators.js';
import type { Actor } from '../../common/auth/roles.js';
import { FieldCipher } from '../../common/crypto/field-cipher.js';
import { maskIdNumber, maskPhone } from '../../common/crypto/mask.js';
import { AppException } from '../../common/errors/app.exception.js';
import { type Page, pageOf } from '../../common/http/pagination.js';
import { UnitOfWork } from '../../database/unit-of-work.js';
import { AuditService } from '../audit/audit.service.js';
import { whereContains } from './account-search.js';
import type { CreateSubjectDto, SubjectListQuery } from './dto/subject.dto.js';
import { isValidIdNumber } from './identifiers.js';
import { type SubjectView, subjectKindLabel } from './registry.views.js';
import { Subject } from './subject.entity.js';
import { isUniqueViolation } from './unique-violation.js';

/** Roles that see every subject (the office); operators see their own. */
const OFFICE_ROLES = ['officer', 'approver'] as const;
/** domain.md "Subject": personal data is shown whole to its owner and to officers only. */
const REVEAL_ROLES = ['officer'] as const;

@Injectable()
export class SubjectsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
  ) {}

  view(s: Subject, reveal = false): SubjectView {
    const idNumber = s.idNumberEnc ? this.cipher.decrypt(s.idNumberEnc) : null;
    const phone = this.cipher.decrypt(s.contactPhoneEnc);
    return {
      id: s.id,
      kind: s.kind,
      kindLabel: subjectKindLabel(s.kind),
      name: s.name,
      creditCode: s.creditCode,
      idNumber: reveal ? idNumber : maskIdNumber(idNumber),
      regionCode: s.regionCode,
      registeredAddress: s.registeredAddress,
      operatingAddress: s.operatingAddress,
      businessScope: s.businessScope,
      contactName: s.contactName,
      contactPhone: (reveal ? phone : maskPhone(phone))!,
      revealed: reveal,
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
    };
  }

  /** The audit trail keeps the masked forms only. */
  auditView(s: Subject) {
    const { id: _id, revealed: _r, createdAt: _c, updatedAt: _u, kindLabel: _k, ...rest } = this.view(s, false);
    return { ...rest, ownerId: s.ownerId };
  }

  create(actor: Actor, owner: AuthUser, dto: CreateSubjectDto): Promise<SubjectView> {
    const idNumberIndex = dto.kind === 'individual' && dto.idNumber ? this.cipher.blindIndex(dto.idNumber) : null;
    const creditCode = dto.kind === 'organization' ? dto.creditCode! : null;
    return this.uow
      .run(async (m) => {
        if (creditCode && (await m.exists(Subject, { where: { creditCode } }))) throw duplicateCreditCode();
        if (idNumberIndex && (await m.exists(Subject, { where: { idNumberIndex } }))) throw duplicateIdNumber();
        const s = m.create(Subject, {
          ownerId: owner.id,
          kind: dto.kind,
          name: dto.name,
          creditCode,
          idNumberEnc: idNumberIndex ? this.cipher.encrypt(dto.idNumber!) : null,
          idNumberIndex,
          regionCode: dto.regionCode,
          registeredAddress: dto.registeredAddress,
          operatingAddress: dto.operatingAddress,
          businessScope: dto.kind === 'organization' ? dto.businessScope || null : null,
          contactName: dto.contactName,
          contactPhoneEnc: this.cipher.encrypt(dto.contactPhone),
        });
        await m.save(s);
        await this.audit.record(m, actor, { action: 'subject.create', entityType: 'subject', entityId: s.id, after: this.auditView(s) });
        return this.view(s);
      })
      .catch(async (e: unknown) => {
        // Two registrations of the same code raced past the check: the unique index decided.
        if (!isUniqueViolation(e)) throw e;
        const byCode = creditCode ? await this.dataSource.getRepository(Subject).exists({ where: { creditCode } }) : false;
        throw byCode ? duplicateCreditCode() : duplicateIdNumber();
      });
  }

  /** Operators: their own subjects; officers and approvers: all. */
  async list(user: AuthUser, q: SubjectListQuery): Promise<Page<SubjectView>> {
    const qb = this.dataSource.getRepository(Subject).createQueryBuilder('s');
    if (!isOffice(user)) qb.where('s.ownerId = :ownerId', { ownerId: user.id });
    if (q.kind) qb.andWhere('s.kind = :kind', { kind: q.kind });
    const text = q.q?.trim();
    if (text) {
      const asId = text.toUpperCase();
      if (isValidIdNumber(asId)) {
        // A whole ID number finds its subject through the blind index; parts of one find nothing.
        qb.andWhere('s.idNumberIndex = :idx', { idx: this.cipher.blindIndex(asId) });
      } else {
        whereContains(qb, ['s.name', 's.creditCode'], text);
      }
    }
    qb.orderBy('s.createdAt', 'DESC').addOrderBy('s.id', 'ASC').skip((q.page - 1) * q.pageSize).take(q.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return pageOf(rows.map((s) => this.view(s)), total, q);
  }

  /** The subjects an operator registered, newest first (masked). */
  async listOwn(userId: string): Promise<SubjectView[]> {
    const rows = await this.dataSource.getRepository(Subject).find({ where: { ownerId: userId }, order: { createdAt: 'DESC', id: 'ASC' } });
    return rows.map((s) => this.view(s));
  }

  /** The subject if the user may see it, else 404 (another operator's subject does not exist for them). */
  async findVisible(user: AuthUser, id: string): Promise<Subject> {
    const s = await this.dataSource.getRepository(Subject).findOne({ where: { id } });
    if (!s || (!isOffice(user) && s.ownerId !== user.id)) throw AppException.notFound('主体');
    return s;
  }

  /**
   * One subject, masked; with `reveal`, whole for its owner or an officer, and the look is recorded
   * in the audit trail (`subject.reveal`). Approvers see the masked form only.
   */
  async get(actor: Actor, user: AuthUser, id: string, reveal: boolean): Promise<SubjectView> {
    const s = await this.findVisible(user, id);
    if (!reveal) return this.view(s);
    const mayReveal = s.ownerId === user.id || (REVEAL_ROLES as readonly string[]).includes(user.role);
    if (!mayReveal) throw AppException.forbidden('仅主体本人和网信办工作人员可查看完整的个人信息');
    await this.uow.run((m) =>
      this.audit.record(m, actor, {
        action: 'subject.reveal',
        entityType: 'subject',
        entityId: s.id,
        after: { fields: s.idNumberEnc ? ['idNumber', 'contactPhone'] : ['contactPhone'] },
      }),
    );
    return this.view(s, true);
  }
}

export function isOffice(user: AuthUser): boolean {
  return (OFFICE_ROLES as readonly string[]).includes(user.role);
}

function duplicateCreditCode(): AppException {
  return AppException.duplicate('该统一社会信用代码已登记主体', 'creditCode');
}

function duplicateIdNumber(): AppException {
  return AppException.duplicate('该身份证号码已登记主体', 'idNumber');
}
