// Replies to a reminder ("Reply C to confirm, R to reschedule, X to cancel"), read only while the
// client has a recent reminder for a booked appointment: C / yes / 👍 confirms, R or a new time
// moves THAT appointment, X or "can't make it" cancels it, "running 10 min late" is noted for the
// team. Anything else goes on to the normal conversation.
import type { TurnContext } from 'botbuilder';
import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { Appointment } from '../bot/domain/types';
import type { TurnReading } from '../bot/understanding/types';
import { describe, type PickState } from './appointment-choice';
import { CANCEL_DIALOG } from './cancel-dialog';
import type { DialogDeps } from './deps';
import { clientOf } from '../bot/turn-state';
import { RESCHEDULE_DIALOG } from './reschedule-dialog';

/** Handles the message as a reminder reply when it is one; undefined lets the router carry on. */
export async function handleReminderReply(
  step: WaterfallStepContext,
  deps: DialogDeps,
  reading: TurnReading,
): Promise<DialogTurnResult | undefined> {
  if (!deps.reminders) return undefined;
  const now = deps.clock();
  const client = clientOf(step.context);
  const appointment = await deps.reminders.remindedAppointment(client.id, now);
  if (!appointment) return undefined;
  const reply = reading.reminderReply;
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
      const state: PickState = { candidates: [], reading, appointmentId: appointment.id };
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
