// The main router: understand the message, then book | reschedule | cancel | list | faq | human |
// help, or carry on the flow in progress.
import { ActivityTypes, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { ComponentDialog, DialogSet, DialogTurnStatus, WaterfallDialog, type DialogState, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { answerFaq } from '../bot/services/faq-answers';
import type { Reading } from '../bot/understanding/types';
import { BOOK_DIALOG, BookDialog, hasWhen, newBooking } from './book-dialog';
import { CANCEL_DIALOG, CancelDialog } from './cancel-dialog';
import { RESCHEDULE_DIALOG, RescheduleDialog } from './reschedule-dialog';
import { describe } from './appointment-choice';
import { clientOf, type DialogDeps } from './deps';
import { isGreeting, isThanks } from './replies';
import type { PickState } from './appointment-choice';

export const MAIN_DIALOG = 'main';
const ROUTE = 'main.route';

/** Per-conversation memory of the router, kept beside the dialog stack. */
export interface RouterMemory {
  /** Messages in a row the bot did not understand. */
  misses: number;
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
        await context.sendActivity(faq ? answerFaq(business, faq, now, { date: reading.date, serviceId: reading.service }) : texts.notSure());
        return step.endDialog();
      }
      case 'human': {
        const client = clientOf(context);
        await this.deps.callbacks.add({ clientId: client.id, reason: 'asked_for_person', text: text.slice(0, 500) }, now);
        await context.sendActivity(texts.callbackRecorded(business));
        return step.endDialog();
      }
      case 'help':
        await context.sendActivity(texts.help(business));
        return step.endDialog();
      case 'stop':
        await context.sendActivity(texts.stopAcknowledged(business));
        return step.endDialog();
      case 'start':
        await context.sendActivity(texts.startAcknowledged(business));
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
    else await context.sendActivity(memory.misses >= 2 ? texts.fallbackTwice() : texts.fallback());
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

function pick(reading: Reading): PickState {
  return { candidates: [], reading, appointmentId: null };
}
