// Composition root: the object graph (./frontdesk) behind the restify server and its routes.
import type { Server } from 'restify';
import { createFrontdesk, type Frontdesk, type FrontdeskOptions } from './app';
import { anonymousExposure, SettingsError } from './config/settings';
import { isLoopback } from './config/service-urls';
import { createServer } from '../channels/botframework/server';
import { createTwilioSender } from '../channels/twilio/routes';
import { SmsOnCallNotifier } from './services/on-call-notifiers';

export { createFrontdesk, type Frontdesk, type FrontdeskOptions } from './app';

export interface RunningServer {
  frontdesk: Frontdesk;
  server: Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

/** Starts the HTTP server (Bot Framework endpoint and health check) on settings.port (0 = any free port). */
export async function startServer(options: FrontdeskOptions): Promise<RunningServer> {
  const { host } = options.settings;
  // readSettings refuses these already; settings built another way must not slip past it.
  const exposed = anonymousExposure(options.settings);
  if (exposed) throw new SettingsError([exposed]);
  const frontdesk = createFrontdesk(options);
  const server = createServer(frontdesk, options.settings);
  // Proactive texts go out through Twilio when it is configured (a test may pass its own sender).
  const sender = options.sender === undefined ? createTwilioSender(options.settings, frontdesk) : options.sender;
  if (options.sender === undefined) frontdesk.outbound.useSender(sender);
  // The person on call is texted through the same sender, at once: an alert does not wait in the outbound queue.
  if (sender) frontdesk.norms.addNotifier(new SmsOnCallNotifier(sender, frontdesk.logger, frontdesk.stores.consent));
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
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await frontdesk.close();
    },
  };
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
