// The real server on a free port, spoken to over HTTP the way the Emulator and Direct Line do, with
// deliveryMode "expectReplies" so replies come back in the response body.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readSettings } from '../../bot/config/settings';
import { startServer, type RunningServer } from '../../bot/index';
import { silentLogger } from '../../bot/log';
import { at } from '../helpers/frontdesk-harness';
import { say } from '../helpers/bot-framework-client';


describe('Bot Framework endpoint over HTTP', () => {
  let dataDir: string;
  let server: RunningServer;
  let now = at('2026-03-10T10:00');

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'frontdesk-e2e-'));
    server = await startServer({
      settings: readSettings({}, { dataDir, port: 0 }),
      clock: () => now,
      logger: silentLogger(),
    });
  });

  afterAll(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers the health check', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, business: 'Maple Street Salon' });
  });

  it('books, lists, reschedules and cancels, with the store right after each step', async () => {
    const store = server.frontdesk.stores.appointments;
    const user = 'web-user-1';

    expect((await say(server, user, 'can I get a haircut thursday at 3pm?')).join('\n')).toMatch(/what name/i);
    const readBack = await say(server, user, 'Jordan');
    expect(readBack[readBack.length - 1]).toBe('Haircut with one of our team, Thu Mar 12 at 3:00 PM — shall I book it? (yes / no)');
    expect(await store.list()).toHaveLength(0);
    expect((await say(server, user, 'yes'))[0]).toMatch(/^You're booked/);
    let booked = await store.list({ status: 'booked' });
    expect(booked.map((a) => [a.serviceId, a.staffId, a.start])).toEqual([['haircut', 'lead', '2026-03-12T19:00:00.000Z']]);
    const client = await server.frontdesk.stores.clients.get(booked[0].clientId);
    expect(client).toMatchObject({ name: 'Jordan', address: 'emulator:web-user-1', channel: 'emulator' });

    expect(await say(server, user, "when's my appointment?")).toEqual(['Your next appointment: Haircut with the lead stylist, Thu Mar 12 at 3:00 PM.']);

    const move = await say(server, user, 'can I move it to friday at 11am');
    expect(move[move.length - 1]).toBe('Move your haircut from Thu Mar 12 at 3:00 PM to Fri Mar 13 at 11:00 AM? (yes / no)');
    expect((await say(server, user, 'yes'))[0]).toMatch(/^Done! Your haircut is now Fri Mar 13 at 11:00 AM/);
    booked = await store.list({ status: 'booked' });
    expect(booked.map((a) => a.start)).toEqual(['2026-03-13T15:00:00.000Z']);
    expect((await store.list({ status: 'rescheduled' })).map((a) => a.start)).toEqual(['2026-03-12T19:00:00.000Z']);

    now = at('2026-03-11T09:00');
    expect((await say(server, user, 'please cancel my haircut'))[0]).toBe('Cancel your haircut with the lead stylist, Fri Mar 13 at 11:00 AM? (yes / no)');
    expect((await say(server, user, 'yes'))[0]).toMatch(/is cancelled/);
    expect(await store.list({ status: 'booked' })).toHaveLength(0);
    expect((await store.list({ status: 'cancelled' })).map((a) => a.start)).toEqual(['2026-03-13T15:00:00.000Z']);
  });

  it('rejects malformed JSON with 400 and keeps serving', async () => {
    const res = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type": "message", "text": ',
    });
    expect(res.status).toBe(400);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
  });

  it('rejects a body that is not an activity with 400', async () => {
    for (const body of ['[1,2,3]', '"hello"', '{"text": 5}']) {
      const res = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(res.status).toBe(400);
    }
  });
});

describe('Bot Framework endpoint with an app id', () => {
  it('refuses a request without a valid token', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'frontdesk-e2e-auth-'));
    const server = await startServer({
      settings: readSettings(
        { MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-secret' },
        { dataDir, port: 0 },
      ),
      logger: silentLogger(),
    });
    try {
      const res = await fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          channelId: 'emulator',
          // A Bot Framework host, so the token is what is refused (a loopback one would be refused first).
          serviceUrl: 'https://webchat.botframework.com/',
          from: { id: 'u' },
          recipient: { id: 'b' },
          conversation: { id: 'c' },
          text: 'hi',
          deliveryMode: 'expectReplies',
        }),
      });
      expect(res.status).toBe(401);
      expect(await server.frontdesk.stores.clients.list()).toHaveLength(0);
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
