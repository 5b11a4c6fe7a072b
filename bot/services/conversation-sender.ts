// Proactive messages on Bot Framework channels (Web Chat, Teams, the Emulator): continue the
// client's saved conversation through the adapter, as botbuilder's proactive-messages sample does.
// The adapter's connector gives up after the send timeout (see channels/botframework), which
// comes back here as an AbortError.
import type { BotAdapter, ConversationReference } from 'botbuilder';
import { SERVICE_URL_REFUSED } from '../config/service-urls';
import type { QueuedMessage } from '../ports/messaging';
import type { SendResult } from '../ports/outbound';
import type { ConversationSender } from './outbound-service';
import { SEND_TIMEOUT_CODE, isTimeoutError } from './send-timeout';

export function adapterConversationSender(adapter: BotAdapter, botAppId: string): ConversationSender {
  return {
    async send(reference: Partial<ConversationReference>, message: QueuedMessage): Promise<SendResult> {
      let id = '';
      try {
        await adapter.continueConversationAsync(botAppId, reference, async (context) => {
          const sent = await context.sendActivity({
            type: 'message',
            text: message.text,
            attachments: message.mediaUrls.map((url) => ({ contentType: 'image/*', contentUrl: url })),
            channelData: { kind: message.kind },
          });
          id = sent?.id ?? '';
        });
      } catch (error) {
        // A serviceUrl off the allow-list stays off it: the adapter refused before calling anything.
        if ((error as { code?: unknown } | null)?.code === SERVICE_URL_REFUSED) {
          return { ok: false, code: SERVICE_URL_REFUSED, retryable: false, message: (error as Error).message };
        }
        // The channel service was unreachable, refused or did not answer: worth another try later.
        const code = isTimeoutError(error) ? SEND_TIMEOUT_CODE : 'channel_error';
        return { ok: false, code, retryable: true, message: error instanceof Error ? error.message : String(error) };
      }
      return { ok: true, providerId: id || `${message.channel}:${message.id}`, segments: 1 };
    },
  };
}
