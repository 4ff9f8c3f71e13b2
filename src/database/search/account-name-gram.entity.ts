import { Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The application-kept substring index of account names (docs/decisions.md "Search"): one row per
 * distinct bigram of a name. A pure index table, so no uuid/createdAt (style.md's BaseEntity): the
 * composite key is the index. Kept by AccountNameGramSubscriber; rebuilt by bench/generate.ts.
 */
@Entity('account_name_gram')
@Index(['accountId'])
export class AccountNameGram {
  /** Two code points, cp1 × 0x110000 + cp2 (name-grams.ts). */
  @PrimaryColumn({ type: 'bigint' })
  gram: number;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  accountId: string;
}
