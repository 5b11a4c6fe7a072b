// Reads the date, clock time or time window a client means from free text ("trim tmrw @ 930am",
// "thurs after 3", "the 13th at quarter to 4 in the afternoon"), in the business's zone.
//
// The text is scanned by ordered rules; each accepted expression is masked so later rules cannot
// read its digits again. Order: things that only look like times (phone numbers, prices, codes,
// greetings), then dates, then ranges and open windows, then clock times, then parts of the day.
// chrono-node reads what is left for calendar dates our rules do not know.

import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import type { Business } from '../domain/types';
import type { TimeWindow } from './types';
import { hoursOn, type DayHours } from './datetime-hours';
import {
  AMBIGUOUS_WEEKDAY,
  HOUR_WORD,
  MONTH,
  NUMBER_WORD,
  ORDINAL_WORD,
  TOMORROW,
  WEEKDAY,
  monthValue,
  numberValue,
  ordinalValue,
  weekdayValue,
} from './datetime-words';

export type { TimeWindow } from './types';

export interface WhenReading {
  date: string | null;
  time: string | null;
  window: TimeWindow | null;
  /** Character ranges of the text read as date/time expressions (end exclusive). */
  spans: Array<{ start: number; end: number }>;
}

export interface WhenContext {
  now: Date;
  business: Business;
}

type Part = 'morning' | 'afternoon' | 'evening' | 'night';

interface Found {
  start: number;
  end: number;
  /** Refers to an appointment the client already has ("my 3pm", "my friday appt"). */
  existing: boolean;
}
interface DateFound extends Found {
  date: DateTime; // a calendar date, held at midnight UTC so day arithmetic never meets DST
  /** Only a day of the month was named ("the 24th"): a weekday next to it may choose the month. */
  dayOnly?: boolean;
}
interface ClockFound extends Found {
  atom: Atom;
  date: DateTime | null; // set when the expression also fixes the day ("in 2 hours")
  minutes?: number; // already resolved (relative expressions)
  /** A zone abbreviation written after the time ("9am PST"). */
  zone?: string;
}
interface WindowFound extends Found {
  kind: 'range' | 'after' | 'before';
  from: Atom;
  to: Atom | null;
}
interface PartFound extends Found {
  part: Part;
  /** "mid-morning": the middle hour of the part. */
  mid?: boolean;
}

/** A clock time as written, before am/pm is decided. */
interface Atom {
  hour: number; // as named: 0..23, or 12 for noon
  minute: number;
  /** Minutes added after am/pm is decided ("quarter to 4" = 4:00 - 15). */
  shift: number;
  meridiem: 'am' | 'pm' | null;
  /** Written so that it cannot be 12-hour: "14:00", "09:30", "0730". */
  fixed: boolean;
  /** Carries its own proof of being a time: a colon, am/pm, o'clock, noon, "half past". */
  strong: boolean;
  /** Spelled with words ("six", "ten thirty"). */
  words: boolean;
}

// ---------------------------------------------------------------------------------------------
// Regular-expression pieces. All are matched against lower-cased text.

const B = '(?<![a-z0-9])'; // word start
const E = '(?![a-z0-9])'; // word end
const DIGIT_ORDINAL = '(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)';
const DAY_NUMBER = '(?:[12][0-9]|3[01]|0?[1-9])';
const DAY_OF_MONTH = `(?:${DIGIT_ORDINAL}|${DAY_NUMBER}|${ORDINAL_WORD}|${NUMBER_WORD})`;
const YEAR = "(?:(?:19|20)\\d{2}|'\\d{2})";
const MERIDIEM = '(?:\\s*(?:in\\s+the\\s+)?(?:a\\.?\\s?m\\.?|p\\.?\\s?m\\.?)(?![a-z])|[ap](?![a-z]))';
const OCLOCK = `(?:\\s*o\\s?['"]?\\s?clock)`;
const MINUTE_WORDS = `(?:(?:oh|o|ou|zero)[\\s-]+(?:one|two|three|four|five|six|seven|eight|nine)|${NUMBER_WORD})`;
const NUMBER = `(?:\\d{1,2}|${NUMBER_WORD})`;
const HOUR_ANY = `(?:\\d{1,2}|${HOUR_WORD}|noon|midnight)`;
const RELATIVE_CLOCK = `(?:(?:a\\s+|three\\s+)?quarters?|half|${NUMBER}(?:\\s*(?:min(?:ute)?s?))?)\\s+(?:past|after|to|till|til|before|of)\\s+${HOUR_ANY}`;
const NOON = '(?:(?:12\\s*|twelve\\s+)?(?:noon|midday|mid-day|mid\\s+day)|(?:12\\s*|twelve\\s+)?mid\\s?-?night)';
const CLOCK_CORE = [
  RELATIVE_CLOCK,
  NOON,
  '\\d{1,2}:\\d{2}(?::\\d{2})?',
  '\\d{1,2}h(?:\\d{2})?',
  '\\d{1,2}\\.\\d{2}(?![\\d.])',
  '\\d{3,4}',
  `${HOUR_WORD}(?:[\\s-]+${MINUTE_WORDS})?`,
  '\\d{1,2}\\s[0-5]\\d(?!\\d)',
  '\\d{1,2}',
].join('|');
const ATOM = `${B}(?:${CLOCK_CORE})(?:${OCLOCK})?(?:${MERIDIEM})?(?:\\s?-?ish)?${E}`;

const PART_WORD = '(?:morning|mornin|morn|afternoon|arvo|evening|eve|tonight|tonite|night|nite)';
const GAP_TO_PART = `(?:[\\s,#]|(?:in|the|this|at|on|of|early|late|${TOMORROW}|today)(?![a-z]))*`;

// A bare number followed by one of these counts things rather than naming a time.
const COUNTED = new RegExp(
  `^\\s*(?:of|point|more|other|another|people|persons?|guests?|kids?|adults?|children|students|stars|coins|min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?|years?|times?|pieces|items?|dollars?|bucks|percent|pct|%|x|st|nd|rd|th|and\\s+a\\s+half|or\\s+(?:more|so|less))${E}`,
);
const TIME_PREFIX = /(?:^|[^a-z])(?:at|@|around|about|abt|approx(?:imately)?|by|till|til|until|from|between|after|before|say|like|~|ish|maybe|ideally|for)\s*$/;

// ---------------------------------------------------------------------------------------------

function lowerKeepingLength(text: string): string {
  let out = '';
  for (const ch of text) {
    const low = ch.toLowerCase();
    out += low.length === ch.length ? low : ch;
  }
  return out;
}

class Scanner {
  private chars: string[];
  readonly spans: Array<{ start: number; end: number }> = [];

