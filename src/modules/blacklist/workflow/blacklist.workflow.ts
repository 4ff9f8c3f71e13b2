import { Workflow } from '../../../common/workflow/state-machine.js';

/**
 * A blacklist listing (§03.5) under due process (国办发〔2020〕49号):
 *   proposed → defended (the operator's statement) → listed | rejected (an approver, not the proposer);
 *   proposed → listed | rejected once the defence window has passed;
 *   listed → ended, by itself at the end of the term (`expire`) or early, approved (`endEarly`).
 * When an approval may happen (window passed or defence stated) is a rule of the service, not a
 * state: the window closes with the calendar, not with an action.
 */
export const LISTING_STATES = ['proposed', 'defended', 'listed', 'rejected', 'ended'] as const;
export type ListingState = (typeof LISTING_STATES)[number];

export const LISTING_ACTIONS = ['defend', 'approve', 'reject', 'expire', 'endEarly'] as const;
export type ListingAction = (typeof LISTING_ACTIONS)[number];

/** An account has at most one entry in these states (a proposal under way or a listing in force). */
export const OPEN_LISTING_STATES: readonly ListingState[] = ['proposed', 'defended', 'listed'];
/** Waiting for the approver's decision. */
export const PENDING_LISTING_STATES: readonly ListingState[] = ['proposed', 'defended'];
/** The listing took effect (it counts for joint restriction and for the annual evaluation). */
export const EFFECTIVE_LISTING_STATES: readonly ListingState[] = ['listed', 'ended'];
/** Decided: the facts it cites are not a candidate's facts any more. */
export const DECIDED_LISTING_STATES: readonly ListingState[] = ['listed', 'ended', 'rejected'];

export const listingWorkflow = new Workflow<ListingState, ListingAction>({
  name: 'blacklist-listing',
  states: LISTING_STATES,
  initial: 'proposed',
  transitions: {
    // One statement, within the defence window (5 working days after the notice).
    defend: { from: ['proposed'], to: 'defended' },
    approve: { from: ['proposed', 'defended'], to: 'listed' },
    reject: { from: ['proposed', 'defended'], to: 'rejected' },
    // §03.5: the term (12 months) ends by itself.
    expire: { from: ['listed'], to: 'ended' },
    // §03.5: active and effective rectification during the term, with the office's assessment.
    endEarly: { from: ['listed'], to: 'ended' },
  },
  labels: {
    proposed: '已告知，待陈述申辩',
    defended: '已陈述申辩，待审批',
    listed: '已列入黑名单',
    rejected: '不予列入',
    ended: '已移出黑名单',
  },
  actionLabels: {
    defend: '陈述申辩',
    approve: '批准列入',
    reject: '不予列入',
    expire: '期满移出',
    endEarly: '提前移出',
  },
});

/** Why a listing ended. */
export const END_REASONS = ['expired', 'early_exit'] as const;
export type EndReason = (typeof END_REASONS)[number];
export const END_REASON_LABELS: Record<EndReason, string> = { expired: '期满移出', early_exit: '整改有效，提前移出' };

/**
 * An early-exit proposal on a listing in force: an officer proposes with the office's assessment,
 * an approver (not the proposer) approves or rejects; a proposal still open when the term expires
 * lapses.
 */
export const EXIT_STATES = ['proposed', 'approved', 'rejected', 'lapsed'] as const;
export type ExitState = (typeof EXIT_STATES)[number];

export const EXIT_ACTIONS = ['approve', 'reject', 'lapse'] as const;
export type ExitAction = (typeof EXIT_ACTIONS)[number];

export const exitWorkflow = new Workflow<ExitState, ExitAction>({
  name: 'blacklist-exit',
  states: EXIT_STATES,
  initial: 'proposed',
  transitions: {
    approve: { from: ['proposed'], to: 'approved' },
    reject: { from: ['proposed'], to: 'rejected' },
    lapse: { from: ['proposed'], to: 'lapsed' },
  },
  labels: { proposed: '提前移出待审批', approved: '已批准提前移出', rejected: '不予提前移出', lapsed: '期满，提议失效' },
  actionLabels: { approve: '批准提前移出', reject: '不予提前移出', lapse: '期满失效' },
});
