// Calendar arithmetic for the reader. Dates are luxon DateTimes held at midnight UTC, so day
// arithmetic never meets a DST change; the business zone only decides what "today" is.

import { DateTime } from 'luxon';
import { numberValue } from './words';

export function calendarDate(year: number, month: number, day: number): DateTime | null {
  const d = DateTime.utc(year, month, day);
  return d.isValid && d.day === day && d.month === month ? d : null;
}

/** The next date on or after `today` with this month and day (Feb 29 waits for a leap year). */
export function nextMonthDay(today: DateTime, month: number, day: number): DateTime | null {
  for (let y = today.year; y <= today.year + 8; y++) {
    const d = calendarDate(y, month, day);
    if (d && d >= today) return d;
  }
  return null;
}

/** The next date on or after `today` falling on this day of a month. */
export function nextDayOfMonth(today: DateTime, day: number): DateTime | null {
  for (let i = 0; i <= 12; i++) {
    const m = today.plus({ months: i });
    const d = calendarDate(m.year, m.month, day);
    if (d && d >= today) return d;
  }
  return null;
}

export function nextWeekday(today: DateTime, weekday: number, strictlyAfter: boolean): DateTime {
  let ahead = (weekday - today.weekday + 7) % 7;
  if (ahead === 0 && strictlyAfter) ahead = 7;
  return today.plus({ days: ahead });
}

/** The weekday in the Monday-first week `weeks` weeks from the week of `day`. */
export function weekdayOfWeek(day: DateTime, weekday: number, weeks: number): DateTime {
  return day.startOf('week').plus({ weeks, days: weekday - 1 });
}

/** The next date that is both this weekday and this day of a month, from `from` on. */
export function weekdayAndDay(from: DateTime, weekday: number, day: number): DateTime | null {
  let d = nextDayOfMonth(from, day);
  for (let k = 0; d && k < 24 && d.weekday !== weekday; k++) d = nextDayOfMonth(d.plus({ days: 1 }), day);
  return d && d.weekday === weekday ? d : null;
}

/** "'27" and "27" are 2027; four digits are themselves; "two thousand and nine" is 2009. */
export function twoDigitYear(text: string): number {
  const spelled = /^two\s+thousand(?:\s+and)?\s*(.*)$/.exec(text.trim());
  if (spelled) return 2000 + (spelled[1] === '' ? 0 : (numberValue(spelled[1]!) ?? 0));
  const n = Number(text.replace("'", ''));
  return text.replace("'", '').length <= 2 ? 2000 + n : n;
}

/** The value of an amount as written: "a couple" 2, "a few" 3, "half an" 0.5, "1/2", "twenty". */
export function amountValue(text: string): number | null {
  const t = text.trim().replace(/\s+/g, ' ');
  const andHalf = /^(.+) and an? half$/.exec(t);
  if (andHalf) {
    const whole = amountValue(andHalf[1]!);
    return whole === null ? null : whole + 0.5;
  }
  if (/^(?:a |an |one$|a$|an$)/.test(t) && !/couple|few|pair|half|quarter/.test(t)) return 1;
  if (/couple|pair/.test(t)) return 2;
  if (/few/.test(t)) return 3;
  if (/^half/.test(t)) return 0.5;
  if (/quarter/.test(t)) return 0.75;
  const frac = /^(\d)\s?\/\s?(\d)$/.exec(t);
  if (frac) return Number(frac[2]) === 0 ? null : Number(frac[1]) / Number(frac[2]);
  if (/^\d/.test(t)) return Number(t);
  return numberValue(t);
}

/** `base` moved by an amount of days, weeks, fortnights, months or years; null for a fraction of a month. */
export function addAmount(base: DateTime, unitText: string, amount: number): DateTime | null {
  const unit = unitText.replace(/s$/, '');
  if (unit === 'fortnight') return base.plus({ weeks: 2 * amount });
  if (!Number.isInteger(amount)) return unit === 'day' ? base.plus({ days: Math.round(amount) }) : null;
  return base.plus({ [`${unit}s`]: amount });
}

/** `base` moved by `amount` working days (Monday to Friday). */
export function addWorkingDays(base: DateTime, amount: number): DateTime {
  let d = base;
  for (let left = amount; left > 0; ) {
    d = d.plus({ days: 1 });
    if (d.weekday <= 5) left--;
  }
  return d;
}
