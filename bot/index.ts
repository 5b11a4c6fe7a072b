// Composition root, the only place that wires: settings -> business -> stores -> each channel's
// senders and consoles -> the core (createFrontdesk takes them as arguments) -> the channels'
// adapters and routes, each given the narrow part of the core it needs, on one HTTP host.
import type { Server } from 'restify';
import { clockFrom, createFrontdesk, type Frontdesk, type FrontdeskOptions } from './app';
import { loadBusinessConfig } from './config/business-config';
import { anonymousExposure, SettingsError } from './config/settings';
import { isLoopback } from './config/service-urls';
import { createLogger } from './log';
import { joinChannelParts } from './ports/channels';
import { openStores } from './store/open';
import { createHttpHost } from '../channels/shared/http-host';
import { botFrameworkParts, mountBotFramework } from '../channels/botframework/server';
import { mountSlackRoutes, slackChannelOn, slackParts } from '../channels/slack/slack-routes';
import { createTwilioSender, mountTwilioRoutes, twilioParts } from '../channels/twilio/routes';
import { mountWebchatRoutes, webchatParts } from '../channels/webchat/webchat-channel';
import { mountStaffView } from '../channels/webchat/staff-view';

export { createFrontdesk, type Frontdesk, type FrontdeskOptions } from './app';

export interface RunningServer {
  frontdesk: Frontdesk;
  server: Server;
  port: number;
  url: string;
  /**
   * Stops gracefully: /readyz says 503, no new connection is taken, requests in flight get up to
   * settings.shutdownGraceMs to finish (then their connections are closed), acknowledged Slack
   * events are finished, the periodic jobs stop after their pass and the sends they started, and
   * the store closes.
   */
  close(): Promise<void>;
}

/** The whole house, wired but not listening: the core and the HTTP host with every channel's routes. */
export function composeServer(options: FrontdeskOptions): { frontdesk: Frontdesk; server: Server } {
  const { settings } = options;
  // readSettings refuses these already; settings built another way must not slip past it.
  const exposed = anonymousExposure(settings);
  if (exposed) throw new SettingsError([exposed]);
  const logger = options.logger ?? createLogger(settings.logLevel);
  const business = options.business ?? loadBusinessConfig(settings.configPath);
  const stores = options.stores ?? openStores(settings, logger);
  const clock = options.clock ?? clockFrom(settings.clockStart);

  // Each channel's senders and consoles, before the core: it is built with them.
  const base = { stores, clock, logger, business };
  // A test may pass its own raw text sender instead of Twilio's (null: none at all); the core reads its answers plainly.
  const ownSender = options.sender !== undefined;
  const twilio = ownSender ? null : createTwilioSender(settings, base);
  const twilioSender = ownSender ? (options.sender ?? null) : twilio;
  const botFramework = botFrameworkParts(settings);
  const slack = slackParts(settings, base);
  const webchat = webchatParts(settings, base);
  const channels = joinChannelParts(botFramework.parts, twilioParts(twilio), slack.parts, webchat.parts, options.channels ?? null);

  const frontdesk = createFrontdesk({ ...options, logger, business, stores, clock, channels, sender: ownSender ? twilioSender : null });

  const server = createHttpHost({
    businessName: business.name,
    readiness: frontdesk.readiness,
    metrics: frontdesk.metrics,
    metricsToken: settings.metricsToken,
    logger,
  });
  mountBotFramework(server, botFramework.adapter, frontdesk, settings);
  // SMS, MMS and WhatsApp: /api/twilio/messages and /api/twilio/status.
  mountTwilioRoutes(server, frontdesk, settings, { sender: twilioSender });
  // Slack staff console and Slack as a client channel: /api/slack/events.
  mountSlackRoutes(server, slack.prepared, frontdesk, settings, frontdesk.outbound);
  // The chat page and its widget (/, /widget.js, /api/webchat/*) and the staff view (/staff, /api/staff/*).
  mountWebchatRoutes(server, webchat, frontdesk, settings);
  mountStaffView(server, frontdesk, settings, webchat.key);
  return { frontdesk, server };
}

/** Starts the HTTP server (every channel's routes and the health checks) on settings.port (0 = any free port). */
export async function startServer(options: FrontdeskOptions): Promise<RunningServer> {
  const { host } = options.settings;
  const { frontdesk, server } = composeServer(options);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.settings.port, host, () => resolve());
    });
  } catch (error) {
    // Nothing else will close what createFrontdesk opened (the SQLite handle above all).
    await frontdesk.close().catch((closeError: unknown) => frontdesk.logger.error({ err: closeError }, 'closing after a failed start failed'));
    throw listenError(error, options.settings.port, host);
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.settings.port;
  frontdesk.logger.info({ port, host, business: frontdesk.business.name }, 'frontdesk listening');
  if (options.settings.microsoftAppId === null) {
    frontdesk.logger.warn(
      { host, anonymousAccess: options.settings.anonymousAccess },
      isLoopback(host)
        ? 'no MicrosoftAppId: /api/messages takes anonymous requests from this machine only (for the Emulator and trying it out); set MicrosoftAppId to serve Bot Framework channels on HOST=0.0.0.0'
        : 'no MicrosoftAppId: /api/messages takes anonymous requests from any address that reaches it (FRONTDESK_ALLOW_ANONYMOUS=remote); anyone there can write as any Bot Framework user',
    );
  }
  frontdesk.scheduler.start();
  return {
    frontdesk,
    server,
    port,
    url: `http://${urlHost(host)}:${port}`,
    close: () => stopGracefully(server, frontdesk, options.settings.shutdownGraceMs),
  };
}

async function stopGracefully(server: Server, frontdesk: Frontdesk, graceMs: number): Promise<void> {
  frontdesk.readiness.shuttingDown();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Idle keep-alive connections close at once; busy ones get the grace, then are cut.
  server.server.closeIdleConnections();
  const grace = setTimeout(() => {
    frontdesk.logger.warn({ graceMs }, 'requests still running at the end of the shutdown grace; closing their connections');
    server.server.closeAllConnections();
  }, graceMs);
  try {
    await closed;
  } finally {
    clearTimeout(grace);
  }
  await slackChannelOn(server)?.idle();
  await frontdesk.close();
  frontdesk.logger.info('frontdesk stopped');
}

/** Where this process can reach its own server: the address it listens on, or loopback for all interfaces. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/** The listen failure in words an operator can act on, with the original as its cause. */
function listenError(error: unknown, port: number, host: string): Error {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  if (code === 'EADDRINUSE') {
    return new Error(`frontdesk_port_in_use: port ${port} is already in use by another process; stop it or set PORT to a free port`, { cause: error });
  }
  if (code === 'EACCES') {
    return new Error(`frontdesk_port_refused: port ${port} needs privileges this process does not have; set PORT to 1024 or above`, { cause: error });
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return new Error(`frontdesk_host_unavailable: this machine has no interface ${host} to listen on; set HOST to one of its addresses, or 0.0.0.0`, { cause: error });
  }
  return new Error(`frontdesk_listen_failed: could not listen on port ${port} (${detail})`, { cause: error });
}
