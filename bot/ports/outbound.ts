/**
 * Outbound messages outside a conversation turn: reminders, staff replies, queue updates.
 * A MessageSender is a raw provider send. Consent, quiet hours and throttling are layered on top
 * of it, never inside it, so each concern can be tested on its own.
 */

export type OutboundChannel = 'sms' | 'whatsapp';

export interface OutboundMessage {
  /** E.164 phone number, bare (no `whatsapp:` prefix). */
  to: string;
  channel: OutboundChannel;
  text: string;
  /** Public URLs of media to attach (MMS / WhatsApp media). */
  mediaUrls?: string[];
  /** What the message is for: 'reminder' | 'staff_reply' | 'queue_update' | ... */
  kind: string;
}

export type SendResult =
  | { ok: true; providerId: string; segments: number }
  | {
      ok: false;
      /**
       * The provider's error code (Twilio: '21610', '21211', ...), 'network' when the provider
       * could not be reached, 'timeout' when it did not answer within the send timeout, or
       * 'whatsapp_template_required' when a WhatsApp message needs an approved template and none
       * is configured (the caller may fall back to SMS).
       */
      code: string;
      /** True when the same message may succeed if sent again later. */
      retryable: boolean;
      message: string;
    };

export interface MessageSender {
  send(message: OutboundMessage): Promise<SendResult>;
}
