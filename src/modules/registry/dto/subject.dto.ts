import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { PageQuery } from '../../../common/http/pagination.js';
import { POLICY } from '../../../policy/policy-table.js';
import { isValidCreditCode, isValidIdNumber, isValidPhone } from '../identifiers.js';
import { SUBJECT_KINDS, type SubjectKind } from '../registry.constants.js';
import { CheckWhen, OnlyWhen, Trim, TrimUpper } from './registry-validators.js';

const isOrganization = (o: Record<string, unknown>) => o.kind === 'organization';
const isIndividual = (o: Record<string, unknown>) => o.kind === 'individual';
const REGION = POLICY.registrationRegion.value;

/** POST /api/subjects (api.md "Registry"). */
export class CreateSubjectDto {
  @ApiProperty({ enum: SUBJECT_KINDS })
  @IsIn(SUBJECT_KINDS as unknown as string[], { message: '主体类型应为机构（organization）或个人（individual）' })
  kind: SubjectKind;

  @ApiProperty({ example: '杭州某某文化传媒有限公司', maxLength: 128 })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: '请填写主体名称' })
  @MaxLength(128, { message: '主体名称不能超过128个字' })
  name: string;

  @ApiPropertyOptional({ description: '机构必填：统一社会信用代码（18位，GB 32100-2015 校验）', example: '91330110MA2H000004' })
  @ValidateIf((o: CreateSubjectDto) => o.kind === 'organization' || o.creditCode !== undefined)
  @TrimUpper()
  @OnlyWhen(isOrganization, '个人主体不填写统一社会信用代码')
  @IsDefined({ message: '机构主体须填写统一社会信用代码' })
  @IsString()
  @CheckWhen('invalid_credit_code', isOrganization, (v) => typeof v !== 'string' || isValidCreditCode(v), '统一社会信用代码不正确（应为18位，校验位须相符）')
  creditCode?: string;

  @ApiPropertyOptional({ description: '个人必填：居民身份证号码（18位，GB 11643-1999 校验）' })
  @ValidateIf((o: CreateSubjectDto) => o.kind === 'individual' || o.idNumber !== undefined)
  @TrimUpper()
  @OnlyWhen(isIndividual, '机构主体不填写身份证号码')
  @IsDefined({ message: '个人主体须填写身份证号码' })
  @IsString()
  @CheckWhen('invalid_id_number', isIndividual, (v) => typeof v !== 'string' || isValidIdNumber(v), '身份证号码不正确（应为18位，出生日期与校验位须有效）')
  idNumber?: string;

  @ApiProperty({ description: `登记地行政区划代码，须为余杭区 ${REGION}（§01.2）`, example: REGION })
  @Trim()
  @IsString()
  @Matches(/^\d{6}$/, { message: '行政区划代码为6位数字' })
  @CheckWhen('outside_region', () => true, (v) => typeof v !== 'string' || !/^\d{6}$/.test(v) || v === REGION, `本平台受理在余杭区登记注册的主体（行政区划代码${REGION}，实施办法第一条第2项）`)
  regionCode: string;

  @ApiProperty({ maxLength: 255 })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: '请填写注册地址' })
  @MaxLength(255, { message: '注册地址不能超过255个字' })
  registeredAddress: string;

  @ApiProperty({ maxLength: 255 })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: '请填写经营（运营）地址' })
  @MaxLength(255, { message: '经营地址不能超过255个字' })
  operatingAddress: string;

  @ApiPropertyOptional({ description: '仅机构：经营范围', maxLength: 1000 })
  @ValidateIf((o: CreateSubjectDto) => o.businessScope !== undefined)
  @Trim()
  @OnlyWhen(isOrganization, '个人主体不填写经营范围')
  @IsString()
  @MaxLength(1000, { message: '经营范围不能超过1000个字' })
  businessScope?: string;

  @ApiProperty({ maxLength: 64 })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: '请填写联系人' })
  @MaxLength(64, { message: '联系人不能超过64个字' })
  contactName: string;

  @ApiProperty({ description: '手机号码或带区号的固定电话', example: '13812345678' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: '请填写联系电话' })
  @CheckWhen('invalid_phone', () => true, (v) => typeof v !== 'string' || v === '' || isValidPhone(v), '请填写11位手机号码或带区号的固定电话（如 0571-88888888）')
  contactPhone: string;
}

export class SubjectListQuery extends PageQuery {
  @ApiPropertyOptional({ description: '名称或统一社会信用代码的一部分；完整的身份证号码也可' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  q?: string;

  @ApiPropertyOptional({ enum: SUBJECT_KINDS })
  @IsOptional()
  @IsIn(SUBJECT_KINDS as unknown as string[])
  kind?: SubjectKind;
}

export class SubjectGetQuery {
  @ApiPropertyOptional({ description: '本人或网信办工作人员：显示完整身份证号码和电话（记入审计）', enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'], { message: '应为 true 或 false' })
  reveal?: 'true' | 'false';
}
