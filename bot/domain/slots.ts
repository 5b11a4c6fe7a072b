// Free slots, checks of a requested start, and the nearest alternatives to offer instead.
// Slot length and step are real elapsed minutes, so a slot never stretches or shrinks across a
// DST change; `now`, notice and horizon are all measured on the same instant line.
import { addDays, localDateOf } from './time';
import { contains, overlaps } from './intervals';
import { closureOn, openIntervalsOn, rangeOn, staffIntervalsOn } from './hours';
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
  | 'outside_hours'
  | 'staff_off'
  | 'own_overlap'
  | 'taken';

export type SlotCheck =
  | { ok: true; slot: StaffInterval }
  /** `ownClash`: the client's own appointment in the way (reason `own_overlap`). */
  | { ok: false; reason: SlotRejection; closure?: Closure; ownClash?: string };

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
  const open = openIntervalsOn(business, day);
  if (open.length === 0) {
    const closure = closureOn(business, date);
    return closure ? { ok: false, reason: 'closed', closure } : { ok: false, reason: 'closed' };
  }
  if (!open.some((i) => contains(i, span))) return { ok: false, reason: 'outside_hours' };
  if (start < earliestStart(q)) return { ok: false, reason: 'too_soon' };
  // Before who is working: "you already have a haircut then" is the reason that matters to them.
  const clash = ownClash(q, span);
  if (clash) return { ok: false, reason: 'own_overlap', ownClash: clash.appointmentId };
  const working = staffWhoCanTake(q, span);
  if (working.length === 0) return { ok: false, reason: 'staff_off' };
  const free = working.find((id) => !isBusy(q.busy, id, span));
  return free ? { ok: true, slot: { staffId: free, ...span } } : { ok: false, reason: 'taken' };
}

export function nearestAlternatives(q: SlotQuery, wanted: number, max = 3): StaffInterval[] {
  if (max <= 0) return [];
  const day = localDateOf(wanted, q.business.zone);
  const sameDay = freeSlotsOn(q, day).sort(
    (a, b) => Math.abs(a.start - wanted) - Math.abs(b.start - wanted) || a.start - b.start,
  );
  const picked = sameDay.slice(0, max);
  const until = horizonEnd(q);
  const today = localDateOf(q.now, q.business.zone);
  const next = addDays(day, 1);
  for (let date = next > today ? next : today; picked.length < max && startOfDay(q, date) < until; date = addDays(date, 1)) {
    // A past-midnight range of one day can share start times with the early hours of the next.
    const fresh = freeSlotsOn(q, date).filter((s) => !picked.some((p) => p.start === s.start));
    picked.push(...fresh.slice(0, max - picked.length));
  }
  return picked;
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
