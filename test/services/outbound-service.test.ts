// The outbound layer over a real SQLite file, with a recording channel sender standing in for the
// provider (the third-party boundary): it answers with the outcomes a channel's sender reports, and
// the layer acts on each kind. A clock the test moves by hand.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadBusinessConfig } from '../../bot/config/business-config';
import type { Business } from '../../bot/domain/types';
import { silentLogger } from '../../bot/log';
import type { ConversationReference } from 'botbuilder';
import type { QueuedMessage } from '../../bot/ports/messaging';
import type { ChannelSender, MessageSender, OutboundMessage, SendOutcome, SendResult } from '../../bot/ports/outbound';
import type { Stores } from '../../bot/ports/stores';
import { OTHER_CHANNELS, OutboundService, lineMessages, type OutboundOptions } from '../../bot/services/outbound-service';
import { openSqliteStores } from '../../bot/store/sqlite';
import { at } from '../helpers/frontdesk-harness';

interface Sent {
  to: string;
  channel: string;
  text: string;
  kind: string;
  at: string;
  reference?: Partial<ConversationReference> | null;
}

/** Records every send with the clock's time; answers from a script, else with success. */
class RecordingSender implements ChannelSender {
  readonly sent: Sent[] = [];
  readonly script: SendOutcome[] = [];
  constructor(
    private readonly clock: () => Date,
    readonly sharesNumberRate = true,
  ) {}
  async send(message: QueuedMessage, reference: Partial<ConversationReference> | null): Promise<SendOutcome> {
    this.sent.push({ to: message.address, channel: message.channel, text: message.text, kind: message.kind, at: this.clock().toISOString(), ...(reference ? { reference } : {}) });
    return this.script.shift() ?? { kind: 'sent', providerId: `SM${this.sent.length}`, segments: 1 };
  }
}

