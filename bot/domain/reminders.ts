// Quiet hours and appointment reminders: when a proactive message may go out, and when each
// reminder of the policy is due. Pure: instants are epoch ms, `zone` is an IANA name, and the
// wall-clock arithmetic happens in that zone with luxon (so DST days keep their local times).
import { DateTime } from 'luxon';
import type { ClockRange } from './types';

/** No proactive message between `from` and `to` (local); `from` later than `to` spans midnight. */
export type QuietHours = ClockRange;

export interface ReminderRule {
  /** How long before the start; whole days count in calendar days, so DST keeps the local time. */
  beforeMinutes: number;
}

/** Carriers and common courtesy: nothing before 08:00 or after 21:00 in the recipient's zone. */
export const DEFAULT_QUIET_HOURS: QuietHours = { from: '21:00', to: '08:00' };
export const DEFAULT_REMINDERS: readonly ReminderRule[] = [{ beforeMinutes: 24 * 60 }];

const DAY_MINUTES = 24 * 60;

function clock(text: string): number {
  const [h, m] = text.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

function local(at: number, zone: string): DateTime {
  const dt = DateTime.fromMillis(at, { zone });
  if (!dt.isValid) throw new Error(`unknown time zone: ${zone}`);
  return dt;
}

/** The instant a wall-clock time falls on for a local date; a time inside a DST gap moves forward. */
function atClock(day: DateTime, minutes: number): number {
  return day.startOf('day').set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toMillis();
}

export function isQuiet(at: number, zone: string, quiet: QuietHours): boolean {
  const from = clock(quiet.from);
  const to = clock(quiet.to) % DAY_MINUTES;
  if (from === to) return false;
  const dt = local(at, zone);
  const m = dt.hour * 60 + dt.minute;
  return from < to ? m >= from && m < to : m >= from || m < to;
}

/** `at` itself when it is not quiet, else the end of the quiet period it falls in. */
export function nextAllowedTime(at: number, zone: string, quiet: QuietHours): number {
  if (!isQuiet(at, zone, quiet)) return at;
  const from = clock(quiet.from);
  const to = clock(quiet.to) % DAY_MINUTES;
  const dt = local(at, zone);
  const m = dt.hour * 60 + dt.minute;
  // Overnight quiet hours entered in the evening end on the next calendar day.
  const day = from > to && m >= from ? dt.plus({ days: 1 }) : dt;
  return atClock(day, to);
}

export function reminderKind(rule: ReminderRule): string {
  return `before-${rule.beforeMinutes}`;
}

export type ReminderPlan =
  | { kind: string; dueAt: number; latestAt: number }
  /** Quiet hours hold it past its latest useful time: it will not go, and is recorded so (expired). */
  | { kind: string; skip: 'quiet_hours'; dueAt: number; latestAt: number }
  | { kind: string; skip: 'booked_after_due' };

/**
 * When each reminder of the policy goes out for an appointment starting at `start` (booked at
 * `bookedAt`). A reminder inside quiet hours moves to when they end; it is skipped when that leaves
 * less than half of its lead time (a 2-hour reminder for an 08:30 start would go at 08:00), and
 * when the appointment was booked after the reminder's time (no "see you tomorrow" right after
 * booking for tomorrow). `latestAt` is the last moment it still makes sense to send it.
 */
export function planReminders(
  appointment: { start: number; bookedAt: number },
  rules: readonly ReminderRule[],
  zone: string,
  quiet: QuietHours,
): ReminderPlan[] {
  return rules.map((rule) => {
    const kind = reminderKind(rule);
    const days = Math.floor(rule.beforeMinutes / DAY_MINUTES);
    const rest = rule.beforeMinutes % DAY_MINUTES;
    const ideal = local(appointment.start, zone).minus({ days }).minus({ minutes: rest }).toMillis();
    const latestAt = appointment.start - (rule.beforeMinutes * 60_000) / 2;
    if (ideal < appointment.bookedAt) return { kind, skip: 'booked_after_due' };
    const dueAt = nextAllowedTime(ideal, zone, quiet);
    if (dueAt > latestAt) return { kind, skip: 'quiet_hours', dueAt, latestAt };
    return { kind, dueAt, latestAt };
  });
}
