// Free slots, checks of a requested start, and the nearest alternatives to offer instead.
// Slot length and step are real elapsed minutes, so a slot never stretches or shrinks across a
// DST change; `now`, notice and horizon are all measured on the same instant line.
import { addDays, atLocal, localDateOf, localTimeOf, minutesOf } from './time';
import { contains, overlaps } from './intervals';
import { closureOn, fitInHours, openIntervalsOn, rangeOn, staffIntervalsOn } from './hours';
import type { Business, ClockRange, Closure, Interval, Service, StaffInterval, StaffMember } from './types';

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface SlotQuery {
  business: Business;
  serviceId: string;
  staffId?: string | null;
  now: number;
  busy: StaffInterval[];
  /**
   * The client's own booked appointments a new time may not overlap (none when the business lets
   * a client hold overlapping appointments, or when no client is known).
   */
  ownBusy?: OwnInterval[];
}

/** One of the client's own booked appointments, as a span. */
export interface OwnInterval extends Interval {
  appointmentId: string;
}

export type SlotRejection =
  | 'unknown_service'
  | 'staff_does_not_offer'
  | 'past'
  | 'too_soon'
  | 'too_far'
  | 'closed'
  /** Before the day's first opening; `edge` is that opening. */
  | 'before_opening'
  /** At or after the day's last closing; `edge` is that closing. */
  | 'after_closing'
  /** Starts while open but ends after the day's last closing (`edge`). */
  | 'runs_past_close'
  /** Starts while open but ends in a break or part-day closure that starts at `edge`. */
  | 'runs_into_break'
  /** Starts in a break between ranges or in a part-day closure; `edge` is when we reopen. */
  | 'outside_hours'
  | 'staff_off'
  | 'own_overlap'
  | 'taken';

export type SlotCheck =
  | { ok: true; slot: StaffInterval }
  /**
   * `ownClash`: the client's own appointment in the way (reason `own_overlap`); `edge`: the opening
   * or closing the reason names; `closure`: the closure (whole or part of the day) that applies.
   */
  | { ok: false; reason: SlotRejection; closure?: Closure; ownClash?: string; edge?: number };

function serviceOf(q: SlotQuery): Service | undefined {
  return q.business.services.find((s) => s.id === q.serviceId);
}

/** Staff who could do the service, in config order; only the named one when staffId is set. */
function eligibleStaff(q: SlotQuery): StaffMember[] {
  return q.business.staff.filter((s) => s.services.includes(q.serviceId) && (q.staffId == null || s.id === q.staffId));
}

function earliestStart(q: SlotQuery): number {
  return q.now + q.business.policy.minNoticeMinutes * MINUTE;
}

/** Starts must be before this instant. */
function horizonEnd(q: SlotQuery): number {
  return q.now + q.business.policy.horizonDays * DAY;
}

function isBusy(busy: readonly StaffInterval[], staffId: string, span: Interval): boolean {
  return busy.some((b) => b.staffId === staffId && overlaps(b, span));
}

function ownClash(q: SlotQuery, span: Interval): OwnInterval | undefined {
  return q.ownBusy?.find((own) => overlaps(own, span));
}

/** The business date a start belongs to: a start inside last night's past-midnight range is that night's. */
function businessDayOf(business: Business, start: number): string {
  const date = localDateOf(start, business.zone);
  const eve = addDays(date, -1);
  return openIntervalsOn(business, eve).some((i) => i.start <= start && start < i.end) ? eve : date;
}

/** The span a start of the query's service would take, or null for an unknown service. */
export function slotSpan(q: SlotQuery, start: number): Interval | null {
  const service = serviceOf(q);
  return service ? { start, end: start + service.minutes * MINUTE } : null;
}

/**
 * Who could take the service over this whole span, busy or not, in config order (only the one
 * asked for when staffId is set): the candidates a booking is committed to, first free first.
 */
export function staffWhoCanTake(q: SlotQuery, span: Interval): string[] {
  const day = businessDayOf(q.business, span.start);
  return eligibleStaff(q)
    .filter((m) => staffIntervalsOn(q.business, m.id, day).some((i) => contains(i, span)))
    .map((m) => m.id);
}

export function freeSlotsOn(q: SlotQuery, date: string, window?: ClockRange | null): StaffInterval[] {
  const service = serviceOf(q);
  if (!service) return [];
  const length = service.minutes * MINUTE;
  const step = q.business.policy.slotStepMinutes * MINUTE;
  if (!(step > 0)) throw new Error(`slot step must be a positive number of minutes, got ${q.business.policy.slotStepMinutes}`);
  const from = earliestStart(q);
  const until = horizonEnd(q);
  const limit = window ? rangeOn(date, window, q.business.zone) : null;
  const byStart = new Map<number, StaffInterval>();
  for (const member of eligibleStaff(q)) {
    const busy = q.busy.filter((b) => b.staffId === member.id);
    for (const shift of staffIntervalsOn(q.business, member.id, date)) {
      for (let start = shift.start; start + length <= shift.end; start += step) {
        if (start < from || start >= until || byStart.has(start)) continue;
        if (limit && (start < limit.start || start >= limit.end)) continue;
        const slot = { staffId: member.id, start, end: start + length };
        if (!isBusy(busy, member.id, slot) && !ownClash(q, slot)) byStart.set(start, slot);
      }
    }
  }
  return [...byStart.values()].sort((a, b) => a.start - b.start);
}

