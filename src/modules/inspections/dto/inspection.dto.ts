import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../../../common/http/pagination.js';
import { Trim } from '../../registry/dto/registry-validators.js';
import { IsDecimal } from '../../../common/validation/validators.js';
import { POLICY } from '../../../policy/policy-table.js';
import { ISO_DATE_ONLY } from '../../interviews/dto/interview.dto.js';
import { CONTENT_VIOLATION_CATEGORIES, DUTY_VIOLATION_CATEGORIES, type ViolationCategory } from '../../violations/violation-categories.js';
import { INSPECTION_STATES, type InspectionState } from '../workflow/inspection.workflow.js';

const W = POLICY.inspectionDefaultWeights.value;
const weight = (grade: string) => ({ minimum: 1, maximum: 1000, description: `等级${grade}的权重（正整数）` });

/** Weights per grade: positive integers; a grade left out keeps the policy's default. */
export class DrawWeightsDto {
  @ApiPropertyOptional({ ...weight('A'), default: W.A })
  @IsOptional() @IsInt({ message: '权重应为正整数' }) @Min(1, { message: '权重至少为1' }) @Max(1000, { message: '权重最大为1000' })
  A?: number;

  @ApiPropertyOptional({ ...weight('B'), default: W.B })
  @IsOptional() @IsInt({ message: '权重应为正整数' }) @Min(1, { message: '权重至少为1' }) @Max(1000, { message: '权重最大为1000' })
  B?: number;

  @ApiPropertyOptional({ ...weight('C'), default: W.C })
  @IsOptional() @IsInt({ message: '权重应为正整数' }) @Min(1, { message: '权重至少为1' }) @Max(1000, { message: '权重最大为1000' })
  C?: number;

  @ApiPropertyOptional({ ...weight('D'), default: W.D })
  @IsOptional() @IsInt({ message: '权重应为正整数' }) @Min(1, { message: '权重至少为1' }) @Max(1000, { message: '权重最大为1000' })
  D?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: W.ungraded, description: '尚无评价等级的账号的权重' })
  @IsOptional() @IsInt({ message: '权重应为正整数' }) @Min(1, { message: '权重至少为1' }) @Max(1000, { message: '权重最大为1000' })
  ungraded?: number;
}

export class CreateDrawDto {
  @ApiPropertyOptional({
    minimum: POLICY.inspectionMinShare.value,
    maximum: 1,
    default: POLICY.inspectionMinShare.value,
    description: `抽查比例（${POLICY.inspectionMinShare.citation}：不少于${POLICY.inspectionMinShare.value * 100}%），最多4位小数`,
  })
  @IsOptional()
  @IsDecimal(4, { message: '抽查比例应为0.5至1之间的数，最多4位小数' })
  @Min(POLICY.inspectionMinShare.value, { message: `抽查比例不得低于${POLICY.inspectionMinShare.value * 100}%（${POLICY.inspectionMinShare.citation}）` })
  @Max(1, { message: '抽查比例不能超过1（100%）' })
  share?: number;

  @ApiPropertyOptional({ maxLength: 128, description: '公开的随机种子（如当日福彩开奖号码）；不填则由系统生成并公开' })
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: '请填写随机种子，或不填此项由系统生成' })
  @MaxLength(128, { message: '随机种子最多128个字符' })
  // Visible characters and inner spaces only: what is published can be typed again exactly.
  @Matches(/^[^\s\p{Cc}](?:[^\p{Cc}\t\r\n]*[^\s\p{Cc}])?$/u, { message: '随机种子不能含控制字符，首尾不能有空格' })
  seed?: string;

  @ApiPropertyOptional({ type: DrawWeightsDto, description: '各评价等级被抽中的权重' })
  @IsOptional()
  @IsObject({ message: '权重应为对象（如 {"C":2,"D":3}）' })
  @ValidateNested()
  @Type(() => DrawWeightsDto)
  weighting?: DrawWeightsDto;
}

export class FoundViolationDto {
  @ApiProperty({ enum: [...CONTENT_VIOLATION_CATEGORIES, ...DUTY_VIOLATION_CATEGORIES] })
  @IsIn([...CONTENT_VIOLATION_CATEGORIES, ...DUTY_VIOLATION_CATEGORIES], { message: '违规类别不存在' })
  category: ViolationCategory;

  @ApiProperty({ description: '违规事实' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: '请填写违规事实' })
  @MaxLength(5000)
  facts: string;

  @ApiProperty({ example: '2026-11-20', description: '发生日期' })
  @IsString({ message: '应为日期（如 2026-11-20）' })
  @Matches(ISO_DATE_ONLY, { message: '应为日期（如 2026-11-20）' })
  @IsISO8601({ strict: true }, { message: '应为日期（如 2026-11-20）' })
  occurredAt: string;
}

export class InspectionResultDto {
  @ApiProperty({ description: '检查情况' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: '请填写检查情况' })
  @MaxLength(5000)
  findings: string;

  @ApiPropertyOptional({ type: FoundViolationDto, description: '检查发现的违规（记入账号的违规记录，来源：日常巡查）' })
  @IsOptional()
  @IsObject({ message: '违规应为对象' })
  @ValidateNested()
  @Type(() => FoundViolationDto)
  violation?: FoundViolationDto;
}

export class InspectionQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'true：只看我参加的检查' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: '应为 true 或 false' })
  mine?: 'true' | 'false';

  @ApiPropertyOptional({ enum: INSPECTION_STATES })
  @IsOptional()
  @IsIn(INSPECTION_STATES as unknown as string[], { message: '状态不存在' })
  status?: InspectionState;

  @ApiPropertyOptional({ description: '抽查批次编号（id）' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: '抽查批次编号格式不正确' })
  drawId?: string;
}
