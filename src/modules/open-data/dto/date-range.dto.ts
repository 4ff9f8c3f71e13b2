import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Matches } from 'class-validator';
import { AppException } from '../../../common/errors/app.exception.js';
import { ISO_DATE_ONLY } from '../../interviews/dto/interview.dto.js';

/** `?from=&to=`: Beijing dates, both days included; either may be left out. */
export class DateRangeQuery {
  @ApiPropertyOptional({ example: '2026-01-01', description: '起始日期（含）' })
  @IsOptional()
  @IsString({ message: '应为日期（如 2026-01-01）' })
  @Matches(ISO_DATE_ONLY, { message: '应为日期（如 2026-01-01）' })
  @IsISO8601({ strict: true }, { message: '应为日期（如 2026-01-01）' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: '截止日期（含）' })
  @IsOptional()
  @IsString({ message: '应为日期（如 2026-12-31）' })
  @Matches(ISO_DATE_ONLY, { message: '应为日期（如 2026-12-31）' })
  @IsISO8601({ strict: true }, { message: '应为日期（如 2026-12-31）' })
  to?: string;
}

/** 400 on `to` when the range runs backwards. */
export function checkRange(q: { from?: string; to?: string }): void {
  if (q.from && q.to && q.to < q.from) throw AppException.field('to', 'before_from', '截止日期不能早于起始日期');
}
