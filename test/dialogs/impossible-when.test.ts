// A day or time that cannot exist ("feb 30", "25:00") is named back to the client, at the first
// message and in the middle of a flow, and the booking carries on from where it was.
import { createHarness, type Harness } from '../helpers/frontdesk-harness';

// Tuesday 2026-03-10, 10:00 in New York.
const TUESDAY_10AM = '2026-03-10T10:00';
const NAME = /What name should I put the appointment under\?/;

describe('a day or time that does not exist', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  async function bookedStarts(): Promise<string[]> {
    return (await h.stores.appointments.list({ status: 'booked' })).map((a) => a.start);
  }

  it('says there is no February 30 at the first message, books nothing, and books the day given next', async () => {
    h = createHarness(TUESDAY_10AM);
    const sam = h.client('sam');
    expect(await sam.say('haircut feb 30 at 10')).toEqual(["There's no February 30 — which day did you mean?"]);
    expect(await bookedStarts()).toEqual([]);
    // The "at 10" went with the day that does not exist: the new day comes with its own time.
    expect((await sam.say('thursday at 3')).join('\n')).toMatch(NAME);
    expect(await sam.say('Sam')).toEqual(['Thanks, Sam!', 'Haircut with one of our team, Thu Mar 12 at 3:00 PM — shall I book it? (yes / no)']);
    expect((await sam.say('yes'))[0]).toMatch(/^You're booked: Haircut/);
    expect(await bookedStarts()).toEqual(['2026-03-12T19:00:00.000Z']);
  });

  it.each<[string, string]>([
    ['at 25:00', "25:00 isn't a time on the clock — what time works?"],
    ['book 10:75', "10:75 isn't a time on the clock — what time works?"],
    ['can I come at 24:30', "24:30 isn't a time on the clock — what time works?"],
    ['april 31st', "There's no April 31 — which day did you mean?"],
    ['the 32nd', 'No month has a 32nd — which day did you mean?'],
    ['2/30', "There's no February 30 — which day did you mean?"],
    ['beard trim feb 29 2027', "There's no February 29 in 2027 — which day did you mean?"],
  ])('answers %j at the first message with what is wrong', async (text, said) => {
    h = createHarness(TUESDAY_10AM);
    expect(await h.client('sam').say(text)).toEqual([said]);
    expect(await bookedStarts()).toEqual([]);
  });

  it('keeps the real day of "tomorrow at 25:00" for the time given next', async () => {
    h = createHarness(TUESDAY_10AM);
    const sam = h.client('sam');
    expect(await sam.say('tomorrow at 25:00')).toEqual(["25:00 isn't a time on the clock — what time works?"]);
    expect((await sam.say('10am'))[0]).toMatch(/^What would you like to book\?/);
    expect((await sam.say('haircut')).join('\n')).toMatch(NAME);
    expect((await sam.say('Sam'))[1]).toBe('Haircut with one of our team, Wed Mar 11 at 10:00 AM — shall I book it? (yes / no)');
  });

  it.each(['open 24/7?', 'is it $10.75?', 'call me at 555-123-4567', 'my run was 45:00'])(
    'does not take %j for a day or time that does not exist',
    async (text) => {
      h = createHarness(TUESDAY_10AM);
      const replies = await h.client('sam').say(text);
      expect(replies.join('\n')).not.toMatch(/There's no|isn't a time on the clock|No month has/);
    },
  );

  it('names the impossible time when asked for a time, keeps waiting, and books the next answer', async () => {
    h = createHarness(TUESDAY_10AM);
    const sam = h.client('sam');
    expect((await sam.say('haircut'))[0]).toMatch(/^When would you like to come in for your haircut\?/);
    expect(await sam.say('10:75')).toEqual(["10:75 isn't a time on the clock — what time works?"]);
    expect(await sam.say('feb 31')).toEqual(["There's no February 31 — which day did you mean?"]);
    // An interruption asks the same question again.
    expect((await sam.say('help'))[1]).toBe("There's no February 31 — which day did you mean?");
    expect((await sam.say('saturday at 11')).join('\n')).toMatch(NAME);
    await sam.say('Sam');
    expect((await sam.say('yes'))[0]).toMatch(/^You're booked: Haircut with the lead stylist, Sat Mar 14 at 11:00 AM/);
  });

  it('keeps the offered times when the reply names a day that does not exist, and a number still picks one', async () => {
    h = createHarness(TUESDAY_10AM);
    const sam = h.client('sam');
    const offer = await sam.say('haircut thursday');
    expect(offer[0]).toMatch(/^On Thu Mar 12 I have:\n1\) 9:00 AM/);
    const replies = await sam.say('june 31st at 3');
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatch(/^There's no June 31 — which day did you mean\?\nThe nearest free times are:\n1\) Thu Mar 12 at 9:00 AM/);
    expect((await sam.say('1')).join('\n')).toMatch(NAME);
    expect((await sam.say('Sam'))[1]).toBe('Haircut with one of our team, Thu Mar 12 at 9:00 AM — shall I book it? (yes / no)');
    expect((await sam.say('yes'))[0]).toMatch(/^You're booked:/);
    expect(await bookedStarts()).toEqual(['2026-03-12T13:00:00.000Z']);
  });

  it('offers times on the real day of "friday at 24:30" asked mid-flow', async () => {
    h = createHarness(TUESDAY_10AM);
    const sam = h.client('sam');
    await sam.say('beard trim');
    const replies = await sam.say('friday at 24:30');
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatch(/^24:30 isn't a time on the clock — what time works\?\nOn Fri Mar 13 I have:/);
  });

  it('names a day that does not exist while moving an appointment, and moves it on the next answer', async () => {
    h = createHarness(TUESDAY_10AM);
    const sam = h.client('sam');
    await sam.say('haircut thursday at 3');
    await sam.say('Sam');
    await sam.say('yes');
    expect(await sam.say('move my appointment')).toEqual(['What day and time would you like instead?']);
    expect(await sam.say('the 32nd')).toEqual(['No month has a 32nd — which day did you mean?']);
    expect((await sam.say('saturday at 11'))[0]).toMatch(/^Move your haircut from Thu Mar 12 at 3:00 PM to Sat Mar 14 at 11:00 AM/);
    expect((await sam.say('yes'))[0]).toMatch(/^Done! Your haircut is now Sat Mar 14 at 11:00 AM/);
    expect(await bookedStarts()).toEqual(['2026-03-14T15:00:00.000Z']);
  });

  it('on the day the clocks go back, says there is no November 31 and books November 3 at 10 in standard time', async () => {
    h = createHarness('2026-11-01T09:00');
    const sam = h.client('sam');
    // Sunday: the closed notice comes first.
    const first = await sam.say('haircut nov 31 at 10');
    expect(first).toHaveLength(2);
    expect(first[1]).toBe("There's no November 31 — which day did you mean?");
    expect((await sam.say('nov 3 at 10')).join('\n')).toMatch(NAME);
    expect((await sam.say('Sam'))[1]).toBe('Haircut with one of our team, Tue Nov 3 at 10:00 AM — shall I book it? (yes / no)');
    expect((await sam.say('yes'))[0]).toMatch(/^You're booked:/);
    expect(await bookedStarts()).toEqual(['2026-11-03T15:00:00.000Z']);
  });
});
