import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import { PageQuery } from '../../../common/http/pagination.js';
import { POLICY } from '../../../policy/policy-table.js';
import { PLATFORMS } from '../../registry/registry.constants.js';
import { CONTENT_VIOLATION_CATEGORIES, type ContentViolationCategory } from '../../violations/violation-categories.js';
import { REPORT_STATES } from '../workflow/report.workflow.js';

export const FILING_NO_PATTERN = /^YH-ZMT-\d{4}-\d{6}$/;

export class SubmitReportDto {
  @ApiPropertyOptional({ example: 'YH-ZMT-2026-000001', description: '备案编号；或填写平台与平台账号ID' })
  @IsOptional()
  @IsString()
  @Matches(FILING_NO_PATTERN, { message: '备案编号格式应为 YH-ZMT-年份-6位序号' })
  filingNo?: string;

  @ApiPropertyOptional({ enum: PLATFORMS })
  @IsOptional()
  @IsIn(PLATFORMS as unknown as string[], { message: '平台不存在' })
  platform?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  platformAccountId?: string;

  @ApiPropertyOptional({ description: '账号名称' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  accountName?: string;

  @ApiProperty({ enum: CONTENT_VIOLATION_CATEGORIES })
  @IsIn(CONTENT_VIOLATION_CATEGORIES as unknown as string[], { message: '请选择举报类别' })
  category: ContentViolationCategory;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @IsNotEmpty({ message: '请描述举报内容' })
  @MaxLength(POLICY.reportMaxDescription.value, { message: `描述不能超过${POLICY.reportMaxDescription.value}字` })
  description: string;

  @ApiPropertyOptional({ type: [String], maxItems: 5 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(POLICY.reportMaxEvidence.value, { message: `证据链接最多${POLICY.reportMaxEvidence.value}条` })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { each: true, message: '证据链接应为以 http:// 或 https:// 开头的网址' })
  @MaxLength(1000, { each: true })
  evidenceUrls?: string[];

  @ApiPropertyOptional({ description: '联系方式（选填，仅工作人员可见）' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  contact?: string;
}

export class ReportQuery extends PageQuery {
  @IsOptional()
  @IsIn(REPORT_STATES as unknown as string[])
  status?: string;

  @IsOptional()
  @IsIn(CONTENT_VIOLATION_CATEGORIES as unknown as string[])
  category?: string;

  @IsOptional()
  @IsUUID()
  accountId?: string;

  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsIn([true, false], { message: '应为 true 或 false' })
  overdue?: boolean;
}

export class ConcludeReportDto {
  @ApiProperty({ enum: ['substantiated', 'unsubstantiated', 'transferred'] })
  @IsIn(['substantiated', 'unsubstantiated', 'transferred'], { message: '请选择核查结论' })
  outcome: 'substantiated' | 'unsubstantiated' | 'transferred';

  @ApiProperty({ description: '核查说明（不向举报人公开）' })
  @IsString()
  @IsNotEmpty({ message: '请填写核查说明' })
  @MaxLength(5000)
  note: string;

  @ApiPropertyOptional({ description: '移送部门（结论为移送时必填）' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  department?: string;

  @ApiPropertyOptional({ description: '举报未能匹配账号时，关联的已备案账号' })
  @IsOptional()
  @IsUUID('all', { message: '账号编号格式不正确' })
  accountId?: string;

  @ApiPropertyOptional({ description: '违规发生日期，默认为举报日期' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: '应为日期（如 2026-11-20）' })
  occurredAt?: string;

  @ApiPropertyOptional({ description: '认定的违规类别，默认为举报类别' })
  @IsOptional()
  @IsIn(CONTENT_VIOLATION_CATEGORIES as unknown as string[])
  category?: ContentViolationCategory;
}
