// Replies to a reminder, read in its context: C / yes / 👍, R or a new time, X or "can't make it",
// "running 10 min late"; anything else is the normal conversation.
import type { Appointment } from '../../bot/domain/types';
import type { MessageSender, OutboundMessage, SendResult } from '../../bot/ports/outbound';
import { loadBusinessConfig } from '../../bot/config/business-config';
import { reminderKey } from '../../bot/services/reminder-service';
import { readTurn } from '../../bot/understanding/turn';
import { at, createHarness, type ClientSession, type Harness } from '../helpers/frontdesk-harness';

class RecordingSender implements MessageSender {
  readonly sent: OutboundMessage[] = [];
  async send(message: OutboundMessage): Promise<SendResult> {
    this.sent.push(message);
    return { ok: true, providerId: `SM${this.sent.length}`, segments: 1 };
  }
}

describe('reading replies to a reminder', () => {
  const business = loadBusinessConfig();
  const now = at('2026-03-11T15:00');
  const read = (text: string) => readTurn(text, { now, business });
  it.each<[string, string, unknown]>([
    ['C', 'confirm', {}],
    ['c.', 'confirm', {}],
    ['confirm', 'confirm', {}],
    ['yes', 'confirm', {}],
    ['👍', 'confirm', {}],
    ['R', 'reschedule', {}],
    ['can we do 4 instead', 'reschedule', {}],
    ['can we do 4:30pm instead', 'reschedule', {}],
    ['X', 'cancel', {}],
    ["can't make it", 'cancel', {}],
    ['running 10 min late', 'late', { minutes: 10 }],
    ["I'm running late", 'late', { minutes: null }],
    ['be there in 15', 'late', { minutes: 15 }],
  ])('"%s" is %s', (text, kind, extra) => {
    expect(read(text).reminderReply).toEqual({ kind, ...(extra as object) });
  });

  it.each([
    ['can we do 4 instead', '16:00'],
    ['can we do 4:30pm instead', '16:30'],
  ])('"%s" moves it to %s', (text, time) => {
    expect(read(text).time).toBe(time);
  });

  it.each(['what are your hours', 'do you have parking', 'is there a late cancellation fee'])('"%s" is not a reply to the reminder', (text) => {
    expect(read(text).reminderReply).toBeNull();
  });
});

