import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/decorators.js';
import { optionsOf } from '../../common/views/domain-labels.js';
import type { FormState } from '../../common/views/form.js';
import type { AccountView } from '../registry/registry.views.js';
import type { RosterView, StaffMemberDetail } from '../staff/staff.service.js';
import { RegistryGateway } from './registry.gateway.js';

/** A task of the filing's task list (GOV.UK "task list"): what it is, where to do it, how far it is. */
export interface Task {
  name: string;
  hint: string;
  href: string | null;
  status: 'done' | 'in_progress' | 'todo' | 'blocked';
  statusText: string;
}

const STATUS_TEXT: Record<Task['status'], string> = { done: '已完成', in_progress: '进行中', todo: '未开始', blocked: '无法开始' };

function task(name: string, hint: string, href: string | null, status: Task['status']): Task {
  return { name, hint, href: status === 'blocked' ? null : href, status, statusText: STATUS_TEXT[status] };
}

/** Accounts whose roster is still the operator's business (not closed nor deregistered). */
const ROSTER_OPEN = (a: AccountView) => a.status !== 'closed' && a.status !== 'deregistered';

/** Forms of the operator's account page; only the one that failed carries errors. */
export interface AccountPageForms {
  staff?: FormState;
  training?: FormState;
  record?: FormState;
  filing?: FormState;
}

/** Loads what the operator's pages show: the desk's task list and one account with its staff. */
@Injectable()
export class OperatorPages {
  constructor(private readonly gateway: RegistryGateway) {}

  async desk(user: AuthUser) {
    const [subjects, accounts] = await Promise.all([this.gateway.ownSubjects(user), this.gateway.ownAccounts(user)]);
    const rosters = new Map<string, RosterView>();
    for (const a of accounts.filter(ROSTER_OPEN).slice(0, 50)) {
      rosters.set(a.id, await this.gateway.staff.rosterForUser(user, a.id));
    }
    const open = accounts.filter(ROSTER_OPEN);
    const staffed = open.filter((a) => (rosters.get(a.id)?.activeCount ?? 0) > 0 && rosters.get(a.id)?.chiefEditor);
    const filed = open.filter((a) => {
      const r = rosters.get(a.id);
      return r?.lastFiling && !r.changedSinceLastFiling;
    });
    const anyStaff = [...rosters.values()].some((r) => r.total > 0);
    const firstAccount = open[0] ? `/operator/accounts/${open[0].id}` : '/operator/accounts/new';
    const tasks: Task[] = [
      task('主体信息', '登记运营账号的机构或个人', '/operator/subjects/new', subjects.length > 0 ? 'done' : 'todo'),
      task(
        '自媒体账号',
        '登记在各平台运营的账号，登记后即提交区网信办审核',
        '/operator/accounts/new',
        subjects.length === 0 ? 'blocked' : accounts.length > 0 ? 'done' : 'todo',
      ),
      task(
        '编辑人员',
        '实行总编辑负责制：每个账号登记一名总编辑和编辑、审核人员（第二部分第5-7条）',
        `${firstAccount}#staff`,
        open.length === 0 ? 'blocked' : staffed.length === open.length ? 'done' : anyStaff ? 'in_progress' : 'todo',
      ),
      task(
        '提交备案',
        '将编辑人员名单、培训和奖惩记录报区网信办备案；名单变更后须重新报备',
        `${firstAccount}#filing`,
        staffed.length === 0 ? 'blocked' : filed.length === open.length ? 'done' : filed.length > 0 ? 'in_progress' : 'todo',
      ),
    ];
    const rows = accounts.map((a) => ({ ...a, roster: rosters.get(a.id) ?? null }));
    return { subjects, accounts: rows, tasks, doneCount: tasks.filter((t) => t.status === 'done').length };
  }

  async account(user: AuthUser, id: string, forms: AccountPageForms = {}) {
    const account = await this.gateway.account(user, id);
    const [roster, filings] = await Promise.all([
      this.gateway.staff.rosterForUser(user, id),
      this.gateway.staff.filingsForUser(user, id, { page: 1, pageSize: 50 }),
    ]);
    const details: StaffMemberDetail[] = [];
    for (const m of roster.items) details.push(await this.gateway.staff.memberForUser(user, m.id));
    const active = details.filter((m) => m.active);
    return {
      title: account.name,
      account,
      roster,
      members: details,
      activeMembers: active.map((m) => ({ value: m.id, text: `${m.name}（${m.roleLabel}）` })),
      filings,
      rosterOpen: ROSTER_OPEN(account),
      staffRoles: optionsOf('staffRole'),
      organizers: optionsOf('trainingOrganizer'),
      recordKinds: optionsOf('recordKind'),
      forms,
    };
  }
}
