import { Module } from '@nestjs/common';
import { ViolationsModule } from '../violations/violations.module.js';
import { PublicReportsController, ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

/** Reports from the public (§04.6): tracking codes, the officers' queue, conclusions into violations. */
@Module({
  imports: [ViolationsModule],
  controllers: [PublicReportsController, ReportsController],
  providers: [ReportsService],
  exports: [ReportsService],
})
export class ReportsModule {}