  constructor(text: string) {
    this.chars = [...lowerKeepingLength(text)];
    // Surrogate pairs would shift indices: replace them with two placeholders of width one.
    if (this.chars.length !== text.length) this.chars = [...lowerKeepingLength(text).replace(/[\ud800-\udfff]/g, ' ')];
  }

  private cached: string | null = null;

  get text(): string {
    this.cached ??= this.chars.join('');
    return this.cached;
  }

  /** Blocks a range from later rules; `read` adds it to the reported spans. */
  mask(start: number, end: number, read: boolean): void {
    for (let i = start; i < end; i++) this.chars[i] = '#';
    this.cached = null;
    if (read && end > start) this.spans.push({ start, end });
  }

  /** Runs `pattern` over the current text; `accept` returns whether to consume the match. */
  scan(pattern: RegExp, accept: (m: RegExpExecArray) => boolean | 'mask'): void {
    const re = new RegExp(pattern.source, 'g');
    const text = this.text;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const verdict = accept(m);
      if (verdict === 'mask') this.mask(m.index, m.index + m[0].length, false);
      else if (verdict) this.mask(m.index, m.index + m[0].length, true);
      else re.lastIndex = m.index + 1;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Calendar helpers (dates as midnight UTC DateTimes).

function calendarDate(year: number, month: number, day: number): DateTime | null {
  const d = DateTime.utc(year, month, day);
  return d.isValid && d.day === day && d.month === month ? d : null;
}

/** The next date on or after `today` with this month and day (Feb 29 waits for a leap year). */
function nextMonthDay(today: DateTime, month: number, day: number): DateTime | null {
  for (let y = today.year; y <= today.year + 8; y++) {
    const d = calendarDate(y, month, day);
    if (d && d >= today) return d;
  }
  return null;
}

/** The next date on or after `today` falling on this day of a month. */
function nextDayOfMonth(today: DateTime, day: number): DateTime | null {
  for (let i = 0; i <= 12; i++) {
    const m = today.plus({ months: i });
    const d = calendarDate(m.year, m.month, day);
    if (d && d >= today) return d;
  }
  return null;
}

function nextWeekday(today: DateTime, weekday: number, strictlyAfter: boolean): DateTime {
  let ahead = (weekday - today.weekday + 7) % 7;
  if (ahead === 0 && strictlyAfter) ahead = 7;
  return today.plus({ days: ahead });
}

/** The weekday in the Monday-first week `weeks` weeks from today's week. */
function weekdayOfWeek(today: DateTime, weekday: number, weeks: number): DateTime {
  return today.startOf('week').plus({ weeks, days: weekday - 1 });
}

function twoDigitYear(text: string): number {
  const n = Number(text.replace("'", ''));
  return text.length <= 3 ? 2000 + n : n;
}

// ---------------------------------------------------------------------------------------------
// Clock atoms.

function parseAtom(raw: string): Atom | null {
  let t = raw.trim().replace(/\s?-?ish$/, '');
  let meridiem: Atom['meridiem'] = null;
  const mer = /(?:\s*(?:in\s+the\s+)?(a|p)\.?\s?m\.?|(a|p))$/.exec(t);
  if (mer && /[0-9a-z]/.test(t.slice(0, mer.index))) {
    const letter = mer[1] ?? mer[2];
    // A lone "a"/"p" only counts when stuck to digits ("9a", "3:20p").
    if (mer[2] === undefined || /\d$/.test(t.slice(0, mer.index))) {
      meridiem = letter === 'a' ? 'am' : 'pm';
      t = t.slice(0, mer.index).trim();
    }
  }
  // A full "am"/"pm" proves a time; a lone letter ("4a") does not.
  let strong = meridiem !== null && mer?.[1] !== undefined;
  const oclock = /\s*o\s?['"]?\s?clock$/.exec(t);
  if (oclock) {
    t = t.slice(0, oclock.index).trim();
    strong = true;
  }
  const atom = (hour: number, minute: number, extra: Partial<Atom> = {}): Atom | null => {
    if (!Number.isInteger(hour) || !Number.isInteger(minute) || minute < 0 || minute > 59 || hour < 0 || hour > 23) return null;
    if (meridiem !== null && (hour === 0 || hour > 12)) {
      if (hour > 12 && meridiem === 'pm') meridiem = null; // "14pm": the clock already says it
      else return null;
    }
    return { hour, minute, shift: 0, meridiem, fixed: false, strong, words: false, ...extra };
  };

  let m: RegExpExecArray | null;
  if ((m = /^(?:(12|twelve)\s*)?(noon|midday|mid-day|mid\s+day|mid\s?-?night)$/.exec(t))) {
    if (meridiem) return null;
    return /night$/.test(m[2]!)
      ? atom(0, 0, { fixed: true, strong: true })
      : atom(12, 0, { fixed: true, strong: true });
  }
  if ((m = /^(.+?)\s+(past|after|to|till|til|before|of)\s+(.+)$/.exec(t))) {
    const lead = m[1]!.replace(/^a\s+/, '');
    let offset: number | null;
    if (lead === 'quarter') offset = 15;
    else if (/^three\s+quarters$/.test(lead)) offset = m[2] === 'past' || m[2] === 'after' ? 45 : null;
    else if (lead === 'half') offset = m[2] === 'past' || m[2] === 'after' ? 30 : null;
    else {
      const minutesWord = /\s*(?:min(?:ute)?s?)$/.exec(lead);
      offset = numberValue(minutesWord ? lead.slice(0, minutesWord.index) : lead);
      // Without "minutes", only the amounts people say on a clock face ("ten to five").
      if (offset !== null && !minutesWord && m[2] !== 'past' && m[2] !== 'after' && ![5, 10, 20, 25].includes(offset)) offset = null;
    }
    if (offset === null || offset <= 0 || offset >= 60 || (m[2] === 'of' && lead !== 'quarter')) return null;
    const target = m[3]!;
    let hour: number | null;
    let fixed = false;
    if (target === 'noon') {
      hour = 12;
      fixed = true;
    } else if (target === 'midnight') {
      hour = 0;
      fixed = true;
    } else hour = numberValue(target);
    if (hour === null || hour > 23) return null;
    const back = m[2] === 'to' || m[2] === 'till' || m[2] === 'til' || m[2] === 'before' || m[2] === 'of';
    strong = true;
    return atom(hour, 0, { shift: back ? -offset : offset, fixed: fixed || hour > 12 });
  }
  if ((m = /^(\d{1,2})h$/.exec(t))) return atom(Number(m[1]), 0, { fixed: true, strong: true });
  if ((m = /^(\d{1,2})\s(\d{2})$/.exec(t))) return atom(Number(m[1]), Number(m[2]));
  if ((m = /^(\d{1,2})[:h.](\d{2})(?::(\d{2}))?$/.exec(t))) {
    const isDot = t.includes('.');
    // "15h30" is written on a 24-hour clock.
    const a = atom(Number(m[1]), Number(m[2]), { fixed: (m[1]!.length === 2 && m[1]!.startsWith('0')) || Number(m[1]) > 12 || t.includes('h') });
    if (a && !isDot) a.strong = true;
    return a;
  }
  if ((m = /^(\d{1,2})(\d{2})$/.exec(t))) {
    // Without am/pm, "1030" is a time only with a leading zero or a time word around it; years are not.
    if (meridiem === null && /^(?:19|20)\d\d$/.test(t)) return null;
    return atom(Number(m[1]), Number(m[2]), { fixed: t.startsWith('0'), strong: meridiem !== null || t.startsWith('0') });
  }
  if ((m = /^\d{1,2}$/.exec(t))) {
    return atom(Number(t), 0, { fixed: t.length === 2 && t.startsWith('0') && meridiem === null });
  }
  const parts = t.split(/[\s-]+/);
  const hourWord = numberValue(parts[0] ?? '');
  if (hourWord === null || hourWord < 1 || hourWord > 12) return null;
  if (parts.length === 1) return atom(hourWord, 0, { words: true });
  const rest = parts.slice(1);
  let minute: number | null;
  const oh = /^(?:oh|o|ou|zero)$/.test(rest[0] ?? '');
  if (oh) minute = rest.length === 2 ? numberValue(rest[1]!) : null;
  else minute = numberValue(rest.join(' '));
  if (minute === null || (!oh && minute < 10)) return null;
  // "twelve oh three" has the shape only a clock reading has.
  return atom(hourWord, minute, { words: true, strong: strong || oh });
}

/** Minutes after midnight for an atom, given a part of the day it sits in and the day's hours. */
function resolveAtom(a: Atom, part: Part | null, hours: DayHours): number | null {
  let h = a.hour;
  if (a.meridiem === 'am') {
    if (h === 12 && a.shift >= 0) h = 0;
  } else if (a.meridiem === 'pm') {
    if (h < 12) h += 12;
  } else if (!a.fixed && h <= 12) {
    if (part === 'morning') {
      if (h === 12 && a.shift >= 0) h = 0;
    } else if (part === 'afternoon' || part === 'evening') {
      if (h < 12) h += 12;
    } else if (part === 'night') {
      if (h === 12) h = 0;
      else h += 12;
    } else if (h >= 1 && h <= 11) {
      h = chooseInsideHours(h * 60 + a.minute + a.shift, hours) ? h : h + 12;
    }
  }
  const total = h * 60 + a.minute + a.shift;
  return ((total % 1440) + 1440) % 1440;
}

/** Whether the morning reading of an hour is the one a client of this business means. */
function chooseInsideHours(am: number, hours: DayHours): boolean {
  const inside = (t: number): boolean => t >= hours.open && t < hours.close;
  const pm = am + 720;
  if (inside(am) !== inside(pm)) return inside(am);
  // Neither or both inside: the clock-face habit, 7 to 11 in the morning, 12 to 6 in the afternoon.
  return am >= 7 * 60;
}

function clock(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------

function partOf(word: string): Part | null {
  if (/^morn/.test(word)) return 'morning';
  if (/^(?:afternoon|arvo)$/.test(word)) return 'afternoon';
  if (/^(?:evening|eve)$/.test(word)) return 'evening';
  if (/^(?:night|nite|tonight|tonite)$/.test(word)) return 'night';
  return null;
}

/** The middle hour of a part of the day as people place it (morning 9-12, afternoon 12-17, evening 17-21). */
function midHour(part: Part): [number, number] {
  const start = part === 'morning' ? 10 : part === 'afternoon' ? 14 : 18;
  return [start * 60, (start + 1) * 60];
}

function partWindow(part: Part, hours: DayHours): [number, number] {
  switch (part) {
    case 'morning':
      return [hours.open, 12 * 60];
    case 'afternoon':
      return [12 * 60, 17 * 60];
    case 'evening':
    case 'night':
      return [17 * 60, hours.close];
  }
}

export function readWhen(text: string, ctx: WhenContext): WhenReading {
  const none: WhenReading = { date: null, time: null, window: null, spans: [] };
  if (typeof text !== 'string' || text.trim() === '') return none;
  // Very long texts are not messages about a booking; read their start only, in linear time.
  const input = text.length > 2000 ? text.slice(0, 2000) : text;
  const zone = ctx.business.zone;
  const nowLocal = DateTime.fromJSDate(ctx.now, { zone });
  if (!nowLocal.isValid) return none;
  const today = DateTime.utc(nowLocal.year, nowLocal.month, nowLocal.day);

  const s = new Scanner(input);
  const dates: DateFound[] = [];
  const clocks: ClockFound[] = [];
  const windows: WindowFound[] = [];
  const parts: PartFound[] = [];
  const textNow = (): string => s.text;
  const before = (index: number, n = 12): string => textNow().slice(Math.max(0, index - n), index);
  const existingBefore = (index: number): boolean => /(?:^|[^a-z])(?:my|our|his|her|their|the\s+old|current)\s+$/.test(before(index, 16));
  const addDate = (m: RegExpExecArray, date: DateTime | null, dayOnly = false): boolean | 'mask' => {
    if (!date) return 'mask';
    dates.push({ start: m.index, end: m.index + m[0].length, date, existing: existingBefore(m.index), dayOnly });
    return true;
  };

  // 1. Things that only look like dates or times.
  s.scan(/(?:https?:\/\/|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+/, () => 'mask');
  s.scan(/(?<![\w.])\+?\(?\d[\d().\s-]{5,}\d(?![\w.])/, (m) => {
    const digits = m[0].replace(/\D/g, '').length;
    const groups = m[0].split(/[^\d]+/).filter(Boolean).length;
    if (/^\d{4}-\d{1,2}-\d{1,2}$|^\d{1,2}[-.]\d{1,2}[-.]\d{2,4}$/.test(m[0].trim())) return false;
    return digits >= 7 && (groups >= 3 || digits >= 10 || /[+()]/.test(m[0])) ? 'mask' : false;
  });
  s.scan(/\$\s?\d[\d,.]*|(?<![\w.])\d[\d,]*(?:\.\d+)?\s?(?:%|percent|per\s?cent|pct|dollars|bucks|usd)(?![a-z])/, () => 'mask');
  s.scan(/(?<![\w.])\d+(?:\.\d+){2,}|\d+\.\d{3,}|\d+\.\d+(?=\/)|(?<=\/)\d+\.\d+/, (m) =>
    /^\d{1,2}\.\d{1,2}\.(?:19|20)\d\d$/.test(m[0]) ? false : 'mask',
  );
  s.scan(/(?<![\w])[a-z]+\d[a-z0-9]*|\d+[a-z]+\d+[a-z]+[a-z0-9]*/, (m) =>
    new RegExp(`^(?:at|${MONTH})\\d{1,2}(?:st|nd|rd|th)?$`).test(m[0]) ? false : 'mask',
  );
  s.scan(new RegExp(`${B}good\\s*(?:morning|afternoon|evening|night|day)${E}`), () => 'mask');
  s.scan(/(?<![\d.])\d{1,2}:\d{1,2}(?=\s+(?:aspect|ratio|meeting|call|chat|session))/, () => 'mask');

  // 2. Dates.
  // Amounts of time from now come first: "in 1/2 hour" is not January 2nd.
  relativeOffsets(s, nowLocal, today, dates, clocks);
  s.scan(new RegExp(`${B}((?:19|20)\\d{2})[-/.](\\d{1,2})[-/.](\\d{1,2})(?:[t\\s](\\d{2}):(\\d{2})(?::\\d{2})?)?${E}`), (m) => {
    const date = calendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (date && m[4] !== undefined) {
      const atom = parseAtom(`${m[4]}:${m[5]}`);
      if (atom) clocks.push({ start: m.index, end: m.index + m[0].length, atom: { ...atom, fixed: true }, date: null, existing: false });
    }
    return addDate(m, date);
  });
  s.scan(new RegExp(`${B}((?:19|20)\\d{2})[-/\\s](${MONTH})\\.?[-/\\s](${DAY_NUMBER})${E}`), (m) =>
    addDate(m, calendarDate(Number(m[1]), monthValue(m[2]!) ?? 0, Number(m[3]))),
  );
  s.scan(new RegExp(`(?<![\\w.,/:$-])(\\d{1,2})\\.(\\d{1,2})\\.((?:19|20)\\d{2})${E}`), (m) =>
    addDate(m, calendarDate(Number(m[3]), Number(m[2]), Number(m[1]))),
  );
  s.scan(
    new RegExp(`(?<![\\w.,/:$-])(\\d{1,2})\\s?([/-])\\s?(\\d{1,2})(?:\\s?\\2\\s?(\\d{4}|\\d{2}))?(?![\\w/]|[.,:]\\d|\\s*(?:hours?|hrs?|cups?|inch|miles?|off|of\\s+(?:an?|the)))`),
    (m) => {
      let month = Number(m[1]);
      let day = Number(m[3]);
      // A dash between two numbers that could be hours is a range ("11-4"), not a date.
      if (m[2] === '-' && m[4] === undefined && (day <= 12 || month > 12)) return false;
      if (month > 12 && day <= 12) [month, day] = [day, month];
      if (m[4] !== undefined) return addDate(m, calendarDate(twoDigitYear(m[4]), month, day));
      if (month > 12 || day > 31) return false;
      return addDate(m, nextMonthDay(today, month, day));
    },
  );
  const withWeekday = (date: DateTime | null, weekdayWord: string | undefined, yearGiven: boolean): DateTime | null => {
    // When the weekday and the date disagree, the date's numbers win (a slip on the weekday is
    // the likelier mistake).
    void weekdayWord;
    void yearGiven;
    return date;
  };
  const monthDay = (month: number | null, dayText: string, yearText: string | undefined, weekdayWord?: string): DateTime | null => {
    const day = ordinalValue(dayText);
    if (month === null || day === null || day < 1 || day > 31) return null;
    if (yearText !== undefined) return withWeekday(calendarDate(twoDigitYear(yearText), month, day), weekdayWord, true);
    return withWeekday(nextMonthDay(today, month, day), weekdayWord, false);
  };
  const AFTER_DAY = `(?!\\s*(?:[:.]\\d|${MERIDIEM}|${OCLOCK}))`;
  s.scan(
    new RegExp(
      `${B}(?<![:.])(?:(${WEEKDAY}|${AMBIGUOUS_WEEKDAY}),?\\s+)?(?:the\\s+)?(${DIGIT_ORDINAL}|${DAY_NUMBER}|${ORDINAL_WORD})\\.?(?:\\s+day)?\\s+(?:of\\s+)?(${MONTH})\\.?${E}(?:(?:,?\\s+|\\s+in\\s+)(${YEAR})${E})?`,
    ),
    (m) => addDate(m, monthDay(monthValue(m[3]!), m[2]!, m[4], m[1])),
  );
  s.scan(
    new RegExp(
      `${B}(?:(${WEEKDAY}|${AMBIGUOUS_WEEKDAY}),?\\s+)?(${MONTH})(?:\\.\\s?|\\s*[/-]\\s*|\\s+(?:the\\s+)?|,\\s*(?=${DIGIT_ORDINAL})|(?=\\d))(${DAY_OF_MONTH})${E}${AFTER_DAY}(?:(?:,\\s*|\\s+|\\s*[-/]\\s*|\\s+in\\s+)(${YEAR})${E})?`,
    ),
    (m) => {
      // "may" is usually the verb: take it as a month only before a number that reads as a day.
      // "may" is usually the verb: before a spelled cardinal, take it as the month only for 13..31.
      if (m[2] === 'may' && numberValue(m[3]!) !== null && !/\d/.test(m[3]!) && (numberValue(m[3]!) ?? 0) < 13) return false;
      return addDate(m, monthDay(monthValue(m[2]!), m[3]!, m[4], m[1]));
    },
  );
  s.scan(
    new RegExp(
      `${B}(?:the\\s+)?(${DIGIT_ORDINAL}|${DAY_NUMBER}|${ORDINAL_WORD})(?:\\s+day)?\\s+of\\s+(?:the\\s+|this\\s+)?(this|current|next|following|coming)?\\s*month${E}`,
    ),
    (m) => {
      const day = ordinalValue(m[1]!);
      if (day === null || day < 1 || day > 31) return 'mask';
      const base = m[2] === undefined || m[2] === 'this' || m[2] === 'current' ? today : today.plus({ months: 1 }).startOf('month');
      return addDate(m, calendarDate(base.year, base.month, day));
    },
  );
  // Relative days.
  s.scan(new RegExp(`${B}(?:the\\s+)?day\\s+after\\s+${TOMORROW}${E}|${B}overmorrow${E}`), (m) => addDate(m, today.plus({ days: 2 })));
  s.scan(new RegExp(`${B}(?:the\\s+)?(?:next|following)\\s+day${E}`), (m) => addDate(m, today.plus({ days: 1 })));
  ordinalWeekdayOfMonth(s, today, dates);
  s.scan(new RegExp(`${B}(?:later\\s+)?(today|tonight|tonite|${TOMORROW}|yesterday)(?:'s)?${E}`), (m) => {
    const w = m[1]!;
    const date = w === 'yesterday' ? today.minus({ days: 1 }) : /^(?:today|tonight|tonite)$/.test(w) ? today : today.plus({ days: 1 });
    if (w === 'tonight' || w === 'tonite') parts.push({ start: m.index, end: m.index + m[0].length, part: 'night', existing: false });
    return addDate(m, date);
  });
  // Weekdays: "friday", "this sat", "next tues", "thursday next week", "next week on monday", "friday after next".
  const WD = `(${WEEKDAY}|${AMBIGUOUS_WEEKDAY})`;
  s.scan(
    new RegExp(
      `${B}(?:(next|this|coming|upcoming|this\\s+coming|this\\s+upcoming|the\\s+following|following)\\s+(?:week\\s+(?:on\\s+)?)?)?${WD}${E}(\\s+after\\s+next|,?\\s+(?:of\\s+)?(?:this|next|the\\s+following)\\s+week)?${E}(?:,?\\s+the\\s+(${ORDINAL_WORD}|${DIGIT_ORDINAL})${E})?`,
    ),
    (m) => {
      const wd = weekdayValue(m[2]!);
      if (wd === null) return false;
      const ambiguous = new RegExp(`^${AMBIGUOUS_WEEKDAY}$`).test(m[2]!);
      if (ambiguous && m[1] === undefined && m[3] === undefined) {
        const prev = before(m.index, 10);
        const next = textNow().slice(m.index + m[0].length, m.index + m[0].length + 14);
        // "sat", "sun", "wed" are words too: read them as days only where a day fits.
        if (
          !/(?:on|by|til|till|until|for|or|and|,)\s*$/.test(prev) &&
          !/^\s*(?:\d|@|(?:at|after|before|between|from|around|about|morning|afternoon|evening|night|next|this)(?![a-z])|[,.?!]|$)/.test(next)
        )
          return false;
      }
      const mod = m[1]?.replace(/\s+/g, ' ');
      const tail = m[3]?.trim().replace(/^,\s*/, '');
      let date: DateTime;
      if (tail && /after next/.test(tail)) date = nextWeekday(today, wd, true).plus({ weeks: 1 });
      else if (tail && /next|following/.test(tail)) date = weekdayOfWeek(today, wd, 1);
      else if (tail && /this/.test(tail)) date = weekdayOfWeek(today, wd, 0);
      else if (mod && /week/.test(m[0].slice(0, m[0].indexOf(m[2]!)))) date = weekdayOfWeek(today, wd, mod === 'next' || mod === 'following' ? 1 : 0);
      else if (mod === 'next' || mod === 'following' || mod === 'the following') date = weekdayOfWeek(today, wd, 1);
      else if (mod && /coming|upcoming/.test(mod)) date = nextWeekday(today, wd, true);
      else date = nextWeekday(today, wd, false);
      if (m[4] !== undefined) {
        // "monday the twenty fourth": the next date that is both.
        const day = ordinalValue(m[4]);
        let d = day === null ? null : nextDayOfMonth(today, day);
        for (let k = 0; d && k < 24 && d.weekday !== wd; k++) d = nextDayOfMonth(d.plus({ days: 1 }), day!);
        if (d && d.weekday === wd) date = d;
      }
      return addDate(m, date);
    },
  );
  // Day of the month alone: "the 11th", "on the 5th", "the twenty-first", "for the 27".
  s.scan(new RegExp(`${B}(?:(?:on|for|by|until|til|till)\\s+)?(?:the\\s+)?(${DIGIT_ORDINAL})${E}`), (m) => {
    const after = textNow().slice(m.index + m[0].length);
    if (COUNTED.test(after) || /^\s+(?:floor|place|grade|street|avenue|ave|round|attempt|try|time|row|century|edition|birthday|anniversary|wave|one|visit|appointment\s+of)/.test(after)) return false;
    return addDate(m, nextDayOfMonth(today, ordinalValue(m[1]!) ?? 0), true);
  });
  s.scan(new RegExp(`${B}the\\s+(${ORDINAL_WORD}|${DAY_NUMBER})${E}(?=\\s*(?:$|[,.!?]|(?:at|@|for|then|or|and|please|pls|instead)${E}))`), (m) => {
    const day = ordinalValue(m[1]!);
    return addDate(m, day === null || day < 1 ? null : nextDayOfMonth(today, day), true);
  });
  s.scan(new RegExp(`${B}on\\s+(?:the\\s+)?(${DAY_NUMBER})(?![\\d:.])(?=\\s*(?:$|[,.!?]|(?:at|@)${E}|\\d))`), (m) =>
    addDate(m, nextDayOfMonth(today, Number(m[1])), true),
  );
  // "3 days from tuesday", "two weeks after January 15th": an amount of time counted from a date.
  shiftFromDates(s, input, dates);
  // A weekday just before a day of the month names that one date: "monday the 24th", "Monday 21".
  mergeWeekdayAndDay(s, input, dates);

  // chrono reads what is left, for calendar dates with a certain month and day ("2nd Jan 2019").
  chronoDates(s, ctx, today, dates);

  // 3. Ranges and open windows.
  const isNearPart = (start: number, end: number): Part | null => nearPart(input, start, end);
  const hasDate = (): boolean => dates.length > 0;
  s.scan(
    new RegExp(`${B}(?:(between|btwn|btw|from)\\s+)?(${ATOM})\\s*(-|to|till|til|until|and|through|thru)\\s*(${ATOM})`),
    (m) => {
      const a = parseAtom(m[2]!);
      const b = parseAtom(m[4]!);
      if (!a || !b) return false;
      const prefix = m[1];
      if (m[3] === 'and' && prefix !== 'between' && prefix !== 'btwn' && prefix !== 'btw') return false;
      if (m[3] === '-' && /[-/]\s*$/.test(before(m.index, 2))) return false;
      // "twenty-seven" is one number, not a range.
      if (m[3] === '-' && /[a-z]-[a-z]/.test(m[0])) return false;
      const ownProof = a.strong || b.strong || a.meridiem !== null || b.meridiem !== null;
      if (!prefix && !ownProof && !hasDate() && !isNearPart(m.index, m.index + m[0].length)) return false;
      if (!prefix && m[3] !== '-' && !ownProof && (a.words || b.words)) return false;
      if (existingBefore(m.index)) return false;
      windows.push({ start: m.index, end: m.index + m[0].length, kind: 'range', from: a, to: b, existing: false });
      return true;
    },
  );
  s.scan(
    new RegExp(
      `${B}(?<!(?:half|quarter|\\d|mins?|minutes|five|ten|twenty)\\s)(after|later\\s+than|no\\s+earlier\\s+than|not\\s+before|since|starting(?:\\s+(?:at|from))?|from|before|earlier\\s+than|no\\s+later\\s+than|not\\s+after|until|till|til)\\s+(${ATOM})`,
    ),
    (m) => {
      const a = parseAtom(m[2]!);
      if (!a || COUNTED.test(textNow().slice(m.index + m[0].length))) return false;
      const kind = /^(?:before|earlier|no\s+later|not\s+after|until|till|til)/.test(m[1]!) ? 'before' : 'after';
      windows.push({ start: m.index, end: m.index + m[0].length, kind, from: a, to: null, existing: false });
      return true;
    },
  );

  // 4. Clock times.
  s.scan(new RegExp(`(?:${B}(?:at|@|around|about|abt|approx(?:imately)?|by|say|like|~)\\s*|@\\s*)?(${ATOM})`), (m) => {
    const atomText = m[1]!;
    const atom = parseAtom(atomText);
    if (!atom) return false;
    const start = m.index;
    const end = m.index + m[0].length;
    const atomStart = end - atomText.length;
    const after = textNow().slice(end);
    // "to 4" names a time after a time being moved ("my 3pm to 4") or a moving verb ("push it to 4").
    const movedTo =
      /(?:^|[^a-z])to\s*$/.test(before(atomStart, 4)) &&
      (clocks.some((c) => c.end <= atomStart) || /(?:move|push|change|switch|bump|shift|reschedul)/.test(textNow().slice(0, atomStart)));
    const prefixed = atomStart > start || movedTo || TIME_PREFIX.test(before(atomStart, 16));
    const ish = /ish$/.test(atomText);
    if (!atom.strong && !ish) {
      if (COUNTED.test(after) || /^\s*(?:[-/]\s*\d|\.\d)/.test(after) || /\d\s*[-/.:]\s*$/.test(before(atomStart, 3))) return false;
      const dateNext = dates.some((d) => d.end <= atomStart && atomStart - d.end <= 2) || dates.some((d) => d.start >= end && d.start - end <= 2);
      const near = isNearPart(atomStart, end) !== null;
      if (atom.meridiem !== null && !/\d[ap]$/.test(atomText.replace(/\s/g, '')) ) {
        // "3 pm", "nine a m": the meridiem is proof enough.
      } else if (atom.meridiem !== null) {
        // "9a", "3p": a letter stuck to a number needs a time word before it.
        if (!prefixed && !dateNext) return false;
      } else if (!prefixed && !dateNext && !near) return false;
      else if (atom.words && !prefixed && !near && !dateNext) return false;
    }
    const zoneMatch = ZONE_AFTER_CLOCK.exec(after);
    const found: ClockFound = { start, end, atom, date: null, existing: existingBefore(start) };
    if (zoneMatch) {
      found.zone = zoneMatch[1]!;
      s.mask(end, end + zoneMatch[0].length, true);
    }
    clocks.push(found);
    return true;
  });

  // 5. Parts of the day.
  s.scan(
    new RegExp(`${B}(?:(this|in\\s+the|early|late|the)\\s+|(mid)[\\s-]?)?(${PART_WORD})${E}`),
    (m) => {
      const mid = m[2] !== undefined;
      const word = m[3]!;
      const part = partOf(word);
      if (!part) return false;
      // "eve" is also a name and "night" a noun: keep them to phrases that place a time.
      if ((word === 'eve' || word === 'night' || word === 'nite') && m[1] === undefined && !dates.some((d) => Math.abs(d.end - m.index) <= 2) && !clocks.some((c) => Math.abs(c.end - m.index) <= 4 || Math.abs(m.index + m[0].length - c.start) <= 4)) {
        if (!/(?:at|tomorrow|by|for)\s+$/.test(before(m.index, 12))) return false;
      }
      if (m[1] === 'this' || word === 'tonight' || word === 'tonite') {
        if (!dates.some((d) => !d.existing)) dates.push({ start: m.index, end: m.index + m[0].length, date: today, existing: false });
      }
      parts.push({ start: m.index, end: m.index + m[0].length, part, existing: false, mid });
      return true;
    },
  );

  // 6. Put it together.
  const pick = <T extends Found>(list: T[]): T | null => {
    const fresh = list.filter((x) => !x.existing);
    const pool = fresh.length > 0 ? fresh : list;
    return pool.length > 0 ? pool[pool.length - 1]! : null;
  };
  const chosenDate = pick(dates);
  const chosenClock = pick(clocks);
  let date: DateTime | null = chosenDate?.date ?? chosenClock?.date ?? null;
  if (chosenClock?.date && !chosenDate) date = chosenClock.date;
  const dateText = date ? date.toISODate() : null;
  const hours = hoursOn(ctx.business, dateText);
  const partNear = (start: number, end: number): Part | null => {
    let best: PartFound | null = null;
    let bestGap = Infinity;
    for (const p of parts) {
      const gap = p.start >= end ? p.start - end : start >= p.end ? start - p.end : 0;
      if (gap < bestGap) {
        best = p;
        bestGap = gap;
      }
    }
    return best?.part ?? null;
  };

  let time: string | null = null;
  let window: TimeWindow | null = null;
  let finalDate = dateText;
  if (chosenClock) {
    let minutes = chosenClock.minutes ?? resolveAtom(chosenClock.atom, partNear(chosenClock.start, chosenClock.end), hours);
    if (minutes !== null && chosenClock.zone !== undefined) {
      const moved = fromNamedZone(chosenClock.zone, date ?? today, minutes, zone);
      if (moved) {
        minutes = moved.minutes;
        if (date) finalDate = moved.date.toISODate();
      }
    }
    if (minutes !== null) time = clock(minutes);
  } else {
    const chosenWindow = pick(windows);
    if (chosenWindow) {
      const part = partNear(chosenWindow.start, chosenWindow.end);
      window = resolveWindow(chosenWindow, part, hours);
    } else if (parts.length > 0) {
      const last = parts[parts.length - 1]!;
      const [from, to] = last.mid ? midHour(last.part) : partWindow(last.part, hours);
      window = from < to ? { from: clock(from), to: clock(to) } : null;
    }
  }

  const spans = [...s.spans].sort((a, b) => a.start - b.start);
  return { date: finalDate, time, window, spans };
}

function resolveWindow(w: WindowFound, part: Part | null, hours: DayHours): TimeWindow | null {
  if (w.kind === 'range' && w.to) {
    let a = w.from;
    let b = w.to;
    // One side's am/pm carries to the other: "3-4pm", "11 to 1 pm", "between 5 and 6 in the afternoon".
    if (a.meridiem === null && b.meridiem !== null && !a.fixed) {
      const same = { ...a, meridiem: b.meridiem };
      const endAt = resolveAtom(b, part, hours)!;
      const startSame = resolveAtom(same, part, hours)!;
      a = startSame < endAt ? same : { ...a, meridiem: b.meridiem === 'pm' ? 'am' : 'pm' };
    }
    const from = resolveAtom(a, part, hours);
    if (from === null) return null;
    let to: number | null;
    if (b.meridiem === null && !b.fixed && part === null) {
      // The end is the first reading of its hour after the start.
      const base = b.hour % 12;
      const candidates = [base * 60 + b.minute + b.shift, (base + 12) * 60 + b.minute + b.shift, 24 * 60];
      to = candidates.find((c) => c > from) ?? null;
    } else to = resolveAtom(b, part, hours);
    if (to === 0 && from > 0) to = 24 * 60;
    if (to === null || to <= from) return null;
    return { from: clock(from), to: to >= 24 * 60 ? '24:00' : clock(to) };
  }
  const anchor = resolveAtom(w.from, part, hours);
  if (anchor === null) return null;
  // Inside a named part of the day when the anchor falls in it ("morning after 10"), else the day.
  const [partFrom, partTo] = part ? partWindow(part, hours) : [hours.open, hours.close];
  const inPart = anchor >= partFrom && anchor <= partTo;
  if (w.kind === 'after') {
    const end = inPart ? partTo : hours.close;
    return anchor < end ? { from: clock(anchor), to: clock(end) } : null;
  }
  const start = inPart ? partFrom : hours.open;
  return start < anchor ? { from: clock(start), to: clock(anchor) } : null;
}

/** A part of the day next to [start, end): "6 in the evening", "evening 6", "8 tomorrow night". */
function nearPart(original: string, start: number, end: number): Part | null {
  const right = new RegExp(`^${GAP_TO_PART}(${PART_WORD})${E}`).exec(lowerKeepingLength(original.slice(end, end + 40)));
  if (right) return partOf(right[1]!);
  const leftText = lowerKeepingLength(original.slice(Math.max(0, start - 40), start));
  const left = new RegExp(`${B}(${PART_WORD})${GAP_TO_PART}$`).exec(leftText);
  // "good evening, 6 of us": a greeting does not place a time.
  if (left && !/good\s*$/.test(leftText.slice(0, left.index))) return partOf(left[1]!);
  return null;
}

/** "monday the 24th", "wednesday 31": a weekday right before a day of the month. */
function mergeWeekdayAndDay(s: Scanner, text: string, dates: DateFound[]): void {
  const lower = lowerKeepingLength(text);
  // A weekday followed by a day number that cannot be an hour ("Monday 21") names a date.
  for (const d of [...dates]) {
    const wd = weekdayValue(lower.slice(d.start, d.end).trim());
    if (wd === null) continue;
    const m = /^,?\s+(?:the\s+)?(1[3-9]|2\d|3[01])(?![\d:.]|\s*(?:[ap]\.?m|o\s?'?clock|h\d))/.exec(s.text.slice(d.end));
    if (!m) continue;
    let date = d.date;
    const day = Number(m[1]);
    for (let k = 0; k < 60 && !(date.weekday === wd && date.day === day); k++) date = date.plus({ days: 7 });
    if (date.weekday === wd && date.day === day) {
      d.date = date;
      s.mask(d.end, d.end + m[0].length, true);
      d.end += m[0].length;
    }
  }
  dates.sort((a, b) => a.start - b.start);
  for (let i = 0; i + 1 < dates.length; i++) {
    const a = dates[i]!;
    const b = dates[i + 1]!;
    const between = lower.slice(a.end, b.start);
    if (!b.dayOnly || !/^[\s,]*(?:the\s+)?$/.test(between)) continue;
    const wd = weekdayValue(lower.slice(a.start, a.end).replace(/^(?:next|this|coming|upcoming)\s+/, '').trim());
    if (wd === null) continue;
    let date = b.date;
    for (let k = 0; k < 24 && date.weekday !== wd; k++) {
      const next = nextDayOfMonth(date.plus({ days: 1 }), date.day);
      if (!next) break;
      date = next;
    }
    dates.splice(i, 2, { start: a.start, end: b.end, date: date.weekday === wd ? date : b.date, existing: a.existing });
  }
}

function chronoDates(s: Scanner, ctx: WhenContext, today: DateTime, dates: DateFound[]): void {
  const text = s.text;
  if (!/\d|(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|teenth|tieth)/.test(text)) return;
  // chrono reads the host's zone unless told otherwise: pass the business zone's offset that day.
  const offset = DateTime.fromJSDate(ctx.now, { zone: ctx.business.zone }).offset;
  let results: chrono.ParsedResult[];
  try {
    results = chrono.casual.parse(text, { instant: ctx.now, timezone: offset }, { forwardDate: true });
  } catch {
    return;
  }
  for (const r of results) {
    if (!r.start.isCertain('month') || !r.start.isCertain('day')) continue;
    // chrono also fills day and month for durations ("20 min"): keep calendar dates only.
    if (r.text.includes('#') || !/\d/.test(r.text) || !new RegExp(`\\d\\s?[/.-]\\s?\\d|${MONTH}`).test(r.text)) continue;
    const month = r.start.get('month');
    const day = r.start.get('day');
    if (month === null || day === null) continue;
    const year = r.start.isCertain('year') ? r.start.get('year') : null;
    const date = year !== null ? calendarDate(year, month, day) : nextMonthDay(today, month, day);
    if (!date) continue;
    // Only the date part is taken; clock times are read by our own rules.
    const dateOnly = /^[^:]*$/.test(r.text) && !/\b(?:am|pm|at)\b/.test(r.text);
    if (!dateOnly) continue;
    dates.push({ start: r.index, end: r.index + r.text.length, date, existing: false });
    s.mask(r.index, r.index + r.text.length, true);
  }
}

// ---------------------------------------------------------------------------------------------
// Amounts of time.

const AMOUNT = `(?:a\\s+couple(?:\\s+of)?|couple\\s+of|a\\s+few|few|a\\s+pair\\s+of|half\\s+an?|three[\\s-]quarters\\s+of\\s+an?|an?|\\d{1,3}(?:\\.\\d+)?|\\d\\s?/\\s?\\d|${NUMBER_WORD})`;
const DAY_UNIT = '(?:days?|weeks?|fortnights?|months?|years?)';
const CLOCK_UNIT = `(?:hours?|hrs?|h|minutes?|mins?|'|sec(?:ond)?s?|")`;

function amountValue(text: string): number | null {
  const t = text.trim().replace(/\s+/g, ' ');
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

function addAmount(base: DateTime, unitText: string, amount: number): DateTime | null {
  const unit = unitText.replace(/s$/, '');
  if (unit === 'fortnight') return base.plus({ weeks: 2 * amount });
  if (!Number.isInteger(amount)) return unit === 'day' ? base.plus({ days: Math.round(amount) }) : null;
  return base.plus({ [`${unit}s`]: amount });
}

/** "in 3 days", "two weeks from now", "in half an hour", "30 min later", "3 fridays from now". */
function relativeOffsets(s: Scanner, nowLocal: DateTime, today: DateTime, dates: DateFound[], clocks: ClockFound[]): void {
  s.scan(
    new RegExp(`${B}(?:in\\s+(?:about\\s+|around\\s+|less\\s+than\\s+|just\\s+)?(${AMOUNT})\\s*(${DAY_UNIT})(?:\\s+from\\s+(?:now|today))?|(${AMOUNT})\\s+(${DAY_UNIT})\\s+(?:from\\s+now|hence|later))${E}`),
    (m) => {
      const amount = amountValue(m[1] ?? m[3]!);
      if (amount === null || amount <= 0 || amount > 400) return false;
      const date = addAmount(today, (m[2] ?? m[4])!, amount);
      if (!date) return false;
      dates.push({ start: m.index, end: m.index + m[0].length, date, existing: false });
      return true;
    },
  );
  s.scan(
    new RegExp(`${B}(?:in\\s+(?:about\\s+|around\\s+|less\\s+than\\s+|just\\s+)?(${AMOUNT})\\s*(?:more\\s+)?(${CLOCK_UNIT})(?![a-z])|(${AMOUNT})\\s+(${CLOCK_UNIT})\\s+(?:from\\s+now|hence|later)${E})`),
    (m) => {
      const amount = amountValue(m[1] ?? m[3]!);
      if (amount === null || amount <= 0 || amount > 72 * 60) return false;
      const unit = (m[2] ?? m[4])!;
      const minutes = Math.round(amount * (/^h/.test(unit) ? 60 : /^(?:sec|")/.test(unit) ? 1 / 60 : 1));
      if (minutes > 72 * 60) return false;
      const at = nowLocal.plus({ minutes });
      const atom: Atom = { hour: at.hour, minute: at.minute, shift: 0, meridiem: null, fixed: true, strong: true, words: false };
      clocks.push({
        start: m.index,
        end: m.index + m[0].length,
        atom,
        minutes: at.hour * 60 + at.minute,
        date: DateTime.utc(at.year, at.month, at.day),
        existing: false,
      });
      return true;
    },
  );
  // "3 fridays from now": the third such weekday after today.
  s.scan(
    new RegExp(`${B}(${AMOUNT})\\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s\\s+(?:from\\s+now|from\\s+today|later)${E}`),
    (m) => {
      const n = amountValue(m[1]!);
      const wd = weekdayValue(m[2]!);
      if (n === null || wd === null || !Number.isInteger(n) || n < 1 || n > 52) return false;
      dates.push({ start: m.index, end: m.index + m[0].length, date: nextWeekday(today, wd, true).plus({ weeks: n - 1 }), existing: false });
      return true;
    },
  );
}

/** An amount of time right before a date and "from"/"after" moves that date. */
function shiftFromDates(s: Scanner, text: string, dates: DateFound[]): void {
  const lower = lowerKeepingLength(text);
  const re = new RegExp(`${B}(${AMOUNT})\\s+(${DAY_UNIT})\\s+(?:from|after)\\s+$`);
  for (const d of dates) {
    const m = re.exec(lower.slice(Math.max(0, d.start - 40), d.start));
    if (!m) continue;
    const amount = amountValue(m[1]!);
    if (amount === null || amount <= 0) continue;
    const moved = addAmount(d.date, m[2]!, amount);
    if (!moved) continue;
    const start = d.start - m[0].length;
    if (s.text.slice(start, d.start).includes('#')) continue;
    d.date = moved;
    s.mask(start, d.start, true);
    d.start = start;
  }
}

/** "the first friday of july", "second monday of next month", "last sunday in march 2014". */
function ordinalWeekdayOfMonth(s: Scanner, today: DateTime, dates: DateFound[]): void {
  s.scan(
    new RegExp(
      `${B}(?:the\\s+)?(first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)\\s+(${WEEKDAY}|${AMBIGUOUS_WEEKDAY})\\s+(?:of|in)\\s+(?:(?:the\\s+)?(this|next|following|coming)\\s+month|(${MONTH})\\.?(?:\\s+(${YEAR}))?)${E}`,
    ),
    (m) => {
      const wd = weekdayValue(m[2]!);
      if (wd === null) return false;
      const nth = m[1] === 'last' ? -1 : ordinalValue(m[1]!);
      if (nth === null) return false;
      const monthsToTry: Array<[number, number]> = [];
      if (m[4] !== undefined) {
        const month = monthValue(m[4])!;
        if (m[5] !== undefined) monthsToTry.push([twoDigitYear(m[5]), month]);
        else monthsToTry.push([today.year, month], [today.year + 1, month]);
      } else {
        const base = m[3] === 'this' ? today : today.plus({ months: 1 });
        monthsToTry.push([base.year, base.month]);
      }
      for (const [year, month] of monthsToTry) {
        const first = DateTime.utc(year, month, 1);
        let date: DateTime;
        if (nth === -1) {
          const last = first.endOf('month').startOf('day');
          date = last.minus({ days: (last.weekday - wd + 7) % 7 });
        } else {
          date = first.plus({ days: (wd - first.weekday + 7) % 7, weeks: nth - 1 });
          if (date.month !== month) continue;
        }
        if (m[5] === undefined && m[4] !== undefined && date < today) continue;
        dates.push({ start: m.index, end: m.index + m[0].length, date, existing: false });
        return true;
      }
      return 'mask';
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Time zones named after a clock time ("8am PST"): the time is moved into the business's zone.

const ZONE_ABBREVIATIONS: Record<string, string> = {
  gmt: 'UTC', utc: 'UTC', z: 'UTC', bst: 'UTC+1', cet: 'UTC+1', cest: 'UTC+2', eet: 'UTC+2', ist: 'UTC+5:30',
  est: 'UTC-5', edt: 'UTC-4', cst: 'UTC-6', cdt: 'UTC-5', mst: 'UTC-7', mdt: 'UTC-6', pst: 'UTC-8', pdt: 'UTC-7',
  et: 'America/New_York', ct: 'America/Chicago', mt: 'America/Denver', pt: 'America/Los_Angeles',
};
export const ZONE_AFTER_CLOCK = new RegExp(`^\\s*\\(?(${Object.keys(ZONE_ABBREVIATIONS).join('|')})\\)?(?![a-z])`);

/** Moves a wall-clock time on `date` from a named zone into `zone`; returns the new date and minutes. */
export function fromNamedZone(abbreviation: string, date: DateTime, minutes: number, zone: string): { date: DateTime; minutes: number } | null {
  const source = ZONE_ABBREVIATIONS[abbreviation];
  if (!source) return null;
  const there = DateTime.fromObject(
    { year: date.year, month: date.month, day: date.day, hour: Math.floor(minutes / 60), minute: minutes % 60 },
    { zone: source },
  );
  if (!there.isValid) return null;
  const here = there.setZone(zone);
  return { date: DateTime.utc(here.year, here.month, here.day), minutes: here.hour * 60 + here.minute };
}