describe('replies to a reminder through the bot', () => {
  let h: Harness;
  let client: ClientSession;
  let appointment: Appointment;
  let sender: RecordingSender;

  beforeEach(async () => {
    sender = new RecordingSender();
    h = createHarness('2026-03-10T10:00', undefined, { sender });
    client = h.client('+15555550140');
    await client.say('hi');
    const record = (await h.stores.clients.findByAddress('+15555550140'))!;
    await h.stores.references.setPreferredChannel(record.id, 'sms', h.now());
    const booked = await h.stores.appointments.book(
      { clientId: record.id, serviceId: 'haircut', staffId: 'lead', start: '2026-03-12T19:00:00.000Z', end: '2026-03-12T19:30:00.000Z' },
      h.now(),
    );
    if (!booked.ok) throw new Error('could not book');
    appointment = booked.appointment;
    h.setNow('2026-03-11T15:00');
    await h.frontdesk.scheduler.tick();
    expect(sender.sent.map((s) => s.text)).toEqual([
      'Reminder: Haircut tomorrow (Thu Mar 12) at 3:00 PM at Maple Street Salon. Reply C to confirm, R to reschedule, X to cancel.',
    ]);
    h.setNow('2026-03-11T15:20');
  });

  afterEach(async () => {
    await h.close();
  });

  it('C confirms that appointment', async () => {
    expect(await client.say('C')).toEqual(["Thanks, you're confirmed: Haircut with the lead stylist, Thu Mar 12 at 3:00 PM. See you then!"]);
    expect((await h.stores.appointments.get(appointment.id))?.confirmedAt).toBe(at('2026-03-11T15:20').toISOString());
  });

  it('👍 confirms too', async () => {
    expect((await client.say('👍'))[0]).toMatch(/^Thanks, you're confirmed/);
    expect((await h.stores.appointments.get(appointment.id))?.confirmedAt).not.toBeNull();
  });

  it('"can we do 4 instead" moves that appointment to 4 PM the same day', async () => {
    expect(await client.say('can we do 4 instead')).toEqual([
      'Move your haircut from Thu Mar 12 at 3:00 PM to Thu Mar 12 at 4:00 PM? (yes / no)',
    ]);
    expect((await client.say('yes'))[0]).toMatch(/^Done! Your haircut is now Thu Mar 12 at 4:00 PM/);
    expect((await h.stores.appointments.get(appointment.id))?.status).toBe('rescheduled');
  });

  it('R asks for the new time of that appointment', async () => {
    expect(await client.say('R')).toEqual(['What day and time would you like instead?']);
  });

  it('X starts cancelling that appointment', async () => {
    expect((await client.say('X'))[0]).toMatch(/^Cancel your haircut with the lead stylist, Thu Mar 12 at 3:00 PM\?/);
    expect((await client.say('yes'))[0]).toMatch(/is cancelled/);
    expect((await h.stores.appointments.get(appointment.id))?.status).toBe('cancelled');
  });

  it('"running 10 min late" is recorded on the appointment and acknowledged', async () => {
    expect(await client.say('running 10 min late')).toEqual(['Thanks for letting us know — we\'ll tell the team.']);
    expect((await h.stores.appointments.get(appointment.id))?.runningLate).toEqual({ minutes: 10, reportedAt: at('2026-03-11T15:20').toISOString() });
  });

  it('anything else is the normal conversation', async () => {
    expect((await client.say('do you have parking?'))[0]).not.toMatch(/confirmed|late/);
    expect((await h.stores.appointments.get(appointment.id))?.confirmedAt).toBeNull();
  });

  it('a bare C without a recent reminder is not a confirmation', async () => {
    const other = h.client('+15555550141');
    expect((await other.say('C')).join('\n')).not.toMatch(/confirmed/);
  });

  it('a moved appointment gets its own reminder and the old one none', async () => {
    h.setNow('2026-03-11T15:30');
    await client.say('can we do 4 instead');
    await client.say('yes');
    const moved = (await h.stores.appointments.list({ status: 'booked' }))[0]!;
    // Moving it on this chat made the chat the preferred channel; the client asks for texts again.
    expect((await h.stores.references.preferences(moved.clientId)).preferredChannel).toBe('test');
    await h.stores.references.setPreferredChannel(moved.clientId, 'sms', h.now());
    h.setNow('2026-03-11T16:00');
    await h.frontdesk.scheduler.tick();
    expect(sender.sent.map((s) => s.text)).toEqual([
      'Reminder: Haircut tomorrow (Thu Mar 12) at 3:00 PM at Maple Street Salon. Reply C to confirm, R to reschedule, X to cancel.',
      'Reminder: Haircut tomorrow (Thu Mar 12) at 4:00 PM at Maple Street Salon. Reply C to confirm, R to reschedule, X to cancel.',
    ]);
    expect(await h.stores.outbox.findByDedupeKey(reminderKey(moved.id, 'before-1440'))).toMatchObject({ kind: 'reminder', status: 'sent' });
  });

  it('a cancelled appointment gets no reminder', async () => {
    const record = (await h.stores.clients.findByAddress('+15555550140'))!;
    const later = await h.stores.appointments.book(
      { clientId: record.id, serviceId: 'haircut', staffId: 'lead', start: '2026-03-14T15:00:00.000Z', end: '2026-03-14T15:30:00.000Z' },
      h.now(),
    );
    if (!later.ok) throw new Error('could not book');
    h.setNow('2026-03-13T09:00');
    await h.frontdesk.scheduler.tick();
    const key = reminderKey(later.appointment.id, 'before-1440');
    expect(await h.stores.outbox.findByDedupeKey(key)).toMatchObject({ status: 'queued', notBefore: at('2026-03-13T11:00').toISOString() });
    await h.stores.appointments.cancel(later.appointment.id, h.now());
    h.setNow('2026-03-13T11:00');
    await h.frontdesk.scheduler.tick();
    expect(sender.sent).toHaveLength(1);
    expect(await h.stores.outbox.findByDedupeKey(key)).toMatchObject({ status: 'expired', reason: 'appointment_changed' });
  });
});
