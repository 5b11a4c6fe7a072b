// Azure's own Web Chat over /api/messages (channelId "webchat") is not Frontdesk's web chat: its
// client is botframework:webchat:<id>, and what reaches it later (a staff reply, a reminder on its
// booking channel) goes to its serviceUrl through the Bot Framework connector, never into a mailbox.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readSettings } from '../../../bot/config/settings';
import { startServer, type RunningServer } from '../../../bot/index';
import { silentLogger } from '../../../bot/log';
import { startCaptureServer, type CaptureServer } from '../../helpers/capture-server';
import { at } from '../../helpers/frontdesk-harness';

describe("Azure's Web Chat beside Frontdesk's", () => {
  let dataDir: string;
  let server: RunningServer;
  let channel: CaptureServer;
  let now = at('2026-03-10T10:00');
  let n = 0;

  async function say(text: string): Promise<void> {
    n += 1;
    const res = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message', id: `a${n}`, channelId: 'webchat', serviceUrl: channel.url, from: { id: 'azure-user-1', name: 'A' },
        recipient: { id: 'frontdesk', name: 'Frontdesk' }, conversation: { id: 'azure-conv-1' }, deliveryMode: 'expectReplies', text, timestamp: now.toISOString(),
      }),
    });
    expect(res.status).toBe(200);
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'frontdesk-azure-webchat-'));
    channel = await startCaptureServer({ otherwise: { status: 200, body: { id: 'posted' } } });
    server = await startServer({ settings: readSettings({}, { dataDir, port: 0 }), clock: () => now, logger: silentLogger() });
  });
  afterAll(async () => {
    await server.close();
    await channel.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('files the client under botframework:webchat, and a staff reply goes to its serviceUrl', async () => {
    await say('I want to talk to a person');
    const client = await server.frontdesk.stores.clients.findByAddress('botframework:webchat:azure-user-1');
    expect(client).not.toBeNull();
    const ticket = await server.frontdesk.handoff.activeFor(client!.id);
    expect(ticket).toMatchObject({ channel: 'botframework:webchat' });

    expect((await server.frontdesk.handoff.claim(ticket!.id, 'U1', 'Sam', now)).ok).toBe(true);
    expect(await server.frontdesk.handoff.staffReply(ticket!.id, 'U1', 'Hi, Sam here', [], now)).toMatchObject({ ok: true });
    for (let i = 0; i < 3; i += 1) {
      await server.frontdesk.scheduler.tick();
      now = new Date(now.getTime() + 1000);
    }
    const posted = channel.requests
      .filter((r) => r.method === 'POST' && r.path.startsWith('/v3/conversations/azure-conv-1/activities'))
      .map((r) => (JSON.parse(r.body) as { text?: string }).text);
    expect(posted).toContain('Hi, Sam here');
    const sent = await server.frontdesk.stores.outbox.list({ address: 'botframework:webchat:azure-user-1' });
    expect(sent.map((m) => [m.channel, m.status])).toEqual([
      ['botframework:webchat', 'sent'],
      ['botframework:webchat', 'sent'],
    ]);
  });
});
