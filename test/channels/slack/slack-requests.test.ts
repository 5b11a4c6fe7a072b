// What /api/slack/events accepts and refuses, and the /frontdesk slash command, over real HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readSettings } from '../../../bot/config/settings';
import { startServer } from '../../../bot/index';
import { silentLogger } from '../../../bot/log';
import { signSlackRequest } from '../../../channels/slack/verify-signature';
import { STAFF_CHANNEL, SIGNING_SECRET, startSlackTestServer, type SlackTestServer } from './slack-test-server';

describe('POST /api/slack/events', () => {
  let s: SlackTestServer;
  beforeAll(async () => {
    s = await startSlackTestServer();
  });
  afterAll(async () => {
    await s.close();
  });

  const dmEvent = (eventId: string) =>
    JSON.stringify({
      type: 'event_callback',
      team_id: 'TFRONTDESK',
      event_id: eventId,
      event: { type: 'message', channel: 'DSECURITY1', channel_type: 'im', user: 'USECURITY1', text: 'hello', ts: '1773150000.000100' },
    });

  const forgeries: Array<[name: string, offsetSeconds: number, sign: ((timestamp: number, body: string) => string) | null, reason: string]> = [
    ['a made-up signature', 0, () => `v0=${'0'.repeat(64)}`, 'forged'],
    ['a signature made with another secret', 0, (t, body) => signSlackRequest('not-the-signing-secret', t, body), 'forged'],
    ['a signature of another version', 0, (t, body) => signSlackRequest(SIGNING_SECRET, t, body).replace(/^v0=/, 'v1='), 'forged'],
    ['a timestamp six minutes old', -360, null, 'stale'],
    ['a timestamp six minutes ahead', 360, null, 'stale'],
  ];

  it.each(forgeries)('refuses %s with 401 and runs nothing', async (_name, offsetSeconds, sign, reason) => {
    const body = dmEvent(`EvForged${_name.replace(/\W/g, '')}`);
    const timestamp = s.nowSeconds() + offsetSeconds;
    const res = await s.post(body, 'application/json', { timestamp, ...(sign ? { signature: sign(timestamp, body) } : {}) });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'slack_signature_invalid', reason });
    await s.settle();
    expect(s.slackApi.calls).toEqual([]);
    expect(await s.twilio.server.frontdesk.stores.clients.findByAddress('slack:USECURITY1')).toBeNull();
  });

  it('refuses a request without the signature headers with 401', async () => {
    const res = await fetch(s.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: dmEvent('EvUnsigned1') });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { reason: string }).reason).toBe('missing_headers');
  });

  it('refuses a signed body that was changed on the way with 401', async () => {
    const body = dmEvent('EvTampered1');
    const timestamp = s.nowSeconds();
    const signature = signSlackRequest(SIGNING_SECRET, timestamp, body);
    const res = await s.post(body.replace('hello', 'hullo'), 'application/json', { timestamp, signature });
    expect(res.status).toBe(401);
  });

  it("answers Slack's URL verification with the challenge", async () => {
    const res = await s.post(JSON.stringify({ token: 't', challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P', type: 'url_verification' }), 'application/json');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
  });

  it('rejects a signed body that is not JSON with 400', async () => {
    const res = await s.post('payload=%7Bnot-json', 'application/x-www-form-urlencoded');
    expect(res.status).toBe(400);
  });
});

describe('POST /api/slack/events without Slack configured', () => {
  it('answers 503 and says which variables to set', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'frontdesk-slack-off-'));
    const server = await startServer({ settings: readSettings({}, { dataDir, port: 0 }), logger: silentLogger() });
    try {
      const res = await fetch(`${server.url}/api/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(res.status).toBe(503);
      const body = (await res.json()) as { error: string; message: string };
      expect(body.error).toBe('slack_not_configured');
      expect(body.message).toMatch(/SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET/);
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('/frontdesk slash command', () => {
  let s: SlackTestServer;
  beforeAll(async () => {
    s = await startSlackTestServer();
    // Two clients in line, one asking first; Dana has a history of messages.
    await s.twilio.text('+15555550142', 'My name is Dana and I want to ask about balayage prices');
    await s.twilio.text('+15555550142', 'can I talk to a person');
    s.twilio.setNow('2026-03-10T10:07');
    await s.twilio.text('+15555550177', 'I need to speak to a human');
    s.twilio.setNow('2026-03-10T10:12');
    await s.settle();
  });
  afterAll(async () => {
    await s.close();
  });

  it('lists who waits, in order, with masked numbers and waits', async () => {
    const { status, body } = await s.command('queue', 'USTAFF0001');
    expect(status).toBe(200);
    expect(body.response_type).toBe('ephemeral');
    const lines = (body.text ?? '').split('\n');
    expect(lines[0]).toBe('*2 clients waiting:*');
    expect(lines[1]).toMatch(/^1\. #\d+ .*\(\+•••••••0142\) on sms — waiting 12 min$/);
    expect(lines[2]).toMatch(/^2\. #\d+ .*\(\+•••••••0177\) on sms — waiting 5 min$/);
    expect(body.text).not.toMatch(/5555550142|5555550177/);
  });

  it("shows a client's recent messages by phone number, and finds messages by words", async () => {
    const byPhone = await s.command('history (555) 555-0142', 'USTAFF0001');
    expect(byPhone.body.text).toMatch(/^\*Recent messages with .*\(\+•••••••0142\):/);
    expect(byPhone.body.text).toContain('balayage prices');
    expect(byPhone.body.text).toContain('can I talk to a person');

    const byWords = await s.command('history words balayage', 'USTAFF0001');
    expect(byWords.body.text).toMatch(/^\*1 message containing “balayage”\*:/);
    expect(byWords.body.text).toContain('I want to ask about balayage prices');

    expect((await s.command('history +15555550999', 'USTAFF0001')).body.text).toBe('No client matches “+15555550999”.');
  });

  it('sends a staff update through the outbound layer on the client’s channel', async () => {
    const { body } = await s.command('text +15555550177 Your color is ready for pick-up', 'USTAFF0001');
    expect(body.text).toMatch(/^Your update to .* is on its way on sms\.$/);
    const queued = await s.twilio.server.frontdesk.stores.outbox.list({ kind: 'staff_update' });
    expect(queued.map((m) => [m.address, m.channel, m.text])).toEqual([['+15555550177', 'sms', 'Your color is ready for pick-up']]);
  });

  it('keeps a staff update to an opted-out client from going out', async () => {
    await s.twilio.server.frontdesk.stores.consent.optOut('+15555550142', 'keyword', s.twilio.server.frontdesk.deps.clock());
    const { body } = await s.command('text +15555550142 Your appointment moved', 'USTAFF0001');
    expect(body.text).toMatch(/was not sent: they opted out of messages \(STOP\)\.$/);
    const queued = await s.twilio.server.frontdesk.stores.outbox.list({ address: '+15555550142', kind: 'staff_update' });
    expect(queued.map((m) => m.status)).toEqual(['suppressed']);
  });

  it('resolves by ticket number, and asks which one when the caller holds none', async () => {
    const waiting = await s.twilio.server.frontdesk.handoff.store.listWaiting();
    const number = waiting[0]?.number ?? 0;
    expect((await s.command('resolve', 'USTAFF0002')).body.text).toMatch(/^Which conversation\?/);
    expect((await s.command(`resolve ${number}`, 'USTAFF0002')).body.text).toBe(`Conversation #${number} is resolved; the client is back with the assistant.`);
    expect((await s.command(`resolve ${number}`, 'USTAFF0002')).body.text).toBe(`There is no open conversation #${number}.`);
    await s.settle();
    expect((await s.command('queue', 'USTAFF0001')).body.text).toMatch(/^\*1 client waiting:\*/);
  });

  it('lists who is with staff, naming a staff-view login in plain text and a Slack user by mention', async () => {
    const fd = s.twilio.server.frontdesk;
    const [waiting] = await fd.handoff.store.listWaiting();
    expect(waiting).toBeDefined();
    expect((await fd.handoff.claim(waiting!.id, 'web:dana', 'Dana', fd.deps.clock())).ok).toBe(true);
    const text = (await s.command('queue', 'USTAFF0001')).body.text ?? '';
    expect(text).toContain('*With staff:*');
    expect(text).toMatch(new RegExp(`• #${waiting!.number} .* — Dana$`, 'm'));
    expect(text).not.toContain('<@web:');
  });

  it('answers only in the staff channel, and shows the usage for anything else', async () => {
    expect((await s.command('queue', 'USTAFF0001', 'CELSEWHERE')).body.text).toBe(`Use /frontdesk in <#${STAFF_CHANNEL}>, where the team works the queue.`);
    expect((await s.command('', 'USTAFF0001')).body.text).toMatch(/^\*\/frontdesk\* commands:/);
  });
});
