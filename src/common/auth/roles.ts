/** The roles of domain.md "Who uses it". One user has one role. */
export const ROLES = ['operator', 'officer', 'approver', 'evaluator', 'sysadmin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  operator: '账号运营者',
  officer: '网信办工作人员',
  approver: '审批负责人',
  evaluator: '评议人员',
  sysadmin: '系统管理员',
  auditor: '审计管理员',
};

/** Who is acting: recorded on every audit entry. */
export interface Actor {
  userId: string | null;
  username: string;
  role: Role | 'public' | 'system';
  ip: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null, username: 'system', role: 'system', ip: null };

export function publicActor(ip: string | null): Actor {
  return { userId: null, username: 'public', role: 'public', ip };
}
