// Reminders end to end: the real server over signed Twilio webhooks, reminders going out through
// the Messages API to a local capture server (TWILIO_API_URL), across restarts and processes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadBusinessConfig } from '../../bot/config/business-config';
import { readSettings, type Settings } from '../../bot/config/settings';
import { createFrontdesk, startServer, type Frontdesk, type RunningServer } from '../../bot/index';
import { silentLogger } from '../../bot/log';
import { openSqliteStores } from '../../bot/store/sqlite';
import { createTwilioSender, twilioParts } from '../../channels/twilio/routes';
import { ACCOUNT_SID, AUTH_TOKEN, BUSINESS_NUMBER, PUBLIC_URL, startTwilioTestServer, type TwilioTestServer } from '../channels/twilio/twilio-test-server';
import { startCaptureServer, type CaptureServer } from '../helpers/capture-server';
import { at } from '../helpers/frontdesk-harness';

const REMINDER = /^Reminder: Haircut tomorrow \(Thu Mar 12\) at 3:00 PM at Maple Street Salon\. Reply C to confirm, R to reschedule, X to cancel\.$/;

function creates(capture: CaptureServer) {
  return capture.requests.filter((r) => r.method === 'POST' && /\/Messages\.json$/.test(r.path)).map((r) => r.form);
}

