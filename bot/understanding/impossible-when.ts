// Finds a day or clock time the client wrote that cannot exist: "feb 30", "april 31st", "the 32nd",
// "2/29/2027", "25:00", "10:75", "24:30". The date/time reader rightly reads nothing from these, so
// without this the bot could only say it did not catch a day or time; with it, it can say what is
// wrong. Only plainly impossible values count: anything a real expression could mean (a phone
// number, a price, "24/7", a score "3-25", "12:00") is left alone.

import { cleanText } from './normalize';
import { MONTH, monthValue } from './when/words';

export type ImpossibleWhen =
  | {
      kind: 'day';
      /** 1..12, or null for an ordinal day no month has ("the 32nd"). */
      month: number | null;
      day: number;
      /** Set only when the year is what rules the day out (February 29 of a common year). */
      year: number | null;
      /** Written so it can only be a date (a month name, "the 32nd", a year, a lead-in like "on"). */
      certain: boolean;
    }
  | {
      kind: 'clock';
      /** As written, trimmed: "25:00", "10:75", "25pm". */
      written: string;
      /** Written so it can only be a clock time (am/pm, "o'clock", a lead-in like "at", or alone). */
      certain: boolean;
    };

const B = '(?<![a-z0-9])';
const E = '(?![a-z0-9])';
const SUFFIX = '(st|nd|rd|th)';
const FULL_YEAR = '((?:19|20)\\d{2})';
const YEAR_AFTER = `(?:,?\\s+${FULL_YEAR}${E})?`;

