// The owner's norms as pure rules over the hours model: which closed period an instant falls in
// (so a notice is said once per period), and who is on call at an instant.
import { nextOpening, openIntervalAt, openIntervalsOn, rangeOn } from './hours';
import { addDays, localDateOf, weekdayOf } from './time';
import type { Business, OnCallEntry } from './types';

/** How far back to look for the last closing time: past any long holiday closure. */
const LOOKBACK_DAYS = 31;

export interface ClosedPeriod {
  /** When the business last closed (epoch ms); the period's identity. Null when it never opened in the lookback. */
  start: number | null;
  /** When it opens next (epoch ms), or null when no opening is known. */
  opensAt: number | null;
}

export type HoursContext =
  | { open: true; closesAt: number; opensAt: number | null }
  | ({ open: false } & ClosedPeriod);

/** Open now, and until when; or closed, since when and until when. */
export function hoursContextAt(business: Business, at: number): HoursContext {
  const current = openIntervalAt(business, at);
  if (current) return { open: true, closesAt: current.end, opensAt: nextOpening(business, at) };
  return { open: false, start: lastClosing(business, at), opensAt: nextOpening(business, at) };
}

/** The end of the latest open interval that ended at or before `at`. */
export function lastClosing(business: Business, at: number): number | null {
  let date = localDateOf(at, business.zone);
  for (let i = 0; i <= LOOKBACK_DAYS; i++, date = addDays(date, -1)) {
    const ended = openIntervalsOn(business, date).filter((iv) => iv.end <= at);
    if (ended.length > 0) return Math.max(...ended.map((iv) => iv.end));
  }
  return null;
}

/**
 * A key naming the closed period `at` falls in, the same for every instant of one period: the
 * closing instant, or (when the business never opened in the lookback) the next opening.
 */
export function closedPeriodKey(period: ClosedPeriod): string {
  if (period.start !== null) return `closed:${new Date(period.start).toISOString()}`;
  return `closed-until:${period.opensAt === null ? 'unknown' : new Date(period.opensAt).toISOString()}`;
}

/**
 * The on-call entry whose shift covers `at`. A shift belongs to the day it starts on, so Friday's
 * 19:00–09:00 covers Saturday 03:00; when shifts overlap the first listed wins.
 */
export function onCallAt(business: Business, at: number): OnCallEntry | null {
  const entries = business.norms?.onCall ?? [];
  const today = localDateOf(at, business.zone);
  for (const entry of entries) {
    for (const date of [today, addDays(today, -1)]) {
      if (!entry.days.includes(weekdayOf(date))) continue;
      const shift = rangeOn(date, entry.hours, business.zone);
      if (shift.start <= at && at < shift.end) return entry;
    }
  }
  return null;
}
