// Consent, right after identity: STOP (and its loose forms) opts the address out with one
// confirmation, START opts back in, HELP (on text lines, or from an opted-out address) answers
// with who we are, how to reach a person and how to stop; elsewhere the dialogs' help answers it. While an address
// is opted out nothing else it sends gets a reply: carriers (CTIA) treat any message after STOP,
// other than the confirmation and answers to START/HELP, as unwanted.
import { ActivityTypes, TurnContext, type ConversationState, type Middleware } from 'botbuilder';
import type { Business, Client } from '../domain/types';
import type { Logger } from '../log';
import type { ConsentStore } from '../ports/consent';
import type { ConversationReferenceStore } from '../ports/messaging';
import type { Texts } from '../text/en';
import { readingOf } from '../turn-state';
import type { ServiceUrlRule } from '../config/service-urls';
import { identityOf } from './identity';
import { clientIfKnown, markKeywordHelpSent } from '../turn-state';

/** Channels where carrier rules (CTIA) apply to keywords. */
const TEXT_CHANNELS: readonly string[] = ['sms', 'whatsapp'];

export interface ConsentMiddlewareDeps {
  consent: ConsentStore;
  references: ConversationReferenceStore;
  conversationState: ConversationState;
  business: Business;
  texts: Texts;
  clock: () => Date;
  logger: Logger;
  /** Which serviceUrls a Bot Framework conversation reference may name; others are not saved. */
  serviceUrls: ServiceUrlRule;
}

export class ConsentMiddleware implements Middleware {
  constructor(private readonly deps: ConsentMiddlewareDeps) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const client = clientIfKnown(context);
    if (context.activity.type !== ActivityTypes.Message || !client) {
      await next();
      return;
    }
    const { consent, business, texts, logger } = this.deps;
    const now = this.deps.clock();
    // STOP and START in so many words ("stop texting me"), HELP or INFO alone; a bare "cancel" is
    // never an opt-out, since it usually means an appointment.
    const { keyword } = readingOf(context);

    if (keyword === 'stop') {
      await consent.optOut(client.address, 'keyword', now);
      await this.forgetConversation(context);
      logger.info({ client: client.id, channel: context.activity.channelId }, 'client opted out');
      await context.sendActivity(texts.optedOut(business));
      return;
    }
    if (keyword === 'start') {
      await consent.optIn(client.address, 'keyword', now);
      await this.remember(context, client, now);
      logger.info({ client: client.id, channel: context.activity.channelId }, 'client opted in');
      await context.sendActivity(texts.optedIn(business));
      return;
    }
    const optedOut = await consent.isOptedOut(client.address);
    // The proven channel, not the claimed one: "sms" posted to /api/messages is no text line.
    if (keyword === 'help' && (optedOut || TEXT_CHANNELS.includes(identityOf(context)?.channel ?? ''))) {
      await context.sendActivity(texts.keywordHelp(business));
      if (optedOut) return;
      // The conversation goes on: a flow in progress asks its question again.
      markKeywordHelpSent(context);
    }
    if (optedOut) {
      logger.debug({ client: client.id }, 'message from an opted-out address: no reply');
      return;
    }
    await this.remember(context, client, now);
    await next();
  }

  /** The flow in progress ends with the opt-out; a later START begins afresh. */
  private async forgetConversation(context: TurnContext): Promise<void> {
    const state = this.deps.conversationState;
    await state.load(context);
    await state.clear(context);
    await state.saveChanges(context, true);
  }

  /**
   * The latest reference on this channel, so proactive messages can reach the client here. A Bot
   * Framework reference is kept only when its serviceUrl is one the bot may call: proactive
   * messages are posted to it, long after the request that named it.
   */
  private async remember(context: TurnContext, client: Client, now: Date): Promise<void> {
    const identity = identityOf(context);
    if (!identity) return;
    const reference = TurnContext.getConversationReference(context.activity);
    if (identity.provenBy === 'bot_framework' && !this.deps.serviceUrls.allows(reference.serviceUrl)) {
      this.deps.logger.warn({ client: client.id, channel: identity.channel, serviceUrls: this.deps.serviceUrls.mode }, 'conversation reference not saved: its serviceUrl is not allowed');
      return;
    }
    try {
      await this.deps.references.save(client.id, identity.channel, reference, now);
    } catch (err) {
      this.deps.logger.error({ err }, 'could not save a conversation reference');
    }
  }
}
