// Booking, moving and cancelling appointments: the domain rules over the appointment store.
// Expected outcomes (a closed day, a taken slot) are return values; only real failures throw.
import { openIntervalsOn, closureOn } from '../domain/hours';
import { checkStart, firstDayWithSlots, freeSlotsOn, nearestAlternatives, slotSpan, spreadOffer, staffWhoCanTake, type SlotCheck, type SlotQuery } from '../domain/slots';
import { isLateCancel } from '../domain/policy';
import { addDays, atLocal, localDateOf, weekdayOf } from '../domain/time';
import type { Appointment, Business, ClockRange, Service, StaffInterval, StaffMember } from '../domain/types';
import { noMetrics, type Metrics } from '../ports/metrics';
import type { AppointmentStore } from '../ports/stores';
import type { Rejection } from '../domain/outcomes';
import { formatClock } from '../text/en';

export interface SlotRequest {
  serviceId: string;
  /** The staff member the client asked for; null or absent for anyone who does the service. */
  staffId?: string | null;
  /** Requested start, epoch ms. */
  start: number;
}

/** Whose time is asked about, so that their own appointments count as theirs. */
export interface Asker {
  /** The client asking: their own appointments may not be overlapped (unless the business allows it). */
  clientId?: string;
  /** The appointment being moved: its own time is not busy. */
  movingId?: string;
}

/** Why a time could not be had, the nearest others, and the client's own appointment if it was in the way. */
export interface Refusal<R extends Rejection | null = Rejection> {
  ok: false;
  rejection: R;
  alternatives: StaffInterval[];
  ownClash?: Appointment;
}

export type CheckOutcome = { ok: true; slot: StaffInterval } | Refusal;

/** `existing`: the client already held exactly this booking (a retried "yes"); nothing new was made. */
export type BookOutcome = { ok: true; appointment: Appointment; existing: boolean } | Refusal;

export type RescheduleOutcome = { ok: true; appointment: Appointment; previous: Appointment; existing: boolean } | Refusal<Rejection | null>;

export interface Offer {
  date: string;
  slots: StaffInterval[];
  /** True when the offer is on the date asked for. */
  onRequestedDate: boolean;
}

export interface OfferRequest extends Asker {
  serviceId: string;
  staffId?: string | null;
  date?: string | null;
  window?: ClockRange | null;
  /** At most this many times (3 when absent). */
  max?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A slot question's busy times, and the client's own appointments among them. */
/** The days either side of an asked-for time whose bookings decide whether it is free (a day's span with room). */
const NEAR_DAYS = 2;

interface Query {
  slots: SlotQuery;
  own: Appointment[];
}

/** The client was offered this time a moment ago: if it is taken now, someone just took it. */
function atCommit(rejection: Rejection): Rejection {
  return rejection.reason === 'taken' ? { reason: 'just_taken' } : rejection;
}

export class SchedulingService {
  constructor(
    readonly business: Business,
    private readonly appointments: AppointmentStore,
    private readonly metrics: Pick<Metrics, 'booking'> = noMetrics,
  ) {}

  service(id: string): Service | undefined {
    return this.business.services.find((s) => s.id === id);
  }

  staff(id: string): StaffMember | undefined {
    return this.business.staff.find((s) => s.id === id);
  }

  get(appointmentId: string): Promise<Appointment | null> {
    return this.appointments.get(appointmentId);
  }

  closure(date: string) {
    return closureOn(this.business, date);
  }

  /**
   * Is this start bookable? If not, why, and the nearest alternatives. When booking, the client's own
   * booking of this very service and start counts as bookable: confirming it again is recognised at
   * commit as the one they have.
   */
  async check(req: SlotRequest & Asker, now: Date): Promise<CheckOutcome> {
    const recognise = req.movingId === undefined ? req.start : undefined;
    const near = checkStart((await this.query(req, now, recognise, req.start)).slots, req.start);
    if (near.ok) return { ok: true, slot: near.slot };
    // A refusal offers the nearest free times, which may lie past the days around the start.
    const q = await this.query(req, now, recognise);
    const result = checkStart(q.slots, req.start);
    if (result.ok) return { ok: true, slot: result.slot };
    return this.refusal(q, req, this.rejection(result, req, now), result.ownClash);
  }

