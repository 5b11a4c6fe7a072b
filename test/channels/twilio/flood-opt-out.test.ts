// A paused (flooding) address still opts out: STOP is the one message carriers require us to honour
// whatever else is going on, and an opt-out lost to the pause would let later reminders through.
import { startTwilioTestServer, type TwilioTestServer } from './twilio-test-server';

describe('STOP from an address paused for flooding', () => {
  let t: TwilioTestServer;
  beforeAll(async () => {
    t = await startTwilioTestServer();
  });
  afterAll(async () => {
    await t.close();
  });

  it('opts the address out with its one confirmation, and later proactive messages are suppressed', async () => {
    const from = '+15555550180';
    for (let i = 0; i < 21; i += 1) await t.text(from, 'what are your hours?');
    expect((await t.text(from, 'what are your hours?')).messages).toEqual([]);

    const stop = await t.text(from, 'STOP');
    expect(stop.status).toBe(200);
    expect(stop.messages).toEqual(["You're unsubscribed from Maple Street Salon texts. Reply START to resubscribe."]);
    const { frontdesk } = t.server;
    expect(await frontdesk.stores.consent.isOptedOut(from)).toBe(true);

    const outcome = await frontdesk.outbound.sendProactive({ address: from, text: 'See you tomorrow!', kind: 'reminder' }, frontdesk.deps.clock());
    expect(outcome.status).toBe('suppressed');
    // Other messages from the paused address are still ignored.
    expect((await t.text(from, 'what are your hours?')).messages).toEqual([]);
  });
});
