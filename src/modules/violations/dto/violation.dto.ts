import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { VIOLATION_CATEGORIES, VIOLATION_SOURCES, type ViolationCategory, type ViolationSource } from '../violation-categories.js';

export class RecordViolationDto {
  @ApiProperty({ enum: VIOLATION_CATEGORIES })
  @IsIn(VIOLATION_CATEGORIES as unknown as string[], { message: '违规类别不存在' })
  category: ViolationCategory;

  @ApiProperty({ enum: VIOLATION_SOURCES })
  @IsIn(VIOLATION_SOURCES as unknown as string[], { message: '来源不存在' })
  source: ViolationSource;

  @ApiProperty({ description: '违规事实' })
  @IsString()
  @IsNotEmpty({ message: '请填写违规事实' })
  @MaxLength(5000)
  facts: string;

  @ApiProperty({ example: '2026-11-20', description: '发生日期' })
  @IsISO8601({ strict: true }, { message: '应为日期（如 2026-11-20）' })
  occurredAt: string;

  @ApiPropertyOptional({ description: '是否须更正并公开赔礼道歉（§02.3）；默认按类别判断' })
  @IsOptional()
  @IsBoolean()
  correctionRequired?: boolean;
}
