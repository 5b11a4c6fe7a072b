// Choosing a time, for a new booking and for a move alike: ask only for what is missing, offer free
// times, say why a time can't be had and offer the nearest ones, and take a choice, a new time or
// another staff member in reply. Ends with a checked slot (or the move of the client's own
// appointment instead, or nothing free soon); the booking or the move reads it back and commits.
import { MessageFactory, type Activity, type CardAction } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { atLocal, localDateOf, localTimeOf } from '../bot/domain/time';
import type { ClockRange, Service, StaffInterval } from '../bot/domain/types';
import type { Expectation, ImpossibleWhenReading as ImpossibleWhen, Reading, TurnReading } from '../bot/understanding/types';
import { readingOf } from '../bot/turn-state';
import type { Rejection } from '../bot/domain/outcomes';
import type { Texts } from '../bot/text/en';
import type { Asker, Refusal } from '../bot/services/scheduling-service';
import { expect, type DialogDeps } from './deps';
import { SpokenTextPrompt, spokenPrompt } from './spoken-prompt';
import { clientOf } from '../bot/turn-state';

export const TIME_DIALOG = 'time';
const TIME_FLOW = 'time.flow';
const TIME_TEXT = 'time.text';

/** How choosing a time ended. */
export type TimeChosen =
  | { kind: 'slot'; state: BookingState }
  /** The client said yes to moving their own appointment to the time they asked for. */
  | { kind: 'move_instead'; state: BookingState }
  | { kind: 'nothing' };

export interface BookingState {
  /** The appointment being moved, when the time is for a move; null for a new booking. */
  appointmentId: string | null;
  serviceId: string | null;
  staffId: string | null;
  date: string | null;
  time: string | null;
  window: ClockRange | null;
  /** Starts offered as numbered choices on the last question (epoch ms). */
  offered: number[];
  /** Said before the next question (why a time could not be had). */
  notice: string | null;
  /** The notice is itself the when-question ("which day did you mean?"): the usual one is left out. */
  noticeAsks: boolean;
  /**
   * A checked, bookable start. Its staff member is who is free now; who takes it is chosen when it
   * is booked, so only `staffId` (the client's own choice) is ever read back.
   */
  slot: StaffInterval | null;
  /** The notice offered to move the client's own appointment to the time they asked for ("yes" takes it). */
  moveOffer: { appointmentId: string; start: number } | null;
  /** Further services asked for in the same message, booked one after another, each right after the last. */
  then: string[];
  /** Checked starts of `then`, each as the one before ends: read back and booked with this one. */
  chain?: number[];
  /** A staff member the client turned from ("the other stylist"), or who does not do the service. */
  notStaffId: string | null;
}

export function newBooking(partial: Partial<BookingState> = {}): BookingState {
  return {
    appointmentId: null,
    serviceId: null,
    staffId: null,
    date: null,
    time: null,
    window: null,
    offered: [],
    notice: null,
    noticeAsks: false,
    slot: null,
    moveOffer: null,
    then: [],
    notStaffId: null,
    ...partial,
  };
}

/** Folds what a reply said about the booking into the state. */
export function mergeReading(state: BookingState, reading: TurnReading): BookingState {
  const next = { ...state, offered: [], notice: null, noticeAsks: false, slot: null, moveOffer: null };
  if (reading.service && state.appointmentId === null) next.serviceId = reading.service;
  if (reading.staff) next.staffId = reading.staff;
  else if (reading.anyStaff) next.staffId = null;
  else if (reading.otherStaff) {
    // "the other stylist": anyone but the one discussed; who is chosen when the time is checked.
    next.notStaffId = state.staffId ?? state.notStaffId;
    next.staffId = null;
  }
  if (reading.date) {
    next.date = reading.date;
    // "what about friday" at a read-back keeps the time read back; otherwise a new day asks anew.
    if (!reading.time && !reading.window && !(state.slot && state.time)) {
      next.time = null;
      next.window = null;
    }
  }
  if (reading.time) {
    next.time = reading.time;
    next.window = null;
  } else if (reading.window) {
    next.window = reading.window;
    next.time = null;
  }
  return next;
}

export function hasWhen(reading: Reading): boolean {
  return Boolean(reading.date || reading.time || reading.window);
}

/** What the client is told about a day or time that cannot exist. */
export function impossibleWhenText(texts: Texts, found: ImpossibleWhen): string {
  return found.kind === 'day' ? texts.noSuchDay(found.month, found.day, found.year) : texts.noSuchTime(found.written);
}

