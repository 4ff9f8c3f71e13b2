import { Module } from '@nestjs/common';
import { StaffAccountAccess } from './account-access.js';
import { StaffFilingController } from './staff-filing.controller.js';
import { StaffFilingService } from './staff-filing.service.js';
import { StaffController } from './staff.controller.js';
import { StaffService } from './staff.service.js';

/** Editorial staff, their training and reward/punishment records, versioned roster filings (§02.5-7). */
@Module({
  controllers: [StaffController, StaffFilingController],
  providers: [StaffAccountAccess, StaffFilingService, StaffService],
  exports: [StaffService],
})
export class StaffModule {}
