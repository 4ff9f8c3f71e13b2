import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, IsNull, Not } from 'typeorm';
import { POLICY } from '../../policy/policy-table.js';
import { beijingDate } from '../calendar/deadline-calendar.js';
import { Interview } from '../interviews/interview.entity.js';
import { FAILED_RECTIFICATION_STATES, interviewWorkflow } from '../interviews/workflow/interview.workflow.js';
import { MediaAccount } from '../registry/account.entity.js';
import { PLATFORM_LABELS, type Platform } from '../registry/registry.constants.js';
import { Subject } from '../registry/subject.entity.js';
import { VIOLATION_CATEGORY_LABELS, VIOLATION_SOURCE_LABELS, type ViolationCategory, type ViolationSource } from '../violations/violation-categories.js';
import { Violation } from '../violations/violation.entity.js';
import { factsOf } from './blacklist-documents.js';
import { BlacklistListing } from './blacklist-listing.entity.js';
import { r1Facts, r2Facts } from './blacklist-rules.js';
import { violationWindowFrom } from './blacklist-term.js';
import { type BlacklistRule, type CandidateFacts, type InterviewFact, RULE_LABELS, type ViolationFact } from './blacklist.constants.js';
import { DECIDED_LISTING_STATES, EFFECTIVE_LISTING_STATES } from './workflow/blacklist.workflow.js';

/** A blacklist candidate: an account and the rule that holds for it now, with the facts. */
export interface Candidate {
  accountId: string;
  filingNo: string;
  name: string;
  platform: string;
  platformLabel: string;
  subjectName: string | null;
  rule: BlacklistRule;
  ruleLabel: string;
  facts: CandidateFacts;
}

/** `IN (...)` lists stay under SQLite's expression limit. */
const CHUNK = 500;
const SUMMARY_CHARS = 200;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The rules of §03.5 applied to the records (domain.md "Blacklist"):
 * R1 at least `blacklistViolationThreshold` substantiated violations that occurred within the last
 * `blacklistViolationWindowMonths` months (Beijing dates, today included);
 * R2 a failed rectification (assessed as failed, overdue, or refused; FAILED_RECTIFICATION_STATES).
 * Facts a listing that took effect already cited do not count again; facts an approver declined to
 * list on make a candidate again only with something new (see blacklist-rules.ts).
 */
@Injectable()
export class BlacklistCandidates {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every candidate now, except accounts with a proposal under way or a listing in force. */
  async all(now: Date = new Date(), m: EntityManager = this.dataSource.manager): Promise<Candidate[]> {
    const today = beijingDate(now);
    const from = violationWindowFrom(today, POLICY.blacklistViolationWindowMonths.value);
    const r1: { accountId: string }[] = await m
      .createQueryBuilder(Violation, 'v')
      .select('v.accountId', 'accountId')
      .where('v.occurredAt >= :from AND v.occurredAt <= :today', { from, today })
      .groupBy('v.accountId')
      .having('COUNT(*) >= :threshold', { threshold: POLICY.blacklistViolationThreshold.value })
      .getRawMany();
    const r2: { accountId: string }[] = await m
      .createQueryBuilder(Interview, 'i')
      .select('i.accountId', 'accountId')
      .distinct(true)
      .where('i.status IN (:...states)', { states: [...FAILED_RECTIFICATION_STATES] })
      .getRawMany();
    const ids = [...new Set([...r1, ...r2].map((r) => r.accountId))];
    const open = new Set<string>();
    for (const part of chunks(ids)) {
      const rows = await m.find(BlacklistListing, { where: { openAccountId: In(part) }, select: { id: true, accountId: true } });
      for (const r of rows) open.add(r.accountId);
    }
    const candidates = await this.evaluate(ids.filter((id) => !open.has(id)), now, m);
    return candidates.sort((a, b) => a.filingNo.localeCompare(b.filingNo) || a.rule.localeCompare(b.rule));
  }

  /** The facts that make the account a candidate under `rule` now, or null when the rule does not hold. */
  async factsFor(accountId: string, rule: BlacklistRule, now: Date, m: EntityManager): Promise<CandidateFacts | null> {
    const found = await this.evaluate([accountId], now, m);
    return found.find((c) => c.rule === rule)?.facts ?? null;
  }