/**
 * The reading without what the impossible part would have qualified: a time said with a day that
 * does not exist belongs to no day ("feb 30 at 10"), while a real day with an impossible time stays.
 */
export function withoutImpossible<R extends Reading>(reading: R, found: ImpossibleWhen): R {
  return found.kind === 'day' ? { ...reading, date: null, time: null, window: null } : { ...reading, time: null, window: null };
}

/** Whether a reply changes the booking in progress: a day or time, another service, another person. */
export function changesBooking(state: BookingState, reading: TurnReading): boolean {
  if (hasWhen(reading)) return true;
  if (reading.anyStaff || reading.otherStaff) return true;
  if (reading.service && reading.service !== state.serviceId && state.appointmentId === null) return true;
  // Naming anyone while none was asked for is a change: the read-back will name them.
  return reading.staff !== null && reading.staff !== state.staffId;
}


export class TimeDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(TIME_DIALOG);
    this.addDialog(new SpokenTextPrompt(TIME_TEXT));
    this.addDialog(new WaterfallDialog(TIME_FLOW, [this.askStep.bind(this), this.replyStep.bind(this)]));
    this.initialDialogId = TIME_FLOW;
  }

  private state(step: WaterfallStepContext): BookingState {
    return step.options as BookingState;
  }

  private restart(step: WaterfallStepContext, state: BookingState): Promise<DialogTurnResult> {
    return step.replaceDialog(TIME_FLOW, state);
  }

  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = this.state(step);
    if (state.slot) return step.endDialog({ kind: 'slot', state } satisfies TimeChosen);
    const { texts, scheduling, business } = this.deps;
    const now = this.deps.clock();
    const service = scheduling.service(state.serviceId!)!;
    const intro = state.notice ? `${state.notice}\n` : '';
    const noticeAsks = state.noticeAsks === true && state.notice !== null;
    // Said once: the next restart of this step has its own notice, if any.
    state.noticeAsks = false;

    const instead = await this.staffInstead(step, state, service, now);
    if (instead) return this.restart(step, instead);

    if (state.offered.length > 0) {
      const offered = state.offered;
      await this.expect(step, { kind: 'choice', count: offered.length, starts: offered });
      const alternatives = (before: string) => {
        const labels = offered.map((at) => texts.when(at, business.zone));
        return withChoices(before + texts.offerAlternatives(labels), labels);
      };
      return step.prompt(TIME_TEXT, spokenPrompt(business, alternatives, { lead: intro }));
    }

    if (state.time) {
      const start = await this.startFor(state, now);
      const checked = await scheduling.check({ serviceId: service.id, staffId: state.staffId, start, ...this.asker(step, state) }, now);
      if (checked.ok) {
        if (this.isMove(state) && (await scheduling.get(state.appointmentId!))?.start === new Date(start).toISOString()) {
          return this.restart(step, { ...state, date: null, time: null, window: null, notice: texts.sameTimeAsBefore() });
        }
        // A notice about this very time ("Next, your beard trim") goes with its read-back.
        return this.restart(step, { ...state, date: localDateOf(start, business.zone), slot: checked.slot, notice: noticeAsks ? null : state.notice });
      }
      const reason = texts.rejection(checked.rejection);
      const moveOffer = moveOfferOf(checked);
      if (checked.alternatives.length === 0) {
        // Nothing near that time (too far out, say): ask for another day rather than give up.
        return this.restart(step, { ...state, date: null, time: null, window: null, offered: [], notice: reason, moveOffer });
      }
      return this.restart(step, {
        ...state,
        time: null,
        offered: checked.alternatives.map((a) => a.start),
        notice: reason,
        moveOffer,
      });
    }

    if (state.date || state.window) {
      const offer = await scheduling.offer(
        { serviceId: service.id, staffId: state.staffId, date: state.date, window: state.window, ...this.asker(step, state) },
        now,
      );
      if (!offer) {
        await step.context.sendActivity(texts.noSlotsSoon());
        return step.endDialog({ kind: 'nothing' } satisfies TimeChosen);
      }
      let lead = intro;
      if (state.date && offer.date !== state.date) {
        lead += `${this.whyNothingOn(state.date, state.window !== null)}\n`;
      }
      const offered = offer.slots.map((s) => s.start);
      // Remember the offer so a digit reply picks from it.
      (step.options as BookingState).offered = offered;
      (step.options as BookingState).date = offer.date;
      await this.expect(step, { kind: 'choice', count: offered.length, starts: offered });
      const slots = (before: string) => {
        const labels = offered.map((at) => texts.clock(at, business.zone));
        return withChoices(before + texts.offerSlots(texts.day(offer.date), labels), labels);
      };
      return step.prompt(TIME_TEXT, spokenPrompt(business, slots, { lead }));
    }

    await this.expect(step, { kind: 'when' });
    // A notice that is itself the question ("No month has a 31st — which day did you mean?") is asked as it is.
    const question = () => (this.isMove(state) ? texts.whatTimeReschedule() : texts.whatTime(service));
    const ask = noticeAsks ? (before: string) => before || question() : (before: string) => before + question();
    return step.prompt(TIME_TEXT, spokenPrompt(business, ask, { lead: noticeAsks ? state.notice! : intro }));
  }

  private async replyStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = this.state(step);
    const { texts, business } = this.deps;
    const reading = readingOf(step.context);
    const offered = state.offered;
    const moveOffer = state.moveOffer;
    // The offer stands for this one reply only.
    state.moveOffer = null;
    const choice = offered.length > 0 ? reading.choice : null;
    if (choice) {
      const at = offered[choice - 1];
      return this.restart(step, {
        ...state,
        date: localDateOf(at, business.zone),
        time: localTimeOf(at, business.zone),
        window: null,
        offered: [],
        notice: null,
      });
    }
    // "Yes" answers the question the notice asked ("want to move it instead?") before the times.
    if (reading.intent === 'yes' && moveOffer) return this.takeMoveOffer(step, state, moveOffer);
    if (reading.intent === 'yes' && offered.length === 1) {
      return this.restart(step, {
        ...state,
        date: localDateOf(offered[0], business.zone),
        time: localTimeOf(offered[0], business.zone),
        offered: [],
        notice: null,
      });
    }
    const impossible = reading.impossible;
    if (impossible) {
      // Keep the booking as it was (and its offered times), taking only what else the reply said.
      const kept = withoutImpossible(reading, impossible);
      const changed = changesBooking(state, kept) ? mergeReading(state, kept) : state;
      return this.restart(step, { ...changed, notice: impossibleWhenText(texts, impossible), noticeAsks: true, offered: changed.offered });
    }
    if (changesBooking(state, reading)) {
      const merged = mergeReading(state, reading);
      // "3pm" after being offered times on a day means 3 PM that day.
      if (reading.time && !reading.date && state.date) merged.date = state.date;
      return this.restart(step, merged);
    }
    const hint = offered.length > 0 ? texts.notAChoice(offered.length) : texts.didNotGetTime();
    return this.restart(step, { ...state, notice: hint, offered: state.offered });
  }

  /** "Yes" to moving the client's own appointment to the time they asked for: the move takes over. */
  private async takeMoveOffer(step: WaterfallStepContext, state: BookingState, offer: { appointmentId: string; start: number }): Promise<DialogTurnResult> {
    const zone = this.deps.business.zone;
    const appointment = await this.deps.scheduling.get(offer.appointmentId);
    if (!appointment) return this.restart(step, { ...state, notice: null });
    const move = newBooking({
      appointmentId: appointment.id,
      serviceId: appointment.serviceId,
      staffId: state.staffId,
      date: localDateOf(offer.start, zone),
      time: localTimeOf(offer.start, zone),
    });
    return step.endDialog({ kind: 'move_instead', state: move } satisfies TimeChosen);
  }

  /**
   * Someone else than the staff member asked for, keeping the day and time: the one named does not
   * do the service ("the barber doesn't do color, but the lead stylist is free then"), or the client
   * asked for "the other stylist". Null when there is nothing to change.
   */
  private async staffInstead(step: WaterfallStepContext, state: BookingState, service: Service, now: Date): Promise<BookingState | null> {
    const { scheduling, texts, business } = this.deps;
    const asked = state.staffId ? scheduling.staff(state.staffId) : undefined;
    const doesNot = asked !== undefined && !asked.services.includes(service.id);
    // The one asked for is off that day: someone else may be free at that very time.
    const off = !doesNot && asked !== undefined && state.time !== null && !state.slot && (await this.isOff(step, state, now));
    const unable = doesNot || off;
    const avoid = unable ? asked!.id : state.staffId === null ? state.notStaffId : null;
    if (!unable && (avoid === null || state.slot || !state.time)) return null;
    const said = doesNot ? texts.rejection({ reason: 'staff_does_not_offer', staff: asked!, service }) : off ? texts.rejection({ reason: 'staff_off', staff: asked! }) : null;
    if (state.time) {
      const start = await this.startFor(state, now);
      for (const other of business.staff.filter((m) => m.id !== avoid && m.services.includes(service.id))) {
        const checked = await scheduling.check({ serviceId: service.id, staffId: other.id, start, ...this.asker(step, state) }, now);
        if (!checked.ok) continue;
        const notice = said ? texts.butFreeThen(said, other) : null;
        return { ...state, staffId: other.id, notStaffId: avoid, date: localDateOf(start, business.zone), slot: checked.slot, notice };
      }
    }
    if (!unable) return null;
    // Nobody else is free then: off that day, the one asked for keeps the nearest times they have.
    if (off) return null;
    // Nobody else is free then: anyone who does it, at the nearest times.
    return { ...state, staffId: null, notStaffId: avoid, notice: said };
  }

  /** Whether the staff member asked for is not working at the time asked. */
  private async isOff(step: WaterfallStepContext, state: BookingState, now: Date): Promise<boolean> {
    const start = await this.startFor(state, now);
    const checked = await this.deps.scheduling.check({ serviceId: state.serviceId!, staffId: state.staffId, start, ...this.asker(step, state) }, now);
    return !checked.ok && checked.rejection.reason === 'staff_off';
  }

  /** Who is asking, so their own appointments count as theirs (and a move's old time as free). */
  private asker(step: WaterfallStepContext, state: BookingState): Asker {
    return this.isMove(state) ? { clientId: clientOf(step.context).id, movingId: state.appointmentId! } : { clientId: clientOf(step.context).id };
  }

  private isMove(state: BookingState): boolean {
    return state.appointmentId !== null;
  }

  /** The instant asked for: the given date, or the next day on which that time is still ahead. */
  private async startFor(state: BookingState, now: Date): Promise<number> {
    const { business } = this.deps;
    const zone = business.zone;
    let date = state.date;
    if (!date && this.isMove(state)) {
      const current = await this.deps.scheduling.get(state.appointmentId!);
      if (current) date = localDateOf(Date.parse(current.start), zone);
    }
    if (!date) {
      const today = localDateOf(now.getTime(), zone);
      const todayAt = atLocal(today, state.time!, zone);
      date = todayAt > now.getTime() ? today : localDateOf(todayAt + 24 * 3600 * 1000, zone);
    }
    return atLocal(date, state.time!, zone);
  }

  private whyNothingOn(date: string, withWindow: boolean): string {
    const { scheduling, texts } = this.deps;
    const hours = scheduling.hoursLabel(date);
    if (!hours) {
      return texts.rejection({ reason: 'closed', date, closure: scheduling.closure(date) });
    }
    return withWindow ? texts.noSlotsInWindow(texts.day(date)) : texts.rejection({ reason: 'taken' });
  }

  private async expect(step: WaterfallStepContext, expectation: Expectation): Promise<void> {
    await expect(this.deps, step.context, expectation);
  }
}

/** A question with numbered choices; Web Chat and Teams also show them as buttons. */
export function withChoices(text: string, labels: string[]): Partial<Activity> {
  const actions: CardAction[] = labels.map((label, i) => ({ type: 'imBack', title: label, value: String(i + 1) }));
  return MessageFactory.suggestedActions(actions, text);
}

/** The move offered when the client's own appointment of the same service was in the way. */
export function moveOfferOf(refusal: Refusal<Rejection | null>): BookingState['moveOffer'] {
  const r = refusal.rejection;
  if (!refusal.ownClash || r?.reason !== 'own_overlap' || r.moveTo === null) return null;
  return { appointmentId: refusal.ownClash.id, start: r.moveTo };
}

/** A yes / no question; Web Chat and Teams also show the two as buttons, titled in the catalogue's language. */
export function yesNo(text: string, texts: Pick<Texts, 'yesButton' | 'noButton'>): Partial<Activity> {
  return MessageFactory.suggestedActions(
    [
      { type: 'imBack', title: texts.yesButton(), value: 'yes' },
      { type: 'imBack', title: texts.noButton(), value: 'no' },
    ],
    text,
  );
}
