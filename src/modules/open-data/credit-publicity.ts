import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { OFFICE_NAME } from '../../common/documents/official-document.js';
import { FieldCipher } from '../../common/crypto/field-cipher.js';
import { maskIdNumber } from '../../common/crypto/mask.js';
import { POLICY } from '../../policy/policy-table.js';
import { BlacklistListing } from '../blacklist/blacklist-listing.entity.js';
import { addCalendarMonths } from '../blacklist/blacklist-term.js';
import { MEASURES_TITLE, RULE_LABELS } from '../blacklist/blacklist.constants.js';
import { beijingDate } from '../calendar/deadline-calendar.js';
import { EscalationMeasure } from '../measures/measure.entity.js';
import { MEASURE_KIND_LABELS, type MeasureKind } from '../measures/workflow/measure.workflow.js';
import { MediaAccount } from '../registry/account.entity.js';
import { PLATFORM_LABELS, type Platform } from '../registry/registry.constants.js';
import { Subject } from '../registry/subject.entity.js';
import { type ExportRow, keysetPages } from './export-stream.js';
import { publicSubjectName } from './open-datasets.js';

/** The measures that are penalties: the three steps of §03.3 (a lift is not; it ends one). */
export const PUBLICISED_MEASURE_KINDS: readonly MeasureKind[] = ['restrict', 'suspend', 'close'];
/** A measure takes effect on approval (domain.md "Escalation"); `replied` is approved with the upper office's answer. */
const EFFECTIVE_MEASURE_STATES = ['approved', 'replied'] as const;
/** A listing that took effect: in force, or ended (by expiry or early exit). */
const EFFECTIVE_LISTING_STATES = ['listed', 'ended'] as const;

const CHINESE_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** `§03.3` → `第三部分第3条` (the Yuhang measures are numbered by part and item). */
export function articleOf(citation: string): string {
  const m = /§0?(\d)\.(\d+)/.exec(citation);
  return m ? `第${CHINESE_DIGITS[Number(m[1])]}部分第${Number(m[2])}条` : citation;
}

const MEASURE_CONTENT: Record<string, string> = {
  restrict: '报请上级网信部门对该账号限制发布，并通报公安、新闻出版、文化旅游等部门',
  suspend: '报请上级网信部门对该账号暂停更新',
  close: '报请上级网信部门关闭该账号',
};

export interface Party {
  partyName: string;
  partyType: string;
  creditCode: string | null;
  idType: string | null;
  idNumber: string | null;
}

/**
 * 行政处罚信息公示 (the national publicity format): approved escalation measures and blacklist
 * decisions, for the credit information sharing platform (seed 000 三(二)3 监管结果共用). Individuals
 * keep their surname and a masked ID number only.
 */
