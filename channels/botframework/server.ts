// The HTTP side: restify with the Bot Framework endpoint (Web Chat, Teams, the Emulator) through
// botbuilder's CloudAdapter, and a health check. Other channels mount their routes here too.
import {
  CloudAdapter,
  ConfigurationServiceClientCredentialFactory,
  createBotFrameworkAuthenticationFromConfiguration,
} from 'botbuilder';
import restify, { type Request, type Response, type Server } from 'restify';
import type { Settings } from '../../bot/config/settings';
import type { Frontdesk } from '../../bot/app';
import { OTHER_CHANNELS } from '../../bot/services/outbound-service';
import { mountSlackRoutes } from '../slack/slack-channel';
import { mountTwilioRoutes } from '../twilio/routes';
import { boundConnectorCalls } from './connector-timeout';
import { adapterConversationSender } from './conversation-sender';
import { checkActivityShape } from './activity-shape';
import { captureResponse, classifyAnswer, sendAdapterAnswer, sendRefusal } from './adapter-response';
import { guardInboundAuthentication, openIdMetadataConfiguration } from './inbound-auth';
import { screenToken } from './token-screen';
import { useGenericErrorBodies } from './http-errors';
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

export function createServer(frontdesk: Frontdesk, settings: Settings): Server {
  const server = restify.createServer({ name: 'frontdesk', handleUncaughtExceptions: false });
  // A large cap for attachments' metadata; texts themselves are cut down by the input guard.
  server.use(restify.plugins.bodyParser({ maxBodySize: 1024 * 1024, mapParams: false }));
  // restify's own error answers (bad JSON, too large, unknown route, a handler that threw) carry internals.
  useGenericErrorBodies(server, frontdesk.logger);

  const adapter = frontdesk.attach(createCloudAdapter(settings));
  // Reminders and other proactive messages for Web Chat, Teams and the Emulator continue saved conversations.
  frontdesk.outbound.useSender(OTHER_CHANNELS, adapterConversationSender(adapter, settings.microsoftAppId ?? ''));

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(200, { ok: true, business: frontdesk.business.name });
  });

  // Readiness, unlike liveness: 503 while the store cannot read and write or the background loop stalls.
  server.get('/readyz', async (_req: Request, res: Response) => {
    const readiness = await frontdesk.readiness.check();
    res.send(readiness.ok ? 200 : 503, readiness);
  });

  // Anonymous callers from elsewhere, and serviceUrls off the allow-list, are refused (403) first.
  server.post('/api/messages', callerGate(settings, serviceUrlRuleFor(settings), frontdesk.logger), async (req: Request, res: Response) => {
    const shape = checkActivityShape(req.body);
    if (!shape.ok) {
      frontdesk.logger.info({ field: shape.field }, 'refused a malformed activity');
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
        frontdesk.logger.warn({ reason: screen.reason, status: screen.status }, 'refused a Bot Framework request');
        sendRefusal(res, screen.status);
        return;
      }
    }
    // CloudAdapter writes its failures with the exception's text: it answers into a capture instead.
    const capture = captureResponse();
    try {
      await adapter.process(req, capture.response, (context) => frontdesk.handle(context));
    } catch (err) {
      frontdesk.logger.error({ err }, 'processing an activity failed');
    }
    sendAdapterAnswer(res, classifyAnswer(capture.captured()), frontdesk.logger);
  });

  // SMS, MMS and WhatsApp: /api/twilio/messages and /api/twilio/status.
  mountTwilioRoutes(server, frontdesk, settings);
  // Slack staff console and Slack as a client channel: /api/slack/events.
  mountSlackRoutes(server, frontdesk, settings);

  return server;
}
