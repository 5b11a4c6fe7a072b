// Cancelling an appointment: which one (if several), confirm with the late-cancellation note, cancel.
import { MessageFactory } from 'botbuilder';
import { TextPrompt, WaterfallDialog, type DialogContext, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { InterruptibleDialog } from './interruptible-dialog';
import { clientOf, type DialogDeps } from './deps';
import { describe, narrow, type PickState } from './appointment-choice';
import { isBareCancel, readChoice } from './replies';
import { withChoices } from './book-dialog';

export const CANCEL_DIALOG = 'cancel';
const FLOW = 'cancel.flow';
const TEXT = 'cancel.text';

export class CancelDialog extends InterruptibleDialog {
  constructor(deps: DialogDeps) {
    super(CANCEL_DIALOG, deps);
    this.addDialog(new TextPrompt(TEXT));
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

  private async pickStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = step.options as PickState;
    if (state.appointmentId) return step.next(state.appointmentId);
    const client = clientOf(step.context);
    const upcoming = await this.deps.scheduling.upcoming(client.id, this.deps.clock());
    if (upcoming.length === 0) {
      await step.context.sendActivity(this.deps.texts.nothingToChange('cancel'));
      return step.endDialog();
    }
    const list = narrow(upcoming, state.reading, this.deps.business.zone, true);
    if (list.length === 1) return step.next(list[0].id);
    state.candidates = list.map((a) => a.id);
    const lines = list.map((a) => describe(this.deps, a));
    return step.prompt(TEXT, { prompt: withChoices(this.deps.texts.whichAppointment(lines, 'cancel'), lines) });
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
    const text = this.deps.texts.confirmCancel(describe(this.deps, appointment), late, this.deps.business.policy.lateCancelHours);
    return step.prompt(TEXT, {
      prompt: MessageFactory.suggestedActions(
        [
          { type: 'imBack', title: 'Yes, cancel it', value: 'yes' },
          { type: 'imBack', title: 'No, keep it', value: 'no' },
        ],
        text,
      ),
    });
  }

  private async confirmReplyStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = step.options as PickState;
    const text = String(step.result ?? '');
    const reading = this.deps.understand(text, { now: this.deps.clock(), business: this.deps.business });
    const yes = reading.intent === 'yes' || isBareCancel(text) || (reading.intent === 'cancel' && !reading.date);
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
