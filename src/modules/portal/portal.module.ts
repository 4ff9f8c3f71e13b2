import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { BlacklistModule } from '../blacklist/blacklist.module.js';
import { EvaluationModule } from '../evaluation/evaluation.module.js';
import { InspectionsModule } from '../inspections/inspections.module.js';
import { InterviewsModule } from '../interviews/interviews.module.js';
import { MeasuresModule } from '../measures/measures.module.js';
import { OpenDataModule } from '../open-data/open-data.module.js';
import { RegistryModule } from '../registry/registry.module.js';
import { RegistryImportModule } from '../registry-import/registry-import.module.js';
import { ReportsModule } from '../reports/reports.module.js';
import { StaffModule } from '../staff/staff.module.js';
import { StatsModule } from '../stats/stats.module.js';
import { UsersModule } from '../users/users.module.js';
import { ViolationsModule } from '../violations/violations.module.js';
import { AdminPageController } from './admin.page.controller.js';
import { AuditPageController } from './audit.page.controller.js';
import { AuthPageController } from './auth.page.controller.js';
import { BlacklistDesk } from './blacklist-desk.js';
import { BlacklistPageController } from './blacklist.page.controller.js';
import { DashboardPageController } from './dashboard.page.controller.js';
import { DeskPageController } from './desk.page.controller.js';
import { EnforcementDesks } from './enforcement-desks.js';
import { EvaluationDesk } from './evaluation-desk.js';
import { EvaluationPageController } from './evaluation.page.controller.js';
import { InspectionsPageController } from './inspections.page.controller.js';
import { InterviewsPageController } from './interviews.page.controller.js';
import { MeasuresPageController } from './measures.page.controller.js';
import { OpenDataPageController } from './open-data.page.controller.js';
import { PageContext } from './page-context.js';
import { OperatorPages } from './operator-pages.js';
import { PublicPageController } from './public.page.controller.js';
import { PublicReportPageController } from './public-report.page.controller.js';
import { RegistryGateway } from './registry.gateway.js';
import { RegistryPageController } from './registry.page.controller.js';
import { RegistryImportPageController } from './registry-import.page.controller.js';
import { ReportWizard } from './report-wizard.js';
import { ReportsPageController } from './reports.page.controller.js';
import { StaffPageController } from './staff.page.controller.js';

/**
 * The portal: server-rendered pages in Chinese over the same services as the API. Page controllers
 * of every feature live here so that each feature module stays JSON-only and owned by its team.
 */
@Module({
  imports: [AuthModule, UsersModule, RegistryModule, RegistryImportModule, StaffModule, ViolationsModule, ReportsModule, InterviewsModule, MeasuresModule, BlacklistModule, EvaluationModule, InspectionsModule, OpenDataModule, StatsModule],
  controllers: [
    PublicPageController,
    AuthPageController,
    RegistryPageController,
    StaffPageController,
    DeskPageController,
    AdminPageController,
    AuditPageController,
    // Issue 3: reports, violations, interviews, measures.
    PublicReportPageController,
    ReportsPageController,
    InterviewsPageController,
    MeasuresPageController,
    // Issue 4: the blacklist.
    BlacklistPageController,
    // Issue 4: the annual evaluation.
    EvaluationPageController,
    // Issue 5: open data, inspections (双随机).
    OpenDataPageController,
    InspectionsPageController,
    // Issue 5: the officers' and approvers' dashboard (figures).
    DashboardPageController,
    // The registry import (批量导入备案数据).
    RegistryImportPageController,
  ],
  providers: [PageContext, RegistryGateway, OperatorPages, ReportWizard, EnforcementDesks, BlacklistDesk, EvaluationDesk],
})
export class PortalModule {}
