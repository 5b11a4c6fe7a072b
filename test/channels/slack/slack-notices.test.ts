// What reaches staff and Slack clients outside a handoff card, over real HTTP: a reminder reply
// saying the client is late, an urgent message from a client already in line, and `/frontdesk text`
// to a client on Slack. Slack's Web API and Twilio's Messages API are capture servers.
import { STAFF_CHANNEL, startSlackTestServer, type SlackTestServer } from './slack-test-server';

let ts = 1773160000;
const nextTs = () => `${ts++}.000200`;

function texted(s: SlackTestServer, to: string): string[] {
  return s.twilio.capture.requests.filter((r) => r.method === 'POST' && /\/Messages\.json$/.test(r.path) && r.form.To === to).map((r) => String(r.form.Body));
}

describe('a client running late, from an SMS reminder reply', () => {
  let s: SlackTestServer;
  const PHONE = '+15555550170';

  beforeAll(async () => {
    s = await startSlackTestServer();
  });
  afterAll(async () => {
    await s.close();
  });

  it('posts "running 10 min late" with the name, masked number and appointment in the staff channel', async () => {
    expect((await s.twilio.text(PHONE, 'haircut thursday at 3pm')).messages.join('\n')).toMatch(/what name/i);
    await s.twilio.text(PHONE, 'Dana');
    expect((await s.twilio.text(PHONE, 'yes')).messages[0]).toMatch(/^You're booked/);
    s.twilio.setNow('2026-03-11T15:00');
    await s.twilio.server.frontdesk.scheduler.tick();
    expect(texted(s, PHONE).some((b) => b.startsWith('Reminder: Haircut tomorrow'))).toBe(true);

    s.twilio.setNow('2026-03-11T15:20');
    const since = s.slackApi.calls.length;
    // SMS prefers GSM-7, so the dash goes out plain.
    expect((await s.twilio.text(PHONE, 'running 10 min late')).messages).toEqual(["Thanks for letting us know - we'll tell the team."]);
    const posted = await s.slackApi.waitFor('chat.postMessage', (a) => a.channel === STAFF_CHANNEL, since);
    expect(posted.args.thread_ts).toBeUndefined();
    expect(String(posted.args.text)).toMatch(/^Dana \(\+•••••••0170\) is running 10 min late for Haircut on Thu Mar 12 at 3:00 PM\b/);
    expect(String(posted.args.text)).not.toContain('5555550170');
    const [appointment] = await s.twilio.server.frontdesk.stores.appointments.list();
    expect(appointment?.runningLate?.minutes).toBe(10);
  });

  it("posts the notice in the client's ticket thread when they have one open", async () => {
    const { frontdesk } = s.twilio.server;
    s.twilio.setNow('2026-03-11T15:30');
    expect((await s.twilio.text(PHONE, 'can I talk to a person')).messages.join(' ')).toMatch(/You're number \d+/);
    const ticket = (await frontdesk.handoff.store.listWaiting())[0];
    expect(ticket?.staffThread?.channel).toBe(STAFF_CHANNEL);
    const client = await frontdesk.stores.clients.findByAddress(PHONE);
    const [appointment] = await frontdesk.stores.appointments.list();
    if (!client || !appointment) throw new Error('client or appointment missing');
    const since = s.slackApi.calls.length;
    await frontdesk.reminders.runningLate(appointment.id, client, 15, frontdesk.deps.clock());
    const posted = await s.slackApi.waitFor('chat.postMessage', (a) => String(a.text).includes('running 15 min late'), since);
    expect([posted.args.channel, posted.args.thread_ts]).toEqual([STAFF_CHANNEL, ticket?.staffThread?.ts]);
  });
});

describe('an urgent message from a client already in line', () => {
  let s: SlackTestServer;
  const FIRST = '+15555550180';
  const SECOND = '+15555550181';
  const NIGHT = '+15555550182';

  beforeAll(async () => {
    s = await startSlackTestServer();
  });
  afterAll(async () => {
    await s.close();
  });

  it('in open hours: relays it to staff, moves the ticket to the front, redraws the card, and tells the client', async () => {
    const { frontdesk } = s.twilio.server;
    await s.twilio.text(FIRST, 'can I speak to a person');
    expect((await s.twilio.text(SECOND, 'can I speak to a person')).messages.join(' ')).toMatch(/\(1 ahead of you\)/);
    await s.settle();
    const second = (await frontdesk.handoff.store.listWaiting())[1];
    const thread = second?.staffThread;

    const reply = await s.twilio.text(SECOND, "I'm locked out of my car, it's urgent");
    expect(reply.messages).toEqual([
      "I've marked this urgent and put you at the front of the line; someone from Maple Street Salon will text you right away.",
    ]);
    await s.settle();
    const relayed = s.slackApi.callsTo('chat.postMessage', (a) => a.thread_ts === thread?.ts).map((c) => c.args.text);
    expect(relayed).toEqual(["*Client:* I'm locked out of my car, it's urgent"]);
    const waiting = await frontdesk.handoff.store.listWaiting();
    expect(waiting.map((t) => [t.id, t.urgent])).toEqual([
      [second?.id, true],
      [expect.any(String), false],
    ]);
    const redrawn = s.slackApi.callsTo('chat.update', (a) => a.ts === thread?.ts);
    expect(JSON.stringify(redrawn.at(-1)?.args.blocks)).toContain('🚨');
    expect((await frontdesk.stores.urgentAlerts.list()).map((a) => [a.keyword, a.openNow, a.outcome])).toEqual([['urgent', true, 'queued']]);

    // Urgent once is enough: a second urgent message is only relayed.
    expect((await s.twilio.text(SECOND, 'still urgent please')).messages).toEqual([]);
    expect(await frontdesk.stores.urgentAlerts.list()).toHaveLength(1);
  });

  it('after hours: relays it, alerts the person on call by Slack DM and text, and tells the client who', async () => {
    const { frontdesk } = s.twilio.server;
    s.twilio.setNow('2026-03-10T22:00'); // Tuesday night: Alex is on call
    expect((await s.twilio.text(NIGHT, 'I need to talk to someone')).messages).toEqual([
      `We're closed now. We open tomorrow at 9:00 AM; I've put you in line and someone will text you then. You're number 3 in line (2 ahead of you). Say "never mind" to go back to our assistant.`,
    ]);
    await s.settle();
    const ticket = await frontdesk.handoff.activeFor((await frontdesk.stores.clients.findByAddress(NIGHT))?.id ?? '');
    const since = s.slackApi.calls.length;

    const reply = await s.twilio.text(NIGHT, 'emergency, my scalp is burning from the bleach');
    expect(reply.messages).toEqual(["I've alerted our on-call person, Alex; they'll contact you shortly."]);
    await s.settle();
    const dm = await s.slackApi.waitFor('chat.postMessage', (a) => a.channel === 'U0ALEX0001', since);
    expect(String(dm.args.text)).toMatch(/^Urgent message for Maple Street Salon from .*"emergency, my scalp is burning/);
    expect(texted(s, '+19735550143').map((b) => b.startsWith('Urgent message for Maple Street Salon from '))).toEqual([true]);
    const relayed = s.slackApi.callsTo('chat.postMessage', (a) => a.thread_ts === ticket?.staffThread?.ts).map((c) => c.args.text);
    expect(relayed).toEqual(['*Client:* emergency, my scalp is burning from the bleach']);
    expect((await frontdesk.handoff.store.get(ticket?.id ?? ''))?.urgent).toBe(true);
    expect((await frontdesk.stores.urgentAlerts.list()).at(-1)).toMatchObject({ openNow: false, onCallName: 'Alex', outcome: 'on_call_notified' });
  });
});

describe('/frontdesk text to a client on Slack', () => {
  let s: SlackTestServer;
  const DM = 'DCLIENT077';
  const CLIENT = 'UCLIENT077';
  const OTHER_DM = 'DCLIENT078';
  const OTHER = 'UCLIENT078';

  beforeAll(async () => {
    s = await startSlackTestServer();
  });
  afterAll(async () => {
    await s.close();
  });

  const dm = async (channel: string, user: string, text: string) => {
    expect((await s.event({ type: 'message', channel, channel_type: 'im', user, text, ts: nextTs() })).status).toBe(200);
    await s.settle();
  };
  const drain = async (local: string) => {
    s.twilio.setNow(local);
    await s.twilio.server.frontdesk.outbound.drain(s.twilio.server.frontdesk.deps.clock());
  };

  it('sends the update as a DM through the outbound queue', async () => {
    await dm(DM, CLIENT, 'hi there');
    const answer = await s.command(`text slack:${CLIENT} Your color is ready to pick up`, 'USTAFF0009');
    expect(answer.body.text).toBe(`Your update to <@${CLIENT}> is on its way on slack.`);
    await drain('2026-03-10T10:00:01');
    const sent = s.slackApi.callsTo('chat.postMessage', (a) => a.channel === DM && a.text === 'Your color is ready to pick up');
    expect(sent).toHaveLength(1);
    const queued = await s.twilio.server.frontdesk.stores.outbox.list({ kind: 'staff_update' });
    expect(queued.map((m) => [m.channel, m.status])).toEqual([['slack', 'sent']]);
  });

  it('holds an update in quiet hours until the morning', async () => {
    s.twilio.setNow('2026-03-10T22:30');
    const answer = await s.command(`text slack:${CLIENT} Your package arrived`, 'USTAFF0009');
    expect(answer.body.text).toMatch(/waits for the end of quiet hours and goes out .* on slack\.$/);
    await drain('2026-03-10T22:31');
    expect(s.slackApi.callsTo('chat.postMessage', (a) => a.text === 'Your package arrived')).toEqual([]);
    await drain('2026-03-11T08:00:01');
    expect(s.slackApi.callsTo('chat.postMessage', (a) => a.channel === DM && a.text === 'Your package arrived')).toHaveLength(1);
  });

  it('does not message a Slack client who said STOP, and records the suppressed update', async () => {
    s.twilio.setNow('2026-03-11T10:00');
    await dm(OTHER_DM, OTHER, 'hello');
    await dm(OTHER_DM, OTHER, 'STOP');
    const answer = await s.command(`text slack:${OTHER} We have an opening tomorrow`, 'USTAFF0009');
    expect(answer.body.text).toBe(`Your update to <@${OTHER}> was not sent: they opted out of messages (STOP).`);
    await drain('2026-03-11T10:00:05');
    expect(s.slackApi.callsTo('chat.postMessage', (a) => a.text === 'We have an opening tomorrow')).toEqual([]);
    const records = await s.twilio.server.frontdesk.stores.outbox.list({ address: `slack:${OTHER}` });
    expect(records.map((m) => [m.kind, m.status, m.reason])).toEqual([['staff_update', 'suppressed', 'opted_out']]);
  });
});
