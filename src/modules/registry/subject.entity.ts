import { Column, Entity, Index } from 'typeorm';
import { VersionedEntity } from '../../database/base.entity.js';
import type { SubjectKind } from './registry.constants.js';

/** 主体: the organisation or person that runs accounts (domain.md "Subject"). */
@Entity('subject')
@Index(['ownerId'])
export class Subject extends VersionedEntity {
  /** The operator user who registered it. */
  @Column({ type: 'varchar', length: 36 })
  ownerId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: SubjectKind;

  @Column({ type: 'varchar', length: 128 })
  name: string;

  /** Organisations: 统一社会信用代码 (public information, stored plain). Unique: one subject per code. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 18, nullable: true })
  creditCode: string | null;

  /** Individuals: resident ID number, AES-256-GCM encrypted. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  idNumberEnc: string | null;

  /** Keyed digest of the ID number, to find duplicates without decrypting. Unique: one subject per person. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  idNumberIndex: string | null;

  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ type: 'varchar', length: 255 })
  registeredAddress: string;

  @Column({ type: 'varchar', length: 255 })
  operatingAddress: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  businessScope: string | null;

  @Column({ type: 'varchar', length: 64 })
  contactName: string;

  /** Encrypted. */
  @Column({ type: 'varchar', length: 255 })
  contactPhoneEnc: string;
}
