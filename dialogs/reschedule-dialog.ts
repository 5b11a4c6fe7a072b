// Moving an appointment: which one (if several), then the new time through the time-choosing dialog,
// the read-back, then the move; the old time is released only when the new one is booked.
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { AppointmentFlowDialog } from './appointment-flow-dialog';
import { spokenPrompt } from './spoken-prompt';
import type { DialogDeps } from './deps';
import { expect } from './deps';
import type { PickState } from './appointment-choice';
import { clientChannelOf, readingOf } from '../bot/turn-state';
import type { Refusal } from '../bot/services/scheduling-service';
import { TIME_DIALOG, TimeDialog, changesBooking, mergeReading, newBooking, yesNo, type BookingState, type TimeChosen } from './time-dialog';

export const RESCHEDULE_DIALOG = 'reschedule';
const FLOW = 'reschedule.flow';

/** A move in progress: which appointment, and the new time once it is being chosen. */
export interface MoveState extends PickState {
  when?: BookingState | null;
}

export class RescheduleDialog extends AppointmentFlowDialog {
  constructor(deps: DialogDeps) {
    // The date in "move it to friday" is the new date, so it does not pick the appointment.
    super(RESCHEDULE_DIALOG, deps, 'move', FLOW, false, 'cancel');
    this.addDialog(new TimeDialog(deps));
    this.addDialog(
      new WaterfallDialog(FLOW, [
        this.pickStep.bind(this),
        this.pickReplyStep.bind(this),
        this.timeStep.bind(this),
        this.timeChosenStep.bind(this),
        this.confirmStep.bind(this),
        this.confirmReplyStep.bind(this),
      ]),
    );
    this.initialDialogId = FLOW;
  }

  private async timeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = step.options as MoveState;
    const appointmentId = String(step.result);
    const appointment = await this.deps.scheduling.get(appointmentId);
    if (!appointment) return step.endDialog();
    // Remembered so a question on the way ("how much is it?") is about this appointment's service.
    state.appointmentId = appointmentId;
    const r = state.reading;
    const when = state.when ?? newBooking({ appointmentId, serviceId: appointment.serviceId, date: r.date, time: r.time, window: r.window });
    return step.beginDialog(TIME_DIALOG, { ...when, appointmentId });
  }

  private async timeChosenStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const chosen = step.result as TimeChosen | undefined;
    if (!chosen || chosen.kind !== 'slot') return step.endDialog();
    (step.options as MoveState).when = chosen.state;
    return step.next();
  }

  private async confirmStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const when = (step.options as MoveState).when!;
    const { texts, scheduling, business } = this.deps;
    const slot = when.slot!;
    const service = scheduling.service(when.serviceId!)!;
    const staff = when.staffId ? (scheduling.staff(when.staffId) ?? null) : null;
    const current = await scheduling.get(when.appointmentId!);
    const fromAt = current ? Date.parse(current.start) : slot.start;
    await expect(this.deps, step.context, { kind: 'yes_no', at: slot.start });
    const lead = when.notice ? `${when.notice}\n` : '';
    return step.prompt(
      this.textPromptId,
      spokenPrompt(business, (before) => yesNo(before + texts.readBackReschedule(service, fromAt, slot.start, staff, business.zone), texts), { lead }),
    );
  }

  private async confirmReplyStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = step.options as MoveState;
    const when = state.when!;
    const { texts, scheduling, business } = this.deps;
    const reading = readingOf(step.context);
    // "actually make it 5": a change of mind, read back again.
    if (reading.change && changesBooking(when, reading)) return this.again(step, mergeReading(when, reading));
    if (reading.intent === 'no') {
      await step.context.sendActivity(texts.notRescheduled());
      return step.endDialog();
    }
    if (reading.intent !== 'yes' && !reading.agrees) {
      await step.context.sendActivity(texts.yesOrNo());
      return this.again(step, when);
    }
    const now = this.deps.clock();
    const service = scheduling.service(when.serviceId!)!;
    // The client's own choice of staff, or none: who takes it is chosen at commit.
    const moved = await scheduling.reschedule(when.appointmentId!, { staffId: when.staffId, start: when.slot!.start }, now);
    if (moved.ok) {
      await this.deps.rememberBookingChannel?.(moved.appointment.clientId, clientChannelOf(step.context), now);
      const staff = scheduling.staff(moved.appointment.staffId)!;
      await step.context.sendActivity(texts.rescheduled(service, staff, Date.parse(moved.appointment.start), business.zone));
      return step.endDialog(moved.appointment);
    }
    if (!moved.rejection) {
      await step.context.sendActivity(texts.nothingToChange('move'));
      return step.endDialog();
    }
    return this.afterFailure(step, when, { ...moved, rejection: moved.rejection });
  }

  /** The time is chosen again for the same appointment (a change of mind, or the time just went). */
  private again(step: WaterfallStepContext, when: BookingState): Promise<DialogTurnResult> {
    const state = step.options as MoveState;
    return step.replaceDialog(FLOW, { ...state, candidates: [], when });
  }

  private async afterFailure(step: WaterfallStepContext, when: BookingState, refusal: Refusal): Promise<DialogTurnResult> {
    const reason = this.deps.texts.rejection(refusal.rejection);
    if (refusal.alternatives.length === 0) {
      await step.context.sendActivity(`${reason} ${this.deps.texts.noSlotsSoon()}`);
      return step.endDialog();
    }
    return this.again(step, { ...when, slot: null, time: null, offered: refusal.alternatives.map((a) => a.start), notice: reason });
  }
}
