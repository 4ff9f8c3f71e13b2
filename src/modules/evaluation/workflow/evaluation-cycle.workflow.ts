import { Workflow } from '../../../common/workflow/state-machine.js';

/**
 * The annual evaluation cycle of domain.md (§04.4-5): draft → open → scoring → closed → published.
 *
 * - `open`: the office announces the cycle (weights fixed from here on).
 * - `assign`: every evaluated account gets its evaluators and scoring starts. Allowed again while
 *   scoring, to assign accounts filed since (accounts already assigned are left as they are).
 * - `close`: the results are computed (every assignment must be scored).
 * - `publish`: an approver other than the officer who closed it makes the grades public and sets
 *   them in the registry.
 */
export const CYCLE_STATES = ['draft', 'open', 'scoring', 'closed', 'published'] as const;
export type CycleState = (typeof CYCLE_STATES)[number];

export const CYCLE_ACTIONS = ['open', 'assign', 'score', 'close', 'publish'] as const;
export type CycleAction = (typeof CYCLE_ACTIONS)[number];

export const cycleWorkflow = new Workflow<CycleState, CycleAction>({
  name: 'evaluation-cycle',
  states: CYCLE_STATES,
  initial: 'draft',
  transitions: {
    open: { from: ['draft'], to: 'open' },
    assign: { from: ['open', 'scoring'], to: 'scoring' },
    // Evaluators score only while the cycle is scoring; the state does not change.
    score: { from: ['scoring'], to: 'scoring' },
    close: { from: ['scoring'], to: 'closed' },
    publish: { from: ['closed'], to: 'published' },
  },
  labels: {
    draft: '草稿',
    open: '已启动',
    scoring: '评分中',
    closed: '已结束评分',
    published: '已公布',
  },
  actionLabels: {
    open: '启动评议',
    assign: '分配评议人员',
    score: '提交评分',
    close: '结束评分并计算结果',
    publish: '公布结果',
  },
});
