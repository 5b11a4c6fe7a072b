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
      // A failed send is caught inside the turn: left to the adapter, it would run the turn's error
      // handler, which apologises to the client (one more send to the same dead host) and then lets
      // this proactive message count as sent.
      let failed: { error: unknown } | null = null;
      try {
        await adapter.continueConversationAsync(botAppId, reference, async (context) => {
          try {
            const sent = await context.sendActivity({
              type: 'message',
              text: message.text,
              attachments: message.mediaUrls.map((url) => ({ contentType: 'image/*', contentUrl: url })),
              channelData: { kind: message.kind },
            });
            id = sent?.id ?? '';
          } catch (error) {
            failed = { error };
          }
        });
        if (failed) throw (failed as { error: unknown }).error;
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
