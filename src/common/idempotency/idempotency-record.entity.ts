import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../database/base.entity.js';

/**
 * A request made with an `Idempotency-Key` header: while it runs (`in_flight`) and, once it
 * succeeded, its answer (`completed`, status and body), so a replay gets the same answer and creates
 * nothing. `scope` is the SHA-256 of the caller (user id, or the client address for the public), the
 * method and the route; `fingerprint` the SHA-256 of method, path and canonical body. Purged after
 * `expiresAt` (IDEMPOTENCY_TTL_HOURS, 24 h).
 */
@Entity('idempotency_record')
@Index(['scope', 'clientKey'], { unique: true })
@Index(['expiresAt'])
export class IdempotencyRecord extends BaseEntity {
  @Column({ type: 'varchar', length: 64 })
  scope: string;

  /** The client's key as sent (1–128 printable ASCII characters). */
  @Column({ type: 'varchar', length: 128 })
  clientKey: string;

  @Column({ type: 'varchar', length: 64 })
  fingerprint: string;

  /** `in_flight` | `completed`. */
  @Column({ type: 'varchar', length: 16 })
  state: 'in_flight' | 'completed';

  @Column({ type: 'int', nullable: true })
  statusCode: number | null;

  /** The answer's JSON body. */
  @Column({ type: 'text', nullable: true })
  responseBody: string | null;

  @Column({ type: 'datetime' })
  expiresAt: Date;
}
