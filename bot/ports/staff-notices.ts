// Things staff should hear about that are not a conversation to take over: a client running late.
// The handoff side (Slack staff console) implements this; without one the facts stay recorded on
// the appointment, where `frontdesk appointments` shows them.
import type { Appointment, Client } from '../domain/types';

export interface StaffNotices {
  clientRunningLate(notice: { appointment: Appointment; client: Client; minutes: number | null }, now: Date): Promise<void>;
}

export const noStaffNotices: StaffNotices = {
  async clientRunningLate() {},
};
