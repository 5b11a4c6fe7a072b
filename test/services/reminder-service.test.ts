// Reminders as outbox rows: planned once from the bookings, due at the domain's time, expired at its
// latest useful time, withdrawn when the appointment is cancelled, in order with a client's other
// messages, and "reminded" only once actually sent. A real SQLite file and the real outbox.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { loadBusinessConfig } from '../../bot/config/business-config';
import { readSettings } from '../../bot/config/settings';
import type { Business } from '../../bot/domain/types';
import { createFrontdesk, type Frontdesk } from '../../bot/index';
import { silentLogger } from '../../bot/log';
import type { MessageSender, OutboundMessage, SendResult } from '../../bot/ports/outbound';
import { lineMessages } from '../../bot/services/outbound-service';
import { reminderKey } from '../../bot/services/reminder-service';
import { DATA_FILE_NAME } from '../../bot/store/sqlite';
import { at } from '../helpers/frontdesk-harness';

/** Records what it is asked to send; fails (retryably) while `failing` is set. */
class SwitchableSender implements MessageSender {
  readonly sent: OutboundMessage[] = [];
  readonly attempts: OutboundMessage[] = [];
  failing = false;
  async send(message: OutboundMessage): Promise<SendResult> {
    this.attempts.push(message);
    if (this.failing) return { ok: false, code: 'network', retryable: true, message: 'unreachable' };
    this.sent.push(message);
    return { ok: true, providerId: `SM${this.sent.length}`, segments: 1 };
  }
}

