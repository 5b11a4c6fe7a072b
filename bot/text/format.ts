// Dates, times, prices and lists as each language writes them back to a client. Every catalogue
// formats through here with its own language, so "Thu Mar 12 at 3:00 PM" and "jueves 12 de marzo a
// las 3:00 p. m." are one rule with two locales (luxon's, and Intl's for money and lists).
import { DateTime, Info } from 'luxon';
import type { Language, Weekday } from '../domain/types';
import { WEEKDAYS } from '../domain/types';

interface DateWords {
  /** luxon format of a calendar day. */
  day: string;
  /** Between a day and its time: "at"; Spanish says "a la 1" but "a las 3". */
  at: (hour12: number) => string;
  /** Intl locale for money. */
  money: string;
  /** Lists joined the way the language does. */
  list: (items: string[], type: 'and' | 'or') => string;
}

/** "a, b or c" without the serial comma, as the English catalogue has always written it. */
function englishList(items: string[], type: 'and' | 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${type} ${items[items.length - 1]}`;
}

const SPANISH_LISTS = {
  and: new Intl.ListFormat('es', { type: 'conjunction' }),
  // Intl turns "o" into "u" before an o sound ("7 u 8").
  or: new Intl.ListFormat('es', { type: 'disjunction' }),
};

const WORDS: Record<Language, DateWords> = {
  en: { day: 'ccc LLL d', at: () => 'at', money: 'en-US', list: englishList },
  es: {
    day: "cccc d 'de' LLLL",
    at: (hour12) => (hour12 === 1 ? 'a la' : 'a las'),
    money: 'es-US',
    list: (items, type) => SPANISH_LISTS[type].format(items),
  },
};

// luxon writes Spanish meridiems with narrow no-break spaces ("p. m."); a text message wants plain ones.
function plain(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ');
}

function inZone(at: number, zone: string, language: Language): DateTime {
  return DateTime.fromMillis(at, { zone }).setLocale(language);
}

function calendarDay(date: string, language: Language): DateTime {
  return DateTime.fromISO(date, { zone: 'UTC' }).setLocale(language);
}

/** "3:00 PM" / "3:00 p. m." in the business zone. */
export function formatClock(at: number, zone: string, language: Language = 'en'): string {
  return plain(inZone(at, zone, language).toFormat('h:mm a'));
}

/** "Thu Mar 12 at 3:00 PM" / "jueves 12 de marzo a las 3:00 p. m." in the business zone. */
export function formatWhen(at: number, zone: string, language: Language = 'en'): string {
  const t = inZone(at, zone, language);
  return `${t.toFormat(WORDS[language].day)} ${WORDS[language].at(t.hour % 12 || 12)} ${formatClock(at, zone, language)}`;
}

/** "Thursday at 3:00 PM" / "jueves a las 3:00 p. m." in the business zone. */
export function formatWeekdayAt(at: number, zone: string, language: Language = 'en'): string {
  const t = inZone(at, zone, language);
  return `${t.toFormat('cccc')} ${WORDS[language].at(t.hour % 12 || 12)} ${formatClock(at, zone, language)}`;
}

/** "Thu Mar 12" / "jueves 12 de marzo" for a YYYY-MM-DD date. */
export function formatDay(date: string, language: Language = 'en'): string {
  return calendarDay(date, language).toFormat(WORDS[language].day);
}

/** "Thursday" / "jueves" for a YYYY-MM-DD date. */
export function formatWeekday(date: string, language: Language = 'en'): string {
  return calendarDay(date, language).toFormat('cccc');
}

/** "Mon" / "lun". */
export function shortWeekday(day: Weekday, language: Language = 'en'): string {
  return Info.weekdays('short', { locale: language })[WEEKDAYS.indexOf(day)]!;
}

/** "February" / "febrero" for a month number 1..12. */
export function monthName(month: number, language: Language = 'en'): string {
  return Info.months('long', { locale: language })[month - 1]!;
}

/** A wall-clock "HH:MM" (24:00 closes a day, read as midnight) as "9:00 AM" / "9:00 a. m.". */
export function formatWallClock(time: string, language: Language = 'en'): string {
  const [h, m] = time.split(':').map(Number);
  return plain(DateTime.utc(2000, 1, 1, h! % 24, m!).setLocale(language).toFormat('h:mm a'));
}

/** "$45" / "$45.50" in the language's way of writing money. */
export function formatMoney(amount: number, currency: string, language: Language = 'en'): string {
  const whole = Number.isInteger(amount);
  return new Intl.NumberFormat(WORDS[language].money, {
    style: 'currency',
    currency,
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(amount);
}

/** "a, b or c" / "a, b o c". */
export function listOr(items: string[], language: Language = 'en'): string {
  return WORDS[language].list(items, 'or');
}

/** "a, b and c" / "a, b y c". */
export function listAnd(items: string[], language: Language = 'en'): string {
  return WORDS[language].list(items, 'and');
}
