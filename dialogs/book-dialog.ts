// Booking: the service if missing, a time (the time-choosing dialog), a new client's name, the
// read-back, then the booking, committed atomically; several services asked for at once are booked
// one after another.
import { WaterfallDialog, type DialogContext, type PromptValidatorContext, type WaterfallStepContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { localDateOf, localTimeOf } from '../bot/domain/time';
import type { Appointment, Service } from '../bot/domain/types';
import type { Expectation, TurnReading } from '../bot/understanding/types';
import { readingOf } from '../bot/turn-state';
import type { Refusal } from '../bot/services/scheduling-service';
import { SpokenTextPrompt, spokenPrompt } from './spoken-prompt';
import { InterruptibleDialog } from './interruptible-dialog';
import { expect, type DialogDeps } from './deps';
import { clientChannelOf, clientOf } from '../bot/turn-state';
import { TIME_DIALOG, TimeDialog, changesBooking, hasWhen, mergeReading, moveOfferOf, newBooking, withChoices, yesNo, type BookingState, type TimeChosen } from './time-dialog';

export { hasWhen, impossibleWhenText, newBooking, withChoices, withoutImpossible, type BookingState } from './time-dialog';

export const BOOK_DIALOG = 'book';
const FLOW = 'book.flow';
const TEXT = 'book.text';
const NAME = 'book.name';
/** turnState key: this dialog's inner context during a turn, for the name prompt's validator. */
const FLOW_DC = Symbol('frontdesk.bookFlow');

/** What a booking ends with when the client chose to move their own appointment instead. */
export interface MoveInstead {
  moveInstead: BookingState;
}

export class BookDialog extends InterruptibleDialog {
  constructor(deps: DialogDeps) {
    super(BOOK_DIALOG, deps);
    this.addDialog(new SpokenTextPrompt(TEXT));
    this.addDialog(new TimeDialog(deps));
    this.addDialog(new SpokenTextPrompt(NAME, async (p: PromptValidatorContext<string>) => {
      const reading = readingOf(p.context);
      // A name, or a change to the booking ("make it 4 instead"), which the next step applies.
      if (reading.name) return true;
      const state = this.flowState(p.context.turnState.get(FLOW_DC) as DialogContext | undefined);
      if (state && changesBooking(state, reading)) return true;
      if (p.attemptCount >= 1) await p.context.sendActivity(reading.nameLike ? deps.texts.notAName() : deps.texts.badName());
      return false;
    }));
    this.addDialog(
      new WaterfallDialog(FLOW, [
        this.serviceStep.bind(this),
        this.serviceReplyStep.bind(this),
        this.timeStep.bind(this),
        this.timeChosenStep.bind(this),
        this.nameStep.bind(this),
        this.nameReplyStep.bind(this),
        this.confirmStep.bind(this),
        this.confirmReplyStep.bind(this),
      ]),
    );
    this.initialDialogId = FLOW;
  }

  private state(step: WaterfallStepContext): BookingState {
    return step.options as BookingState;
  }

  /** The booking in progress, seen from this dialog's inner context (for interruptions). */
  private flowState(dc: DialogContext | undefined): BookingState | undefined {
    const flow = dc?.stack.find((d) => d.id === FLOW);
    return flow ? ((flow.state as { options?: BookingState }).options ?? undefined) : undefined;
  }

  override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    // The name prompt's validator reads the booking in progress through this.
    innerDc.context.turnState.set(FLOW_DC, innerDc);
    return super.onContinueDialog(innerDc);
  }

  /** "cancel my appointment" or "move my appointment" while booking a new one starts that instead. */
  protected override async switchesFlow(dc: DialogContext, reading: TurnReading): Promise<boolean> {
    const state = this.flowState(dc);
    if (!state) return false;
    // "move it to 4" while booking changes the time of this booking.
    return reading.intent === 'cancel' || (reading.intent === 'reschedule' && !hasWhen(reading));
  }

  protected override leavingNotice(): string | null {
    return this.deps.texts.bookingDropped();
  }

  protected override async serviceInFlow(dc: DialogContext): Promise<string | null> {
    return this.flowState(dc)?.serviceId ?? null;
  }

  private restart(step: WaterfallStepContext, state: BookingState): Promise<DialogTurnResult> {
    return step.replaceDialog(FLOW, state);
  }

  private async serviceStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = this.state(step);
    if (state.serviceId) return step.next();
    const { business, texts } = this.deps;
    const services = this.bookableServices(state);
    await this.expect(step, { kind: 'service', count: services.length });
    return step.prompt(
      TEXT,
      spokenPrompt(business, () => withChoices(texts.whichService(services, business.currency), services.map((s) => texts.serviceTitle(s)))),
    );
  }

  private async serviceReplyStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = this.state(step);
    if (state.serviceId) return step.next();
    const services = this.bookableServices(state);
    const reading = readingOf(step.context);
    const choice = reading.choice;
    let next = mergeReading(state, reading);
    if (choice) next = { ...next, serviceId: services[choice - 1].id };
    if (!next.serviceId || !services.some((s) => s.id === next.serviceId)) {
      // Keep whatever else the reply said (a day, a time) and ask for the service again.
      const { texts } = this.deps;
      if (reading.choiceOutOfRange) await step.context.sendActivity(texts.pickANumber(services.length));
      else if (!hasWhen(reading)) await step.context.sendActivity(texts.unknownService(services));
      return this.restart(step, { ...next, serviceId: null });
    }
    return this.restart(step, next);
  }

  private async timeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = this.state(step);
    if (state.slot) return step.next();
    return step.beginDialog(TIME_DIALOG, state);
  }

  private async timeChosenStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const chosen = step.result as TimeChosen | undefined;
    if (!chosen) return step.next();
    if (chosen.kind === 'nothing') return step.endDialog();
    // The client's own appointment is in the way and they said yes to moving it: the move takes over.
    if (chosen.kind === 'move_instead') return step.endDialog({ moveInstead: chosen.state });
    Object.assign(this.state(step), chosen.state);
    return step.next();
  }

  private async nameStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const client = clientOf(step.context);
    if (client.name) return step.next();
    await this.expect(step, { kind: 'name' });
    // What was found out about the time ("the barber doesn't do color, but...") is said now, once.
    const state = this.state(step);
    const lead = state.notice ? `${state.notice}\n` : '';
    state.notice = null;
    const { texts, business } = this.deps;
    return step.prompt(NAME, spokenPrompt(business, (before) => before + texts.askName(), { lead, retry: () => texts.askName() }));
  }

  private async nameReplyStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (typeof step.result === 'string') {
      const state = this.state(step);
      const reading = readingOf(step.context);
      // "make it 4 instead" when asked for a name: change the booking, then ask for the name again.
      if (!reading.name && changesBooking(state, reading)) return this.restart(step, mergeReading(state, reading));
      const name = reading.name;
      if (name) {
        const client = clientOf(step.context);
        const updated = await this.deps.clients.setName(client.id, name);
        if (updated) Object.assign(client, updated);
        await step.context.sendActivity(this.deps.texts.niceToMeet(name));
      }
    }
    return step.next();
  }

  private async confirmStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = this.state(step);
    const { texts, scheduling, business } = this.deps;
    const slot = state.slot!;
    const service = scheduling.service(state.serviceId!)!;
    const staff = state.staffId ? (scheduling.staff(state.staffId) ?? null) : null;
    await this.expect(step, { kind: 'yes_no', at: slot.start });
    const following = state.then.map((id) => scheduling.service(id)).filter((f): f is Service => f !== undefined);
    // Several services asked for at once, free back to back: one read-back, one yes.
    state.chain = following.length > 0 ? ((await this.chainAfter(step, state, slot.end, following)) ?? undefined) : undefined;
    const lead = state.notice ? `${state.notice}\n` : '';
    if (state.chain) {
      const items = [{ service, at: slot.start }, ...following.map((f, i) => ({ service: f, at: state.chain![i]! }))];
      return step.prompt(TEXT, spokenPrompt(business, (before) => yesNo(before + texts.readBackSeveral(items, staff, business.zone), texts), { lead }));
    }
    // Not all free back to back: this one first, the others one by one after it.
    const readBack = (before: string) => {
      const said = before !== '' ? before : following.length > 0 ? `${texts.oneAfterAnother(service, following)}\n` : '';
      return yesNo(said + texts.readBack(service, staff, slot.start, business.zone), texts);
    };
    return step.prompt(TEXT, spokenPrompt(business, readBack, { lead }));
  }

  private async confirmReplyStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = this.state(step);
    const { texts, scheduling, business } = this.deps;
    const reading = readingOf(step.context);
    // "can I also get a beard trim right after": added after this one, not in its place.
    if (reading.also && reading.service && reading.service !== state.serviceId && !state.then.includes(reading.service)) {
      return this.restart(step, { ...state, then: [...state.then, reading.service], notice: null });
    }
    // "actually make it 4", "wait no, can we do 1 instead": a change of mind, read back again.
    if (reading.change && changesBooking(state, reading)) {
      return this.restart(step, mergeReading(state, reading));
    }
    if (reading.intent === 'no') {
      return this.restart(step, { ...state, slot: null, time: null, window: null, notice: texts.notBooked() });
    }
    // "fine, the lead stylist" when the lead stylist was read back: a yes.
    if (reading.intent !== 'yes' && !reading.agrees) return this.restartWithHint(step, state);

    const now = this.deps.clock();
    const slot = state.slot!;
    const service = scheduling.service(state.serviceId!)!;
    const client = clientOf(step.context);
    const booked = await scheduling.book({ clientId: client.id, serviceId: service.id, staffId: state.staffId, start: slot.start }, now);
    if (booked.ok) {
      // A booking the client already held (their "yes" retried after a lost reply) is confirmed the
      // same way: it is the one they asked for.
      await this.deps.rememberBookingChannel?.(client.id, clientChannelOf(step.context), now);
      if (state.chain) return this.bookChain(step, state, booked.appointment, now);
      const staff = scheduling.staff(booked.appointment.staffId)!;
      await step.context.sendActivity(texts.booked(service, staff, Date.parse(booked.appointment.start), business));
      const [nextService, ...rest] = state.then;
      const following = nextService ? scheduling.service(nextService) : undefined;
      if (following) {
        // The next service of the same message starts as this one ends.
        const end = Date.parse(booked.appointment.end);
        return this.restart(step, newBooking({ serviceId: following.id, staffId: state.staffId, date: localDateOf(end, business.zone), time: localTimeOf(end, business.zone), then: rest, notice: texts.nextService(following) }));
      }
      return step.endDialog(booked.appointment);
    }
    return this.afterFailure(step, state, booked);
  }

  /** Starts for the further services, each as the one before ends, when all are free; null otherwise. */
  private async chainAfter(step: WaterfallStepContext, state: BookingState, from: number, services: Service[]): Promise<number[] | null> {
    const now = this.deps.clock();
    const clientId = clientOf(step.context).id;
    const starts: number[] = [];
    let at = from;
    for (const service of services) {
      const checked = await this.deps.scheduling.check({ serviceId: service.id, staffId: state.staffId, start: at, clientId }, now);
      if (!checked.ok) return null;
      starts.push(at);
      at = checked.slot.end;
    }
    return starts;
  }

  /**
   * Books the further services read back with the first. One taken in the meantime is said, with
   * what was booked, and its time is chosen again.
   */
  private async bookChain(step: WaterfallStepContext, state: BookingState, first: Appointment, now: Date): Promise<DialogTurnResult> {
    const { scheduling, texts, business } = this.deps;
    const clientId = clientOf(step.context).id;
    const done: Appointment[] = [first];
    for (const [i, serviceId] of state.then.entries()) {
      const start = state.chain![i]!;
      const booked = await scheduling.book({ clientId, serviceId, staffId: state.staffId, start }, now);
      if (booked.ok) {
        done.push(booked.appointment);
        continue;
      }
      await step.context.sendActivity(texts.bookedSeveral(this.items(done), business));
      const service = scheduling.service(serviceId)!;
      return this.restart(
        step,
        newBooking({
          serviceId,
          staffId: state.staffId,
          then: state.then.slice(i + 1),
          offered: booked.alternatives.map((a) => a.start),
          notice: `${texts.rejection(booked.rejection)} ${texts.nextService(service)}`,
        }),
      );
    }
    await step.context.sendActivity(texts.bookedSeveral(this.items(done), business));
    return step.endDialog(first);
  }

  private items(appointments: Appointment[]) {
    const { scheduling } = this.deps;
    return appointments.map((a) => ({ service: scheduling.service(a.serviceId)!, staff: scheduling.staff(a.staffId)!, at: Date.parse(a.start) }));
  }

  private async restartWithHint(step: WaterfallStepContext, state: BookingState): Promise<DialogTurnResult> {
    await step.context.sendActivity(this.deps.texts.yesOrNo());
    return this.restart(step, state);
  }

  private async afterFailure(step: WaterfallStepContext, state: BookingState, refusal: Refusal): Promise<DialogTurnResult> {
    const reason = this.deps.texts.rejection(refusal.rejection);
    if (refusal.alternatives.length === 0) {
      await step.context.sendActivity(`${reason} ${this.deps.texts.noSlotsSoon()}`);
      return step.endDialog();
    }
    return this.restart(step, {
      ...state,
      slot: null,
      time: null,
      offered: refusal.alternatives.map((a) => a.start),
      notice: reason,
      moveOffer: moveOfferOf(refusal),
    });
  }

  private bookableServices(state: BookingState) {
    const { business } = this.deps;
    if (!state.staffId) return business.services;
    const staff = business.staff.find((s) => s.id === state.staffId);
    return staff ? business.services.filter((s) => staff.services.includes(s.id)) : business.services;
  }

  private async expect(step: WaterfallStepContext, expectation: Expectation): Promise<void> {
    await expect(this.deps, step.context, expectation);
  }
}
