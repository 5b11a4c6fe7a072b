// A stand-in for the Slack Web API on a local port (point SLACK_API_URL at `url`): records every
// call and answers like Slack does for the methods the console uses. Tests wait for calls instead
// of sleeping.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { parse as parseQuery } from 'node:querystring';

export interface CapturedCall {
  /** Web API method: 'chat.postMessage', 'chat.update', ... */
  method: string;
  /** Arguments, with JSON-encoded fields (blocks) decoded. */
  args: Record<string, unknown>;
  token: string | null;
}

export const BOT_USER_ID = 'UFRONTDESK';
export const BOT_ID = 'BFRONTDESK';

export interface SlackCapture {
  url: string;
  calls: CapturedCall[];
  /** Calls to one method, optionally matching a predicate. */
  callsTo(method: string, where?: (args: Record<string, unknown>) => boolean): CapturedCall[];
  /** Resolves with the first call (already made or still to come) matching, counted from `since`. */
  waitFor(method: string, where?: (args: Record<string, unknown>) => boolean, since?: number): Promise<CapturedCall>;
  /** Users known to users.info. */
  users: Map<string, { name: string; realName: string }>;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function decode(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.startsWith('application/json')) return raw === '' ? {} : (JSON.parse(raw) as Record<string, unknown>);
  const args: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parseQuery(raw))) {
    const text = Array.isArray(value) ? value[0] : value;
    // The Web API client JSON-encodes objects and arrays into form fields.
    if (typeof text === 'string' && /^[[{]/.test(text)) {
      try {
        args[key] = JSON.parse(text);
        continue;
      } catch {
        // not JSON after all: keep the text
      }
    }
    args[key] = text;
  }
  return args;
}

export async function startSlackCapture(): Promise<SlackCapture> {
  const calls: CapturedCall[] = [];
  const waiters: Array<{ method: string; where: (a: Record<string, unknown>) => boolean; since: number; resolve: (c: CapturedCall) => void }> = [];
  const users = new Map<string, { name: string; realName: string }>();
  let seq = 0;
  const nextTs = () => `1773100000.${String(++seq).padStart(6, '0')}`;

  const answer = (method: string, args: Record<string, unknown>): Record<string, unknown> => {
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: BOT_USER_ID, bot_id: BOT_ID, team_id: 'TFRONTDESK', user: 'frontdesk' };
      case 'chat.postMessage': {
        const ts = nextTs();
        return { ok: true, channel: args.channel, ts, message: { text: args.text, ts } };
      }
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'chat.delete':
        return { ok: true, channel: args.channel, ts: args.ts };
      case 'users.info': {
        const user = users.get(String(args.user));
        if (!user) return { ok: false, error: 'user_not_found' };
        return { ok: true, user: { id: args.user, name: user.name, real_name: user.realName, profile: { display_name: user.name, real_name: user.realName } } };
      }
      default:
        return { ok: true };
    }
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const method = (req.url ?? '/').replace(/^\/+/, '').split('?')[0] ?? '';
      const raw = await readBody(req);
      const args = decode(raw, String(req.headers['content-type'] ?? ''));
      const auth = req.headers.authorization;
      const call: CapturedCall = { method, args, token: auth ? auth.replace(/^Bearer /, '') : null };
      const index = calls.push(call) - 1;
      for (const w of [...waiters]) {
        if (w.method === method && index >= w.since && w.where(args)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(call);
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer(method, args)));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const callsTo = (method: string, where: (a: Record<string, unknown>) => boolean = () => true) =>
    calls.filter((c) => c.method === method && where(c.args));

  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    users,
    callsTo,
    waitFor(method, where = () => true, since = 0) {
      const found = calls.slice(since).find((c) => c.method === method && where(c.args));
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => waiters.push({ method, where, since, resolve }));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
