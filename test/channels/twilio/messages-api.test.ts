// Outbound messages through Twilio's Messages API, captured by a local server via TWILIO_API_URL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Stores } from '../../../bot/ports/stores';
import { openSqliteStores } from '../../../bot/store/sqlite';
import { TwilioMessageSender, WHATSAPP_SESSION_MS } from '../../../channels/twilio/message-sender';
import { TwilioMessagesClient } from '../../../channels/twilio/messages-client';
import { createTwilioSender } from '../../../channels/twilio/routes';
import { segmentCount } from '../../../channels/twilio/sms-encoding';
import { TwilioAdapter } from '../../../channels/twilio/twilio-adapter';
import { startCaptureServer, type CaptureServer } from '../../helpers/capture-server';
import { ACCOUNT_SID, AUTH_TOKEN, BUSINESS_NUMBER, PUBLIC_URL, startTwilioTestServer } from './twilio-test-server';

const NOW = new Date('2026-03-10T15:00:00.000Z');
const TEMPLATE_SID = `HX${'a'.repeat(32)}`;
const SERVICE_SID = `MG${'b'.repeat(32)}`;
const basicAuth = `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`;

describe('Twilio Messages API sender', () => {
  let capture: CaptureServer;
  let stores: Stores;
  let dataDir: string;

  beforeEach(async () => {
    capture = await startCaptureServer();
    dataDir = mkdtempSync(path.join(tmpdir(), 'frontdesk-twilio-api-'));
    stores = openSqliteStores({ dataDir });
  });

  afterEach(async () => {
    await capture.close();
    await stores.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function sender(config: Partial<ConstructorParameters<typeof TwilioMessageSender>[1]> = {}, apiUrl = capture.url): TwilioMessageSender {
    const client = new TwilioMessagesClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiUrl });
    return new TwilioMessageSender(
      client,
      { phoneNumber: BUSINESS_NUMBER, statusCallbackUrl: `${PUBLIC_URL}/api/twilio/status`, ...config },
      { inbound: stores.inboundMessages, deliveries: stores.deliveries },
      () => NOW,
    );
  }

  it('posts an SMS with basic auth, From, To, Body, StatusCallback and media, and records the delivery', async () => {
    const result = await sender().send({
      to: '+15555550199',
      channel: 'sms',
      text: 'Reminder: Haircut tomorrow — reply C to confirm.',
      mediaUrls: ['https://files.example.test/a.png', 'https://files.example.test/b.png'],
      kind: 'reminder',
    });
    expect(result).toEqual({ ok: true, providerId: expect.stringMatching(/^SM[0-9a-f]{32}$/), segments: 1 });
    expect(capture.requests).toHaveLength(1);
    const request = capture.requests[0];
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    expect(request?.headers.authorization).toBe(basicAuth);
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request?.form).toEqual({
      To: '+15555550199',
      From: BUSINESS_NUMBER,
      Body: 'Reminder: Haircut tomorrow - reply C to confirm.',
      StatusCallback: `${PUBLIC_URL}/api/twilio/status`,
      MediaUrl: ['https://files.example.test/a.png', 'https://files.example.test/b.png'],
    });
    if (!result.ok) return;
    expect(await stores.deliveries.get(result.providerId)).toMatchObject({ address: '+15555550199', channel: 'sms', kind: 'reminder', status: 'queued' });
  });

  it('sends from the messaging service instead of the number when one is configured', async () => {
    await sender({ messagingServiceSid: SERVICE_SID }).send({ to: '+15555550199', channel: 'sms', text: 'hi', kind: 'staff_reply' });
    expect(capture.requests[0]?.form).toMatchObject({ MessagingServiceSid: SERVICE_SID });
    expect(capture.requests[0]?.form.From).toBeUndefined();
  });

  it("returns Twilio's error code as a value, retryable only for transient failures", async () => {
    capture.queue(
      { status: 400, body: { code: 21610, message: 'Attempt to send to unsubscribed recipient', status: 400 } },
      { status: 429, body: { code: 20429, message: 'Too Many Requests', status: 429 } },
      { status: 503, body: null },
    );
    const s = sender();
    const msg = { to: '+15555550199', channel: 'sms' as const, text: 'hi', kind: 'reminder' };
    expect(await s.send(msg)).toEqual({ ok: false, code: '21610', retryable: false, message: 'Attempt to send to unsubscribed recipient' });
    expect(await s.send(msg)).toMatchObject({ ok: false, code: '20429', retryable: true });
    expect(await s.send(msg)).toMatchObject({ ok: false, code: 'http_503', retryable: true });
  });

  it('returns a network failure as a retryable value', async () => {
    const closed = await startCaptureServer();
    await closed.close();
    const result = await sender({}, closed.url).send({ to: '+15555550199', channel: 'sms', text: 'hi', kind: 'reminder' });
    expect(result).toMatchObject({ ok: false, code: 'network', retryable: true });
  });

  describe('WhatsApp', () => {
    async function clientWrote(msAgo: number): Promise<void> {
      const at = new Date(NOW.getTime() - msAgo);
      await stores.inboundMessages.claim({ messageId: `SM${msAgo}`, channel: 'whatsapp', address: '+15555550188', media: [] }, at, 60_000);
    }
    const msg = { to: '+15555550188', channel: 'whatsapp' as const, text: 'Your haircut is tomorrow at 3:00 PM — see you!', kind: 'reminder' };

    it('sends free text inside the 24-hour session, from and to whatsapp: addresses', async () => {
      await clientWrote(WHATSAPP_SESSION_MS - 60_000);
      expect((await sender().send(msg)).ok).toBe(true);
      expect(capture.requests[0]?.form).toMatchObject({ To: 'whatsapp:+15555550188', From: `whatsapp:${BUSINESS_NUMBER}`, Body: msg.text });
    });

    it('needs a template outside the session, and says so when none is configured', async () => {
      await clientWrote(WHATSAPP_SESSION_MS + 60_000);
      expect(await sender().send(msg)).toEqual({ ok: false, code: 'whatsapp_template_required', retryable: false, message: expect.any(String) });
      expect(capture.requests).toHaveLength(0);
    });

    it('sends the configured template with the text as its variable outside the session', async () => {
      expect((await sender({ whatsappTemplateSid: TEMPLATE_SID }).send(msg)).ok).toBe(true);
      const form = capture.requests[0]?.form;
      expect(form).toMatchObject({ To: 'whatsapp:+15555550188', ContentSid: TEMPLATE_SID, ContentVariables: JSON.stringify({ 1: msg.text }) });
      expect(form?.Body).toBeUndefined();
    });
  });
});

