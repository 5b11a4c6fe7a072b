// Talks to the real server's /api/messages the way the Emulator and Direct Line do, asking for the
// replies in the response body (deliveryMode "expectReplies").
import type { RunningServer } from '../../bot/index';

export type SentActivity = { type: string; name?: string; text?: string; value?: Record<string, unknown> };

let nextId = 1;

export interface TurnOptions {
  /** The channel the activity claims to come from (default `emulator`). */
  channelId?: string;
}

/** Every activity the bot sent back in the turn (messages and events). */
export async function turn(server: RunningServer, user: string, text: string, options: TurnOptions = {}): Promise<SentActivity[]> {
  const res = await fetch(`${server.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      id: `m${nextId++}`,
      channelId: options.channelId ?? 'emulator',
      serviceUrl: 'http://127.0.0.1:9',
      from: { id: user, name: user },
      recipient: { id: 'frontdesk', name: 'Frontdesk' },
      conversation: { id: `conversation-${user}` },
      text,
      deliveryMode: 'expectReplies',
      timestamp: new Date().toISOString(),
    }),
  });
  if (res.status !== 200) throw new Error(`/api/messages answered ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { activities: SentActivity[] };
  return body.activities;
}

/** The texts of the bot's messages in the turn. */
export async function say(server: RunningServer, user: string, text: string, options: TurnOptions = {}): Promise<string[]> {
  return (await turn(server, user, text, options)).filter((a) => a.type === 'message').map((a) => a.text ?? '');
}
