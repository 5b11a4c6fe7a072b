// The Bot Framework channel (Web Chat, Teams, the Emulator) through botbuilder's CloudAdapter:
// its adapter and proactive sender before the core exists, its route on the HTTP host after.
import {
  CloudAdapter,
  ConfigurationServiceClientCredentialFactory,
  createBotFrameworkAuthenticationFromConfiguration,
} from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import type { Settings } from '../../bot/config/settings';
import type { Logger } from '../../bot/log';
import type { ChannelParts, TurnHost } from '../../bot/ports/channels';
import { OTHER_CHANNELS } from '../../bot/services/outbound-service';
import { boundConnectorCalls } from './connector-timeout';
import { adapterConversationSender } from './conversation-sender';
import { checkActivityShape } from './activity-shape';
import { captureResponse, classifyAnswer, sendAdapterAnswer, sendRefusal } from './adapter-response';
import { guardInboundAuthentication, openIdMetadataConfiguration } from './inbound-auth';
import { screenToken } from './token-screen';
import { serviceUrlRuleFor } from '../../bot/config/service-urls';
import { callerGate } from './caller-gate';
import { ServiceUrlCheckedAdapter } from './service-url-adapter';

/**
 * CloudAdapter for the Bot Framework protocol. With no MicrosoftAppId it accepts anonymous requests
 * (as the Emulator expects); with one, every request's JWT is checked.
 */
export function createCloudAdapter(settings: Settings): CloudAdapter {
  const credentials = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: settings.microsoftAppId ?? undefined,
    MicrosoftAppPassword: settings.microsoftAppPassword ?? undefined,
    MicrosoftAppType: settings.microsoftAppType,
    MicrosoftAppTenantId: settings.microsoftAppTenantId ?? undefined,
  });
  // Guarded: a bounded check whose failures are 401s that name no URL and no exception.
  // Bounded connector: a reply or proactive message to a serviceUrl gives up after the send timeout.
  // Checked: no turn, reply or proactive message calls a serviceUrl off the allow-list.
  return new ServiceUrlCheckedAdapter(
    boundConnectorCalls(guardInboundAuthentication(createBotFrameworkAuthenticationFromConfiguration(openIdMetadataConfiguration(settings), credentials)), settings.sendTimeoutMs),
    { serviceUrls: serviceUrlRuleFor(settings) },
  );
}

/** The adapter, and the sender for every channel without its own: reminders and other proactive messages continue saved conversations. */
export function botFrameworkParts(settings: Settings): { adapter: CloudAdapter; parts: ChannelParts } {
  const adapter = createCloudAdapter(settings);
  return { adapter, parts: { senders: [[OTHER_CHANNELS, adapterConversationSender(adapter, settings.microsoftAppId ?? '')]] } };
}

/** What the Bot Framework route needs from the core. */
export interface BotFrameworkCore extends TurnHost {
  logger: Logger;
}

/** POST /api/messages: anonymous callers from elsewhere and serviceUrls off the allow-list are refused (403) first. */
export function mountBotFramework(server: Server, adapter: CloudAdapter, core: BotFrameworkCore, settings: Settings): void {
  const { logger } = core;
  core.attach(adapter);
  server.post('/api/messages', callerGate(settings, serviceUrlRuleFor(settings), logger), async (req: Request, res: Response) => {
    const shape = checkActivityShape(req.body);
    if (!shape.ok) {
      logger.info({ field: shape.field }, 'refused a malformed activity');
      sendRefusal(res, 400);
      return;
    }
    if (settings.microsoftAppId !== null) {
      const screen = screenToken({
        authorization: req.header('authorization') || undefined,
        appId: settings.microsoftAppId,
        serviceUrl: (req.body as { serviceUrl: string }).serviceUrl,
        // Token lifetimes are the host clock's business, as in botbuilder's own verification.
        nowMs: Date.now(),
      });
      if (!screen.ok) {
        logger.warn({ reason: screen.reason, status: screen.status }, 'refused a Bot Framework request');
        sendRefusal(res, screen.status);
        return;
      }
    }
    // CloudAdapter writes its failures with the exception's text: it answers into a capture instead.
    const capture = captureResponse();
    try {
      await adapter.process(req, capture.response, (context) => core.handle(context));
    } catch (err) {
      logger.error({ err }, 'processing an activity failed');
    }
    sendAdapterAnswer(res, classifyAnswer(capture.captured()), logger);
  });
}
