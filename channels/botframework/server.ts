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
import { adapterConversationSender } from '../../bot/services/conversation-sender';
import { mountSlackRoutes } from '../slack/slack-channel';
import { mountTwilioRoutes } from '../twilio/routes';

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
  return new CloudAdapter(createBotFrameworkAuthenticationFromConfiguration(null, credentials));
}

export function createServer(frontdesk: Frontdesk, settings: Settings): Server {
  const server = restify.createServer({ name: 'frontdesk', handleUncaughtExceptions: false });
  // A large cap for attachments' metadata; texts themselves are cut down by the input guard.
  server.use(restify.plugins.bodyParser({ maxBodySize: 1024 * 1024, mapParams: false }));

  const adapter = frontdesk.attach(createCloudAdapter(settings));
  // Reminders and other proactive messages for Web Chat, Teams and the Emulator continue saved conversations.
  frontdesk.outbound.useConversationSender(adapterConversationSender(adapter, settings.microsoftAppId ?? ''));

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(200, { ok: true, business: frontdesk.business.name });
  });

  server.post('/api/messages', async (req: Request, res: Response) => {
    if (!req.body || typeof req.body !== 'object' || Array.isArray(req.body)) {
      res.send(400, { error: 'frontdesk_bad_request', message: 'expected a JSON Bot Framework activity' });
      return;
    }
    try {
      await adapter.process(req, res, (context) => frontdesk.handle(context));
    } catch (err) {
      // The adapter throws on activities it cannot parse: that is the caller's fault.
      frontdesk.logger.warn({ err }, 'rejected a malformed activity');
      if (!res.headersSent) res.send(400, { error: 'frontdesk_bad_request', message: 'malformed activity' });
    }
  });

  // SMS, MMS and WhatsApp: /api/twilio/messages and /api/twilio/status.
  mountTwilioRoutes(server, frontdesk, settings);
  // Slack staff console and Slack as a client channel: /api/slack/events.
  mountSlackRoutes(server, frontdesk, settings);

  return server;
}
