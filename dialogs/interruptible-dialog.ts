// Interruptions handled once for every flow: a request for another language, "never mind" / "start over", "help", "talk to a
// person", a question about the business ("how much is it?") or about the client's appointments
// (answered, then the pending question is asked again), and a request for another flow entirely
// ("cancel my appointment" while booking), which ends this flow and starts that one.
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { ComponentDialog, DialogTurnStatus, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { Reading, TurnReading } from '../bot/understanding/types';
import { readingOf } from '../bot/turn-state';
import type { DialogDeps } from './deps';
import { clientOf, keywordHelpSent, languageAskedOf, requestReroute } from '../bot/turn-state';
import { describe } from './appointment-choice';
import { enterQueue } from './handoff';

export abstract class InterruptibleDialog extends ComponentDialog {
  protected constructor(
    id: string,
    protected readonly deps: DialogDeps,
  ) {
    super(id);
  }

  /** Whether a bare "cancel" ends this flow (true except where "cancel" answers the question). */
  protected bareCancelAbandons(_dc: DialogContext): boolean {
    return true;
  }

  /** Whether the message asks for another flow than this one, so this one ends and that one starts. */
  protected async switchesFlow(_dc: DialogContext, _reading: Reading): Promise<boolean> {
    return false;
  }

  /** Said when this flow ends for another one, so the client knows nothing of it was kept. */
  protected leavingNotice(): string | null {
    return null;
  }

  /** The service this flow is about, so "how much is it?" is answered for it. */
  protected async serviceInFlow(_dc: DialogContext): Promise<string | null> {
    return null;
  }

  override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const result = await this.interrupt(innerDc);
    if (result) return result;
    return super.onContinueDialog(innerDc);
  }

  private async interrupt(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const activity = innerDc.context.activity;
    if (activity.type !== ActivityTypes.Message) return undefined;
    const reading = readingOf(innerDc.context);
    const { texts, business } = this.deps;
    // "en español por favor" and nothing else: said in the language asked for, then the question again in it.
    if (languageAskedOf(innerDc.context)?.only) {
      await innerDc.context.sendActivity(texts.languageSwitched(true));
      return this.askAgain(innerDc);
    }
    if (reading.abandon || (reading.bareCancel && this.bareCancelAbandons(innerDc))) {
      await innerDc.context.sendActivity(texts.cancelledFlow());
      return innerDc.cancelAllDialogs(true);
    }
    // A name at a name prompt, a choice at an offer: the answer, whatever else its words could mean.
    if (reading.name !== null && reading.expecting?.kind === 'name') return undefined;
    if (reading.choice !== null) return undefined;
    if (reading.intent === 'help' && isShort(reading.text)) {
      // On a text line the consent middleware has already given the carrier HELP answer.
      if (!keywordHelpSent(innerDc.context)) await innerDc.context.sendActivity(texts.help(business));
      return this.askAgain(innerDc);
    }
    if (reading.intent === 'human') {
      // The flow in progress ends: from here on a person answers, and the bot stays quiet.
      await innerDc.cancelAllDialogs(true);
      await enterQueue(innerDc.context, this.deps, { reason: reading.staff ? 'named_staff' : 'asked_for_person' });
      return { status: DialogTurnStatus.complete };
    }
    const aside = await this.answerAside(innerDc, reading);
    if (aside) return this.askAgain(innerDc);
    if (await this.switchesFlow(innerDc, reading)) {
      // Nothing of this flow is kept: it had booked or changed nothing yet.
      const notice = this.leavingNotice();
      if (notice) await innerDc.context.sendActivity(notice);
      requestReroute(innerDc.context);
      await innerDc.cancelAllDialogs(true);
      return { status: DialogTurnStatus.complete };
    }
    return undefined;
  }

  /** Re-asks the question that was pending, leaving the flow where it was. */
  private async askAgain(innerDc: DialogContext): Promise<DialogTurnResult> {
    await innerDc.repromptDialog();
    return { status: DialogTurnStatus.waiting };
  }

  /**
   * A question beside the flow: one about the business that an FAQ entry answers, the service
   * list, or the client's own appointments. A message that also gives a time is an answer to the
   * flow, not an aside. Returns whether it answered.
   */
  private async answerAside(innerDc: DialogContext, reading: TurnReading): Promise<boolean> {
    if (reading.time || reading.window) return false;
    const { business, answers, texts, scheduling } = this.deps;
    const context: TurnContext = innerDc.context;
    if (reading.intent === 'faq' && reading.faq) {
      const faq = business.faqs.find((f) => f.id === reading.faq);
      if (!faq) return false;
      const serviceId = reading.service ?? (await this.serviceInFlow(innerDc));
      await context.sendActivity(answers.answer(faq, this.deps.clock(), { namedDay: reading.namedDay, date: reading.date, serviceId }).text);
      return true;
    }
    if (reading.intent === 'other' && !reading.service && !reading.date && reading.catalogue) {
      await context.sendActivity(answers.catalogue());
      return true;
    }
    if (reading.intent === 'list' && !reading.date) {
      const upcoming = await scheduling.upcoming(clientOf(context).id, this.deps.clock());
      await context.sendActivity(upcoming.length === 0 ? texts.noUpcoming() : texts.upcomingList(upcoming.map((a) => describe(this.deps, a))));
      return true;
    }
    return false;
  }
}

/** "help" or "what can you do?" interrupts; a long sentence that mentions help is an answer. */
function isShort(text: string): boolean {
  return text.split(/\s+/).length <= 5;
}
