import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../common/auth/decorators.js';
import type { Role } from '../../common/auth/roles.js';
import { deskNavFor } from '../../common/views/nav.js';
import { beijingDate, DeadlineCalendar } from '../calendar/deadline-calendar.js';
import type { DueList } from '../stats/dashboard-figures.js';
import { gradesChart, keyFigures, monthlyChart } from '../stats/dashboard-view.js';
import { currentBeijingYear, lastFiguresYear } from '../stats/figures-period.js';
import { CATEGORY_SHORT_LABELS, DASHBOARD_DUE_WORKING_DAYS, FIRST_FIGURES_YEAR } from '../stats/stats.constants.js';
import { StatsService } from '../stats/stats.service.js';
import { deadlineTag } from './enforcement-views.js';
import { PageContext, type PageRequest } from './page-context.js';

/** Where an item of a deadline list opens, for the role looking at it (approvers have no report or interview pages). */
const ITEM_PAGES: Record<'reports' | 'rectifications' | 'defences', Partial<Record<Role, string>>> = {
  reports: { officer: '/officer/reports/' },
  rectifications: { officer: '/officer/interviews/' },
  defences: { officer: '/officer/blacklist/', approver: '/approver/blacklist/' },
};

/** The year of the page: a link people edit and share, read leniently (a bad value shows this year). */
function yearOf(raw: unknown): { year: number; invalid: boolean } {
  const current = currentBeijingYear();
  if (raw === undefined || raw === '') return { year: current, invalid: false };
  const y = typeof raw === 'string' && /^\d{4}$/.test(raw) ? Number(raw) : NaN;
  return Number.isInteger(y) && y >= FIRST_FIGURES_YEAR && y <= lastFiguresYear() ? { year: y, invalid: false } : { year: current, invalid: true };
}

/**
 * 统计与报表: the officers' and approvers' dashboard (issue 5). Charts drawn on the server as inline
 * SVG (no JavaScript), each with its title, a sentence saying what it shows and its numbers as a
 * table; deadlines coming due in the next working days; the year's downloads.
 */
@ApiExcludeController()
@Controller()
export class DashboardPageController {
  constructor(
    private readonly page: PageContext,
    private readonly stats: StatsService,
    private readonly calendar: DeadlineCalendar,
  ) {}

  @Roles('officer', 'approver')
  @Get('dashboard')
  async dashboard(@Req() req: PageRequest, @Res() reply: FastifyReply, @Query('year') rawYear?: unknown) {
    const { year, invalid } = yearOf(rawYear);
    const role = req.user!.role;
    const [figures, months, deadlines] = await Promise.all([this.stats.annual(year), this.stats.monthly(year), this.stats.deadlines()]);
    const today = deadlines.today;
    const list = (key: keyof typeof ITEM_PAGES, title: string, what: string, overdueHref: string | null, reference: (r: string) => string) => {
      const d: DueList = deadlines[key];
      const base = ITEM_PAGES[key][role];
      return {
        id: `due-${key}`,
        title,
        what,
        total: d.total,
        more: d.total - d.items.length,
        overdue: d.overdue,
        overdueHref: role === 'officer' ? overdueHref : null,
        items: d.items.map((i) => ({ ...i, reference: reference(i.reference), href: base ? `${base}${i.id}` : null, tag: deadlineTag(this.calendar, i.deadline, today) })),
      };
    };
    const current = currentBeijingYear();
    const years = [];
    for (let y = lastFiguresYear(); y >= FIRST_FIGURES_YEAR; y--) years.push({ value: String(y), text: `${y}年` });
    return this.page.render(req, reply, 'dashboard/index', {
      title: `统计与报表（${year}年）`,
      deskNav: deskNavFor(role, req.url),
      year,
      invalidYear: invalid,
      isCurrentYear: year === current,
      years,
      figures: keyFigures(figures),
      charts: [monthlyChart(year, months), gradesChart(figures)],
      dueWindow: { days: DASHBOARD_DUE_WORKING_DAYS, horizon: deadlines.horizon, today },
      deadlines: [
        list('reports', '即将到期的举报', '举报办结期限', '/officer/reports?overdue=true', (c) => `${c} ${CATEGORY_SHORT_LABELS[c] ?? ''}`.trim()),
        list('rectifications', '即将到期的整改', '整改报告提交期限', '/officer/interviews?status=rectifying', (r) => r),
        list('defences', '即将届满的陈述申辩期', '黑名单陈述申辩期限', null, (r) => r),
      ],
      campaign: { from: `${current}-01-01`, to: beijingDate() },
      asOf: figures.asOf,
    });
  }
}
