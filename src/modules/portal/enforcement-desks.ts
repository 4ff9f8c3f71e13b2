import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/decorators.js';
import { deskNavFor } from '../../common/views/nav.js';
import { beijingDate, DeadlineCalendar } from '../calendar/deadline-calendar.js';
import { InterviewQuery } from '../interviews/dto/interview.dto.js';
import { InterviewsService } from '../interviews/interviews.service.js';
import { FINAL_INTERVIEW_STATES } from '../interviews/workflow/interview.workflow.js';
import { MeasureQuery } from '../measures/dto/measure.dto.js';
import { MeasuresService } from '../measures/measures.service.js';
import { ReportQuery } from '../reports/dto/report.dto.js';
import { ReportsService } from '../reports/reports.service.js';
import { ViolationsService } from '../violations/violations.service.js';
import { deadlineTag } from './enforcement-views.js';

const interviewQuery = (q: Partial<InterviewQuery>) => Object.assign(new InterviewQuery(), { page: 1, pageSize: 50, ...q });

/**
 * What the desks of issue 2 show of the enforcement work, so that their controllers add one line:
 * the officer's counts, the approver's queue of proposals, the evaluator's assessments, the
 * operator's interviews, and an operator's account's violations.
 */
@Injectable()
export class EnforcementDesks {
  constructor(
    private readonly reports: ReportsService,
    private readonly interviews: InterviewsService,
    private readonly measures: MeasuresService,
    private readonly violations: ViolationsService,
    private readonly calendar: DeadlineCalendar,
  ) {}

  async officer(user: AuthUser, currentPath: string) {
    const today = beijingDate();
    const count = async (q: Partial<ReportQuery>) => (await this.reports.list(Object.assign(new ReportQuery(), { page: 1, pageSize: 1, ...q }))).total;
    const [received, verifying, overdue, upcoming, assessing, rectifying, proposed, approved] = await Promise.all([
      count({ status: 'received' }),
      count({ status: 'verifying' }),
      count({ overdue: true }),
      this.interviews.list(user, interviewQuery({ status: 'scheduled', from: today, pageSize: 5 })),
      this.interviews.list(user, interviewQuery({ status: 'assessing', pageSize: 1 })),
      this.interviews.list(user, interviewQuery({ status: 'rectifying', pageSize: 1 })),
      this.measures.list(Object.assign(new MeasureQuery(), { page: 1, pageSize: 1, status: 'proposed' })),
      this.measures.list(Object.assign(new MeasureQuery(), { page: 1, pageSize: 1, status: 'approved' })),
    ]);
    return {
      deskNav: deskNavFor(user.role, currentPath),
      enforcement: {
        reports: { received, verifying, overdue },
        interviews: { upcoming: [...upcoming.items].reverse(), upcomingTotal: upcoming.total, assessing: assessing.total, rectifying: rectifying.total },
        measures: { proposed: proposed.total, awaitingReply: approved.total },
      },
    };
  }

  /** The approver's queue of measures awaiting a decision, the oldest first (BlacklistDesk adds the blacklist's). */
  async approver(user: AuthUser) {
    const queue = await this.measures.list(Object.assign(new MeasureQuery(), { page: 1, pageSize: 50, status: 'proposed' }));
    return {
      proposals: {
        ...queue,
        items: queue.items.map((m) => ({ ...m, ownProposal: m.proposedBy.id === user.id })),
      },
    };
  }

  /** The evaluator's rectification assessments: to do (assessing) and done. */
  async evaluator(user: AuthUser) {
    const all = await this.interviews.list(user, interviewQuery({ pageSize: 100 }));
    const today = beijingDate();
    const rows = all.items.map((i) => ({ ...i, deadlineTag: deadlineTag(this.calendar, i.deadline, today, i.deadlineText !== null) }));
    return {
      assessments: {
        todo: rows.filter((i) => i.status === 'assessing'),
        done: rows.filter((i) => FINAL_INTERVIEW_STATES.includes(i.status)),
      },
    };
  }

  /** The operator's open interviews (the desk lists them when there are any). */
  async operator(user: AuthUser, currentPath: string) {
    const list = await this.interviews.list(user, interviewQuery({ pageSize: 20 }));
    const today = beijingDate();
    const open = list.items.filter((i) => !FINAL_INTERVIEW_STATES.includes(i.status));
    return {
      deskNav: deskNavFor(user.role, currentPath),
      openInterviews: open.map((i) => ({ ...i, deadlineTag: deadlineTag(this.calendar, i.deadline, today, i.deadlineText !== null) })),
      interviewTotal: list.total,
    };
  }

  /** An operator's account: its violations and interviews (the owner sees their own history). */
  async operatorAccount(user: AuthUser, accountId: string) {
    const [violations, interviews] = await Promise.all([
      this.violations.listForAccount(user, accountId, { page: 1, pageSize: 50 }),
      this.interviews.list(user, interviewQuery({ accountId })),
    ]);
    return { violations, accountInterviews: interviews.items };
  }
}
