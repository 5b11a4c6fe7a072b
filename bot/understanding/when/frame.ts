// A day's opening and closing for the reader, from the domain's one model of hours (special hours
// and part-day closures included). A closed or unknown day takes the business's usual day, so
// "monday morning" still reads as a morning and the dialogs can say Monday is closed.

import { IANAZone, type DateTime } from 'luxon';
import { openSpanOn } from '../../domain/hours';
import type { Business } from '../../domain/types';
import type { DayFrame } from './clock';

// A shop day, for a business without weekly hours.
const SHOP_DAY: DayFrame = { open: 9 * 60, close: 17 * 60 };

const minutesOf = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/** A fixed-offset zone ("UTC-2", from the CLI) has no DST, so the wall clock reads the same in UTC. */
function withHoursZone(business: Business): Business {
  // create() keeps one zone per name and knows its validity: isValidZone builds an Intl formatter per call.
  return IANAZone.create(business.zone).isValid ? business : { ...business, zone: 'UTC' };
}

function spanOn(business: Business, date: string): DayFrame | null {
  const span = openSpanOn(business, date);
  return span ? { open: minutesOf(span.from), close: minutesOf(span.to) } : null;
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

/** The business's usual day: the most common opening and closing over the week from `today`. */
function usualFrame(business: Business, today: DateTime): DayFrame {
  const spans: DayFrame[] = [];
  for (let i = 0; i < 7; i++) {
    const s = spanOn(business, today.plus({ days: i }).toISODate()!);
    if (s) spans.push(s);
  }
  const open = mostCommon(spans.map((s) => s.open));
  const close = mostCommon(spans.map((s) => s.close));
  return open === null || close === null || open >= close ? SHOP_DAY : { open, close };
}

/** The usual day of each business object, for the last `today` it was asked for (a reload starts afresh). */
const usualFrames = new WeakMap<Business, { today: string; frame: DayFrame }>();

function usualFrameOf(business: Business, hours: Business, today: DateTime): DayFrame {
  const day = today.toISODate()!;
  const kept = usualFrames.get(business);
  if (kept?.today === day) return kept.frame;
  const frame = Object.freeze(usualFrame(hours, today));
  usualFrames.set(business, { today: day, frame });
  return frame;
}

/** Opening and closing on `date` (YYYY-MM-DD), or the usual day when it is closed or not given. */
export function frameOn(business: Business, date: string | null, today: DateTime): DayFrame {
  const hours = withHoursZone(business);
  return (date !== null ? spanOn(hours, date) : null) ?? usualFrameOf(business, hours, today);
}

/** Opening and closing on `date` when the business opens that day, else null. */
export function openFrameOn(business: Business, date: string): DayFrame | null {
  return spanOn(withHoursZone(business), date);
}
