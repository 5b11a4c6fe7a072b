// Cancelling an appointment: which one (if several), confirm with the late-cancellation note, cancel.
import { MessageFactory } from 'botbuilder';
import { WaterfallDialog, type DialogContext, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { AppointmentFlowDialog } from './appointment-flow-dialog';
import { spokenPrompt } from './spoken-prompt';
import { expect, type DialogDeps } from './deps';
import { describe, type PickState } from './appointment-choice';
import { readingOf } from '../bot/turn-state';

export const CANCEL_DIALOG = 'cancel';
const FLOW = 'cancel.flow';

export class CancelDialog extends AppointmentFlowDialog {
  constructor(deps: DialogDeps) {
    super(CANCEL_DIALOG, deps, 'cancel', FLOW, true, 'reschedule');
    this.addDialog(
      new WaterfallDialog(FLOW, [this.pickStep.bind(this), this.pickReplyStep.bind(this), this.confirmStep.bind(this), this.confirmReplyStep.bind(this)]),
    );
    this.initialDialogId = FLOW;
  }

  /** Asked "Cancel your haircut?", a bare "cancel" means yes. */
  protected override bareCancelAbandons(dc: DialogContext): boolean {
    // The flow waterfall (under its prompt on the stack) waits at its confirm step, index 2.
    const flow = dc.stack.find((d) => d.id === FLOW);
    return !(flow && (flow.state as { stepIndex?: number }).stepIndex === 2);
  }

  private async confirmStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = step.options as PickState;
    const id = typeof step.result === 'string' ? step.result : state.appointmentId;
    const appointment = id ? await this.deps.scheduling.get(id) : null;
    if (!appointment || appointment.status !== 'booked') {
      await step.context.sendActivity(this.deps.texts.nothingToChange('cancel'));
      return step.endDialog();
    }
    state.appointmentId = appointment.id;
    const late = this.deps.scheduling.isLate(appointment, this.deps.clock());
    await expect(this.deps, step.context, { kind: 'yes_no' });
    const confirm = () =>
      MessageFactory.suggestedActions(
        [
          { type: 'imBack', title: this.deps.texts.cancelItButton(), value: 'yes' },
          { type: 'imBack', title: this.deps.texts.keepItButton(), value: 'no' },
        ],
        this.deps.texts.confirmCancel(describe(this.deps, appointment), late, this.deps.business.policy.lateCancelHours),
      );
    return step.prompt(this.textPromptId, spokenPrompt(this.deps.business, confirm));
  }

  private async confirmReplyStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = step.options as PickState;
    const reading = readingOf(step.context);
    const yes = reading.intent === 'yes' || reading.bareCancel || (reading.intent === 'cancel' && !reading.date);
    if (yes) {
      const appointment = await this.deps.scheduling.get(state.appointmentId!);
      const result = await this.deps.scheduling.cancel(state.appointmentId!, this.deps.clock());
      if (!result.ok || !appointment) {
        await step.context.sendActivity(this.deps.texts.nothingToChange('cancel'));
        return step.endDialog();
      }
      await step.context.sendActivity(this.deps.texts.cancelled(describe(this.deps, appointment)));
      return step.endDialog(result.appointment);
    }
    if (reading.intent === 'no') {
      await step.context.sendActivity(this.deps.texts.keptAppointment());
      return step.endDialog();
    }
    await step.context.sendActivity(this.deps.texts.yesOrNo());
    return step.replaceDialog(FLOW, { ...state, candidates: [] });
  }
}
