import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { BlacklistListing } from '../blacklist/blacklist-listing.entity.js';
import { EFFECTIVE_LISTING_STATES } from '../blacklist/workflow/blacklist.workflow.js';
import { Interview } from '../interviews/interview.entity.js';
import { Violation } from '../violations/violation.entity.js';

/** The Beijing calendar year as instants: [1 Jan 00:00 +08:00, next 1 Jan 00:00 +08:00). */
export function beijingYear(year: number): { from: Date; to: Date; firstDay: string; lastDay: string } {
  return {
    from: new Date(`${year}-01-01T00:00:00+08:00`),
    to: new Date(`${year + 1}-01-01T00:00:00+08:00`),
    firstDay: `${year}-01-01`,
    lastDay: `${year}-12-31`,
  };
}

/**
 * What an account did in a year that the evaluation deducts for or grades D for (§04.5), asked of
 * many accounts at once: one grouped query per question and chunk of accounts (`IN (...)`), so closing
 * a cycle costs a few queries per thousand accounts.
 *
 * - Violations: every recorded violation is substantiated (domain.md "Violations"); counted by the
 *   day it occurred (`occurredAt`, a Beijing date) within the year.
 * - Interviews: held in the year (`heldAt`), and also refused in the year (`refused`, dated by
 *   `concludedAt`): §03.3 forbids refusing, and refusing must not cost less than attending.
 *   Interviews only scheduled do not count.
 * - Blacklisted: on the blacklist at any time during the year (see `blacklistedIn`).
 */
@Injectable()
export class AnnualConductRecord {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async violationsIn(accountIds: readonly string[], year: number, m: EntityManager = this.dataSource.manager): Promise<Map<string, number>> {
    if (accountIds.length === 0) return new Map();
    const y = beijingYear(year);
    const rows: { accountId: string; n: string | number }[] = await m
      .createQueryBuilder(Violation, 'v')
      .select('v.accountId', 'accountId')
      .addSelect('COUNT(*)', 'n')
      .where('v.accountId IN (:...ids)', { ids: accountIds })
      .andWhere('v.occurredAt >= :first AND v.occurredAt <= :last', { first: y.firstDay, last: y.lastDay })
      .groupBy('v.accountId')
      .getRawMany();
    return new Map(rows.map((r) => [r.accountId, Number(r.n)]));
  }

  async interviewsIn(accountIds: readonly string[], year: number, m: EntityManager = this.dataSource.manager): Promise<Map<string, number>> {
    if (accountIds.length === 0) return new Map();
    const y = beijingYear(year);
    const rows: { accountId: string; n: string | number }[] = await m
      .createQueryBuilder(Interview, 'i')
      .select('i.accountId', 'accountId')
      .addSelect('COUNT(*)', 'n')
      .where('i.accountId IN (:...ids)', { ids: accountIds })
      .andWhere(
        "((i.heldAt >= :from AND i.heldAt < :to) OR (i.status = 'refused' AND i.concludedAt >= :from AND i.concludedAt < :to))",
        { from: y.from, to: y.to },
      )
      .groupBy('i.accountId')
      .getRawMany();
    return new Map(rows.map((r) => [r.accountId, Number(r.n)]));
  }

  /**
   * Accounts on the blacklist at any time during the year: a listing that took effect (listed, or
   * listed and since ended) whose term, from `listedAt` to `endedAt` (early exit) or else `endsAt`,
   * overlaps the year. The same rule as the blacklist module's BlacklistCredit.listedDuring (not
   * exported by that module); the table is read here, batched like the two above.
   */
  async blacklistedIn(accountIds: readonly string[], year: number, m: EntityManager = this.dataSource.manager): Promise<Set<string>> {
    if (accountIds.length === 0) return new Set();
    const y = beijingYear(year);
    const rows: { accountId: string }[] = await m
      .createQueryBuilder(BlacklistListing, 'l')
      .select('l.accountId', 'accountId')
      .distinct(true)
      .where('l.accountId IN (:...ids)', { ids: accountIds })
      .andWhere('l.status IN (:...states)', { states: [...EFFECTIVE_LISTING_STATES] })
      .andWhere('l.listedAt < :to', { to: y.to })
      .andWhere('COALESCE(l.endedAt, l.endsAt) > :from', { from: y.from })
      .getRawMany();
    return new Set(rows.map((r) => r.accountId));
  }
}