/** When last night's opening ran past midnight into `date` and closed at or before `start`, that close. */
function lastNightsClose(business: Business, date: string, start: number): number | null {
  const eve = openIntervalsOn(business, addDays(date, -1));
  const end = eve[eve.length - 1]?.end;
  return end !== undefined && end <= start && localDateOf(end, business.zone) === date && localTimeOf(end, business.zone) !== '00:00' ? end : null;
}

function withClosure(check: SlotCheck & { ok: false }, closure: Closure | null): SlotCheck {
  return closure ? { ...check, closure } : check;
}

export function checkStart(q: SlotQuery, start: number): SlotCheck {
  const { business } = q;
  const service = serviceOf(q);
  if (!service) return { ok: false, reason: 'unknown_service' };
  const staff = eligibleStaff(q);
  if (staff.length === 0) return { ok: false, reason: 'staff_does_not_offer' };
  // Order matters: the first reason that applies is the one a client hears, so facts about the
  // calendar ("we're closed that day") come before facts about the booking rules.
  if (start < q.now) return { ok: false, reason: 'past' };
  if (start >= horizonEnd(q)) return { ok: false, reason: 'too_far' };
  const span: Interval = { start, end: start + service.minutes * MINUTE };
  const date = localDateOf(start, business.zone);
  const day = businessDayOf(business, start);
  const fit = fitInHours(business, day, span);
  if (!fit.fits) {
    // In the small hours after last night's past-midnight close, that close is the edge a client
    // needs ("we close at 2:00 AM"), unless today's opening is nearer or today is a named closure.
    const lastNight = lastNightsClose(business, date, start);
    switch (fit.why) {
      case 'closed': {
        const closure = closureOn(business, date);
        if (closure) return { ok: false, reason: 'closed', closure };
        return lastNight === null ? { ok: false, reason: 'closed' } : { ok: false, reason: 'after_closing', edge: lastNight };
      }
      case 'before_opening':
        if (lastNight !== null && start - lastNight < fit.opensAt - start) return { ok: false, reason: 'after_closing', edge: lastNight };
        return { ok: false, reason: 'before_opening', edge: fit.opensAt };
      case 'after_closing':
        return { ok: false, reason: 'after_closing', edge: fit.closesAt };
      case 'runs_past_close':
        if (fit.lastClose) return withClosure({ ok: false, reason: 'runs_past_close', edge: fit.closesAt }, fit.closure);
        return withClosure({ ok: false, reason: 'runs_into_break', edge: fit.closesAt }, fit.closure);
      case 'between_hours':
        return withClosure({ ok: false, reason: 'outside_hours', edge: fit.reopensAt }, fit.closure);
    }
  }
  if (start < earliestStart(q)) return { ok: false, reason: 'too_soon' };
  // Before who is working: "you already have a haircut then" is the reason that matters to them.
  const clash = ownClash(q, span);
  if (clash) return { ok: false, reason: 'own_overlap', ownClash: clash.appointmentId };
  const working = staffWhoCanTake(q, span);
  if (working.length === 0) return { ok: false, reason: 'staff_off' };
  const free = working.find((id) => !isBusy(q.busy, id, span));
  return free ? { ok: true, slot: { staffId: free, ...span } } : { ok: false, reason: 'taken' };
}

/**
 * How far apart offered times sit, so a client is shown real choices rather than three steps of
 * the grid ("9:00, 9:15, 9:30"): the service's length, kept between 30 and 60 minutes and never
 * under the slot step. A 30-minute haircut on a 15-minute grid is offered 30 minutes apart, a
 * 90-minute color an hour apart, a 15-minute trim half an hour apart.
 */
export function offerSpacing(q: SlotQuery): number {
  const minutes = serviceOf(q)?.minutes ?? 30;
  return Math.max(q.business.policy.slotStepMinutes, Math.min(60, Math.max(30, minutes))) * MINUTE;
}

function farEnough(slot: StaffInterval, picked: readonly StaffInterval[], gap: number): boolean {
  return picked.every((p) => Math.abs(p.start - slot.start) >= gap);
}

/** Up to `count` of `pool`, nearest to `target` first (the earlier on a tie), each `gap` from every pick. */
function nearestSpaced(pool: readonly StaffInterval[], target: number, count: number, gap: number, picked: StaffInterval[]): void {
  const byDistance = [...pool].sort((a, b) => Math.abs(a.start - target) - Math.abs(b.start - target) || a.start - b.start);
  let left = count;
  for (const slot of byDistance) {
    if (left <= 0) return;
    if (picked.some((p) => p.start === slot.start) || !farEnough(slot, picked, gap)) continue;
    picked.push(slot);
    left--;
  }
}

