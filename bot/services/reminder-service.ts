// Appointment reminders: planned lazily from the booked appointments (so a cancelled or moved
// appointment needs no hook: its pending reminders are cancelled on the next pass, and the moved
// one, a new appointment, gets its own), claimed atomically when due, and sent through the
// outbound layer (consent, quiet hours, throttle) with the appointment and kind as dedupe key.
import { DEFAULT_QUIET_HOURS, DEFAULT_REMINDERS, planReminders, type ReminderRule } from '../domain/reminders';
import type { Appointment, Business, Client } from '../domain/types';
import type { Logger } from '../log';
import type { ReminderRecord, ReminderStore } from '../ports/messaging';
import { noStaffNotices, type StaffNotices } from '../ports/staff-notices';
import type { AppointmentStore } from '../ports/stores';
import type { Texts } from '../text/en';
import type { OutboundService } from './outbound-service';
import { newWorkerId } from './outbound-service';

export interface ReminderOptions {
  /** Reminders one pass claims at most. */
  claimLimit: number;
  /** A claim not finished within this long (a crashed process) is claimed again. */
  leaseMs: number;
  /** How long after a reminder a bare "C" or "X" is read as a reply to it. */
  replyWindowMs: number;
  workerId: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ReminderDeps {
  business: Business;
  appointments: AppointmentStore;
  reminders: ReminderStore;
  outbound: OutboundService;
  texts: Texts;
  logger: Logger;
  staff?: StaffNotices;
  options?: Partial<ReminderOptions>;
}

export class ReminderService {
  private readonly options: ReminderOptions;
  private staff: StaffNotices;

  constructor(private readonly deps: ReminderDeps) {
    this.options = { claimLimit: 50, leaseMs: 120_000, replyWindowMs: 2 * DAY_MS, workerId: newWorkerId(), ...deps.options };
    this.staff = deps.staff ?? noStaffNotices;
  }

  /** Where "running late" notices go once a staff console is connected. */
  useStaffNotices(staff: StaffNotices): void {
    this.staff = staff;
  }

  private get rules(): readonly ReminderRule[] {
    return this.deps.business.messaging?.reminders ?? DEFAULT_REMINDERS;
  }

  /** One pass: plan what is coming up, then send what is due. */
  async tick(now: Date): Promise<{ planned: number; handled: number }> {
    const planned = await this.plan(now);
    const handled = await this.sendDue(now);
    return { planned, handled };
  }

  /** Records the reminders of appointments starting within the longest lead time (and a day). */
  async plan(now: Date): Promise<number> {
    const { business, appointments, reminders } = this.deps;
    await reminders.cancelStale(now);
    const rules = this.rules;
    if (rules.length === 0) return 0;
    const lead = Math.max(...rules.map((r) => r.beforeMinutes)) * 60_000;
    const upcoming = await appointments.list({
      from: now.toISOString(),
      to: new Date(now.getTime() + lead + DAY_MS).toISOString(),
      status: 'booked',
    });
    const quiet = business.messaging?.quietHours ?? DEFAULT_QUIET_HOURS;
    const planned = upcoming.flatMap((a) =>
      planReminders({ start: Date.parse(a.start), bookedAt: Date.parse(a.createdAt) }, rules, business.zone, quiet).map((p) =>
        'dueAt' in p
          ? { appointmentId: a.id, kind: p.kind, clientId: a.clientId, appointmentStart: a.start, dueAt: new Date(p.dueAt).toISOString() }
          : { appointmentId: a.id, kind: p.kind, clientId: a.clientId, appointmentStart: a.start, dueAt: a.start, status: 'skipped' as const, reason: p.skip },
      ),
    );
    return planned.length > 0 ? reminders.plan(planned, now) : 0;
  }

  /** Claims the reminders that are due and hands each to the outbound layer, once. */
  async sendDue(now: Date): Promise<number> {
    const { reminders, logger } = this.deps;
    const { workerId, leaseMs, claimLimit } = this.options;
    const due = await reminders.claimDue(now, claimLimit, workerId, leaseMs);
    for (const reminder of due) {
      try {
        const [outcome, reason] = await this.deliver(reminder, now);
        await reminders.complete(reminder.appointmentId, reminder.kind, workerId, outcome, reason, now);
      } catch (err) {
        // Left claimed: the lease runs out and a later pass tries again (the dedupe key keeps it single).
        logger.error({ err, appointment: reminder.appointmentId, kind: reminder.kind }, 'reminder failed');
      }
    }
    return due.length;
  }

  private async deliver(reminder: ReminderRecord, now: Date): Promise<['sent' | 'suppressed' | 'skipped' | 'cancelled', string | null]> {
    const { appointments, business, outbound, texts, logger } = this.deps;
    const appointment = await appointments.get(reminder.appointmentId);
    if (!appointment || appointment.status !== 'booked' || appointment.start !== reminder.appointmentStart) {
      return ['cancelled', 'appointment_changed'];
    }
    const start = Date.parse(appointment.start);
    const leadMinutes = Number(/^before-(\d+)$/.exec(reminder.kind)?.[1] ?? 0);
    const latest = new Date(start - (leadMinutes * 60_000) / 2);
    if (now.getTime() >= latest.getTime()) return ['skipped', 'too_late'];
    const service = business.services.find((s) => s.id === appointment.serviceId);
    if (!service) return ['skipped', 'unknown_service'];
    const result = await outbound.sendProactive(
      {
        clientId: appointment.clientId,
        text: texts.reminder(service, start, now.getTime(), business),
        kind: 'reminder',
        dedupeKey: `reminder:${appointment.id}:${reminder.kind}`,
        expiresAt: latest,
      },
      now,
    );
    logger.info({ appointment: appointment.id, kind: reminder.kind, outcome: result.status }, 'reminder handed to the outbound layer');
    switch (result.status) {
      case 'queued':
      case 'duplicate':
        return ['sent', null];
      case 'suppressed':
        return ['suppressed', result.reason];
      case 'expired':
        return ['skipped', result.reason];
      case 'unreachable':
        return ['skipped', result.reason];
    }
  }

  /** The booked appointment the client was last reminded of, while a short reply still refers to it. */
  async remindedAppointment(clientId: string, now: Date): Promise<Appointment | null> {
    const last = await this.deps.reminders.lastSentTo(clientId, new Date(now.getTime() - this.options.replyWindowMs));
    if (!last) return null;
    const appointment = await this.deps.appointments.get(last.appointmentId);
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
