import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One line of the append-only audit trail. `hash` = SHA-256 over the previous entry's hash and this
 * entry's fields, so an entry edited or deleted outside the application breaks the chain.
 */
@Entity('audit_entry')
@Index(['entityType', 'entityId'])
@Index(['actorId'])
@Index(['at'])
export class AuditEntry {
  /** Position in the chain: 1, 2, 3 … (assigned under the chain-head lock, never reused). */
  @PrimaryColumn({ type: 'int' })
  seq: number;

  @Column({ type: 'datetime' })
  at: Date;

  @Column({ type: 'varchar', length: 36, nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 64 })
  actorName: string;

  @Column({ type: 'varchar', length: 16 })
  role: string;

  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ type: 'varchar', length: 48 })
  entityType: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  entityId: string | null;

  /** JSON of the state before the change, personal data masked. */
  @Column({ type: 'text', nullable: true })
  before: string | null;

  @Column({ type: 'text', nullable: true })
  after: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  sourceIp: string | null;

  @Column({ type: 'varchar', length: 64 })
  prevHash: string;

  @Column({ type: 'varchar', length: 64 })
  hash: string;
}

/** The single row that holds the chain's head; locked while an entry is appended. */
@Entity('audit_head')
export class AuditHead {
  @PrimaryColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'varchar', length: 64 })
  hash: string;
}
