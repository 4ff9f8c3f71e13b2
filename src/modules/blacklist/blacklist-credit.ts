import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, MoreThan } from 'typeorm';
import { csvDocument } from '../../common/csv.js';
import { FieldCipher } from '../../common/crypto/field-cipher.js';
import { maskIdNumber, maskPersonName } from '../../common/crypto/mask.js';
import { type Page, pageOf } from '../../common/http/pagination.js';
import { POLICY } from '../../policy/policy-table.js';
import { beijingDate } from '../calendar/deadline-calendar.js';
import { MediaAccount } from '../registry/account.entity.js';
import { PLATFORM_LABELS, type Platform } from '../registry/registry.constants.js';
import { Subject } from '../registry/subject.entity.js';
import { BlacklistListing } from './blacklist-listing.entity.js';
import { addMonthsBeijing, type JointRestriction, jointRestrictionOf } from './blacklist-term.js';
import { jointRestrictionView, type JointRestrictionView, publicListingView, type PublicListingView } from './blacklist.views.js';
import { EFFECTIVE_LISTING_STATES } from './workflow/blacklist.workflow.js';

const CHUNK = 500;

/** One account under joint restriction, as the partner departments' export lists it. */
export interface JointRestrictionRow {
  accountId: string;
  filingNo: string;
  accountName: string;
  platformLabel: string;
  subjectKind: string;
  /** Organisations: the name; individuals: the surname only. */
  subjectName: string;
  /** Organisations: the unified social credit code; individuals: the ID number masked. */
  subjectIdentifier: string;
  listings: number;
  latestListedAt: Date;
  latestEndsAt: Date | null;
  since: Date;
  until: Date;
}

/**
 * The blacklist as credit information: who is listed now (the public list), the joint restriction of
 * accounts listed twice or more in 3 years (§03.5), the partner export, and listings per year for
 * the annual evaluation (§04.5: blacklisted during the year → D).
 */
