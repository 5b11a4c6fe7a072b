// The Slack staff console over real HTTP: signed Slack requests into the running server, Web API
// calls captured through SLACK_API_URL, clients on Slack (DM) and on SMS (signed Twilio webhooks).
import type { CapturedCall } from '../../helpers/slack-capture';
import { CLAIM_ACTION, RESOLVE_ACTION } from '../../../channels/slack/ticket-card';
import { CLIENT_CHANNEL, STAFF_CHANNEL, startSlackTestServer, type SlackTestServer } from './slack-test-server';

type Block = { type: string; text?: { text: string }; fields?: Array<{ text: string }>; elements?: Array<{ action_id?: string; value?: string; text?: { text: string } | string }>; image_url?: string };

const blocksOf = (call: CapturedCall) => (call.args.blocks ?? []) as Block[];
const cardText = (call: CapturedCall) =>
  blocksOf(call)
    .flatMap((b) => [b.text?.text ?? '', ...(b.fields ?? []).map((f) => f.text), ...(b.elements ?? []).map((e) => (typeof e.text === 'string' ? e.text : e.text?.text ?? ''))])
    .join('\n');
const buttonsOf = (call: CapturedCall) =>
  blocksOf(call)
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? [])
    .map((e) => ({ actionId: e.action_id ?? '', value: e.value ?? '' }));

let ts = 1773151200;
const nextTs = () => `${ts++}.000100`;

