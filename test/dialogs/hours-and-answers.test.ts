// Questions about the business, after-hours behaviour and urgent messages, through the real bot at
// pinned times in the salon's zone.
import { loadBusinessConfig } from '../../bot/config/business-config';
import type { Business } from '../../bot/domain/types';
import { createHarness, type Harness } from '../helpers/frontdesk-harness';

const salon = loadBusinessConfig();

describe('answers from the config', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness('2026-03-11T10:00'); // a Wednesday, open 09:00–19:00
  });
  afterEach(() => h.close());

  it.each<[string, string, string]>([
    ['hours', 'what are your hours', "Our hours: Tue–Fri 9:00 AM–7:00 PM, Sat 9:00 AM–5:00 PM; closed Mon and Sun. We're open now, until 7:00 PM today."],
    ['location', 'where are you located', "We're at 214 Maple Street, Springfield, NJ 07081. Directions and photos of the storefront: https://maplestreetsalon.example"],
    ['parking', 'is there parking?', "There's free parking in the lot behind the salon (enter from Elm Street), and metered street parking on Maple Street."],
    ['prices', 'what are your prices', 'Our prices: Haircut $45, Color $120, Blowout $40, Beard trim $20, Consultation free.'],
    ['payment', 'do you take credit cards', 'We take cash, all major credit and debit cards, Apple Pay and Google Pay. Tips can go on the card.'],
    ['cancellation-policy', 'what is your cancellation policy', 'Please cancel or move an appointment at least 24 hours ahead. Cancelling later than that may carry a fee of half the service price, and a no-show is charged in full.'],
    ['walk-ins', 'do you take walk ins', "Walk-ins are welcome when a chair is free, but appointments come first. Text me a day and time and I'll book you so you don't wait."],
    ['gift-cards', 'do you sell gift cards', 'Yes! Gift cards come in any amount from $25, at the front desk or on https://maplestreetsalon.example. They never expire.'],
  ])('answers the %s entry', async (_id, question, answer) => {
    expect(await h.client('ana').say(question)).toEqual([answer]);
  });

  it.each<[string, string]>([
    ['are you open sunday?', "We're closed on Sundays. We open Tuesday at 9:00 AM."],
    ['how much is a haircut', 'Haircut is $45 and takes about 30 minutes.'],
    ['what services do you have', 'We offer Haircut (30 min, $45), Color (90 min, $120), Blowout (45 min, $40), Beard trim (15 min, $20) and Consultation (15 min, free). Want to book one?'],
    ['are you open on thanksgiving', "We're closed on Thanksgiving (Thu Nov 26). We open Friday at 9:00 AM."],
    ['are you open christmas eve?', "On Christmas Eve (Thu Dec 24) we're open 9:00 AM–2:00 PM."],
    ['are you open saturday?', "We're open on Sat Mar 14, 9:00 AM–5:00 PM."],
  ])('computes %j from the config', async (question, answer) => {
    expect(await h.client('ben').say(question)).toEqual([answer]);
  });

  it('books the day just discussed when the client then names only a time', async () => {
    const cy = h.client('cy');
    await cy.say('are you open saturday?');
    expect((await cy.say('ok book me at 10')).join('\n')).toMatch(/What would you like to book\?/);
    expect((await cy.say('haircut')).join('\n')).toMatch(/what name/i);
    expect((await cy.say('Cy')).pop()).toBe('Haircut with one of our team, Sat Mar 14 at 10:00 AM — shall I book it? (yes / no)');
    expect((await cy.say('yes'))[0]).toMatch(/^You're booked/);
    const booked = await h.stores.appointments.list({ status: 'booked' });
    expect(booked.map((a) => a.start)).toEqual(['2026-03-14T14:00:00.000Z']);
  });

  it('offers a person for a question no entry answers, and a yes puts the client in line', async () => {
    const di = h.client('di');
    expect(await di.say('do you do eyebrow waxing?')).toEqual(["I'm not sure about that — want me to ask someone?"]);
    expect((await di.say('yes'))[0]).toMatch(/^You're number 1, next in line\./);
    expect((await h.stores.handoffs.listWaiting()).map((t) => t.reason)).toEqual(['faq_miss']);
  });

  it('takes no for an answer after the offer', async () => {
    const ed = h.client('ed');
    await ed.say('can I bring my dog?');
    expect(await ed.say('no thanks')).toEqual(['No problem, I\'ve stopped there. What else can I do for you?']);
    expect(await h.stores.handoffs.listWaiting()).toEqual([]);
  });
});

