import { Module } from '@nestjs/common';
import { AnnualFiguresCalculator } from './annual-figures.js';
import { CampaignSummaryCalculator } from './campaign-summary.js';
import { DashboardFigures } from './dashboard-figures.js';
import { StatsController } from './stats.controller.js';
import { StatsService } from './stats.service.js';

/**
 * The office's figures (issue 5): annual figures, the campaign summary, their workbooks, the annual
 * enforcement report and the dashboard's data. Reads the other modules' tables with aggregate
 * queries only (docs/decisions.md "Figures").
 */
@Module({
  controllers: [StatsController],
  providers: [StatsService, AnnualFiguresCalculator, CampaignSummaryCalculator, DashboardFigures],
  exports: [StatsService],
})
export class StatsModule {}