/**
 * The times to offer instead of `wanted`, in time order: the nearest free start before it and the
 * nearest at or after it on its own day; then, while fewer than `max`, each next open day's
 * starts nearest to the same clock time, spaced by `offerSpacing`. Times closer together than that
 * are offered only when nothing else is free within the horizon.
 */
export function nearestAlternatives(q: SlotQuery, wanted: number, max = 3): StaffInterval[] {
  if (max <= 0) return [];
  const { business } = q;
  const zone = business.zone;
  const gap = offerSpacing(q);
  const day = businessDayOf(business, wanted);
  const localDay = localDateOf(wanted, zone);
  // A past-midnight range of one day shares its early hours with the next date: both count as the wanted day.
  const sameDay = uniqueByStart([...freeSlotsOn(q, day), ...(localDay === day ? [] : freeSlotsOn(q, localDay))]);
  const before = sameDay.filter((s) => s.start < wanted).pop();
  const after = sameDay.find((s) => s.start >= wanted);
  const picked: StaffInterval[] = [];
  nearestSpaced([before, after].filter((s): s is StaffInterval => s !== undefined), wanted, max, 0, picked);

  const clock = localTimeOf(wanted, zone);
  const wrapsDays = localDay > day ? 1 : 0;
  const until = horizonEnd(q);
  const today = localDateOf(q.now, zone);
  const pools: Array<{ pool: StaffInterval[]; target: number }> = [{ pool: sameDay, target: wanted }];
  const next = addDays(day, 1);
  for (let date = next > today ? next : today; picked.length < max && startOfDay(q, date) < until; date = addDays(date, 1)) {
    const pool = freeSlotsOn(q, date);
    if (pool.length === 0) continue;
    const target = atLocal(addDays(date, wrapsDays), clock, zone);
    pools.push({ pool, target });
    nearestSpaced(pool, target, max - picked.length, gap, picked);
  }
  // Fewer than asked for within the horizon: more of the wanted day, spaced, then whatever is free.
  nearestSpaced(sameDay, wanted, max - picked.length, gap, picked);
  for (const { pool, target } of pools) nearestSpaced(pool, target, max - picked.length, 0, picked);
  return picked.sort((a, b) => a.start - b.start);
}

function uniqueByStart(slots: StaffInterval[]): StaffInterval[] {
  const byStart = new Map<number, StaffInterval>();
  for (const s of slots) if (!byStart.has(s.start)) byStart.set(s.start, s);
  return [...byStart.values()].sort((a, b) => a.start - b.start);
}

/** Minutes past the hour a person would rather read: on the hour, then the half hour, then the rest. */
function roundness(at: number, zone: string): number {
  const minutes = minutesOf(localTimeOf(at, zone)) % 60;
  return minutes === 0 ? 0 : minutes === 30 ? 1 : 2;
}

/**
 * Up to `max` of a day's (or window's) free slots spread over it, in time order: the first, the
 * last, and between them the slots nearest to evenly spaced times, preferring a time on the hour
 * or half hour within half the spacing. Each is `offerSpacing` from the others unless the slots
 * are too few or too close together to allow it.
 */
export function spreadOffer(q: SlotQuery, slots: readonly StaffInterval[], max: number): StaffInterval[] {
  const sorted = uniqueByStart([...slots]);
  if (max <= 0) return [];
  if (sorted.length <= max) return sorted;
  if (max === 1) return [sorted[0]!];
  const gap = offerSpacing(q);
  const zone = q.business.zone;
  const first = sorted[0]!.start;
  const span = sorted[sorted.length - 1]!.start - first;
  const targets = Array.from({ length: max }, (_, i) => first + Math.round((i * span) / (max - 1)));
  const picked: StaffInterval[] = [];
  for (const [i, target] of targets.entries()) {
    const interior = i > 0 && i < max - 1;
    const candidates = sorted.filter((s) => !picked.includes(s) && farEnough(s, picked, gap));
    if (candidates.length === 0) break;
    const nearest = (a: StaffInterval, b: StaffInterval) => Math.abs(a.start - target) - Math.abs(b.start - target) || a.start - b.start;
    const close = interior ? candidates.filter((s) => Math.abs(s.start - target) <= gap / 2) : [];
    const best = close.length > 0
      ? [...close].sort((a, b) => roundness(a.start, zone) - roundness(b.start, zone) || nearest(a, b))[0]!
      : [...candidates].sort(nearest)[0]!;
    picked.push(best);
  }
  for (const target of targets) nearestSpaced(sorted, target, max - picked.length, 0, picked);
  return picked.sort((a, b) => a.start - b.start);
}

function startOfDay(q: SlotQuery, date: string): number {
  return rangeOn(date, { from: '00:00', to: '24:00' }, q.business.zone).start;
}

export function firstDayWithSlots(
  q: SlotQuery,
  fromDate: string,
  window?: ClockRange | null,
): { date: string; slots: StaffInterval[] } | null {
  const today = localDateOf(q.now, q.business.zone);
  const until = horizonEnd(q);
  for (let date = fromDate > today ? fromDate : today; startOfDay(q, date) < until; date = addDays(date, 1)) {
    const slots = freeSlotsOn(q, date, window);
    if (slots.length > 0) return { date, slots };
  }
  return null;
}