describe('proactive messages through the adapter', () => {
  it('go out through the Messages API of TWILIO_API_URL, split for SMS', async () => {
    const t = await startTwilioTestServer();
    try {
      const { frontdesk } = t.server;
      const adapter = frontdesk.attach(
        new TwilioAdapter({ sender: createTwilioSender(t.settings, frontdesk), storage: frontdesk.stores.state, serviceUrl: t.capture.url }),
      );
      const reference = {
        channelId: 'sms',
        serviceUrl: t.capture.url,
        user: { id: '+15555550177', name: '+15555550177' },
        bot: { id: BUSINESS_NUMBER, name: BUSINESS_NUMBER },
        conversation: { id: `sms:+15555550177:${BUSINESS_NUMBER}`, isGroup: false, conversationType: 'personal', name: 'sms' },
      };
      const long = Array.from({ length: 10 }, (_, i) => `Update ${i + 1}: your stylist is running a little behind today.`).join(' ');
      await adapter.continueConversationAsync('', reference, async (context) => {
        await context.sendActivity(long);
      });

      expect(t.capture.requests.length).toBe(2);
      for (const request of t.capture.requests) {
        expect(request.path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
        expect(request.headers.authorization).toBe(basicAuth);
        expect(request.form).toMatchObject({ To: '+15555550177', From: BUSINESS_NUMBER, StatusCallback: `${PUBLIC_URL}/api/twilio/status` });
        expect(segmentCount(String(request.form.Body))).toBeLessThanOrEqual(3);
      }
      expect(t.capture.requests.map((r) => r.form.Body).join(' ')).toBe(long);
    } finally {
      await t.close();
    }
  });

  it('throw a coded error when Twilio refuses the message', async () => {
    const t = await startTwilioTestServer();
    try {
      const { frontdesk } = t.server;
      const adapter = new TwilioAdapter({ sender: createTwilioSender(t.settings, frontdesk), storage: frontdesk.stores.state, serviceUrl: t.capture.url });
      t.capture.queue({ status: 400, body: { code: 21211, message: "The 'To' number is not a valid phone number." } });
      const reference = { channelId: 'sms', user: { id: '+15555550178', name: '' }, conversation: { id: 'c', isGroup: false, conversationType: 'personal', name: '' } };
      await expect(
        adapter.continueConversation(reference, async (context) => {
          await context.sendActivity('hello');
        }),
      ).rejects.toMatchObject({ name: 'TwilioSendError', code: '21211', retryable: false });
    } finally {
      await t.close();
    }
  });
});
