// Speaking to the web chat's routes as its page does: a session, turns, and the event stream read
// with fetch; and the staff view's login, cookie and CSRF header.
import type { RunningServer } from '../../../bot/index';

export interface ChatSession {
  token: string;
  userId: string;
  expiresAt: string;
  business: string;
}

export interface ChatReply {
  type: string;
  text: string;
  suggestedActions?: { actions: Array<{ title: string; text: string }> };
}

export async function openSession(server: RunningServer, held?: string, origin?: string): Promise<{ status: number; body: ChatSession }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (held) headers.authorization = `Bearer ${held}`;
  if (origin) headers.origin = origin;
  const res = await fetch(`${server.url}/api/webchat/session`, { method: 'POST', headers, body: '{}' });
  return { status: res.status, body: (await res.json()) as ChatSession };
}

export async function turn(server: RunningServer, token: string | null, body: Record<string, unknown>): Promise<{ status: number; replies: ChatReply[] }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${server.url}/api/webchat/turn`, { method: 'POST', headers, body: JSON.stringify(body) });
  const json = (await res.json()) as { activities?: ChatReply[] };
  return { status: res.status, replies: json.activities ?? [] };
}

export const say = async (server: RunningServer, token: string, text: string): Promise<string[]> => {
  const { status, replies } = await turn(server, token, { type: 'message', text });
  if (status !== 200) throw new Error(`turn answered ${status}`);
  return replies.map((r) => r.text);
};

export interface StreamEvent {
  id: string | null;
  event: string;
  data: { id: string; type: string; text: string };
}

/** An open stream: the events read so far, a wait for the next ones, and a way to close it. */
export interface OpenStream {
  status: number;
  events: StreamEvent[];
  waitFor(count: number, timeoutMs?: number): Promise<StreamEvent[]>;
  close(): void;
}

export async function openStream(server: RunningServer, token: string, lastEventId?: string): Promise<OpenStream> {
  const controller = new AbortController();
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
  const res = await fetch(`${server.url}/api/webchat/stream`, { headers, signal: controller.signal });
  const events: StreamEvent[] = [];
  const waiters: Array<() => void> = [];
  if (res.ok && res.body) {
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    void (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          const blocks = buffer.split('\n\n');
          buffer = blocks.pop() ?? '';
          for (const block of blocks) {
            const lines = block.split('\n');
            const data = lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('');
            if (data === '') continue;
            events.push({
              id: lines.find((l) => l.startsWith('id: '))?.slice(4) ?? null,
              event: lines.find((l) => l.startsWith('event: '))?.slice(7) ?? 'message',
              data: JSON.parse(data) as StreamEvent['data'],
            });
            for (const wake of waiters.splice(0)) wake();
          }
        }
      } catch {
        // aborted
      }
    })();
  } else {
    await res.body?.cancel();
  }
  return {
    status: res.status,
    events,
    async waitFor(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (events.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`stream: ${events.length} of ${count} events after ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return events;
    },
    close: () => controller.abort(),
  };
}

export interface StaffLogin {
  status: number;
  cookie: string | null;
  setCookie: string | null;
  csrf: string | null;
}

export async function staffLogin(server: Pick<RunningServer, 'url'>, token: string, name = 'Dana'): Promise<StaffLogin> {
  const res = await fetch(`${server.url}/api/staff/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, name }) });
  const setCookie = res.headers.get('set-cookie');
  const body = (await res.json()) as { csrf?: string };
  return { status: res.status, setCookie, cookie: setCookie ? setCookie.split(';')[0]! : null, csrf: body.csrf ?? null };
}

export async function staffCall(server: Pick<RunningServer, 'url'>, method: 'GET' | 'POST', route: string, auth: { cookie?: string | null; csrf?: string | null }, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = {};
  if (auth.cookie) headers.cookie = auth.cookie;
  if (auth.csrf) headers['x-csrf-token'] = auth.csrf;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${server.url}${route}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}
