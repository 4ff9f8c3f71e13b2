import { EventSubscriber, type EntitySubscriberInterface, type InsertEvent, type RemoveEvent, type UpdateEvent } from 'typeorm';
import { MediaAccount } from '../../modules/registry/account.entity.js';
import { isPubliclyListed } from '../../modules/registry/registry.views.js';
import { type GramListing, nameSearchFor } from './name-search.strategy.js';

const LISTING_COLUMNS = ['status', 'filingNo', 'filedAt'];

function listingOf(a: Pick<MediaAccount, 'status' | 'filingNo' | 'filedAt'>): GramListing {
  return { listed: isPubliclyListed(a), filedAt: a.filedAt ?? null, filingNo: a.filingNo ?? null };
}

/**
 * Keeps account_name_gram in step with media_account in the writer's own transaction: every
 * `save()` or `insert()` of an account, every `save()` that changes its name (new grams) or its
 * listing (state, filing number, filing time copied onto its grams). Query-builder UPDATEs carry no
 * ids, so a bulk change that way must call `nameSearchFor(ds).reindex` or `relist` itself.
 */
@EventSubscriber()
export class AccountNameGramSubscriber implements EntitySubscriberInterface<MediaAccount> {
  listenTo() {
    return MediaAccount;
  }

  async afterInsert(e: InsertEvent<MediaAccount>): Promise<void> {
    const a = e.entity;
    if (a?.id && typeof a.name === 'string') await nameSearchFor(e.connection).reindex(e.manager, a.id, a.name, listingOf(a));
  }

  async afterUpdate(e: UpdateEvent<MediaAccount>): Promise<void> {
    const a = e.entity as Partial<MediaAccount> | undefined;
    const before = e.databaseEntity as MediaAccount | undefined;
    const id = a?.id ?? before?.id;
    if (!id || !a) return;
    const merged = { ...before, ...a } as MediaAccount;
    const changed = (column: string) =>
      e.updatedColumns.some((c) => c.propertyName === column) || (before !== undefined && column in a && String(before[column as keyof MediaAccount]) !== String(a[column as keyof MediaAccount]));
    if (typeof merged.name === 'string' && changed('name')) await nameSearchFor(e.connection).reindex(e.manager, id, merged.name, listingOf(merged));
    else if (LISTING_COLUMNS.some(changed)) await nameSearchFor(e.connection).relist(e.manager, id, listingOf(merged));
  }

  async beforeRemove(e: RemoveEvent<MediaAccount>): Promise<void> {
    const id = e.entity?.id ?? e.entityId;
    if (typeof id === 'string') await nameSearchFor(e.connection).remove(e.manager, id);
  }
}
