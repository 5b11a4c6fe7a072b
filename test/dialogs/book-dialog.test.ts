import { createHarness, sessionOn, type Harness } from '../helpers/frontdesk-harness';

// Tuesday 2026-03-10, 10:00 in New York (EDT since Sunday's change).
const TUESDAY_10AM = '2026-03-10T10:00';

describe('booking by conversation', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness(TUESDAY_10AM);
  });
  afterEach(async () => {
    await h.close();
  });

  it('books a one-shot request after asking a new client their name, reading it back without a staff member (none was asked for) and naming who it is with once booked', async () => {
    const sam = h.client('sam');
    const first = await sam.say('could I get a haircut thursday at 3');
    expect(first.join('\n')).toMatch(/what name should I put/i);
    const second = await sam.say("it's Sam Lee");
    expect(second).toContain('Thanks, Sam Lee!');
    expect(second[second.length - 1]).toBe('Haircut with one of our team, Thu Mar 12 at 3:00 PM — shall I book it? (yes / no)');
    const done = await sam.say('yes');
    expect(done[0]).toMatch(/^You're booked: Haircut with the lead stylist, Thu Mar 12 at 3:00 PM at Maple Street Salon/);

    const booked = await h.stores.appointments.list({ status: 'booked' });
    expect(booked).toHaveLength(1);
    expect(booked[0]).toMatchObject({ serviceId: 'haircut', staffId: 'lead', start: '2026-03-12T19:00:00.000Z', end: '2026-03-12T19:30:00.000Z' });
    const client = await h.stores.clients.get(booked[0].clientId);
    expect(client?.name).toBe('Sam Lee');
  });

  it('asks only for what is missing: the service, then the time, offering free times for a part of day', async () => {
    const ana = h.client('ana');
    const q1 = await ana.say('I want to book an appointment');
    expect(q1.join('\n')).toMatch(/What would you like to book\?/);
    expect(q1.join('\n')).toMatch(/2\) Color \(90 min, \$120\)/);
    const q2 = await ana.say('2');
    expect(q2.join('\n')).toMatch(/When would you like to come in for your color/);
    const q3 = await ana.say('friday morning');
    const offer = q3.join('\n');
    expect(offer).toMatch(/On Fri Mar 13 I have:/);
    expect(offer).toMatch(/1\) 9:00 AM/);
    expect(offer).toMatch(/Reply 1, 2 or 3/);
    // The choices are buttons on channels that show them.
    const actions = ana.lastActivities().find((a) => a.suggestedActions)?.suggestedActions?.actions ?? [];
    expect(actions.map((a) => a.value)).toEqual(['1', '2', '3']);
    const q4 = await ana.say('1');
    expect(q4.join('\n')).toMatch(/what name/i);
    const q5 = await ana.say('Ana');
    expect(q5[q5.length - 1]).toBe('Color with one of our team, Fri Mar 13 at 9:00 AM — shall I book it? (yes / no)');
    await ana.say('yes please');
    const booked = await h.stores.appointments.list({ status: 'booked' });
    expect(booked.map((a) => [a.serviceId, a.start])).toEqual([['color', '2026-03-13T13:00:00.000Z']]);
  });

  it('remembers a client name and does not ask it again', async () => {
    const sam = h.client('sam');
    await sam.say('beard trim thursday at 11');
    await sam.say('Sam');
    await sam.say('yes');
    const again = await sam.say('beard trim friday at 11');
    expect(again[again.length - 1]).toMatch(/^Beard trim with one of our team, Fri Mar 13 at 11:00 AM — shall I book it\?/);
    expect(again.join('\n')).not.toMatch(/what name/i);
  });

  it.each([
    ['a closed weekday', 'haircut sunday at 10', /We're closed on Sundays\./],
    ['a named closure', 'haircut on nov 26 at 10', /We're closed on Thu Nov 26 for Thanksgiving\./, '2026-11-20T10:00'],
    ['less than the minimum notice', 'haircut today at 11', /at least 2 hours' notice/],
    ['after closing on an open day', 'haircut saturday at 6pm', /after we close — on Sat Mar 14 we close at 5:00 PM/],
    ['a color that would run past closing', 'color saturday at 4pm', /90-minute color at 4:00 PM would run past our 5:00 PM close/],
    ['before opening on an open day', 'haircut saturday at 8am', /before we open — on Sat Mar 14 we open at 9:00 AM/],
  ])('says why when the time is %s and offers at most three alternatives', async (_label, text, reason, now = TUESDAY_10AM) => {
    h.setNow(now);
    const sam = h.client('sam');
    const reply = (await sam.say(text)).join('\n');
    expect(reply).toMatch(reason);
    const offered = reply.split('\n').filter((l) => /^\d\) /.test(l));
    expect(offered.length).toBeGreaterThan(0);
    expect(offered.length).toBeLessThanOrEqual(3);
    expect(await h.stores.appointments.list()).toHaveLength(0);
  });

  it('says how far ahead it books and asks for another day when the time is beyond the horizon', async () => {
    const sam = h.client('sam');
    const reply = (await sam.say('haircut on june 30 at 10')).join('\n');
    expect(reply).toMatch(/We only book up to 60 days ahead/);
    expect(reply).toMatch(/When would you like to come in for your haircut\?/);
    const next = await sam.say('thursday at 10');
    expect(next.join('\n')).toMatch(/what name/i);
  });

  it('offers the nearest free times when the requested one is booked, and a digit picks one', async () => {
    // Both chairs taken at Thursday 3 PM for a beard trim.
    const a = h.client('a');
    await a.say('beard trim thursday at 3 with the barber');
    await a.say('Al');
    await a.say('yes');
    const b = h.client('b');
    await b.say('beard trim thursday at 3');
    await b.say('Bo');
    await b.say('yes');
    expect(await h.stores.appointments.list({ status: 'booked' })).toHaveLength(2);

    const c = h.client('c');
    const reply = (await c.say('beard trim thursday at 3')).join('\n');
    expect(reply).toMatch(/That time is already booked\./);
    expect(reply).toMatch(/1\) Thu Mar 12 at 2:45 PM\n2\) Thu Mar 12 at 3:15 PM/);
    const next = await c.say('2');
    expect(next.join('\n')).toMatch(/what name/i);
    await c.say('Cy');
    const done = await c.say('yes');
    expect(done[0]).toMatch(/Thu Mar 12 at 3:15 PM/);
  });

  it('gives one of two clients confirming the last free chair at once the booking and the other the next times', async () => {
    // Color is done only by the lead stylist: one chair.
    const ana = h.client('ana');
    const bea = h.client('bea');
    for (const [s, name] of [
      [ana, 'Ana'],
      [bea, 'Bea'],
    ] as const) {
      await s.say('color friday at 2pm');
      const readBack = await s.say(name);
      expect(readBack[readBack.length - 1]).toMatch(/^Color with one of our team, Fri Mar 13 at 2:00 PM — shall I book it\?/);
    }
    const [first, second] = await Promise.all([ana.say('yes'), bea.say('yes')]);
    const replies = [first.join('\n'), second.join('\n')];
    const winners = replies.filter((r) => /^You're booked/.test(r));
    const losers = replies.filter((r) => /that time was just taken/.test(r));
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(losers[0]).toMatch(/1\) Fri Mar 13 at/);
    const booked = await h.stores.appointments.list({ status: 'booked' });
    expect(booked).toHaveLength(1);
    expect(booked[0].start).toBe('2026-03-13T18:00:00.000Z');
  });

  it('lets another process take the slot between read-back and yes without a double booking', async () => {
    const sam = h.client('sam');
    await sam.say('color friday at 10am');
    await sam.say('Sam');
    // Another process on the same data file books the only chair first.
    const other = h.sibling();
    const rival = sessionOn(other, 'rival');
    await rival.say('color friday at 10am');
    await rival.say('Rita');
    expect((await rival.say('yes'))[0]).toMatch(/^You're booked/);
    const reply = (await sam.say('yes')).join('\n');
    expect(reply).toMatch(/that time was just taken/);
    expect(await h.stores.appointments.list({ status: 'booked' })).toHaveLength(1);
  });

  it('changes the time when the client answers the read-back with another time', async () => {
    const sam = h.client('sam');
    await sam.say('haircut thursday at 3');
    await sam.say('Sam');
    const changed = await sam.say('actually 4pm');
    expect(changed[changed.length - 1]).toMatch(/Thu Mar 12 at 4:00 PM — shall I book it\?/);
    await sam.say('yes');
    const booked = await h.stores.appointments.list({ status: 'booked' });
    expect(booked.map((a) => a.start)).toEqual(['2026-03-12T20:00:00.000Z']);
  });

  it('says a named staff member does not do the service and offers who is free at that very time', async () => {
    const sam = h.client('sam');
    const reply = (await sam.say('color with the barber thursday at 3')).join('\n');
    expect(reply).toMatch(/The barber doesn't do color appointments, but the lead stylist is free then\./);
    expect((await sam.say('Sam')).join('\n')).toMatch(/Color with the lead stylist, Thu Mar 12 at 3:00 PM/);
    await sam.say('yes');
    const [booked] = await h.stores.appointments.list();
    expect(booked).toMatchObject({ serviceId: 'color', staffId: 'lead', start: '2026-03-12T19:00:00.000Z' });
  });
});
