import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/decorators.js';
import type { Candidate } from '../blacklist/blacklist-candidates.js';
import { factsSentence } from '../blacklist/blacklist.constants.js';
import { BlacklistService } from '../blacklist/blacklist.service.js';
import type { ListingView } from '../blacklist/blacklist.views.js';
import { ListingQuery } from '../blacklist/dto/blacklist.dto.js';
import type { ExitState, ListingState } from '../blacklist/workflow/blacklist.workflow.js';
import { beijingDate, DeadlineCalendar } from '../calendar/deadline-calendar.js';
import { deadlineTag } from './enforcement-views.js';

/** State tags (style.md): yellow waiting for someone, red a listing in force, grey closed. */
export const LISTING_TAGS: Record<ListingState, string> = { proposed: 'tag--yellow', defended: 'tag--blue', listed: 'tag--red', rejected: 'tag--grey', ended: 'tag--grey' };
export const EXIT_TAGS: Record<ExitState, string> = { proposed: 'tag--yellow', approved: 'tag--green', rejected: 'tag--grey', lapsed: 'tag--grey' };

export function listingQuery(over: Partial<ListingQuery>): ListingQuery {
  return Object.assign(new ListingQuery(), { page: 1, pageSize: 20, ...over });
}

/**
 * What the blacklist pages and the desks show of entries: rows with their state tag and the defence
 * deadline in working-day words, candidates with their facts in a sentence, the approver's queue.
 */
@Injectable()
export class BlacklistDesk {
  constructor(
    private readonly blacklist: BlacklistService,
    private readonly calendar: DeadlineCalendar,
  ) {}

  /** A listing as a table row: its state tag and, while the window runs, the deadline in words. */
  row(l: ListingView) {
    return {
      ...l,
      statusTag: LISTING_TAGS[l.status],
      deadline: l.status === 'proposed' ? deadlineTag(this.calendar, l.defenceDeadline, beijingDate()) : null,
      pending: l.status === 'proposed' || l.status === 'defended',
      factsText: factsSentence(l.facts),
      exitTag: l.exit ? EXIT_TAGS[l.exit.status] : null,
    };
  }

  candidateRow(c: Candidate) {
    return { ...c, factsText: factsSentence(c.facts), proposeHref: `/officer/blacklist/propose?accountId=${encodeURIComponent(c.accountId)}&rule=${c.rule}` };
  }

  /**
   * The approver's blacklist queue: proposals ready for a decision (defence stated or window over),
   * proposals still in their defence window, and early-exit proposals; oldest first. The approver
   * desk shows it with `{{> blacklist/approver-queue}}` when its controller adds this data.
   */
  async approverQueue(user: AuthUser) {
    const [ready, waiting, exits] = await Promise.all([
      this.blacklist.list(listingQuery({ ready: 'true', pageSize: 100 })),
      this.blacklist.list(listingQuery({ ready: 'false', pageSize: 100 })),
      this.blacklist.exits({ page: 1, pageSize: 100, status: 'proposed' }),
    ]);
    const mark = (l: ListingView) => ({ ...this.row(l), ownProposal: l.proposedBy.id === user.id });
    return {
      blacklistQueue: {
        ready: ready.items.map(mark),
        waiting: waiting.items.map(mark),
        exits: exits.items.map((x) => ({ ...x, ownProposal: x.proposedBy.id === user.id })),
        total: ready.total + exits.total,
      },
    };
  }
}
