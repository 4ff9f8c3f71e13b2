import { Module } from '@nestjs/common';
import { AuditExportController } from './audit-export.controller.js';
import { AuditTrail } from './audit-trail.js';
import { CreditPublicity } from './credit-publicity.js';
import { OpenDataController } from './open-data.controller.js';
import { OpenDatasets } from './open-datasets.js';

/**
 * What leaves the system as data: the open datasets (registry, blacklist), the credit publicity
 * export for partner platforms (seed 000), and the auditor's search and export of the trail.
 */
@Module({
  controllers: [OpenDataController, AuditExportController],
  providers: [OpenDatasets, CreditPublicity, AuditTrail],
  exports: [OpenDatasets, AuditTrail],
})
export class OpenDataModule {}
