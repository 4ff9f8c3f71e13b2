import { POLICY } from '../../policy/policy-table.js';
import type { Grade } from '../registry/registry.constants.js';

/** The five dimensions of §04.5 (policy `evaluationDimensions`). */
export const DIMENSIONS = POLICY.evaluationDimensions.value;
export type Dimension = (typeof DIMENSIONS)[number];

export const DIMENSION_LABELS: Record<Dimension, string> = {
  D1: '守法守规',
  D2: '坚持正确舆论导向',
  D3: '参加行业协会活动',
  D4: '企业内部员工培训和团队建设',
  D5: '配合网信部门工作',
};

/** What the evaluator is asked to judge on each dimension (the scoring form explains them). */
export const DIMENSION_GUIDANCE: Record<Dimension, string> = {
  D1: '遵守法律法规和本办法，未发布、转载违法违规信息，落实信息内容审核',
  D2: '坚持正确政治方向、舆论导向和价值取向，传播正能量',
  D3: '参加网络社会组织、行业协会组织的活动和自律公约',
  D4: '总编辑负责制和编辑人员培训、考核、奖惩落实情况，团队建设',
  D5: '配合区网信办开展监督检查、约谈整改、信息报送等工作',
};

/** Per-dimension weights of a cycle: integers summing to 100. */
export type Weights = Record<Dimension, number>;
/** One evaluator's marks: an integer 0-100 per dimension. */
export type DimensionScores = Record<Dimension, number>;

export const GRADE_NAMES: Record<Grade, string> = { A: '优秀', B: '良好', C: '合格', D: '不合格' };

/** The account states that take part in a cycle (policy `evaluationAccountStates`). */
export const EVALUATED_ACCOUNT_STATES: readonly string[] = POLICY.evaluationAccountStates.value;

/** Entity property for a dimension (`D1` → `d1`). */
export const dimensionKey = (d: Dimension) => d.toLowerCase() as Lowercase<Dimension>;
