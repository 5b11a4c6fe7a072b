// The main router: understand the message, then book | reschedule | cancel | list | faq | human |
// help, or carry on the flow in progress.
import { ActivityTypes, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { ComponentDialog, DialogSet, DialogTurnStatus, WaterfallDialog, type DialogState, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { HandoffReason } from '../bot/ports/handoff';
import type { Appointment } from '../bot/domain/types';
import { addDays, localDateOf } from '../bot/domain/time';
import type { Reading, TurnReading } from '../bot/understanding/types';
import { readingOf } from '../bot/turn-state';
import { BOOK_DIALOG, BookDialog, type MoveInstead, hasWhen, impossibleWhenText, newBooking, withoutImpossible } from './book-dialog';
import { CANCEL_DIALOG, CancelDialog } from './cancel-dialog';
import { RESCHEDULE_DIALOG, RescheduleDialog, type MoveState } from './reschedule-dialog';
import { describe } from './appointment-choice';
import { countMiss, expect, type DialogDeps } from './deps';
import { clientChannelOf, clientOf, hoursOf, keywordHelpSent, languageAskedOf, takeReroute } from '../bot/turn-state';
import { conversationKey, enterQueue } from './handoff';
import { handleReminderReply } from './reminder-replies';
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
  /** The question last answered, for "what about saturday?" next. */
  lastFaq?: string | null;
  /** The service the last answer was about ("how much is a blowout?"), for "ok book one friday" next. */
  lastService?: string | null;
  /** The appointment booked in the last turn, for "oh wait, can you make that 4 instead" next. */
  justBooked?: string | null;
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
    // What this message answered is spent; a question asked this turn states its own.
    const answered = context.activity.type === ActivityTypes.Message ? readingOf(context).expecting : null;
    await expect(this.deps, context, null);
    // An urgent message ("I'm locked out") is handled at once, even in the middle of a booking.
    if (await this.handleUrgent(context)) {
      await dc.cancelAllDialogs();
      return;
    }
    const result = await dc.continueDialog();
    // A flow that ended because the message asked for another one: route that message afresh.
    const rerouted = takeReroute(context);
    if (result.status === DialogTurnStatus.empty || rerouted) {
      await dc.beginDialog(this.id);
    }
    // A question asked again as it was (a retry, an aside answered) still waits for the same answer.
    if (dc.activeDialog && answered && (await this.deps.expecting.get(context, null)) === null) await expect(this.deps, context, answered);
  }

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const { texts } = this.deps;
    if (context.activity.type !== ActivityTypes.Message) return step.endDialog();
    const memory = await memoryOf(context);
    const reading = readingOf(context);

    if (reading.blank) {
      await context.sendActivity(texts.emptyMessage());
      return step.endDialog();
    }
    const now = this.deps.clock();
    const switchOnly = languageAskedOf(context)?.only === true;
    const understood = switchOnly || reading.intent !== 'other' || hasWhen(reading) || reading.service !== null || reading.name !== null;
    memory.misses = understood || reading.thanks || reading.greeting ? 0 : memory.misses + 1;
    const offered = memory.offeredPerson ?? null;
    memory.offeredPerson = null;
    const last = { date: memory.lastDate ?? null, faq: memory.lastFaq ?? null, service: memory.lastService ?? null, booked: memory.justBooked ?? null };
    memory.justBooked = null;
    memory.lastDate = null;
    memory.lastFaq = null;
    memory.lastService = null;
    // A complaint goes to a person unless the message is plainly a request to book, move or cancel.
    const complaint = reading.complaint && !isAppointmentRequest(reading, localDateOf(now.getTime(), this.deps.business.zone));
    const askingForPerson = reading.intent === 'human' || (offered !== null && reading.intent === 'yes') || complaint;
    // Carrier keywords get the carrier's answer alone: the notices would make it two texts. An
    // answer about our hours says when we open: the notice would say it a second time.
    const aboutHours = reading.faqs.some((id) => this.deps.answers.isAboutHours(id)) || (reading.followUp && last.faq !== null && this.deps.answers.isAboutHours(last.faq));
    await this.sayNotices(context, askingForPerson, reading.keyword !== null || reading.intent === 'help', aboutHours, reading.greeting && reading.intent === 'other');

    // "en español por favor", "english please" and nothing else: acknowledged in the language asked for.
    if (switchOnly) {
      await context.sendActivity(texts.languageSwitched(false));
      return step.endDialog();
    }
    if (offered && reading.intent === 'yes') {
      await this.toPerson(context, offered);
      return step.endDialog();
    }
    if (offered && reading.intent === 'no') {
      await context.sendActivity(texts.cancelledFlow());
      return step.endDialog();
    }
    // "C", "X", "running 10 min late": replies to the reminder the client just got.
    const reminderReply = await handleReminderReply(step, this.deps, reading);
    if (reminderReply) return reminderReply;
    if (complaint) {
      memory.misses = 0;
      await enterQueue(context, this.deps, { reason: 'complaint', intro: texts.complaintHeard() });
      return step.endDialog();
    }
    if (reading.name && reading.intent === 'other' && !hasWhen(reading) && !reading.service) return this.takeName(step, reading.name);
    // "hi, I'm Maria Church, can I book…": the name is noted, so the booking need not ask for it.
    if (reading.name && !clientOf(context).name) await this.noteName(context, reading.name);
    const impossible = await this.sayImpossibleWhen(step, reading, last.date);
    if (impossible) return impossible;
    // "are you open sunday?" then "what about saturday?": the same question about another day.
    // "and the day after?": counted from the day that answer was about.
    const about = reading.followUp && last.date && reading.dayAfter ? { ...reading, date: addDays(last.date, reading.dayAfter) } : reading;
    if (reading.followUp && last.faq && (about.date || about.service) && !about.time) {
      await this.answerFaqs(step, memory, [last.faq], about, now);
      return step.endDialog();
    }
    // Several requests in one text: the questions first, then what is to be booked or changed.
    if (reading.faqs.length > 0 && (reading.parts.length > 1 || reading.intent === 'faq')) {
      const asks = reading.parts.length > 1 ? this.requestAfterQuestions(reading) : null;
      await this.answerFaqs(step, memory, reading.faqs, reading, now);
      if (!asks) return step.endDialog();
      return this.route(step, memory, asks, last.date);
    }
    // "oh wait, can you make that 4 instead" right after booking: that booking moves.
    if (last.booked && reading.changeCue && hasWhen(reading) && !reading.service && reading.intent !== 'cancel') {
      return step.beginDialog(RESCHEDULE_DIALOG, { candidates: [], reading, appointmentId: last.booked } satisfies PickState);
    }
    // "how much is a blowout?" then "ok book one for friday at 11": the service just discussed.
    const carried = reading.intent === 'book' && !reading.service && last.service ? { ...reading, service: last.service } : reading;
    return this.route(step, memory, carried, last.date);
  }

  /** The flow or answer for the message's request. */
  private async route(step: WaterfallStepContext, memory: RouterMemory, reading: TurnReading, lastDate: string | null): Promise<DialogTurnResult> {
    const { context } = step;
    const { texts, business } = this.deps;
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
      case 'faq':
        memory.offeredPerson = 'faq_miss';
        countMiss(this.deps, context, 'faq');
        await this.offerPerson(context, texts.faqMissOffer());
        return step.endDialog();
      case 'human':
        // "can I talk to the barber": a named staff member is noted on the ticket for whoever claims it.
        await this.toPerson(context, reading.staff ? 'named_staff' : 'asked_for_person');
        return step.endDialog();
      case 'help':
        // On a text line the consent middleware has already given the carrier HELP answer.
        if (!keywordHelpSent(context)) await context.sendActivity(texts.help(business));
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
        return this.routeOther(step, memory, reading, lastDate);
    }
  }

  /** A message with no request word: a time or service alone, a catalogue question, thanks, or a miss. */
  private async routeOther(step: WaterfallStepContext, memory: RouterMemory, reading: TurnReading, lastDate: string | null): Promise<DialogTurnResult> {
    const { context } = step;
    const { texts, business } = this.deps;
    // A time or a service alone ("tomorrow at 3?", "beard trim") is a booking request.
    if (hasWhen(reading) || reading.service) return step.beginDialog(BOOK_DIALOG, this.bookingFrom(reading, lastDate));
    if (reading.catalogue) {
      memory.misses = 0;
      await context.sendActivity(this.deps.answers.catalogue());
      return step.endDialog();
    }
    // A question about the business that no FAQ entry answers: offer a person rather than guess.
    if (reading.question) {
      memory.misses = 0;
      memory.offeredPerson = 'faq_miss';
      countMiss(this.deps, context, 'faq');
      await this.offerPerson(context, texts.faqMissOffer());
      return step.endDialog();
    }
    if (reading.thanks) await context.sendActivity(texts.thanks());
    else if (reading.greeting) {
      const opening = context.turnState.get(CLOSED_GREETING) as string | undefined;
      await context.sendActivity(opening === undefined ? texts.greeting(business) : texts.greetingClosed(business, opening || null));
    }
    else if (memory.misses >= 2) {
      memory.misses = 0;
      countMiss(this.deps, context, 'handed_off');
      await enterQueue(context, this.deps, { reason: 'not_understood', intro: texts.handoffNotUnderstood() });
    } else {
      countMiss(this.deps, context, 'fallback');
      await context.sendActivity(texts.fallback());
    }
    return step.endDialog();
  }

  /** Answers each question asked, in order; the last one's day is remembered for a follow-up. */
  private async answerFaqs(
    step: WaterfallStepContext,
    memory: RouterMemory,
    faqIds: string[],
    reading: TurnReading,
    now: Date,
  ): Promise<void> {
    const { business, texts } = this.deps;
    const answers: string[] = [];
    for (const id of faqIds) {
      const faq = business.faqs.find((f) => f.id === id);
      if (!faq) continue;
      const part = reading.parts.find((p) => p.faq === id);
      const serviceId = part?.service ?? reading.service;
      // "how much are a haircut and a color": the answer for each service named.
      const about = part?.service ? [part.service] : reading.services.length > 1 ? reading.services : [serviceId];
      for (const service of about) {
        const answer = this.deps.answers.answer(faq, now, { namedDay: part ? part.namedDay : reading.namedDay, date: reading.date, serviceId: service });
        memory.lastDate = answer.date;
        if (!answers.includes(answer.text)) answers.push(answer.text);
        if (service) memory.lastService = service;
      }
      memory.lastFaq = id;
    }
    if (answers.length === 0) {
      memory.offeredPerson = 'faq_miss';
      countMiss(this.deps, step.context, 'faq');
      await this.offerPerson(step.context, texts.faqMissOffer());
    } else await step.context.sendActivity(answers.join('\n'));
  }

  /**
   * The request a several-part text makes beside its questions ("how much is color? and can I book
   * one sat at 10"): the booking, move or cancellation, with the services and times of the whole text.
   */
  private requestAfterQuestions(reading: TurnReading): TurnReading | null {
    const request = reading.parts.find((p) => p.intent === 'book' || p.intent === 'reschedule' || p.intent === 'cancel' || p.intent === 'list' || p.intent === 'human');
    if (!request) return null;
    // "book one": the service the question was about.
    const service = request.service ?? reading.service;
    return { ...reading, intent: request.intent, service, services: service ? [service, ...reading.services.filter((s) => s !== service)] : reading.services, faq: null, faqs: [], parts: [] };
  }

  /** "my name is Sam" outside a booking: noted, and the client is greeted by it. */
  private async takeName(step: WaterfallStepContext, name: string): Promise<DialogTurnResult> {
    await this.noteName(step.context, name);
    await step.context.sendActivity(this.deps.texts.niceToMeet(name));
    return step.endDialog();
  }

  private async noteName(context: TurnContext, name: string): Promise<void> {
    const client = clientOf(context);
    const updated = await this.deps.clients.setName(client.id, name);
    if (updated) Object.assign(client, updated);
  }

  /** An offer of a person: "yes" next puts the client in line. */
  private async offerPerson(context: TurnContext, said: string): Promise<void> {
    await expect(this.deps, context, { kind: 'yes_no' });
    await context.sendActivity(said);
  }

  /**
   * The first-contact notice (once per client) and the after-hours notice (once per conversation
   * per closed period). Only said when no flow is in progress, so they never interrupt one; the
   * after-hours notice is left out when the client is going into the line, where enterQueue says it,
   * and beside a carrier keyword's answer (HELP), which stands alone.
   */
  private async sayNotices(context: TurnContext, askingForPerson: boolean, keyword: boolean, aboutHours: boolean, greeting: boolean): Promise<void> {
    const { norms, business } = this.deps;
    const now = this.deps.clock();
    const client = clientOf(context);
    const first = await norms.firstContactNotice(client.id, now);
    if (first) await context.sendActivity(first);
    if (askingForPerson || keyword) return;
    const hours = hoursOf(context, business, now);
    if (aboutHours) {
      await norms.afterHoursToldOtherwise(conversationKey(context), hours, now);
      return;
    }
    const notice = await norms.afterHoursNotice(conversationKey(context), hours, now);
    if (!notice) return;
    // "hi" after hours: one greeting that says we're closed, short enough for one text.
    if (greeting) context.turnState.set(CLOSED_GREETING, norms.openingText(hours, now) ?? '');
    else await context.sendActivity(notice);
  }

  /** Puts the client in line for a person; outside open hours enterQueue says when someone will text. */
  private async toPerson(context: TurnContext, reason: HandoffReason): Promise<void> {
    await enterQueue(context, this.deps, { reason });
  }

  /** An urgent message: the on-call person after hours, the front of the line in open hours. */
  private async handleUrgent(context: TurnContext): Promise<boolean> {
    const activity = context.activity;
    if (activity.type !== ActivityTypes.Message) return false;
    const { urgent: keyword, text } = readingOf(context);
    if (!keyword) return false;
    const client = clientOf(context);
    const label = client.name ? `${client.name} (${client.address})` : client.address;
    const result = await this.deps.norms.handleUrgent(
      { clientId: client.id, label, channel: clientChannelOf(context), conversationId: activity.conversation?.id ?? '' },
      text,
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
  private async sayImpossibleWhen(step: WaterfallStepContext, reading: TurnReading, lastDate: string | null): Promise<DialogTurnResult | null> {
    if (reading.intent !== 'book' && reading.intent !== 'other') return null;
    const found = reading.impossible;
    // "my run was 45:00" is no request; "at 45:00", "feb 30" or "book 10:75" is.
    if (!found || !(found.certain || reading.intent === 'book' || reading.service !== null)) return null;
    const memory = await memoryOf(step.context);
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
    // A booking that gave way to moving the client's own appointment: the move goes on from its time.
    const moveInstead = (step.result as Partial<MoveInstead> | undefined)?.moveInstead;
    if (moveInstead?.appointmentId) {
      const state: MoveState = { candidates: [], reading: { ...NO_READING }, appointmentId: moveInstead.appointmentId, when: moveInstead };
      return step.replaceDialog(RESCHEDULE_DIALOG, state);
    }
    // Just booked: "make that 4 instead" next moves it.
    const result = step.result as Partial<Appointment> | undefined;
    if (result?.id && result.status === 'booked') {
      (await memoryOf(step.context)).justBooked = result.id;
    }
    return step.endDialog(step.result);
  }

  /** The booking asked for; a time with no date takes the date the last answer was about. */
  private bookingFrom(reading: TurnReading, lastDate: string | null = null) {
    return newBooking({
      serviceId: reading.service,
      // "a haircut and a beard trim": the others are booked right after, one by one.
      then: reading.services.filter((s) => s !== reading.service),
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

/** The router's memory for this conversation, through the accessor run() left in turn state. */
function memoryOf(context: TurnContext): Promise<RouterMemory> {
  return (context.turnState.get(MEMORY_KEY) as StatePropertyAccessor<RouterMemory>).get(context, { misses: 0 });
}
const NO_READING: Reading = { intent: 'other', service: null, date: null, time: null, window: null, faq: null, staff: null };
/** turnState: the after-hours notice goes into this turn's greeting; its value says when we open. */
const CLOSED_GREETING = Symbol('frontdesk.closedGreeting');


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
