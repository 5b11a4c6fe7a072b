// The outbound layer over a real SQLite file, with a recording MessageSender standing in for the
// provider (the third-party boundary) and a clock the test moves by hand.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadBusinessConfig } from '../../bot/config/business-config';
import type { Business } from '../../bot/domain/types';
import { silentLogger } from '../../bot/log';
import type { MessageSender, OutboundMessage, SendResult } from '../../bot/ports/outbound';
import type { Stores } from '../../bot/ports/stores';
import { OutboundService, type OutboundOptions } from '../../bot/services/outbound-service';
import { openSqliteStores } from '../../bot/store/sqlite';
import { at } from '../helpers/frontdesk-harness';

/** Records every send with the clock's time; answers from a script, else with success. */
class RecordingSender implements MessageSender {
  readonly sent: Array<OutboundMessage & { at: string }> = [];
  readonly script: SendResult[] = [];
  constructor(private readonly clock: () => Date) {}
  async send(message: OutboundMessage): Promise<SendResult> {
    this.sent.push({ ...message, at: this.clock().toISOString() });
    return this.script.shift() ?? { ok: true, providerId: `SM${this.sent.length}`, segments: 1 };
  }
}

describe('outbound layer', () => {
  let dir: string;
  let stores: Stores;
  let now: Date;
  let sender: RecordingSender;
  let business: Business;
  const clock = () => now;

  function service(options: Partial<OutboundOptions> = {}, sharedStores: Stores = stores): OutboundService {
    return new OutboundService({
      business,
      clients: sharedStores.clients,
      consent: sharedStores.consent,
      references: sharedStores.references,
      outbox: sharedStores.outbox,
      sender,
      logger: silentLogger(),
      options: { workerId: 'test-worker', ...options },
    });
  }

  /** Moves the clock in steps, draining at each, until `until`. */
  async function run(outbound: OutboundService, until: string, stepMs = 250): Promise<void> {
    const end = at(until).getTime();
    while (now.getTime() < end) {
      await outbound.drain(now);
      now = new Date(now.getTime() + stepMs);
    }
    await outbound.drain(now);
  }

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'frontdesk-outbound-'));
    stores = openSqliteStores({ file: path.join(dir, 'frontdesk.sqlite') });
    now = at('2026-03-10T10:00');
    sender = new RecordingSender(clock);
    business = loadBusinessConfig();
  });

  afterEach(async () => {
    await stores.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('queues a message and sends it on the next drain, to the client by address', async () => {
    const outbound = service();
    const client = await stores.clients.findOrCreateByAddress('+15555550101', 'sms', now);
    const outcome = await outbound.sendProactive({ clientId: client.id, text: 'hello', kind: 'reminder' }, now);
    expect(outcome.status).toBe('queued');
    expect(sender.sent).toEqual([]);
    expect(await outbound.drain(now)).toBe(1);
    expect(sender.sent).toEqual([{ to: '+15555550101', channel: 'sms', text: 'hello', kind: 'reminder', at: now.toISOString() }]);
    expect(await stores.outbox.list({ status: 'sent' })).toEqual([expect.objectContaining({ providerId: 'SM1', attempts: 1 })]);
  });

  it('never messages an opted-out address and records the suppressed send with its reason', async () => {
    const outbound = service();
    await stores.consent.optOut('+15555550101', 'keyword', now);
    const outcome = await outbound.sendProactive({ address: '+15555550101', text: 'hello', kind: 'reminder' }, now);
    await run(outbound, '2026-03-10T10:01');
    expect(outcome).toMatchObject({ status: 'suppressed', reason: 'opted_out' });
    expect(sender.sent).toEqual([]);
    expect(await stores.outbox.list()).toEqual([expect.objectContaining({ status: 'suppressed', reason: 'opted_out', kind: 'reminder' })]);
  });

  it('drops a queued message when the address opts out before its turn comes', async () => {
    const outbound = service();
    now = at('2026-03-10T22:00');
    await outbound.sendProactive({ address: '+15555550101', text: 'tomorrow', kind: 'reminder' }, now);
    await stores.consent.optOut('+15555550101', 'keyword', at('2026-03-10T22:05'));
    now = at('2026-03-11T08:00');
    await outbound.drain(now);
    expect(sender.sent).toEqual([]);
    expect(await stores.outbox.list()).toEqual([expect.objectContaining({ status: 'suppressed', reason: 'opted_out' })]);
  });

  it('holds a message asked for in quiet hours until 08:00 in the business zone', async () => {
    const outbound = service();
    now = at('2026-03-10T21:30');
    const outcome = await outbound.sendProactive({ address: '+15555550101', text: 'hi', kind: 'queue_update' }, now);
    expect(outcome.status === 'queued' && outcome.message.notBefore).toBe(at('2026-03-11T08:00').toISOString());
    await run(outbound, '2026-03-10T21:45', 60_000);
    expect(sender.sent).toEqual([]);
    now = at('2026-03-11T07:59');
    await outbound.drain(now);
    expect(sender.sent).toEqual([]);
    now = at('2026-03-11T08:00');
    await outbound.drain(now);
    expect(sender.sent.map((s) => s.at)).toEqual([at('2026-03-11T08:00').toISOString()]);
  });

  it('sends an answer the client waits for at once, even in quiet hours, when told to', async () => {
    const outbound = service();
    now = at('2026-03-10T22:10');
    await outbound.sendProactive({ address: '+15555550101', text: 'staff here', kind: 'staff_reply', respectQuietHours: false }, now);
    await outbound.drain(now);
    expect(sender.sent).toHaveLength(1);
  });

  it('records as expired a message that could only go out after its deadline', async () => {
    const outbound = service();
    now = at('2026-03-10T22:00');
    const outcome = await outbound.sendProactive(
      { address: '+15555550101', text: 'see you at 7:30', kind: 'reminder', expiresAt: at('2026-03-11T07:00') },
      now,
    );
    expect(outcome).toMatchObject({ status: 'expired', reason: 'quiet_hours' });
    await run(outbound, '2026-03-10T22:01');
    expect(sender.sent).toEqual([]);
  });

  it('sends one message per dedupe key, however often it is asked for', async () => {
    const outbound = service();
    const first = await outbound.sendProactive({ address: '+15555550101', text: 'a', kind: 'reminder', dedupeKey: 'reminder:apt_1:before-1440' }, now);
    await outbound.drain(now);
    const second = await outbound.sendProactive({ address: '+15555550101', text: 'a', kind: 'reminder', dedupeKey: 'reminder:apt_1:before-1440' }, now);
    await run(outbound, '2026-03-10T10:01');
    expect(first.status).toBe('queued');
    expect(second.status).toBe('duplicate');
    expect(sender.sent).toHaveLength(1);
  });

  it('sends at most the configured rate per sender number, in the order queued', async () => {
    const outbound = service({ ratePerSecond: 1 });
    for (let i = 0; i < 5; i++) await outbound.sendProactive({ address: `+1555555020${i}`, text: `m${i}`, kind: 'reminder' }, now);
    for (let i = 0; i < 2; i++) {
      await outbound.sendProactive({ address: `+1555555030${i}`, channel: 'whatsapp', text: `w${i}`, kind: 'reminder' }, now);
    }
    await run(outbound, '2026-03-10T10:00:10', 100);

    const sms = sender.sent.filter((s) => s.channel === 'sms');
    expect(sms.map((s) => s.text)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    const gaps = sms.slice(1).map((s, i) => Date.parse(s.at) - Date.parse(sms[i]!.at));
    expect(gaps.every((g) => g >= 1000)).toBe(true);
    // Another sender (the WhatsApp number) has its own budget and is not held up by the SMS queue.
    const whatsapp = sender.sent.filter((s) => s.channel === 'whatsapp');
    expect(whatsapp.map((s) => s.at)).toEqual([at('2026-03-10T10:00').toISOString(), at('2026-03-10T10:00:01').toISOString()]);
  });

  it('shares the rate between two workers on one store', async () => {
    const second = openSqliteStores({ file: path.join(dir, 'frontdesk.sqlite') });
    try {
      const a = service({ ratePerSecond: 2, workerId: 'a' });
      const b = service({ ratePerSecond: 2, workerId: 'b' }, second);
      for (let i = 0; i < 6; i++) await a.sendProactive({ address: `+1555555040${i}`, text: `m${i}`, kind: 'reminder' }, now);
      const end = at('2026-03-10T10:00:05').getTime();
      while (now.getTime() < end) {
        await Promise.all([a.drain(now), b.drain(now)]);
        now = new Date(now.getTime() + 100);
      }
      expect(sender.sent.map((s) => s.text).sort()).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5']);
      const times = sender.sent.map((s) => Date.parse(s.at)).sort((x, y) => x - y);
      expect(times.slice(1).every((t, i) => t - times[i]! >= 500)).toBe(true);
    } finally {
      await second.close();
    }
  });

  it('retries a retryable failure with doubling waits, a bounded number of times', async () => {
    const outbound = service({ maxAttempts: 3, retryBaseMs: 10_000 });
    const failure: SendResult = { ok: false, code: 'network', retryable: true, message: 'connection reset' };
    sender.script.push(failure, failure, failure);
    const outcome = await outbound.sendProactive({ address: '+15555550101', text: 'hi', kind: 'reminder' }, now);
    await run(outbound, '2026-03-10T10:02', 1000);
    expect(sender.sent.map((s) => (Date.parse(s.at) - at('2026-03-10T10:00').getTime()) / 1000)).toEqual([0, 10, 30]);
    const stored = outcome.status === 'queued' ? await stores.outbox.get(outcome.message.id) : null;
    expect(stored).toMatchObject({ status: 'failed', reason: 'network', attempts: 3 });
  });

  it('succeeds on a retry after a transient failure', async () => {
    const outbound = service({ retryBaseMs: 5000 });
    sender.script.push({ ok: false, code: '20429', retryable: true, message: 'too many requests' });
    await outbound.sendProactive({ address: '+15555550101', text: 'hi', kind: 'reminder' }, now);
    await run(outbound, '2026-03-10T10:00:10', 1000);
    expect(sender.sent).toHaveLength(2);
    expect(await stores.outbox.list({ status: 'sent' })).toEqual([expect.objectContaining({ attempts: 2 })]);
  });

  it('does not retry a permanent failure', async () => {
    const outbound = service();
    sender.script.push({ ok: false, code: '21211', retryable: false, message: 'invalid To number' });
    await outbound.sendProactive({ address: '+15555550101', text: 'hi', kind: 'reminder' }, now);
    await run(outbound, '2026-03-10T10:05', 5000);
    expect(sender.sent).toHaveLength(1);
    expect(await stores.outbox.list()).toEqual([expect.objectContaining({ status: 'failed', reason: '21211' })]);
  });

  it('opts the address out when the carrier says it replied STOP (21610)', async () => {
    const outbound = service();
    sender.script.push({ ok: false, code: '21610', retryable: false, message: 'unsubscribed recipient' });
    await outbound.sendProactive({ address: '+15555550101', text: 'hi', kind: 'reminder' }, now);
    await outbound.drain(now);
    expect(await stores.consent.get?.('+15555550101')).toMatchObject({ status: 'opted_out', source: 'carrier' });
    expect(await stores.outbox.list()).toEqual([expect.objectContaining({ status: 'suppressed', reason: 'opted_out' })]);
  });

  it('falls back to SMS when WhatsApp needs a template, as long as the number has not opted out', async () => {
    const outbound = service();
    const client = await stores.clients.findOrCreateByAddress('+15555550101', 'whatsapp', now);
    await stores.references.setPreferredChannel(client.id, 'whatsapp', now);
    sender.script.push({ ok: false, code: 'whatsapp_template_required', retryable: false, message: 'outside the session' });
    await outbound.sendProactive({ clientId: client.id, text: 'Reminder', kind: 'reminder', dedupeKey: 'r1' }, now);
    await run(outbound, '2026-03-10T10:00:03');
    expect(sender.sent.map((s) => [s.channel, s.to, s.text])).toEqual([
      ['whatsapp', '+15555550101', 'Reminder'],
      ['sms', '+15555550101', 'Reminder'],
    ]);
    expect((await stores.outbox.list()).map((m) => [m.channel, m.status, m.dedupeKey])).toEqual([
      ['whatsapp', 'failed', 'r1'],
      ['sms', 'sent', 'r1:sms'],
    ]);
  });

  it('sends on the channel the client booked on, else the one they last wrote from', async () => {
    const outbound = service();
    const client = await stores.clients.findOrCreateByAddress('+15555550101', 'sms', now);
    await stores.references.save(client.id, 'whatsapp', { channelId: 'whatsapp' }, now);
    await outbound.sendProactive({ clientId: client.id, text: 'one', kind: 'reminder' }, now);
    await stores.references.setPreferredChannel(client.id, 'sms', now);
    await outbound.sendProactive({ clientId: client.id, text: 'two', kind: 'reminder' }, now);
    await run(outbound, '2026-03-10T10:00:03');
    expect(sender.sent.map((s) => [s.text, s.channel])).toEqual([
      ['one', 'whatsapp'],
      ['two', 'sms'],
    ]);
  });

  it('keeps queued messages across a restart and sends them once', async () => {
    const outbound = service();
    now = at('2026-03-10T21:30');
    await outbound.sendProactive({ address: '+15555550101', text: 'morning', kind: 'reminder', dedupeKey: 'k' }, now);
    await stores.close();
    stores = openSqliteStores({ file: path.join(dir, 'frontdesk.sqlite') });
    const restarted = service({ workerId: 'after-restart' });
    now = at('2026-03-11T08:00');
    await run(restarted, '2026-03-11T08:00:05');
    expect(await restarted.sendProactive({ address: '+15555550101', text: 'morning', kind: 'reminder', dedupeKey: 'k' }, now)).toMatchObject({
      status: 'duplicate',
    });
    await run(restarted, '2026-03-11T08:00:10');
    expect(sender.sent.map((s) => s.text)).toEqual(['morning']);
  });
});
