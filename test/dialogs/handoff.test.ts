// The take-a-number queue through the real bot: entering, the relay while waiting, staff replies,
// resolving, periodic updates and a restart. Staff consoles and client channels are ports, so the
// tests plug in a console that records what staff would see and a transport that records what the
// client would receive on their channel.
import type { HandoffTicket, StaffConsole, TicketOpenedInfo } from '../../bot/ports/handoff';
import type { QueuedMessage } from '../../bot/ports/messaging';
import type { ChannelSender, SendOutcome } from '../../bot/ports/outbound';
import type { Frontdesk } from '../../bot/app';
import { loadBusinessConfig } from '../../bot/config/business-config';
import { createHarness, sessionOn, type Harness, type HarnessChannels } from '../helpers/frontdesk-harness';

const TUESDAY_10AM = '2026-03-10T10:00';

class RecordingConsole implements StaffConsole {
  opened: Array<{ ticket: HandoffTicket; info: TicketOpenedInfo }> = [];
  relayed: Array<{ number: number; text: string; media: string[] }> = [];
  changed: Array<{ number: number; state: string; claimedByName: string | null }> = [];
  nudges: Array<{ number: number; waitedMinutes: number }> = [];

  async ticketOpened(ticket: HandoffTicket, info: TicketOpenedInfo) {
    this.opened.push({ ticket, info });
    return { channel: 'CSTAFF', ts: `17000000${ticket.number}.000100` };
  }
  async clientMessage(ticket: HandoffTicket, text: string, media: string[]) {
    this.relayed.push({ number: ticket.number, text, media });
  }
  async ticketChanged(ticket: HandoffTicket) {
    this.changed.push({ number: ticket.number, state: ticket.state, claimedByName: ticket.claimedByName });
  }
  async nudge(ticket: HandoffTicket, waitedMinutes: number) {
    this.nudges.push({ number: ticket.number, waitedMinutes });
  }
}

/** The client's side of the line: what the outbox sends on the test channel, sent when asked for. */
class RecordingTransport implements ChannelSender {
  sent: QueuedMessage[] = [];
  private frontdesk: Frontdesk | null = null;
  /** The Frontdesk whose outbox this transport drains (built with it, so known only afterwards). */
  bind(fd: Frontdesk): void {
    this.frontdesk = fd;
  }
  private get fd(): Frontdesk {
    if (!this.frontdesk) throw new Error('RecordingTransport used before bind()');
    return this.frontdesk;
  }
  async send(message: QueuedMessage): Promise<SendOutcome> {
    this.sent.push(message);
    return { kind: 'sent', providerId: `test:${this.sent.length}` };
  }
  /** Lets the outbox send what is queued, then the texts sent to that address. */
  async textsTo(address: string): Promise<string[]> {
    await this.flush();
    return this.sent.filter((m) => m.address === address).map((m) => m.text);
  }
  private drains = 0;
  async flush(): Promise<void> {
    // Each drain a little later than the last, so the send rate never holds one back.
    const now = this.fd.deps.clock().getTime();
    for (let i = 0; i < 20; i++) {
      this.drains += 1;
      if ((await this.fd.outbound.drain(new Date(now + this.drains * 60_000))) === 0) break;
    }
  }
}

/** A staff console and the client's transport, as the channel parts a Frontdesk is built with. */
function recorders(): { staff: RecordingConsole; phone: RecordingTransport; channels: HarnessChannels } {
  const staff = new RecordingConsole();
  const phone = new RecordingTransport();
  return { staff, phone, channels: { channels: { staffConsole: staff, senders: [['test', phone]] } } };
}

/** A harness whose Frontdesk has a recording staff console and client transport. */
function plugged(startLocal: string, business = loadBusinessConfig()): { h: Harness; staff: RecordingConsole; phone: RecordingTransport } {
  const { staff, phone, channels } = recorders();
  const h = createHarness(startLocal, business, channels);
  phone.bind(h.frontdesk);
  return { h, staff, phone };
}