  /**
   * Up to `max` free times to offer for a day (and optional clock window), spread across it so the
   * client sees the range; when that day has nothing, the first later day that does.
   */
  async offer(req: OfferRequest, now: Date): Promise<Offer | null> {
    const max = req.max ?? 3;
    const today = localDateOf(now.getTime(), this.business.zone);
    const date = req.date && req.date >= today ? req.date : today;
    const dayQuery = (await this.query(req, now, undefined, atLocal(date, '12:00', this.business.zone))).slots;
    const sameDay = freeSlotsOn(dayQuery, date, req.window ?? null);
    if (sameDay.length > 0) return { date, slots: spreadOffer(dayQuery, sameDay, max), onRequestedDate: Boolean(req.date) };
    // Nothing that day: the first later day with a free time may be weeks out.
    const q = (await this.query(req, now)).slots;
    const later = firstDayWithSlots(q, addDays(date, 1), req.window ?? null) ?? firstDayWithSlots(q, addDays(date, 1), null);
    if (!later) return null;
    return { date: later.date, slots: spreadOffer(q, later.slots, max), onRequestedDate: false };
  }

  /**
   * Books a start for a client. Who takes it is chosen in the store's transaction: the staff member
   * asked for, or else the first of those who do the service and work then that is free at commit,
   * so two clients confirming the same time get one staff member each while there are two.
   */
  async book(req: SlotRequest & { clientId: string }, now: Date): Promise<BookOutcome> {
    let q = await this.query(req, now, req.start, req.start);
    let checked = checkStart(q.slots, req.start);
    if (!checked.ok) {
      q = await this.query(req, now, req.start);
      checked = checkStart(q.slots, req.start);
    }
    if (!checked.ok) return this.refusal(q, req, atCommit(this.rejection(checked, req, now)), checked.ownClash);
    const span = slotSpan(q.slots, req.start)!;
    const [first, ...others] = staffWhoCanTake(q.slots, span);
    const result = await this.appointments.book(
      {
        clientId: req.clientId,
        serviceId: req.serviceId,
        staffId: first!,
        otherStaffIds: others,
        start: new Date(span.start).toISOString(),
        end: new Date(span.end).toISOString(),
        allowClientOverlap: this.allowsOverlap,
      },
      now,
    );
    if (result.ok) {
      if (!result.existing) this.metrics.booking('booked');
      return result;
    }
    return this.refusedAtCommit(req, now, result.reason === 'client_overlap' ? result.appointment : null);
  }

  /**
   * Moves an appointment; the old time is released only once the new one is booked. Without a staff
   * preference the appointment's own staff member is tried first, then the others, at commit.
   */
  async reschedule(appointmentId: string, req: Omit<SlotRequest, 'serviceId'>, now: Date): Promise<RescheduleOutcome> {
    const current = await this.appointments.get(appointmentId);
    const unavailable: RescheduleOutcome = { ok: false, rejection: null, alternatives: [] };
    // A move already made ('rescheduled') is still sent to the store, which recognises a repeat of it.
    if (!current || (current.status !== 'booked' && current.status !== 'rescheduled')) return unavailable;
    const request = { serviceId: current.serviceId, staffId: req.staffId ?? null, start: req.start, clientId: current.clientId, movingId: appointmentId };
    const q = await this.query(request, now);
    if (current.status === 'booked') {
      const checked = checkStart(q.slots, req.start);
      if (!checked.ok) {
        return this.refusal(q, request, atCommit(this.rejection(checked, request, now)), checked.ownClash);
      }
    }
    const span = slotSpan(q.slots, req.start);
    const staffIds = span ? staffWhoCanTake(q.slots, span) : [];
    if (!span || staffIds.length === 0) return unavailable;
    const [first, ...others] = [...staffIds.filter((id) => id === current.staffId), ...staffIds.filter((id) => id !== current.staffId)];
    const result = await this.appointments.reschedule(
      appointmentId,
      {
        staffId: first!,
        otherStaffIds: others,
        start: new Date(span.start).toISOString(),
        end: new Date(span.end).toISOString(),
        allowClientOverlap: this.allowsOverlap,
      },
      now,
    );
    if (result.ok) {
      if (!result.existing) this.metrics.booking('rescheduled');
      return result;
    }
    if (result.reason === 'not_found' || result.reason === 'not_active') return unavailable;
    return this.refusedAtCommit(request, now, result.reason === 'client_overlap' ? result.appointment : null);
  }

