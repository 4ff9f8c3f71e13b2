import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../../../common/http/pagination.js';
import { POLICY } from '../../../policy/policy-table.js';
import { INTERVIEW_TRIGGERS, type InterviewTrigger } from '../interview.constants.js';
import { INTERVIEW_STATES } from '../workflow/interview.workflow.js';

/** An instant with its offset, so 09:30 means the same to everyone (api.md: ISO-8601 with offset). */
export const DATETIME_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
export const ISO_DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const MIN_OFFICERS = POLICY.interviewMinOfficers.value;

/** Text with one item per line, or a list: both arrive as a list of non-empty lines. */
const toLines = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter(Boolean)
    : Array.isArray(value)
      ? value.map((s) => (typeof s === 'string' ? s.trim() : s))
      : value;

export class SummonedPersonDto {
  @ApiProperty({ example: '王某某' })
  @IsString()
  @IsNotEmpty({ message: '请填写被约谈人姓名' })
  @MaxLength(64)
  name: string;

  @ApiProperty({ example: '总经理' })
  @IsString()
  @IsNotEmpty({ message: '请填写被约谈人职务' })
  @MaxLength(64)
  title: string;
}

export class CreateInterviewDto {
  @ApiProperty({ description: '被约谈账号' })
  @IsUUID('all', { message: '账号编号格式不正确' })
  accountId: string;

  @ApiProperty({ enum: INTERVIEW_TRIGGERS, isArray: true, description: '约谈情形（§03.2），至少一项，不重复' })
  @IsArray()
  @ArrayMinSize(1, { message: '请至少选择一项约谈情形' })
  @ArrayMaxSize(INTERVIEW_TRIGGERS.length)
  @ArrayUnique({ message: '约谈情形不能重复' })
  @IsIn(INTERVIEW_TRIGGERS as unknown as string[], { each: true, message: '约谈情形应为 T1 至 T6' })
  triggers: InterviewTrigger[];

  @ApiProperty({ description: '违法违规事实' })
  @IsString()
  @IsNotEmpty({ message: '请填写违法违规事实' })
  @MaxLength(5000)
  facts: string;

  @ApiProperty({ example: '2026-11-30T09:30:00+08:00', description: '约谈时间（须晚于现在）' })
  @IsString()
  @Matches(DATETIME_WITH_OFFSET, { message: '应为带时区的日期时间（如 2026-11-30T09:30:00+08:00）' })
  @IsISO8601({ strict: true }, { message: '应为带时区的日期时间（如 2026-11-30T09:30:00+08:00）' })
  scheduledAt: string;

  @ApiProperty({ example: '余杭区文一西路1500号区网信办302会议室' })
  @IsString()
  @IsNotEmpty({ message: '请填写约谈地点' })
  @MaxLength(255)
  location: string;

  @ApiProperty({ type: [String], description: `约谈人员：至少${MIN_OFFICERS}名不同的在岗工作人员` })
  @IsArray()
  @ArrayMinSize(MIN_OFFICERS, { message: `约谈人员不少于${MIN_OFFICERS}名` })
  @ArrayMaxSize(10, { message: '约谈人员最多10名' })
  @ArrayUnique({ message: '约谈人员不能重复' })
  @IsUUID('all', { each: true, message: '工作人员编号格式不正确' })
  officerIds: string[];

  @ApiPropertyOptional({ type: SummonedPersonDto, description: '被约谈人；默认为主体联系人（主要负责人）' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SummonedPersonDto)
  summonedPerson?: SummonedPersonDto;
}

export class HoldInterviewDto {
  @ApiProperty({ description: '约谈记录' })
  @IsString()
  @IsNotEmpty({ message: '请填写约谈记录' })
  @MaxLength(20000)
  minutes: string;

  @ApiProperty({ type: [String], description: '指出的问题：列表，或每行一项的文本' })
  @Transform(toLines)
  @IsNotEmpty({ message: '请填写指出的问题' })
  @IsArray()
  @ArrayMinSize(1, { message: '请填写指出的问题' })
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true, message: '问题不能为空' })
  @MaxLength(2000, { each: true })
  problems: string[];

  @ApiProperty({ type: [String], description: '整改要求：列表，或每行一项的文本' })
  @Transform(toLines)
  @IsNotEmpty({ message: '请填写整改要求' })
  @IsArray()
  @ArrayMinSize(1, { message: '请填写整改要求' })
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true, message: '整改要求不能为空' })
  @MaxLength(2000, { each: true })
  requirements: string[];

  @ApiPropertyOptional({ example: '2026-12-18', description: '整改期限（晚于今天）；默认约谈之日起15个工作日' })
  @IsOptional()
  @IsString()
  @Matches(ISO_DATE_ONLY, { message: '应为日期（如 2026-12-18）' })
  @IsISO8601({ strict: true }, { message: '应为日期（如 2026-12-18）' })
  deadline?: string;
}

export class RefusalDto {
  @ApiProperty({ description: '拒绝或未到场的情况说明' })
  @IsString()
  @IsNotEmpty({ message: '请填写情况说明' })
  @MaxLength(2000)
  note: string;
}

export class RectificationReportDto {
  @ApiProperty({ description: '整改报告' })
  @IsString()
  @IsNotEmpty({ message: '请填写整改报告' })
  @MaxLength(20000)
  report: string;
}

export class AssignAssessorDto {
  @ApiProperty({ description: '评估人员（评议人员账户）' })
  @IsUUID('all', { message: '评议人员编号格式不正确' })
  evaluatorId: string;
}

export class AssessmentDto {
  @ApiProperty({ enum: ['pass', 'fail'] })
  @IsIn(['pass', 'fail'], { message: '评估结论应为 pass 或 fail' })
  result: 'pass' | 'fail';

  @ApiProperty({ description: '评估意见与理由（§03.4）' })
  @IsString()
  @IsNotEmpty({ message: '请填写评估意见' })
  @MaxLength(5000)
  comment: string;
}

export class InterviewQuery extends PageQuery {
  @ApiPropertyOptional({ enum: INTERVIEW_STATES })
  @IsOptional()
  @IsIn(INTERVIEW_STATES as unknown as string[], { message: '状态不存在' })
  status?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: '账号编号格式不正确' })
  accountId?: string;

  @ApiPropertyOptional({ example: '2026-11-01', description: '约谈时间不早于该日（北京时间）' })
  @IsOptional()
  @Matches(ISO_DATE_ONLY, { message: '应为日期（如 2026-11-01）' })
  @IsISO8601({ strict: true }, { message: '应为日期（如 2026-11-01）' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: '约谈时间不晚于该日（北京时间）' })
  @IsOptional()
  @Matches(ISO_DATE_ONLY, { message: '应为日期（如 2026-11-30）' })
  @IsISO8601({ strict: true }, { message: '应为日期（如 2026-11-30）' })
  to?: string;

  @ApiPropertyOptional({ example: '2026-11-23', description: '整改期限不早于该日；与 deadlineTo 同用即“本周到期的整改”，按期限先后排列' })
  @IsOptional()
  @Matches(ISO_DATE_ONLY, { message: '应为日期（如 2026-11-23）' })
  @IsISO8601({ strict: true }, { message: '应为日期（如 2026-11-23）' })
  deadlineFrom?: string;

  @ApiPropertyOptional({ example: '2026-11-29', description: '整改期限不晚于该日' })
  @IsOptional()
  @Matches(ISO_DATE_ONLY, { message: '应为日期（如 2026-11-29）' })
  @IsISO8601({ strict: true }, { message: '应为日期（如 2026-11-29）' })
  deadlineTo?: string;
}
