// The outbound queue's SMS and WhatsApp sender: Twilio's answers, from a local server standing in
// for the Messages API, read as the outbound layer's outcomes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { QueuedMessage } from '../../../bot/ports/messaging';
import type { SendResult } from '../../../bot/ports/outbound';
import type { Stores } from '../../../bot/ports/stores';
import { openSqliteStores } from '../../../bot/store/sqlite';
import { TwilioMessageSender, WHATSAPP_SESSION_MS } from '../../../channels/twilio/message-sender';
import { TwilioMessagesClient } from '../../../channels/twilio/messages-client';
import { twilioOutcome } from '../../../channels/twilio/outbox-sender';
import { startCaptureServer, type CaptureServer } from '../../helpers/capture-server';
import { ACCOUNT_SID, AUTH_TOKEN, BUSINESS_NUMBER } from './twilio-test-server';

const NOW = new Date('2026-03-10T15:00:00.000Z');

function queued(changes: Partial<QueuedMessage> = {}): QueuedMessage {
  return {
    id: 'out_1',
    dedupeKey: null,
    clientId: null,
    address: '+15555550199',
    channel: 'sms',
    senderKey: 'sms',
    priority: 'normal',
    kind: 'reminder',
    text: 'See you tomorrow at 3:00 PM',
    mediaUrls: [],
    status: 'sending',
    reason: null,
    attempts: 1,
    notBefore: NOW.toISOString(),
    expiresAt: null,
    providerId: null,
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    sentAt: null,
    ...changes,
  };
}

const failed = (code: string, retryable: boolean): SendResult => ({ ok: false, code, retryable, message: `error ${code}` });

describe("Twilio's answers as outcomes", () => {
  it.each([
    ['a message Twilio took', { ok: true, providerId: 'SM1', segments: 2 } as SendResult, 'sms', { kind: 'sent', providerId: 'SM1', segments: 2 }],
    ['21610, a number that replied STOP', failed('21610', false), 'sms', { kind: 'opted_out', code: '21610' }],
    ['21610 on WhatsApp', failed('21610', false), 'whatsapp', { kind: 'opted_out', code: '21610' }],
    ['no template outside the WhatsApp session', failed('whatsapp_template_required', false), 'whatsapp', { kind: 'fallback_sms', code: 'whatsapp_template_required' }],
    ["63016, WhatsApp's 24-hour window closed", failed('63016', false), 'whatsapp', { kind: 'fallback_sms', code: '63016' }],
    ['63016 on SMS, where no fallback helps', failed('63016', false), 'sms', { kind: 'permanent', code: '63016', message: 'error 63016' }],
    ['20429, too many requests', failed('20429', true), 'sms', { kind: 'retry', code: '20429', message: 'error 20429' }],
    ['a 5xx', failed('http_503', true), 'sms', { kind: 'retry', code: 'http_503', message: 'error http_503' }],
    ['a timeout', failed('timeout', true), 'sms', { kind: 'retry', code: 'timeout', message: 'error timeout' }],
    ['21211, an invalid number', failed('21211', false), 'sms', { kind: 'permanent', code: '21211', message: 'error 21211' }],
  ])('reads %s', (_name, result, channel, outcome) => {
    expect(twilioOutcome(result, channel)).toEqual(outcome);
  });
});

describe('the Twilio outbox sender', () => {
  let capture: CaptureServer;
  let stores: Stores;
  let dataDir: string;

  beforeEach(async () => {
    capture = await startCaptureServer();
    dataDir = mkdtempSync(path.join(tmpdir(), 'frontdesk-twilio-outbox-'));
    stores = openSqliteStores({ dataDir });
  });

  afterEach(async () => {
    await capture.close();
    await stores.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function outbox() {
    const client = new TwilioMessagesClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiUrl: capture.url });
    const sender = new TwilioMessageSender(client, { phoneNumber: BUSINESS_NUMBER }, { inbound: stores.inboundMessages, deliveries: stores.deliveries }, () => NOW);
    return sender.outboxSender();
  }

  it('shares the number rate and sends a queued SMS with its media', async () => {
    const sender = outbox();
    expect(sender.sharesNumberRate).toBe(true);
    const outcome = await sender.send(queued({ mediaUrls: ['https://files.example.test/a.png'] }), null);
    expect(outcome).toEqual({ kind: 'sent', providerId: expect.stringMatching(/^SM/), segments: 1 });
    expect(capture.requests[0]?.form).toMatchObject({ To: '+15555550199', From: BUSINESS_NUMBER, Body: 'See you tomorrow at 3:00 PM', MediaUrl: 'https://files.example.test/a.png' });
  });

  it('reads 21610 as opted out, a 503 as worth a retry and 21211 as permanent', async () => {
    capture.queue(
      { status: 400, body: { code: 21610, message: 'Attempt to send to unsubscribed recipient', status: 400 } },
      { status: 503, body: null },
      { status: 400, body: { code: 21211, message: "The 'To' number is not a valid phone number.", status: 400 } },
    );
    const sender = outbox();
    expect(await sender.send(queued(), null)).toEqual({ kind: 'opted_out', code: '21610' });
    expect(await sender.send(queued(), null)).toMatchObject({ kind: 'retry', code: 'http_503' });
    expect(await sender.send(queued(), null)).toMatchObject({ kind: 'permanent', code: '21211' });
  });

  it('asks for an SMS instead when WhatsApp is outside its 24-hour session and no template is configured', async () => {
    await stores.inboundMessages.claim({ messageId: 'SMold', channel: 'whatsapp', address: '+15555550188', media: [] }, new Date(NOW.getTime() - WHATSAPP_SESSION_MS - 60_000), 60_000);
    const outcome = await outbox().send(queued({ address: '+15555550188', channel: 'whatsapp', senderKey: 'whatsapp' }), null);
    expect(outcome).toEqual({ kind: 'fallback_sms', code: 'whatsapp_template_required' });
    expect(capture.requests).toHaveLength(0);
  });

  it('refuses an address that is not a phone number, and a channel it does not carry, without calling Twilio', async () => {
    const sender = outbox();
    expect(await sender.send(queued({ address: 'slack:U1' }), null)).toMatchObject({ kind: 'permanent', code: 'bad_address' });
    expect(await sender.send(queued({ channel: 'slack' }), null)).toMatchObject({ kind: 'permanent', code: 'not_a_text_channel' });
    expect(capture.requests).toHaveLength(0);
  });
});
