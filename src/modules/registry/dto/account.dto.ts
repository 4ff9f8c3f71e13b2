import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { PageQuery } from '../../../common/http/pagination.js';
import { POLICY } from '../../../policy/policy-table.js';
import { CONTENT_CATEGORIES, type ContentCategory, PLATFORMS, type Platform } from '../registry.constants.js';
import { ACCOUNT_STATES, type AccountState } from '../workflow/account.workflow.js';
import { IsCalendarDate, IsFutureDate, Trim } from './registry-validators.js';

/** Whether content of this category needs a qualification (policy `qualifiedCategories`). */
export function needsQualification(category: unknown): boolean {
  return (POLICY.qualifiedCategories.value as readonly string[]).includes(category as string);
}

const QUALIFICATION_FIELDS = ['qualificationType', 'qualificationNumber', 'qualificationExpiry'] as const;
export type QualificationField = (typeof QUALIFICATION_FIELDS)[number];

/** The qualification is all or nothing, and required for the qualified categories. */
const qualificationApplies = (o: Record<string, unknown>) =>
  needsQualification(o.category) || QUALIFICATION_FIELDS.some((f) => o[f] !== undefined && o[f] !== null);

const MAX_FOLLOWERS = 2_000_000_000;
/** Platform account ids: no spaces or control characters. */
const PLATFORM_ACCOUNT_ID = /^[^\s\p{Cc}]+$/u;
const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true };
const URL_MESSAGE = '应为以 http:// 或 https:// 开头的网址';

/** POST /api/accounts (api.md "Registry"); qualification fields per policy `qualifiedCategories`. */
export class CreateAccountDto {
  @ApiProperty({ description: '本人名下的主体' })
  @IsString()
  @IsUUID('all', { message: '主体编号格式不正确' })
  subjectId: string;

  @ApiProperty({ enum: PLATFORMS })
  @IsIn(PLATFORMS as unknown as string[], { message: '平台不在可选范围内' })
  platform: Platform;

  @ApiProperty({ description: '平台上的账号ID（同一平台内唯一）', maxLength: 128 })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: '请填写平台账号ID' })
  @MaxLength(128, { message: '平台账号ID不能超过128个字符' })
  @Matches(PLATFORM_ACCOUNT_ID, { message: '平台账号ID不能含空格' })
  platformAccountId: string;

  @ApiProperty({ description: '账号名称', maxLength: 128 })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: '请填写账号名称' })
  @MaxLength(128, { message: '账号名称不能超过128个字' })
  name: string;

  @ApiPropertyOptional({ maxLength: 512 })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(512, { message: '网址不能超过512个字符' })
  @IsUrl(URL_OPTIONS, { message: URL_MESSAGE })
  url?: string;

  @ApiProperty({ enum: CONTENT_CATEGORIES, description: `${POLICY.qualifiedCategories.value.join('、')} 须填写资质` })
  @IsIn(CONTENT_CATEGORIES as unknown as string[], { message: '内容类别不在可选范围内' })
  category: ContentCategory;

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @IsInt({ message: '粉丝数应为整数' })
  @Min(0, { message: '粉丝数不能为负数' })
  @Max(MAX_FOLLOWERS, { message: '粉丝数过大' })
  followers?: number;

  @ApiPropertyOptional({ description: '资质类型（如：金融信息服务许可、办学许可证、医疗机构执业许可证、律师执业证）', maxLength: 64 })
  @ValidateIf(qualificationApplies)
  @Trim()
  @IsDefined({ message: '该内容类别须填写资质类型' })
  @IsString()
  @IsNotEmpty({ message: '该内容类别须填写资质类型' })
  @MaxLength(64, { message: '资质类型不能超过64个字' })
  qualificationType?: string;

  @ApiPropertyOptional({ description: '资质证书编号', maxLength: 64 })
  @ValidateIf(qualificationApplies)
  @Trim()
  @IsDefined({ message: '该内容类别须填写资质证书编号' })
  @IsString()
  @IsNotEmpty({ message: '该内容类别须填写资质证书编号' })
  @MaxLength(64, { message: '资质证书编号不能超过64个字符' })
  qualificationNumber?: string;

  @ApiPropertyOptional({ description: '资质有效期至（YYYY-MM-DD，须晚于今天）', example: '2028-12-31' })
  @ValidateIf(qualificationApplies)
  @IsDefined({ message: '该内容类别须填写资质有效期' })
  @IsString()
  @IsCalendarDate()
  @IsFutureDate('资质已过期：有效期须晚于今天')
  qualificationExpiry?: string;
}

