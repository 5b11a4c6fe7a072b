// Odd replies at every question the bot can be waiting on, the way clients really text: each one
// gets a reply that fits the question, leaves the flow where it was (or ends it, saying so), books
// or changes nothing by accident, and the client can still get booked afterwards.
import { createHarness, type ClientSession, type Harness } from '../helpers/frontdesk-harness';

const TUESDAY_10AM = '2026-03-10T10:00';

const PROMPT = {
  service: /^What would you like to book\?/,
  when: /^When would you like to come in for your haircut\?/,
  offered: /^On Thu Mar 12 I have:/,
  name: /What name should I put the appointment under\?|what name should I put it under\?|I need a name/,
  readBack: /^Haircut with one of our team, Thu Mar 12 at 3:00 PM — shall I book it\?/,
  pickMove: /^Which appointment would you like to move\?/,
  pickCancel: /^Which appointment would you like to cancel\?/,
  confirmCancel: /^Cancel your haircut with the lead stylist, Thu Mar 12 at 3:00 PM\?/,
  moveReadBack: /^Move your haircut from Thu Mar 12 at 3:00 PM to Sat Mar 14 at 11:00 AM/,
  moveWhen: /What day and time would you like instead\?$/,
};

const STOPPED = /^No problem, I've stopped there\./;
const IN_LINE = /^You're number 1, next in line\./;
const HOURS = /^Our hours: Tue–Fri 9:00 AM–7:00 PM/;
const HELP = /^I can book an appointment/;
const DROPPED = /^Okay, I've dropped that booking\.$/;
const KEPT_MOVE = /^Okay, I've left your appointment as it was\.$/;
const KEPT_CANCEL = /^Okay, your appointment stays as it is\.$/;
const BOOKED = /^You're booked:/;
const MOVED = /^Done! Your haircut is now/;
const CANCELLED = /is cancelled\./;
// A day or time that does not exist is named, not passed over as nothing caught.
const NO_FEB_30 = /^There's no February 30 — which day did you mean\?/;
const NO_25_00 = /^25:00 isn't a time on the clock — what time works\?/;

/** The odd replies, by name, sent at every waiting state. */
const ODD: Record<string, string> = {
  empty: '',
  emoji: '🙂👍',
  question: '?',
  ok: 'ok',
  idk: 'idk',
  'out of range': '7',
  zero: '0',
  'past time': 'yesterday at 3',
  'feb 30': 'Feb 30',
  '25:00': 'at 25:00',
  long: 'so basically '.repeat(400),
  control: '\u0001\u0002\u0007',
  hours: 'what are your hours?',
  price: 'how much is it?',
  'cancel intent': 'cancel my appointment',
  'book other': 'book a color',
  'never mind': 'never mind',
  help: 'help',
  person: 'talk to a person',
  typo: 'hiarcut',
  'day only': 'tomorrow',
  ordinal: 'the second one',
  '3pm': '3pm',
  'other service': 'actually make it a beard trim',
};

type Expect = RegExp | RegExp[];

interface WaitingState {
  name: string;
  /** Book a haircut Thu 3 PM and a color Fri 10 AM first (for moving and cancelling). */
  withAppointments: boolean;
  steps: string[];
  /** The pending question: also what an odd reply that leaves the state alone gets back. */
  prompt: RegExp;
  /** Replies whose answer differs from the state's question asked again, in order of messages. */
  expect: Partial<Record<keyof typeof ODD, Expect>>;
}

/** What every flow does with interruptions. */
function interruptions(prompt: RegExp): WaitingState['expect'] {
  return {
    hours: [HOURS, prompt],
    help: [HELP, prompt],
    'never mind': [STOPPED],
    person: [IN_LINE],
  };
}

