// A raw provider send through Twilio's Messages API. No consent, quiet-hours or throttling logic
// here: the outbound layer wraps this sender with those rules.
import type { Logger } from '../../bot/log';
import type { DeliveryLog } from '../../bot/ports/delivery-log';
import type { InboundMessageLog } from '../../bot/ports/inbound-log';
import type { ChannelSender, MessageSender, OutboundMessage, SendResult } from '../../bot/ports/outbound';
import type { TwilioMessagesClient } from './messages-client';
import { WHATSAPP_TEMPLATE_REQUIRED, twilioOutboxSender } from './outbox-sender';
import { preferGsm, segmentCount } from './sms-encoding';

export interface TwilioSenderConfig {
  /** E.164 sender; WhatsApp messages go from `whatsapp:` + this number. */
  phoneNumber?: string;
  /** Preferred over phoneNumber when set: Twilio picks the sender from the service's pool. */
  messagingServiceSid?: string;
  /** PUBLIC_URL + /api/twilio/status, so delivery reports come back to us. */
  statusCallbackUrl?: string;
  /** Approved WhatsApp template (Content SID) for messages outside the 24-hour session. */
  whatsappTemplateSid?: string;
}

/** WhatsApp lets a business send free-form messages only within 24 hours of the client's last message. */
export const WHATSAPP_SESSION_MS = 24 * 60 * 60 * 1000;

export class TwilioMessageSender implements MessageSender {
  constructor(
    private readonly client: TwilioMessagesClient,
    private readonly config: TwilioSenderConfig,
    private readonly records: { inbound: InboundMessageLog; deliveries: DeliveryLog },
    private readonly clock: () => Date,
    private readonly logger?: Logger,
  ) {
    if (!config.phoneNumber && !config.messagingServiceSid) {
      throw new Error('frontdesk_twilio_no_sender: TwilioMessageSender needs a phone number or a messaging service sid');
    }
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    const now = this.clock();
    const whatsapp = message.channel === 'whatsapp';
    const text = whatsapp ? message.text : preferGsm(message.text);
    const params: Record<string, string | string[] | undefined> = {
      To: whatsapp ? `whatsapp:${message.to}` : message.to,
      StatusCallback: this.config.statusCallbackUrl,
    };
    if (this.config.messagingServiceSid) params.MessagingServiceSid = this.config.messagingServiceSid;
    else params.From = whatsapp ? `whatsapp:${this.config.phoneNumber}` : this.config.phoneNumber;

    if (whatsapp && !(await this.inSession(message.to, now))) {
      if (!this.config.whatsappTemplateSid) {
        return {
          ok: false,
          code: WHATSAPP_TEMPLATE_REQUIRED,
          retryable: false,
          message: 'WhatsApp allows free-form messages only within 24 hours of the client writing; no template is configured',
        };
      }
      // The template carries the whole text in its one variable, {{1}}.
      params.ContentSid = this.config.whatsappTemplateSid;
      params.ContentVariables = JSON.stringify({ 1: text });
    } else {
      params.Body = text;
    }
    if (message.mediaUrls && message.mediaUrls.length > 0) params.MediaUrl = message.mediaUrls;

    const result = await this.client.createMessage(params);
    if (!result.ok) return { ok: false, code: result.code, retryable: result.retryable, message: result.message };
    try {
      await this.records.deliveries.recordSent(
        { providerId: result.sid, address: message.to, channel: message.channel, kind: message.kind, status: result.status },
        now,
      );
    } catch (err) {
      // Twilio has the message: reporting a failure now would have the queue send it a second time.
      this.logger?.error({ err, messageSid: result.sid }, 'could not record a sent message');
    }
    return { ok: true, providerId: result.sid, segments: result.numSegments ?? Math.max(segmentCount(text), 1) };
  }

  /** The outbound queue's sender for SMS and WhatsApp, reading Twilio's codes (outbox-sender.ts). */
  outboxSender(): ChannelSender {
    return twilioOutboxSender(this);
  }

  private async inSession(address: string, now: Date): Promise<boolean> {
    const last = await this.records.inbound.lastReceivedAt(address, 'whatsapp');
    return last !== null && now.getTime() - Date.parse(last) < WHATSAPP_SESSION_MS;
  }
}
