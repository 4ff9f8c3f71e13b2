import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Gap-free counters (filing numbers, notice numbers), advanced inside the transaction that uses them. */
@Entity('sequence_counter')
export class SequenceCounter {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'int', default: 0 })
  value: number;
}
