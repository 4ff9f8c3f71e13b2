import { EventSubscriber, type EntitySubscriberInterface, type InsertEvent, type RemoveEvent, type UpdateEvent } from 'typeorm';
import { MediaAccount } from '../../modules/registry/account.entity.js';
import { nameSearchFor } from './name-search.strategy.js';

/**
 * Keeps account_name_gram in step with media_account.name in the writer's own transaction: every
 * `save()` or `insert()` of an account, and every `save()` that changes its name. Query-builder
 * UPDATEs carry no ids, so a bulk rename that way must call `nameSearchFor(ds).reindex` itself.
 */
@EventSubscriber()
export class AccountNameGramSubscriber implements EntitySubscriberInterface<MediaAccount> {
  listenTo() {
    return MediaAccount;
  }

  async afterInsert(e: InsertEvent<MediaAccount>): Promise<void> {
    const a = e.entity;
    if (a?.id && typeof a.name === 'string') await nameSearchFor(e.connection).reindex(e.manager, a.id, a.name);
  }

  async afterUpdate(e: UpdateEvent<MediaAccount>): Promise<void> {
    const a = e.entity as Partial<MediaAccount> | undefined;
    const id = a?.id ?? e.databaseEntity?.id;
    if (!id || typeof a?.name !== 'string') return;
    const changed = e.updatedColumns.some((c) => c.propertyName === 'name') || (e.databaseEntity && e.databaseEntity.name !== a.name);
    if (changed) await nameSearchFor(e.connection).reindex(e.manager, id, a.name);
  }

  async beforeRemove(e: RemoveEvent<MediaAccount>): Promise<void> {
    const id = e.entity?.id ?? e.entityId;
    if (typeof id === 'string') await nameSearchFor(e.connection).remove(e.manager, id);
  }
}
