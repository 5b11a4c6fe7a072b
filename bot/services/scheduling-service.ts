// Booking, moving and cancelling appointments: the domain rules over the appointment store.
// Expected outcomes (a closed day, a taken slot) are return values; only real failures throw.
import { openIntervalsOn, closureOn } from '../domain/hours';
import { checkStart, firstDayWithSlots, freeSlotsOn, nearestAlternatives, type SlotQuery } from '../domain/slots';
import { isLateCancel } from '../domain/policy';
import { addDays, localDateOf } from '../domain/time';
import type { Appointment, Business, ClockRange, Service, StaffInterval, StaffMember } from '../domain/types';
import type { AppointmentStore } from '../ports/stores';
import { formatClock, type Rejection } from '../text/en';

export interface SlotRequest {
  serviceId: string;
  staffId?: string | null;
  /** Requested start, epoch ms. */
  start: number;
}

export type CheckOutcome =
  | { ok: true; slot: StaffInterval }
  | { ok: false; rejection: Rejection; alternatives: StaffInterval[] };

export type BookOutcome =
  | { ok: true; appointment: Appointment }
  | { ok: false; rejection: Rejection; alternatives: StaffInterval[] };

export type RescheduleOutcome =
  | { ok: true; appointment: Appointment; previous: Appointment }
  | { ok: false; rejection: Rejection | null; alternatives: StaffInterval[] };