describe('talking to a person', () => {
  let h: Harness;
  let staff: RecordingConsole;
  let phone: RecordingTransport;

  beforeEach(() => {
    ({ h, staff, phone } = plugged(TUESDAY_10AM));
  });
  afterEach(async () => {
    await h.close();
  });

  async function ticketOf(userId: string): Promise<HandoffTicket> {
    const client = await h.stores.clients.findByAddress(`test:${userId}`);
    const ticket = client ? await h.stores.handoffs.activeForClient(client.id) : null;
    if (!ticket) throw new Error(`${userId} has no active ticket`);
    return ticket;
  }

  it('tells each of three clients their number, the people ahead and the wait, and shows staff the card', async () => {
    const tail = ' You can keep texting here; a person will reply. Say "never mind" to go back to our assistant.';
    expect(await h.client('ana').say('can I talk to a person')).toEqual([`You're number 1, next in line.${tail}`]);
    h.setNow('2026-03-10T10:01');
    expect(await h.client('ben').say('I need a real person please')).toEqual([`You're number 2 in line (1 ahead of you), about 10 minutes.${tail}`]);
    h.setNow('2026-03-10T10:02');
    expect(await h.client('cy').say('get me someone to talk to')).toEqual([`You're number 3 in line (2 ahead of you), about 20 minutes.${tail}`]);

    expect(staff.opened.map((o) => [o.ticket.number, o.info.position, o.info.estimateMinutes, o.info.channel])).toEqual([
      [1, 1, 0, 'test'],
      [2, 2, 10, 'test'],
      [3, 3, 20, 'test'],
    ]);
    expect(staff.opened[2]?.info.lastMessages.map((m) => [m.direction, m.text])).toEqual([['in', 'get me someone to talk to']]);
    expect((await ticketOf('cy')).staffThread).toEqual({ channel: 'CSTAFF', ts: '170000003.000100' });
  });

  it('estimates from the average of recent handling times', async () => {
    // Two earlier conversations took 6 and 10 minutes from claim to resolve.
    for (const [user, minutes] of [['old1', 6], ['old2', 10]] as const) {
      await h.client(user).say('talk to a person');
      const ticket = await ticketOf(user);
      await h.frontdesk.handoff.claim(ticket.id, 'U1', 'Sam', h.now());
      await h.frontdesk.handoff.resolve(ticket.id, 'U1', new Date(h.now().getTime() + minutes * 60_000));
    }
    await h.client('ana').say('talk to a person');
    await h.client('ben').say('talk to a person');
    expect((await h.client('cy').say('talk to a person'))[0]).toMatch(/^You're number 5 in line \(2 ahead of you\), about 16 minutes\./);
  });

  it('after hours, counts the wait from the next opening', async () => {
    h.setNow('2026-03-07T20:00'); // Saturday evening, closed until Tuesday 9:00 across the DST change
    await h.client('ana').say('talk to a person');
    const ben = await h.stores.clients.findOrCreateByAddress('test:ben', 'test', h.now());
    const result = await h.frontdesk.handoff.request(
      { clientId: ben.id, channel: 'test', conversationId: 'conversation-ben', reason: 'asked_for_person', urgent: false, text: 'a person please' },
      h.now(),
    );
    // Sat 20:00 EST to Tue 09:00 EDT is 60 hours; one person ahead adds 10 minutes.
    expect(result).toMatchObject({ created: true, position: 2, ahead: 1, estimateMinutes: 60 * 60 + 10, afterHours: true, opensAt: '2026-03-10T13:00:00.000Z' });
    expect(h.frontdesk.deps.texts.queueJoined(h.frontdesk.handoff.placeOf(result), h.business)).toBe(
      `You're number 2 in line (1 ahead of you). We're closed right now and open Tue Mar 10 at 9:00 AM, so it'll be about 60 hours. ` +
        `You can keep texting here; a person will reply. Say "never mind" to go back to our assistant.`,
    );
    expect((await h.stores.handoffs.listWaiting()).map((t) => t.clientId)).toHaveLength(2);
  });

  it('keeps a client who asks again in their place', async () => {
    await h.client('ana').say('talk to a person');
    const ben = h.client('ben');
    await ben.say('talk to a person');
    // While waiting, the request reaches staff rather than the bot.
    expect(await ben.say('can I speak to someone')).toEqual([]);
    expect(await h.stores.handoffs.listWaiting()).toHaveLength(2);
  });

  it('stays silent while the client waits and relays their messages to staff; "never mind" hands them back to the bot', async () => {
    const ana = h.client('ana');
    await ana.say('talk to a person');
    expect(await ana.say('my colour from last week faded a lot')).toEqual([]);
    expect(await ana.say('haircut friday at 3')).toEqual([]);
    expect(staff.relayed).toEqual([
      { number: 1, text: 'my colour from last week faded a lot', media: [] },
      { number: 1, text: 'haircut friday at 3', media: [] },
    ]);
    expect(await h.stores.appointments.list()).toHaveLength(0);

    expect(await ana.say('never mind')).toEqual(["Okay, you've left the line. You're back with our assistant. What can I do for you?"]);
    expect(staff.changed).toEqual([{ number: 1, state: 'abandoned', claimedByName: null }]);
    expect((await ana.say('what are your hours')).join('\n')).toMatch(/Tue–Fri 9:00 AM–7:00 PM/);
  });

  it('lets only the claimer reply; notes stay internal; resolving hands the client back to the bot', async () => {
    const ana = h.client('ana');
    await ana.say('talk to a person');
    const ticket = await ticketOf('ana');
    const handoff = h.frontdesk.handoff;

    const [first, second] = await Promise.all([handoff.claim(ticket.id, 'U1', 'Sam', h.now()), handoff.claim(ticket.id, 'U2', 'Kim', h.now())]);
    expect(first).toMatchObject({ ok: true, ticket: { claimedBy: 'U1', claimedByName: 'Sam' } });
    expect(second).toEqual({ ok: false, reason: 'already_claimed', by: 'U1', byName: 'Sam' });
    expect(await phone.textsTo('test:ana')).toEqual(['Sam from Maple Street Salon is here and will reply in this chat.']);

    expect(await handoff.staffReply(ticket.id, 'U2', 'I can help too', [], h.now())).toEqual({ ok: false, reason: 'not_owner' });
    expect(await handoff.staffReply(ticket.id, 'U1', 'note: regular client, prefers Kim', [], h.now())).toEqual({ ok: true, delivered: false, internal: true });
    expect(await handoff.staffReply(ticket.id, 'U1', 'Hi Ana! Sorry about that, come in Friday?', ['https://files.test/p.jpg'], h.now())).toEqual({
      ok: true,
      delivered: true,
      internal: false,
    });
    expect(await phone.textsTo('test:ana')).toEqual(['Sam from Maple Street Salon is here and will reply in this chat.', 'Hi Ana! Sorry about that, come in Friday?']);
    expect(phone.sent[1]?.mediaUrls).toEqual(['https://files.test/p.jpg']);

    // Held by staff: still no bot replies; the client's messages go to the thread.
    expect(await ana.say('yes friday works')).toEqual([]);
    expect(staff.relayed.map((r) => r.text)).toEqual(['yes friday works']);

    expect(await handoff.resolve(ticket.id, 'U1', h.now())).toMatchObject({ ok: true, ticket: { state: 'resolved' } });
    expect((await phone.textsTo('test:ana')).at(-1)).toBe("You're back with our assistant. Anything else I can do for you?");
    expect(await handoff.staffReply(ticket.id, 'U1', 'one more thing', [], h.now())).toEqual({ ok: false, reason: 'not_active' });
    expect((await ana.say('what are your hours')).join('\n')).toMatch(/Tue–Fri 9:00 AM–7:00 PM/);

    // The history holds both directions, the internal note marked as such.
    const client = await h.stores.clients.findByAddress('test:ana');
    const history = await h.stores.messageLog.recentForClient(client?.id ?? '', 50);
    expect(history.filter((m) => m.author === 'staff').map((m) => [m.text, m.internal])).toEqual([
      ['note: regular client, prefers Kim', true],
      ['Hi Ana! Sorry about that, come in Friday?', false],
    ]);
    expect(history.filter((m) => m.author === 'client').map((m) => m.text)).toEqual(['talk to a person', 'yes friday works', 'what are your hours']);
    expect((await h.stores.messageLog.search('friday works', 5)).map((m) => m.text)).toEqual(['yes friday works']);
  });

  it('still holds the same place after a restart', async () => {
    await h.client('ana').say('talk to a person');
    await h.client('ben').say('talk to a person');
    h.setNow('2026-03-10T10:30');
    // Another process (or the restarted one) opens the same data file.
    const { staff: restartedStaff, phone: restartedPhone, channels } = recorders();
    const restarted = h.sibling(channels);
    restartedPhone.bind(restarted);
    const ben = sessionOn(restarted, 'ben');
    expect(await ben.say('are you still there?')).toEqual([]);
    expect(restartedStaff.relayed).toEqual([{ number: 2, text: 'are you still there?', media: [] }]);
    const waiting = await restarted.handoff.waiting(h.now());
    expect(waiting.map((w) => [w.ticket.number, w.position, w.waitedMinutes])).toEqual([
      [1, 1, 30],
      [2, 2, 30],
    ]);
  });

  it('tells waiting clients when they move up, at most every few minutes, and nudges staff once it takes long', async () => {
    for (const user of ['ana', 'ben', 'cy']) await h.client(user).say('talk to a person');
    const handoff = h.frontdesk.handoff;
    await handoff.claim((await ticketOf('ana')).id, 'U1', 'Sam', h.now());
    await phone.flush();
    phone.sent = [];

    h.setNow('2026-03-10T10:04');
    expect(await handoff.tick(h.now())).toEqual({ movedUp: 0, nudged: 0, timedOut: 0, assigned: 0 }); // told 4 minutes ago
    h.setNow('2026-03-10T10:05');
    expect(await handoff.tick(h.now())).toEqual({ movedUp: 2, nudged: 0, timedOut: 0, assigned: 0 });
    expect(await phone.textsTo('test:ben')).toEqual(["Good news: you're next in line. A person will reply here soon."]);
    expect(await phone.textsTo('test:cy')).toEqual(["You've moved up: 1 ahead of you now, about 10 minutes."]);

    h.setNow('2026-03-10T10:10');
    expect(await handoff.tick(h.now())).toEqual({ movedUp: 0, nudged: 2, timedOut: 0, assigned: 0 });
    expect(staff.nudges).toEqual([
      { number: 2, waitedMinutes: 10 },
      { number: 3, waitedMinutes: 10 },
    ]);
    expect((await phone.textsTo('test:ben')).at(-1)).toMatch(/^Sorry, this is taking longer than usual/);
    h.setNow('2026-03-10T10:15');
    expect((await handoff.tick(h.now())).nudged).toBe(0);
    h.setNow('2026-03-10T10:20');
    expect((await handoff.tick(h.now())).nudged).toBe(2);
    // The client hears "taking longer" once, not with every nudge.
    expect((await phone.textsTo('test:ben')).filter((t) => t.startsWith('Sorry, this is taking longer'))).toHaveLength(1);
  });

  it('times out a ticket nobody took, and the bot answers again', async () => {
    const ana = h.client('ana');
    await ana.say('talk to a person');
    h.setNow('2026-03-11T10:00');
    expect((await h.frontdesk.handoff.tick(h.now())).timedOut).toBe(1);
    expect((await phone.textsTo('test:ana')).at(-1)).toMatch(/^Sorry, no one from Maple Street Salon could get to you in time/);
    expect((await ana.say('what are your hours')).join('\n')).toMatch(/Tue–Fri/);
  });

  it.each([
    ['a complaint', 'the haircut I got yesterday was awful and uneven', 'complaint', /^I'm sorry to hear that\. I'm getting someone from our team to help\. You're number 1/],
    ['a complaint about staff', 'the receptionist was really rude to me', 'complaint', /^I'm sorry to hear that/],
    ['a request for a named staff member', 'can I talk to the barber', 'named_staff', /^You're number 1, next in line/],
  ])('puts %s in line', async (_label, text, reason, reply) => {
    expect((await h.client('ana').say(text))[0]).toMatch(reply);
    expect((await h.stores.handoffs.listWaiting()).map((t) => t.reason)).toEqual([reason]);
  });

  it.each([
    ['a booking that mentions being upset', "I'm upset I missed my cut, can I book a haircut friday at 3"],
    ['praise', 'not bad at all, no complaints'],
  ])('does not treat %s as a complaint', async (_label, text) => {
    await h.client('ana').say(text);
    expect(await h.stores.handoffs.listWaiting()).toEqual([]);
  });

  it('puts a client in line who accepts the offer of a person after a question it could not answer', async () => {
    const ana = h.client('ana');
    expect((await ana.say('do you do hair extensions for weddings')).join(' ')).toMatch(/ask someone/);
    expect((await ana.say('yes please'))[0]).toMatch(/^You're number 1, next in line/);
    expect((await h.stores.handoffs.listWaiting()).map((t) => t.reason)).toEqual(['faq_miss']);
  });

  it('lets STOP and HELP through to the bot while waiting', async () => {
    const ana = h.client('ana');
    await ana.say('talk to a person');
    expect((await ana.say('help')).length).toBeGreaterThan(0);
    expect(staff.relayed).toEqual([]);
  });

  describe('round-robin', () => {
    it('hands waiting clients in turn to staff on shift who hold no conversation', async () => {
      await h.close();
      const business = {
        ...loadBusinessConfig(),
        // The barber does not work Tuesdays; Kim has no shift pattern and is always eligible.
        handoff: { roundRobin: [{ consoleId: 'U1', name: 'Sam', staffId: 'barber' }, { consoleId: 'U2', name: 'Kim', staffId: null }] },
      };
      ({ h, staff, phone } = plugged('2026-03-10T18:00', business));
      for (const user of ['ana', 'ben']) await h.client(user).say('talk to a person');

      expect((await h.frontdesk.handoff.tick(h.now())).assigned).toBe(1);
      expect((await ticketOf('ana'))).toMatchObject({ state: 'claimed', claimedBy: 'U2', claimedByName: 'Kim' });
      expect((await ticketOf('ben')).state).toBe('waiting');
      expect(await phone.textsTo('test:ana')).toEqual(['Kim from Maple Street Salon is here and will reply in this chat.']);

      // Wednesday: the barber is on shift and free.
      h.setNow('2026-03-11T09:30');
      expect((await h.frontdesk.handoff.tick(h.now())).assigned).toBe(1);
      expect(await ticketOf('ben')).toMatchObject({ state: 'claimed', claimedBy: 'U1' });
    });
  });
});
