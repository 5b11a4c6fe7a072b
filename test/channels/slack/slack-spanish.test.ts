// A Spanish-speaking client handed to staff in Slack, over real HTTP: the card tells staff the
// client's language, staff write in their own words (sent as written), and the bot's own notices
// around them (who took the conversation, back with the assistant) reach the client in Spanish.
import type { CapturedCall } from '../../helpers/slack-capture';
import { CLAIM_ACTION, RESOLVE_ACTION } from '../../../channels/slack/ticket-card';
import { STAFF_CHANNEL, startSlackTestServer, type SlackTestServer } from './slack-test-server';

type Block = { type: string; text?: { text: string }; fields?: Array<{ text: string }> };
const cardText = (call: CapturedCall) =>
  ((call.args.blocks ?? []) as Block[]).flatMap((b) => [b.text?.text ?? '', ...(b.fields ?? []).map((f) => f.text)]).join('\n');

let ts = 1773160000;
const nextTs = () => `${ts++}.000200`;

describe('a Spanish-speaking SMS client with staff in Slack', () => {
  let s: SlackTestServer;
  const SPANISH = '+15555550161';
  const ENGLISH = '+15555550162';
  const STAFF = 'USTAFF0061';

  beforeAll(async () => {
    s = await startSlackTestServer();
  });
  afterAll(async () => {
    await s.close();
  });

  const cards = () => s.slackApi.callsTo('chat.postMessage', (a) => a.channel === STAFF_CHANNEL && a.thread_ts === undefined);
  const textedTo = (phone: string) => s.twilio.capture.requests.filter((r) => r.form.To === phone).map((r) => String(r.form.Body));
  /** The outbox sends one text a second per number: let the seconds pass, draining each. */
  const drainFrom = async (minute: string) => {
    const { frontdesk } = s.twilio.server;
    for (const second of ['01', '02', '03', '04', '05']) {
      s.twilio.setNow(`2026-03-10T${minute}:${second}`);
      await frontdesk.outbound.drain(frontdesk.deps.clock());
    }
  };

  it("shows staff the client's language on the card: Spanish for a client who wrote Spanish, English for one who wrote English", async () => {
    const asked = await s.twilio.text(SPANISH, 'hola, quiero hablar con una persona por favor');
    expect(asked.messages.join(' ')).toMatch(/fila/);
    await s.settle();
    await s.twilio.text(ENGLISH, 'hi, can I talk to a person please');
    await s.settle();

    const posted = cards();
    expect(posted).toHaveLength(2);
    expect(cardText(posted[0] as CapturedCall)).toContain('*Language*\nSpanish');
    expect(cardText(posted[1] as CapturedCall)).toContain('*Language*\nEnglish');
    expect(String(posted[0]?.args.text)).not.toMatch(/fila/);
  });

  it('claims, replies and resolves: the notices reach the client in Spanish, the staff reply as staff wrote it, and the card keeps the language', async () => {
    const { frontdesk } = s.twilio.server;
    const client = await frontdesk.stores.clients.findByAddress(SPANISH);
    const ticket = await frontdesk.handoff.activeFor(client!.id);
    const where = { channel: STAFF_CHANNEL, messageTs: String(ticket?.staffThread?.ts) };
    const before = textedTo(SPANISH).length;

    s.twilio.setNow('2026-03-10T10:05');
    expect((await s.click({ actionId: CLAIM_ACTION, value: ticket!.id }, STAFF, where)).status).toBe(200);
    await s.settle();
    await drainFrom('10:05');
    const claimedNotice = textedTo(SPANISH).slice(before);
    expect(claimedNotice).toHaveLength(1);
    expect(claimedNotice[0]).toMatch(/ya está aquí y te contestará en este chat\.$/);
    expect(claimedNotice[0]).not.toMatch(/\bis here\b/);

    const redrawn = s.slackApi.callsTo('chat.update', (a) => a.ts === where.messageTs).at(-1) as CapturedCall;
    expect(cardText(redrawn)).toContain('*Language*\nSpanish');

    s.twilio.setNow('2026-03-10T10:06');
    const reply = 'Hi! Sorry, my Spanish is poor: we can see you Friday at 3pm.';
    await s.event({ type: 'message', channel: STAFF_CHANNEL, channel_type: 'channel', user: STAFF, text: reply, ts: nextTs(), thread_ts: where.messageTs });
    await s.settle();
    await drainFrom('10:06');
    expect(textedTo(SPANISH).slice(before + 1)).toEqual([reply]);

    s.twilio.setNow('2026-03-10T10:07');
    expect((await s.click({ actionId: RESOLVE_ACTION, value: ticket!.id }, STAFF, where)).status).toBe(200);
    await s.settle();
    await drainFrom('10:07');
    expect(textedTo(SPANISH).slice(before + 2)).toEqual(['Estás otra vez con el asistente. ¿Te ayudo con algo más?']);
    expect((await frontdesk.handoff.store.get(ticket!.id))?.state).toBe('resolved');
  });

});