describe('answers on a closure and on a special day', () => {
  it('says today is a closure, by name, and when we open', async () => {
    const h = createHarness('2026-11-26T10:00');
    try {
      const replies = await h.client('fay').say('what time do you close today');
      expect(replies.pop()).toBe("We're closed today for Thanksgiving. We open tomorrow at 9:00 AM.");
    } finally {
      await h.close();
    }
  });

  it("gives today's special hours, and the weekly hours with today's special close", async () => {
    const h = createHarness('2026-12-24T10:00');
    try {
      const gus = h.client('gus');
      expect(await gus.say('what time do you close today')).toEqual(["We're open now, until 2:00 PM today (Christmas Eve hours)."]);
      expect(await gus.say('what are your hours')).toEqual([
        "Our hours: Tue–Fri 9:00 AM–7:00 PM, Sat 9:00 AM–5:00 PM; closed Mon and Sun. We're open now, until 2:00 PM today (Christmas Eve hours).",
      ]);
      h.setNow('2026-12-24T08:00');
      // The answer says when we open; the after-hours notice would say it a second time.
      expect(await h.client('hal').say('are you open today?')).toEqual(['We open at 9:00 AM today (Christmas Eve hours: 9:00 AM–2:00 PM).']);
    } finally {
      await h.close();
    }
  });
});

describe('after hours', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness('2026-03-08T11:00'); // spring-forward Sunday, closed until Tuesday 09:00
  });
  afterEach(() => h.close());

  it('says the after-hours notice once per closed period, then again in the next one', async () => {
    const ivy = h.client('ivy');
    const first = await ivy.say('where can I park?');
    expect(first[0]).toBe("We're closed now and open Tuesday at 9:00 AM; I can still help by text.");
    expect(first[1]).toMatch(/free parking/);
    h.setNow('2026-03-09T18:00');
    expect(await ivy.say('do you take venmo?')).toHaveLength(1);
    h.setNow('2026-03-10T20:00'); // Tuesday after closing: a new closed period
    const later = await ivy.say('is there parking');
    expect(later).toHaveLength(2);
    expect(later[0]).toMatch(/^We're closed now and open tomorrow at 9:00 AM;/);
  });

  it('greets after hours in one text that says we are closed and when we open (one SMS segment)', async () => {
    const replies = await h.client('+15555550177').say('hi');
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatch(/closed now and open Tuesday at 9:00 AM/);
    expect(replies[0].length).toBeLessThanOrEqual(160);
    expect(await h.client('+15555550177').say('where can I park?')).toHaveLength(1);
  });

  it('never interrupts a booking in progress with the notice', async () => {
    h.setNow('2026-03-10T18:50'); // open, with a booking started just before closing
    const jo = h.client('jo');
    expect((await jo.say('haircut thursday')).join('\n')).toMatch(/On Thu Mar 12 I have/);
    h.setNow('2026-03-10T19:05');
    const reply = await jo.say('1');
    expect(reply.join('\n')).not.toMatch(/closed now/);
    expect(reply.join('\n')).toMatch(/what name/i);
  });

  it('puts a request for a person in line and says when someone will text, and the number they hold', async () => {
    expect(await h.client('kit').say('can I talk to someone')).toEqual([
      `We're closed now. We open Tuesday at 9:00 AM; I've put you in line and someone will text you then. You're number 1, next in line. Say "never mind" to go back to our assistant.`,
    ]);
    expect(await h.client('kai').say('can I talk to someone')).toEqual([
      `We're closed now. We open Tuesday at 9:00 AM; I've put you in line and someone will text you then. You're number 2 in line (1 ahead of you). Say "never mind" to go back to our assistant.`,
    ]);
    expect((await h.stores.handoffs.listWaiting()).map((t) => t.reason)).toEqual(['asked_for_person', 'asked_for_person']);
  });

  it('says the same closed-line wording, once, for a complaint after hours', async () => {
    const replies = await h.client('kim').say('I am really unhappy with my haircut, it is uneven');
    expect(replies).toEqual([
      `I'm sorry to hear that. I'm getting someone from our team to help. We're closed now. We open Tuesday at 9:00 AM; I've put you in line and someone will text you then. You're number 1, next in line. Say "never mind" to go back to our assistant.`,
    ]);
    expect((await h.stores.handoffs.listWaiting()).map((t) => t.reason)).toEqual(['complaint']);
  });

  it('does not say the after-hours notice after the client leaves the line: the line said when we open', async () => {
    const kit = h.client('kit');
    expect((await kit.say('can I talk to someone')).join('\n')).toMatch(/We open Tuesday at 9:00 AM/);
    expect((await kit.say('never mind')).join('\n')).toMatch(/left the line/);
    const after = await kit.say('where can I park?');
    expect(after).toHaveLength(1);
    expect(after[0]).toMatch(/free parking/);
  });

  it('states the next opening once when the question is about our hours, and not again later that night', async () => {
    const ada = h.client('ada');
    const replies = await ada.say('are you open tomorrow?');
    expect(replies).toHaveLength(1);
    expect(replies[0].match(/\bopen\b/gi)?.length).toBeGreaterThanOrEqual(1);
    expect(replies[0]).not.toMatch(/I can still help by text/);
    expect(await ada.say('where can I park?')).toHaveLength(1);
  });

  it('asks "what about saturday?" after an hours question about that day', async () => {
    const ada = h.client('ada');
    await ada.say('are you open monday?');
    const replies = await ada.say('what about saturday?');
    expect(replies.join('\n')).toMatch(/Sat Mar 14, 9:00 AM–5:00 PM/);
    expect(await h.stores.appointments.list()).toHaveLength(0);
  });

  it('still books at any hour', async () => {
    const lu = h.client('lu');
    await lu.say('beard trim tuesday at 11');
    await lu.say('Lu');
    expect((await lu.say('yes'))[0]).toMatch(/^You're booked: Beard trim/);
  });
});

