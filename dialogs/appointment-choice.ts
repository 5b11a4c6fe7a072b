// Which of a client's upcoming appointments a message is about, for moving and cancelling.
import type { Appointment } from '../bot/domain/types';
import { localDateOf, localTimeOf } from '../bot/domain/time';
import type { Reading, TurnReading } from '../bot/understanding/types';
import type { DialogDeps } from './deps';

export interface PickState {
  /** Candidate appointment ids offered as numbered choices. */
  candidates: string[];
  /** The reading of the message that started the flow. */
  reading: Reading & Partial<Pick<TurnReading, 'from'>>;
  appointmentId: string | null;
}

/**
 * Narrows the client's upcoming appointments by what the message names (a service; a date, when the
 * date is about the existing appointment). An empty narrowing falls back to all of them.
 */
export function narrow(upcoming: Appointment[], reading: PickState['reading'], zone: string, useDate: boolean): Appointment[] {
  let list = upcoming;
  // "push my 3pm to 4": the appointment at 3 PM, whatever the new time.
  const from = reading.from;
  if (from) {
    const byFrom = list.filter(
      (a) => (!from.date || localDateOf(Date.parse(a.start), zone) === from.date) && (!from.time || localTimeOf(Date.parse(a.start), zone) === from.time),
    );
    if (byFrom.length > 0) list = byFrom;
  }
  if (reading.service) {
    const byService = list.filter((a) => a.serviceId === reading.service);
    if (byService.length > 0) list = byService;
  }
  if (useDate && reading.date) {
    const byDate = list.filter((a) => localDateOf(Date.parse(a.start), zone) === reading.date);
    if (byDate.length > 0) list = byDate;
  }
  return list;
}

export function describe(deps: DialogDeps, appointment: Appointment): string {
  const service = deps.scheduling.service(appointment.serviceId);
  const staff = deps.scheduling.staff(appointment.staffId);
  if (!service || !staff) return `appointment on ${appointment.start}`;
  return deps.texts.appointmentLine(service, staff, Date.parse(appointment.start), deps.business.zone);
}
