// Rule table: calendar dates ("2026-08-01", "7/4", "july 4th", "the 5th", "tmrw", "next tues",
// "the first friday of next month"), in the order they are tried.

import type { DateTime } from 'luxon';
import type { Accumulator, Rule } from './accumulator';
import { calendarDate, nextDayOfMonth, nextMonthDay, nextWeekday, twoDigitYear, weekdayAndDay, weekdayOfWeek } from './calendar';
import { parseAtom } from './clock';
import { NAMED_DAYS } from './named-days';
import { B, COUNTED, DAY_NUMBER, DAY_OF_MONTH, DIGIT_ORDINAL, E, MERIDIEM, OCLOCK, YEAR } from './patterns';
import { AMBIGUOUS_WEEKDAY, MONTH, ORDINAL_WORD, TOMORROW, WEEKDAY, monthValue, numberValue, ordinalValue, weekdayValue } from './words';

/** The date of a month and a day as written, the next one from today when no year is given. */
function monthDay(acc: Accumulator, month: number | null, dayText: string, yearText: string | undefined): DateTime | null {
  const day = ordinalValue(dayText);
  if (month === null || day === null || day < 1 || day > 31) return null;
  // When a weekday is written too and disagrees, the date's numbers win (a slip on the weekday is
  // the likelier mistake).
  if (yearText !== undefined) return calendarDate(twoDigitYear(yearText), month, day);
  return nextMonthDay(acc.today, month, day);
}

const AFTER_DAY = `(?!\\s*(?:[:.]\\d|${MERIDIEM}|${OCLOCK}))`;
const WD = `(${WEEKDAY}|${AMBIGUOUS_WEEKDAY})`;

const NUMERIC_DATES: Rule[] = [
  {
    name: 'year-month-day, with a time after it',
    pattern: new RegExp(`${B}((?:19|20)\\d{2})[-/.](\\d{1,2})[-/.](\\d{1,2})(?:[t\\s](\\d{2}):(\\d{2})(?::\\d{2})?)?${E}`),
    read: (m, acc) => {
      const date = calendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
      if (date && m[4] !== undefined) {
        const atom = parseAtom(`${m[4]}:${m[5]}`);
        if (atom) acc.clocks.push({ start: m.index, end: m.index + m[0].length, atom: { ...atom, fixed: true }, date: null, existing: false });
      }
      return acc.addDate(m, date);
    },
  },
  {
    name: 'year, month name, day',
    pattern: new RegExp(`${B}((?:19|20)\\d{2})[-/\\s](${MONTH})\\.?[-/\\s](${DAY_NUMBER})${E}`),
    read: (m, acc) => acc.addDate(m, calendarDate(Number(m[1]), monthValue(m[2]!) ?? 0, Number(m[3]))),
  },
  {
    name: 'day.month.year',
    pattern: new RegExp(`(?<![\\w.,/:$-])(\\d{1,2})\\.(\\d{1,2})\\.((?:19|20)\\d{2})${E}`),
    read: (m, acc) => acc.addDate(m, calendarDate(Number(m[3]), Number(m[2]), Number(m[1]))),
  },
  {
    name: 'month/day, month-day, with an optional year',
    pattern: new RegExp(
      `(?<![\\w.,/:$-])(\\d{1,2})\\s?([/-])\\s?(\\d{1,2})(?:\\s?\\2\\s?(\\d{4}|\\d{2}))?(?![\\w/]|[.,:]\\d|\\s*(?:hours?|hrs?|cups?|inch|miles?|off|of\\s+(?:an?|the)))`,
    ),
    read: (m, acc) => {
      let month = Number(m[1]);
      let day = Number(m[3]);
      // A dash between two numbers that could be hours is a range ("11-4"), not a date.
      if (m[2] === '-' && m[4] === undefined && (day <= 12 || month > 12)) return false;
      if (month > 12 && day <= 12) [month, day] = [day, month];
      if (m[4] !== undefined) return acc.addDate(m, calendarDate(twoDigitYear(m[4]), month, day));
      if (month > 12 || day > 31) return false;
      return acc.addDate(m, nextMonthDay(acc.today, month, day));
    },
  },
];

