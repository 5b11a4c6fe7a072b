/**
 * Outbound messages outside a conversation turn: reminders, staff replies, queue updates.
 * Every channel has one ChannelSender: it sends a queued message and tells the outbound layer
 * what happened in provider-neutral terms (SendOutcome). Consent, quiet hours, throttling and
 * retries are layered on top of it, never inside it; a provider's own codes and rules (an
 * opted-out number, a messaging window, a platform error) are read only by its sender.
 */
import type { ConversationReference } from 'botbuilder';
import type { QueuedMessage } from './messaging';

/** What a send came to; the outbound layer acts on `kind` only and keeps `code` as the reason. */
export type SendOutcome =
  /** The provider has the message. */
  | { kind: 'sent'; providerId: string; segments?: number }
  /** Not delivered, but the same message may go through later (rate limits, outages, timeouts). */
  | { kind: 'retry'; code: string; message?: string }
  /** The recipient opted out at the provider or carrier: record it, never send to them again. */
  | { kind: 'opted_out'; code: string }
  /** The same message will fail however often it is sent. */
  | { kind: 'permanent'; code: string; message?: string }
  /** This channel may not carry this message now, but a text message to the same person may. */
  | { kind: 'fallback_sms'; code: string };

export interface ChannelSender {
  /**
   * Sends one queued message. `reference` is the client's saved conversation on the message's
   * channel, when there is one. Expected failures come back as outcomes, not errors.
   */
  send(message: QueuedMessage, reference: Partial<ConversationReference> | null): Promise<SendOutcome>;
  /**
   * True when every send goes from the business's one number and so shares its rate (carriers
   * filter a long code sending faster); chat channels are not held to it.
   */
  readonly sharesNumberRate?: boolean;
}

export type OutboundChannel = 'sms' | 'whatsapp';
/** The channels a text-message sender carries, all from the business's number. */
export const TEXT_MESSAGE_CHANNELS: readonly OutboundChannel[] = ['sms', 'whatsapp'];

/** A raw text-message send, as the text-message channel makes it (in-turn replies, on-call texts). */
export interface OutboundMessage {
  /** E.164 phone number, bare (no channel prefix). */
  to: string;
  channel: OutboundChannel;
  text: string;
  /** Public URLs of media to attach (MMS / WhatsApp media). */
  mediaUrls?: string[];
  /** What the message is for: 'reminder' | 'staff_reply' | 'queue_update' | ... */
  kind: string;
}

/** A raw text-message send's answer; its codes are the provider's and only its channel reads them. */
export type SendResult =
  | { ok: true; providerId: string; segments: number }
  | {
      ok: false;
      /** The provider's error code, 'network' when it could not be reached, 'timeout' when it did not answer in time. */
      code: string;
      /** True when the same message may succeed if sent again later. */
      retryable: boolean;
      message: string;
    };

export interface MessageSender {
  send(message: OutboundMessage): Promise<SendResult>;
  /**
   * This sender as the outbound queue's sender for text messages, reading the provider's own
   * codes. Without it, a raw answer reads as sent, retry (retryable) or permanent.
   */
  outboxSender?(): ChannelSender;
}
