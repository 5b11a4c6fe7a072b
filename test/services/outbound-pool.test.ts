// The outbound queue sending several messages at once: a real SQLite file, the real Twilio sender
// over HTTP to a local server standing in for Twilio's API, and a clock the test moves by hand.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadBusinessConfig } from '../../bot/config/business-config';
import { silentLogger } from '../../bot/log';
import type { Stores } from '../../bot/ports/stores';
import { OutboundService, type OutboundOptions } from '../../bot/services/outbound-service';
import { openSqliteStores } from '../../bot/store/sqlite';
import { TwilioMessageSender } from '../../channels/twilio/message-sender';
import { TwilioMessagesClient } from '../../channels/twilio/messages-client';
import { ACCOUNT_SID, AUTH_TOKEN, BUSINESS_NUMBER } from '../channels/twilio/twilio-test-server';
import { at } from '../helpers/frontdesk-harness';
import { startScriptedServer, twilioCreated, type ScriptedAnswer, type ScriptedServer } from '../helpers/scripted-server';

describe('outbound pool', () => {
  let dir: string;
  let stores: Stores;
  let twilio: ScriptedServer;
  let now: Date;

  function service(options: Partial<OutboundOptions>): OutboundService {
    const client = new TwilioMessagesClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiUrl: twilio.url, timeoutMs: options.sendTimeoutMs });
    const sender = new TwilioMessageSender(client, { phoneNumber: BUSINESS_NUMBER }, { inbound: stores.inboundMessages, deliveries: stores.deliveries }, () => now);
    return new OutboundService({
      business: loadBusinessConfig(),
      clients: stores.clients,
      consent: stores.consent,
      references: stores.references,
      outbox: stores.outbox,
      sender,
      logger: silentLogger(),
      options: { workerId: 'pool-test', ...options },
    });
  }

  async function attempted(): Promise<number> {
    return (await stores.outbox.list()).reduce((sum, m) => sum + m.attempts, 0);
  }

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'frontdesk-outbound-pool-'));
    stores = openSqliteStores({ file: path.join(dir, 'frontdesk.sqlite') });
    now = at('2026-03-10T10:00');
  });

  afterEach(async () => {
    await twilio.close();
    await stores.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the rate per sender, in queue order, while several sends are in flight at once', async () => {
    // Each request arrives at the clock's time (the test moves it only once every claimed message has
    // arrived), and is answered a while later, so sends overlap.
    const stamps: number[] = [];
    let created = 0;
    twilio = await startScriptedServer((): ScriptedAnswer => {
      stamps.push(now.getTime());
      return { ...(twilioCreated(++created) as { status: number; body: unknown }), delayMs: 250 };
    });
    const outbound = service({ ratePerSecond: 5, concurrency: 4 });
    const burst = Array.from({ length: 10 }, (_, i) => `+155555502${String(i).padStart(2, '0')}`);
    for (const [i, to] of burst.entries()) await outbound.sendProactive({ address: to, text: `message ${i}`, kind: 'queue_update', respectQuietHours: false }, now);

    const end = at('2026-03-10T10:00:04').getTime();
    while (now.getTime() <= end) {
      await outbound.dispatch(now);
      await twilio.waitForRequests(await attempted(), 2000);
      now = new Date(now.getTime() + 100);
    }
    expect(await outbound.idle()).toBe(true);

    const bodies = twilio.requests.map((r) => new URLSearchParams(r.body));
    expect(bodies.map((b) => b.get('To'))).toEqual(burst);
    expect(bodies.map((b) => b.get('Body'))).toEqual(burst.map((_, i) => `message ${i}`));
    // No second of the clock holds more than five of them...
    const start = at('2026-03-10T10:00').getTime();
    const perSecond = new Map<number, number>();
    for (const t of stamps) perSecond.set(Math.floor((t - start) / 1000), (perSecond.get(Math.floor((t - start) / 1000)) ?? 0) + 1);
    expect([...perSecond.values()].every((count) => count <= 5)).toBe(true);
    expect(stamps.slice(5).every((t, i) => t - stamps[i]! >= 1000)).toBe(true);
    // ...and yet sends did overlap.
    expect(twilio.maxInFlight).toBeGreaterThanOrEqual(2);
    expect((await stores.outbox.list({ status: 'sent' })).map((m) => m.attempts)).toEqual(burst.map(() => 1));
  });

  it('lets other messages be claimed while one send hangs, and records the hung one as a retry at its timeout', async () => {
    twilio = await startScriptedServer((request) => (new URLSearchParams(request.body).get('To') === '+15555550301' ? 'never' : twilioCreated(1)));
    const outbound = service({ ratePerSecond: 10, concurrency: 4, sendTimeoutMs: 600, retryBaseMs: 30_000 });
    const hung = await outbound.sendProactive({ address: '+15555550301', text: 'hangs', kind: 'reminder' }, now);
    await outbound.sendProactive({ address: '+15555550302', text: 'goes', kind: 'reminder' }, now);

    const first = await outbound.dispatch(now);
    expect(first.claimed).toBe(1);
    now = new Date(now.getTime() + 100);
    const second = await outbound.dispatch(now);
    expect(second.claimed).toBe(1);
    await second.settled;
    expect(await stores.outbox.list({ status: 'sent' })).toEqual([expect.objectContaining({ address: '+15555550302' })]);

    // A bounded wait gives up while the hung send is still open...
    expect(outbound.sending).toBe(1);
    expect(await outbound.idle(50)).toBe(false);
    // ...and the send itself ends at its timeout, kept for a retry after the backoff.
    await first.settled;
    expect(outbound.sending).toBe(0);
    const id = hung.status === 'queued' ? hung.message.id : '';
    expect(await stores.outbox.get(id)).toMatchObject({
      status: 'queued',
      reason: 'timeout',
      attempts: 1,
      notBefore: new Date(at('2026-03-10T10:00').getTime() + 30_000).toISOString(),
    });
  });
});