describe('ReminderService: reminders are outbox rows', () => {
  let dataDir: string;
  let now: Date;
  let frontdesk: Frontdesk;
  let sender: SwitchableSender;

  function start(business: Business = loadBusinessConfig(), retryBaseMs = 30_000): void {
    sender = new SwitchableSender();
    frontdesk = createFrontdesk({
      sender,
      settings: readSettings({}, { dataDir }),
      business,
      clock: () => now,
      logger: silentLogger(),
      outbound: { retryBaseMs },
    });
  }

  async function book(phone: string, startIso: string): Promise<{ clientId: string; appointmentId: string }> {
    const client = await frontdesk.stores.clients.findOrCreateByAddress(phone, 'sms', now);
    await frontdesk.stores.references.setPreferredChannel(client.id, 'sms', now);
    const booked = await frontdesk.stores.appointments.book(
      { clientId: client.id, serviceId: 'haircut', staffId: 'lead', start: startIso, end: new Date(Date.parse(startIso) + 1800_000).toISOString() },
      now,
    );
    if (!booked.ok) throw new Error('could not book');
    return { clientId: client.id, appointmentId: booked.appointment.id };
  }

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'frontdesk-reminder-service-'));
    // Planning looks as far ahead as the longest lead time and a day.
    now = at('2026-03-10T16:00');
  });
  afterEach(async () => {
    await frontdesk.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('plans one outbox row per appointment and rule, due at its time and expiring at its latest useful time, however often it plans', async () => {
    start();
    // Thursday Mar 12, 15:00 New York: the 24-hour reminder is due Wednesday 15:00 and useless from 03:00 Thursday.
    const { appointmentId } = await book('+15555550301', '2026-03-12T19:00:00.000Z');
    expect(await frontdesk.reminders.plan(now)).toBe(1);
    expect(await frontdesk.reminders.plan(now)).toBe(0);
    await frontdesk.scheduler.tick();
    expect(await frontdesk.stores.outbox.list()).toEqual([
      expect.objectContaining({
        dedupeKey: reminderKey(appointmentId, 'before-1440'),
        kind: 'reminder',
        status: 'queued',
        notBefore: at('2026-03-11T15:00').toISOString(),
        expiresAt: at('2026-03-12T03:00').toISOString(),
        text: 'Reminder: Haircut tomorrow (Thu Mar 12) at 3:00 PM at Maple Street Salon. Reply C to confirm, R to reschedule, X to cancel.',
      }),
    ]);
    expect(sender.attempts).toEqual([]);

    now = at('2026-03-11T15:00');
    await frontdesk.scheduler.tick();
    await frontdesk.scheduler.tick();
    expect(sender.sent.map((m) => m.to)).toEqual(['+15555550301']);
    expect(await frontdesk.stores.outbox.list()).toEqual([expect.objectContaining({ status: 'sent', attempts: 1 })]);
  });

  it('words a reminder as it is sent, in the language the client speaks by then; other messages keep their queued text', async () => {
    start();
    const { clientId, appointmentId } = await book('+15555550302', '2026-03-12T19:00:00.000Z');
    await frontdesk.reminders.plan(now);
    const [planned] = await frontdesk.stores.outbox.list({ kind: 'reminder' });
    expect(planned?.text).toMatch(/^Reminder: Haircut tomorrow/);
    await frontdesk.stores.clients.setLanguage(clientId, 'es');
    const dueAt = at('2026-03-11T15:00');
    expect(await frontdesk.reminders.wordingAtSend(planned!, dueAt)).toMatch(/^Recordatorio: corte de pelo mañana \(jueves 12 de marzo\)/);
    // Sent late, on the day itself, it says so.
    expect(await frontdesk.reminders.wordingAtSend(planned!, at('2026-03-12T08:00'))).toMatch(/^Recordatorio: corte de pelo hoy/);
    expect(await frontdesk.reminders.wordingAtSend({ ...planned!, kind: 'staff_reply' }, dueAt)).toBeNull();
    expect(await frontdesk.reminders.wordingAtSend({ ...planned!, dedupeKey: reminderKey('no-such-appointment', 'before-1440') }, dueAt)).toBeNull();

    now = dueAt;
    await frontdesk.outbound.drain(now);
    expect(sender.sent.map((m) => m.text)).toEqual([expect.stringMatching(/^Recordatorio: corte de pelo mañana/)]);
    expect(await frontdesk.reminders.remindedAppointment(clientId, now)).toMatchObject({ id: appointmentId });
  });

  it('expires, and never sends, a reminder whose latest useful time passes while a failing sender holds it', async () => {
    const business = loadBusinessConfig();
    business.messaging = { quietHours: { from: '21:00', to: '08:00' }, reminders: [{ beforeMinutes: 120 }], ratePerSecond: null };
    // The first retry comes 45 minutes after a failure.
    start(business, 45 * 60_000);
    // Thursday 09:30: two hours before is 07:30, quiet, so it is due at 08:00; useless from 08:30.
    await book('+15555550302', '2026-03-12T13:30:00.000Z');
    await frontdesk.scheduler.tick();
    sender.failing = true;
    now = at('2026-03-12T08:00');
    await frontdesk.scheduler.tick();
    expect(sender.attempts).toHaveLength(1);
    sender.failing = false;
    now = at('2026-03-12T08:45');
    await frontdesk.scheduler.tick();
    expect(sender.sent).toEqual([]);
    expect(await frontdesk.stores.outbox.list()).toEqual([expect.objectContaining({ kind: 'reminder', status: 'expired', reason: 'too_late' })]);
  });

  it("records as expired a reminder that the client's own quiet hours would hold past its latest useful time", async () => {
    const business = loadBusinessConfig();
    business.messaging = { quietHours: { from: '21:00', to: '08:00' }, reminders: [{ beforeMinutes: 120 }], ratePerSecond: null };
    start(business);
    // 11:00 New York is 08:00 Los Angeles: the 09:00 reminder would wait for 08:00 there, 11:00 here, past 10:00.
    const { clientId } = await book('+15555550303', '2026-03-12T15:00:00.000Z');
    // The client's zone as a second connection to the data file records it.
    const db = new Database(path.join(dataDir, DATA_FILE_NAME));
    try {
      db.prepare('UPDATE client_preferences SET zone = ? WHERE client_id = ?').run('America/Los_Angeles', clientId);
    } finally {
      db.close();
    }
    now = at('2026-03-11T12:00');
    await frontdesk.scheduler.tick();
    // Planned for 09:00 New York, held by the client's quiet hours to 11:00, past 10:00: expired as planned.
    expect(sender.attempts).toEqual([]);
    now = at('2026-03-12T11:00');
    await frontdesk.scheduler.tick();
    expect(sender.sent).toEqual([]);
    expect(await frontdesk.stores.outbox.list()).toEqual([expect.objectContaining({ kind: 'reminder', status: 'expired', reason: 'quiet_hours' })]);
  });

  it('withdraws the queued reminder of a cancelled appointment, so it is not sent', async () => {
    start();
    const { appointmentId } = await book('+15555550304', '2026-03-12T19:00:00.000Z');
    await frontdesk.scheduler.tick();
    await frontdesk.stores.appointments.cancel(appointmentId, now);
    now = at('2026-03-11T15:00');
    // A reminder-kind text not planned from a booking is left alone.
    await frontdesk.outbound.sendProactive({ address: '+15555550399', text: 'Reminder: bring your form', kind: 'reminder' }, now);
    await frontdesk.scheduler.tick();
    await frontdesk.scheduler.tick();
    expect(sender.attempts.map((m) => m.to)).toEqual(['+15555550399']);
    expect(await frontdesk.stores.outbox.findByDedupeKey(reminderKey(appointmentId, 'before-1440'))).toMatchObject({
      status: 'expired',
      reason: 'appointment_changed',
    });
  });

  it('keeps a reminder, a staff reply and a queue notice to one client in order: one outbox', async () => {
    start();
    const { clientId } = await book('+15555550305', '2026-03-12T19:00:00.000Z');
    await frontdesk.scheduler.tick();
    const line = lineMessages(frontdesk.outbound, () => now);
    sender.failing = true;
    now = at('2026-03-11T15:00');
    await frontdesk.scheduler.tick();
    expect(sender.attempts.map((m) => m.kind)).toEqual(['reminder']);

    // The reminder waits for its retry: what the line says after it waits behind it.
    now = new Date(now.getTime() + 5_000);
    expect(await line.sendToClient(clientId, 'Hi, this is Sam from the salon.', { kind: 'staff_reply' })).toEqual({ ok: true });
    now = new Date(now.getTime() + 5_000);
    expect(await line.sendToClient(clientId, 'You are next in line.', { kind: 'queue_update' })).toEqual({ ok: true });
    expect(sender.attempts).toHaveLength(1);

    sender.failing = false;
    // One text a second from the business number.
    for (const local of ['2026-03-11T15:01:00', '2026-03-11T15:01:01', '2026-03-11T15:01:02']) {
      now = at(local);
      await frontdesk.scheduler.tick();
    }
    expect(sender.sent.map((m) => m.kind)).toEqual(['reminder', 'staff_reply', 'queue_update']);
  });

  it('keeps each kind to its quiet-hours rule in one outbox: a staff reply and a queue notice at night go at once, the reminder at 08:00', async () => {
    const business = loadBusinessConfig();
    business.messaging = { quietHours: { from: '21:00', to: '08:00' }, reminders: [{ beforeMinutes: 480 }], ratePerSecond: null };
    start(business);
    // Thursday 15:00 New York: the reminder eight hours ahead falls at 07:00, inside quiet hours, and is useful until 11:00.
    const { clientId } = await book('+15555550307', '2026-03-12T19:00:00.000Z');
    await frontdesk.scheduler.tick();
    const line = lineMessages(frontdesk.outbound, () => now);

    now = at('2026-03-12T07:00');
    await frontdesk.scheduler.tick();
    expect(sender.attempts).toEqual([]);
    now = at('2026-03-12T07:30');
    expect(await line.sendToClient(clientId, 'Sam here, got your message.', { kind: 'staff_reply' })).toEqual({ ok: true });
    now = at('2026-03-12T07:30:05');
    expect(await line.sendToClient(clientId, 'You are next in line.', { kind: 'queue_update' })).toEqual({ ok: true });
    // Held by quiet hours, the reminder holds back neither: the client is waiting for those.
    expect(sender.sent.map((m) => m.kind)).toEqual(['staff_reply', 'queue_update']);

    now = at('2026-03-12T07:59');
    await frontdesk.scheduler.tick();
    expect(sender.sent.map((m) => m.kind)).toEqual(['staff_reply', 'queue_update']);
    now = at('2026-03-12T08:00');
    await frontdesk.scheduler.tick();
    expect(sender.sent.map((m) => m.kind)).toEqual(['staff_reply', 'queue_update', 'reminder']);
  });

  it('records as expired, once, a reminder that the business quiet hours hold past its latest useful time', async () => {
    const business = loadBusinessConfig();
    business.messaging = { quietHours: { from: '21:00', to: '08:00' }, reminders: [{ beforeMinutes: 1440 }, { beforeMinutes: 120 }], ratePerSecond: null };
    start(business);
    // 08:30 New York: the 2-hour reminder would fall at 06:30, quiet until 08:00, useful only until 07:30.
    const { appointmentId } = await book('+15555550308', '2026-03-12T12:30:00.000Z');
    await frontdesk.scheduler.tick();
    await frontdesk.scheduler.tick();
    now = at('2026-03-11T08:30');
    await frontdesk.scheduler.tick();
    now = at('2026-03-12T08:00');
    await frontdesk.scheduler.tick();
    // The day-before reminder went; the two-hour one never does.
    expect(sender.attempts.map((m) => [m.kind, m.text.includes('tomorrow')])).toEqual([['reminder', true]]);
    expect((await frontdesk.stores.outbox.list()).map((m) => [m.dedupeKey, m.status, m.reason])).toEqual([
      [reminderKey(appointmentId, 'before-1440'), 'sent', null],
      [reminderKey(appointmentId, 'before-120'), 'expired', 'quiet_hours'],
    ]);
  });

  it('reads a bare reply as about the reminder only once the reminder was sent, not while it is queued or failing', async () => {
    start();
    const { clientId, appointmentId } = await book('+15555550306', '2026-03-12T19:00:00.000Z');
    await frontdesk.scheduler.tick();
    expect(await frontdesk.reminders.remindedAppointment(clientId, now)).toBeNull();

    sender.failing = true;
    now = at('2026-03-11T15:00');
    await frontdesk.scheduler.tick();
    expect(await frontdesk.reminders.remindedAppointment(clientId, now)).toBeNull();

    sender.failing = false;
    now = at('2026-03-11T15:01');
    await frontdesk.scheduler.tick();
    await frontdesk.scheduler.tick();
    expect((await frontdesk.reminders.remindedAppointment(clientId, now))?.id).toBe(appointmentId);
  });

  it('reads consent when a reminder is due: a client who opts out and back in before then gets it; one still out then is recorded as suppressed', async () => {
    start();
    const back = await book('+15555550311', '2026-03-12T19:00:00.000Z');
    const away = await book('+15555550312', '2026-03-12T20:00:00.000Z');
    await frontdesk.stores.consent.optOut('+15555550311', 'keyword', now);
    await frontdesk.stores.consent.optOut('+15555550312', 'keyword', now);
    // A day ahead, while both are out: nothing is recorded yet.
    expect(await frontdesk.reminders.plan(now)).toBe(0);
    expect(await frontdesk.stores.outbox.list()).toEqual([]);

    now = at('2026-03-11T09:00');
    await frontdesk.stores.consent.optIn('+15555550311', 'keyword', now);
    now = at('2026-03-11T15:00');
    await frontdesk.scheduler.tick();
    now = at('2026-03-11T16:00');
    await frontdesk.scheduler.tick();
    const rows = await frontdesk.stores.outbox.list();
    expect(rows.find((m) => m.dedupeKey === reminderKey(back.appointmentId, 'before-1440'))?.status).toBe('sent');
    expect(rows.find((m) => m.dedupeKey === reminderKey(away.appointmentId, 'before-1440'))).toMatchObject({ status: 'suppressed', reason: 'opted_out' });
    expect(sender.sent.map((m) => m.to)).toEqual(['+15555550311']);
  });
});