/** POST /api/accounts/:id/resubmit: any corrected fields (the subject stays); the rules are checked on the result. */
export class ResubmitAccountDto {
  @ApiPropertyOptional({ enum: PLATFORMS })
  @IsOptional()
  @IsIn(PLATFORMS as unknown as string[], { message: '平台不在可选范围内' })
  platform?: Platform;

  @ApiPropertyOptional({ maxLength: 128 })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: '请填写平台账号ID' })
  @MaxLength(128, { message: '平台账号ID不能超过128个字符' })
  @Matches(PLATFORM_ACCOUNT_ID, { message: '平台账号ID不能含空格' })
  platformAccountId?: string;

  @ApiPropertyOptional({ maxLength: 128 })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: '请填写账号名称' })
  @MaxLength(128, { message: '账号名称不能超过128个字' })
  name?: string;

  @ApiPropertyOptional({ maxLength: 512, nullable: true, description: 'null 清除网址' })
  @ValidateIf((o: ResubmitAccountDto) => o.url !== undefined && o.url !== null)
  @Trim()
  @IsString()
  @MaxLength(512, { message: '网址不能超过512个字符' })
  @IsUrl(URL_OPTIONS, { message: URL_MESSAGE })
  url?: string | null;

  @ApiPropertyOptional({ enum: CONTENT_CATEGORIES })
  @IsOptional()
  @IsIn(CONTENT_CATEGORIES as unknown as string[], { message: '内容类别不在可选范围内' })
  category?: ContentCategory;

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @IsInt({ message: '粉丝数应为整数' })
  @Min(0, { message: '粉丝数不能为负数' })
  @Max(MAX_FOLLOWERS, { message: '粉丝数过大' })
  followers?: number;

  @ApiPropertyOptional({ maxLength: 64 })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: '请填写资质类型' })
  @MaxLength(64, { message: '资质类型不能超过64个字' })
  qualificationType?: string;

  @ApiPropertyOptional({ maxLength: 64 })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: '请填写资质证书编号' })
  @MaxLength(64, { message: '资质证书编号不能超过64个字符' })
  qualificationNumber?: string;

  @ApiPropertyOptional({ example: '2028-12-31' })
  @IsOptional()
  @IsString()
  @IsCalendarDate()
  @IsFutureDate('资质已过期：有效期须晚于今天')
  qualificationExpiry?: string;
}

export const REVIEW_DECISIONS = ['approve', 'reject'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** POST /api/accounts/:id/review. */
export class ReviewAccountDto {
  @ApiProperty({ enum: REVIEW_DECISIONS })
  @IsIn(REVIEW_DECISIONS as unknown as string[], { message: '审核结论应为通过（approve）或退回（reject）' })
  decision: ReviewDecision;

  @ApiPropertyOptional({ description: '退回时必填：退回理由', maxLength: 500 })
  @ValidateIf((o: ReviewAccountDto) => o.decision === 'reject' || o.reason !== undefined)
  @Trim()
  @IsDefined({ message: '退回须说明理由' })
  @IsString()
  @IsNotEmpty({ message: '退回须说明理由' })
  @MaxLength(500, { message: '理由不能超过500个字' })
  reason?: string;
}

/** POST /api/accounts/:id/deregister. */
export class DeregisterAccountDto {
  @ApiPropertyOptional({ description: '注销原因', maxLength: 500 })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500, { message: '原因不能超过500个字' })
  reason?: string;
}

export class AccountListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ACCOUNT_STATES })
  @IsOptional()
  @IsIn(ACCOUNT_STATES as unknown as string[], { message: '状态不在可选范围内' })
  status?: AccountState;

  @ApiPropertyOptional({ enum: PLATFORMS })
  @IsOptional()
  @IsIn(PLATFORMS as unknown as string[], { message: '平台不在可选范围内' })
  platform?: Platform;

  @ApiPropertyOptional({ description: '账号名称、平台账号ID或备案编号的一部分' })
  @IsOptional()
  @IsString()
  @MaxLength(64, { message: '查询内容不能超过64个字' })
  q?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: '主体编号格式不正确' })
  subjectId?: string;
}

export class PublicAccountQuery extends PageQuery {
  @ApiPropertyOptional({ description: '账号名称的一部分（中文亦可）' })
  @IsOptional()
  @IsString()
  @MaxLength(64, { message: '查询内容不能超过64个字' })
  q?: string;

  @ApiPropertyOptional({ enum: PLATFORMS })
  @IsOptional()
  @IsIn(PLATFORMS as unknown as string[], { message: '平台不在可选范围内' })
  platform?: Platform;
}
