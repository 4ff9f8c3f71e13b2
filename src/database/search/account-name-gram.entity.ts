import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The application-kept substring index of account names (docs/decisions.md "Search"): one row per
 * distinct bigram of a name. A pure index table, so no uuid/createdAt (style.md's BaseEntity): the
 * composite key is the index. Kept by AccountNameGramSubscriber; rebuilt by bench/generate.ts.
 *
 * The public search's visibility and order (listed, filedAt, filingNo) are copied from the account,
 * so that the index (gram, listed, filedAt, filingNo) answers "how many listed accounts hold this
 * gram" and "the newest twenty of them" without visiting media_account once per candidate.
 */
@Entity('account_name_gram')
@Index(['gram', 'listed', 'filedAt', 'filingNo'])
export class AccountNameGram {
  // The key is (accountId, gram): an account's rows together (re-indexing deletes them by the key's
  // prefix, a gram probe is a key lookup), and a search has one index to count and page from — with
  // (gram, accountId) first, MariaDB chose the key for "gram = ? AND listed = 1" and read whole rows.
  @PrimaryColumn({ type: 'varchar', length: 36 })
  accountId: string;

  /** Two code points, cp1 × 0x110000 + cp2 (name-grams.ts). */
  @PrimaryColumn({ type: 'bigint' })
  gram: number;

  /** The account is in the public lookup (registry.views.ts `isPubliclyListed`). */
  @Column({ type: 'boolean', default: false })
  listed: boolean;

  @Column({ type: 'datetime', nullable: true })
  filedAt: Date | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  filingNo: string | null;
}
