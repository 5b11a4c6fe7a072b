// A tiny HTTP server that records every request and answers like Twilio's Messages API, so the
// Messages client can be pointed at it through TWILIO_API_URL in tests and local try-outs.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body read as a form; repeated names keep every value. */
  form: Record<string, string | string[]>;
}

export interface CannedResponse {
  status: number;
  body: unknown;
}

export interface CaptureServer {
  url: string;
  requests: CapturedRequest[];
  /** Answers the next request(s) with these, in order, before going back to the default. */
  queue(...responses: CannedResponse[]): void;
  close(): Promise<void>;
}

function readForm(body: string): Record<string, string | string[]> {
  const form: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(body)) {
    const existing = form[name];
    if (existing === undefined) form[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else form[name] = [existing, value];
  }
  return form;
}

/** What Twilio answers to a successful Messages create: a resource with a fresh SM sid. */
function createdMessage(n: number, form: Record<string, string | string[]>): CannedResponse {
  const sid = `SM${n.toString(16).padStart(32, '0')}`;
  return {
    status: 201,
    body: { sid, status: 'queued', to: form.To ?? null, from: form.From ?? null, body: form.Body ?? null, num_segments: '1' },
  };
}

export interface CaptureServerOptions {
  log?: (request: CapturedRequest) => void;
  /** Interface to listen on (default 127.0.0.1); the url names it. */
  host?: string;
  /** The answer to anything but a Messages create (default: Twilio's 404), e.g. a Bot Framework connector's `{ id }`. */
  otherwise?: CannedResponse;
}

export async function startCaptureServer(options: CaptureServerOptions = {}): Promise<CaptureServer> {
  const requests: CapturedRequest[] = [];
  const canned: CannedResponse[] = [];
  let created = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const captured: CapturedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, form: readForm(body) };
      requests.push(captured);
      options.log?.(captured);
      const isCreate = captured.method === 'POST' && /\/Messages\.json$/.test(captured.path);
      const reply =
        canned.shift() ?? (isCreate ? createdMessage(++created, captured.form) : (options.otherwise ?? { status: 404, body: { code: 20404, message: 'not found' } }));
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.body));
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(0, host, () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    requests,
    queue: (...responses) => canned.push(...responses),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