describe('Slack staff console with a client on Slack', () => {
  let s: SlackTestServer;
  const DM = 'DCLIENT001';
  const CLIENT = 'UCLIENT001';
  let card: CapturedCall;
  let ticketId: string;
  let winner: string;
  let loser: string;

  beforeAll(async () => {
    s = await startSlackTestServer();
  });
  afterAll(async () => {
    await s.close();
  });

  const dm = async (text: string, options: { eventId?: string; retryNum?: number; ts?: string } = {}) => {
    const res = await s.event({ type: 'message', channel: DM, channel_type: 'im', user: CLIENT, text, ts: options.ts ?? nextTs() }, options);
    expect(res.status).toBe(200);
    await s.settle();
  };
  const toClient = () => s.slackApi.callsTo('chat.postMessage', (a) => a.channel === DM).map((c) => String(c.args.text));
  const inThread = () => s.slackApi.callsTo('chat.postMessage', (a) => a.channel === STAFF_CHANNEL && a.thread_ts === card.args.ts);

  it('posts a card with the client, channel, reason, place and last messages, and tells the client their place', async () => {
    await dm('hi, do you do beard trims?');
    await dm('can I talk to a person please');
    const cards = s.slackApi.callsTo('chat.postMessage', (a) => a.channel === STAFF_CHANNEL && a.thread_ts === undefined);
    expect(cards).toHaveLength(1);
    card = cards[0] as CapturedCall;
    // The capture server's answer gives the card its ts; keep it as Slack would have.
    const ticket = (await s.twilio.server.frontdesk.handoff.store.listWaiting())[0];
    expect(ticket?.staffThread?.channel).toBe(STAFF_CHANNEL);
    card = { ...card, args: { ...card.args, ts: ticket?.staffThread?.ts } };
    ticketId = ticket?.id ?? '';

    const text = cardText(card);
    expect(text).toContain('<@UCLIENT001>');
    expect(text).toContain('*Channel*\nslack');
    expect(text).toContain('*Reason*\nasked for a person');
    expect(text).toMatch(/\*Place in line\*\n1st/);
    expect(text).toContain('can I talk to a person please');
    expect(text).toContain('hi, do you do beard trims?');
    expect(buttonsOf(card)).toEqual([
      { actionId: CLAIM_ACTION, value: ticketId },
      { actionId: RESOLVE_ACTION, value: ticketId },
    ]);
    expect(toClient().some((t) => /You're number \d+, next in line/.test(t))).toBe(true);
  });

  it('lets exactly one of two staff members claim at the same moment; the other hears who has it', async () => {
    const where = { channel: STAFF_CHANNEL, messageTs: String(card.args.ts) };
    const [a, b] = await Promise.all([
      s.click({ actionId: CLAIM_ACTION, value: ticketId }, 'USTAFF0001', where),
      s.click({ actionId: CLAIM_ACTION, value: ticketId }, 'USTAFF0002', where),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await s.settle();

    const ticket = await s.twilio.server.frontdesk.handoff.store.get(ticketId);
    expect(ticket?.state).toBe('claimed');
    winner = ticket?.claimedBy ?? '';
    expect(['USTAFF0001', 'USTAFF0002']).toContain(winner);
    loser = winner === 'USTAFF0001' ? 'USTAFF0002' : 'USTAFF0001';

    const updates = s.slackApi.callsTo('chat.update', (x) => x.ts === card.args.ts);
    expect(updates).toHaveLength(1);
    expect(cardText(updates[0] as CapturedCall)).toContain(`Claimed by <@${winner}>`);
    expect(buttonsOf(updates[0] as CapturedCall).map((x) => x.actionId)).toEqual([RESOLVE_ACTION]);
    const ephemerals = s.slackApi.callsTo('chat.postEphemeral');
    expect(ephemerals.map((e) => [e.args.user, e.args.text])).toEqual([[loser, `This conversation is already claimed by <@${winner}>.`]]);
    expect(toClient().some((t) => /is here and will reply in this chat/.test(t))).toBe(true);
  });

  it("relays the claimer's thread reply to the client, but not a note: and not a non-claimer's reply", async () => {
    const reply = (user: string, text: string) =>
      s.event({ type: 'message', channel: STAFF_CHANNEL, channel_type: 'channel', user, text, ts: nextTs(), thread_ts: card.args.ts });

    expect((await reply(winner, 'Hi! Yes we do &amp; it takes 15 minutes.')).status).toBe(200);
    await s.settle();
    expect(toClient()).toContain('Hi! Yes we do & it takes 15 minutes.');

    await reply(winner, 'note: regular client, offer the loyalty discount');
    await reply(loser, 'I can take this one too');
    await s.settle();
    expect(toClient().filter((t) => /loyalty|take this one/.test(t))).toEqual([]);
    const log = await s.twilio.server.frontdesk.stores.messageLog.search('loyalty discount', 5);
    expect(log.map((m) => m.internal)).toEqual([true]);
    const told = s.slackApi.callsTo('chat.postEphemeral', (a) => a.user === loser && a.thread_ts === card.args.ts);
    expect(told.map((c) => c.args.text)).toEqual(['Claim this conversation to reply to the client.']);
  });

  it("shows the client's replies in the card's thread, once even when Slack retries the event", async () => {
    const before = inThread().length;
    const eventTs = nextTs();
    await dm('great, can I come at 4?', { eventId: 'EvRETRIED01', ts: eventTs });
    await dm('great, can I come at 4?', { eventId: 'EvRETRIED01', ts: eventTs, retryNum: 1 });
    await dm('great, can I come at 4?', { eventId: 'EvRETRIED01', ts: eventTs, retryNum: 2 });
    const relayed = inThread().slice(before).map((c) => c.args.text);
    expect(relayed).toEqual(['*Client:* great, can I come at 4?']);
    // The bot kept quiet: only staff answer while the conversation is held.
    expect(toClient().filter((t) => /4/.test(t) && !/15 minutes/.test(t))).toEqual([]);
  });

  it('resolves from the button: the card says so, the client is back with the assistant, and the bot answers again', async () => {
    const res = await s.click({ actionId: RESOLVE_ACTION, value: ticketId }, winner, { channel: STAFF_CHANNEL, messageTs: String(card.args.ts) });
    expect(res.status).toBe(200);
    await s.settle();
    expect((await s.twilio.server.frontdesk.handoff.store.get(ticketId))?.state).toBe('resolved');
    const last = s.slackApi.callsTo('chat.update', (x) => x.ts === card.args.ts).at(-1) as CapturedCall;
    expect(cardText(last)).toContain(`Resolved by <@${winner}>`);
    expect(buttonsOf(last)).toEqual([]);
    expect(toClient()).toContain("You're back with our assistant. Anything else I can do for you?");

    const threadBefore = inThread().length;
    const answersBefore = toClient().length;
    await dm('what time do you open on saturday?');
    expect(toClient().length).toBeGreaterThan(answersBefore);
    expect(toClient().at(-1)).toMatch(/^We're open on Sat Mar 14/);
    expect(inThread()).toHaveLength(threadBefore);
  });
});

describe('Slack staff console with a client on SMS', () => {
  let s: SlackTestServer;
  const PHONE = '+15555550142';

  beforeAll(async () => {
    s = await startSlackTestServer();
  });
  afterAll(async () => {
    await s.close();
  });

  it('posts a card with the masked number and the SMS channel, tells the client their place, and threads their texts', async () => {
    await s.twilio.text(PHONE, 'My name is Dana, I have a question about a color correction');
    const asked = await s.twilio.text(PHONE, 'can I speak to a real person');
    expect(asked.status).toBe(200);
    expect(asked.messages.join(' ')).toMatch(/You're number \d+, next in line/);
    await s.settle();

    const cards = s.slackApi.callsTo('chat.postMessage', (a) => a.channel === STAFF_CHANNEL && a.thread_ts === undefined);
    expect(cards).toHaveLength(1);
    const text = cardText(cards[0] as CapturedCall);
    expect(text).toContain('*Number*\n+•••••••0142');
    expect(text).not.toContain('5555550142');
    expect(text).toContain('*Channel*\nsms');

    const ticket = (await s.twilio.server.frontdesk.handoff.store.listWaiting())[0];
    const thread = ticket?.staffThread;
    expect(thread?.channel).toBe(STAFF_CHANNEL);
    const reply = await s.twilio.text(PHONE, 'it is for tomorrow if possible');
    expect(reply.messages).toEqual([]);
    await s.settle();
    const relayed = s.slackApi.callsTo('chat.postMessage', (a) => a.thread_ts === thread?.ts).map((c) => c.args.text);
    expect(relayed).toEqual(['*Client:* it is for tomorrow if possible']);
  });

  it('reminds the channel, from the thread, when nobody claims a ticket in time', async () => {
    const ticket = (await s.twilio.server.frontdesk.handoff.store.listWaiting())[0];
    s.twilio.setNow('2026-03-10T10:04');
    await s.twilio.server.frontdesk.handoff.tick(s.twilio.server.frontdesk.deps.clock());
    expect(s.slackApi.callsTo('chat.postMessage', (a) => a.reply_broadcast === 'true')).toEqual([]);

    s.twilio.setNow('2026-03-10T10:15');
    await s.twilio.server.frontdesk.handoff.tick(s.twilio.server.frontdesk.deps.clock());
    const nudges = s.slackApi.callsTo('chat.postMessage', (a) => a.reply_broadcast === 'true');
    expect(nudges.map((c) => [c.args.channel, c.args.thread_ts])).toEqual([[STAFF_CHANNEL, ticket?.staffThread?.ts]]);
    expect(String(nudges[0]?.args.text)).toMatch(/^<!here> #\d+ \(.+\) has waited 15 min and nobody has claimed it yet\.$/);
  });

  it("sends the claimer's thread reply to the client by SMS, and keeps notes in Slack", async () => {
    const { frontdesk } = s.twilio.server;
    const ticket = (await frontdesk.handoff.store.listWaiting())[0];
    const thread = { channel: STAFF_CHANNEL, messageTs: String(ticket?.staffThread?.ts) };
    expect((await s.click({ actionId: CLAIM_ACTION, value: ticket?.id ?? '' }, 'USTAFF0003', thread)).status).toBe(200);
    await s.settle();
    for (const text of ['note: wants Saturday, check with Kim', 'Hi Dana, we can fit you in tomorrow at 2pm.']) {
      await s.event({ type: 'message', channel: STAFF_CHANNEL, channel_type: 'channel', user: 'USTAFF0003', text, ts: nextTs(), thread_ts: thread.messageTs });
    }
    await s.settle();
    // The outbound queue sends one message a second per number: let a few seconds pass.
    for (const second of ['01', '02', '03', '04', '05']) {
      s.twilio.setNow(`2026-03-10T10:15:${second}`);
      await frontdesk.outbound.drain(frontdesk.deps.clock());
    }
    const texted = s.twilio.capture.requests.filter((r) => r.form.To === PHONE).map((r) => r.form.Body);
    expect(texted).toContain('Hi Dana, we can fit you in tomorrow at 2pm.');
    expect(texted.filter((b) => /Kim/.test(String(b)))).toEqual([]);
  });
});

describe('Slack as a client channel in a Slack Connect channel', () => {
  let s: SlackTestServer;
  beforeAll(async () => {
    s = await startSlackTestServer();
  });
  afterAll(async () => {
    await s.close();
  });

  it('answers people in a listed client channel and ignores other channels, edits and bots', async () => {
    const say = (channel: string, extra: Record<string, unknown>) =>
      s.event({ type: 'message', channel, channel_type: 'channel', user: 'UEXTERNAL1', text: 'are you open on sunday?', ts: nextTs(), ...extra });
    await say('CRANDOM001', {});
    await say(CLIENT_CHANNEL, { subtype: 'message_changed' });
    await say(CLIENT_CHANNEL, { bot_id: 'BOTHER0001' });
    await s.settle();
    expect(s.slackApi.callsTo('chat.postMessage')).toEqual([]);

    await say(CLIENT_CHANNEL, {});
    await s.settle();
    const replies = s.slackApi.callsTo('chat.postMessage', (a) => a.channel === CLIENT_CHANNEL);
    expect(replies).toHaveLength(1);
    expect(String(replies[0]?.args.text)).toMatch(/\bSun(?:day|\b)/i);
    const client = await s.twilio.server.frontdesk.stores.clients.findByAddress('slack:UEXTERNAL1');
    expect(client?.channel).toBe('slack');
  });
});
