// The main router: understand the message, then book | reschedule | cancel | list | faq | human |
// help, or carry on the flow in progress.
import { ActivityTypes, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { ComponentDialog, DialogSet, DialogTurnStatus, WaterfallDialog, type DialogState, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { answerFaq } from '../bot/services/faq-answers';
import type { HandoffReason } from '../bot/ports/handoff';
import { localDateOf } from '../bot/domain/time';
import { isComplaint } from '../bot/understanding/complaint';
import type { Reading } from '../bot/understanding/types';
import { BOOK_DIALOG, BookDialog, hasWhen, newBooking } from './book-dialog';
import { CANCEL_DIALOG, CancelDialog } from './cancel-dialog';
import { RESCHEDULE_DIALOG, RescheduleDialog } from './reschedule-dialog';
import { describe } from './appointment-choice';
import { clientOf, type DialogDeps } from './deps';
import { enterQueue } from './handoff';
import { isGreeting, isThanks } from './replies';
import type { PickState } from './appointment-choice';

export const MAIN_DIALOG = 'main';
const ROUTE = 'main.route';

/** Per-conversation memory of the router, kept beside the dialog stack. */
export interface RouterMemory {
  /** Messages in a row the bot did not understand. */
  misses: number;
  /** Set when the last reply offered a person: a "yes" now puts the client in line for this reason. */
  offeredPerson?: HandoffReason | null;
}

export class MainDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(MAIN_DIALOG);
    this.addDialog(new BookDialog(deps));
    this.addDialog(new RescheduleDialog(deps));
    this.addDialog(new CancelDialog(deps));
    this.addDialog(new WaterfallDialog(ROUTE, [this.routeStep.bind(this), this.afterStep.bind(this)]));
    this.initialDialogId = ROUTE;
  }

  /** Runs one turn: continue the flow in progress, or route the message afresh. */
  async run(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>, memory: StatePropertyAccessor<RouterMemory>): Promise<void> {
    const set = new DialogSet(dialogState);
    set.add(this);
    const dc = await set.createContext(context);
    dc.context.turnState.set(MEMORY_KEY, memory);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
  }

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const { texts, business } = this.deps;
    if (context.activity.type !== ActivityTypes.Message) return step.endDialog();
    const text = (context.activity.text ?? '').trim();
    const memoryAccessor = context.turnState.get(MEMORY_KEY) as StatePropertyAccessor<RouterMemory>;
    const memory = await memoryAccessor.get(context, { misses: 0 });

    if (text === '') {
      await context.sendActivity(texts.emptyMessage());
      return step.endDialog();
    }
    const now = this.deps.clock();
    const reading = this.deps.understand(text, { now, business });
    const understood = reading.intent !== 'other' || hasWhen(reading) || reading.service !== null;
    memory.misses = understood || isThanks(text) || isGreeting(text) ? 0 : memory.misses + 1;
    const offered = memory.offeredPerson ?? null;
    memory.offeredPerson = null;

    if (offered && reading.intent === 'yes') {
      await enterQueue(context, this.deps, { reason: offered });
      return step.endDialog();
    }
    if (offered && reading.intent === 'no') {
      await context.sendActivity(texts.cancelledFlow());
      return step.endDialog();
    }
    // A complaint goes to a person unless the message is plainly a request to book, move or cancel.
    if (isComplaint(text) && !isAppointmentRequest(reading, localDateOf(now.getTime(), business.zone))) {
      memory.misses = 0;
      await enterQueue(context, this.deps, { reason: 'complaint', intro: texts.complaintHeard() });
      return step.endDialog();
    }

    switch (reading.intent) {
      case 'book':
        return step.beginDialog(BOOK_DIALOG, this.bookingFrom(reading));
      case 'reschedule':
        return step.beginDialog(RESCHEDULE_DIALOG, pick(reading));
      case 'cancel':
        return step.beginDialog(CANCEL_DIALOG, pick(reading));
      case 'list':
        await this.listUpcoming(context, reading);
        return step.endDialog();
      case 'faq': {
        const faq = business.faqs.find((f) => f.id === reading.faq);
        if (!faq) memory.offeredPerson = 'faq_miss';
        await context.sendActivity(faq ? answerFaq(business, faq, now, { date: reading.date, serviceId: reading.service }) : texts.notSure());
        return step.endDialog();
      }
      case 'human':
        // "can I talk to the barber": a named staff member is noted on the ticket for whoever claims it.
        await enterQueue(context, this.deps, { reason: reading.staff ? 'named_staff' : 'asked_for_person' });
        return step.endDialog();
      case 'help':
        await context.sendActivity(texts.help(business));
        return step.endDialog();
      case 'stop':
      case 'start':
        // The consent middleware answers these (and opts the address out or in) before any dialog runs.
        return step.endDialog();
      case 'yes':
      case 'no':
        await context.sendActivity(texts.nothingToCancel());
        return step.endDialog();
      default:
        break;
    }
    // A time or a service alone ("tomorrow at 3?", "beard trim") is a booking request.
    if (hasWhen(reading) || reading.service) return step.beginDialog(BOOK_DIALOG, this.bookingFrom(reading));
    if (isThanks(text)) await context.sendActivity(texts.thanks());
    else if (isGreeting(text)) await context.sendActivity(texts.greeting(business));
    else if (memory.misses >= 2) {
      memory.misses = 0;
      await enterQueue(context, this.deps, { reason: 'not_understood', intro: texts.handoffNotUnderstood() });
    } else await context.sendActivity(texts.fallback());
    return step.endDialog();
  }

  private async afterStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog(step.result);
  }

  private bookingFrom(reading: Reading) {
    return newBooking({
      serviceId: reading.service,
      staffId: reading.staff,
      date: reading.date,
      time: reading.time,
      window: reading.window,
    });
  }

  private async listUpcoming(context: TurnContext, reading: Reading): Promise<void> {
    const { texts, scheduling } = this.deps;
    const client = clientOf(context);
    let upcoming = await scheduling.upcoming(client.id, this.deps.clock());
    if (reading.service) {
      const same = upcoming.filter((a) => a.serviceId === reading.service);
      if (same.length > 0) upcoming = same;
    }
    if (upcoming.length === 0) {
      await context.sendActivity(texts.noUpcoming());
      return;
    }
    await context.sendActivity(texts.upcomingList(upcoming.map((a) => describe(this.deps, a))));
  }
}

const MEMORY_KEY = Symbol('frontdesk.routerMemory');

/**
 * A booking, move or cancellation asked for outright (an appointment verb, or a time to come in).
 * A past day ("the cut I got yesterday") is what the client is talking about, not a time to book.
 */
function isAppointmentRequest(reading: Reading, today: string): boolean {
  if (reading.intent === 'reschedule' || reading.intent === 'cancel') return true;
  if (reading.intent !== 'book' || !hasWhen(reading)) return false;
  return reading.date === null || reading.date >= today;
}

function pick(reading: Reading): PickState {
  return { candidates: [], reading, appointmentId: null };
}
