import { Column, Entity, Index } from 'typeorm';
import { VersionedEntity } from '../../database/base.entity.js';
import type { StaffRole } from './staff.constants.js';

/** One person on an account's editorial staff (§02.5 编辑责任制). */
@Entity('staff_member')
@Index(['accountId', 'endDate'])
@Index(['ownerId'])
export class StaffMember extends VersionedEntity {
  @Column({ type: 'varchar', length: 36 })
  accountId: string;

  /** The account's operator, denormalised: object-level access checks need no join. */
  @Column({ type: 'varchar', length: 36 })
  ownerId: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  /** Resident ID number, AES-256-GCM encrypted (FieldCipher). */
  @Column({ type: 'varchar', length: 255 })
  idNumberEnc: string;

  /** Keyed digest of the ID number: finds the same person twice on one roster without decrypting. */
  @Index()
  @Column({ type: 'varchar', length: 64 })
  idNumberIndex: string;

  /** Encrypted. */
  @Column({ type: 'varchar', length: 255 })
  phoneEnc: string;

  @Column({ type: 'varchar', length: 16 })
  role: StaffRole;

  /** 专职 (§02.5 "安排专职编辑人员"). */
  @Column({ type: 'boolean', default: true })
  fullTime: boolean;

  @Column({ type: 'date' })
  startDate: string;

  /** Set when the person leaves; null while on the roster. */
  @Column({ type: 'date', nullable: true })
  endDate: string | null;
}
