import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../../../common/http/pagination.js';
import { BLACKLIST_RULES, type BlacklistRule } from '../blacklist.constants.js';
import { EXIT_STATES, LISTING_STATES } from '../workflow/blacklist.workflow.js';

export class ProposeListingDto {
  @ApiProperty({ description: '自媒体账号编号（须已备案）' })
  @IsUUID('all', { message: '账号编号格式不正确' })
  accountId: string;

  @ApiProperty({ enum: BLACKLIST_RULES, description: 'R1 多次发布、转载违法违规信息；R2 发布、转载违法违规信息后拒不整改' })
  @IsIn(BLACKLIST_RULES as unknown as string[], { message: '认定情形应为 R1 或 R2' })
  rule: BlacklistRule;

  @ApiProperty({ description: '法律依据（§03.5）与认定理由，写入告知书' })
  @IsString({ message: '请填写法律依据' })
  @IsNotEmpty({ message: '请填写法律依据' })
  @MaxLength(2000, { message: '法律依据最多2000字' })
  basis: string;
}

export class DefenceDto {
  @ApiProperty({ description: '陈述、申辩意见' })
  @IsString({ message: '请填写陈述、申辩意见' })
  @IsNotEmpty({ message: '请填写陈述、申辩意见' })
  @MaxLength(5000, { message: '陈述、申辩意见最多5000字' })
  statement: string;
}

export class RejectListingDto {
  @ApiProperty({ description: '不予列入（或不予提前移出）的理由' })
  @IsString({ message: '请填写理由' })
  @IsNotEmpty({ message: '请填写理由' })
  @MaxLength(2000, { message: '理由最多2000字' })
  reason: string;
}

export class ProposeExitDto {
  @ApiProperty({ description: '整改期内积极有效整改的情况（§03.5）' })
  @IsString({ message: '请填写提前移出的理由' })
  @IsNotEmpty({ message: '请填写提前移出的理由' })
  @MaxLength(5000, { message: '理由最多5000字' })
  reason: string;

  @ApiPropertyOptional({ description: '区网信办对整改情况的评估意见' })
  @IsOptional()
  @IsString({ message: '评估意见应为文字' })
  @MaxLength(5000, { message: '评估意见最多5000字' })
  assessment?: string;
}

export class ListingQuery extends PageQuery {
  @ApiPropertyOptional({ enum: LISTING_STATES })
  @IsOptional()
  @IsIn(LISTING_STATES as unknown as string[], { message: '状态不存在' })
  status?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: '账号编号格式不正确' })
  accountId?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true：可以审批的提议（申辩期已满或已陈述申辩），最早的在前' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: '应为 true 或 false' })
  ready?: string;
}

export class ExitQuery extends PageQuery {
  @ApiPropertyOptional({ enum: EXIT_STATES, description: 'proposed：待审批的提前移出提议（最早的在前）' })
  @IsOptional()
  @IsIn(EXIT_STATES as unknown as string[], { message: '状态不存在' })
  status?: string;
}