/** A raw text-message sender, as a channel hands it over: records and answers from a script. */
class RawTextSender implements MessageSender {
  readonly sent: OutboundMessage[] = [];
  readonly script: SendResult[] = [];
  async send(message: OutboundMessage): Promise<SendResult> {
    this.sent.push(message);
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

  /** The outbound layer with the recording sender on SMS and WhatsApp, and `senders` for other channels (or instead). */
  function service(options: Partial<OutboundOptions> = {}, sharedStores: Stores = stores, senders: Record<string, ChannelSender> = {}): OutboundService {
    return new OutboundService({
      business,
      clients: sharedStores.clients,
      consent: sharedStores.consent,
      references: sharedStores.references,
      outbox: sharedStores.outbox,
      senders: Object.entries({ sms: sender, whatsapp: sender, ...senders }),
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

  describe.each([
    ['sms', '+15555550171'],
    ['whatsapp', '+15555550172'],
    ['slack', 'slack:U0OPTOUT'],
    ['webchat', 'webchat:opted-out-user'],
    ['msteams', 'msteams:29:opted-out'],
  ])('a client who opted out, on %s', (channel, address) => {
    /** Every channel with its own recording sender, so a send on any of them would show. */
    function everywhere(): { outbound: OutboundService; senders: RecordingSender[] } {
      const senders = [new RecordingSender(clock), new RecordingSender(clock), new RecordingSender(clock, false), new RecordingSender(clock, false), new RecordingSender(clock, false)];
      const [sms, whatsapp, slack, webchat, others] = senders as [RecordingSender, RecordingSender, RecordingSender, RecordingSender, RecordingSender];
      return { outbound: service({}, stores, { sms, whatsapp, slack, webchat, [OTHER_CHANNELS]: others }), senders };
    }

    it('is never sent a message asked for after the opt-out, and the suppressed message is recorded', async () => {
      const { outbound, senders } = everywhere();
      const client = await stores.clients.findOrCreateByAddress(address, channel, now);
      await stores.consent.optOut(address, 'keyword', now);
      for (const kind of ['reminder', 'staff_reply', 'queue_update']) {
        expect(await outbound.sendProactive({ clientId: client.id, channel, text: kind, kind, respectQuietHours: kind === 'reminder' }, now)).toMatchObject({ status: 'suppressed', reason: 'opted_out' });
      }
      await run(outbound, '2026-03-10T10:01');
      expect(senders.flatMap((s) => s.sent)).toEqual([]);
      expect((await stores.outbox.list()).map((m) => [m.channel, m.kind, m.status, m.reason])).toEqual(
        ['reminder', 'staff_reply', 'queue_update'].map((kind) => [channel, kind, 'suppressed', 'opted_out']),
      );
    });

    it('is never sent a message queued before the opt-out, and it is recorded as suppressed when its turn comes', async () => {
      const { outbound, senders } = everywhere();
      const client = await stores.clients.findOrCreateByAddress(address, channel, now);
      await outbound.sendProactive({ clientId: client.id, channel, text: 'later', kind: 'reminder', notBefore: at('2026-03-10T11:00') }, now);
      await stores.consent.optOut(address, 'keyword', at('2026-03-10T10:30'));
      now = at('2026-03-10T11:00');
      await run(outbound, '2026-03-10T11:00:02');
      expect(senders.flatMap((s) => s.sent)).toEqual([]);
      expect(await stores.outbox.list()).toEqual([expect.objectContaining({ channel, status: 'suppressed', reason: 'opted_out' })]);
    });
  });

  it("puts a staff reply ahead of a morning's reminders to other clients, at the number's rate", async () => {
    const outbound = service({ ratePerSecond: 1 });
    for (let i = 0; i < 5; i++) await outbound.sendProactive({ address: `+1555555018${i}`, text: `reminder ${i}`, kind: 'reminder' }, now);
    const client = await stores.clients.findOrCreateByAddress('+15555550189', 'sms', now);
    const line = lineMessages(outbound, clock);
    await outbound.drain(now);
    // One reminder is out; the client who asked for a person hears back next, not after the other four.
    now = new Date(now.getTime() + 100);
    expect(await line.sendToClient(client.id, 'Sam here.', { kind: 'staff_reply' })).toEqual({ ok: true });
    await run(outbound, '2026-03-10T10:00:06');
    expect(sender.sent.map((m) => m.text)).toEqual(['reminder 0', 'Sam here.', 'reminder 1', 'reminder 2', 'reminder 3', 'reminder 4']);
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

  it('sends a message in the words it is given at sending, else (none, or a failure to word it) in its queued text', async () => {
    const worded: Array<[string, string]> = [];
    const outbound = new OutboundService({
      business,
      clients: stores.clients,
      consent: stores.consent,
      references: stores.references,
      outbox: stores.outbox,
      senders: [['sms', sender]],
      logger: silentLogger(),
      options: { workerId: 'test-worker' },
      wordingAtSend: async (message, sentAt) => {
        worded.push([message.text, sentAt.toISOString()]);
        if (message.text === 'cannot be worded') throw new Error('store down');
        return message.text === 'planned words' ? 'words at sending' : null;
      },
    });
    for (const [i, text] of ['planned words', 'kept as queued', 'cannot be worded'].entries()) {
      await outbound.sendProactive({ address: `+1555555010${i}`, text, kind: 'reminder', notBefore: at('2026-03-10T11:00') }, now);
    }
    now = at('2026-03-10T11:00');
    await run(outbound, '2026-03-10T11:00:03');
    const second = (n: number) => new Date(at('2026-03-10T11:00').getTime() + n * 1000).toISOString();
    expect(sender.sent.map((m) => [m.text, m.at])).toEqual([
      ['words at sending', second(0)],
      ['kept as queued', second(1)],
      ['cannot be worded', second(2)],
    ]);
    // Worded as of the moment each goes out.
    expect(worded.map(([, sentAt]) => sentAt)).toEqual(sender.sent.map((m) => m.at));
    expect((await stores.outbox.list({ status: 'sent' })).length).toBe(3);
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
    const failure: SendOutcome = { kind: 'retry', code: 'network', message: 'connection reset' };
    sender.script.push(failure, failure, failure);
    const outcome = await outbound.sendProactive({ address: '+15555550101', text: 'hi', kind: 'reminder' }, now);
    await run(outbound, '2026-03-10T10:02', 1000);
    expect(sender.sent.map((s) => (Date.parse(s.at) - at('2026-03-10T10:00').getTime()) / 1000)).toEqual([0, 10, 30]);
    const stored = outcome.status === 'queued' ? await stores.outbox.get(outcome.message.id) : null;
    expect(stored).toMatchObject({ status: 'failed', reason: 'network', attempts: 3 });
  });

  it('succeeds on a retry after a transient failure', async () => {
    const outbound = service({ retryBaseMs: 5000 });
    sender.script.push({ kind: 'retry', code: '20429', message: 'too many requests' });
    await outbound.sendProactive({ address: '+15555550101', text: 'hi', kind: 'reminder' }, now);
    await run(outbound, '2026-03-10T10:00:10', 1000);
    expect(sender.sent).toHaveLength(2);
    expect(await stores.outbox.list({ status: 'sent' })).toEqual([expect.objectContaining({ attempts: 2 })]);
  });

  it('does not retry a permanent failure', async () => {
    const outbound = service();
    sender.script.push({ kind: 'permanent', code: '21211', message: 'invalid To number' });
    await outbound.sendProactive({ address: '+15555550101', text: 'hi', kind: 'reminder' }, now);
    await run(outbound, '2026-03-10T10:05', 5000);
    expect(sender.sent).toHaveLength(1);
    expect(await stores.outbox.list()).toEqual([expect.objectContaining({ status: 'failed', reason: '21211' })]);
  });

  it('records the opt-out and suppresses the message when the channel says the client opted out', async () => {
    const outbound = service();
    sender.script.push({ kind: 'opted_out', code: 'carrier_stop' });
    await outbound.sendProactive({ address: '+15555550101', text: 'hi', kind: 'reminder' }, now);
    await outbound.drain(now);
    expect(await stores.consent.get?.('+15555550101')).toMatchObject({ status: 'opted_out', source: 'carrier' });
    expect(await stores.outbox.list()).toEqual([expect.objectContaining({ status: 'suppressed', reason: 'opted_out' })]);
  });

  it('queues the same text on SMS when the channel says only a text message may carry it', async () => {
    const outbound = service();
    const client = await stores.clients.findOrCreateByAddress('+15555550101', 'whatsapp', now);
    await stores.references.setPreferredChannel(client.id, 'whatsapp', now);
    sender.script.push({ kind: 'fallback_sms', code: 'window_closed' });
    await outbound.sendProactive({ clientId: client.id, text: 'Reminder', kind: 'reminder', dedupeKey: 'r1' }, now);
    await run(outbound, '2026-03-10T10:00:03');
    expect(sender.sent.map((s) => [s.channel, s.to, s.text])).toEqual([
      ['whatsapp', '+15555550101', 'Reminder'],
      ['sms', '+15555550101', 'Reminder'],
    ]);
    expect((await stores.outbox.list()).map((m) => [m.channel, m.status, m.dedupeKey, m.reason])).toEqual([
      ['whatsapp', 'failed', 'r1', 'window_closed: sent by sms instead'],
      ['sms', 'sent', 'r1:sms', null],
    ]);
  });

  it('does not fall back to SMS for a number that opted out meanwhile', async () => {
    // The client texts STOP while the WhatsApp send is under way.
    const outbound = service({}, stores, {
      whatsapp: {
        send: async (message, reference) => {
          await sender.send(message, reference);
          await stores.consent.optOut(message.address, 'keyword', now);
          return { kind: 'fallback_sms', code: 'window_closed' };
        },
      },
    });
    await outbound.sendProactive({ address: '+15555550101', channel: 'whatsapp', text: 'Reminder', kind: 'reminder' }, now);
    await run(outbound, '2026-03-10T10:00:03');
    expect(sender.sent.map((s) => s.channel)).toEqual(['whatsapp']);
    expect((await stores.outbox.list()).map((m) => [m.channel, m.status])).toEqual([
      ['whatsapp', 'failed'],
      ['sms', 'suppressed'],
    ]);
  });

  it("texts a chat client's phone number on fallback, and fails the message when the client has none", async () => {
    const webchat = new RecordingSender(clock, false);
    const outbound = service({}, stores, { webchat });
    const phoneClient = await stores.clients.findOrCreateByAddress('+15555550102', 'sms', now);
    const chatClient = await stores.clients.findOrCreateByAddress('webchat:u-1', 'webchat', now);
    webchat.script.push({ kind: 'fallback_sms', code: 'no_session' }, { kind: 'fallback_sms', code: 'no_session' });
    await outbound.sendProactive({ clientId: phoneClient.id, channel: 'webchat', text: 'one', kind: 'reminder' }, now);
    await outbound.sendProactive({ clientId: chatClient.id, channel: 'webchat', text: 'two', kind: 'reminder' }, now);
    await run(outbound, '2026-03-10T10:00:03');
    expect(sender.sent.map((s) => [s.channel, s.to, s.text])).toEqual([['sms', '+15555550102', 'one']]);
    expect((await stores.outbox.list()).map((m) => [m.address, m.channel, m.status, m.reason])).toEqual(
      expect.arrayContaining([
        ['+15555550102', 'sms', 'sent', null],
        ['webchat:u-1', 'webchat', 'failed', 'no_session: no phone number to send an sms to'],
      ]),
    );
  });

  it('hands the sender for every other channel the saved conversation, and fails what no sender carries', async () => {
    const outbound = service();
    const client = await stores.clients.findOrCreateByAddress('emulator:u-2', 'emulator', now);
    await stores.references.save(client.id, 'emulator', { channelId: 'emulator', serviceUrl: 'http://127.0.0.1:1' }, now);
    await outbound.sendProactive({ clientId: client.id, text: 'no sender yet', kind: 'staff_reply' }, now);
    await outbound.drain(now);
    expect(await stores.outbox.list()).toEqual([expect.objectContaining({ status: 'failed', reason: 'no_sender' })]);

    const others = new RecordingSender(clock, false);
    const withOthers = service({}, stores, { [OTHER_CHANNELS]: others });
    await withOthers.sendProactive({ clientId: client.id, text: 'hello', kind: 'staff_reply' }, now);
    await withOthers.drain(now);
    expect(others.sent).toEqual([expect.objectContaining({ channel: 'emulator', text: 'hello', reference: { channelId: 'emulator', serviceUrl: 'http://127.0.0.1:1' } })]);
    expect(sender.sent).toEqual([]);
  });

  it('does not space sends on a chat channel by the number rate', async () => {
    const slack = new RecordingSender(clock, false);
    const outbound = service({ ratePerSecond: 1 }, stores, { slack });
    for (let i = 0; i < 3; i++) await outbound.sendProactive({ address: `slack:U${i}`, text: `s${i}`, kind: 'staff_reply' }, now);
    await outbound.drain(now);
    expect(slack.sent.map((s) => [s.text, s.at])).toEqual([0, 1, 2].map((i) => [`s${i}`, now.toISOString()]));
  });

  it('retries a send that gets no answer within the send timeout', async () => {
    const outbound = service({ sendTimeoutMs: 50, retryBaseMs: 1000 }, stores, {
      sms: { sharesNumberRate: true, send: () => new Promise<SendOutcome>(() => undefined) },
    });
    const outcome = await outbound.sendProactive({ address: '+15555550101', text: 'hi', kind: 'reminder' }, now);
    await outbound.drain(now);
    const stored = outcome.status === 'queued' ? await stores.outbox.get(outcome.message.id) : null;
    expect(stored).toMatchObject({ status: 'queued', reason: 'timeout', notBefore: new Date(now.getTime() + 1000).toISOString() });
  });

  describe('a raw text-message sender handed over alone', () => {
    function rawService(raw: MessageSender): OutboundService {
      return new OutboundService({
        business,
        clients: stores.clients,
        consent: stores.consent,
        references: stores.references,
        outbox: stores.outbox,
        sender: raw,
        logger: silentLogger(),
        options: { workerId: 'raw-worker', retryBaseMs: 1000 },
      });
    }

    it('sends SMS and WhatsApp, and reads its answers only as sent, retry or permanent', async () => {
      const raw = new RawTextSender();
      raw.script.push({ ok: false, code: 'E1', retryable: true, message: 'busy' }, { ok: true, providerId: 'P1', segments: 2 }, { ok: false, code: 'E2', retryable: false, message: 'no' });
      const outbound = rawService(raw);
      const first = await outbound.sendProactive({ address: '+15555550101', text: 'a', kind: 'reminder' }, now);
      const second = await outbound.sendProactive({ address: '+15555550103', channel: 'whatsapp', text: 'b', kind: 'reminder' }, now);
      await run(outbound, '2026-03-10T10:00:03');
      expect(raw.sent.map((m) => [m.channel, m.to, m.text])).toEqual([
        ['sms', '+15555550101', 'a'],
        ['whatsapp', '+15555550103', 'b'],
        ['sms', '+15555550101', 'a'],
      ]);
      expect(await stores.outbox.get(first.status === 'queued' ? first.message.id : '')).toMatchObject({ status: 'failed', reason: 'E2', attempts: 2 });
      expect(await stores.outbox.get(second.status === 'queued' ? second.message.id : '')).toMatchObject({ status: 'sent', providerId: 'P1' });
    });

    it("uses the sender's own reading of its answers when it has one", async () => {
      const raw = new RawTextSender();
      const own = new RecordingSender(clock);
      own.script.push({ kind: 'opted_out', code: 'stop' });
      const outbound = rawService(Object.assign(raw, { outboxSender: () => own }));
      await outbound.sendProactive({ address: '+15555550101', text: 'a', kind: 'reminder' }, now);
      await outbound.drain(now);
      expect(raw.sent).toEqual([]);
      expect(own.sent).toHaveLength(1);
      expect(await stores.consent.isOptedOut('+15555550101')).toBe(true);
    });
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
