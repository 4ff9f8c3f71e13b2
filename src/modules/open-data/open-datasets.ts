import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { maskPersonName } from '../../common/crypto/mask.js';
import { BlacklistListing } from '../blacklist/blacklist-listing.entity.js';
import { RULE_LABELS } from '../blacklist/blacklist.constants.js';
import { beijingDate } from '../calendar/deadline-calendar.js';
import { MediaAccount } from '../registry/account.entity.js';
import { CATEGORY_LABELS, PLATFORM_LABELS, type Platform } from '../registry/registry.constants.js';
import { PUBLIC_ACCOUNT_STATES } from '../registry/registry.views.js';
import { Subject } from '../registry/subject.entity.js';
import { accountWorkflow } from '../registry/workflow/account.workflow.js';
import { type ExportRow, keysetPages } from './export-stream.js';

/** An individual's name keeps only the surname in anything public (domain.md "Registry"). */
export function publicSubjectName(s: Pick<Subject, 'kind' | 'name'> | null | undefined): string {
  if (!s) return '';
  return (s.kind === 'individual' ? maskPersonName(s.name) : s.name) ?? '';
}

/**
 * The open datasets (public, no login): the registry of filed accounts and the blacklist in force.
 * Each is read in keyset pages of 1,000 and written as it is read.
 */
@Injectable()
export class OpenDatasets {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Filed accounts and those under a measure in force (the public lookup's states), by filing number. */
  async *accounts(): AsyncGenerator<ExportRow[]> {
    const repo = this.dataSource.getRepository(MediaAccount);
    const pages = keysetPages(
      (after, limit) => {
        const qb = repo
          .createQueryBuilder('a')
          .where('a.status IN (:...states)', { states: [...PUBLIC_ACCOUNT_STATES] })
          .andWhere('a.filingNo IS NOT NULL');
        if (after !== null) qb.andWhere('a.filingNo > :after', { after });
        return qb.orderBy('a.filingNo', 'ASC').limit(limit).getMany();
      },
      (a) => a.filingNo!,
    );
    for await (const page of pages) {
      const subjects = await this.subjects(page.map((a) => a.subjectId));
      yield page.map((a) => {
        const s = subjects.get(a.subjectId);
        return {
          filingNo: a.filingNo,
          name: a.name,
          platform: a.platform,
          platformLabel: PLATFORM_LABELS[a.platform] ?? a.platform,
          category: a.category,
          categoryLabel: CATEGORY_LABELS[a.category] ?? a.category,
          subjectKind: s?.kind ?? null,
          subjectName: publicSubjectName(s),
          status: a.status,
          statusLabel: accountWorkflow.def.labels[a.status],
          grade: a.grade,
          gradeYear: a.gradeYear,
          filedDate: a.filedAt ? beijingDate(a.filedAt) : null,
        };
      });
    }
  }

  /** Listings in force at `now` (listed, term not over), by decision number. */
  async *blacklist(now: Date = new Date()): AsyncGenerator<ExportRow[]> {
    const repo = this.dataSource.getRepository(BlacklistListing);
    const pages = keysetPages(
      (after, limit) => {
        const qb = repo
          .createQueryBuilder('l')
          .where('l.status = :listed', { listed: 'listed' })
          .andWhere('l.endsAt > :now', { now })
          .andWhere('l.decisionNo IS NOT NULL');
        if (after !== null) qb.andWhere('l.decisionNo > :after', { after });
        return qb.orderBy('l.decisionNo', 'ASC').limit(limit).getMany();
      },
      (l) => l.decisionNo!,
    );
    for await (const page of pages) {
      yield page.map((l) => ({
        decisionNo: l.decisionNo,
        filingNo: l.filingNo,
        accountName: l.accountName,
        platform: l.platform,
        platformLabel: PLATFORM_LABELS[l.platform as Platform] ?? l.platform,
        subjectName: publicSubjectName({ kind: l.subjectKind, name: l.subjectName }),
        rule: l.rule,
        ruleLabel: RULE_LABELS[l.rule],
        basis: l.basis,
        listedDate: l.listedAt ? beijingDate(l.listedAt) : null,
        endsDate: l.endsAt ? beijingDate(l.endsAt) : null,
      }));
    }
  }

  private async subjects(ids: string[]): Promise<Map<string, Pick<Subject, 'id' | 'kind' | 'name'>>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.dataSource.getRepository(Subject).find({ where: { id: In(unique) }, select: { id: true, kind: true, name: true } });
    return new Map(rows.map((s) => [s.id, s]));
  }
}
