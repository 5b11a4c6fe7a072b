// Proactive messages on Bot Framework channels (Web Chat, Teams, the Emulator): continue the
// client's saved conversation through the adapter, as botbuilder's proactive-messages sample does.
// The adapter's connector gives up after the send timeout (connector-timeout.ts), which comes back
// here as an AbortError.
import type { BotAdapter } from 'botbuilder';
import { SERVICE_URL_REFUSED } from '../../bot/config/service-urls';
import type { ChannelSender, SendOutcome } from '../../bot/ports/outbound';
import { SEND_TIMEOUT_CODE, isTimeoutError } from '../../bot/services/send-timeout';

/** A failed continueConversation as an outcome. */
export function botFrameworkOutcome(error: unknown): SendOutcome {
  const message = error instanceof Error ? error.message : String(error);
  // A serviceUrl off the allow-list stays off it: the adapter refused before calling anything.
  if ((error as { code?: unknown } | null)?.code === SERVICE_URL_REFUSED) return { kind: 'permanent', code: SERVICE_URL_REFUSED, message };
  // The channel service was unreachable, refused or did not answer: worth another try later.
  return { kind: 'retry', code: isTimeoutError(error) ? SEND_TIMEOUT_CODE : 'channel_error', message };
}

export function adapterConversationSender(adapter: BotAdapter, botAppId: string): ChannelSender {
  return {
    async send(message, reference): Promise<SendOutcome> {
      if (!reference) return { kind: 'permanent', code: 'no_reference', message: `no conversation on ${message.channel} to continue` };
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
        return botFrameworkOutcome(error);
      }
      return { kind: 'sent', providerId: id || `${message.channel}:${message.id}`, segments: 1 };
    },
  };
}
