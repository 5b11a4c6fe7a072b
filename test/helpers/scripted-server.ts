// A local HTTP server whose answer to each request is scripted, never answering at all included:
// the stand-in for a Bot Framework serviceUrl, Twilio or Slack that accepts the connection and then
// goes quiet. Point a base-URL setting (a serviceUrl, TWILIO_API_URL, SLACK_API_URL) at `url`.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ScriptedRequest {
  method: string;
  path: string;
  body: string;
  /** Date.now() when the request had fully arrived. */
  at: number;
  /** Date.now() when it was answered; null while it is (or stays) unanswered. */
  answeredAt: number | null;
}

/** `never`: no answer at all; `headers-only`: a 200 whose body never ends; else this answer, after `delayMs`. */
export type ScriptedAnswer = 'never' | 'headers-only' | { status: number; body: unknown; delayMs?: number };

export interface ScriptedServer {
  url: string;
  requests: ScriptedRequest[];
  /** Most requests waiting for their answer at one time. */
  maxInFlight: number;
  /** Resolves once `count` requests (matching `where`) have arrived; rejects after `withinMs`. */
  waitForRequests(count: number, withinMs: number, where?: (request: ScriptedRequest) => boolean): Promise<ScriptedRequest[]>;
  close(): Promise<void>;
}

/** What Twilio answers to a Messages create. */
export function twilioCreated(n: number): ScriptedAnswer {
  return { status: 201, body: { sid: `SM${n.toString(16).padStart(32, '0')}`, status: 'queued', num_segments: '1' } };
}

/** What a Bot Framework channel answers to a posted activity. */
export function activityAccepted(n: number): ScriptedAnswer {
  return { status: 200, body: { id: `activity-${n}` } };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startScriptedServer(answer: (request: ScriptedRequest, index: number) => ScriptedAnswer): Promise<ScriptedServer> {
  const requests: ScriptedRequest[] = [];
  const sockets = new Set<Socket>();
  const waiters: Array<() => void> = [];
  let inFlight = 0;
  const state = { maxInFlight: 0 };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const request: ScriptedRequest = { method: req.method ?? '', path: req.url ?? '', body, at: Date.now(), answeredAt: null };
      const index = requests.push(request) - 1;
      for (const wake of waiters.splice(0)) wake();
      const scripted = answer(request, index);
      if (scripted === 'never') return;
      if (scripted === 'headers-only') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"sid":');
        return;
      }
      inFlight += 1;
      state.maxInFlight = Math.max(state.maxInFlight, inFlight);
      if (scripted.delayMs) await new Promise((resolve) => setTimeout(resolve, scripted.delayMs));
      inFlight -= 1;
      if (res.destroyed) return;
      request.answeredAt = Date.now();
      res.writeHead(scripted.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(scripted.body));
    })();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get maxInFlight() {
      return state.maxInFlight;
    },
    waitForRequests(count, withinMs, where = () => true) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          clearInterval(poll);
          reject(new Error(`expected ${count} requests within ${withinMs} ms, got ${requests.filter(where).length}`));
        }, withinMs);
        const check = (): boolean => {
          const matching = requests.filter(where);
          if (matching.length < count) return false;
          clearTimeout(timer);
          clearInterval(poll);
          resolve(matching);
          return true;
        };
        // Polled as well as woken: a request may match only once it has been answered.
        const poll = setInterval(check, 20);
        if (!check()) waiters.push(() => void check());
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        // Unanswered requests would keep close() waiting for ever.
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
