// The main router: understand the message, then book | reschedule | cancel | list | faq | human |
// help, or carry on the flow in progress.
import { ActivityTypes, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { ComponentDialog, DialogSet, DialogTurnStatus, WaterfallDialog, type DialogState, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { hoursOf } from '../bot/middleware/hours-context';
import { isCatalogueQuestion, looksLikeQuestion } from '../bot/understanding/faq-index';
import type { HandoffReason } from '../bot/ports/handoff';
import { localDateOf } from '../bot/domain/time';
import { isComplaint } from '../bot/understanding/complaint';
import type { Reading } from '../bot/understanding/types';
import { BOOK_DIALOG, BookDialog, hasWhen, impossibleWhenIn, impossibleWhenText, newBooking, withoutImpossible } from './book-dialog';
import { CANCEL_DIALOG, CancelDialog } from './cancel-dialog';
import { RESCHEDULE_DIALOG, RescheduleDialog } from './reschedule-dialog';
import { describe } from './appointment-choice';
import { clientOf, type DialogDeps } from './deps';
import { enterQueue } from './handoff';
import { REROUTE_KEY } from './interruptible-dialog';
import { handleReminderReply } from './reminder-replies';
import { KEYWORD_HELP_SENT } from '../bot/middleware/consent';
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
  /** The date the last answer was about ("are you open saturday?"), for "ok book me at 10" next. */
  lastDate?: string | null;
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
    // An urgent message ("I'm locked out") is handled at once, even in the middle of a booking.
    if (await this.handleUrgent(context)) {
      await dc.cancelAllDialogs();
      return;
    }
    const result = await dc.continueDialog();
    // A flow that ended because the message asked for another one: route that message afresh.
    if (result.status === DialogTurnStatus.empty || context.turnState.get(REROUTE_KEY)) {
      context.turnState.delete(REROUTE_KEY);
      await dc.beginDialog(this.id);
    }
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
    const lastDate = memory.lastDate ?? null;
    memory.lastDate = null;
    // A complaint goes to a person unless the message is plainly a request to book, move or cancel.
    const complaint = isComplaint(text) && !isAppointmentRequest(reading, localDateOf(now.getTime(), business.zone));
    await this.sayNotices(context, reading.intent === 'human' || (offered !== null && reading.intent === 'yes') || complaint);

    if (offered && reading.intent === 'yes') {
      await this.toPerson(context, offered);
      return step.endDialog();
    }
    if (offered && reading.intent === 'no') {
      await context.sendActivity(texts.cancelledFlow());
      return step.endDialog();
    }
    // "C", "X", "running 10 min late": replies to the reminder the client just got.
    const reminderReply = await handleReminderReply(step, this.deps, text, reading);
    if (reminderReply) return reminderReply;
    if (complaint) {
      memory.misses = 0;
      await enterQueue(context, this.deps, { reason: 'complaint', intro: texts.complaintHeard() });
      return step.endDialog();
    }
    const impossible = await this.sayImpossibleWhen(step, text, reading, lastDate);
    if (impossible) return impossible;

    switch (reading.intent) {
      case 'book':
        return step.beginDialog(BOOK_DIALOG, this.bookingFrom(reading, lastDate));
      case 'reschedule':
        return step.beginDialog(RESCHEDULE_DIALOG, pick(reading));
      case 'cancel':
        return step.beginDialog(CANCEL_DIALOG, pick(reading));
      case 'list':
        await this.listUpcoming(context, reading);
        return step.endDialog();
      case 'faq': {
        const faq = business.faqs.find((f) => f.id === reading.faq);
        if (!faq) {
          memory.offeredPerson = 'faq_miss';
          await context.sendActivity(texts.faqMissOffer());
          return step.endDialog();
        }
        const answer = this.deps.answers.answer(faq, now, { text, date: reading.date, serviceId: reading.service });
        memory.lastDate = answer.date;
        await context.sendActivity(answer.text);
        return step.endDialog();
      }
      case 'human':
        // "can I talk to the barber": a named staff member is noted on the ticket for whoever claims it.
        await this.toPerson(context, reading.staff ? 'named_staff' : 'asked_for_person');
        return step.endDialog();
      case 'help':
        // On a text line the consent middleware has already given the carrier HELP answer.
        if (!context.turnState.get(KEYWORD_HELP_SENT)) await context.sendActivity(texts.help(business));
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
    if (hasWhen(reading) || reading.service) return step.beginDialog(BOOK_DIALOG, this.bookingFrom(reading, lastDate));
    if (isCatalogueQuestion(text)) {
      memory.misses = 0;
      await context.sendActivity(this.deps.answers.catalogue());
      return step.endDialog();
    }
    // A question about the business that no FAQ entry answers: offer a person rather than guess.
    if (looksLikeQuestion(text) && reading.intent === 'other') {
      memory.misses = 0;
      memory.offeredPerson = 'faq_miss';
      await context.sendActivity(texts.faqMissOffer());
      return step.endDialog();
    }
    if (isThanks(text)) await context.sendActivity(texts.thanks());
    else if (isGreeting(text)) await context.sendActivity(texts.greeting(business));
    else if (memory.misses >= 2) {
      memory.misses = 0;
      await enterQueue(context, this.deps, { reason: 'not_understood', intro: texts.handoffNotUnderstood() });
    } else await context.sendActivity(texts.fallback());
    return step.endDialog();
  }

  /**
   * The first-contact notice (once per client) and the after-hours notice (once per conversation
   * per closed period). Only said when no flow is in progress, so they never interrupt one; the
   * after-hours notice is left out when the client is going into the line, where enterQueue says it.
   */
  private async sayNotices(context: TurnContext, askingForPerson: boolean): Promise<void> {
    const { norms, business } = this.deps;
    const now = this.deps.clock();
    const client = clientOf(context);
    const first = await norms.firstContactNotice(client.id, now);
    if (first) await context.sendActivity(first);
    if (askingForPerson) return;
    const notice = await norms.afterHoursNotice(conversationKey(context), hoursOf(context, business, now), now);
    if (notice) await context.sendActivity(notice);
  }

  /** Puts the client in line for a person; outside open hours enterQueue says when someone will text. */
  private async toPerson(context: TurnContext, reason: HandoffReason): Promise<void> {
    await enterQueue(context, this.deps, { reason });
  }

  /** An urgent message: the on-call person after hours, the front of the line in open hours. */
  private async handleUrgent(context: TurnContext): Promise<boolean> {
    const activity = context.activity;
    if (activity.type !== ActivityTypes.Message || typeof activity.text !== 'string') return false;
    const keyword = this.deps.norms.urgentKeyword(activity.text);
    if (!keyword) return false;
    const client = clientOf(context);
    const label = client.name ? `${client.name} (${client.address})` : client.address;
    const result = await this.deps.norms.handleUrgent(
      { clientId: client.id, label, channel: activity.channelId ?? 'unknown', conversationId: activity.conversation?.id ?? '' },
      activity.text,
      keyword,
      this.deps.clock(),
      // The front of the line is the same line every request for a person joins: number, wording, handoff event.
      async (said, closedNotice) => {
        await enterQueue(context, this.deps, { reason: 'urgent', urgent: true, intro: said, closedNotice });
        return 'queued';
      },
    );
    if (result.reply) await context.sendActivity(result.reply);
    return true;
  }

  /**
   * A booking request with a day or time that cannot exist ("haircut feb 30 at 10", "at 25:00"):
   * says what is wrong instead of that nothing was caught. With a service, the booking starts and
   * waits for the day or time; without one, the next message (a day, a time) starts it as usual.
   */
  private async sayImpossibleWhen(step: WaterfallStepContext, text: string, reading: Reading, lastDate: string | null): Promise<DialogTurnResult | null> {
    if (reading.intent !== 'book' && reading.intent !== 'other') return null;
    const found = impossibleWhenIn(text, reading);
    // "my run was 45:00" is no request; "at 45:00", "feb 30" or "book 10:75" is.
    if (!found || !(found.certain || reading.intent === 'book' || reading.service !== null)) return null;
    const memoryAccessor = step.context.turnState.get(MEMORY_KEY) as StatePropertyAccessor<RouterMemory>;
    const memory = await memoryAccessor.get(step.context, { misses: 0 });
    memory.misses = 0;
    const said = impossibleWhenText(this.deps.texts, found);
    const kept = withoutImpossible(reading, found);
    if (kept.service) return step.beginDialog(BOOK_DIALOG, { ...this.bookingFrom(kept, lastDate), notice: said, noticeAsks: true });
    // "tomorrow at 25:00", then "10am": the time goes with tomorrow.
    memory.lastDate = kept.date;
    await step.context.sendActivity(said);
    return step.endDialog();
  }

  private async afterStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog(step.result);
  }

  /** The booking asked for; a time with no date takes the date the last answer was about. */
  private bookingFrom(reading: Reading, lastDate: string | null = null) {
    return newBooking({
      serviceId: reading.service,
      staffId: reading.staff,
      date: reading.date ?? (reading.time || reading.window ? lastDate : null),
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

/** The key a conversation's once-only notices are stored under: channel and conversation id. */
function conversationKey(context: TurnContext): string {
  return `${context.activity.channelId ?? 'unknown'}:${context.activity.conversation?.id ?? ''}`;
}

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
