import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  Matches,
  Max,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { PageQuery } from '../../../common/http/pagination.js';
import { SatisfiesCheck } from '../../../common/validation/validators.js';
import { POLICY } from '../../../policy/policy-table.js';
import { isValidIdNumber, isValidPhone } from '../../registry/identifiers.js';
import { STAFF_RECORD_KINDS, STAFF_ROLES, TRAINING_ORGANIZERS, type StaffRecordKind, type StaffRole, type TrainingOrganizer } from '../staff.constants.js';
import { STAFF_FILING_STATES, type StaffFilingState } from '../workflow/staff-filing.workflow.js';
import { InHalfHours, IsIsoDate, NotInFuture, Trim, TrimUpper } from './staff-validators.js';

const ID_SHAPE = /^\d{17}[\dX]$/;
const REQUIRED = { message: '必填' };
const MAX_HOURS = POLICY.staffTrainingMaxHours.value;

/** Present in the body (null included): PATCH fields may be left out but not blanked. */
const Given = () => ValidateIf((_o, v) => v !== undefined);

export class CreateStaffMemberDto {
  @ApiProperty({ example: '张三', maxLength: 64 })
  @IsDefined(REQUIRED)
  @Trim()
  @IsString()
  @IsNotEmpty({ message: '请填写姓名' })
  @MaxLength(64, { message: '姓名最多64个字' })
  name: string;

  @ApiProperty({ example: '330110199001011234', description: '居民身份证号码（GB 11643-1999，校验位须正确）；答复中打码' })
  @IsDefined(REQUIRED)
  @TrimUpper()
  @IsString()
  @Matches(ID_SHAPE, { message: '身份证号码应为18位（前17位数字，末位数字或X）' })
  @SatisfiesCheck('idNumberCheck', (v) => !ID_SHAPE.test(v) || isValidIdNumber(v), '身份证号码校验位不符或出生日期无效')
  idNumber: string;

  @ApiProperty({ example: '13812345678', description: '手机号码或带区号的固定电话；答复中打码' })
  @IsDefined(REQUIRED)
  @Trim()
  @IsString()
  @SatisfiesCheck('phone', isValidPhone, '请填写11位手机号码或带区号的固定电话')
  phone: string;

  @ApiProperty({ enum: STAFF_ROLES, description: 'chief_editor 总编辑 | editor 编辑 | reviewer 审核员' })
  @IsDefined(REQUIRED)
  @IsIn(STAFF_ROLES as unknown as string[], { message: '岗位应为 chief_editor、editor 或 reviewer' })
  role: StaffRole;

  @ApiProperty({ description: '是否专职' })
  @IsDefined(REQUIRED)
  @IsBoolean()
  fullTime: boolean;

  @ApiProperty({ example: '2024-03-01', description: '到岗日期，不晚于今天' })
  @IsDefined(REQUIRED)
  @IsIsoDate()
  @NotInFuture()
  startDate: string;
}

export class UpdateStaffMemberDto {
  @ApiPropertyOptional({ example: '2026-06-30', description: '离岗日期：不早于到岗日期、不晚于今天；登记后该人员转入历史，不能再修改' })
  @Given()
  @IsIsoDate()
  @NotInFuture()
  endDate?: string;

  @ApiPropertyOptional({ enum: STAFF_ROLES })
  @Given()
  @IsIn(STAFF_ROLES as unknown as string[], { message: '岗位应为 chief_editor、editor 或 reviewer' })
  role?: StaffRole;

  @ApiPropertyOptional()
  @Given()
  @IsBoolean()
  fullTime?: boolean;

  @ApiPropertyOptional({ example: '13812345678' })
  @Given()
  @Trim()
  @IsString()
  @SatisfiesCheck('phone', isValidPhone, '请填写11位手机号码或带区号的固定电话')
  phone?: string;
}

export class CreateStaffTrainingDto {
  @ApiProperty({ example: '2026-05-20' })
  @IsDefined(REQUIRED)
  @IsIsoDate()
  @NotInFuture()
  date: string;

  @ApiProperty({ enum: TRAINING_ORGANIZERS, description: 'office 网信部门 | association 行业组织 | own_unit 本单位' })
  @IsDefined(REQUIRED)
  @IsIn(TRAINING_ORGANIZERS as unknown as string[], { message: '组织方应为 office、association 或 own_unit' })
  organizer: TrainingOrganizer;

  @ApiProperty({ example: '网络内容编辑与传播规范', maxLength: 200 })
  @IsDefined(REQUIRED)
  @Trim()
  @IsString()
  @IsNotEmpty({ message: '请填写培训内容' })
  @MaxLength(200, { message: '培训内容最多200个字' })
  topic: string;

  @ApiProperty({ example: 3.5, description: `学时：大于0、不超过${MAX_HOURS}，以半小时为单位` })
  @IsDefined(REQUIRED)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '学时应为数字' })
  @IsPositive({ message: '学时须大于0' })
  @Max(MAX_HOURS, { message: `单次培训学时不超过${MAX_HOURS}小时` })
  @InHalfHours()
  hours: number;
}

export class CreateStaffRecordDto {
  @ApiProperty({ enum: STAFF_RECORD_KINDS, description: 'reward 奖励 | punishment 惩处' })
  @IsDefined(REQUIRED)
  @IsIn(STAFF_RECORD_KINDS as unknown as string[], { message: '类别应为 reward 或 punishment' })
  kind: StaffRecordKind;

  @ApiProperty({ example: '2026-04-01' })
  @IsDefined(REQUIRED)
  @IsIsoDate()
  @NotInFuture()
  date: string;

  @ApiProperty({ example: '年度优秀编辑', maxLength: 1000 })
  @IsDefined(REQUIRED)
  @Trim()
  @IsString()
  @IsNotEmpty({ message: '请填写奖惩事由' })
  @MaxLength(1000, { message: '奖惩事由最多1000个字' })
  description: string;
}

/** The filing takes the roster as it stands: no fields. */
export class SubmitStaffFilingDto {}

export const REVIEW_DECISIONS = ['accept', 'return'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export class ReviewStaffFilingDto {
  @ApiProperty({ enum: REVIEW_DECISIONS, description: 'accept 予以备案 | return 退回' })
  @IsDefined(REQUIRED)
  @IsIn(REVIEW_DECISIONS as unknown as string[], { message: '审核结论应为 accept 或 return' })
  decision: ReviewDecision;

  @ApiPropertyOptional({ maxLength: 500, description: '退回时必填' })
  @ValidateIf((o: ReviewStaffFilingDto, v) => o.decision === 'return' || (v !== undefined && v !== null))
  @IsDefined({ message: '退回须说明理由' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: '退回须说明理由' })
  @MaxLength(500, { message: '理由最多500个字' })
  reason?: string;
}

export class StaffFilingListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STAFF_FILING_STATES })
  @IsOptional()
  @IsIn(STAFF_FILING_STATES as unknown as string[], { message: '状态应为 submitted、accepted 或 returned' })
  status?: StaffFilingState;
}
