// Words clients use for numbers, ordinals, months and weekdays, as regex sources and lookups.

const UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50 };

const ORDINAL_UNITS = ['', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth'];
const ORDINAL_TEENS = [
  'tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth',
];
const ORDINAL_TENS: Record<string, number> = { twentieth: 20, thirtieth: 30 };

const alt = (words: readonly string[]): string => [...words].sort((a, b) => b.length - a.length).join('|');

/** A cardinal 0..59 in words: "seven", "fifteen", "twenty five", "forty-five". */
export const NUMBER_WORD = `(?:(?:${alt(Object.keys(TENS))})(?:[\\s-]+(?:${alt(UNITS.slice(1))}))?|${alt([...UNITS, ...TEENS])})`;
/** An hour 1..12 in words. */
export const HOUR_WORD = `(?:${alt([...UNITS.slice(1), 'ten', 'eleven', 'twelve'])})`;
/** A day-of-month ordinal in words: "fifth", "twenty-first", "thirtieth". */
export const ORDINAL_WORD = `(?:(?:twenty|thirty)[\\s-]+(?:${alt(ORDINAL_UNITS.slice(1))})|${alt([
  ...ORDINAL_UNITS.slice(1),
  ...ORDINAL_TEENS,
  ...Object.keys(ORDINAL_TENS),
])})`;

/** Value of a cardinal written in digits or words, or null. */
export function numberValue(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (/^\d+$/.test(t)) return Number(t);
  const parts = t.split(/[\s-]+/);
  if (parts.length === 1) {
    const p = parts[0] ?? '';
    const u = UNITS.indexOf(p);
    if (u >= 0) return u;
    const teen = TEENS.indexOf(p);
    if (teen >= 0) return 10 + teen;
    return TENS[p] ?? null;
  }
  if (parts.length === 2) {
    const tens = TENS[parts[0] ?? ''];
    const unit = UNITS.indexOf(parts[1] ?? '');
    if (tens !== undefined && unit > 0) return tens + unit;
  }
  return null;
}

/** Value of an ordinal ("23rd", "third", "twenty-first") or a cardinal, or null. */
export function ordinalValue(text: string): number | null {
  const t = text.trim().toLowerCase().replace(/(\d)(?:st|nd|rd|th)$/, '$1');
  const direct = numberValue(t);
  if (direct !== null) return direct;
  const parts = t.split(/[\s-]+/);
  const last = parts[parts.length - 1] ?? '';
  let value = ORDINAL_UNITS.indexOf(last);
  if (value <= 0) {
    const teen = ORDINAL_TEENS.indexOf(last);
    value = teen >= 0 ? 10 + teen : (ORDINAL_TENS[last] ?? -1);
  }
  if (value < 0) return null;
  if (parts.length === 1) return value;
  if (parts.length === 2 && value < 10) {
    const tens = TENS[parts[0] ?? ''];
    return tens === undefined ? null : tens + value;
  }
  return null;
}

const MONTHS: Array<[string, number]> = [
  ['january', 1], ['jan', 1], ['february', 2], ['feb', 2], ['march', 3], ['mar', 3], ['april', 4], ['apr', 4],
  ['may', 5], ['june', 6], ['jun', 6], ['july', 7], ['jul', 7], ['august', 8], ['aug', 8], ['september', 9],
  ['sept', 9], ['sep', 9], ['october', 10], ['oct', 10], ['november', 11], ['nov', 11], ['december', 12], ['dec', 12],
];
export const MONTH = `(?:${alt(MONTHS.map(([w]) => w))})`;
export function monthValue(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  return MONTHS.find(([name]) => name === w)?.[1] ?? null;
}

// Luxon weekday numbers, Monday = 1. Short forms that are also common words ("sat", "sun", "wed")
// are listed separately so a reader can ask for more context before taking them.
const WEEKDAY_WORDS: Array<[string, number]> = [
  ['monday', 1], ['mon', 1], ['tuesday', 2], ['tues', 2], ['tue', 2], ['tusday', 2], ['wednesday', 3], ['weds', 3],
  ['wensday', 3], ['wednes', 3], ['thursday', 4], ['thurs', 4], ['thur', 4], ['thu', 4], ['thurday', 4],
  ['friday', 5], ['fri', 5], ['saturday', 6], ['sunday', 7],
];
const AMBIGUOUS_WEEKDAYS: Array<[string, number]> = [['wed', 3], ['sat', 6], ['sun', 7]];
export const WEEKDAY = `(?:${alt(WEEKDAY_WORDS.map(([w]) => w))})\\.?`;
export const AMBIGUOUS_WEEKDAY = `(?:${alt(AMBIGUOUS_WEEKDAYS.map(([w]) => w))})\\.?`;
export function weekdayValue(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  return [...WEEKDAY_WORDS, ...AMBIGUOUS_WEEKDAYS].find(([name]) => name === w)?.[1] ?? null;
}

/** "tomorrow" as clients type it. */
export const TOMORROW = '(?:tomorrow|tomorow|tommorow|tommorrow|tomorrw|tmrw|tmrow|tmw|tmr|tmro|tmoro|2moro|2morrow|2morow|2mrw|2mro)';

// "this weekend", "wknd": the weekend's first day, Saturday; "next weekend" the one after.
const WEEKEND = /\b(next\s+)?(?:this\s+|the\s+|on\s+the\s+)?(?:weekend|wknd|wkend|weeknd)\b/gi;

/** The weekend, as the day a booking for it starts from. */
export function foldWeekend(text: string): string {
  return text.replace(WEEKEND, (_all, next: string | undefined) => (next ? 'next saturday' : 'saturday'));
}
