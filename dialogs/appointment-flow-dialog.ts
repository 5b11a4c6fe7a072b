// The first half of moving and cancelling: find which of the client's upcoming appointments the
// message is about, asking with numbered choices when several fit.
import { TextPrompt, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { InterruptibleDialog } from './interruptible-dialog';
import { clientOf, type DialogDeps } from './deps';
import { describe, narrow, type PickState } from './appointment-choice';
import { readChoice } from './replies';
import { withChoices } from './book-dialog';

export abstract class AppointmentFlowDialog extends InterruptibleDialog {
  protected readonly textPromptId: string;

  /**
   * @param verb how the question names the flow ("Which appointment would you like to move?")
   * @param flowId the waterfall that starts with pickStep and pickReplyStep
   * @param datePicksAppointment whether a date in the message names the existing appointment
   *   ("cancel friday's") rather than a new time ("move it to friday")
   */
  protected constructor(
    id: string,
    deps: DialogDeps,
    private readonly verb: 'move' | 'cancel',
    protected readonly flowId: string,
    private readonly datePicksAppointment: boolean,
  ) {
    super(id, deps);
    this.textPromptId = `${id}.text`;
    this.addDialog(new TextPrompt(this.textPromptId));
  }

  protected async pickStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = step.options as PickState;
    if (state.appointmentId) return step.next(state.appointmentId);
    const client = clientOf(step.context);
    const upcoming = await this.deps.scheduling.upcoming(client.id, this.deps.clock());
    if (upcoming.length === 0) {
      await step.context.sendActivity(this.deps.texts.nothingToChange(this.verb));
      return step.endDialog();
    }
    const list = narrow(upcoming, state.reading, this.deps.business.zone, this.datePicksAppointment);
    if (list.length === 1) return step.next(list[0].id);
    state.candidates = list.map((a) => a.id);
    const lines = list.map((a) => describe(this.deps, a));
    return step.prompt(this.textPromptId, { prompt: withChoices(this.deps.texts.whichAppointment(lines, this.verb), lines) });
  }

  protected async pickReplyStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = step.options as PickState;
    const result = String(step.result ?? '');
    if (state.candidates.length === 0 || state.candidates.includes(result)) return step.next(result);
    const choice = readChoice(result, state.candidates.length);
    if (choice) return step.next(state.candidates[choice - 1]);
    await step.context.sendActivity(this.deps.texts.notAChoice(state.candidates.length));
    return step.replaceDialog(this.flowId, { ...state, candidates: [] });
  }
}