describe('reminders over SMS', () => {
  let t: TwilioTestServer;

  beforeEach(async () => {
    t = await startTwilioTestServer({ startLocal: '2026-03-10T10:00' });
  });
  afterEach(async () => {
    await t.close();
  });

  async function bookByText(from: string): Promise<void> {
    expect((await t.text(from, 'haircut thursday at 3pm')).messages.join('\n')).toMatch(/what name/i);
    await t.text(from, 'Alex');
    expect((await t.text(from, 'yes')).messages[0]).toMatch(/^You're booked/);
  }

  it('sends the reminder by SMS, and a "C" reply confirms the appointment', async () => {
    await bookByText('+15555550150');
    t.setNow('2026-03-11T15:00');
    await t.server.frontdesk.scheduler.tick();
    expect(creates(t.capture)).toEqual([expect.objectContaining({ To: '+15555550150', From: BUSINESS_NUMBER, Body: expect.stringMatching(REMINDER) })]);

    t.setNow('2026-03-11T15:10');
    expect((await t.text('+15555550150', 'C')).messages[0]).toMatch(/^Thanks, you're confirmed/);
    const [appointment] = await t.server.frontdesk.stores.appointments.list();
    expect(appointment?.confirmedAt).toBe(at('2026-03-11T15:10').toISOString());
  });

  it('suppresses and records a reminder after STOP, and resumes after START', async () => {
    await bookByText('+15555550151');
    expect((await t.text('+15555550151', 'STOP')).messages).toEqual([
      "You're unsubscribed from Maple Street Salon texts. Reply START to resubscribe.",
    ]);
    expect((await t.text('+15555550151', 'hello?')).messages).toEqual([]);
    t.setNow('2026-03-11T15:00');
    await t.server.frontdesk.scheduler.tick();
    expect(creates(t.capture)).toEqual([]);
    expect(await t.server.frontdesk.stores.outbox.list()).toEqual([
      expect.objectContaining({ address: '+15555550151', kind: 'reminder', status: 'suppressed', reason: 'opted_out' }),
    ]);

    expect((await t.text('+15555550151', 'START')).messages[0]).toMatch(/^You're resubscribed/);
    expect((await t.text('+15555550151', 'haircut saturday at 11am')).messages.join('\n')).toMatch(/shall I book it/);
    expect((await t.text('+15555550151', 'yes')).messages[0]).toMatch(/^You're booked/);
    t.setNow('2026-03-13T11:00');
    await t.server.frontdesk.scheduler.tick();
    expect(creates(t.capture)).toEqual([expect.objectContaining({ To: '+15555550151', Body: expect.stringMatching(/^Reminder: Haircut tomorrow \(Sat Mar 14\) at 11:00 AM/) })]);
  });

  it('holds a reminder that falls in quiet hours until 08:00', async () => {
    await t.close();
    const business = loadBusinessConfig();
    business.messaging = { quietHours: { from: '21:00', to: '08:00' }, reminders: [{ beforeMinutes: 120 }], ratePerSecond: null };
    t = await startTwilioTestServer({ startLocal: '2026-03-10T10:00', business });
    expect((await t.text('+15555550152', 'haircut thursday at 9:30am')).messages.join('\n')).toMatch(/what name/i);
    await t.text('+15555550152', 'Kim');
    expect((await t.text('+15555550152', 'yes')).messages[0]).toMatch(/^You're booked/);
    // Two hours before 09:30 is 07:30, inside quiet hours: it waits for 08:00.
    t.setNow('2026-03-12T07:30');
    await t.server.frontdesk.scheduler.tick();
    expect(creates(t.capture)).toEqual([]);
    t.setNow('2026-03-12T08:00');
    await t.server.frontdesk.scheduler.tick();
    expect(creates(t.capture).map((f) => f.Body)).toEqual([expect.stringMatching(/^Reminder: Haircut today \(Thu Mar 12\) at 9:30 AM/)]);
  });
});

describe('reminders across restarts and processes', () => {
  let dataDir: string;
  let capture: CaptureServer;
  let now: Date;
  let settings: Settings;
  const running: RunningServer[] = [];
  const extra: Frontdesk[] = [];

  beforeEach(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'frontdesk-reminders-'));
    capture = await startCaptureServer();
    now = at('2026-03-10T10:00');
    settings = readSettings(
      { TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_PHONE_NUMBER: BUSINESS_NUMBER, TWILIO_API_URL: capture.url, PUBLIC_URL },
      { dataDir, port: 0 },
    );
  });

  afterEach(async () => {
    for (const s of running.splice(0)) await s.close();
    for (const fd of extra.splice(0)) await fd.close();
    await capture.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function start(): Promise<RunningServer> {
    const server = await startServer({ settings, clock: () => now, logger: silentLogger() });
    running.push(server);
    return server;
  }

  async function bookFor(fd: Frontdesk, phone: string, startIso: string): Promise<void> {
    const client = await fd.stores.clients.findOrCreateByAddress(phone, 'sms', now);
    await fd.stores.references.setPreferredChannel(client.id, 'sms', now);
    const booked = await fd.stores.appointments.book({ clientId: client.id, serviceId: 'haircut', staffId: 'lead', start: startIso, end: new Date(Date.parse(startIso) + 1800_000).toISOString() }, now);
    if (!booked.ok) throw new Error('could not book');
  }

  it('sends a reminder planned before a restart exactly once after it', async () => {
    now = at('2026-03-10T16:00');
    const first = await start();
    await bookFor(first.frontdesk, '+15555550160', '2026-03-12T19:00:00.000Z');
    await first.frontdesk.scheduler.tick();
    expect(await first.frontdesk.stores.outbox.list()).toEqual([
      expect.objectContaining({ kind: 'reminder', status: 'queued', notBefore: at('2026-03-11T15:00').toISOString() }),
    ]);
    await first.close();
    running.splice(0);

    now = at('2026-03-11T15:00');
    const second = await start();
    await second.frontdesk.scheduler.tick();
    await second.frontdesk.scheduler.tick();
    await second.close();
    running.splice(0);

    now = at('2026-03-11T15:05');
    const third = await start();
    await third.frontdesk.scheduler.tick();
    expect(creates(capture)).toEqual([expect.objectContaining({ To: '+15555550160', Body: expect.stringMatching(REMINDER) })]);
    expect(await third.frontdesk.stores.outbox.list()).toEqual([expect.objectContaining({ kind: 'reminder', status: 'sent', attempts: 1 })]);
  });

  it('picks up a reminder whose sender crashed mid-claim once the lease runs out, and sends it once', async () => {
    now = at('2026-03-10T16:00');
    const first = await start();
    await bookFor(first.frontdesk, '+15555550161', '2026-03-12T19:00:00.000Z');
    await first.frontdesk.reminders.plan(now);
    await first.close();
    running.splice(0);
    // A process that claimed the reminder and died before sending it.
    const crashed = openSqliteStores({ dataDir });
    expect(await crashed.outbox.claimNext(at('2026-03-11T15:00'), { workerId: 'crashed-process', leaseMs: 120_000, minIntervalMs: 0 })).toMatchObject({
      kind: 'reminder',
    });
    await crashed.close();

    now = at('2026-03-11T15:01');
    const second = await start();
    await second.frontdesk.scheduler.tick();
    expect(creates(capture)).toEqual([]);
    now = at('2026-03-11T15:03');
    await second.frontdesk.scheduler.tick();
    await second.frontdesk.scheduler.tick();
    expect(creates(capture).map((f) => f.To)).toEqual(['+15555550161']);
  });

  it('sends each reminder once when two schedulers share the data file and run at the same time', async () => {
    // Two processes, each with its own store connection and its own Twilio sender.
    const process = () => {
      const stores = openSqliteStores({ dataDir: settings.dataDir });
      const clock = () => now;
      const logger = silentLogger();
      const sender = createTwilioSender(settings, { stores, clock, logger });
      return createFrontdesk({ settings, stores, clock, logger, channels: twilioParts(sender) });
    };
    const a = process();
    const b = process();
    extra.push(a, b);
    const phones = Array.from({ length: 8 }, (_, i) => `+1555555017${i}`);
    for (const [i, phone] of phones.entries()) {
      // Thursday Mar 12, 09:00 to 16:30 New York, half an hour apart, both staff members.
      await bookFor(a, phone, new Date(Date.parse('2026-03-12T13:00:00.000Z') + i * 3600_000).toISOString());
    }
    now = at('2026-03-11T17:00');
    for (let step = 0; step < 40; step++) {
      await Promise.all([a.scheduler.tick(), b.scheduler.tick()]);
      now = new Date(now.getTime() + 500);
    }
    const sent = creates(capture).map((f) => String(f.To));
    expect(sent.sort()).toEqual([...phones].sort());
    expect((await a.stores.outbox.list({ kind: 'reminder', status: 'sent' })).length).toBe(8);
  });
});
