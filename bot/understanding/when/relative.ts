// Rule table: amounts of time counted from now or from a date ("in 3 days", "two weeks from
// now", "in half an hour", "3 fridays from now", "two weeks after January 15th").

import { addAmount, amountValue, nextWeekday } from './calendar';
import type { Row, Rule, Step } from './accumulator';
import { AMOUNT, B, CLOCK_UNIT, DAY_UNIT, E } from './patterns';
import { weekdayValue } from './words';

const IN = `in\\s+(?:about\\s+|around\\s+|less\\s+than\\s+|just\\s+)?`;
const FROM_NOW = `(?:from\\s+now|hence|later)`;

export const RELATIVE_OFFSETS: readonly Row[] = [
  {
    name: 'days, weeks, months or years from today',
    pattern: new RegExp(`${B}(?:${IN}(${AMOUNT})\\s*(${DAY_UNIT})(?:\\s+from\\s+(?:now|today))?|(${AMOUNT})\\s+(${DAY_UNIT})\\s+${FROM_NOW})${E}`),
    read: (m, acc) => {
      const amount = amountValue(m[1] ?? m[3]!);
      if (amount === null || amount <= 0 || amount > 400) return false;
      const date = addAmount(acc.today, (m[2] ?? m[4])!, amount);
      if (!date) return false;
      acc.dates.push({ start: m.index, end: m.index + m[0].length, date, existing: false });
      return true;
    },
  },
  {
    name: 'hours, minutes or seconds from now',
    pattern: new RegExp(`${B}(?:${IN}(${AMOUNT})\\s*(?:more\\s+)?(${CLOCK_UNIT})(?![a-z])|(${AMOUNT})\\s+(${CLOCK_UNIT})\\s+${FROM_NOW}${E})`),
    read: (m, acc) => {
      const amount = amountValue(m[1] ?? m[3]!);
      if (amount === null || amount <= 0 || amount > 72 * 60) return false;
      const unit = (m[2] ?? m[4])!;
      const minutes = Math.round(amount * (/^h/.test(unit) ? 60 : /^(?:sec|")/.test(unit) ? 1 / 60 : 1));
      if (minutes > 72 * 60) return false;
      acc.addMoment(m, acc.nowLocal.plus({ minutes }));
      return true;
    },
  },
  {
    name: 'a number of one weekday from now',
    pattern: new RegExp(`${B}(${AMOUNT})\\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s\\s+(?:from\\s+now|from\\s+today|later)${E}`),
    read: (m, acc) => {
      const n = amountValue(m[1]!);
      const wd = weekdayValue(m[2]!);
      if (n === null || wd === null || !Number.isInteger(n) || n < 1 || n > 52) return false;
      acc.dates.push({ start: m.index, end: m.index + m[0].length, date: nextWeekday(acc.today, wd, true).plus({ weeks: n - 1 }), existing: false });
      return true;
    },
  },
] satisfies Rule[];

/** An amount of time right before a date and "from"/"after" moves that date. */
export const SHIFT_FROM_DATES: Step = {
  name: 'an amount of time counted from a date',
  run: (acc) => {
    const re = new RegExp(`${B}(${AMOUNT})\\s+(${DAY_UNIT})\\s+(?:from|after)\\s+$`);
    for (const d of acc.dates) {
      const m = re.exec(acc.lower.slice(Math.max(0, d.start - 40), d.start));
      if (!m) continue;
      const amount = amountValue(m[1]!);
      if (amount === null || amount <= 0) continue;
      const moved = addAmount(d.date, m[2]!, amount);
      if (!moved) continue;
      const start = d.start - m[0].length;
      if (acc.text.slice(start, d.start).includes('#')) continue;
      d.date = moved;
      d.weekdayOnly = false;
      acc.scanner.mask(start, d.start, true);
      d.start = start;
    }
  },
};
