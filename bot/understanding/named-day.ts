// A closure or special day the client names ("are you open on thanksgiving?", "christmas eve
// hours"), at its next date from today; the longest name wins, so "christmas eve" is not "christmas".
import { addDays, localDateOf } from '../domain/time';
import type { Business } from '../domain/types';
import { stem, tokenize } from './normalize';
import type { NamedDay } from './types';

/** How far ahead a named day is looked for. */
const NAMED_DAY_HORIZON_DAYS = 400;

export function findNamedDay(text: string, business: Business, now: Date): NamedDay | null {
  const words = tokenize(text).map(stem);
  if (words.length === 0) return null;
  const today = localDateOf(now.getTime(), business.zone);
  const last = addDays(today, NAMED_DAY_HORIZON_DAYS);
  const named = [
    ...business.closures.map((c) => ({ name: c.name, date: c.date })),
    ...business.specialHours.flatMap((s) => (s.name ? [{ name: s.name, date: s.date }] : [])),
  ].filter((d) => d.date >= today && d.date <= last);
  let best: (NamedDay & { length: number }) | null = null;
  for (const d of named) {
    const need = tokenize(d.name).map(stem);
    if (need.length === 0 || !containsRun(words, need)) continue;
    if (!best || need.length > best.length || (need.length === best.length && d.date < best.date)) best = { ...d, length: need.length };
  }
  return best ? { name: best.name, date: best.date } : null;
}

function containsRun(haystack: string[], needle: string[]): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
