// The trust model over real HTTP: who /api/messages lets in, who it lets them be, and whom the
// server will call because a request said so. The real server on a free port, a real SQLite file,
// signed Twilio webhooks, and capture servers standing in for the services the bot would call.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { readSettings, SettingsError, type Settings } from '../../bot/config/settings';
import { composeServer, startServer, type RunningServer } from '../../bot/index';
import { silentLogger } from '../../bot/log';
import { MEMBERS_LOOKED_AT } from '../../bot/frontdesk-bot';
import { startTwilioTestServer, type TwilioTestServer } from '../channels/twilio/twilio-test-server';
import { say } from '../helpers/bot-framework-client';
import { startCaptureServer, type CaptureServer } from '../helpers/capture-server';
import { at } from '../helpers/frontdesk-harness';
import { nonLoopbackAddress, urlHostOf } from '../helpers/network';

const PHONE = '+15558880001';
const OTHER_HOST = nonLoopbackAddress();
/** Runs a test that needs an address of this machine other than loopback, or says why it cannot. */
const withOtherHost = OTHER_HOST ? it : it.skip;
if (!OTHER_HOST) {
  // Skipped with a reason, not passed: the reachability checks need a second interface.
  console.warn('trust-model tests: this machine has no non-loopback network address; the reachability checks are skipped');
}

let nextId = 1;
function activity(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'message',
    id: `a${nextId++}`,
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9',
    from: { id: 'someone', name: 'Someone' },
    recipient: { id: 'frontdesk', name: 'Frontdesk' },
    conversation: { id: `conversation-${nextId}` },
    timestamp: new Date().toISOString(),
    ...fields,
  };
}

async function post(url: string, body: unknown): Promise<Response> {
  return fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** Whether anything answers HTTP at this base URL. */
async function reachable(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(3000) });
    return true;
  } catch {
    return false;
  }
}

