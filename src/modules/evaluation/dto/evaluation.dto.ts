import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';
import { PageQuery } from '../../../common/http/pagination.js';
import { POLICY } from '../../../policy/policy-table.js';
import { GRADES } from '../../registry/registry.constants.js';
import { DIMENSION_LABELS, DIMENSIONS, type Weights } from '../evaluation.constants.js';
import { ScoreCalculator } from '../score-calculator.js';
import { CYCLE_STATES } from '../workflow/evaluation-cycle.workflow.js';

const { min: SCORE_MIN, max: SCORE_MAX } = POLICY.evaluationScoreRange.value;
const PER_ACCOUNT = POLICY.evaluatorsPerAccount.value;

/** The five weights as one field: every problem is reported on `weights` (code `weights_invalid`). */
function IsDimensionWeights(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'weights_invalid',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => ScoreCalculator.weightsProblem(value) === null,
        defaultMessage: (args?: ValidationArguments) => ScoreCalculator.weightsProblem(args?.value) ?? '权重不正确',
      },
    });
}

export class WeightsDto implements Weights {
  @ApiProperty({ example: 20 }) D1: number;
  @ApiProperty({ example: 20 }) D2: number;
  @ApiProperty({ example: 20 }) D3: number;
  @ApiProperty({ example: 20 }) D4: number;
  @ApiProperty({ example: 20 }) D5: number;
}

export class CreateCycleDto {
  @ApiProperty({ example: 2026, description: '评议年度（2019年本办法施行起，至明年）' })
  @IsInt({ message: '年度应为整数' })
  @Min(2019, { message: '年度不能早于本办法施行的2019年' })
  @Max(9999)
  year: number;

  @ApiPropertyOptional({
    type: WeightsDto,
    description: `五个维度的权重（百分比，整数，合计100）；默认各${POLICY.evaluationDefaultWeights.value.D1}。${DIMENSIONS.map((d) => `${d} ${DIMENSION_LABELS[d]}`).join('；')}`,
  })
  @IsOptional()
  @IsDimensionWeights()
  weights?: Weights;
}

export class AssignDto {
  @ApiPropertyOptional({ default: PER_ACCOUNT, minimum: PER_ACCOUNT, maximum: 10, description: `每个账号的评议人员数，至少${PER_ACCOUNT}名（§04.5）` })
  @IsOptional()
  @IsInt()
  @Min(PER_ACCOUNT, { message: `每个账号至少${PER_ACCOUNT}名评议人员` })
  @Max(10, { message: '每个账号最多10名评议人员' })
  evaluatorsPerAccount?: number;
}

const scoreField = (d: (typeof DIMENSIONS)[number]) =>
  ApiProperty({ minimum: SCORE_MIN, maximum: SCORE_MAX, example: 85, description: `${d} ${DIMENSION_LABELS[d]}：${SCORE_MIN}-${SCORE_MAX}的整数` });
const scoreRules = (d: string) => [
  IsDefined({ message: `请填写${d}的评分` }),
  IsInt({ message: `${d}的评分应为${SCORE_MIN}-${SCORE_MAX}的整数` }),
  Min(SCORE_MIN, { message: `${d}的评分不能低于${SCORE_MIN}` }),
  Max(SCORE_MAX, { message: `${d}的评分不能高于${SCORE_MAX}` }),
];
const apply = (...decorators: PropertyDecorator[]): PropertyDecorator => (target, key) => decorators.forEach((dec) => dec(target, key));

export class ScoreDto {
  @scoreField('D1')
  @apply(...scoreRules('D1'))
  D1: number;

  @scoreField('D2')
  @apply(...scoreRules('D2'))
  D2: number;

  @scoreField('D3')
  @apply(...scoreRules('D3'))
  D3: number;

  @scoreField('D4')
  @apply(...scoreRules('D4'))
  D4: number;

  @scoreField('D5')
  @apply(...scoreRules('D5'))
  D5: number;

  @ApiPropertyOptional({ description: '评语（可选，不对运营者公开）' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class CycleListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CYCLE_STATES })
  @IsOptional()
  @IsIn(CYCLE_STATES as unknown as string[])
  status?: string;
}

export class AssignmentListQuery extends PageQuery {
  @ApiPropertyOptional({ description: '评议年度的编号' })
  @IsOptional()
  @IsUUID('all')
  cycleId?: string;

  @ApiPropertyOptional({ enum: ['pending', 'scored'] })
  @IsOptional()
  @IsIn(['pending', 'scored'])
  status?: 'pending' | 'scored';
}

export class ResultListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: GRADES })
  @IsOptional()
  @IsIn(GRADES as unknown as string[])
  grade?: string;

  @ApiPropertyOptional({ description: '账号名称或备案编号（包含）' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  q?: string;
}
