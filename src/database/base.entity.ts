import { CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** Every entity: a string id, createdAt, updatedAt (style.md). UUIDs: not guessable, mergeable across shards. */
export abstract class BaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @CreateDateColumn({ type: 'datetime' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'datetime' })
  updatedAt: Date;
}

/** Entities with a workflow also carry an optimistic-lock version. */
export abstract class VersionedEntity extends BaseEntity {
  @VersionColumn({ default: 1 })
  rowVersion: number;
}
