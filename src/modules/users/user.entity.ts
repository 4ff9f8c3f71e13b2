import { Column, Entity, Index } from 'typeorm';
import type { Role } from '../../common/auth/roles.js';
import { VersionedEntity } from '../../database/base.entity.js';

export const USER_STATUSES = ['active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

@Entity('app_user')
export class User extends VersionedEntity {
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  username: string;

  @Column({ type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  @Column({ type: 'varchar', length: 64 })
  displayName: string;

  /** Encrypted (FieldCipher); null for staff accounts made by the sysadmin without one. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  phoneEnc: string | null;

  /** Evaluators: their association or the expert pool; officers: their department. */
  @Column({ type: 'varchar', length: 128, nullable: true })
  organization: string | null;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: UserStatus;

  /** Bumped when the password changes or the user is disabled: every earlier token stops working. */
  @Column({ type: 'int', default: 0 })
  tokenVersion: number;

  @Column({ type: 'datetime', nullable: true })
  passwordChangedAt: Date | null;

  @Column({ type: 'datetime', nullable: true })
  lastLoginAt: Date | null;
}

/**
 * Consecutive failed sign-ins per user name, kept whether or not the user exists: unknown names
 * lock the same way, so the answers do not reveal which names are registered. Survives restarts.
 */
@Entity('login_attempt')
export class LoginAttempt {
  @Column({ type: 'varchar', length: 64, primary: true })
  username: string;

  @Column({ type: 'int', default: 0 })
  failures: number;

  @Column({ type: 'datetime', nullable: true })
  lockedUntil: Date | null;

  @Column({ type: 'datetime' })
  lastAttemptAt: Date;
}
