// Moving an appointment: which one (if several), then the new time through the booking flow in
// reschedule mode; the old time is released only when the new one is booked.
import { TextPrompt, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { InterruptibleDialog } from './interruptible-dialog';
import { BOOK_DIALOG, BookDialog, newBooking, withChoices } from './book-dialog';
import { clientOf, type DialogDeps } from './deps';
import { describe, narrow, type PickState } from './appointment-choice';
import { readChoice } from './replies';

export const RESCHEDULE_DIALOG = 'reschedule';
const FLOW = 'reschedule.flow';
const TEXT = 'reschedule.text';

export class RescheduleDialog extends InterruptibleDialog {
  constructor(deps: DialogDeps) {
    super(RESCHEDULE_DIALOG, deps);
    this.addDialog(new TextPrompt(TEXT));
    this.addDialog(new BookDialog(deps));
    this.addDialog(
      new WaterfallDialog(FLOW, [this.pickStep.bind(this), this.pickReplyStep.bind(this), this.moveStep.bind(this), this.doneStep.bind(this)]),
    );
    this.initialDialogId = FLOW;
  }

  private async pickStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = step.options as PickState;
    if (state.appointmentId) return step.next(state.appointmentId);
    const client = clientOf(step.context);
    const upcoming = await this.deps.scheduling.upcoming(client.id, this.deps.clock());
    if (upcoming.length === 0) {
      await step.context.sendActivity(this.deps.texts.nothingToChange('move'));
      return step.endDialog();
    }
    // The date in "move it to friday" is the new date, so it does not pick the appointment.
    const list = narrow(upcoming, state.reading, this.deps.business.zone, false);
    if (list.length === 1) return step.next(list[0].id);
    state.candidates = list.map((a) => a.id);
    const lines = list.map((a) => describe(this.deps, a));
    return step.prompt(TEXT, { prompt: withChoices(this.deps.texts.whichAppointment(lines, 'move'), lines) });
  }

  private async pickReplyStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = step.options as PickState;
    const result = String(step.result ?? '');
    if (state.candidates.length === 0 || state.candidates.includes(result)) return step.next(result);
    const choice = readChoice(result, state.candidates.length);
    if (choice) return step.next(state.candidates[choice - 1]);
    await step.context.sendActivity(this.deps.texts.notAChoice(state.candidates.length));
    return step.replaceDialog(FLOW, { ...state, candidates: [] });
  }

  private async moveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = step.options as PickState;
    const appointmentId = String(step.result);
    const appointment = await this.deps.scheduling.get(appointmentId);
    if (!appointment) return step.endDialog();
    const r = state.reading;
    return step.beginDialog(
      BOOK_DIALOG,
      newBooking({ mode: 'reschedule', appointmentId, serviceId: appointment.serviceId, date: r.date, time: r.time, window: r.window }),
    );
  }

  private async doneStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog(step.result);
  }
}