const MONTH_THEN_DAY = new RegExp(`${B}(${MONTH})\\.?\\s+(?:the\\s+)?(\\d{1,2})${SUFFIX}?${E}${YEAR_AFTER}`, 'g');
const DAY_THEN_MONTH = new RegExp(`${B}(?:the\\s+)?(\\d{1,2})${SUFFIX}?\\s+(?:of\\s+)?(${MONTH})\\.?${E}${YEAR_AFTER}`, 'g');
// Alone, an ordinal past 31 is a day only when nothing names what it counts: "the 32nd", "the 45th
// at 3", but not "46th Street", "the 50th birthday", "35th floor".
const ORDINAL_DAY = new RegExp(
  `${B}(\\d{1,2})${SUFFIX}${E}(?=\\s*(?:$|[^\\sa-z0-9]|(?:at|@|of|on|or|and|in|for|then|please|pls|maybe|if|is|works|would|ok|okay)${E}))`,
  'g',
);
// Slashes only: dashes and dots are how scores, ranges and prices are written.
const SLASH_DATE = /(?<![\d/.:$€£])(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?(?![\d/])/g;
const COLON_CLOCK = /(?<![\d:.$€£/])(\d{1,2}):(\d{2})(?![\d:])(\s*(?:[ap]\.?m\.?|o'?\s?clock)(?![a-z]))?/g;
const BARE_HOUR = /(?<![\d:.$€£/])(\d{2})(\s*(?:[ap]\.?m\.?|o'?\s?clock)(?![a-z]))/g;

// Words that introduce a day or a time ("on 2/30", "at 25:00"); the text before a match ends with one.
const DAY_LEAD = /(?:^|[^a-z])(?:on|for|by|until|till|til|from|before|after|date|day|the)\s*$/;
const CLOCK_LEAD = /(?:^|[^a-z])(?:at|@|around|about|by|until|till|til|from|before|after|for)\s*$/;

/** The first impossible day or clock time in the text, or null. */
export function readImpossibleWhen(text: string): ImpossibleWhen | null {
  const t = cleanText(text).toLowerCase();
  return impossibleDay(t) ?? impossibleClock(t);
}

function impossibleDay(t: string): ImpossibleWhen | null {
  const found: Array<{ at: number; value: ImpossibleWhen }> = [];
  const push = (at: number, value: ImpossibleWhen | null) => {
    if (value) found.push({ at, value });
  };
  for (const m of t.matchAll(MONTH_THEN_DAY)) push(m.index, namedMonthDay(m[1], m[2], m[3], m[4]));
  for (const m of t.matchAll(DAY_THEN_MONTH)) push(m.index, namedMonthDay(m[3], m[1], m[2], m[4]));
  for (const m of t.matchAll(ORDINAL_DAY)) {
    const day = Number(m[1]);
    // "the 31st" alone is read as the next month that has one; only a day no month has is wrong.
    if (day > 31) push(m.index, { kind: 'day', month: null, day, year: null, certain: true });
  }
  for (const m of t.matchAll(SLASH_DATE)) push(m.index, slashDay(t, m));
  found.sort((a, b) => a.at - b.at);
  return found[0]?.value ?? null;
}

function namedMonthDay(monthWord: string, dayText: string, suffix: string | undefined, yearText: string | undefined): ImpossibleWhen | null {
  const month = monthValue(monthWord);
  const day = Number(dayText);
  // A bare number past 31 after a month name is more likely a count than a day ("may 40 of us come").
  if (month === null || day < 1 || (!suffix && day > 31)) return null;
  return outOfMonth(month, day, yearText ? Number(yearText) : null, true);
}

function slashDay(t: string, m: RegExpMatchArray): ImpossibleWhen | null {
  const a = Number(m[1]);
  const b = Number(m[2]);
  const year = m[3] === undefined ? null : m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
  if (a < 1 || b < 1 || a > 31 || b > 31) return null;
  // Read month first (as the date reader does), but "24/7" is a fine day-first date: a pair is
  // impossible only when neither order is a real date.
  const monthFirst = a <= 12 ? outOfMonth(a, b, year, false) : null;
  const dayFirst = b <= 12 ? outOfMonth(b, a, year, false) : null;
  if (a <= 12 && monthFirst === null) return null;
  if (b <= 12 && dayFirst === null) return null;
  const value = monthFirst ?? dayFirst;
  if (value === null || value.kind !== 'day') return null;
  const certain = year !== null || DAY_LEAD.test(t.slice(0, m.index ?? 0)) || isAlone(t, m.index ?? 0, m[0].length);
  return { ...value, certain };
}

/** The day when it is past the end of its month (in that year, when one is given), else null. */
function outOfMonth(month: number, day: number, year: number | null, certain: boolean): ImpossibleWhen | null {
  // Without a year, February 29 is taken as the next one that exists.
  const length = month === 2 && (year === null || isLeap(year)) ? 29 : daysIn(month);
  if (day <= length) return null;
  const yearMatters = month === 2 && day === 29;
  return { kind: 'day', month, day, year: yearMatters ? year : null, certain };
}

function impossibleClock(t: string): ImpossibleWhen | null {
  const found: Array<{ at: number; value: ImpossibleWhen }> = [];
  for (const m of t.matchAll(COLON_CLOCK)) {
    const hour = Number(m[1]);
    const minute = Number(m[2]);
    // 24:00 is midnight; past it, or past 59 minutes, is no time at all.
    if (hour < 24 && minute < 60) continue;
    if (hour === 24 && minute === 0) continue;
    found.push({ at: m.index, value: clock(t, m, m[3] !== undefined) });
  }
  for (const m of t.matchAll(BARE_HOUR)) {
    if (Number(m[1]) > 24) found.push({ at: m.index, value: clock(t, m, true) });
  }
  found.sort((a, b) => a.at - b.at);
  return found[0]?.value ?? null;
}

function clock(t: string, m: RegExpMatchArray, marked: boolean): ImpossibleWhen {
  const written = m[0].trim().replace(/\s+/g, ' ');
  const certain = marked || CLOCK_LEAD.test(t.slice(0, m.index ?? 0)) || isAlone(t, m.index ?? 0, m[0].length);
  return { kind: 'clock', written, certain };
}

/** The match is the whole message, give or take punctuation. */
function isAlone(t: string, start: number, length: number): boolean {
  return /^[\s.,!?]*$/.test(t.slice(0, start) + t.slice(start + length));
}

function daysIn(month: number): number {
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 31;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
