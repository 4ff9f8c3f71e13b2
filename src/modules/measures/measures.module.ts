import { Module } from '@nestjs/common';
import { InterviewsModule } from '../interviews/interviews.module.js';
import { RegistryModule } from '../registry/registry.module.js';
import { MeasuresController } from './measures.controller.js';
import { MeasuresService } from './measures.service.js';

/** Escalation measures (§03.3) and their lifting (§03.5): proposal, approval, letters, the upper office's reply. */
@Module({
  imports: [RegistryModule, InterviewsModule],
  controllers: [MeasuresController],
  providers: [MeasuresService],
  exports: [MeasuresService],
})
export class MeasuresModule {}