describe('an anonymous /api/messages caller cannot act as an SMS client', () => {
  let t: TwilioTestServer;

  beforeAll(async () => {
    t = await startTwilioTestServer({ startLocal: '2026-03-10T10:00' });
    // The real client books by text, over a signed Twilio webhook.
    expect((await t.text(PHONE, 'haircut thursday at 3pm')).messages.join('\n')).toMatch(/what name/i);
    await t.text(PHONE, 'Alex');
    expect((await t.text(PHONE, 'yes')).messages[0]).toMatch(/^You're booked/);
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['emulator', PHONE, `emulator:${PHONE}`],
    ['sms', PHONE, `botframework:sms:${PHONE}`],
    ['whatsapp', `whatsapp:${PHONE}`, `botframework:whatsapp:whatsapp:${PHONE}`],
    ['whatsapp', PHONE, `botframework:whatsapp:${PHONE}`],
  ])('claiming channel "%s" as %s reaches a separate identity: no appointments to read or cancel, and its STOP leaves the phone alone', async (channelId, fromId, address) => {
    const fd = t.server.frontdesk;
    const phoneClient = (await fd.stores.clients.findByAddress(PHONE))!;
    const booked = await fd.stores.appointments.list({ status: 'booked' });
    expect(booked.map((a) => a.clientId)).toEqual([phoneClient.id]);

    expect(await say(t.server, fromId, "when's my appointment?", { channelId })).toEqual([fd.deps.texts.noUpcoming()]);
    const cancel = await say(t.server, fromId, 'cancel my appointment', { channelId });
    expect(cancel.join('\n')).not.toMatch(/haircut/i);
    expect(await say(t.server, fromId, 'STOP', { channelId })).toEqual([fd.deps.texts.optedOut(fd.business)]);

    const impostor = await fd.stores.clients.findByAddress(address);
    expect(impostor).not.toBeNull();
    expect(impostor!.id).not.toBe(phoneClient.id);
    expect(await fd.stores.consent.isOptedOut(address)).toBe(true);
    expect(await fd.stores.consent.isOptedOut(PHONE)).toBe(false);
    expect((await fd.stores.appointments.list({ status: 'booked' })).map((a) => a.id)).toEqual(booked.map((a) => a.id));
    // The real client still talks to the bot by text.
    expect((await t.text(PHONE, "when's my appointment?")).messages[0]).toMatch(/^Your next appointment: Haircut/);
  });
});

describe('where the server listens', () => {
  let dataDir: string;
  let running: RunningServer | null = null;

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'frontdesk-listen-'));
  });
  afterEach(async () => {
    await running?.close();
    running = null;
    rmSync(dataDir, { recursive: true, force: true });
  });

  withOtherHost('without an app id it answers on loopback only, and not on the machine\'s other addresses', async () => {
    const settings = readSettings({}, { dataDir, port: 0 });
    expect(settings.host).toBe('127.0.0.1');
    running = await startServer({ settings, logger: silentLogger() });
    expect(await reachable(running.url)).toBe(true);
    expect(await reachable(`http://${urlHostOf(OTHER_HOST!)}:${running.port}`)).toBe(false);
  });

  withOtherHost('with HOST=0.0.0.0 and FRONTDESK_ALLOW_ANONYMOUS=remote it answers other addresses, /api/messages included', async () => {
    const settings = readSettings({ HOST: '0.0.0.0', FRONTDESK_ALLOW_ANONYMOUS: 'remote' }, { dataDir, port: 0 });
    running = await startServer({ settings, logger: silentLogger() });
    const remote = `http://${urlHostOf(OTHER_HOST!)}:${running.port}`;
    expect(await reachable(remote)).toBe(true);
    const res = await post(remote, activity({ text: 'are you open sunday?', deliveryMode: 'expectReplies' }));
    expect(res.status).toBe(200);
  });

  it('refuses to start on a non-loopback HOST without an app id, saying what to set', async () => {
    expect(() => readSettings({ HOST: '0.0.0.0' }, { dataDir, port: 0 })).toThrow(SettingsError);
    expect(() => readSettings({ HOST: '0.0.0.0' }, { dataDir, port: 0 })).toThrow(/HOST=0\.0\.0\.0 without MicrosoftAppId.*FRONTDESK_ALLOW_ANONYMOUS=remote/);
    // Settings made by hand are held to the same rule.
    const handMade: Settings = { ...readSettings({}, { dataDir, port: 0 }), host: '0.0.0.0' };
    await expect(startServer({ settings: handMade, logger: silentLogger() })).rejects.toThrow(/FRONTDESK_ALLOW_ANONYMOUS=remote/);
  });

  it('names a bad FRONTDESK_ALLOW_ANONYMOUS value', () => {
    expect(() => readSettings({ FRONTDESK_ALLOW_ANONYMOUS: 'yes' }, { dataDir })).toThrow(/FRONTDESK_ALLOW_ANONYMOUS must be one of local, remote, got 'yes'/);
  });

  withOtherHost('with an app id it listens on all interfaces by default, and other addresses reach the token check', async () => {
    const settings = readSettings({ MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'secret' }, { dataDir, port: 0 });
    expect(settings.host).toBe('0.0.0.0');
    running = await startServer({ settings, logger: silentLogger() });
    const res = await post(`http://${urlHostOf(OTHER_HOST!)}:${running.port}`, activity({ serviceUrl: 'https://webchat.botframework.com/', text: 'hi' }));
    expect(res.status).toBe(401);
  });

  withOtherHost('as a second line, an anonymous route reached from another address answers 403 and runs no turn', async () => {
    // The route on its own, listening where startServer would refuse to: only the route's check stands.
    const settings = readSettings({}, { dataDir, port: 0 });
    const { frontdesk, server } = composeServer({ settings, logger: silentLogger(), clock: () => at('2026-03-10T10:00') });
    await new Promise<void>((resolve) => server.listen(0, OTHER_HOST!, () => resolve()));
    try {
      const port = (server.address() as AddressInfo).port;
      const res = await post(`http://${urlHostOf(OTHER_HOST!)}:${port}`, activity({ text: 'hi', deliveryMode: 'expectReplies' }));
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: 'frontdesk_anonymous_remote_refused' });
      expect(await frontdesk.stores.clients.list()).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await frontdesk.close();
    }
  });
});

