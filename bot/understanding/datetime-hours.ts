// Opening and closing of the business on a date, in minutes after midnight, for reading bare hours
// ("at 3") and named windows ("morning") the way the business's clients mean them.

import { DateTime } from 'luxon';
import type { Business, ClockRange, Weekday } from '../domain/types';
import { WEEKDAYS } from '../domain/types';

export interface DayHours {
  open: number;
  close: number;
}

function minutes(clock: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(clock.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
}

/** First opening and last closing of a list of ranges; a range past midnight closes at 24:00. */
function span(ranges: readonly ClockRange[]): DayHours | null {
  let open = Infinity;
  let close = -Infinity;
  for (const r of ranges) {
    const from = minutes(r.from);
    let to = minutes(r.to);
    if (Number.isNaN(from) || Number.isNaN(to)) continue;
    if (to <= from) to = 24 * 60;
    open = Math.min(open, from);
    close = Math.max(close, to);
  }
  return open < close ? { open, close } : null;
}

function mostCommon(values: number[]): number | null {
  const counts = new Map<number, number>();
  let best: number | null = null;
  for (const v of values) {
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (best === null || n > (counts.get(best) ?? 0) || (n === counts.get(best) && v < best)) best = v;
  }
  return best;
}

/** The business's usual day: the most common opening and closing over its weekly hours. */
export function usualHours(business: Business): DayHours {
  const opens: number[] = [];
  const closes: number[] = [];
  for (const day of WEEKDAYS) {
    const s = span(business.hours[day] ?? []);
    if (s) {
      opens.push(s.open);
      closes.push(s.close);
    }
  }
  const open = mostCommon(opens);
  const close = mostCommon(closes);
  // A business without weekly hours still needs a frame for "morning": a common shop day.
  if (open === null || close === null || open >= close) return { open: 9 * 60, close: 17 * 60 };
  return { open, close };
}

/** Hours on `date` (YYYY-MM-DD): special hours, else weekly hours; the usual day when closed or unknown. */
export function hoursOn(business: Business, date: string | null): DayHours {
  if (date === null) return usualHours(business);
  const special = business.specialHours.find((s) => s.date === date);
  const closed = business.closures.some((c) => c.date === date && c.from === undefined);
  let ranges: readonly ClockRange[] | undefined;
  if (special) ranges = special.hours;
  else if (!closed) {
    const d = DateTime.fromISO(date, { zone: 'UTC' });
    if (d.isValid) ranges = business.hours[WEEKDAYS[d.weekday - 1] as Weekday];
  }
  return (ranges && span(ranges)) ?? usualHours(business);
}
