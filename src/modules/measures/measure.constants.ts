import type { PolicyKey } from '../../policy/policy-table.js';
import type { AccountAction, AccountState } from '../registry/workflow/account.workflow.js';
import type { MeasureKind } from './workflow/measure.workflow.js';

/**
 * §03.3: the district office reports upward and the upper-level office acts on the platforms; on a
 * restriction it notifies the police, the press and publication department and the culture and
 * tourism department. The addressees as the office writes them (2024 names of the Yuhang bodies).
 */
export const UPPER_OFFICE = '杭州市互联网信息办公室';

export const LETTERS = ['upper-request', 'police', 'press', 'culture'] as const;
export type LetterKind = (typeof LETTERS)[number];
export const REFERRAL_LETTERS = ['police', 'press', 'culture'] as const satisfies readonly LetterKind[];

export const LETTER_ADDRESSEES: Record<LetterKind, string> = {
  'upper-request': UPPER_OFFICE,
  police: '杭州市公安局余杭区分局',
  press: '中共杭州市余杭区委宣传部（区新闻出版局）',
  culture: '杭州市余杭区文化和广电旅游体育局',
};

/** 请示 to the upper-level office and 通报 to the departments: each series numbered per year, gap-free. */
export const REQUEST_NO_PREFIX = 'YH-WXQS';
export const REFERRAL_NO_PREFIX = 'YH-WXTB';
export function formatLetterNo(prefix: string, year: number, seq: number): string {
  return `${prefix}-${year}-${String(seq).padStart(4, '0')}`;
}

/**
 * One step at a time (§03.3): the account action a measure of `kind` takes from the account's state,
 * or null when the account is not where that step starts. Lifting restores the state below.
 */
export function accountActionFor(kind: MeasureKind, status: AccountState): AccountAction | null {
  switch (kind) {
    case 'restrict':
      return status === 'filed' ? 'restrict' : null;
    case 'suspend':
      return status === 'restricted' ? 'suspend' : null;
    case 'close':
      return status === 'suspended' ? 'close' : null;
    case 'lift':
      return status === 'restricted' ? 'liftRestriction' : status === 'suspended' ? 'liftSuspension' : status === 'closed' ? 'reopen' : null;
  }
}

/** What each kind needs the account to be, in words (for the 409 message). */
export const REQUIRED_ACCOUNT_STATE: Record<MeasureKind, string> = {
  restrict: '已备案',
  suspend: '限制发布',
  close: '暂停更新',
  lift: '限制发布、暂停更新或已关闭',
};

/** The rule each kind rests on. */
export const MEASURE_POLICY: Record<MeasureKind, PolicyKey> = {
  restrict: 'escalationSteps',
  suspend: 'escalationSteps',
  close: 'escalationSteps',
  lift: 'measureLift',
};

/** What the upper-level office is asked to do, per account action. */
export const ACTION_WORDS: Record<string, string> = {
  restrict: '限制发布',
  suspend: '暂停更新',
  close: '关闭账号',
  liftRestriction: '解除限制发布',
  liftSuspension: '解除暂停更新（恢复至限制发布）',
  reopen: '恢复账号（恢复至暂停更新）',
};
