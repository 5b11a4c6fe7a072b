// The outbox's sender for web chat clients: a message outside the client's turn goes into their
// mailbox, which an open stream delivers at once and a page opened later is given on connect. The
// mailbox is the provider here: once the message is in it, it is sent.
import type { ChannelSender } from '../../bot/ports/outbound';
import type { WebchatMailbox } from './mailbox';
import { identityIdOfAddress } from './webchat-adapter';

export function webchatSender(mailbox: WebchatMailbox): ChannelSender {
  return {
    async send(message) {
      const id = identityIdOfAddress(message.address);
      if (id === null) return { kind: 'permanent', code: 'not_a_webchat_address', message: 'the address is not a web chat identity' };
      try {
        const seq = await mailbox.put(id, { messageId: message.id, text: message.text, media: message.mediaUrls });
        return { kind: 'sent', providerId: `webchat:${seq}`, segments: 1 };
      } catch (err) {
        return { kind: 'retry', code: 'mailbox_unavailable', message: err instanceof Error ? err.message : String(err) };
      }
    },
  };
}
