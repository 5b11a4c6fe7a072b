// Rule table: days named by a word rather than a number: holidays ("christmas eve", "st patrick's
// day 2027", "thanksgiving"), the last days of a month ("the last day of may", "the 3rd last day of
// next month"), and words for today and tomorrow ("asap", "for the day", "the day after").

import type { DateTime } from 'luxon';
import type { Rule } from './accumulator';
import { calendarDate, twoDigitYear } from './calendar';
import { nthWeekdayOf } from './dates';
import { B, DIGIT_ORDINAL, E, YEAR } from './patterns';
import { MONTH, ORDINAL_WORD, monthValue, ordinalValue } from './words';

type DayOfYear = (year: number) => DateTime | null;

const fixed = (month: number, day: number): DayOfYear => (year) => calendarDate(year, month, day);
const nth = (month: number, weekday: number, n: number): DayOfYear => (year) => nthWeekdayOf(year, month, weekday, n);

/** Easter Sunday (Gregorian), by the anonymous algorithm ("Meeus/Jones/Butcher"). */
function easter(year: number): DateTime | null {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const h = (19 * a + b - Math.floor(b / 4) - Math.floor((b - Math.floor((8 * b + 13) / 25)) / 3) + 15) % 30;
  const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  return calendarDate(year, month, ((h + l - 7 * m + 114) % 31) + 1);
}

const S = "(?:'?s|s')?"; // "new year's", "new years", "new year", "workers'"

/** Holidays clients name, as regex source and the date each falls on in a year. */
const HOLIDAYS: Array<[string, DayOfYear]> = [
  [`new\\s+year${S}\\s+eve`, fixed(12, 31)],
  [`new\\s+year${S}(?:\\s+day)?`, fixed(1, 1)],
  [`(?:st\\.?|saint)\\s+valentine${S}(?:\\s+day)?|valentine${S}\\s+day`, fixed(2, 14)],
  [`(?:st\\.?|saint)\\s+patrick${S}(?:\\s+day)?|st\\.?\\s+paddy${S}\\s+day`, fixed(3, 17)],
  [`(?:international\\s+)?worker${S}\\s+day|may\\s+day`, fixed(5, 1)],
  [`independence\\s+day`, fixed(7, 4)],
  [`hallowe'?en`, fixed(10, 31)],
  [`veterans${S}\\s+day`, fixed(11, 11)],
  [`christmas\\s+eve|xmas\\s+eve`, fixed(12, 24)],
  [`christmas(?:\\s+day)?|xmas(?:\\s+day)?`, fixed(12, 25)],
  [`boxing\\s+day`, fixed(12, 26)],
  [`(?:martin\\s+luther\\s+king|mlk)(?:\\s+jr\\.?)?\\s+day`, nth(1, 1, 3)],
  [`presidents${S}\\s+day`, nth(2, 1, 3)],
  [`mother${S}\\s+day`, nth(5, 7, 2)],
  [`memorial\\s+day`, nth(5, 1, -1)],
  [`father${S}\\s+day`, nth(6, 7, 3)],
  [`labor\\s+day`, nth(9, 1, 1)],
  [`thanksgiving(?:\\s+day)?`, nth(11, 4, 4)],
  [`easter(?:\\s+sunday)?`, easter],
];

const HOLIDAY_RULES: Rule[] = HOLIDAYS.map(([words, dayIn]) => ({
  name: `a holiday: ${words}`,
  pattern: new RegExp(`${B}(?:${words})${E}(?:,?\\s+(${YEAR})${E})?`),
  read: (m, acc) => {
    if (m[1] !== undefined) return acc.addDate(m, dayIn(twoDigitYear(m[1])));
    const thisYear = dayIn(acc.today.year);
    return acc.addDate(m, thisYear && thisYear >= acc.today ? thisYear : dayIn(acc.today.year + 1));
  },
}));

const LAST_DAYS_OF_MONTH: Rule = {
  name: 'the last day of a month, or the nth last: "last day in october 2015", "fifth last day of may"',
  pattern: new RegExp(
    `${B}(?:the\\s+)?(?:(${DIGIT_ORDINAL}|${ORDINAL_WORD})\\s+)?last\\s+day\\s+(?:of|in)\\s+(?:(?:the\\s+)?(this|next|following|coming)?\\s*month|(${MONTH})\\.?(?:,?\\s+(${YEAR}))?)${E}`,
  ),
  read: (m, acc) => {
    const back = m[1] === undefined ? 1 : ordinalValue(m[1]);
    if (back === null || back < 1 || back > 28) return 'mask';
    const lastOf = (year: number, month: number): DateTime => calendarDate(year, month, 1)!.endOf('month').startOf('day').minus({ days: back - 1 });
    if (m[3] === undefined) {
      const base = m[2] === undefined || m[2] === 'this' ? acc.today : acc.today.plus({ months: 1 });
      return acc.addDate(m, lastOf(base.year, base.month));
    }
    const month = monthValue(m[3])!;
    if (m[4] !== undefined) return acc.addDate(m, lastOf(twoDigitYear(m[4]), month));
    const thisYear = lastOf(acc.today.year, month);
    return acc.addDate(m, thisYear >= acc.today ? thisYear : lastOf(acc.today.year + 1, month));
  },
};

const TODAY_AND_TOMORROW: Rule[] = [
  {
    name: 'today in other words: "asap", "for the day", "on this day"',
    pattern: new RegExp(`${B}(?:asap|a\\.s\\.a\\.p\\.?|as\\s+soon\\s+as\\s+(?:possible|you\\s+can)|(?:for|on)\\s+this\\s+day|this\\s+(?:very\\s+)?day|for\\s+the\\s+day|otd)${E}(?!\\s+(?:after|before|of|when|that|we|i|you))`),
    read: (m, acc) => acc.addDate(m, acc.today),
  },
  {
    name: 'the day after, said alone: tomorrow',
    pattern: new RegExp(`${B}the\\s+day\\s+after(?=\\s*(?:$|[?.!,]))`),
    read: (m, acc) => acc.addDate(m, acc.today.plus({ days: 1 })),
  },
];

export const NAMED_DAYS: readonly Rule[] = [...HOLIDAY_RULES, LAST_DAYS_OF_MONTH, ...TODAY_AND_TOMORROW];
