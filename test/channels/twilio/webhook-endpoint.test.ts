// The real server over HTTP, with requests signed by the twilio package's own helper.
import { loadBusinessConfig } from '../../../bot/config/business-config';
import { segmentCount } from '../../../channels/twilio/sms-encoding';
import {
  ACCOUNT_SID,
  BUSINESS_NUMBER,
  PUBLIC_URL,
  messagesOf,
  newMessageSid,
  sign,
  startTwilioTestServer,
  type Params,
  type TwilioTestServer,
} from './twilio-test-server';

const MESSAGES = '/api/twilio/messages';

function inbound(from: string, body: string, extra: Params = {}): Params {
  return { MessageSid: newMessageSid(), AccountSid: ACCOUNT_SID, From: from, To: BUSINESS_NUMBER, Body: body, NumMedia: '0', ...extra };
}

describe('Twilio messages webhook', () => {
  let t: TwilioTestServer;

  beforeAll(async () => {
    const business = loadBusinessConfig();
    const parking = business.faqs.find((f) => f.id === 'parking');
    if (!parking) throw new Error('the demo business lost its parking FAQ');
    // A long answer, with typography, to see it split within three parts a message.
    parking.answer = Array.from(
      { length: 7 },
      (_, i) => `Parking note ${i + 1}: there’s free street parking on Maple Street after 6 PM — and the lot behind the bakery is fine too.`,
    ).join(' ');
    t = await startTwilioTestServer({ business });
  });

  afterAll(async () => {
    await t.close();
  });

  describe('signatures', () => {
    it('answers a correctly signed message with TwiML', async () => {
      const res = await t.post(MESSAGES, inbound('+15555550101', 'hi'));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/xml/);
      const twiml = await res.text();
      expect(twiml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response><Message>[^<]*Hi! This is Maple Street Salon's text assistant/);
    });

    it.each([
      ['no signature', { signature: null }],
      ['a forged signature', { signature: 'bm90IGEgcmVhbCBzaWduYXR1cmU=' }],
      ['a signature made with another token', { signature: sign(`${PUBLIC_URL}${MESSAGES}`, {}, 'another-token') }],
      ['a signature for another URL', { signedUrl: `${PUBLIC_URL}/api/twilio/status` }],
      ['a signature for the address the server listens on instead of PUBLIC_URL', { signedUrl: `http://127.0.0.1${MESSAGES}` }],
      ['a signature over stale parameters', { signedParams: { Body: 'an earlier message' } }],
    ])('refuses %s with 403 and does nothing', async (_label, options) => {
      const params = inbound('+15555550102', 'book a haircut friday at 3');
      const signed = 'signedParams' in options ? { signedParams: { ...params, ...options.signedParams } } : options;
      const res = await t.post(MESSAGES, params, signed);
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: 'frontdesk_twilio_bad_signature', message: expect.any(String) });
      expect(await t.server.frontdesk.stores.clients.findByAddress('+15555550102')).toBeNull();
      expect(await t.server.frontdesk.stores.inboundMessages.get(String(params.MessageSid))).toBeNull();
    });

    it('accepts a webhook URL with a query string when it was signed with it', async () => {
      const params = inbound('+15555550103', 'hi');
      const res = await t.post(`${MESSAGES}?tenant=maple`, params);
      expect(res.status).toBe(200);
      const stripped = await t.post(`${MESSAGES}?tenant=maple`, inbound('+15555550103', 'hi'), { signedUrl: `${PUBLIC_URL}${MESSAGES}` });
      expect(stripped.status).toBe(403);
    });

    it('refuses a JSON body, which Twilio never sends', async () => {
      const res = await fetch(`${t.server.url}${MESSAGES}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-twilio-signature': sign(`${PUBLIC_URL}${MESSAGES}`, {}) },
        body: JSON.stringify({ From: '+15555550104', Body: 'hi' }),
      });
      expect(res.status).toBe(403);
    });

    it('answers 400 to a signed request that is not a message', async () => {
      const res = await t.post(MESSAGES, { From: '+15555550105', To: BUSINESS_NUMBER, Body: 'hi' });
      expect(res.status).toBe(400);
    });
  });

  describe('retries', () => {
    it('answers a retried MessageSid with the same TwiML, running one turn and booking once', async () => {
      const from = '+15555550110';
      expect((await t.text(from, 'haircut thursday at 3pm')).messages.join('\n')).toMatch(/what name/i);
      expect((await t.text(from, 'Jordan')).messages.join('\n')).toMatch(/shall I book it\? \(yes \/ no\)/);
      const yes = inbound(from, 'yes');
      const first = await t.post(MESSAGES, yes);
      const retry = await t.post(MESSAGES, yes);
      const firstTwiml = await first.text();
      expect(messagesOf(firstTwiml)[0]).toMatch(/^You're booked/);
      expect(await retry.text()).toBe(firstTwiml);

      const client = await t.server.frontdesk.stores.clients.findByAddress(from);
      const booked = (await t.server.frontdesk.stores.appointments.list()).filter((a) => a.clientId === client?.id);
      expect(booked).toHaveLength(1);
      // Had the retry run a turn, "yes" with nothing pending would have been answered differently.
      expect(await t.server.frontdesk.stores.inboundMessages.get(String(yes.MessageSid))).toMatchObject({ state: 'done', response: firstTwiml });
    });

    it('runs one turn for concurrent duplicates and gives both the same reply', async () => {
      const from = '+15555550111';
      await t.text(from, 'haircut thursday at 4pm');
      await t.text(from, 'Sam');
      const yes = inbound(from, 'yes');
      const responses = await Promise.all([t.post(MESSAGES, yes), t.post(MESSAGES, yes), t.post(MESSAGES, yes)]);
      const bodies = await Promise.all(responses.map((r) => r.text()));
      expect(new Set(bodies).size).toBe(1);
      expect(messagesOf(bodies[0] ?? '')[0]).toMatch(/^You're booked/);
      const client = await t.server.frontdesk.stores.clients.findByAddress(from);
      expect((await t.server.frontdesk.stores.appointments.list()).filter((a) => a.clientId === client?.id)).toHaveLength(1);
    });
  });

  it('books by SMS end to end, picking the service and the time by digit', async () => {
    const from = '+15555550120';
    const store = t.server.frontdesk.stores.appointments;
    const menu = await t.text(from, 'I want to book an appointment');
    expect(menu.messages).toHaveLength(1);
    expect(menu.messages[0]).toMatch(/1\) Haircut[\s\S]*Reply 1, 2, 3, 4 or 5/);
    expect(menu.messages[0]?.match(/^1\) /gm)).toHaveLength(1);

    expect((await t.text(from, '1')).messages[0]).toMatch(/haircut/i);
    const offer = await t.text(from, 'friday');
    expect(offer.messages[0]).toMatch(/^On Fri Mar 13 I have:\n1\) (.+)\n2\) (.+)\n3\) (.+)\nReply 1, 2 or 3/);
    const second = /\n2\) (.+)\n/.exec(offer.messages[0] ?? '')?.[1];

    expect((await t.text(from, '2')).messages[0]).toMatch(/what name/i);
    const readBack = await t.text(from, 'Riley');
    expect(readBack.messages.join('\n')).toContain(`Fri Mar 13 at ${second} - shall I book it? (yes / no)`);
    expect(readBack.twiml).not.toMatch(/[\u2014\u2019]/);
    expect((await t.text(from, 'yes')).messages[0]).toMatch(/^You're booked: Haircut/);

    const client = await t.server.frontdesk.stores.clients.findByAddress(from);
    expect(client).toMatchObject({ name: 'Riley', channel: 'sms' });
    const booked = (await store.list({ status: 'booked' })).filter((a) => a.clientId === client?.id);
    expect(booked.map((a) => a.serviceId)).toEqual(['haircut']);
  });

  it('hands MMS media to the bot as attachments and keeps them with the message', async () => {
    const params = inbound('+15555550130', 'this is the color I want', {
      NumMedia: '2',
      MediaUrl0: 'https://api.twilio.example/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME0',
      MediaContentType0: 'image/jpeg',
      MediaUrl1: 'https://api.twilio.example/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1',
      MediaContentType1: 'image/png',
    });
    const res = await t.post(MESSAGES, params);
    expect(res.status).toBe(200);
    const record = await t.server.frontdesk.stores.inboundMessages.get(String(params.MessageSid));
    expect(record).toMatchObject({
      channel: 'sms',
      address: '+15555550130',
      media: [
        { contentType: 'image/jpeg', url: String(params.MediaUrl0) },
        { contentType: 'image/png', url: String(params.MediaUrl1) },
      ],
    });
  });

  it('serves WhatsApp through the same route, with the bare number as the client', async () => {
    const reply = await t.text('whatsapp:+15555550140', 'hi', { ProfileName: 'Ana' });
    expect(reply.status).toBe(200);
    expect(reply.messages.join('\n')).toContain("Hi! This is Maple Street Salon's text assistant");
    const client = await t.server.frontdesk.stores.clients.findByAddress('+15555550140');
    expect(client).toMatchObject({ address: '+15555550140', channel: 'whatsapp' });
    expect(await t.server.frontdesk.stores.inboundMessages.lastReceivedAt('+15555550140', 'whatsapp')).not.toBeNull();
  });

  it('splits a long answer into messages within three SMS parts each, in GSM-7', async () => {
    const reply = await t.text('+15555550150', 'where can I park?');
    expect(reply.messages.length).toBeGreaterThan(1);
    const all = reply.messages.join(' ');
    expect(all.length).toBeGreaterThan(400);
    expect(all).toContain("there's free street parking");
    for (const m of reply.messages) {
      expect(segmentCount(m)).toBeLessThanOrEqual(3);
      expect(m).toMatch(/[.!?]$/);
    }
  });

  it('answers a flooding address once, then ignores it', async () => {
    const from = '+15555550160';
    const replies: string[][] = [];
    for (let i = 0; i < 24; i += 1) replies.push((await t.text(from, 'what are your hours?')).messages);
    expect(replies.slice(0, 20).every((m) => m.length > 0)).toBe(true);
    expect(replies[20]).toEqual(["You're sending a lot of messages; I'll pause for a few minutes."]);
    expect(replies.slice(21)).toEqual([[], [], []]);
    // Another client is not affected, and the address is served again after the pause.
    expect((await t.text('+15555550161', 'what are your hours?')).messages).toHaveLength(1);
    t.setNow('2026-03-10T10:06');
    expect((await t.text(from, 'what are your hours?')).messages[0]).toMatch(/^Our hours/);
  });
});

describe('Twilio webhooks without an auth token', () => {
  it('refuse with 503 rather than accept unsigned traffic', async () => {
    const t = await startTwilioTestServer({ env: { TWILIO_AUTH_TOKEN: '', TWILIO_ACCOUNT_SID: '', PUBLIC_URL: '' } });
    try {
      for (const route of [MESSAGES, '/api/twilio/status']) {
        const res = await t.post(route, inbound('+15555550170', 'hi'), { signature: null });
        expect(res.status).toBe(503);
        expect(await res.json()).toMatchObject({ error: 'frontdesk_twilio_not_configured' });
      }
      expect(await t.server.frontdesk.stores.clients.findByAddress('+15555550170')).toBeNull();
    } finally {
      await t.close();
    }
  });
});
