// Which of a client's upcoming appointments a message is about, for moving and cancelling.
import type { Appointment } from '../bot/domain/types';
import { localDateOf } from '../bot/domain/time';
import type { Reading } from '../bot/understanding/types';
import type { DialogDeps } from './deps';

export interface PickState {
  /** Candidate appointment ids offered as numbered choices. */
  candidates: string[];
  /** The reading of the message that started the flow. */
  reading: Reading;
  appointmentId: string | null;
}

/**
 * Narrows the client's upcoming appointments by what the message names (a service; a date, when the
 * date is about the existing appointment). An empty narrowing falls back to all of them.
 */
export function narrow(upcoming: Appointment[], reading: Reading, zone: string, useDate: boolean): Appointment[] {
  let list = upcoming;
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
