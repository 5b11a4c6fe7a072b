// The one HTTP host every channel mounts its routes on (restify), with the routes an operator or a
// load balancer asks: /healthz (the process answers), /readyz (it can take traffic) and /metrics
// (Prometheus text, for this machine's scraper or a bearer token).
import { timingSafeEqual } from 'node:crypto';
import restify, { type Request, type Response, type Server } from 'restify';
import { isLoopback } from '../../bot/config/service-urls';
import type { Logger } from '../../bot/log';
import { useGenericErrorBodies } from './http-errors';

export interface HostReadiness {
  check(): Promise<{ ok: boolean }>;
}

export interface HostMetrics {
  render(): Promise<{ contentType: string; body: string }>;
  /** Counts a request refused for who was calling (401 or 403), by route. */
  rejectedCallers: { inc(labels: { route: string; status: string }): void };
}

export interface HttpHostOptions {
  businessName: string;
  readiness: HostReadiness;
  metrics: HostMetrics;
  /** Bearer token for /metrics; null: only callers on this machine. */
  metricsToken: string | null;
  logger: Logger;
}

export const METRICS_PATH = '/metrics';

export function createHttpHost(options: HttpHostOptions): Server {
  const { logger, metrics } = options;
  const server = restify.createServer({ name: 'frontdesk', handleUncaughtExceptions: false });
  // A large cap for attachments' metadata; texts themselves are cut down by the input guard.
  server.use(restify.plugins.bodyParser({ maxBodySize: 1024 * 1024, mapParams: false }));
  // restify's own error answers (bad JSON, too large, unknown route, a handler that threw) carry internals.
  useGenericErrorBodies(server, logger);
  // Every refusal of a caller (a bad signature or token, an anonymous caller from elsewhere) is counted by route.
  server.on('after', (req: Request, res: Response) => {
    if (res.statusCode !== 401 && res.statusCode !== 403) return;
    const route = req.getRoute?.()?.path;
    metrics.rejectedCallers.inc({ route: typeof route === 'string' ? route : 'unknown', status: String(res.statusCode) });
  });

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(200, { ok: true, business: options.businessName });
  });

  // Readiness, unlike liveness: 503 while the store cannot read and write or the background loop stalls.
  server.get('/readyz', async (_req: Request, res: Response) => {
    const readiness = await options.readiness.check();
    res.send(readiness.ok ? 200 : 503, readiness);
  });

  server.get(METRICS_PATH, async (req: Request, res: Response) => {
    if (!mayReadMetrics(req, options.metricsToken)) {
      res.send(options.metricsToken === null ? 403 : 401, {
        error: 'frontdesk_metrics_refused',
        message: 'GET /metrics is for this machine, or with Authorization: Bearer <FRONTDESK_METRICS_TOKEN>',
      });
      return;
    }
    const { contentType, body } = await metrics.render();
    res.sendRaw(200, body, { 'content-type': contentType });
  });
  return server;
}

/** With a token, the caller must bear it; without one, the caller must be on this machine. */
function mayReadMetrics(req: Request, token: string | null): boolean {
  if (token === null) return isLoopback(req.socket?.remoteAddress ?? '');
  const given = /^Bearer\s+(.+)$/i.exec(req.header('authorization') ?? '')?.[1]?.trim() ?? '';
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