@Injectable()
export class BlacklistCredit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
  ) {}

  jointPolicy(): JointRestrictionView['policy'] {
    return {
      listings: POLICY.jointRestrictionListings.value,
      windowYears: POLICY.jointRestrictionWindowYears.value,
      citation: POLICY.jointRestrictionListings.citation,
    };
  }

  /** The joint restriction of one account now. */
  async jointRestriction(accountId: string, now: Date = new Date(), m: EntityManager = this.dataSource.manager): Promise<JointRestrictionView> {
    const rows = await m.find(BlacklistListing, { where: { accountId, status: In([...EFFECTIVE_LISTING_STATES]) }, select: { id: true, listedAt: true } });
    return jointRestrictionView(this.restrictionOf(rows.map((r) => r.listedAt!), now), this.jointPolicy());
  }

  private restrictionOf(listedAts: Date[], now: Date): JointRestriction {
    return jointRestrictionOf(listedAts, now, POLICY.jointRestrictionListings.value, POLICY.jointRestrictionWindowYears.value);
  }

  /** Listings in force: listed and the term not over (an expired one leaves before the sweep records it). */
  async publicList(q: { page: number; pageSize: number }, now: Date = new Date()): Promise<Page<PublicListingView>> {
    const [rows, total] = await this.dataSource.getRepository(BlacklistListing).findAndCount({
      where: { status: 'listed', endsAt: MoreThan(now) },
      order: { listedAt: 'DESC', id: 'ASC' },
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    });
    return pageOf(rows.map(publicListingView), total, q);
  }

  /** Every account under joint restriction now, with what partner departments need to identify it. */
  async jointRestrictions(now: Date = new Date()): Promise<JointRestrictionRow[]> {
    const windowStart = addMonthsBeijing(now, -12 * POLICY.jointRestrictionWindowYears.value);
    const listings = await this.dataSource.getRepository(BlacklistListing).find({
      where: { status: In([...EFFECTIVE_LISTING_STATES]), listedAt: MoreThan(windowStart) },
      select: { id: true, accountId: true, listedAt: true, endsAt: true },
      order: { listedAt: 'ASC' },
    });
    const byAccount = new Map<string, BlacklistListing[]>();
    for (const l of listings) byAccount.set(l.accountId, [...(byAccount.get(l.accountId) ?? []), l]);
    const restricted = [...byAccount.entries()]
      .map(([accountId, ls]) => ({ accountId, ls, r: this.restrictionOf(ls.map((l) => l.listedAt!), now) }))
      .filter((x) => x.r.active);
    const rows: JointRestrictionRow[] = [];
    for (let i = 0; i < restricted.length; i += CHUNK) {
      const part = restricted.slice(i, i + CHUNK);
      const accounts = await this.dataSource.getRepository(MediaAccount).find({ where: { id: In(part.map((x) => x.accountId)) } });
      const subjects = accounts.length ? await this.dataSource.getRepository(Subject).find({ where: { id: In([...new Set(accounts.map((a) => a.subjectId))]) } }) : [];
      const accountById = new Map(accounts.map((a) => [a.id, a]));
      const subjectById = new Map(subjects.map((s) => [s.id, s]));
      for (const x of part) {
        const a = accountById.get(x.accountId);
        if (!a) continue;
        const s = subjectById.get(a.subjectId);
        const latest = x.ls[x.ls.length - 1];
        const individual = s?.kind === 'individual';
        rows.push({
          accountId: a.id,
          filingNo: a.filingNo ?? '',
          accountName: a.name,
          platformLabel: PLATFORM_LABELS[a.platform as Platform] ?? a.platform,
          subjectKind: s?.kind ?? '',
          subjectName: (individual ? maskPersonName(s?.name) : s?.name) ?? '',
          subjectIdentifier: individual ? (s?.idNumberEnc ? (maskIdNumber(this.cipher.decrypt(s.idNumberEnc)) ?? '') : '') : (s?.creditCode ?? ''),
          listings: x.r.listingsInWindow,
          latestListedAt: latest.listedAt!,
          latestEndsAt: latest.endsAt,
          since: x.r.since!,
          until: x.r.until!,
        });
      }
    }
    return rows.sort((a, b) => a.filingNo.localeCompare(b.filingNo));
  }

  /** The partner export as CSV (UTF-8 with a BOM so that Excel reads the Chinese, CRLF lines). */
  async jointRestrictionsCsv(now: Date = new Date()): Promise<string> {
    const rows = await this.jointRestrictions(now);
    const header = ['备案编号', '账号名称', '平台', '运营主体', '统一社会信用代码/身份证号码', '3年内列入次数', '最近列入日期', '最近列入期满日期', '联合限制起始日期', '联合限制截止日期'];
    const day = (d: Date | null) => (d ? beijingDate(d) : '');
    return csvDocument(
      header,
      rows.map((r) => [r.filingNo, r.accountName, r.platformLabel, r.subjectName, r.subjectIdentifier, r.listings, day(r.latestListedAt), day(r.latestEndsAt), day(r.since), day(r.until)]),
    );
  }

  /**
   * Accounts with a listing in force at any time of the Beijing calendar year `year` (for the annual
   * evaluation: §04.5 blacklisted during the year → D). A listing is in force from listedAt until it
   * ended (early exit) or its term ran out (endsAt). Batched: one query per 500 accounts.
   */
  async listedDuring(accountIds: readonly string[], year: number, m: EntityManager = this.dataSource.manager): Promise<Set<string>> {
    const out = new Set<string>();
    const from = new Date(`${year}-01-01T00:00:00+08:00`);
    const to = new Date(`${year + 1}-01-01T00:00:00+08:00`);
    for (let i = 0; i < accountIds.length; i += CHUNK) {
      const part = accountIds.slice(i, i + CHUNK);
      const rows: { accountId: string }[] = await m
        .createQueryBuilder(BlacklistListing, 'l')
        .select('l.accountId', 'accountId')
        .distinct(true)
        .where('l.accountId IN (:...ids)', { ids: part })
        .andWhere('l.status IN (:...states)', { states: [...EFFECTIVE_LISTING_STATES] })
        .andWhere('l.listedAt < :to', { to })
        .andWhere('COALESCE(l.endedAt, l.endsAt) > :from', { from })
        .getRawMany();
      for (const r of rows) out.add(r.accountId);
    }
    return out;
  }
}
