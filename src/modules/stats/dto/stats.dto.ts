import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsString, ValidateBy } from 'class-validator';
import { lastFiguresYear } from '../figures-period.js';
import { FIRST_FIGURES_YEAR } from '../stats.constants.js';

/** A year the office can have figures for: 2019 (the measures came into force) to next year. Checked against today's year. */
function IsFiguresYear(): PropertyDecorator {
  return ValidateBy({
    name: 'yearRange',
    validator: {
      validate: (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= FIRST_FIGURES_YEAR && v <= lastFiguresYear(),
      defaultMessage: () => `年度应在${FIRST_FIGURES_YEAR}至${lastFiguresYear()}之间`,
    },
  });
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date written YYYY-MM-DD (2026-02-30 is not one): one rule, one code (`isoDate`). */
function IsCalendarDate(): PropertyDecorator {
  return ValidateBy({
    name: 'isoDate',
    validator: {
      validate: (v: unknown) => {
        if (typeof v !== 'string' || !DATE_ONLY.test(v)) return false;
        const t = Date.parse(`${v}T00:00:00Z`);
        return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === v;
      },
      defaultMessage: () => '应为有效日期，格式 YYYY-MM-DD（如 2026-05-01）',
    },
  });
}

export class AnnualFiguresQuery {
  @ApiProperty({ example: 2026, description: '统计年度（北京时间自然年），2019年至明年' })
  @IsDefined({ message: '请填写统计年度' })
  @Type(() => Number)
  @IsInt({ message: '年度应为整数，如 2026' })
  @IsFiguresYear()
  year: number;
}

export class CampaignQuery {
  @ApiProperty({ example: '2026-05-01', description: '统计期间开始日期（含）' })
  @IsDefined({ message: '请填写开始日期' })
  @IsString()
  @IsCalendarDate()
  from: string;

  @ApiProperty({ example: '2026-10-31', description: '统计期间结束日期（含），不早于开始日期，期间不超过366天' })
  @IsDefined({ message: '请填写结束日期' })
  @IsString()
  @IsCalendarDate()
  to: string;
}
