// Appointment reminders are outbox rows: each pass plans, for every booked appointment coming up and
// every rule of the policy, one outbox message keyed `reminder:<appointment>:<rule>` (so planning
// again finds it and adds nothing), not sent before the domain's due time and not at or after its
// latest useful time. The outbox does the rest (consent when queued and when sent, quiet hours in
// the client's zone, the send rate, retries, expiry, each client's order). A cancelled or moved
// appointment (a move makes a new appointment) needs no hook: each pass withdraws the reminders
// still queued for appointments no longer booked, and the moved one gets its own.
import { DEFAULT_QUIET_HOURS, DEFAULT_REMINDERS, planReminders, type ReminderRule } from '../domain/reminders';
import type { Appointment, Business, Client } from '../domain/types';
import type { Logger } from '../log';
import type { OutboundQueueStore, QueuedMessage } from '../ports/messaging';
import { noStaffNotices, type StaffNotices } from '../ports/staff-notices';
import type { AppointmentStore, ClientStore } from '../ports/stores';
import { languageForClient } from '../domain/localized';
import { speaking } from '../text/speaking';
import type { Texts } from '../text/en';
import type { OutboundService } from './outbound-service';

export interface ReminderOptions {
  /** How long after a reminder a bare "C" or "X" is read as a reply to it. */
  replyWindowMs: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
export const REMINDER_KIND = 'reminder';

/** The outbox key of one reminder of one appointment: one message however often it is planned. */
export function reminderKey(appointmentId: string, rule: string): string {
  return `reminder:${appointmentId}:${rule}`;
}

/** The appointment a reminder's key names (also its SMS copy's, `reminder:<id>:<rule>:sms`). */
export function remindedAppointmentId(dedupeKey: string | null): string | null {
  return /^reminder:([^:]+):/.exec(dedupeKey ?? '')?.[1] ?? null;
}

export interface ReminderDeps {
  business: Business;
  appointments: AppointmentStore;
  outbox: OutboundQueueStore;
  outbound: Pick<OutboundService, 'sendProactive'>;
  texts: Texts;
  /** Whose language each reminder is written in. */
  clients: Pick<ClientStore, 'get'>;
  logger: Logger;
  staff?: StaffNotices;
  options?: Partial<ReminderOptions>;
}

export class ReminderService {
  private readonly options: ReminderOptions;
  private readonly staff: StaffNotices;

  constructor(private readonly deps: ReminderDeps) {
    this.options = { replyWindowMs: 2 * DAY_MS, ...deps.options };
    this.staff = deps.staff ?? noStaffNotices;
  }

  private get rules(): readonly ReminderRule[] {
    return this.deps.business.messaging?.reminders ?? DEFAULT_REMINDERS;
  }

  /** One pass: withdraw the reminders of appointments no longer booked, then plan what is coming up. */
  async tick(now: Date): Promise<{ withdrawn: number; planned: number }> {
    const withdrawn = await this.withdrawStale(now);
    const planned = await this.plan(now);
    return { withdrawn, planned };
  }

