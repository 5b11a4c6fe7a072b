// Consent on Slack: a client who said STOP in their DM gets nothing more from the app, not even a
// staff member's thread reply or a queue notice, and the staff member hears it was not delivered.
import { CLAIM_ACTION } from '../../../channels/slack/ticket-card';
import { STAFF_CHANNEL, startSlackTestServer, type SlackTestServer } from './slack-test-server';

let ts = 1773160000;
const nextTs = () => `${ts++}.000100`;

describe('Slack client who opted out while held by staff', () => {
  let s: SlackTestServer;
  const DM = 'DSTOPPER01';
  const CLIENT = 'USTOPPER01';
  const STAFF = 'USTAFF0042';

  beforeAll(async () => {
    s = await startSlackTestServer();
  });
  afterAll(async () => {
    await s.close();
  });

  const dm = async (text: string) => {
    expect((await s.event({ type: 'message', channel: DM, channel_type: 'im', user: CLIENT, text, ts: nextTs() })).status).toBe(200);
    await s.settle();
  };
  const toClient = () => s.slackApi.callsTo('chat.postMessage', (a) => a.channel === DM || a.channel === CLIENT).map((c) => String(c.args.text));

  it('never relays a staff reply, a queue notice or a resolve notice to the client after STOP', async () => {
    const { frontdesk } = s.twilio.server;
    await dm('can I talk to a person please');
    const ticket = (await frontdesk.handoff.store.listWaiting())[0];
    expect(ticket).toBeDefined();
    const thread = { channel: STAFF_CHANNEL, messageTs: String(ticket?.staffThread?.ts) };

    await dm('STOP');
    expect(await frontdesk.stores.consent.isOptedOut(`slack:${CLIENT}`)).toBe(true);
    const afterStop = toClient().length;
    expect(toClient().at(-1)).toMatch(/unsubscribed/);

    expect((await s.click({ actionId: CLAIM_ACTION, value: ticket?.id ?? '' }, STAFF, thread)).status).toBe(200);
    await s.settle();
    await s.event({ type: 'message', channel: STAFF_CHANNEL, channel_type: 'channel', user: STAFF, text: 'Hi, how can I help?', ts: nextTs(), thread_ts: thread.messageTs });
    await s.settle();
    await frontdesk.handoff.resolve(ticket?.id ?? '', STAFF, frontdesk.deps.clock());
    for (const second of ['01', '02', '03', '04', '05']) {
      s.twilio.setNow(`2026-03-10T10:00:${second}`);
      await frontdesk.outbound.drain(frontdesk.deps.clock());
    }

    expect(toClient().slice(afterStop)).toEqual([]);
    const told = s.slackApi.callsTo('chat.postEphemeral', (a) => a.user === STAFF && a.thread_ts === thread.messageTs).map((c) => String(c.args.text));
    expect(told).toEqual(['Your reply could not be delivered to the client (opted_out).']);
    const suppressed = await frontdesk.stores.outbox.list({ address: `slack:${CLIENT}`, status: 'suppressed' });
    expect(suppressed.map((m) => m.kind)).toEqual(expect.arrayContaining(['handoff_notice', 'staff_reply']));
  });
});
