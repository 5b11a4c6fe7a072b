// Open hours of a business and its staff, as instants, for a local date in the business zone.
// A range belongs to the date it starts on, so a bar's 18:00–02:00 on Friday is Friday's, and
// "is it open at 01:00 Saturday" has to look at Friday too.
import { addDays, atLocal, localDateOf, localTimeOf, minutesOf, weekdayOf } from './time';
import { intersectIntervals, mergeIntervals, subtractIntervals } from './intervals';
import type { Business, ClockRange, Closure, Interval, WeeklyHours } from './types';

/** A clock range on a date as instants; `to` <= `from` runs into the next day. */
export function rangeOn(date: string, range: ClockRange, zone: string): Interval {
  const start = atLocal(date, range.from, zone);
  const wraps = minutesOf(range.to) <= minutesOf(range.from);
  const end = atLocal(wraps ? addDays(date, 1) : date, range.to, zone);
  return { start, end };
}

function weeklyOn(hours: WeeklyHours, date: string, zone: string): Interval[] {
  return (hours[weekdayOf(date)] ?? []).map((r) => rangeOn(date, r, zone));
}

function isWholeDay(c: Closure): boolean {
  return c.from === undefined || c.to === undefined;
}

/** The named reason a whole date is closed: a closure, or named special hours with no ranges. */
export function closureOn(business: Business, date: string): Closure | null {
  const closure = business.closures.find((c) => c.date === date && isWholeDay(c));
  if (closure) return closure;
  const special = business.specialHours.find((s) => s.date === date && s.hours.length === 0 && s.name);
  return special?.name ? { date, name: special.name } : null;
}

/**
 * A business's open intervals and its staff's, per date, computed once: a turn asks for the same
 * days many times (slots, the hours context, the next opening). Keyed by the business object, so a
 * reloaded config (a new object) starts with an empty cache; the cached arrays are frozen.
 */
const dayCache = new WeakMap<Business, Map<string, readonly Interval[]>>();
/** Dates kept per business before the cache starts over (years of days, a few MB at most). */
const MAX_CACHED_DATES = 5000;

function cachedDay(business: Business, key: string, compute: () => Interval[]): Interval[] {
  let days = dayCache.get(business);
  if (!days) dayCache.set(business, (days = new Map()));
  let intervals = days.get(key);
  if (intervals === undefined) {
    intervals = Object.freeze(compute().map((i) => Object.freeze(i)));
    if (days.size >= MAX_CACHED_DATES) days.clear();
    days.set(key, intervals);
  }
  // Frozen, so callers that only read may share it; the type stays the one they already take.
  return intervals as Interval[];
}

export function openIntervalsOn(business: Business, date: string): Interval[] {
  return cachedDay(business, date, () => computeOpenIntervalsOn(business, date));
}

function computeOpenIntervalsOn(business: Business, date: string): Interval[] {
  const { zone } = business;
  if (business.closures.some((c) => c.date === date && isWholeDay(c))) return [];
  const special = business.specialHours.find((s) => s.date === date);
  const planned = special ? special.hours.map((r) => rangeOn(date, r, zone)) : weeklyOn(business.hours, date, zone);
  // A part-day closure tomorrow (00:00–01:00) can cut into tonight's past-midnight range.
  const cuts = business.closures
    .filter((c) => !isWholeDay(c) && (c.date === date || c.date === addDays(date, 1)))
    .map((c) => rangeOn(c.date, { from: c.from as string, to: c.to as string }, zone));
  return subtractIntervals(mergeIntervals(planned), cuts);
}

/**
 * The first opening and the last closing on a local date as clock times, after special hours and
 * closures ('24:00' when the day runs past midnight); null when closed all day.
 */
export function openSpanOn(business: Business, date: string): ClockRange | null {
  const open = openIntervalsOn(business, date);
  if (open.length === 0) return null;
  const last = open[open.length - 1]!.end;
  const to = localDateOf(last, business.zone) > date ? '24:00' : localTimeOf(last, business.zone);
  return { from: localTimeOf(open[0]!.start, business.zone), to };
}

export function staffIntervalsOn(business: Business, staffId: string, date: string): Interval[] {
  const member = business.staff.find((s) => s.id === staffId);
  if (!member) return [];
  return cachedDay(business, `${date} ${staffId}`, () =>
    intersectIntervals(weeklyOn(member.hours, date, business.zone), openIntervalsOn(business, date)),
  );
}

export function openIntervalAt(business: Business, at: number): Interval | null {
  const date = localDateOf(at, business.zone);
  for (const d of [addDays(date, -1), date]) {
    const hit = openIntervalsOn(business, d).find((i) => i.start <= at && at < i.end);
    if (hit) return hit;
  }
  return null;
}

export function isOpenAt(business: Business, at: number): boolean {
  return openIntervalAt(business, at) !== null;
}

export function nextOpening(business: Business, at: number, maxDays = 400): number | null {
  let date = localDateOf(at, business.zone);
  for (let i = 0; i <= maxDays; i++, date = addDays(date, 1)) {
    const next = openIntervalsOn(business, date).find((iv) => iv.start > at);
    if (next) return next.start;
  }
  return null;
}

export function isClosedDay(business: Business, date: string): boolean {
  return openIntervalsOn(business, date).length === 0;
}

/**
 * How a span sits against a business day's open hours, naming the edge it misses so a refusal can
 * give the real reason: before opening, after closing, running past a close (the day's last, a
 * break between ranges, or a part-day closure), or starting inside a break or part-day closure.
 */
export type HoursFit =
  | { fits: true }
  | { fits: false; why: 'closed' }
  | { fits: false; why: 'before_opening'; opensAt: number }
  | { fits: false; why: 'after_closing'; closesAt: number }
  /** `lastClose`: the close is the day's last, else a break follows; `closure`: the part-day closure that starts there. */
  | { fits: false; why: 'runs_past_close'; closesAt: number; lastClose: boolean; closure: Closure | null }
  | { fits: false; why: 'between_hours'; reopensAt: number; closure: Closure | null };

/** The part-day closure of a date (or of the next one, reaching back into a past-midnight range) covering an instant. */
function partClosureAt(business: Business, date: string, at: number): Closure | null {
  return (
    business.closures.find((c) => {
      if (isWholeDay(c) || (c.date !== date && c.date !== addDays(date, 1))) return false;
      const span = rangeOn(c.date, { from: c.from as string, to: c.to as string }, business.zone);
      return span.start <= at && at < span.end;
    }) ?? null
  );
}

export function fitInHours(business: Business, date: string, span: Interval): HoursFit {
  const open = openIntervalsOn(business, date);
  if (open.length === 0) return { fits: false, why: 'closed' };
  if (open.some((i) => i.start <= span.start && span.end <= i.end)) return { fits: true };
  const first = open[0]!;
  const last = open[open.length - 1]!;
  if (span.start < first.start) return { fits: false, why: 'before_opening', opensAt: first.start };
  if (span.start >= last.end) return { fits: false, why: 'after_closing', closesAt: last.end };
  const within = open.find((i) => i.start <= span.start && span.start < i.end);
  if (within) {
    const closure = partClosureAt(business, date, within.end);
    return { fits: false, why: 'runs_past_close', closesAt: within.end, lastClose: within === last, closure };
  }
  const reopens = open.find((i) => i.start > span.start)!;
  return { fits: false, why: 'between_hours', reopensAt: reopens.start, closure: partClosureAt(business, date, span.start) };
}
