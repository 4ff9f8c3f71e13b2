import type { Type } from '@nestjs/common';
import { BlacklistModule } from './modules/blacklist/blacklist.module.js';
import { CalendarModule } from './modules/calendar/calendar.module.js';
import { EvaluationModule } from './modules/evaluation/evaluation.module.js';
import { InspectionsModule } from './modules/inspections/inspections.module.js';
import { InterviewsModule } from './modules/interviews/interviews.module.js';
import { MeasuresModule } from './modules/measures/measures.module.js';
import { OpenDataModule } from './modules/open-data/open-data.module.js';
import { PortalModule } from './modules/portal/portal.module.js';
import { RegistryModule } from './modules/registry/registry.module.js';
import { RegistryImportModule } from './modules/registry-import/registry-import.module.js';
import { ReportsModule } from './modules/reports/reports.module.js';
import { StaffModule } from './modules/staff/staff.module.js';
import { StatsModule } from './modules/stats/stats.module.js';
import { ViolationsModule } from './modules/violations/violations.module.js';

/** The business modules, in the order of the mission. Each is self-contained under src/modules. */
export const FEATURE_MODULES: Type[] = [
  CalendarModule,
  RegistryModule,
  RegistryImportModule,
  StaffModule,
  ViolationsModule,
  ReportsModule,
  InterviewsModule,
  MeasuresModule,
  BlacklistModule,
  EvaluationModule,
  InspectionsModule,
  OpenDataModule,
  StatsModule,
  PortalModule,
];
