// The first half of moving and cancelling: find which of the client's upcoming appointments the
// message is about, asking with numbered choices when several fit.
import { type DialogContext, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Appointment } from '../bot/domain/types';
import type { Reading } from '../bot/understanding/types';
import { InterruptibleDialog } from './interruptible-dialog';
import { SpokenTextPrompt, spokenPrompt } from './spoken-prompt';
import { expect, type DialogDeps } from './deps';
import { clientOf } from '../bot/turn-state';
import { describe, narrow, type PickState } from './appointment-choice';
import { readingOf } from '../bot/turn-state';
import { hasWhen, withChoices } from './book-dialog';

export abstract class AppointmentFlowDialog extends InterruptibleDialog {
  protected readonly textPromptId: string;

  /**
   * @param verb how the question names the flow ("Which appointment would you like to move?")
   * @param flowId the waterfall that starts with pickStep and pickReplyStep
   * @param datePicksAppointment whether a date in the message names the existing appointment
   *   ("cancel friday's") rather than a new time ("move it to friday")
   * @param otherFlow the intent that asks for the other of moving and cancelling
   */
  protected constructor(
    id: string,
    deps: DialogDeps,
    private readonly verb: 'move' | 'cancel',
    protected readonly flowId: string,
    private readonly datePicksAppointment: boolean,
    private readonly otherFlow: 'reschedule' | 'cancel',
  ) {
    super(id, deps);
    this.textPromptId = `${id}.text`;
    this.addDialog(new SpokenTextPrompt(this.textPromptId));
  }

  /** The flow's state, seen from this dialog's inner context (for interruptions). */
  protected flowState(dc: DialogContext): PickState | undefined {
    const flow = dc.stack.find((d) => d.id === this.flowId);
    return flow ? (flow.state as { options?: PickState }).options : undefined;
  }

  /** The appointments this flow is about so far: the one picked, or those offered to pick from. */
  private async inPlay(dc: DialogContext): Promise<Appointment[]> {
    const state = this.flowState(dc);
    if (!state) return [];
    const ids = state.appointmentId ? [state.appointmentId] : state.candidates;
    const found = await Promise.all(ids.map((id) => this.deps.scheduling.get(id)));
    return found.filter((a): a is Appointment => a !== null && a !== undefined);
  }

  /**
   * Moving while cancelling (or the reverse) starts that flow; so does booking a service that is
   * none of the appointments in play ("book a color" while moving a haircut).
   */
  protected override async switchesFlow(dc: DialogContext, reading: Reading): Promise<boolean> {
    if (reading.intent === this.otherFlow) return true;
    if (reading.intent !== 'book' || !reading.service || hasWhen(reading)) return false;
    const appointments = await this.inPlay(dc);
    return appointments.length > 0 && !appointments.some((a) => a.serviceId === reading.service);
  }

  protected override leavingNotice(): string | null {
    return this.verb === 'move' ? this.deps.texts.notRescheduled() : this.deps.texts.keptAppointment();
  }

  protected override async serviceInFlow(dc: DialogContext): Promise<string | null> {
    const appointments = await this.inPlay(dc);
    return appointments.length === 1 ? appointments[0].serviceId : null;
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
    await expect(this.deps, step.context, { kind: 'choice', count: list.length, starts: list.map((a) => Date.parse(a.start)) });
    const which = () => {
      const lines = list.map((a) => describe(this.deps, a));
      return withChoices(this.deps.texts.whichAppointment(lines, this.verb), lines);
    };
    return step.prompt(this.textPromptId, spokenPrompt(this.deps.business, which));
  }

  protected async pickReplyStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = step.options as PickState;
    const result = String(step.result ?? '');
    if (state.candidates.length === 0 || state.candidates.includes(result)) return step.next(result);
    const reading = readingOf(step.context);
    if (reading.choice) return step.next(state.candidates[reading.choice - 1]);
    // A reply that names one of them ("the haircut", "friday's" when cancelling) picks it; for a
    // move, a new day or time said with it is kept ("the haircut, to saturday at 11").
    const offered = (await Promise.all(state.candidates.map((id) => this.deps.scheduling.get(id)))).filter((a): a is Appointment => Boolean(a));
    const named = reading.service || (this.datePicksAppointment && reading.date);
    const narrowed = named ? narrow(offered, reading, this.deps.business.zone, this.datePicksAppointment) : [];
    if (narrowed.length === 1) {
      if (!this.datePicksAppointment && hasWhen(reading)) state.reading = reading;
      return step.next(narrowed[0].id);
    }
    const count = state.candidates.length;
    await step.context.sendActivity(this.deps.texts.pickANumber(count));
    return step.replaceDialog(this.flowId, { ...state, candidates: [] });
  }
}
