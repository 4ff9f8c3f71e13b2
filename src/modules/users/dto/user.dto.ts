import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ROLES, type Role } from '../../../common/auth/roles.js';
import { IsStrongPassword } from '../../../common/validation/validators.js';

export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,32}$/;
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

export class RegisterDto {
  @ApiProperty({ example: 'hangzhou_media' })
  @IsString()
  @Matches(USERNAME_PATTERN, { message: '用户名为3-32位字母、数字、下划线、点或横线' })
  username: string;

  @ApiProperty({ description: '至少10位，含小写、大写、数字、符号中的三类' })
  @IsString()
  @IsStrongPassword()
  password: string;

  @ApiProperty({ example: '杭州某某文化传媒有限公司' })
  @IsString()
  @IsNotEmpty({ message: '请填写名称' })
  @MaxLength(64)
  displayName: string;

  @ApiProperty({ example: '13812345678' })
  @IsString()
  @Matches(MOBILE_PATTERN, { message: '请填写11位手机号码' })
  phone: string;
}

export class CreateUserDto {
  @ApiProperty()
  @IsString()
  @Matches(USERNAME_PATTERN, { message: '用户名为3-32位字母、数字、下划线、点或横线' })
  username: string;

  @ApiProperty()
  @IsString()
  @IsStrongPassword()
  password: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES as unknown as string[], { message: '角色不存在' })
  role: Role;

  @ApiProperty()
  @IsString()
  @IsNotEmpty({ message: '请填写姓名' })
  @MaxLength(64)
  displayName: string;

  @ApiPropertyOptional({ description: '评议人员所属协会或专家库；工作人员所属部门' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  organization?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ enum: ['active', 'disabled'] })
  @IsOptional()
  @IsIn(['active', 'disabled'])
  status?: 'active' | 'disabled';

  @ApiPropertyOptional({ description: '重置密码' })
  @IsOptional()
  @IsString()
  @IsStrongPassword()
  password?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  displayName?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(128)
  organization?: string;
}

export class LoginDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty({ message: '请填写用户名' })
  @MaxLength(64)
  username: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty({ message: '请填写密码' })
  @MaxLength(128)
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  currentPassword: string;

  @ApiProperty()
  @IsString()
  @IsStrongPassword()
  newPassword: string;
}
