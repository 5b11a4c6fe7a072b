// Two processes on one data file tick the handoff queue at the same moment: each waiting client who
// moved up hears it once, not once per process. Two real servers on the same SQLite file, SMS
// clients over signed Twilio webhooks, texts captured where Twilio's API would be.
import { startServer, type RunningServer } from '../../bot/index';
import { silentLogger } from '../../bot/log';
import { startTwilioTestServer, type TwilioTestServer } from '../channels/twilio/twilio-test-server';

describe('handoff ticks from two processes at once', () => {
  let t: TwilioTestServer;
  let other: RunningServer;

  beforeEach(async () => {
    t = await startTwilioTestServer();
    other = await startServer({ settings: t.settings, clock: () => t.server.frontdesk.deps.clock(), logger: silentLogger() });
  });
  afterEach(async () => {
    await other.close();
    await t.close();
  });

  const movedUpTextsTo = (to: string) =>
    t.capture.requests.filter((r) => r.form.To === to && /moved up|next in line/i.test(String(r.form.Body))).map((r) => String(r.form.Body));

  it('tells each client who moved up once', async () => {
    const [ana, ben, cy] = ['+15555550171', '+15555550172', '+15555550173'];
    for (const from of [ana, ben, cy]) expect((await t.text(from, 'can I talk to a person please')).status).toBe(200);
    const handoff = t.server.frontdesk.handoff;
    const first = (await handoff.store.listWaiting())[0];
    if (!first) throw new Error('nobody is waiting');
    expect((await handoff.claim(first.id, 'U1', 'Sam', t.server.frontdesk.deps.clock())).ok).toBe(true);

    t.setNow('2026-03-10T10:06');
    const now = t.server.frontdesk.deps.clock();
    const reports = await Promise.all([handoff.tick(now), other.frontdesk.handoff.tick(now)]);
    expect(reports.map((r) => r.movedUp).reduce((a, b) => a + b, 0)).toBe(2);

    // One text a second per sender number: drain until everything queued has gone.
    for (const second of [0, 1, 2, 3, 4, 5]) {
      t.setNow(`2026-03-10T10:06:0${second}`);
      await t.server.frontdesk.outbound.drain(t.server.frontdesk.deps.clock());
    }
    expect(await t.server.frontdesk.stores.outbox.list({ status: 'queued' })).toEqual([]);
    expect(movedUpTextsTo(ben)).toHaveLength(1);
    expect(movedUpTextsTo(cy)).toHaveLength(1);
  });
});
