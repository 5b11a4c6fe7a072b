// Talking to a person over the Bot Framework protocol: the real server on a free port, spoken to
// over HTTP with deliveryMode "expectReplies"; the conversation's serviceUrl is a capture server,
// so the proactive staff reply the CloudAdapter posts to the channel can be read back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readSettings } from '../../bot/config/settings';
import { startServer, type RunningServer } from '../../bot/index';
import { silentLogger } from '../../bot/log';
import { at } from '../helpers/frontdesk-harness';
import { startCaptureServer, type CaptureServer } from '../helpers/capture-server';

interface ReplyActivity {
  type: string;
  name?: string;
  text?: string;
  value?: Record<string, unknown>;
  attachments?: Array<{ name?: string; contentType?: string; content?: { activities?: Array<{ text?: string; from?: { id?: string } }> } }>;
}

let nextId = 1;

describe('talking to a person over /api/messages', () => {
  let dataDir: string;
  let server: RunningServer;
  let channel: CaptureServer;
  let now = at('2026-03-10T10:00');

  async function post(user: string, activity: Record<string, unknown>): Promise<ReplyActivity[]> {
    const res = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: `m${nextId++}`,
        channelId: 'emulator',
        serviceUrl: channel.url,
        from: { id: user, name: user },
        recipient: { id: 'frontdesk', name: 'Frontdesk' },
        conversation: { id: `conversation-${user}` },
        deliveryMode: 'expectReplies',
        timestamp: now.toISOString(),
        ...activity,
      }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { activities?: ReplyActivity[] } | null;
    return body?.activities ?? [];
  }

  const say = (user: string, text: string) => post(user, { type: 'message', text });
  const texts = (activities: ReplyActivity[]) => activities.filter((a) => a.type === 'message').map((a) => a.text ?? '');

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'frontdesk-e2e-handoff-'));
    channel = await startCaptureServer();
    server = await startServer({ settings: readSettings({}, { dataDir, port: 0 }), clock: () => now, logger: silentLogger() });
  });

  afterAll(async () => {
    await server.close();
    await channel.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('tells the client their place, starts a Bot Framework handoff with the transcript, relays staff, and hands back on completion', async () => {
    expect(texts(await say('web-ana', 'hi there'))).toHaveLength(1);
    const entered = await say('web-ana', 'can I talk to a person?');
    expect(texts(entered)).toEqual([
      `You're number 1, next in line. You can keep texting here; a person will reply. Say "never mind" to go back to our assistant.`,
    ]);
    const initiate = entered.find((a) => a.type === 'event');
    expect(initiate).toMatchObject({ name: 'handoff.initiate', value: { number: 1, reason: 'asked_for_person', urgent: false, position: 1 } });
    const transcript = initiate?.attachments?.find((a) => a.name === 'Transcript');
    expect(transcript?.content?.activities?.map((a) => a.text)).toEqual([
      'hi there',
      expect.stringMatching(/^Hi! This is Maple Street Salon/),
      'can I talk to a person?',
      expect.stringMatching(/^You're number 1, next in line/),
    ]);
    expect(transcript?.content?.activities?.[0]?.from?.id).toBe('web-ana');

    // Waiting: the bot says nothing, and a second request does not start a second handoff.
    expect(await say('web-ana', 'my last colour faded in a week')).toEqual([]);

    const ticket = (await server.frontdesk.stores.handoffs.listWaiting())[0];
    if (!ticket) throw new Error('no ticket');
    // The Bot Framework channel service answers each proactive post.
    channel.queue({ status: 200, body: { id: 'a1' } }, { status: 200, body: { id: 'a2' } });
    expect(await server.frontdesk.handoff.claim(ticket.id, 'U1', 'Sam', now)).toMatchObject({ ok: true });
    expect(await server.frontdesk.handoff.staffReply(ticket.id, 'U1', 'So sorry! Can you come in Thursday?', [], now)).toEqual({
      ok: true,
      delivered: true,
      internal: false,
    });
    // The outbound queue sends one message a second per channel: two passes, a second apart.
    await server.frontdesk.scheduler.tick();
    now = new Date(now.getTime() + 1000);
    await server.frontdesk.scheduler.tick();
    const posted = channel.requests
      .filter((r) => r.method === 'POST' && r.path.startsWith('/v3/conversations/conversation-web-ana/activities'))
      .map((r) => (JSON.parse(r.body) as { text?: string }).text);
    expect(posted).toEqual(['Sam from Maple Street Salon is here and will reply in this chat.', 'So sorry! Can you come in Thursday?']);

    // The host reports the handoff completed: the client is back with the bot.
    const completed = await post('web-ana', { type: 'event', name: 'handoff.status', value: { state: 'completed' } });
    expect(texts(completed)).toEqual(["You're back with our assistant. Anything else I can do for you?"]);
    expect(await server.frontdesk.stores.handoffs.get(ticket.id)).toMatchObject({ state: 'resolved', resolvedBy: 'bot-framework-host' });
    expect(texts(await say('web-ana', 'what are your hours')).join('\n')).toMatch(/Tue–Fri 9:00 AM–7:00 PM/);
  });

  it('takes the client back when the host reports the handoff failed, and ignores status for no handoff', async () => {
    await say('web-ben', 'talk to a human');
    const failed = await post('web-ben', { type: 'event', name: 'handoff.status', value: { state: 'failed', message: 'no agents' } });
    expect(texts(failed)).toEqual(["You're back with our assistant. Anything else I can do for you?"]);
    const client = await server.frontdesk.stores.clients.findByAddress('emulator:web-ben');
    expect(await server.frontdesk.stores.handoffs.activeForClient(client?.id ?? '')).toBeNull();
    expect(await post('web-ben', { type: 'event', name: 'handoff.status', value: { state: 'completed' } })).toEqual([]);
  });

  it('marks a ticket the host accepted as claimed', async () => {
    await say('web-cy', 'I want to speak to someone');
    await post('web-cy', { type: 'event', name: 'handoff.status', value: { state: 'accepted' } });
    const client = await server.frontdesk.stores.clients.findByAddress('emulator:web-cy');
    expect(await server.frontdesk.stores.handoffs.activeForClient(client?.id ?? '')).toMatchObject({ state: 'claimed', claimedBy: 'bot-framework-host' });
  });
});