  /**
   * Queues the reminders of appointments starting within the longest lead time (and a day); returns
   * how many new outbox rows it made. A reminder whose latest useful time has passed is not queued;
   * one that quiet hours hold past that time is recorded as expired (the outbox sees it cannot go).
   */
  async plan(now: Date): Promise<number> {
    const { business, appointments, clients, outbound, texts, logger } = this.deps;
    const rules = this.rules;
    if (rules.length === 0) return 0;
    const lead = Math.max(...rules.map((r) => r.beforeMinutes)) * 60_000;
    const upcoming = await appointments.list({
      from: now.toISOString(),
      to: new Date(now.getTime() + lead + DAY_MS).toISOString(),
      status: 'booked',
    });
    const quiet = business.messaging?.quietHours ?? DEFAULT_QUIET_HOURS;
    let planned = 0;
    for (const appointment of upcoming) {
      const start = Date.parse(appointment.start);
      const service = business.services.find((s) => s.id === appointment.serviceId);
      if (!service) continue;
      const language = languageForClient(await clients.get(appointment.clientId), business);
      for (const plan of planReminders({ start, bookedAt: Date.parse(appointment.createdAt) }, rules, business.zone, quiet)) {
        if (!('dueAt' in plan) || now.getTime() >= plan.latestAt) continue;
        const outcome = await outbound.sendProactive(
          {
            clientId: appointment.clientId,
            // "Tomorrow" is said as of when it is due, not as of this pass.
            text: speaking(language, () => texts.reminder(service, start, Math.max(plan.dueAt, now.getTime()), business)),
            kind: REMINDER_KIND,
            dedupeKey: reminderKey(appointment.id, plan.kind),
            notBefore: new Date(plan.dueAt),
            expiresAt: new Date(plan.latestAt),
          },
          now,
        );
        if (outcome.status === 'duplicate' || outcome.status === 'deferred') continue;
        planned += 1;
        logger.info({ appointment: appointment.id, rule: plan.kind, outcome: outcome.status }, 'reminder planned into the outbox');
      }
    }
    return planned;
  }

  /**
   * A reminder's words as it is sent: in the language the client speaks by then (they may have
   * switched since it was planned), "tomorrow" as of the sending. Null for a message that is no
   * booking's reminder, or whose appointment or service is gone: it keeps its queued text.
   */
  async wordingAtSend(message: QueuedMessage, now: Date): Promise<string | null> {
    if (message.kind !== REMINDER_KIND) return null;
    const appointmentId = remindedAppointmentId(message.dedupeKey);
    if (!appointmentId) return null;
    const { business, appointments, clients, texts } = this.deps;
    const appointment = await appointments.get(appointmentId);
    const service = appointment ? business.services.find((s) => s.id === appointment.serviceId) : undefined;
    if (!appointment || !service) return null;
    const language = languageForClient(await clients.get(appointment.clientId), business);
    return speaking(language, () => texts.reminder(service, Date.parse(appointment.start), now.getTime(), business));
  }

  /** Expires the queued reminders of appointments that are no longer booked (cancelled or moved). */
  async withdrawStale(now: Date): Promise<number> {
    const { outbox, appointments } = this.deps;
    let withdrawn = 0;
    for (const message of await outbox.list({ status: 'queued', kind: REMINDER_KIND })) {
      // A reminder-kind message not planned from a booking (no appointment in its key) is not ours to withdraw.
      const appointmentId = remindedAppointmentId(message.dedupeKey);
      if (!appointmentId) continue;
      if ((await appointments.get(appointmentId))?.status === 'booked') continue;
      if (await outbox.withdraw(message.id, 'appointment_changed', now)) withdrawn += 1;
    }
    return withdrawn;
  }

  /** The booked appointment the client was last reminded of, while a short reply still refers to it. */
  async remindedAppointment(clientId: string, now: Date): Promise<Appointment | null> {
    const since = new Date(now.getTime() - this.options.replyWindowMs);
    const last = await this.deps.outbox.lastSent({ clientId, kind: REMINDER_KIND, since });
    const appointmentId = remindedAppointmentId(last?.dedupeKey ?? null);
    if (!appointmentId) return null;
    const appointment = await this.deps.appointments.get(appointmentId);
    if (!appointment || appointment.status !== 'booked' || Date.parse(appointment.end) <= now.getTime()) return null;
    return appointment;
  }

  confirm(appointmentId: string, now: Date): Promise<Appointment | null> {
    return this.deps.appointments.markConfirmed(appointmentId, now);
  }

  /** Records "running 10 min late" on the appointment and tells staff. */
  async runningLate(appointmentId: string, client: Client, minutes: number | null, now: Date): Promise<Appointment | null> {
    const appointment = await this.deps.appointments.markRunningLate(appointmentId, minutes, now);
    if (!appointment) return null;
    try {
      await this.staff.clientRunningLate({ appointment, client, minutes }, now);
    } catch (err) {
      this.deps.logger.error({ err, appointment: appointmentId }, 'could not tell staff about a late client');
    }
    return appointment;
  }
}
