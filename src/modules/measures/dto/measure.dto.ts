import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../../../common/http/pagination.js';
import { MEASURE_KINDS, MEASURE_STATES, type MeasureKind } from '../workflow/measure.workflow.js';

const ISO_DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export class ProposeMeasureDto {
  @ApiProperty()
  @IsUUID('all', { message: '账号编号格式不正确' })
  accountId: string;

  @ApiProperty({ enum: MEASURE_KINDS, description: 'restrict 限制发布 → suspend 暂停更新 → close 关闭账号；lift 解除一级' })
  @IsIn(MEASURE_KINDS as unknown as string[], { message: '措施应为 restrict、suspend、close 或 lift' })
  kind: MeasureKind;

  @ApiPropertyOptional({ description: '依据的约谈：整改不合格（限制发布）或整改合格（解除）；不填时取最近的一次' })
  @IsOptional()
  @IsUUID('all', { message: '约谈编号格式不正确' })
  interviewId?: string;

  @ApiProperty({ description: '事实与理由' })
  @IsString()
  @IsNotEmpty({ message: '请填写事实与理由' })
  @MaxLength(5000)
  reason: string;
}

export class RejectMeasureDto {
  @ApiProperty({ description: '不予批准的理由' })
  @IsString()
  @IsNotEmpty({ message: '请填写不予批准的理由' })
  @MaxLength(2000)
  reason: string;
}

export class MeasureReplyDto {
  @ApiProperty({ example: '杭网信函〔2026〕12号', description: '上级网信部门答复的文号' })
  @IsString()
  @IsNotEmpty({ message: '请填写答复文号' })
  @MaxLength(128)
  reference: string;

  @ApiProperty({ example: '2026-12-01', description: '答复日期' })
  @IsString()
  @Matches(ISO_DATE_ONLY, { message: '应为日期（如 2026-12-01）' })
  @IsISO8601({ strict: true }, { message: '应为日期（如 2026-12-01）' })
  repliedAt: string;

  @ApiPropertyOptional({ description: '答复内容摘要' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class MeasureQuery extends PageQuery {
  @ApiPropertyOptional({ enum: MEASURE_STATES, description: 'proposed：待审批队列（最早的在前）' })
  @IsOptional()
  @IsIn(MEASURE_STATES as unknown as string[], { message: '状态不存在' })
  status?: string;

  @ApiPropertyOptional({ enum: MEASURE_KINDS })
  @IsOptional()
  @IsIn(MEASURE_KINDS as unknown as string[], { message: '措施不存在' })
  kind?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: '账号编号格式不正确' })
  accountId?: string;
}
