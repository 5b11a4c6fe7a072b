import { createHarness, type Harness } from '../helpers/frontdesk-harness';

const TUESDAY_10AM = '2026-03-10T10:00';

describe('interruptions and bad input', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness(TUESDAY_10AM);
  });
  afterEach(async () => {
    await h.close();
  });

  it.each(['never mind', 'start over', 'forget it', 'cancel'])('"%s" at the read-back stops the booking and books nothing', async (text) => {
    const sam = h.client('sam');
    await sam.say('haircut thursday at 3');
    await sam.say('Sam');
    expect(await sam.say(text)).toEqual(["No problem, I've stopped there. What else can I do for you?"]);
    expect(await h.stores.appointments.list()).toHaveLength(0);
    // The next message starts afresh.
    expect((await sam.say('what are your hours')).join('\n')).toMatch(/Tue–Fri 9:00 AM–7:00 PM/);
  });

  it('answers "help" in the middle of a flow and asks the pending question again', async () => {
    const sam = h.client('sam');
    await sam.say('I want to book a haircut');
    const replies = await sam.say('help');
    expect(replies[0]).toMatch(/^I can book an appointment/);
    expect(replies[1]).toMatch(/When would you like to come in for your haircut\?/);
    const readBack = await sam.say('thursday at 2');
    expect(readBack.join('\n')).toMatch(/what name/i);
  });

  it('puts the client in line for a person at any step, ending the flow in progress', async () => {
    const sam = h.client('sam');
    await sam.say('color friday');
    const replies = await sam.say('can I talk to a person');
    expect(replies).toEqual([`You're number 1, next in line. You can keep texting here; a person will reply. Say "never mind" to go back to our assistant.`]);
    const waiting = await h.stores.handoffs.listWaiting();
    expect(waiting.map((t) => [t.reason, t.state])).toEqual([['asked_for_person', 'waiting']]);
    expect(await h.stores.appointments.list()).toHaveLength(0);
  });

  it('puts the client in line when asked for a person outside any flow', async () => {
    const sam = h.client('sam');
    expect((await sam.say('human'))[0]).toMatch(/^You're number 1, next in line\./);
    expect(await h.stores.handoffs.listWaiting()).toHaveLength(1);
  });

  it.each([
    ['an empty message', ''],
    ['emoji only', '😀😀😀'],
    ['control characters', '\u0001\u0002\u0007'],
    ['5,000 characters', 'blah '.repeat(1000)],
    ['an unknown service', 'can I get a perm'],
    ['a date in the past', 'haircut on march 2 2026 at 10'],
    ['Feb 30', 'haircut on feb 30'],
    ['at 25:00', 'haircut thursday at 25:00'],
  ])('replies politely to %s and keeps an open booking intact', async (_label, text) => {
    const sam = h.client('sam');
    await sam.say('haircut thursday at 3');
    await sam.say('Sam');
    // A bad message before the read-back is answered does not crash or lose the booking in progress.
    const bad = await sam.say(text);
    expect(bad.length).toBeGreaterThan(0);
    expect(bad.join('\n')).not.toMatch(/something went wrong/i);
    const stillThere = await sam.say('yes');
    expect(stillThere.join('\n')).toMatch(/You're booked|shall I book it|Please reply yes or no|Please reply with a number/);
  });

  it.each([
    ['an empty message', '', /empty message/],
    ['emoji only', '🙃', /didn't catch that/],
    ['control characters only', '\u0000\u0001', /empty message/],
    ['5,000 characters', 'x'.repeat(5000), /didn't catch that/],
    ['an unknown service', 'do you do perms', /./],
    ['a date in the past', 'haircut on march 2 2026 at 10', /./],
    ['Feb 30', 'haircut feb 30 at 10', /./],
    ['at 25:00', 'haircut friday at 25:00', /./],
  ])('answers %s at the start of a conversation without an error', async (_label, text, expected) => {
    const sam = h.client('sam');
    const replies = await sam.say(text);
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.join('\n')).toMatch(expected);
    expect(replies.join('\n')).not.toMatch(/something went wrong/i);
    expect(await h.stores.appointments.list()).toHaveLength(0);
  });

  it('hands the client to a person after two messages in a row it did not understand', async () => {
    const sam = h.client('sam');
    expect((await sam.say('lol what'))[0]).toMatch(/didn't catch that/);
    expect((await sam.say('asdf qwerty'))[0]).toMatch(/^I'm still not following, sorry, so I'm getting a person to help\. You're number 1, next in line\./);
    expect((await h.stores.handoffs.listWaiting()).map((t) => t.reason)).toEqual(['not_understood']);
  });

  it('answers FAQs from the config and carries on the conversation after', async () => {
    const sam = h.client('sam');
    expect((await sam.say('where do I park?'))[0]).toMatch(/free parking in the lot behind the salon/);
    expect((await sam.say('how much is a blowout'))[0]).toBe('Blowout is $40 and takes about 45 minutes.');
    expect((await sam.say('are you open sunday?'))[0]).toBe("We're closed on Sundays. We open Tuesday at 9:00 AM.");
    expect((await sam.say('are you open on thanksgiving day, nov 26?'))[0]).toBe("We're closed on Thanksgiving (Thu Nov 26). We open Friday at 9:00 AM.");
    const booking = await sam.say('ok book me a haircut saturday at 10');
    expect(booking.join('\n')).toMatch(/what name/i);
  });
});
