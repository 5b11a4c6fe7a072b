// The owner's day and week as the staff view draws them: for each local date, the business's open
// hours (after closures and special hours), what marks the day (a closure, special hours), and per
// staff member their working hours and appointments, each as minutes from the day's local midnight
// so the page only lays out bars. Built from the domain's one hours model.
import { DateTime } from 'luxon';
import { closureOn, openIntervalsOn, rangeOn, staffIntervalsOn } from '../../bot/domain/hours';
import { maskAddress } from '../../bot/domain/handoff';
import { addDays, atLocal, localDateOf } from '../../bot/domain/time';
import type { Appointment, Business, Client, Interval } from '../../bot/domain/types';

export interface TimelineSpan {
  /** Minutes from the local midnight of the day (may pass 1440 for a range running past midnight). */
  from: number;
  to: number;
  /** The local clock times, as staff read them ("9:00 AM"). */
  label: string;
}

export interface TimelineAppointment extends TimelineSpan {
  id: string;
  service: string;
  client: string;
  confirmed: boolean;
  runningLate: boolean;
}

export interface ScheduleDay {
  date: string;
  /** "Tuesday, March 10". */
  title: string;
  /** The name of the closure when the business is closed all day. */
  closure: string | null;
  /** Closures of part of the day (a staff meeting, 12:00–13:00), cut out of the open hours. */
  partClosures: Array<TimelineSpan & { name: string }>;
  /** Set when the day's hours are not the weekly ones, with their name when they have one. */
  specialHours: { name: string | null } | null;
  open: TimelineSpan[];
  staff: Array<{ id: string; name: string; working: TimelineSpan[]; appointments: TimelineAppointment[] }>;
  /** The hours the timeline shows: whole hours around everything on the day. */
  window: { from: number; to: number };
  /** Where `now` falls on this day's timeline, or null when it is another day. */
  nowAt: number | null;
}

/** What the timeline shows of a client: their name, else their address with most digits hidden. */
export type ClientLabel = Pick<Client, 'name' | 'address'>;

export interface ScheduleView {
  business: string;
  zone: string;
  from: string;
  days: ScheduleDay[];
}

/** The days from `from` (a local date), each with the appointments that start on it. */
export function scheduleView(business: Business, from: string, dayCount: number, appointments: readonly Appointment[], clients: ReadonlyMap<string, ClientLabel>, now: Date): ScheduleView {
  const days: ScheduleDay[] = [];
  for (let i = 0; i < dayCount; i += 1) {
    const date = addDays(from, i);
    days.push(dayOf(business, date, appointments.filter((a) => a.status === 'booked' && localDateOf(Date.parse(a.start), business.zone) === date), clients, now));
  }
  return { business: business.name, zone: business.zone, from, days };
}

/** The instants a run of local dates covers, for the store query. */
export function spanOfDays(business: Business, from: string, dayCount: number): { from: string; to: string } {
  return {
    from: new Date(atLocal(from, '00:00', business.zone)).toISOString(),
    to: new Date(atLocal(addDays(from, dayCount), '00:00', business.zone)).toISOString(),
  };
}

function dayOf(business: Business, date: string, appointments: readonly Appointment[], clients: ReadonlyMap<string, ClientLabel>, now: Date): ScheduleDay {
  const midnight = atLocal(date, '00:00', business.zone);
  const span = (interval: Interval): TimelineSpan => ({
    from: Math.round((interval.start - midnight) / 60_000),
    to: Math.round((interval.end - midnight) / 60_000),
    label: `${clock(interval.start, business.zone)} – ${clock(interval.end, business.zone)}`,
  });
  const open = openIntervalsOn(business, date).map(span);
  const special = business.specialHours.find((s) => s.date === date);
  const staff = business.staff.map((member) => ({
    id: member.id,
    name: member.name,
    working: staffIntervalsOn(business, member.id, date).map(span),
    appointments: appointments
      .filter((a) => a.staffId === member.id)
      .map((a) => {
        const client = clients.get(a.clientId);
        return {
          ...span({ start: Date.parse(a.start), end: Date.parse(a.end) }),
          id: a.id,
          service: business.services.find((s) => s.id === a.serviceId)?.name ?? a.serviceId,
          client: client?.name ?? (client ? maskAddress(client.address) : ''),
          confirmed: a.confirmedAt !== null,
          runningLate: a.runningLate !== undefined,
        };
      }),
  }));
  const everything = [...open, ...staff.flatMap((s) => [...s.working, ...s.appointments])];
  const window =
    everything.length === 0
      ? { from: 9 * 60, to: 17 * 60 }
      : { from: Math.floor(Math.min(...everything.map((s) => s.from)) / 60) * 60, to: Math.ceil(Math.max(...everything.map((s) => s.to)) / 60) * 60 };
  const nowMinutes = (now.getTime() - midnight) / 60_000;
  return {
    date,
    title: DateTime.fromISO(date, { zone: business.zone }).toFormat('cccc, LLLL d'),
    closure: closureOn(business, date)?.name ?? null,
    partClosures: business.closures
      .filter((c) => c.date === date && c.from !== undefined && c.to !== undefined)
      .map((c) => ({ ...span(rangeOn(date, { from: c.from!, to: c.to! }, business.zone)), name: c.name })),
    specialHours: special ? { name: special.name ?? null } : null,
    open,
    staff,
    window,
    nowAt: localDateOf(now.getTime(), business.zone) === date ? Math.round(nowMinutes) : null,
  };
}

function clock(at: number, zone: string): string {
  return DateTime.fromMillis(at, { zone }).toFormat('h:mm a');
}
