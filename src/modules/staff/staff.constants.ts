/** Vocabulary of the editorial-responsibility filing (domain.md "Editorial staff filing", §02.5-7). */
export const STAFF_ROLES = ['chief_editor', 'editor', 'reviewer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  chief_editor: '总编辑',
  editor: '编辑',
  reviewer: '审核员',
};

/** Who ran a training (§02.6: 网信部门、相关单位、行业组织). */
export const TRAINING_ORGANIZERS = ['office', 'association', 'own_unit'] as const;
export type TrainingOrganizer = (typeof TRAINING_ORGANIZERS)[number];
export const TRAINING_ORGANIZER_LABELS: Record<TrainingOrganizer, string> = {
  office: '网信部门',
  association: '行业组织',
  own_unit: '本单位',
};

/** §02.7 奖惩情况. */
export const STAFF_RECORD_KINDS = ['reward', 'punishment'] as const;
export type StaffRecordKind = (typeof STAFF_RECORD_KINDS)[number];
export const STAFF_RECORD_KIND_LABELS: Record<StaffRecordKind, string> = {
  reward: '奖励',
  punishment: '惩处',
};

/** Accounts on which the roster can no longer change: nobody publishes on them any more. */
export const ACCOUNT_STATES_WITHOUT_ROSTER = ['closed', 'deregistered'] as const;
