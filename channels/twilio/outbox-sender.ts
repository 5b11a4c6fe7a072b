// The outbound queue's sender for SMS, MMS and WhatsApp: a queued message through Twilio, and
// Twilio's answer in the outbound layer's terms. Every Twilio code and WhatsApp rule the queue
// acts on is read here.
import { isE164 } from '../../bot/domain/phone';
import type { QueuedMessage } from '../../bot/ports/messaging';
import { TEXT_MESSAGE_CHANNELS, type ChannelSender, type MessageSender, type SendOutcome, type SendResult } from '../../bot/ports/outbound';
import { textMessage } from '../../bot/services/text-message-sender';

/** Twilio: the recipient replied STOP to the sending number (carrier-level opt-out). */
export const TWILIO_OPTED_OUT = '21610';
/** Our own code: WhatsApp needs an approved template outside the 24-hour session and none is configured. */
export const WHATSAPP_TEMPLATE_REQUIRED = 'whatsapp_template_required';
/** Twilio: a free-form WhatsApp message outside the 24-hour session (the session ended mid-send). */
const WHATSAPP_OUTSIDE_SESSION = '63016';

/** Twilio's answer to one send on `channel` as an outcome. */
export function twilioOutcome(result: SendResult, channel: string): SendOutcome {
  if (result.ok) return { kind: 'sent', providerId: result.providerId, segments: result.segments };
  if (result.code === TWILIO_OPTED_OUT) return { kind: 'opted_out', code: result.code };
  if (result.code === WHATSAPP_TEMPLATE_REQUIRED || result.code === WHATSAPP_OUTSIDE_SESSION) {
    // The 24-hour rule is WhatsApp's alone: the same number can still be sent an SMS.
    return channel === 'whatsapp' ? { kind: 'fallback_sms', code: result.code } : { kind: 'permanent', code: result.code, message: result.message };
  }
  if (result.retryable) return { kind: 'retry', code: result.code, message: result.message };
  return { kind: 'permanent', code: result.code, message: result.message };
}

/** Queued SMS and WhatsApp messages through a raw Twilio sender. */
export function twilioOutboxSender(raw: MessageSender): ChannelSender {
  return {
    sharesNumberRate: true,
    async send(message: QueuedMessage): Promise<SendOutcome> {
      if (!(TEXT_MESSAGE_CHANNELS as readonly string[]).includes(message.channel)) return { kind: 'permanent', code: 'not_a_text_channel', message: `Twilio does not send on ${message.channel}` };
      if (!isE164(message.address)) return { kind: 'permanent', code: 'bad_address', message: 'not a phone number' };
      return twilioOutcome(await raw.send(textMessage(message)), message.channel);
    },
  };
}