  async cancel(appointmentId: string, now: Date): Promise<{ ok: true; appointment: Appointment; late: boolean } | { ok: false }> {
    const current = await this.appointments.get(appointmentId);
    const result = await this.appointments.cancel(appointmentId, now);
    if (!result.ok || !current) return { ok: false };
    this.metrics.booking('cancelled');
    return { ok: true, appointment: result.appointment, late: this.isLate(current, now) };
  }

  isLate(appointment: Appointment, now: Date): boolean {
    return isLateCancel(this.business, Date.parse(appointment.start), now.getTime());
  }

  upcoming(clientId: string, now: Date): Promise<Appointment[]> {
    return this.appointments.findUpcomingForClient(clientId, now);
  }

  /** Open hours of a day for people: "9:00 AM–7:00 PM", or "" when closed. */
  hoursLabel(date: string): string {
    return openIntervalsOn(this.business, date)
      .map((i) => `${formatClock(i.start, this.business.zone)}–${formatClock(i.end, this.business.zone)}`)
      .join(', ');
  }

  private get allowsOverlap(): boolean {
    return this.business.policy.allowOverlappingBookings === true;
  }

  /**
   * Busy times for a slot question. With `recognise` (a start) the client's own booking of that
   * service and start is left out, so asking for it again reads back and commits to the same one.
   */
  private async query(req: { serviceId: string; staffId?: string | null } & Asker, now: Date, recognise?: number, near?: number): Promise<Query> {
    // Every booking up to the horizon, or with `near` only those of the days around that instant:
    // enough to say whether a time is free and who can take it, without reading weeks of bookings.
    const first = now.getTime() - DAY_MS;
    const last = now.getTime() + (this.business.policy.horizonDays + 2) * DAY_MS;
    const from = new Date(near === undefined ? first : Math.max(first, near - NEAR_DAYS * DAY_MS)).toISOString();
    const to = new Date(near === undefined ? last : Math.max(Math.min(last, near + NEAR_DAYS * DAY_MS), first + 1)).toISOString();
    const booked = (await this.appointments.findBookedBetween(from, to)).filter((a) => a.id !== req.movingId);
    const staffId = req.staffId ?? null;
    const isOwn = (a: Appointment) => req.clientId !== undefined && a.clientId === req.clientId;
    const sameBooking = (a: Appointment) =>
      recognise !== undefined && isOwn(a) && a.serviceId === req.serviceId && Date.parse(a.start) === recognise && (staffId === null || a.staffId === staffId);
    const counted = booked.filter((a) => !sameBooking(a));
    const own = this.allowsOverlap ? [] : counted.filter(isOwn);
    return {
      slots: {
        business: this.business,
        serviceId: req.serviceId,
        staffId,
        now: now.getTime(),
        busy: counted.map((a) => ({ staffId: a.staffId, start: Date.parse(a.start), end: Date.parse(a.end) })),
        ownBusy: own.map((a) => ({ appointmentId: a.id, start: Date.parse(a.start), end: Date.parse(a.end) })),
      },
      own,
    };
  }

