import { Module } from '@nestjs/common';
import { ViolationsModule } from '../violations/violations.module.js';
import { InspectionsController, PublicInspectionsController } from './inspections.controller.js';
import { InspectionsService } from './inspections.service.js';

/** 双随机一公开 (seed 000): draws from a published seed, inspections by two officers, results that may be violations. */
@Module({
  imports: [ViolationsModule],
  controllers: [InspectionsController, PublicInspectionsController],
  providers: [InspectionsService],
  exports: [InspectionsService],
})
export class InspectionsModule {}