describe('a serviceUrl off the allow-list is never called', () => {
  let dataDir: string;
  let running: RunningServer;
  let capture: CaptureServer;

  afterEach(async () => {
    await running.close();
    await capture.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function start(env: NodeJS.ProcessEnv, captureHost: string): Promise<void> {
    dataDir = mkdtempSync(path.join(tmpdir(), 'frontdesk-serviceurl-'));
    capture = await startCaptureServer({ host: captureHost, otherwise: { status: 200, body: { id: 'sent-1' } } });
    running = await startServer({ settings: readSettings(env, { dataDir, port: 0 }), clock: () => at('2026-03-10T10:00'), logger: silentLogger() });
  }

  /** A turn naming the capture server, then a staff reply to a client whose saved reference names it. */
  async function expectNeverCalled(channelId: string): Promise<void> {
    const fd = running.frontdesk;
    const res = await post(running.url, activity({ channelId, serviceUrl: capture.url, from: { id: 'mallory', name: 'M' }, text: 'hi' }));
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: 'frontdesk_service_url_refused' });
    expect(await fd.stores.clients.list()).toEqual([]);

    // A reference kept from before the allow-list existed: the bot still never posts to it.
    const now = at('2026-03-10T10:00');
    const client = await fd.stores.clients.findOrCreateByAddress(`${channelId}:victor`, channelId, now);
    await fd.stores.references.save(client.id, channelId, { channelId, serviceUrl: capture.url, conversation: { id: 'c-victor', isGroup: false, conversationType: 'personal', name: '' }, user: { id: 'victor', name: 'V' }, bot: { id: 'frontdesk', name: 'Frontdesk' } }, now);
    const outcome = await fd.outbound.sendProactive({ clientId: client.id, channel: channelId, text: 'Your stylist replied', kind: 'staff_reply', respectQuietHours: false }, now);
    expect(outcome.status).toBe('queued');
    await fd.outbound.drain(now);
    const [message] = await fd.stores.outbox.list();
    expect(message).toMatchObject({ status: 'failed', reason: expect.stringContaining('frontdesk_service_url_refused') });
    expect(capture.requests).toEqual([]);
  }

  withOtherHost('anonymous mode: a capture server on this machine\'s network address gets nothing', async () => {
    await start({}, OTHER_HOST!);
    await expectNeverCalled('emulator');
  });

  it('with an app id: a loopback capture server not on the list gets nothing', async () => {
    await start({ MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'secret' }, '127.0.0.1');
    // Teams: a Bot Framework channel the connector sends to (Frontdesk's own web chat has its own sender).
    await expectNeverCalled('msteams');
  });
});

describe('a conversation update greets once, however many members it names', () => {
  let dataDir: string;
  let running: RunningServer;
  let capture: CaptureServer;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'frontdesk-fanout-'));
    capture = await startCaptureServer({ otherwise: { status: 200, body: { id: 'sent-1' } } });
    running = await startServer({ settings: readSettings({}, { dataDir, port: 0 }), clock: () => at('2026-03-10T10:00'), logger: silentLogger() });
  });
  afterAll(async () => {
    await running.close();
    await capture.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(() => {
    capture.requests.length = 0;
  });

  const members = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `member-${i}`, name: `Member ${i}` }));
  const update = (n: number) =>
    activity({ type: 'conversationUpdate', serviceUrl: capture.url, membersAdded: [{ id: 'frontdesk', name: 'Frontdesk' }, ...members(n)] });

  it('2,000 members added lead to at most one call to the serviceUrl', async () => {
    const res = await post(running.url, update(2000));
    expect(res.status).toBeLessThan(500);
    expect(capture.requests.length).toBeLessThanOrEqual(1);
  });

  it('a few members added get one greeting between them', async () => {
    const res = await post(running.url, update(MEMBERS_LOOKED_AT + 5));
    expect(res.status).toBe(200);
    expect(capture.requests).toHaveLength(1);
    const sent = JSON.parse(capture.requests[0]!.body) as { type: string; text: string };
    expect(sent).toMatchObject({ type: 'message', text: running.frontdesk.deps.texts.greeting(running.frontdesk.business) });
  });

  it('the bot joining alone is not greeted', async () => {
    const res = await post(running.url, activity({ type: 'conversationUpdate', serviceUrl: capture.url, membersAdded: [{ id: 'frontdesk', name: 'Frontdesk' }] }));
    expect(res.status).toBe(200);
    expect(capture.requests).toEqual([]);
  });
});
