import type { InterviewFact, ViolationFact } from './blacklist.constants.js';

/**
 * R1 on one account: the violations within the window (oldest first) minus those a listing that took
 * effect already punished. It holds with `threshold` or more left, unless every one of them was
 * before an approver who declined to list (a rejected proposal): then only a new violation brings
 * the account back. Answers the violations to cite, or null.
 */
export function r1Facts(inWindow: readonly ViolationFact[], punished: ReadonlySet<string>, declined: ReadonlySet<string>, threshold: number): ViolationFact[] | null {
  const left = inWindow.filter((v) => !punished.has(v.id));
  if (left.length < threshold) return null;
  if (!left.some((v) => !declined.has(v.id))) return null;
  return left;
}

/**
 * R2 on one account: failed rectifications (failed, overdue or refused) that no decided proposal
 * (listed, ended, or rejected) has cited yet. Answers them, or null.
 */
export function r2Facts(failed: readonly InterviewFact[], decided: ReadonlySet<string>): InterviewFact[] | null {
  const left = failed.filter((i) => !decided.has(i.id));
  return left.length > 0 ? left : null;
}
