import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SequenceCounter } from './sequence.entity.js';
import { UnitOfWork } from './unit-of-work.js';

/**
 * Gap-free numbering: the counter row is locked and advanced in the caller's transaction, so a
 * rolled-back decision gives its number back and two concurrent decisions never share one. A
 * missing counter is created in the caller's transaction with its write lock taken at once (see
 * UnitOfWork.ensureRow).
 */
@Injectable()
export class SequenceService {
  constructor(private readonly uow: UnitOfWork) {}

  async next(manager: EntityManager, name: string): Promise<number> {
    const table = manager.getRepository(SequenceCounter).metadata.tableName;
    // Create the counter if missing without racing another creator.
    await this.uow.ensureRow(manager, table, { name }, { name, value: 0 });
    const row = await this.uow.findForUpdate(manager, SequenceCounter, { where: { name } });
    const value = (row?.value ?? 0) + 1;
    await manager.update(SequenceCounter, { name }, { value });
    return value;
  }
}