/** A month name, a four-digit year and a day written in an order of their own ("2020/23/sep"). */
// Dashes or slashes only: "nov. 2016 10:38" is November 2016 at 10:38.
const MONTH_YEAR_DAY = `(${MONTH})\\.?[-/]((?:19|20)\\d{2})[-/](${DAY_NUMBER})(?![:.]\\d)`;
const YEAR_DAY_MONTH = `((?:19|20)\\d{2})[-/](${DAY_NUMBER})[-/](${MONTH})`;
const DAY_YEAR_MONTH = `(${DAY_NUMBER})[-/]((?:19|20)\\d{2})[-/](${MONTH})`;

const OTHER_ORDER_DATES: Rule[] = [
  {
    name: 'a month name, a year and a day in another order: "september-2020-23", "2020/23/sep", "23-2020-september"',
    pattern: new RegExp(`${B}(?:${MONTH_YEAR_DAY}|${YEAR_DAY_MONTH}|${DAY_YEAR_MONTH})${E}`),
    read: (m, acc) => {
      const [month, year, day] = m[1] ? [m[1], m[2], m[3]] : m[4] ? [m[6], m[4], m[5]] : [m[9], m[8], m[7]];
      return acc.addDate(m, calendarDate(Number(year), monthValue(month!) ?? 0, Number(day)));
    },
  },
  {
    name: 'year, month and day written together: "20200701"',
    pattern: /(?<![\w.])((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?![\w.])/,
    read: (m, acc) => acc.addDate(m, calendarDate(Number(m[1]), Number(m[2]), Number(m[3]))),
  },
  {
    name: 'month.day after "on": "done on 5.12"',
    pattern: new RegExp(`${B}on\\s+(\\d{1,2})\\.(\\d{1,2})(?![\\d.:]|\\s*(?:${MERIDIEM}|${OCLOCK}|h(?![a-z])))`),
    read: (m, acc) => {
      let [month, day] = [Number(m[1]), Number(m[2])];
      if (month > 12 && day <= 12) [month, day] = [day, month];
      if (month > 12 || day > 31) return false;
      const date = nextMonthDay(acc.today, month, day);
      if (!date) return false;
      // "on" is not part of the date's span.
      acc.dates.push({ start: m.index + m[0].indexOf(m[1]!), end: m.index + m[0].length, date, existing: false });
      return true;
    },
  },
];

const NAMED_MONTH_DATES: Rule[] = [
  {
    name: 'day month-name year',
    pattern: new RegExp(
      `${B}(?<![:.])(?:${WD},?\\s+)?(?:the\\s+)?(${DIGIT_ORDINAL}|${DAY_NUMBER}|${ORDINAL_WORD})\\.?(?:\\s+day)?\\s+(?:of\\s+)?(${MONTH})\\.?${E}(?:(?:,?\\s+|\\s+in\\s+)(${YEAR})${E})?`,
    ),
    read: (m, acc) => acc.addDate(m, monthDay(acc, monthValue(m[3]!), m[2]!, m[4])),
  },
  {
    name: 'month-name day year',
    pattern: new RegExp(
      `${B}(?:${WD},?\\s+)?(${MONTH})(?:\\.\\s?|\\s*[/-]\\s*|\\s+(?:the\\s+)?|,\\s*(?=${DIGIT_ORDINAL})|(?=\\d))(${DAY_OF_MONTH})${E}${AFTER_DAY}(?:(?:,\\s*|\\s+|\\s*[-/]\\s*|\\s+in\\s+)(${YEAR})${E})?`,
    ),
    read: (m, acc) => {
      // "may" is usually the verb: before a spelled cardinal, take it as the month only for 13..31.
      if (m[2] === 'may' && !/\d/.test(m[3]!) && (numberValue(m[3]!) ?? 99) < 13) return false;
      return acc.addDate(m, monthDay(acc, monthValue(m[2]!), m[3]!, m[4]));
    },
  },
  {
    name: 'a day of this or next month',
    pattern: new RegExp(
      `${B}(?:the\\s+)?(${DIGIT_ORDINAL}|${DAY_NUMBER}|${ORDINAL_WORD})(?:\\s+day)?\\s+of\\s+(?:the\\s+|this\\s+)?(this|current|next|following|coming)?\\s*month${E}`,
    ),
    read: (m, acc) => {
      const day = ordinalValue(m[1]!);
      if (day === null || day < 1 || day > 31) return 'mask';
      const base = m[2] === undefined || m[2] === 'this' || m[2] === 'current' ? acc.today : acc.today.plus({ months: 1 }).startOf('month');
      return acc.addDate(m, calendarDate(base.year, base.month, day));
    },
  },
];

const ORDINAL_WEEKDAY_OF_MONTH: Rule = {
  name: 'the nth weekday of a month',
  pattern: new RegExp(
    `${B}(?:the\\s+)?(first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)\\s+${WD}\\s+(?:of|in)\\s+(?:(?:the\\s+)?(this|next|following|coming)\\s+month|(${MONTH})\\.?(?:\\s+(${YEAR}))?)${E}`,
  ),
  read: (m, acc) => {
    const wd = weekdayValue(m[2]!);
    const nth = m[1] === 'last' ? -1 : ordinalValue(m[1]!);
    if (wd === null || nth === null) return false;
    const months: Array<[number, number]> = [];
    if (m[4] !== undefined) {
      const month = monthValue(m[4])!;
      if (m[5] !== undefined) months.push([twoDigitYear(m[5]), month]);
      else months.push([acc.today.year, month], [acc.today.year + 1, month]);
    } else {
      const base = m[3] === 'this' ? acc.today : acc.today.plus({ months: 1 });
      months.push([base.year, base.month]);
    }
    for (const [year, month] of months) {
      const date = nthWeekdayOf(year, month, wd, nth);
      if (!date || (m[5] === undefined && m[4] !== undefined && date < acc.today)) continue;
      acc.dates.push({ start: m.index, end: m.index + m[0].length, date, existing: false });
      return true;
    }
    return 'mask';
  },
};

/** The nth (or, for -1, the last) weekday of a month, or null when the month has no nth. */
export function nthWeekdayOf(year: number, month: number, weekday: number, nth: number): DateTime | null {
  const first = calendarDate(year, month, 1)!;
  if (nth === -1) {
    const last = first.endOf('month').startOf('day');
    return last.minus({ days: (last.weekday - weekday + 7) % 7 });
  }
  const date = first.plus({ days: (weekday - first.weekday + 7) % 7, weeks: nth - 1 });
  return date.month === month ? date : null;
}

const RELATIVE_DAYS: Rule[] = [
  {
    name: 'the day after tomorrow',
    pattern: new RegExp(`${B}(?:the\\s+)?day\\s+after\\s+${TOMORROW}${E}|${B}overmorrow${E}`),
    read: (m, acc) => acc.addDate(m, acc.today.plus({ days: 2 })),
  },
  {
    name: 'the next day',
    pattern: new RegExp(`${B}(?:the\\s+)?(?:next|following)\\s+day${E}`),
    read: (m, acc) => acc.addDate(m, acc.today.plus({ days: 1 })),
  },
  ORDINAL_WEEKDAY_OF_MONTH,
  {
    name: 'today, tonight, tomorrow, yesterday',
    pattern: new RegExp(`${B}(?:later\\s+)?(today|tonight|tonite|${TOMORROW}|yesterday)(?:'?s)?${E}`),
    read: (m, acc) => {
      const w = m[1]!;
      const date = w === 'yesterday' ? acc.today.minus({ days: 1 }) : /^(?:today|tonight|tonite)$/.test(w) ? acc.today : acc.today.plus({ days: 1 });
      const night = acc.dayParts.partOf(w);
      if (night && (w === 'tonight' || w === 'tonite')) acc.parts.push({ start: m.index, end: m.index + m[0].length, part: night, existing: false });
      return acc.addDate(m, date);
    },
  },
];

/** "sat", "sun", "wed" are words too: they name a day only where a day fits. */
function fitsAsDay(m: RegExpExecArray, acc: Accumulator): boolean {
  const prev = acc.before(m.index, 10);
  const next = acc.after(m.index + m[0].length, 14);
  if (/(?:on|by|til|till|until|for|or|and|,)\s*$/.test(prev)) return true;
  if (/^\s*(?:\d|@|(?:at|after|before|between|from|around|about|next|this)(?![a-z])|[,.?!]|$)/.test(next)) return true;
  // "sat first thing", "wed after work", "sun lunchtime": a part of the day right after it.
  return acc.dayParts.leads.test(acc.lower.slice(m.index + m[0].length, m.index + m[0].length + 40));
}

function weekdayDate(acc: Accumulator, wd: number, mod: string | undefined, tail: string | undefined, weekBefore: boolean): DateTime {
  const today = acc.today;
  if (tail && /after next/.test(tail)) return nextWeekday(today, wd, true).plus({ weeks: 1 });
  if (tail && /next|following/.test(tail)) return weekdayOfWeek(today, wd, 1);
  if (tail && /this/.test(tail)) return weekdayOfWeek(today, wd, 0);
  if (mod && weekBefore) return weekdayOfWeek(today, wd, mod === 'next' || mod === 'following' ? 1 : 0);
  if (mod === 'next' || mod === 'following' || mod === 'the following') return weekdayOfWeek(today, wd, 1);
  if (mod && /coming|upcoming/.test(mod)) return nextWeekday(today, wd, true);
  return nextWeekday(today, wd, false);
}

const WEEKDAYS: Rule = {
  name: 'a weekday: "friday", "this sat", "next tues", "thursday next week", "friday after next"',
  pattern: new RegExp(
    `${B}(?:(next|this|coming|upcoming|this\\s+coming|this\\s+upcoming|the\\s+following|following)\\s+(?:week\\s+(?:on\\s+)?)?)?${WD}${E}(\\s+after\\s+next|,?\\s+(?:of\\s+)?(?:this|next|the\\s+following)\\s+week)?${E}(?:,?\\s+the\\s+(${ORDINAL_WORD}|${DIGIT_ORDINAL})${E})?`,
  ),
  read: (m, acc) => {
    const wd = weekdayValue(m[2]!);
    if (wd === null) return false;
    const ambiguous = new RegExp(`^${AMBIGUOUS_WEEKDAY}$`).test(m[2]!);
    if (ambiguous && m[1] === undefined && m[3] === undefined && !fitsAsDay(m, acc)) return false;
    const mod = m[1]?.replace(/\s+/g, ' ');
    const tail = m[3]?.trim().replace(/^,\s*/, '');
    const weekBefore = /week/.test(m[0].slice(0, m[0].indexOf(m[2]!)));
    let date = weekdayDate(acc, wd, mod, tail, weekBefore);
    if (m[4] !== undefined) {
      // "monday the twenty fourth": the next date that is both.
      const day = ordinalValue(m[4]);
      const both = day === null ? null : weekdayAndDay(acc.today, wd, day);
      if (both) date = both;
    }
    return acc.addDate(m, date, { weekdayOnly: mod === undefined && tail === undefined && m[4] === undefined });
  },
};

const DAY_OF_MONTH_ALONE: Rule[] = [
  {
    name: 'a day of the month in digits: "the 11th", "on the 5th"',
    pattern: new RegExp(`${B}(?:(?:on|for|by|until|til|till)\\s+)?(?:the\\s+)?(${DIGIT_ORDINAL})${E}`),
    read: (m, acc) => {
      const after = acc.after(m.index + m[0].length);
      if (COUNTED.test(after) || /^\s+(?:floor|place|grade|street|avenue|ave|round|attempt|try|time|row|century|edition|birthday|anniversary|wave|one|visit|appointment\s+of)/.test(after)) return false;
      return acc.addDate(m, nextDayOfMonth(acc.today, ordinalValue(m[1]!) ?? 0), { dayOnly: true });
    },
  },
  {
    name: 'a day of the month in words: "the twenty-first"',
    pattern: new RegExp(`${B}the\\s+(${ORDINAL_WORD}|${DAY_NUMBER})${E}(?=\\s*(?:$|[,.!?]|(?:at|@|for|then|or|and|please|pls|instead)${E}))`),
    read: (m, acc) => {
      const day = ordinalValue(m[1]!);
      return acc.addDate(m, day === null || day < 1 ? null : nextDayOfMonth(acc.today, day), { dayOnly: true });
    },
  },
  {
    name: 'a day number after "on": "on the 5"',
    pattern: new RegExp(`${B}on\\s+(?:the\\s+)?(${DAY_NUMBER})(?![\\d:.])(?=\\s*(?:$|[,.!?]|(?:at|@)${E}|\\d))`),
    read: (m, acc) => acc.addDate(m, nextDayOfMonth(acc.today, Number(m[1])), { dayOnly: true }),
  },
];

export const DATES: readonly Rule[] = [...NUMERIC_DATES, ...OTHER_ORDER_DATES, ...NAMED_MONTH_DATES, ...RELATIVE_DAYS, ...NAMED_DAYS, WEEKDAYS, ...DAY_OF_MONTH_ALONE];
