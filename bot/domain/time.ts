// Wall-clock arithmetic in a business's zone. Dates are 'YYYY-MM-DD', times 'HH:MM', instants are
// epoch milliseconds (UTC). Nothing here reads the host zone: calendar dates are handled as UTC
// days, and zone offsets come from luxon's IANA data.
import { IANAZone } from 'luxon';
import { WEEKDAYS, type Weekday } from './types';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})$/;
const MINUTE = 60_000;
const DAY = 86_400_000;

function zoneOf(zone: string): IANAZone {
  const z = IANAZone.create(zone);
  if (!z.isValid) throw new Error(`unknown time zone: ${zone}`);
  return z;
}

/** Per zone, per UTC day: the offset in minutes when it holds all day, NaN on a day the offset changes. */
const dayOffsets = new Map<string, Map<number, number>>();
/** Enough days for years of look-ups around now; past it the cache starts over. */
const MAX_CACHED_DAYS = 20_000;

/**
 * The zone's UTC offset (minutes) at an instant. Luxon asks Intl for every offset, the costliest
 * thing a turn did; an offset is constant all day on all but a zone's change days, so it is read
 * once per UTC day (at both ends), and exactly from luxon only on a day whose ends differ.
 */
function offsetAt(zone: string, at: number): number {
  let days = dayOffsets.get(zone);
  if (!days) dayOffsets.set(zone, (days = new Map()));
  const day = Math.floor(at / DAY);
  let offset = days.get(day);
  if (offset === undefined) {
    const z = zoneOf(zone);
    const first = z.offset(day * DAY);
    offset = first === z.offset((day + 1) * DAY) ? first : NaN;
    if (days.size >= MAX_CACHED_DAYS) days.clear();
    days.set(day, offset);
  }
  return Number.isNaN(offset) ? zoneOf(zone).offset(at) : offset;
}

/** The wall clock in `zone` at an instant, as a Date whose UTC fields are that wall clock. */
function wallClock(at: number, zone: string): Date {
  if (!Number.isFinite(at)) throw new Error(`not an instant: ${at}`);
  return new Date(at + offsetAt(zone, at) * MINUTE);
}

function parseDate(date: string): [number, number, number] {
  const m = DATE_RE.exec(date);
  if (!m || !isValidDate(date)) throw new Error(`not a valid date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

export function isValidDate(date: string): boolean {
  const m = DATE_RE.exec(date);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

/** 'HH:MM' -> minutes after midnight; '24:00' is 1440 so it can close a day. */
export function minutesOf(time: string): number {
  const m = TIME_RE.exec(time);
  const h = m ? Number(m[1]) : NaN;
  const min = m ? Number(m[2]) : NaN;
  if (!m || min > 59 || h > 24 || (h === 24 && min !== 0)) throw new Error(`not a valid time: ${time}`);
  return h * 60 + min;
}

export function addDays(date: string, n: number): string {
  const [y, m, d] = parseDate(date);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

export function weekdayOf(date: string): Weekday {
  const [y, m, d] = parseDate(date);
  // getUTCDay: 0 = Sunday; WEEKDAYS starts on Monday.
  return WEEKDAYS[(new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7];
}

export function localDateOf(at: number, zone: string): string {
  return wallClock(at, zone).toISOString().slice(0, 10);
}

export function localTimeOf(at: number, zone: string): string {
  return wallClock(at, zone).toISOString().slice(11, 16);
}

/**
 * Wall clock in `zone` -> instant. Luxon alone resolves an ambiguous fall-back time to the later
 * instant; opening hours want the earlier one (01:30 on a fall-back night is the first 01:30), and a
 * time skipped by spring-forward moves forward by the gap, as a clock on the wall would.
 */
export function atLocal(date: string, time: string, zone: string): number {
  const [y, m, d] = parseDate(date);
  const wall = Date.UTC(y, m - 1, d) + minutesOf(time) * MINUTE; // '24:00' rolls into the next day
  const before = offsetAt(zone, wall - DAY);
  const after = offsetAt(zone, wall + DAY);
  if (before === after) return wall - before * MINUTE; // no offset change within a day either side
  const fits = [before, after]
    .map((offset) => wall - offset * MINUTE)
    .filter((instant) => wall - offsetAt(zone, instant) * MINUTE === instant);
  if (fits.length > 0) return Math.min(...fits);
  // In a gap: reading the wall clock with the pre-gap offset lands just as far past the change.
  return wall - before * MINUTE;
}
