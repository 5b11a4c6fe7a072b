// STOP / START / HELP through the real bot (middleware, dialogs, SQLite), on the test channel.
import type { MessageSender, OutboundMessage, SendResult } from '../../bot/ports/outbound';
import { createHarness, type Harness } from '../helpers/frontdesk-harness';

const UNSUBSCRIBED = "You're unsubscribed from Maple Street Salon texts. Reply START to resubscribe.";

/** The provider boundary: records what would have gone out as a text. */
class RecordingSender implements MessageSender {
  readonly sent: OutboundMessage[] = [];
  async send(message: OutboundMessage): Promise<SendResult> {
    this.sent.push(message);
    return { ok: true, providerId: `SM${this.sent.length}`, segments: 1 };
  }
}

describe('consent keywords', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness('2026-03-10T10:00');
  });
  afterEach(async () => {
    await h.close();
  });

  it.each(['STOP', 'stop', 'STOPALL', 'UNSUBSCRIBE', 'END', 'QUIT', 'REVOKE', 'OPTOUT', 'opt out', 'stop texting me', 'Stop. Thank you', 'please take me off your list'])(
    '"%s" opts the address out with one confirmation',
    async (text) => {
      const client = h.client('+15555550123');
      expect(await client.say(text)).toEqual([UNSUBSCRIBED]);
      expect(await h.stores.consent.get?.('+15555550123')).toMatchObject({ status: 'opted_out', source: 'keyword' });
    },
  );

  it('answers nothing at all while opted out, except START and HELP', async () => {
    const client = h.client('+15555550124');
    await client.say('STOP');
    expect(await client.say('hi')).toEqual([]);
    expect(await client.say('book a haircut friday at 3')).toEqual([]);
    expect(await client.say('STOP')).toEqual([UNSUBSCRIBED]);
    expect((await client.say('HELP'))[0]).toMatch(/^Maple Street Salon: .*call \+1 973-555-0142 .*Reply STOP to unsubscribe\.$/);
    expect(await h.stores.appointments.list()).toEqual([]);
  });

  it('ends the flow in progress: after START the conversation begins afresh', async () => {
    const client = h.client('+15555550125');
    expect((await client.say('haircut thursday at 2pm')).join('\n')).toMatch(/what name/i);
    expect(await client.say('stop')).toEqual([UNSUBSCRIBED]);
    expect(await client.say('START')).toEqual([
      "You're resubscribed to Maple Street Salon texts. Reply STOP to unsubscribe, HELP for help. What can I do for you?",
    ]);
    expect(await h.stores.consent.isOptedOut('+15555550125')).toBe(false);
    // "Dana" would have answered the name question; with the flow gone it is not a booking step.
    expect((await client.say('Dana')).join('\n')).not.toMatch(/shall I book it/);
    expect(await h.stores.appointments.list()).toEqual([]);
  });

  it('UNSTOP opts back in too', async () => {
    const client = h.client('+15555550126');
    await client.say('QUIT');
    expect((await client.say('unstop'))[0]).toMatch(/^You're resubscribed/);
    expect((await client.say('hi'))[0]).toMatch(/^Hi! This is Maple Street Salon/);
  });

  it('reads "can I stop by tomorrow" as a booking, not an opt-out', async () => {
    const client = h.client('+15555550127');
    const replies = await client.say('can I stop by tomorrow');
    expect(replies.join('\n')).not.toContain('unsubscribed');
    expect(replies.join('\n')).toMatch(/What would you like to book\?/);
    expect(await h.stores.consent.isOptedOut('+15555550127')).toBe(false);
  });

  it('reads a bare "cancel" from a client with an appointment as cancelling it, not as an opt-out', async () => {
    const client = h.client('+15555550128');
    await client.say('haircut thursday at 2pm');
    await client.say('Robin');
    expect((await client.say('yes'))[0]).toMatch(/^You're booked/);
    expect((await client.say('cancel'))[0]).toMatch(/^Cancel your haircut/);
    expect(await h.stores.consent.isOptedOut('+15555550128')).toBe(false);
  });

  it('keeps the dialogs\' help on chat channels and the carrier HELP answer for opted-out addresses', async () => {
    const client = h.client('web-user-1');
    expect((await client.say('help'))[0]).toMatch(/^I can book an appointment/);
    await client.say('stop');
    expect((await client.say('info'))[0]).toMatch(/^Maple Street Salon: /);
  });

  it('suppresses and records a due reminder after STOP, and sends the next one after START', async () => {
    const sender = new RecordingSender();
    await h.close();
    h = createHarness('2026-03-10T10:00', undefined, { sender });
    const client = h.client('+15555550129');
    await client.say('hi');
    const record = (await h.stores.clients.findByAddress('+15555550129'))!;
    await h.stores.references.setPreferredChannel(record.id, 'sms', h.now());
    const first = await h.stores.appointments.book(
      { clientId: record.id, serviceId: 'haircut', staffId: 'lead', start: '2026-03-12T19:00:00.000Z', end: '2026-03-12T19:30:00.000Z' },
      h.now(),
    );
    const second = await h.stores.appointments.book(
      { clientId: record.id, serviceId: 'color', staffId: 'lead', start: '2026-03-14T15:00:00.000Z', end: '2026-03-14T16:30:00.000Z' },
      h.now(),
    );
    expect(first.ok && second.ok).toBe(true);

    await client.say('STOP');
    h.setNow('2026-03-11T15:00');
    await h.frontdesk.scheduler.tick();
    expect(sender.sent).toEqual([]);
    expect(await h.stores.outbox.list()).toEqual([expect.objectContaining({ status: 'suppressed', reason: 'opted_out', kind: 'reminder' })]);

    await client.say('START');
    h.setNow('2026-03-13T11:00');
    await h.frontdesk.scheduler.tick();
    expect(sender.sent).toEqual([
      expect.objectContaining({
        to: '+15555550129',
        channel: 'sms',
        text: 'Reminder: Color tomorrow (Sat Mar 14) at 11:00 AM at Maple Street Salon. Reply C to confirm, R to reschedule, X to cancel.',
      }),
    ]);
  });
});