export interface Offer {
  date: string;
  slots: StaffInterval[];
  /** True when the offer is on the date asked for. */
  onRequestedDate: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export class SchedulingService {
  constructor(
    readonly business: Business,
    private readonly appointments: AppointmentStore,
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

  /** Is this start bookable? If not, why, and the nearest alternatives. */
  async check(req: SlotRequest, now: Date, movingId?: string): Promise<CheckOutcome> {
    const q = await this.query(req.serviceId, req.staffId ?? null, now, movingId);
    const result = checkStart(q, req.start);
    if (result.ok) return { ok: true, slot: result.slot };
    return {
      ok: false,
      rejection: this.rejection(result.reason, req, result.closure ?? null),
      alternatives: nearestAlternatives(q, req.start, 3),
    };
  }

  /**
   * Up to `max` free times to offer for a day (and optional clock window), spread across it so the
   * client sees the range; when that day has nothing, the first later day that does.
   */
  async offer(
    req: { serviceId: string; staffId?: string | null; date?: string | null; window?: ClockRange | null },
    now: Date,
    movingId?: string,
    max = 3,
  ): Promise<Offer | null> {
    const q = await this.query(req.serviceId, req.staffId ?? null, now, movingId);
    const today = localDateOf(now.getTime(), this.business.zone);
    const date = req.date && req.date >= today ? req.date : today;
    const sameDay = freeSlotsOn(q, date, req.window ?? null);
    if (sameDay.length > 0) return { date, slots: spread(sameDay, max), onRequestedDate: Boolean(req.date) };
    const later = firstDayWithSlots(q, addDays(date, 1), req.window ?? null) ?? firstDayWithSlots(q, addDays(date, 1), null);
    if (!later) return null;
    return { date: later.date, slots: spread(later.slots, max), onRequestedDate: false };
  }

  /**
   * Books a start for a client. Without a staff preference, a race lost on one staff member is
   * retried on the next one free at the same time before the client is told it was taken.
   */
  async book(req: SlotRequest & { clientId: string }, now: Date): Promise<BookOutcome> {
    const tried = new Set<string>();
    for (let attempt = 0; attempt <= this.business.staff.length; attempt++) {
      const checked = await this.check(req, now);
      if (!checked.ok) {
        // The client was offered this time a moment ago: if it is taken now, someone just took it.
        const rejection: Rejection = checked.rejection.reason === 'taken' ? { reason: 'just_taken' } : checked.rejection;
        return { ok: false, rejection, alternatives: checked.alternatives };
      }
      if (tried.has(checked.slot.staffId)) break;
      tried.add(checked.slot.staffId);
      const result = await this.appointments.book(
        {
          clientId: req.clientId,
          serviceId: req.serviceId,
          staffId: checked.slot.staffId,
          start: new Date(checked.slot.start).toISOString(),
          end: new Date(checked.slot.end).toISOString(),
        },
        now,
      );
      if (result.ok) return result;
      if (req.staffId) break;
    }
    const q = await this.query(req.serviceId, req.staffId ?? null, now);
    return { ok: false, rejection: { reason: 'just_taken' }, alternatives: nearestAlternatives(q, req.start, 3) };
  }

  /** Moves an appointment; the old time is released only once the new one is booked. */
  async reschedule(appointmentId: string, req: Omit<SlotRequest, 'serviceId'>, now: Date): Promise<RescheduleOutcome> {
    const current = await this.appointments.get(appointmentId);
    if (!current || current.status !== 'booked') return { ok: false, rejection: null, alternatives: [] };
    const request: SlotRequest = { serviceId: current.serviceId, staffId: req.staffId ?? null, start: req.start };
    const checked = await this.check(request, now, appointmentId);
    if (!checked.ok) return { ok: false, rejection: checked.rejection, alternatives: checked.alternatives };
    const result = await this.appointments.reschedule(
      appointmentId,
      {
        staffId: checked.slot.staffId,
        start: new Date(checked.slot.start).toISOString(),
        end: new Date(checked.slot.end).toISOString(),
      },
      now,
    );
    if (result.ok) return result;
    if (result.reason !== 'slot_taken') return { ok: false, rejection: null, alternatives: [] };
    const q = await this.query(current.serviceId, null, now, appointmentId);
    return { ok: false, rejection: { reason: 'just_taken' }, alternatives: nearestAlternatives(q, req.start, 3) };
  }

  async cancel(appointmentId: string, now: Date): Promise<{ ok: true; appointment: Appointment; late: boolean } | { ok: false }> {
    const current = await this.appointments.get(appointmentId);
    const result = await this.appointments.cancel(appointmentId, now);
    if (!result.ok || !current) return { ok: false };
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

  private async query(serviceId: string, staffId: string | null, now: Date, movingId?: string): Promise<SlotQuery> {
    const from = new Date(now.getTime() - DAY_MS).toISOString();
    const to = new Date(now.getTime() + (this.business.policy.horizonDays + 2) * DAY_MS).toISOString();
    const booked = await this.appointments.findBookedBetween(from, to);
    const busy: StaffInterval[] = booked
      .filter((a) => a.id !== movingId)
      .map((a) => ({ staffId: a.staffId, start: Date.parse(a.start), end: Date.parse(a.end) }));
    return { business: this.business, serviceId, staffId, now: now.getTime(), busy };
  }

  private rejection(reason: string, req: SlotRequest, closure: import('../domain/types').Closure | null): Rejection {
    const date = localDateOf(req.start, this.business.zone);
    const staff = req.staffId ? this.staff(req.staffId) : undefined;
    const service = this.service(req.serviceId);
    switch (reason) {
      case 'past':
        return { reason: 'past' };
      case 'too_soon':
        return { reason: 'too_soon', minNoticeMinutes: this.business.policy.minNoticeMinutes };
      case 'too_far':
        return { reason: 'too_far', horizonDays: this.business.policy.horizonDays };
      case 'closed':
        return { reason: 'closed', date, closure: closure ?? closureOn(this.business, date) };
      case 'outside_hours':
        return { reason: 'outside_hours', date, hours: this.hoursLabel(date) };
      case 'staff_off':
        return staff ? { reason: 'staff_off', staff } : { reason: 'taken' };
      case 'staff_does_not_offer':
        return staff && service ? { reason: 'staff_does_not_offer', staff, service } : { reason: 'taken' };
      default:
        return { reason: 'taken' };
    }
  }
}

/** Picks up to `max` items spread evenly from first to last, keeping order. */
export function spread<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  if (max === 1) return [items[0]];
  const picked: T[] = [];
  for (let i = 0; i < max; i++) picked.push(items[Math.round((i * (items.length - 1)) / (max - 1))]);
  return picked;
}
