import { ROLE_LABELS, type Role } from '../auth/roles.js';

export interface NavItem {
  href: string;
  text: string;
  /** aria-current="page" for the item the page belongs to. */
  current: boolean;
}

/** The desk each role starts from (`/desk` redirects here). */
export const DESK_BY_ROLE: Record<Role, string> = {
  operator: '/operator',
  officer: '/officer',
  approver: '/approver',
  evaluator: '/evaluator',
  sysadmin: '/admin/users',
  auditor: '/audit',
};

const PUBLIC_NAV: readonly { href: string; text: string }[] = [
  { href: '/', text: '首页' },
  { href: '/registry', text: '账号查询' },
  { href: '/blacklist', text: '黑名单公示' },
  { href: '/evaluations', text: '信用评价结果' },
  { href: '/open-data', text: '开放数据' },
  { href: '/report/how', text: '如何举报' },
];

function isUnder(path: string, href: string): boolean {
  if (href === '/') return path === '/';
  return path === href || path.startsWith(`${href}/`);
}

/**
 * The header navigation: everybody sees the public pages; a signed-in person also gets their desk
 * (我的工作台). The user's name and 退出 are drawn by the layout beside it.
 */
export function navFor(user: { role: Role } | null | undefined, currentPath = ''): NavItem[] {
  const path = currentPath.split('?')[0];
  const items = PUBLIC_NAV.map((i) => ({ ...i, current: isUnder(path, i.href) }));
  if (user) {
    const desk = DESK_BY_ROLE[user.role];
    items.push({ href: '/desk', text: '我的工作台', current: path === '/desk' || isUnder(path, desk) });
  }
  return items;
}

export function roleLabel(role: string | null | undefined): string {
  return role && role in ROLE_LABELS ? ROLE_LABELS[role as Role] : (role ?? '');
}

/**
 * The parts of a desk that have their own queue (issue 3: the officer's reports, interviews and
 * measures; the operator's interviews), drawn as a second row of links under the page's caption.
 */
const DESK_SECTIONS: Partial<Record<Role, readonly { href: string; text: string }[]>> = {
  officer: [
    { href: '/officer', text: '备案审核' },
    { href: '/officer/reports', text: '举报处理' },
    { href: '/officer/interviews', text: '约谈' },
    { href: '/officer/measures', text: '处置措施' },
    { href: '/officer/blacklist', text: '黑名单' },
    { href: '/officer/inspections', text: '双随机抽查' },
    { href: '/officer/evaluation', text: '年度评议' },
    { href: '/officer/imports', text: '批量导入' },
    { href: '/dashboard', text: '统计与报表' },
  ],
  operator: [
    { href: '/operator', text: '我的备案' },
    { href: '/operator/interviews', text: '约谈与整改' },
    { href: '/operator/blacklist', text: '黑名单告知' },
    { href: '/operator/evaluations', text: '信用评价' },
  ],
  approver: [
    { href: '/approver', text: '审批工作台' },
    { href: '/approver/blacklist', text: '黑名单审批' },
    { href: '/approver/evaluation', text: '评议结果公布' },
    { href: '/dashboard', text: '统计与报表' },
  ],
};

/** The desk's own links for the role, the one the page belongs to marked (empty when the desk has one page). */
export function deskNavFor(role: Role | null | undefined, currentPath = ''): NavItem[] {
  const path = currentPath.split('?')[0];
  const items = (role && DESK_SECTIONS[role]) || [];
  // The longest matching link is the current one: /officer/reports/1 is 举报处理, not 备案审核.
  const match = items.filter((i) => isUnder(path, i.href)).sort((a, b) => b.href.length - a.href.length)[0];
  return items.map((i) => ({ ...i, current: i === match }));
}
