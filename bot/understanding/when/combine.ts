// Puts together what the tables found: the latest date and clock time the client wrote (a new
// one over "my 3pm" being moved), am or pm from the part of the day near it and that day's
// hours, windows and parts of the day placed on that day's hours.

import type { DateTime } from 'luxon';
import type { ClockRange as TimeWindow } from '../../domain/types';
import type { Accumulator, ClockFound, DateFound, Found, PartFound, WindowFound } from './accumulator';
import { clockText, resolveAtom, type DayFrame, type PartPlace } from './clock';
import { midHour, partWindow, type DayPart } from './day-parts';
import { frameOn, openFrameOn } from './frame';
import type { Span } from './text';
import { fromNamedZone } from './zones';

export interface WhenReading {
  date: string | null;
  time: string | null;
  window: TimeWindow | null;
  /** Character ranges of the text read as date/time expressions (end exclusive). */
  spans: Span[];
}

/** The last thing written that is not the appointment being moved ("move my 3pm to 4"). */
function pick<T extends Found>(list: T[]): T | null {
  const fresh = list.filter((x) => !x.existing);
  const pool = fresh.length > 0 ? fresh : list;
  return pool.length > 0 ? pool[pool.length - 1]! : null;
}

function placeOf(part: DayPart | null, frame: DayFrame): PartPlace | null {
  if (!part) return null;
  const [from, to] = partWindow(part, frame);
  return { lean: part.lean, from, to };
}

/** The part of the day found closest to [start, end). */
function nearestPart(parts: PartFound[], start: number, end: number): DayPart | null {
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
}

interface Placed {
  date: DateTime | null;
  time: string | null;
}

function placeClock(acc: Accumulator, found: ClockFound, date: DateTime | null, frame: DayFrame): Placed {
  let minutes = found.minutes ?? resolveAtom(found.atom, placeOf(nearestPart(acc.parts, found.start, found.end), frame), frame);
  if (found.zone === undefined) return { date, time: clockText(minutes) };
  const moved = fromNamedZone(found.zone, date ?? acc.today, minutes, acc.ctx.business.zone);
  if (!moved) return { date, time: clockText(minutes) };
  minutes = moved.minutes;
  return { date: date ? moved.date : null, time: clockText(minutes) };
}

function windowText(from: number, to: number): TimeWindow | null {
  return from < to ? { from: clockText(from), to: to >= 24 * 60 ? '24:00' : clockText(to) } : null;
}

function resolveRange(w: WindowFound & { to: NonNullable<WindowFound['to']> }, part: PartPlace | null, frame: DayFrame): TimeWindow | null {
  let a = w.from;
  const b = w.to;
  // One side's am/pm carries to the other: "3-4pm", "11 to 1 pm", "between 5 and 6 in the afternoon".
  if (a.meridiem === null && b.meridiem !== null && !a.fixed) {
    const same = { ...a, meridiem: b.meridiem };
    a = resolveAtom(same, part, frame) < resolveAtom(b, part, frame) ? same : { ...a, meridiem: b.meridiem === 'pm' ? 'am' : 'pm' };
  }
  const from = resolveAtom(a, part, frame);
  let to: number | null;
  if (b.meridiem === null && !b.fixed && part === null) {
    // The end is the first reading of its hour after the start.
    const base = b.hour % 12;
    const candidates = [base * 60 + b.minute + b.shift, (base + 12) * 60 + b.minute + b.shift, 24 * 60];
    to = candidates.find((c) => c > from) ?? null;
  } else to = resolveAtom(b, part, frame);
  if (to === 0 && from > 0) to = 24 * 60;
  if (to === null || to <= from) return null;
  return windowText(from, to);
}

function resolveWindow(w: WindowFound, part: DayPart | null, frame: DayFrame): TimeWindow | null {
  const place = placeOf(part, frame);
  if (w.kind === 'range' && w.to) return resolveRange({ ...w, to: w.to }, place, frame);
  const anchor = resolveAtom(w.from, place, frame);
  // Inside a named part of the day when the anchor falls in it ("morning after 10"), else the day.
  const [partFrom, partTo] = place ? [place.from, place.to] : [frame.open, frame.close];
  const inPart = anchor >= partFrom && anchor <= partTo;
  if (w.kind === 'after') return windowText(anchor, inPart ? partTo : frame.close);
  return windowText(inPart ? partFrom : frame.open, anchor);
}

/** A part of the day alone: its window that day, or its one time ("first thing" = opening). */
function placePart(found: PartFound, frame: DayFrame): { time: string | null; window: TimeWindow | null } {
  const [from, to] = found.mid ? midHour(found.part, frame) : partWindow(found.part, frame);
  if (found.part.at !== null) return { time: clockText(from), window: null };
  return { time: null, window: windowText(from, to) };
}

interface Moment {
  date: DateTime | null;
  time: string | null;
  window: TimeWindow | null;
}

/** The date, time and window the accumulator holds, placed on the hours of `date`. */
function placeOn(acc: Accumulator, date: DateTime | null, chosenClock: ClockFound | null): Moment {
  // The day's hours place a clock time, a window or a part of the day; a date alone needs none.
  const frame = () => frameOn(acc.ctx.business, date ? date.toISODate() : null, acc.today);
  if (chosenClock) return { ...placeClock(acc, chosenClock, date, frame()), window: null };
  const chosenWindow = pick(acc.windows);
  if (chosenWindow) return { date, time: null, window: resolveWindow(chosenWindow, nearestPart(acc.parts, chosenWindow.start, chosenWindow.end), frame()) };
  if (acc.parts.length > 0) return { date, ...placePart(acc.parts[acc.parts.length - 1]!, frame()) };
  return { date, time: null, window: null };
}

const minutesOf = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/**
 * Today's weekday named on its own is today while what it names is still ahead: "tuesday at 9"
 * sent on a Tuesday at 19:00, or "tuesday" once Tuesday's hours are over, is next Tuesday.
 */
function todayIsOver(acc: Accumulator, found: DateFound, moment: Moment): boolean {
  if (!found.weekdayOnly || !moment.date || !moment.date.equals(acc.today)) return false;
  const now = acc.nowLocal.hour * 60 + acc.nowLocal.minute;
  if (moment.time !== null) return minutesOf(moment.time) <= now;
  if (moment.window !== null) return minutesOf(moment.window.to) <= now;
  const open = openFrameOn(acc.ctx.business, acc.today.toISODate()!);
  return open !== null && open.close <= now;
}

export function combine(acc: Accumulator): WhenReading {
  const chosenDate = pick(acc.dates);
  const chosenClock = pick(acc.clocks);
  let moment = placeOn(acc, chosenDate?.date ?? chosenClock?.date ?? null, chosenClock);
  if (chosenDate && todayIsOver(acc, chosenDate, moment)) moment = placeOn(acc, chosenDate.date.plus({ weeks: 1 }), chosenClock);
  const { date, time, window } = moment;
  const spans = [...acc.scanner.spans].sort((a, b) => a.start - b.start);
  return { date: date ? date.toISODate() : null, time, window, spans };
}