  /** Applies both rules to the accounts (filed ones: a listing names the filing number). */
  private async evaluate(accountIds: readonly string[], now: Date, m: EntityManager): Promise<Candidate[]> {
    if (accountIds.length === 0) return [];
    const today = beijingDate(now);
    const months = POLICY.blacklistViolationWindowMonths.value;
    const threshold = POLICY.blacklistViolationThreshold.value;
    const from = violationWindowFrom(today, months);
    const out: Candidate[] = [];
    for (const part of chunks(accountIds)) {
      const [accounts, violations, interviews, decided] = await Promise.all([
        m.find(MediaAccount, { where: { id: In(part), filingNo: Not(IsNull()) } }),
        m
          .createQueryBuilder(Violation, 'v')
          .where('v.accountId IN (:...ids)', { ids: part })
          .andWhere('v.occurredAt >= :from AND v.occurredAt <= :today', { from, today })
          .orderBy('v.occurredAt', 'ASC')
          .addOrderBy('v.createdAt', 'ASC')
          .getMany(),
        m.find(Interview, { where: { accountId: In(part), status: In([...FAILED_RECTIFICATION_STATES]) }, order: { concludedAt: 'ASC', id: 'ASC' } }),
        m.find(BlacklistListing, { where: { accountId: In(part), status: In([...DECIDED_LISTING_STATES]) }, select: { id: true, accountId: true, status: true, facts: true } }),
      ]);
      const subjects = accounts.length
        ? await m.find(Subject, { where: { id: In([...new Set(accounts.map((a) => a.subjectId))]) }, select: { id: true, name: true } })
        : [];
      const subjectName = new Map(subjects.map((s) => [s.id, s.name]));
      const vByAccount = new Map<string, ViolationFact[]>();
      for (const v of violations) push(vByAccount, v.accountId, violationFact(v));
      const iByAccount = new Map<string, InterviewFact[]>();
      for (const i of interviews) push(iByAccount, i.accountId, interviewFact(i));
      const punished = new Map<string, Set<string>>();
      const declined = new Map<string, Set<string>>();
      const decidedInterviews = new Map<string, Set<string>>();
      for (const l of decided) {
        const facts = factsOf(l);
        const effective = (EFFECTIVE_LISTING_STATES as readonly string[]).includes(l.status);
        const target = facts.rule === 'R1' ? (effective ? punished : declined) : decidedInterviews;
        const ids = facts.rule === 'R1' ? facts.violations.map((v) => v.id) : facts.interviews.map((i) => i.id);
        const set = target.get(l.accountId) ?? new Set<string>();
        for (const id of ids) set.add(id);
        target.set(l.accountId, set);
      }
      const none = new Set<string>();
      for (const a of accounts) {
        const base = {
          accountId: a.id,
          filingNo: a.filingNo!,
          name: a.name,
          platform: a.platform,
          platformLabel: PLATFORM_LABELS[a.platform as Platform] ?? a.platform,
          subjectName: subjectName.get(a.subjectId) ?? null,
        };
        const v = r1Facts(vByAccount.get(a.id) ?? [], punished.get(a.id) ?? none, declined.get(a.id) ?? none, threshold);
        if (v) out.push({ ...base, rule: 'R1', ruleLabel: RULE_LABELS.R1, facts: { rule: 'R1', threshold, windowMonths: months, windowFrom: from, asOf: today, violations: v } });
        const i = r2Facts(iByAccount.get(a.id) ?? [], decidedInterviews.get(a.id) ?? none);
        if (i) out.push({ ...base, rule: 'R2', ruleLabel: RULE_LABELS.R2, facts: { rule: 'R2', interviews: i } });
      }
    }
    return out;
  }
}

function violationFact(v: Violation): ViolationFact {
  const summary = v.facts.length > SUMMARY_CHARS ? `${v.facts.slice(0, SUMMARY_CHARS)}…` : v.facts;
  return {
    id: v.id,
    category: v.category,
    categoryLabel: VIOLATION_CATEGORY_LABELS[v.category as ViolationCategory] ?? v.category,
    source: v.source,
    sourceLabel: VIOLATION_SOURCE_LABELS[v.source as ViolationSource] ?? v.source,
    occurredAt: v.occurredAt,
    summary,
  };
}

function interviewFact(i: Interview): InterviewFact {
  return {
    id: i.id,
    noticeNo: i.noticeNo,
    status: i.status,
    statusLabel: interviewWorkflow.def.labels[i.status],
    concludedAt: i.concludedAt ? new Date(i.concludedAt).toISOString() : null,
  };
}
