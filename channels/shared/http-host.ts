// The one HTTP host every channel mounts its routes on (restify), with the two health routes an
// operator or a load balancer asks: /healthz (the process answers) and /readyz (it can take traffic).
import restify, { type Request, type Response, type Server } from 'restify';
import type { Logger } from '../../bot/log';
import { useGenericErrorBodies } from './http-errors';

export interface HostReadiness {
  check(): Promise<{ ok: boolean }>;
}

export function createHttpHost(options: { businessName: string; readiness: HostReadiness; logger: Logger }): Server {
  const server = restify.createServer({ name: 'frontdesk', handleUncaughtExceptions: false });
  // A large cap for attachments' metadata; texts themselves are cut down by the input guard.
  server.use(restify.plugins.bodyParser({ maxBodySize: 1024 * 1024, mapParams: false }));
  // restify's own error answers (bad JSON, too large, unknown route, a handler that threw) carry internals.
  useGenericErrorBodies(server, options.logger);

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(200, { ok: true, business: options.businessName });
  });

  // Readiness, unlike liveness: 503 while the store cannot read and write or the background loop stalls.
  server.get('/readyz', async (_req: Request, res: Response) => {
    const readiness = await options.readiness.check();
    res.send(readiness.ok ? 200 : 503, readiness);
  });
  return server;
}