const STATES: WaitingState[] = [
  {
    name: 'which service?',
    withAppointments: false,
    steps: ['I want to book'],
    prompt: PROMPT.service,
    expect: {
      ...interruptions(PROMPT.service),
      emoji: [/^Sorry, I don't know that service/, PROMPT.service],
      question: [/^Sorry, I don't know that service/, PROMPT.service],
      ok: [/^Sorry, I don't know that service/, PROMPT.service],
      idk: [/^Sorry, I don't know that service/, PROMPT.service],
      'out of range': [/^Please reply with a number from 1 to 5\.$/, PROMPT.service],
      zero: [/^Please reply with a number from 1 to 5\.$/, PROMPT.service],
      'feb 30': [/^Sorry, I don't know that service/, PROMPT.service],
      '25:00': [/^Sorry, I don't know that service/, PROMPT.service],
      long: [/^Sorry, I don't know that service/, PROMPT.service],
      price: [/^Our prices: Haircut \$45/, PROMPT.service],
      'cancel intent': [DROPPED, /^I don't see any upcoming appointments to cancel/],
      'book other': [/^When would you like to come in for your color\?/],
      typo: [PROMPT.when],
      ordinal: [/^When would you like to come in for your color\?/],
      'other service': [/^When would you like to come in for your beard trim\?/],
    },
  },
  {
    name: 'which time?',
    withAppointments: false,
    steps: ['haircut'],
    prompt: PROMPT.when,
    expect: {
      ...interruptions(PROMPT.when),
      ...Object.fromEntries(
        ['emoji', 'question', 'ok', 'idk', 'out of range', 'zero', 'long', 'typo', 'ordinal'].map((k) => [k, [/^Sorry, I didn't catch a day or time there\.[^]*When would you like/]]),
      ),
      'feb 30': [/^There's no February 30 — which day did you mean\?$/],
      '25:00': [/^25:00 isn't a time on the clock — what time works\?$/],
      'past time': [/^That time has already passed\.|^The nearest free times|^On /],
      price: [/^Haircut is \$45 and takes about 30 minutes\.$/, PROMPT.when],
      'cancel intent': [DROPPED, /^I don't see any upcoming appointments to cancel/],
      'book other': [/^When would you like to come in for your color\?/],
      'day only': [/^On Wed Mar 11 I have:/],
      '3pm': [PROMPT.name],
      'other service': [/^When would you like to come in for your beard trim\?/],
    },
  },
  {
    name: 'offered numbered times',
    withAppointments: false,
    steps: ['haircut thursday'],
    prompt: PROMPT.offered,
    expect: {
      ...interruptions(PROMPT.offered),
      ...Object.fromEntries(
        ['emoji', 'question', 'ok', 'idk', 'out of range', 'zero', 'long', 'typo'].map((k) => [k, [/^Please reply with a number from 1 to 3, or tell me another time\.\nThe nearest free times are:/]]),
      ),
      'feb 30': [new RegExp(`${NO_FEB_30.source}\\nThe nearest free times are:\\n1\\) Thu Mar 12 at 9:00 AM`)],
      '25:00': [new RegExp(`${NO_25_00.source}\\nThe nearest free times are:\\n1\\) Thu Mar 12 at 9:00 AM`)],
      'past time': [/^That time has already passed\.|^The nearest free times|^On /],
      price: [/^Haircut is \$45/, PROMPT.offered],
      'cancel intent': [DROPPED, /^I don't see any upcoming appointments to cancel/],
      'book other': [/^On Thu Mar 12 I have:\n1\) 9:00 AM\n2\) 1:00 PM\n3\) 5:30 PM/],
      'day only': [/^On Wed Mar 11 I have:/],
      ordinal: [PROMPT.name],
      '3pm': [PROMPT.name],
      'other service': [/^On Thu Mar 12 I have:\n1\) 9:00 AM\n2\) 2:00 PM/],
    },
  },
  {
    name: 'name?',
    withAppointments: false,
    steps: ['haircut thursday at 3'],
    prompt: PROMPT.name,
    expect: {
      ...interruptions(PROMPT.name),
      'past time': [/That time has already passed|The nearest free times|^On /],
      price: [/^Haircut is \$45/, PROMPT.name],
      'cancel intent': [DROPPED, /^I don't see any upcoming appointments to cancel/],
      // A day alone keeps the time already chosen: the same time tomorrow.
      'day only': [/^Almost done! What name/],
    },
  },
  {
    name: 'read-back yes/no',
    withAppointments: false,
    steps: ['haircut thursday at 3', 'Sam'],
    prompt: PROMPT.readBack,
    expect: {
      ...interruptions(PROMPT.readBack),
      ...Object.fromEntries(
        ['question', 'idk', 'out of range', 'zero', 'feb 30', '25:00', 'long', 'typo', 'ordinal'].map((k) => [k, [/^Please reply yes or no\.$/, PROMPT.readBack]]),
      ),
      // A thumbs-up and "ok" are a yes to "shall I book it?".
      emoji: [BOOKED],
      ok: [BOOKED],
      'past time': [/That time has already passed|The nearest free times|^On /],
      price: [/^Haircut is \$45/, PROMPT.readBack],
      'cancel intent': [DROPPED, /^I don't see any upcoming appointments to cancel/],
      'book other': [/^Color with one of our team, Thu Mar 12 at 3:00 PM — shall I book it\?/],
      'day only': [/^Haircut with one of our team, Wed Mar 11 at 3:00 PM — shall I book it\?/],
      'other service': [/^Beard trim with one of our team, Thu Mar 12 at 3:00 PM — shall I book it\?/],
    },
  },
  {
    name: 'which appointment to move?',
    withAppointments: true,
    steps: ['move my appointment'],
    prompt: PROMPT.pickMove,
    expect: {
      ...interruptions(PROMPT.pickMove),
      ...Object.fromEntries(
        ['emoji', 'question', 'ok', 'idk', 'out of range', 'zero', 'past time', 'feb 30', '25:00', 'long', 'day only'].map((k) => [k, [/^Please reply with a number from 1 to 2\.$/, PROMPT.pickMove]]),
      ),
      // The time of one of them picks it: the haircut is at 3 PM.
      '3pm': [PROMPT.moveWhen],
      price: [/^Our prices:/, PROMPT.pickMove],
      'cancel intent': [KEPT_MOVE, PROMPT.pickCancel],
      // Naming a service picks that appointment.
      'book other': [PROMPT.moveWhen],
      typo: [PROMPT.moveWhen],
      ordinal: [PROMPT.moveWhen],
      'other service': [KEPT_MOVE, /^When would you like to come in for your beard trim\?/],
    },
  },
  {
    name: 'which appointment to cancel?',
    withAppointments: true,
    steps: ['cancel my appointment'],
    prompt: PROMPT.pickCancel,
    expect: {
      ...interruptions(PROMPT.pickCancel),
      ...Object.fromEntries(
        ['emoji', 'question', 'ok', 'idk', 'out of range', 'zero', 'feb 30', '25:00', 'long', 'day only', 'cancel intent'].map((k) => [k, [/^Please reply with a number from 1 to 2\.$/, PROMPT.pickCancel]]),
      ),
      '3pm': [PROMPT.confirmCancel],
      'past time': [/^Please reply with a number from 1 to 2\.$/, PROMPT.pickCancel],
      price: [/^Our prices:/, PROMPT.pickCancel],
      'book other': [/^Cancel your color with the lead stylist, Fri Mar 13 at 10:00 AM\?/],
      typo: [PROMPT.confirmCancel],
      ordinal: [/^Cancel your color/],
      'other service': [KEPT_CANCEL, /^When would you like to come in for your beard trim\?/],
    },
  },
  {
    name: 'cancel confirm',
    withAppointments: true,
    steps: ['cancel my appointment', '1'],
    prompt: PROMPT.confirmCancel,
    expect: {
      ...interruptions(PROMPT.confirmCancel),
      ...Object.fromEntries(
        ['question', 'idk', 'out of range', 'zero', 'past time', 'feb 30', '25:00', 'long', 'typo', 'day only', 'ordinal', '3pm'].map((k) => [k, [/^Please reply yes or no\.$/, PROMPT.confirmCancel]]),
      ),
      emoji: [CANCELLED],
      ok: [CANCELLED],
      'cancel intent': [CANCELLED],
      price: [/^Haircut is \$45/, PROMPT.confirmCancel],
      'book other': [KEPT_CANCEL, /^When would you like to come in for your color\?/],
      'other service': [KEPT_CANCEL, /^When would you like to come in for your beard trim\?/],
    },
  },
  {
    name: 'reschedule read-back',
    withAppointments: true,
    steps: ['move my appointment', '1', 'saturday at 11'],
    prompt: PROMPT.moveReadBack,
    expect: {
      ...interruptions(PROMPT.moveReadBack),
      ...Object.fromEntries(
        ['question', 'idk', 'out of range', 'zero', 'feb 30', '25:00', 'long', 'typo', 'ordinal'].map((k) => [k, [/^Please reply yes or no\.$/, PROMPT.moveReadBack]]),
      ),
      emoji: [MOVED],
      ok: [MOVED],
      'past time': [/That time has already passed|The nearest free times|^On /],
      price: [/^Haircut is \$45/, PROMPT.moveReadBack],
      'cancel intent': [KEPT_MOVE, PROMPT.pickCancel],
      'book other': [KEPT_MOVE, /^When would you like to come in for your color\?/],
      'day only': [/^Move your haircut from Thu Mar 12 at 3:00 PM to Wed Mar 11 at 11:00 AM\?/],
      '3pm': [/^Move your haircut from Thu Mar 12 at 3:00 PM to Sat Mar 14 at 3:00 PM/],
      'other service': [KEPT_MOVE, /^When would you like to come in for your beard trim\?/],
    },
  },
  {
    name: 'reschedule: which time?',
    withAppointments: true,
    steps: ['move my appointment', '1'],
    prompt: /^What day and time would you like instead\?$/,
    expect: {
      ...interruptions(/^What day and time would you like instead\?$/),
      ...Object.fromEntries(
        ['emoji', 'question', 'ok', 'idk', 'out of range', 'zero', 'long', 'typo', 'ordinal'].map((k) => [k, [/^Sorry, I didn't catch a day or time there\.[^]*What day and time would you like instead\?$/]]),
      ),
      'feb 30': [/^There's no February 30 — which day did you mean\?$/],
      '25:00': [/^25:00 isn't a time on the clock — what time works\?$/],
      'past time': [/That time has already passed|The nearest free times|^On /],
      price: [/^Haircut is \$45/, PROMPT.moveWhen],
      'cancel intent': [KEPT_MOVE, PROMPT.pickCancel],
      'book other': [KEPT_MOVE, /^When would you like to come in for your color\?/],
      'day only': [/^On Wed Mar 11 I have:/],
      // 3 PM on the appointment's own day is the time it already has.
      '3pm': [/^That's the time you already have\.\nWhat day and time would you like instead\?$/],
      'other service': [KEPT_MOVE, /^When would you like to come in for your beard trim\?/],
    },
  },
  {
    name: 'FAQ-miss offer',
    withAppointments: false,
    steps: ['do you sell shampoo?'],
    prompt: /^I'm not sure about that — want me to ask someone\?$/,
    expect: {
      // No flow is waiting here: each reply is read afresh, and a yes takes up the offer.
      empty: [/^I got an empty message\./],
      control: [/^I got an empty message\./],
      emoji: [IN_LINE],
      ok: [IN_LINE],
      person: [IN_LINE],
      hours: [HOURS],
      help: [HELP],
      'never mind': [STOPPED],
      price: [/^Our prices:/],
      'cancel intent': [/^I don't see any upcoming appointments to cancel/],
      'book other': [/^When would you like to come in for your color\?/],
      typo: [PROMPT.when],
      'other service': [/^When would you like to come in for your beard trim\?/],
      'day only': [PROMPT.service],
      '3pm': [PROMPT.service],
      'past time': [/./],
      ...Object.fromEntries(['question', 'idk', 'out of range', 'zero', 'long', 'ordinal'].map((k) => [k, [/^Sorry, I didn't catch that\./]])),
      // A bare day or time is a booking request, so one that cannot exist is named.
      'feb 30': [/^There's no February 30 — which day did you mean\?$/],
      '25:00': [/^25:00 isn't a time on the clock — what time works\?$/],
    },
  },
];

/** Appointments by id with their status and start: what must not change by accident. */
async function snapshot(h: Harness): Promise<Map<string, string>> {
  const all = await h.stores.appointments.list();
  return new Map(all.map((a) => [a.id, `${a.status} ${a.start} ${a.serviceId}`]));
}

/**
 * Answers whatever the bot last asked until it books (or moves or cancels) something, starting a
 * booking afresh if the flow ended. Returns the closing message.
 */
async function finish(client: ClientSession, last: string[]): Promise<string> {
  let replies = last;
  for (let turn = 0; turn < 10; turn++) {
    const said = replies.join('\n');
    const done = [BOOKED, MOVED, CANCELLED].some((re) => re.test(said));
    if (done) return said;
    let answer: string;
    if (/shall I book it\?|\? \(yes \/ no\)|Please reply yes or no/.test(said)) answer = 'yes';
    else if (/What would you like to book\?/.test(said)) answer = 'haircut';
    else if (/Which appointment would you like/.test(said)) answer = '1';
    else if (/Reply 1, 2 or 3|Please reply with a number from 1 to 3/.test(said)) answer = '1';
    else if (/[Nn]ame/.test(said)) answer = 'Sam';
    else if (/When would you like|What day and time would you like instead/.test(said)) answer = 'saturday at 11';
    else answer = 'book a haircut saturday at 11';
    replies = await client.say(answer);
  }
  throw new Error(`never finished; last said: ${replies.join(' | ')}`);
}

describe.each(STATES)('odd replies at "$name"', (state) => {
  let h: Harness;
  let sam: ClientSession;

  beforeEach(async () => {
    h = createHarness(TUESDAY_10AM);
    sam = h.client('sam');
    if (state.withAppointments) {
      await sam.say('haircut thursday at 3');
      await sam.say('Sam');
      expect((await sam.say('yes'))[0]).toMatch(BOOKED);
      expect((await sam.say('color friday at 10'))[0]).toMatch(/^Color with one of our team, Fri Mar 13 at 10:00 AM — shall I book it\?/);
      expect((await sam.say('yes'))[0]).toMatch(BOOKED);
    }
    let replies: string[] = [];
    for (const step of state.steps) replies = await sam.say(step);
    expect(replies[replies.length - 1]).toMatch(state.prompt);
  });

  afterEach(async () => {
    await h.close();
  });

  it.each(Object.keys(ODD))('answers "%s" sensibly, changes nothing by accident, and can still book', async (key) => {
    const before = await snapshot(h);
    const replies = await sam.say(ODD[key]);

    expect(replies.length).toBeGreaterThan(0);
    expect(replies.join('\n')).not.toMatch(/something went wrong/i);
    const expected = state.expect[key] ?? [state.prompt];
    const patterns = Array.isArray(expected) ? expected : [expected];
    expect(replies).toHaveLength(patterns.length);
    patterns.forEach((re, i) => expect(replies[i]).toMatch(re));

    // Nothing booked, moved or cancelled unless the reply said so.
    const after = await snapshot(h);
    const said = replies.join('\n');
    if (BOOKED.test(said)) expect(after.size).toBe(before.size + 1);
    else if (MOVED.test(said)) expect([...after.values()].filter((v) => v.startsWith('booked')).length).toBe([...before.values()].filter((v) => v.startsWith('booked')).length);
    else if (CANCELLED.test(said)) expect([...after.values()].filter((v) => v.startsWith('cancelled'))).toHaveLength(1);
    else expect(after).toEqual(before);

    // The conversation goes on to a booking, move or cancellation that the store shows.
    if (IN_LINE.test(said)) return; // with a person now; the assistant stays quiet
    const closing = await finish(sam, replies);
    const final = await h.stores.appointments.list();
    if (BOOKED.test(closing)) {
      const match = /^You're booked: (.+?) with/.exec(closing);
      expect(final.filter((a) => a.status === 'booked').length).toBeGreaterThan([...before.values()].filter((v) => v.startsWith('booked')).length);
      expect(match).not.toBeNull();
    } else if (MOVED.test(closing)) {
      expect(final.some((a) => a.status === 'rescheduled')).toBe(true);
    } else {
      expect(final.some((a) => a.status === 'cancelled')).toBe(true);
    }
  });
});

describe('a question in the middle of a booking', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness(TUESDAY_10AM);
  });
  afterEach(async () => {
    await h.close();
  });

  it('answers "how much is it?" at the read-back for the service being booked, asks again, and books on yes', async () => {
    const sam = h.client('sam');
    await sam.say('beard trim thursday at 3');
    await sam.say('Sam');
    expect(await sam.say('how much is it?')).toEqual([
      'Beard trim is $20 and takes about 15 minutes.',
      'Beard trim with one of our team, Thu Mar 12 at 3:00 PM — shall I book it? (yes / no)',
    ]);
    expect((await sam.say('yes'))[0]).toMatch(/^You're booked: Beard trim/);
    expect((await h.stores.appointments.list()).map((a) => a.serviceId)).toEqual(['beard-trim']);
  });

  it('lists the client\'s appointments when asked mid-flow, then asks the pending question again', async () => {
    const sam = h.client('sam');
    await sam.say('haircut thursday at 3');
    await sam.say('Sam');
    await sam.say('yes');
    await sam.say('color friday');
    const replies = await sam.say("when's my appointment?");
    expect(replies[0]).toBe('Your next appointment: Haircut with the lead stylist, Thu Mar 12 at 3:00 PM.');
    expect(replies[1]).toMatch(/^On Fri Mar 13 I have:/);
  });

  it('"cancel my appointment" while booking drops the booking, says so, and cancels the one asked about', async () => {
    const sam = h.client('sam');
    await sam.say('haircut thursday at 3');
    await sam.say('Sam');
    await sam.say('yes');
    await sam.say('color friday at 10');
    expect(await sam.say('cancel my appointment')).toEqual([
      "Okay, I've dropped that booking.",
      expect.stringMatching(/^Cancel your haircut with the lead stylist, Thu Mar 12 at 3:00 PM\?/),
    ]);
    expect((await sam.say('yes'))[0]).toMatch(/is cancelled/);
    expect((await h.stores.appointments.list()).map((a) => [a.serviceId, a.status])).toEqual([['haircut', 'cancelled']]);
  });

  it.each(['ok', 'idk', 'the second one', 'tomorrow', 'book a color', 'hiarcut'])('does not take "%s" for a name', async (text) => {
    const sam = h.client('sam');
    await sam.say('haircut thursday at 3');
    await sam.say(text);
    const client = await h.stores.clients.findByAddress('test:sam');
    expect(client?.name ?? null).toBeNull();
  });

  it('keeps a day given while asked for the service', async () => {
    const sam = h.client('sam');
    await sam.say('I want to book');
    expect((await sam.say('saturday'))[0]).toMatch(PROMPT.service);
    expect((await sam.say('haircut'))[0]).toMatch(/^On Sat Mar 14 I have:/);
  });

  it('does not offer to move an appointment to the time it already has', async () => {
    const sam = h.client('sam');
    await sam.say('haircut thursday at 3');
    await sam.say('Sam');
    await sam.say('yes');
    expect(await sam.say('move my appointment to thursday at 3')).toEqual([
      "That's the time you already have.\nWhat day and time would you like instead?",
    ]);
    expect((await sam.say('saturday at 11'))[0]).toMatch(/^Move your haircut from Thu Mar 12 at 3:00 PM to Sat Mar 14 at 11:00 AM/);
  });
});
