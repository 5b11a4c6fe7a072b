// The Twilio channel as a botbuilder adapter: a verified webhook becomes an Activity, the bot runs
// through the same middleware and dialogs as every channel, and the replies made during the turn
// come back rendered for a text message (the route turns them into TwiML). Outside a turn
// (continueConversation), messages go out through a MessageSender.
import {
  ActivityTypes,
  TurnContext,
  type Activity,
  type ResourceResponse,
  type Storage,
} from 'botbuilder';
import { logTag, silentLogger, type Logger } from '../../bot/log';
import { provenFrom } from '../../bot/middleware/identity';
import { languageOf, proveIdentity } from '../../bot/turn-state';
import { textsFor } from '../../bot/text';
import { languageInForce } from '../../bot/text/speaking';
import type { MessageSender, OutboundChannel, SendResult } from '../../bot/ports/outbound';
import { pickChoice, renderReply, type RenderedReply, type TextChannel } from './sms-render';
import { DEFAULT_MAX_SEGMENTS } from './sms-split';
import type { InboundTextMessage } from './webhook-request';
import { ChannelAdapter } from '../shared/channel-adapter';

/** turnState key of the replies collected during a webhook's turn. */
const TURN_REPLIES = Symbol('twilioTurnReplies');

export interface TwilioAdapterOptions {
  /**
   * Sends messages outside a turn. Pass the consent-checked, throttled sender of the outbound
   * layer where there is one; null when no Twilio account is configured (proactive sends fail).
   */
  sender: MessageSender | null;
  /** Where numbered choices are remembered between a question and its digit reply. */
  storage: Storage;
  /** Goes into activities' serviceUrl (the API base), which conversation references keep. */
  serviceUrl: string;
  maxSegments?: number;
  /** Where a failure to remember numbered choices after a turn is reported (the turn's reply still stands). */
  logger?: Logger;
}

export class TwilioSendError extends Error {
  readonly code: string;
  readonly retryable: boolean;
  constructor(result: Extract<SendResult, { ok: false }>) {
    super(`frontdesk_twilio_send_failed: ${result.code}: ${result.message}`);
    this.name = 'TwilioSendError';
    this.code = result.code;
    this.retryable = result.retryable;
  }
}

/** One conversation per client number, business number and channel. */
export function conversationIdFor(channel: TextChannel, client: string, business: string): string {
  return `${channel}:${client}:${business}`;
}

export function activityFromInbound(message: InboundTextMessage, now: Date, serviceUrl: string): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    id: message.messageSid,
    timestamp: now,
    channelId: message.channel,
    serviceUrl,
    from: { id: message.from, name: message.profileName ?? message.from, role: 'user' },
    recipient: { id: message.to, name: message.to, role: 'bot' },
    conversation: {
      id: conversationIdFor(message.channel, message.from, message.to),
      isGroup: false,
      conversationType: 'personal',
      name: message.channel,
    },
    text: message.body,
    textFormat: 'plain',
    attachments: message.media.map((m) => ({ contentType: m.contentType, contentUrl: m.url })),
    channelData: { messageSid: message.messageSid, accountSid: message.accountSid },
  };
}

interface StoredChoices {
  values: string[];
}

export class TwilioAdapter extends ChannelAdapter {
  private readonly sender: MessageSender | null;
  private readonly storage: Storage;
  private readonly serviceUrl: string;
  private readonly maxSegments: number;
  private readonly logger: Logger;

  constructor(options: TwilioAdapterOptions) {
    super();
    this.logger = options.logger ?? silentLogger();
    this.sender = options.sender;
    this.storage = options.storage;
    this.serviceUrl = options.serviceUrl;
    this.maxSegments = options.maxSegments ?? DEFAULT_MAX_SEGMENTS;
  }

  /**
   * Runs one turn for an inbound message (already verified and deduplicated) and returns the
   * replies rendered as text messages. A digit answering choices this channel numbered is turned
   * into the choice's value before the bot sees it.
   */
  async processMessage(message: InboundTextMessage, now: Date, logic: (context: TurnContext) => Promise<void>): Promise<RenderedReply> {
    const activity = activityFromInbound(message, now, this.serviceUrl);
    const key = `twilio/choices/${activity.conversation?.id ?? ''}`;
    const stored = (await this.storage.read([key]))[key] as StoredChoices | undefined;
    if (stored && Array.isArray(stored.values)) {
      const picked = pickChoice(activity.text ?? '', stored.values);
      if (picked !== null) {
        activity.channelData = { ...activity.channelData, typed: activity.text };
        activity.text = picked;
      }
    }

    const replies: Partial<Activity>[] = [];
    const context = new TurnContext(this, activity);
    // The webhook's signature was checked before this turn: Twilio vouches for the sender's number.
    proveIdentity(context, provenFrom(message.channel, message.from));
    context.turnState.set(TURN_REPLIES, replies);
    await this.runMiddleware(context, logic);

    // Rendered after the turn, so choices are numbered in the language the turn spoke.
    const rendered = renderReply(replies, message.channel, this.maxSegments, textsFor(languageOf(context, languageInForce('en'))));
    // The turn has run (a booking may be made): failing here must not fail the message, or the
    // provider's retry would run the turn again. A digit reply then just is not mapped.
    try {
      if (rendered.choiceValues) await this.storage.write({ [key]: { values: rendered.choiceValues, eTag: '*' } });
      else if (stored) await this.storage.delete([key]);
    } catch (error) {
      this.logger.error({ err: error, conversation: logTag(activity.conversation?.id ?? '') }, 'numbered choices not saved after a turn');
    }
    return rendered;
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const collected = context.turnState.get(TURN_REPLIES) as Partial<Activity>[] | undefined;
    if (collected) {
      // During a webhook's turn the replies go back in the HTTP response, as TwiML.
      collected.push(...activities);
      return activities.map((a, i) => ({ id: `${context.activity.id ?? 'reply'}-${collected.length - activities.length + i}` }));
    }
    return this.sendProactive(context, activities);
  }

  private async sendProactive(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const messages = activities.filter((a) => a.type === ActivityTypes.Message);
    if (messages.length === 0) return activities.map(() => ({ id: '' }));
    if (!this.sender) {
      throw new Error('frontdesk_twilio_not_configured: set TWILIO_ACCOUNT_SID and a sender to message clients outside a conversation');
    }
    const channel: OutboundChannel = context.activity.channelId === 'whatsapp' ? 'whatsapp' : 'sms';
    const to = (context.activity.from?.id ?? '').replace(/^whatsapp:/, '');
    const kind = (messages[0]?.channelData as { kind?: unknown } | undefined)?.kind;
    const rendered = renderReply(messages, channel, this.maxSegments);
    let firstId = '';
    for (const message of rendered.messages) {
      const result = await this.sender.send({
        to,
        channel,
        text: message.body,
        mediaUrls: message.mediaUrls,
        kind: typeof kind === 'string' ? kind : 'proactive',
      });
      if (!result.ok) throw new TwilioSendError(result);
      if (firstId === '') firstId = result.providerId;
    }
    return activities.map(() => ({ id: firstId }));
  }

  async updateActivity(): Promise<void> {
    throw new Error('frontdesk_twilio_unsupported: a sent text message cannot be edited');
  }

  async deleteActivity(): Promise<void> {
    throw new Error('frontdesk_twilio_unsupported: a sent text message cannot be deleted');
  }


}
