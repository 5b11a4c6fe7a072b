// Moving an appointment: which one (if several), then the new time through the booking flow in
// reschedule mode; the old time is released only when the new one is booked.
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { AppointmentFlowDialog } from './appointment-flow-dialog';
import { BOOK_DIALOG, BookDialog, newBooking } from './book-dialog';
import type { DialogDeps } from './deps';
import type { PickState } from './appointment-choice';

export const RESCHEDULE_DIALOG = 'reschedule';
const FLOW = 'reschedule.flow';

export class RescheduleDialog extends AppointmentFlowDialog {
  constructor(deps: DialogDeps) {
    // The date in "move it to friday" is the new date, so it does not pick the appointment.
    super(RESCHEDULE_DIALOG, deps, 'move', FLOW, false, 'cancel');
    this.addDialog(new BookDialog(deps));
    this.addDialog(
      new WaterfallDialog(FLOW, [this.pickStep.bind(this), this.pickReplyStep.bind(this), this.moveStep.bind(this), this.doneStep.bind(this)]),
    );
    this.initialDialogId = FLOW;
  }

  private async moveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = step.options as PickState;
    const appointmentId = String(step.result);
    const appointment = await this.deps.scheduling.get(appointmentId);
    if (!appointment) return step.endDialog();
    // Remembered so a question on the way ("how much is it?") is about this appointment's service.
    state.appointmentId = appointmentId;
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