  /** A refusal with the nearest alternatives; for the client's own overlap, the appointment in the way. */
  private refusal(q: Query, req: SlotRequest & Asker, rejection: Rejection, ownClashId?: string): Refusal {
    const ownClash = ownClashId === undefined ? undefined : q.own.find((a) => a.id === ownClashId);
    const alternatives = nearestAlternatives(q.slots, req.start, 3);
    if (!ownClash) return { ok: false, rejection, alternatives };
    return { ok: false, rejection: this.ownOverlap(ownClash, req), alternatives, ownClash };
  }

  /** The store refused at commit (someone was quicker, or the client's own booking is in the way). */
  private async refusedAtCommit(req: SlotRequest & Asker, now: Date, ownClash: Appointment | null): Promise<Refusal> {
    const q = await this.query(req, now);
    const alternatives = nearestAlternatives(q.slots, req.start, 3);
    if (ownClash) return { ok: false, rejection: this.ownOverlap(ownClash, req), alternatives, ownClash };
    return { ok: false, rejection: { reason: 'just_taken' }, alternatives };
  }

  private ownOverlap(clash: Appointment, req: SlotRequest & Asker): Rejection {
    const service = this.service(clash.serviceId) ?? this.service(req.serviceId)!;
    const at = Date.parse(clash.start);
    // Moving the appointment in the way makes sense when the client is booking the same service
    // again at another time; while moving, or for another service, only other times are offered.
    const moveTo = req.movingId === undefined && clash.serviceId === req.serviceId && at !== req.start ? req.start : null;
    return { reason: 'own_overlap', service, at, zone: this.business.zone, moveTo };
  }

  /** The reason a client hears, with the facts it names (the closing time, the closure, the limit). */
  private rejection(check: Extract<SlotCheck, { ok: false }>, req: SlotRequest, now: Date): Rejection {
    const { business } = this;
    const zone = business.zone;
    const date = localDateOf(req.start, zone);
    const staff = req.staffId ? this.staff(req.staffId) : undefined;
    const service = this.service(req.serviceId);
    const edge = check.edge;
    const closure = check.closure ?? null;
    switch (check.reason) {
      case 'past':
        return { reason: 'past' };
      case 'too_soon':
        return { reason: 'too_soon', minNoticeMinutes: business.policy.minNoticeMinutes };
      case 'too_far': {
        // Starts must be before now + the horizon: the last bookable date is the one that instant falls on, less a moment.
        const lastDate = localDateOf(now.getTime() + business.policy.horizonDays * DAY_MS - 1, zone);
        return { reason: 'too_far', horizonDays: business.policy.horizonDays, lastDate };
      }
      case 'closed': {
        const named = closure ?? closureOn(business, date);
        const weekly = (business.hours[weekdayOf(date)] ?? []).length === 0;
        return { reason: 'closed', date, closure: named, weekly };
      }
      case 'before_opening':
        return edge === undefined ? this.outsideHours(date) : { reason: 'before_opening', date: localDateOf(edge, zone), opensAt: edge, zone };
      case 'after_closing':
        return edge === undefined ? this.outsideHours(date) : { reason: 'after_closing', date, closesAt: edge, zone };
      case 'runs_past_close':
        return edge === undefined || !service
          ? this.outsideHours(date)
          : { reason: 'runs_past_close', service, at: req.start, closesAt: edge, zone, closure };
      case 'runs_into_break':
        return edge === undefined || !service
          ? this.outsideHours(date)
          : { reason: 'runs_into_break', service, at: req.start, breakAt: edge, zone, closure };
      case 'outside_hours':
        return { ...this.outsideHours(date), ...(edge === undefined ? {} : { reopensAt: edge, zone }), closure };
      case 'staff_off':
        if (staff) return { reason: 'staff_off', staff };
        return service ? { reason: 'nobody_in', service } : { reason: 'taken' };
      case 'staff_does_not_offer':
        return staff && service ? { reason: 'staff_does_not_offer', staff, service } : { reason: 'taken' };
      default:
        return { reason: 'taken' };
    }
  }

  private outsideHours(date: string): Rejection & { reason: 'outside_hours' } {
    return { reason: 'outside_hours', date, hours: this.hoursLabel(date) };
  }
}
