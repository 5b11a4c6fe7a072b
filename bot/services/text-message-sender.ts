// A raw text-message sender (MessageSender) as the outbound queue's sender. A channel that knows
// its provider's codes offers its own reading (MessageSender.outboxSender); any other raw sender's
// answer reads only as far as it says: sent, worth another try, or not.
import type { QueuedMessage } from '../ports/messaging';
import type { ChannelSender, MessageSender, OutboundChannel, OutboundMessage, SendOutcome, SendResult } from '../ports/outbound';

/** A queued message as a raw text-message send on its channel. */
export function textMessage(message: QueuedMessage): OutboundMessage {
  return {
    to: message.address,
    channel: message.channel as OutboundChannel,
    text: message.text,
    mediaUrls: message.mediaUrls.length > 0 ? message.mediaUrls : undefined,
    kind: message.kind,
  };
}

/** A raw answer with nothing known about its codes. */
export function plainOutcome(result: SendResult): SendOutcome {
  if (result.ok) return { kind: 'sent', providerId: result.providerId, segments: result.segments };
  return result.retryable ? { kind: 'retry', code: result.code, message: result.message } : { kind: 'permanent', code: result.code, message: result.message };
}

/** The outbox sender for a raw text-message sender: its own when it has one. */
export function textMessageSender(raw: MessageSender): ChannelSender {
  if (raw.outboxSender) return raw.outboxSender();
  return {
    sharesNumberRate: true,
    async send(message) {
      return plainOutcome(await raw.send(textMessage(message)));
    },
  };
}
