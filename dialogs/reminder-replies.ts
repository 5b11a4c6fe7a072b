// Replies to a reminder ("Reply C to confirm, R to reschedule, X to cancel"), read only while the
// client has a recent reminder for a booked appointment: C / yes / 👍 confirms, R or a new time
// moves THAT appointment, X or "can't make it" cancels it, "running 10 min late" is noted for the
// team. Anything else goes on to the normal conversation.
import type { TurnContext } from 'botbuilder';
import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { Appointment } from '../bot/domain/types';
import type { Reading } from '../bot/understanding/types';
import { describe, type PickState } from './appointment-choice';
import { CANCEL_DIALOG } from './cancel-dialog';
import { clientOf, type DialogDeps } from './deps';
import { RESCHEDULE_DIALOG } from './reschedule-dialog';

export type ReminderReply =
  | { kind: 'confirm' }
  | { kind: 'reschedule'; reading: Reading }
  | { kind: 'cancel' }
  | { kind: 'late'; minutes: number | null };

const LATE = /\b(?:late|behind|delayed|running behind)\b/;
const ON_MY_WAY_IN = /\b(?:be there|be in|arrive|there) in (\d{1,3})\s*(?:m|min|mins|minute|minutes)?\b/;
const MINUTES = /\b(\d{1,3})\s*(?:m|min|mins|minute|minutes)\b/;
const BARE_CLOCK = /\b(\d{1,2}(?::\d{2})?)\s*(am|pm)?\b/;

/**
 * What a message means as a reply to a reminder, or null when it is something else. `reread` reads
 * a rephrased text with the understanding layer, so a bare "4" in "can we do 4 instead" gets the
 * same clock reading as "at 4" would.
 */
export function readReminderReply(text: string, reading: Reading, reread: (text: string) => Reading): ReminderReply | null {
  const flat = text.toLowerCase().replace(/[.!?]+$/g, '').trim();
  if (flat === 'c') return { kind: 'confirm' };
  if (flat === 'r') return { kind: 'reschedule', reading };
  if (flat === 'x') return { kind: 'cancel' };
  const inMinutes = ON_MY_WAY_IN.exec(flat);
  if (inMinutes) return { kind: 'late', minutes: Number(inMinutes[1]) };
  if (LATE.test(flat) && !/\b(?:cancel|late cancel|fee|policy)\b/.test(flat)) {
    const minutes = MINUTES.exec(flat);
    return { kind: 'late', minutes: minutes ? Number(minutes[1]) : null };
  }
  if (reading.intent === 'yes') return { kind: 'confirm' };
  if (reading.intent === 'cancel') return { kind: 'cancel' };
  if (reading.intent === 'reschedule') return { kind: 'reschedule', reading };
  if (/\binstead\b/.test(flat)) {
    if (reading.time || reading.date || reading.window) return { kind: 'reschedule', reading };
    const clock = BARE_CLOCK.exec(flat);
    const again = clock ? reread(`at ${clock[1]}${clock[2] ? ` ${clock[2]}` : ''} instead`) : null;
    return { kind: 'reschedule', reading: again && again.time ? { ...reading, time: again.time } : reading };
  }
  return null;
}

/** Handles the message as a reminder reply when it is one; undefined lets the router carry on. */
export async function handleReminderReply(
  step: WaterfallStepContext,
  deps: DialogDeps,
  text: string,
  reading: Reading,
): Promise<DialogTurnResult | undefined> {
  if (!deps.reminders) return undefined;
  const now = deps.clock();
  const client = clientOf(step.context);
  const appointment = await deps.reminders.remindedAppointment(client.id, now);
  if (!appointment) return undefined;
  const reply = readReminderReply(text, reading, (t) => deps.understand(t, { now, business: deps.business }));
  if (!reply) return undefined;
  switch (reply.kind) {
    case 'confirm':
      return confirm(step.context, deps, appointment);
    case 'late': {
      await deps.reminders.runningLate(appointment.id, client, reply.minutes, now);
      await step.context.sendActivity(deps.texts.runningLateNoted());
      return step.endDialog();
    }
    case 'reschedule': {
      const state: PickState = { candidates: [], reading: reply.reading, appointmentId: appointment.id };
      return step.beginDialog(RESCHEDULE_DIALOG, state);
    }
    case 'cancel': {
      const state: PickState = { candidates: [], reading, appointmentId: appointment.id };
      return step.beginDialog(CANCEL_DIALOG, state);
    }
  }

  async function confirm(context: TurnContext, d: DialogDeps, a: Appointment): Promise<DialogTurnResult> {
    const confirmed = await d.reminders!.confirm(a.id, now);
    await context.sendActivity(d.texts.reminderConfirmed(describe(d, confirmed ?? a)));
    return step.endDialog();
  }
}