describe('first contact', () => {
  const withNotice: Business = { ...salon, norms: { ...salon.norms!, firstContact: 'This line is read by the Maple Street team in open hours. Call +1 973-555-0142 for anything else.' } };

  it('says the first-contact notice once per client, before the first answer', async () => {
    const h = createHarness('2026-03-11T10:00', withNotice);
    try {
      const mo = h.client('mo');
      expect(await mo.say('hi')).toEqual([
        'This line is read by the Maple Street team in open hours. Call +1 973-555-0142 for anything else.',
        "Hi! This is Maple Street Salon's text assistant. I can book, move or cancel appointments and answer questions. What can I do for you?",
      ]);
      expect(await mo.say('hi')).toHaveLength(1);
      expect((await h.client('ned').say('hi'))[0]).toMatch(/^This line is read/);
    } finally {
      await h.close();
    }
  });
});

describe('urgent messages', () => {
  it('puts an urgent message in open hours at the front of the line, and records it', async () => {
    const h = createHarness('2026-03-11T10:00');
    try {
      await h.client('ola').say('talk to a person');
      expect(await h.client('pat').say("I'm locked out of my car, it's urgent")).toEqual([
        `I've marked this urgent and put you at the front of the line; someone from Maple Street Salon will text you right away. You're number 2, next in line. You can keep texting here; a person will reply. Say "never mind" to go back to our assistant.`,
      ]);
      const waiting = await h.stores.handoffs.listWaiting();
      expect(waiting.map((t) => [t.reason, t.urgent])).toEqual([
        ['urgent', true],
        ['asked_for_person', false],
      ]);
      expect((await h.stores.urgentAlerts.list()).map((a) => [a.keyword, a.openNow, a.outcome])).toEqual([['urgent', true, 'queued']]);
    } finally {
      await h.close();
    }
  });

  it('after hours with no way to reach the person on call, says so and keeps the client first in line', async () => {
    const h = createHarness('2026-03-08T23:30'); // Alex's Sunday is Jordan's shift; no Slack or Twilio configured
    try {
      expect(await h.client('quinn').say('emergency, chemical burn from the color')).toEqual([
        `I couldn't reach anyone on call right now, sorry. I've marked your message urgent so it's the first thing our team sees when we open Tuesday at 9:00 AM. If it can't wait, call +1 973-555-0142. You're number 1, next in line. Say "never mind" to go back to our assistant.`,
      ]);
      expect((await h.stores.urgentAlerts.list()).map((a) => [a.keyword, a.onCallName, a.outcome])).toEqual([['emergency', 'Jordan', 'on_call_unreachable']]);
      expect((await h.stores.handoffs.listWaiting()).map((t) => t.urgent)).toEqual([true]);
    } finally {
      await h.close();
    }
  });

  it('does not treat "not urgent" as urgent', async () => {
    const h = createHarness('2026-03-11T10:00');
    try {
      await h.client('rae').say('not urgent but do you sell gift cards?');
      expect(await h.stores.urgentAlerts.list()).toEqual([]);
    } finally {
      await h.close();
    }
  });
});
