import { Injectable } from '@nestjs/common';
import { AppException } from '../../common/errors/app.exception.js';
import { beijingDate, DeadlineCalendar } from '../calendar/deadline-calendar.js';
import { type AnnualFigures, AnnualFiguresCalculator } from './annual-figures.js';
import { annualReportModel } from './annual-report-text.js';
import { type CampaignSummary, CampaignSummaryCalculator } from './campaign-summary.js';
import { DashboardFigures, type Deadlines, type MonthCount } from './dashboard-figures.js';
import { annualNotes, annualTables, campaignNotes, campaignReturnTable, campaignTable } from './figure-tables.js';
import { figuresWorkbook } from './figures-workbook.js';
import { campaignRangeProblem } from './figures-period.js';
import { DASHBOARD_DUE_WORKING_DAYS } from './stats.constants.js';

export interface FileDownload {
  fileName: string;
  body: Buffer;
}

/**
 * The office's figures (domain.md "Figures the office reports"): the annual figures, the campaign
 * summary, their workbooks, the annual enforcement report, and the dashboard's series and deadlines.
 */
@Injectable()
export class StatsService {
  constructor(
    private readonly annualFigures: AnnualFiguresCalculator,
    private readonly campaignSummary: CampaignSummaryCalculator,
    private readonly dashboardFigures: DashboardFigures,
    private readonly calendar: DeadlineCalendar,
  ) {}

  annual(year: number): Promise<AnnualFigures> {
    return this.annualFigures.compute(year);
  }

  async annualWorkbook(year: number): Promise<FileDownload> {
    const f = await this.annual(year);
    const body = await figuresWorkbook([...annualTables(f), annualNotes(f)], `${f.office}${year}年度统计`);
    return { fileName: `annual-figures-${year}.xlsx`, body };
  }

  /** The annual enforcement report (seed 003's shape) as Word, dated today, ready for the office to complete. */
  async annualReport(year: number): Promise<FileDownload> {
    const f = await this.annual(year);
    const model = annualReportModel(f, beijingDate(), annualTables(f));
    // Imported on first use: the module loads docx (see common/documents/lazy-libraries.ts).
    const { annualReportDocx } = await import('./annual-report-document.js');
    return { fileName: `annual-report-${year}.docx`, body: await annualReportDocx(model) };
  }

  /** 400 on `to` when the range runs backwards or is longer than a (leap) year. */
  campaign(from: string, to: string): Promise<CampaignSummary> {
    const problem = campaignRangeProblem(from, to);
    if (problem) throw AppException.validation([problem], problem.message);
    return this.campaignSummary.compute(from, to);
  }

  async campaignWorkbook(from: string, to: string): Promise<FileDownload> {
    const c = await this.campaign(from, to);
    const body = await figuresWorkbook([campaignTable(c), campaignReturnTable(c), campaignNotes(c)], `${c.office}专项行动情况汇总表`);
    return { fileName: `campaign-${from}-${to}.xlsx`, body };
  }

  monthly(year: number): Promise<MonthCount[]> {
    return this.dashboardFigures.monthly(year);
  }

  /** Deadlines from today to the 5th working day after it (the dashboard's look-ahead). */
  deadlines(now: Date = new Date()): Promise<Deadlines> {
    const today = beijingDate(now);
    return this.dashboardFigures.deadlines(today, this.calendar.addWorkingDays(today, DASHBOARD_DUE_WORKING_DAYS));
  }
}
