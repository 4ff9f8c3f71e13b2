import { Column, Entity, Index } from 'typeorm';
import { VersionedEntity } from '../../database/base.entity.js';
import type { SubjectKind } from '../registry/registry.constants.js';
import type { BlacklistRule } from './blacklist.constants.js';
import type { EndReason, ExitState, ListingState } from './workflow/blacklist.workflow.js';

/**
 * 违法违规黑名单 (§03.5): one entry from the officer's proposal through the notice, the operator's
 * defence and the approver's decision, to the end of the listing (domain.md "Blacklist").
 */
@Entity('blacklist_listing')
@Index(['accountId', 'status'])
@Index(['status', 'endsAt'])
@Index(['status', 'createdAt'])
@Index(['ownerId', 'createdAt'])
@Index(['listedAt'])
export class BlacklistListing extends VersionedEntity {
  @Column({ type: 'varchar', length: 36 })
  accountId: string;

  /**
   * The account id while the entry is open (proposed, defended, listed), null once it is rejected or
   * ended: the unique index keeps one open proposal or listing per account, even against a race.
   */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 36, nullable: true })
  openAccountId: string | null;

  /** The account's operator (denormalised for access checks and the operator's notices). */
  @Column({ type: 'varchar', length: 36 })
  ownerId: string;

  @Column({ type: 'varchar', length: 36 })
  subjectId: string;

  /** As they stood at the proposal: the notice and the public list show what was decided on. */
  @Column({ type: 'varchar', length: 128 })
  accountName: string;

  @Column({ type: 'varchar', length: 24 })
  filingNo: string;

  @Column({ type: 'varchar', length: 16 })
  platform: string;

  @Column({ type: 'varchar', length: 128 })
  subjectName: string;

  @Column({ type: 'varchar', length: 16 })
  subjectKind: SubjectKind;

  @Column({ type: 'varchar', length: 4 })
  rule: BlacklistRule;

  /** CandidateFacts as JSON: the violations (R1) or failed rectifications (R2) cited. */
  @Column({ type: 'text' })
  facts: string;

  /** The legal basis as the officer wrote it (§03.5). */
  @Column({ type: 'text' })
  basis: string;

  @Column({ type: 'varchar', length: 48 })
  policyKey: string;

  @Column({ type: 'varchar', length: 128 })
  citation: string;

  @Column({ type: 'varchar', length: 32 })
  policyVersion: string;

  @Column({ type: 'varchar', length: 16, default: 'proposed' })
  status: ListingState;

  @Column({ type: 'varchar', length: 36 })
  proposedBy: string;

  @Column({ type: 'varchar', length: 64 })
  proposedByName: string;

  // — the notice (告知书) and the defence (陈述申辩) —

  /** YH-WXHMD-<year>-<4-digit seq>, gap-free per year. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 24 })
  noticeNo: string;

  /** The notice's date (Beijing): the defence window counts from it. */
  @Column({ type: 'date' })
  noticeDate: string;

  /** When the notice reached the operator's desk (at the proposal). */
  @Column({ type: 'datetime' })
  notifiedAt: Date;

  /** The last day (Beijing) a statement is accepted: 5 working days after the notice date. */
  @Column({ type: 'date' })
  defenceDeadline: string;

  @Column({ type: 'text', nullable: true })
  defenceStatement: string | null;

  @Column({ type: 'datetime', nullable: true })
  defendedAt: Date | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  defendedBy: string | null;

  // — the decision —

  @Column({ type: 'varchar', length: 36, nullable: true })
  decidedBy: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  decidedByName: string | null;

  @Column({ type: 'datetime', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  rejectReason: string | null;

  /** 决定书 number YH-WXHMJ-<year>-<4-digit seq>, given on approval. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 24, nullable: true })
  decisionNo: string | null;

  // — the term —

  @Column({ type: 'datetime', nullable: true })
  listedAt: Date | null;

  /** listedAt plus 12 months (policy blacklistTermMonths), on the Beijing clock. */
  @Column({ type: 'datetime', nullable: true })
  endsAt: Date | null;

  /** Early exit: the approval; expiry: endsAt (the term ended by itself, the sweep only records it). */
  @Column({ type: 'datetime', nullable: true })
  endedAt: Date | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  endReason: EndReason | null;
}

/** 提前移出: an officer's proposal to end a listing early, with the office's assessment (§03.5). */
@Entity('blacklist_exit')
@Index(['listingId', 'createdAt'])
@Index(['status', 'createdAt'])
export class BlacklistExit extends VersionedEntity {
  @Column({ type: 'varchar', length: 36 })
  listingId: string;

  /** The listing id while the proposal is open: one open proposal per listing. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 36, nullable: true })
  openListingId: string | null;

  @Column({ type: 'varchar', length: 36 })
  accountId: string;

  @Column({ type: 'varchar', length: 16, default: 'proposed' })
  status: ExitState;

  /** The active and effective rectification during the term. */
  @Column({ type: 'text' })
  reason: string;

  /** The office's assessment of it (§03.5 经区网信办评估同意). */
  @Column({ type: 'text', nullable: true })
  assessment: string | null;

  @Column({ type: 'varchar', length: 36 })
  proposedBy: string;

  @Column({ type: 'varchar', length: 64 })
  proposedByName: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  decidedBy: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  decidedByName: string | null;

  @Column({ type: 'datetime', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  rejectReason: string | null;

  @Column({ type: 'varchar', length: 48 })
  policyKey: string;

  @Column({ type: 'varchar', length: 128 })
  citation: string;

  @Column({ type: 'varchar', length: 32 })
  policyVersion: string;
}
