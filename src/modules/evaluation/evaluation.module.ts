import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module.js';
import { AccountEvaluationsController } from './account-evaluations.controller.js';
import { AnnualConductRecord } from './annual-conduct-record.js';
import { CycleCloser } from './cycle-closer.js';
import { EvaluationAssignmentsController } from './evaluation-assignments.controller.js';
import { EvaluationCyclesController } from './evaluation-cycles.controller.js';
import { EvaluationCyclesService } from './evaluation-cycles.service.js';
import { EvaluationResultsService } from './evaluation-results.service.js';
import { EvaluationScoringService } from './evaluation-scoring.service.js';
import { PublicEvaluationsController } from './public-evaluations.controller.js';

/** The annual evaluation (§04.4-5): cycles, assignment, scoring, results, publication. */
@Module({
  imports: [RegistryModule],
  controllers: [EvaluationCyclesController, EvaluationAssignmentsController, PublicEvaluationsController, AccountEvaluationsController],
  providers: [EvaluationCyclesService, EvaluationScoringService, CycleCloser, EvaluationResultsService, AnnualConductRecord],
  exports: [EvaluationCyclesService, EvaluationResultsService, EvaluationScoringService, CycleCloser],
})
export class EvaluationModule {}
