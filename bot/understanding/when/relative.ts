// Rule table: amounts of time counted from now or from a date ("in 3 days", "two weeks from
// now", "in half an hour", "3 fridays from now", "two weeks after January 15th").

import { DateTime } from 'luxon';
import { addAmount, addWorkingDays, amountValue, nextWeekday, weekdayOfWeek } from './calendar';
import type { Accumulator, Row, Rule, Step } from './accumulator';
import { AMOUNT, B, CLOCK_UNIT, DAY_UNIT, E } from './patterns';
import { weekdayValue } from './words';

const IN = `in\\s+(?:about\\s+|around\\s+|less\\s+than\\s+|just\\s+)?`;
const FROM_NOW = `(?:from\\s+now|hence|later)`;

const PIECE = `(${AMOUNT})\\s*(${DAY_UNIT}|${CLOCK_UNIT})`;
const COMPOUND = `${AMOUNT}\\s*(?:${DAY_UNIT}|${CLOCK_UNIT})`;

/** "2 years 1 month 21 days", "1 day and 2 hours": each amount added in turn, largest unit first as written. */
function addPieces(acc: Accumulator, text: string): { date: DateTime; moment: DateTime | null } | null {
  let at = acc.nowLocal;
  let day = acc.today;
  let clock = false;
  for (const p of text.matchAll(new RegExp(PIECE, 'g'))) {
    const amount = amountValue(p[1]!);
    if (amount === null || amount <= 0) return null;
    const unit = p[2]!;
    if (new RegExp(`^${DAY_UNIT}$`).test(unit)) {
      const moved = addAmount(day, unit, amount);
      if (!moved) return null;
      at = at.plus(moved.diff(day, 'days').toObject());
      day = moved;
    } else {
      clock = true;
      at = at.plus({ minutes: Math.round(amount * (/^h/.test(unit) ? 60 : /^(?:sec|")/.test(unit) ? 1 / 60 : 1)) });
      day = DateTime.utc(at.year, at.month, at.day);
    }
  }
  return { date: day, moment: clock ? at : null };
}

export const RELATIVE_OFFSETS: readonly Row[] = [
  {
    name: 'amounts of more than one unit from now: "2 years 1 month 21 days later", "in 1 day and 2 hours"',
    pattern: new RegExp(`${B}(?:${IN}(${COMPOUND}(?:\\s*,?\\s*(?:and\\s+)?${COMPOUND})+)(?:\\s+${FROM_NOW})?|(${COMPOUND}(?:\\s*,?\\s*(?:and\\s+)?${COMPOUND})+)\\s+${FROM_NOW})${E}`),
    read: (m, acc) => {
      const added = addPieces(acc, m[1] ?? m[2]!);
      if (!added) return false;
      if (added.moment) acc.addMoment(m, added.moment);
      else acc.dates.push({ start: m.index, end: m.index + m[0].length, date: added.date, existing: false, counted: true });
      return true;
    },
  },
  {
    name: 'working days from today: "in four business days"',
    pattern: new RegExp(`${B}(?:${IN}(${AMOUNT})\\s+(?:business|working|work)\\s+days?|(${AMOUNT})\\s+(?:business|working|work)\\s+days?\\s+${FROM_NOW})${E}`),
    read: (m, acc) => {
      const amount = amountValue(m[1] ?? m[2]!);
      if (amount === null || !Number.isInteger(amount) || amount <= 0 || amount > 260) return false;
      acc.dates.push({ start: m.index, end: m.index + m[0].length, date: addWorkingDays(acc.today, amount), existing: false, counted: true });
      return true;
    },
  },
  {
    name: 'days, weeks, months or years from today',
    pattern: new RegExp(`${B}(?:${IN}(${AMOUNT})\\s*(${DAY_UNIT})(?:\\s+from\\s+(?:now|today))?|(${AMOUNT})\\s+(${DAY_UNIT})\\s+${FROM_NOW})${E}`),
    read: (m, acc) => {
      const amount = amountValue(m[1] ?? m[3]!);
      if (amount === null || amount <= 0 || amount > 400) return false;
      const date = addAmount(acc.today, (m[2] ?? m[4])!, amount);
      if (!date) return false;
      acc.dates.push({ start: m.index, end: m.index + m[0].length, date, existing: false, counted: true });
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
    name: 'the upcoming days counted: "upcoming 2 days", "two upcoming days"',
    pattern: new RegExp(`${B}(?:(?:the\\s+)?upcoming\\s+(${AMOUNT})\\s*|(${AMOUNT})\\s+upcoming\\s+)(${DAY_UNIT})${E}`),
    read: (m, acc) => {
      const amount = amountValue(m[1] ?? m[2]!);
      const date = amount === null || amount <= 0 || amount > 400 ? null : addAmount(acc.today, m[3]!, amount);
      if (!date) return false;
      acc.dates.push({ start: m.index, end: m.index + m[0].length, date, existing: false, counted: true });
      return true;
    },
  },
  {
    name: 'minutes from now, the unit left out: "be there in 15"',
    pattern: new RegExp(`${B}in\\s+(5|10|15|20|25|30|40|45|50)(?=\\s*(?:$|[.!?,]|min))`),
    read: (m, acc) => {
      acc.addMoment(m, acc.nowLocal.plus({ minutes: Number(m[1]) }));
      return true;
    },
  },
  {
    name: 'a number of one weekday from now',
    pattern: new RegExp(`${B}(${AMOUNT})\\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\\s+(?:from\\s+now|from\\s+today|later)${E}`),
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
      d.counted = true;
      acc.scanner.mask(start, d.start, true);
      d.start = start;
    }
  },
};

/** "Monday two weeks from now", "Thursday, two years from now": that weekday in the week counted to. */
export const WEEKDAY_OF_COUNTED_WEEK: Step = {
  name: 'a weekday next to an amount of time from now',
  run: (acc) => {
    const dates = acc.dates.sort((a, b) => a.start - b.start);
    for (let i = 0; i + 1 < dates.length; i++) {
      const [a, b] = [dates[i]!, dates[i + 1]!];
      const day = a.weekdayOnly && b.counted ? a : b.weekdayOnly && a.counted ? b : null;
      const counted = day === a ? b : a;
      if (!day || !/^[\s,]*(?:on\s+)?$/.test(acc.lower.slice(a.end, b.start))) continue;
      const wd = day.date.weekday;
      dates.splice(i, 2, { start: a.start, end: b.end, date: weekdayOfWeek(counted.date, wd, 0), existing: a.existing });
    }
  },
};
