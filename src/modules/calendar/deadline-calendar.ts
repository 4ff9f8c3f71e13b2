import { Injectable } from '@nestjs/common';
import chineseDays from 'chinese-days';

/** A calendar date in Beijing, as 'YYYY-MM-DD'. */
export type IsoDate = string;

const TZ = 'Asia/Shanghai';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

// Made once: building an Intl.DateTimeFormat costs about 0.1 ms, more than a whole indexed query.
const BEIJING_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Beijing calendar date of an instant (deadlines are counted in China Standard Time). */
export function beijingDate(at: Date = new Date()): IsoDate {
  return BEIJING_DAY.format(at);
}

function shift(date: IsoDate, days: number): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 0 for 1 January. */
function dayOfYear(date: IsoDate): number {
  const y = Number(date.slice(0, 4));
  return (Date.UTC(y, Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) - Date.UTC(y, 0, 1)) / 86_400_000;
}

function weekday(date: IsoDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/**
 * Working days on the official PRC calendar (holidays and adjusted working days, 调休), from the
 * `chinese-days` package, which carries each year's State Council arrangement (国办发明电).
 *
 * For a year whose arrangement the installed package does not know yet (the State Council publishes
 * it each November), the statutory holidays of 《全国年节及纪念日放假办法》(2024 revision) stand in:
 * 元旦, 春节 (除夕 to 初三), 清明, 劳动节 (5月1-2日), 端午, 中秋, 国庆 (10月1-3日), without adjusted
 * working days. `isOfficial(year)` says which; the UI marks such deadlines as provisional. Updating
 * the package brings the official arrangement.
 */
@Injectable()
export class DeadlineCalendar {
  private readonly officialYears = new Map<number, boolean>();
  private readonly fallbackHolidays = new Map<number, Set<IsoDate>>();
  private readonly yearTables = new Map<number, Uint16Array>();

  /** True when the package carries the State Council's arrangement for the year. */
  isOfficial(year: number): boolean {
    let known = this.officialYears.get(year);
    if (known === undefined) {
      // An official arrangement always declares at least one adjusted day or a multi-day break;
      // a year without any declared holiday is unknown to this version of the package.
      known = chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
      this.officialYears.set(year, known);
    }
    return known;
  }

  isWorkingDay(date: IsoDate): boolean {
    if (!ISO_DATE.test(date)) throw new Error(`not a date: ${date}`);
    const year = Number(date.slice(0, 4));
    if (this.isOfficial(year)) return chineseDays.isWorkday(date);
    const wd = weekday(date);
    return wd !== 0 && wd !== 6 && !this.statutoryHolidays(year).has(date);
  }

  /**
   * The deadline `n` working days after `start`: the start day itself is not counted
   * (《民法典》第二百零一条: 开始的当日不计入，自下一日开始计算).
   */
  addWorkingDays(start: IsoDate | Date, n: number): IsoDate {
    if (!Number.isInteger(n) || n < 0) throw new Error('working days must be a whole number ≥ 0');
    let date = typeof start === 'string' ? start : beijingDate(start);
    let left = n;
    while (left > 0) {
      date = shift(date, 1);
      if (this.isWorkingDay(date)) left -= 1;
    }
    return date;
  }

  /**
   * Working days from `from` to `to`: positive when `to` is later (days left), negative when
   * earlier (days overdue), counting the working days strictly after the earlier date up to and
   * including the later one.
   */
  workingDaysBetween(from: IsoDate | Date, to: IsoDate | Date): number {
    const a = typeof from === 'string' ? from : beijingDate(from);
    const b = typeof to === 'string' ? to : beijingDate(to);
    if (a === b) return 0;
    const [lo, hi, sign] = a < b ? [a, b, 1] : [b, a, -1];
    // Running totals per year: (lo, hi] is a difference of two, plus the whole years between.
    const yLo = Number(lo.slice(0, 4));
    const yHi = Number(hi.slice(0, 4));
    let count = this.yearTable(yHi)[dayOfYear(hi)] - this.yearTable(yLo)[dayOfYear(lo)];
    for (let y = yLo; y < yHi; y++) {
      const t = this.yearTable(y);
      count += t[t.length - 1];
    }
    return sign * count || 0;
  }

  /** t[k] = the working days among the year's days 0..k (a queue of a year's reports asks this per row). */
  private yearTable(year: number): Uint16Array {
    let t = this.yearTables.get(year);
    if (!t) {
      const days = dayOfYear(`${year}-12-31`) + 1;
      t = new Uint16Array(days);
      let date = `${year}-01-01`;
      let count = 0;
      for (let k = 0; k < days; k++, date = shift(date, 1)) {
        if (this.isWorkingDay(date)) count += 1;
        t[k] = count;
      }
      this.yearTables.set(year, t);
    }
    return t;
  }

  /** "还剩3个工作日" / "今天到期" / "已逾期2个工作日". */
  describeDeadline(deadline: IsoDate, today: IsoDate = beijingDate()): string {
    const n = this.workingDaysBetween(today, deadline);
    if (deadline === today) return '今天到期';
    if (n > 0) return `还剩${n}个工作日`;
    if (deadline < today) return n === 0 ? '已逾期' : `已逾期${-n}个工作日`;
    return '即将到期';
  }

  private statutoryHolidays(year: number): Set<IsoDate> {
    let set = this.fallbackHolidays.get(year);
    if (set) return set;
    const lunar = (m: number, d: number) => chineseDays.getSolarDateFromLunar(`${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`).date;
    const springDay1 = lunar(1, 1);
    set = new Set<IsoDate>([
      `${year}-01-01`,
      shift(springDay1, -1),
      springDay1,
      shift(springDay1, 1),
      shift(springDay1, 2),
      chineseDays.getSolarTermDate(year, 4, 'pure_brightness'),
      `${year}-05-01`,
      `${year}-05-02`,
      lunar(5, 5),
      lunar(8, 15),
      `${year}-10-01`,
      `${year}-10-02`,
      `${year}-10-03`,
    ]);
    this.fallbackHolidays.set(year, set);
    return set;
  }
}