@Injectable()
export class CreditPublicity {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
  ) {}

  /** Decisions from `from` to `to` (Beijing dates, both included): blacklist decisions, then measures. */
  async *rows(range: { from?: string; to?: string }, now: Date = new Date()): AsyncGenerator<ExportRow[]> {
    const from = range.from ? new Date(`${range.from}T00:00:00+08:00`) : null;
    const until = range.to ? new Date(Date.parse(`${range.to}T00:00:00+08:00`) + 86_400_000) : null;
    yield* this.listings(from, until, now);
    yield* this.measures(from, until, now);
  }

  private async *listings(from: Date | null, until: Date | null, now: Date): AsyncGenerator<ExportRow[]> {
    const repo = this.dataSource.getRepository(BlacklistListing);
    const pages = keysetPages(
      (after, limit) => {
        const qb = repo
          .createQueryBuilder('l')
          .where('l.status IN (:...states)', { states: [...EFFECTIVE_LISTING_STATES] })
          .andWhere('l.decisionNo IS NOT NULL');
        if (from) qb.andWhere('l.decidedAt >= :from', { from });
        if (until) qb.andWhere('l.decidedAt < :until', { until });
        if (after !== null) qb.andWhere('l.decisionNo > :after', { after });
        return qb.orderBy('l.decisionNo', 'ASC').limit(limit).getMany();
      },
      (l) => l.decisionNo!,
    );
    for await (const page of pages) {
      const subjects = await this.subjects(page.map((l) => l.subjectId));
      yield page.map((l) => {
        const listed = beijingDate(l.listedAt ?? l.decidedAt!);
        const ends = l.endsAt ? beijingDate(l.endsAt) : null;
        // §03.5: an ended listing leaves the public list; early exit ends it before the term.
        const publicityEnd = l.endedAt && (!l.endsAt || l.endedAt < l.endsAt) ? beijingDate(l.endedAt) : ends;
        const status =
          l.status === 'ended' ? (l.endReason === 'early_exit' ? '已提前移出' : '已期满移出') : l.endsAt && l.endsAt <= now ? '已期满移出' : '生效中';
        return {
          recordType: 'blacklist',
          decisionNo: l.decisionNo,
          ...this.party(subjects.get(l.subjectId) ?? { kind: l.subjectKind, name: l.subjectName, creditCode: null, idNumberEnc: null }),
          accountName: l.accountName,
          filingNo: l.filingNo,
          platformLabel: PLATFORM_LABELS[l.platform as Platform] ?? l.platform,
          conductType: RULE_LABELS[l.rule],
          basis: l.basis,
          penaltyType: '列入黑名单',
          content: `列入余杭区自媒体管理黑名单，期限${POLICY.blacklistTermMonths.value}个月（${listed}至${ends ?? ''}）`,
          decisionDate: beijingDate(l.decidedAt!),
          publicityEndDate: publicityEnd,
          status,
          decidingOffice: OFFICE_NAME,
          dataSource: OFFICE_NAME,
        };
      });
    }
  }

  private async *measures(from: Date | null, until: Date | null, now: Date): AsyncGenerator<ExportRow[]> {
    const repo = this.dataSource.getRepository(EscalationMeasure);
    const pages = keysetPages(
      (after, limit) => {
        const qb = repo
          .createQueryBuilder('x')
          .where('x.status IN (:...states)', { states: [...EFFECTIVE_MEASURE_STATES] })
          .andWhere('x.kind IN (:...kinds)', { kinds: [...PUBLICISED_MEASURE_KINDS] })
          .andWhere('x.decisionNo IS NOT NULL');
        if (from) qb.andWhere('x.decidedAt >= :from', { from });
        if (until) qb.andWhere('x.decidedAt < :until', { until });
        if (after !== null) qb.andWhere('x.decisionNo > :after', { after });
        return qb.orderBy('x.decisionNo', 'ASC').limit(limit).getMany();
      },
      (x) => x.decisionNo!,
    );
    const today = beijingDate(now);
    for await (const page of pages) {
      const ids = page.map((x) => x.id);
      const [accounts, lifts] = await Promise.all([
        this.dataSource.getRepository(MediaAccount).find({ where: { id: In([...new Set(page.map((x) => x.accountId))]) }, select: { id: true, subjectId: true, platform: true } }),
        this.dataSource.getRepository(EscalationMeasure).find({
          where: { liftsMeasureId: In(ids), kind: 'lift', status: In([...EFFECTIVE_MEASURE_STATES]) },
          select: { id: true, liftsMeasureId: true, decidedAt: true },
        }),
      ]);
      const accountById = new Map(accounts.map((a) => [a.id, a]));
      const subjects = await this.subjects(accounts.map((a) => a.subjectId));
      const liftedOn = new Map<string, string>();
      for (const l of lifts) {
        const day = beijingDate(l.decidedAt!);
        const seen = liftedOn.get(l.liftsMeasureId!);
        if (!seen || day < seen) liftedOn.set(l.liftsMeasureId!, day);
      }
      yield page.map((x) => {
        const account = accountById.get(x.accountId);
        const decided = beijingDate(x.decidedAt!);
        const lifted = liftedOn.get(x.id) ?? null;
        const term = addCalendarMonths(decided, 12 * POLICY.creditPublicityYears.value);
        const publicityEnd = lifted && lifted < term ? lifted : term;
        return {
          recordType: 'measure',
          decisionNo: x.decisionNo,
          ...this.party(account ? subjects.get(account.subjectId) : undefined),
          accountName: x.accountName,
          filingNo: x.filingNo,
          platformLabel: account ? (PLATFORM_LABELS[account.platform] ?? account.platform) : null,
          conductType: '约谈后逾期不予整改或整改不到位',
          basis: `${MEASURES_TITLE}${articleOf(x.citation)}`,
          penaltyType: MEASURE_KIND_LABELS[x.kind],
          content: MEASURE_CONTENT[x.kind] ?? MEASURE_KIND_LABELS[x.kind],
          decisionDate: decided,
          publicityEndDate: publicityEnd,
          status: lifted ? '已解除' : publicityEnd <= today ? '公示期满' : '生效中',
          decidingOffice: OFFICE_NAME,
          dataSource: OFFICE_NAME,
        };
      });
    }
  }

  /** The party as the format names it; an individual's ID number is decrypted only to be masked. */
  party(s: Pick<Subject, 'kind' | 'name' | 'creditCode' | 'idNumberEnc'> | undefined): Party {
    if (!s) return { partyName: '', partyType: '', creditCode: null, idType: null, idNumber: null };
    if (s.kind === 'individual') {
      return {
        partyName: publicSubjectName(s),
        partyType: '自然人',
        creditCode: null,
        idType: '身份证',
        idNumber: s.idNumberEnc ? maskIdNumber(this.cipher.decrypt(s.idNumberEnc)) : null,
      };
    }
    return { partyName: s.name, partyType: '法人及非法人组织', creditCode: s.creditCode, idType: null, idNumber: null };
  }

  private async subjects(ids: string[]): Promise<Map<string, Pick<Subject, 'id' | 'kind' | 'name' | 'creditCode' | 'idNumberEnc'>>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.dataSource.getRepository(Subject).find({
      where: { id: In(unique) },
      select: { id: true, kind: true, name: true, creditCode: true, idNumberEnc: true },
    });
    return new Map(rows.map((s) => [s.id, s]));
  }
}
