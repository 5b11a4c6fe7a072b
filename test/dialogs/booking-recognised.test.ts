// A booking is the client's own: a "yes" retried after its turn's state was lost is told "booked"
// with the same appointment; who takes a booking is chosen when it is committed; one client does
// not hold two appointments at once unless the business allows it. A real SQLite file throughout.
import type { StoreItem } from 'botbuilder';
import { loadBusinessConfig } from '../../bot/config/business-config';
import { createHarness, sessionOn, type ClientSession, type Harness } from '../helpers/frontdesk-harness';

// Tuesday 2026-03-10, 10:00 in New York. Thursday both the lead stylist and the barber work.
const TUESDAY_10AM = '2026-03-10T10:00';
const BOOKED_THU_3_LEAD = /^You're booked: Haircut with the lead stylist, Thu Mar 12 at 3:00 PM at Maple Street Salon/;

/** The conversation state the harness's channel keeps for a client (botbuilder's ConversationState key). */
function stateKey(userId: string): string {
  return `test/conversations/conversation-${userId}/`;
}

/** What a crash right after the booking's commit leaves: the state saved before the "yes" turn. */
async function saveStateBefore(h: Harness, userId: string): Promise<() => Promise<void>> {
  const key = stateKey(userId);
  const saved = (await h.stores.state.read([key]))[key] as StoreItem | undefined;
  expect(saved).toBeDefined();
  return async () => {
    await h.stores.state.write({ [key]: { ...saved, eTag: '*' } });
  };
}

async function readBackOf(s: ClientSession, text: string, name: string): Promise<string> {
  let replies = await s.say(text);
  if (/what name/i.test(replies.join('\n'))) replies = await s.say(name);
  return replies[replies.length - 1] ?? '';
}

describe("a booking is recognised as the client's own", () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness(TUESDAY_10AM);
  });
  afterEach(async () => {
    await h.close();
  });

  it('tells a client whose "yes" is replayed after the state of its turn was lost that they are booked, with the same appointment and no second one', async () => {
    const sam = h.client('sam');
    expect(await readBackOf(sam, 'haircut thursday at 3', 'Sam')).toBe('Haircut with one of our team, Thu Mar 12 at 3:00 PM — shall I book it? (yes / no)');
    const crash = await saveStateBefore(h, 'sam');
    const first = await sam.say('yes');
    expect(first[0]).toMatch(BOOKED_THU_3_LEAD);
    const [booked] = await h.stores.appointments.list({ status: 'booked' });

    await crash();
    const again = await sam.say('yes');

    expect(again).toEqual(first);
    expect(await h.stores.appointments.list()).toEqual([booked]);
  });

  it.each([
    ['a haircut two staff members do', 'haircut thursday at 3', BOOKED_THU_3_LEAD],
    ['a color only the lead stylist does', 'color friday at 10', /^You're booked: Color with the lead stylist, Fri Mar 13 at 10:00 AM/],
    ['a haircut with the barber by name', 'haircut with the barber thursday at 3', /^You're booked: Haircut with the barber, Thu Mar 12 at 3:00 PM/],
  ])('tells a client who replays the whole conversation after its state was lost that they are booked (%s), with one appointment', async (_label, request, booked) => {
    const sam = h.client('sam');
    const texts = [request, 'Sam', 'yes'];
    const firstTime: string[] = [];
    for (const text of texts) firstTime.push(...(await sam.say(text)));
    expect(firstTime[firstTime.length - 1]).toMatch(booked);
    const [appointment] = await h.stores.appointments.list({ status: 'booked' });

    await h.stores.state.delete([stateKey('sam')]);
    const replayed: string[] = [];
    for (const text of texts) replayed.push(...(await sam.say(text)));

    expect(replayed[replayed.length - 1]).toMatch(booked);
    expect(replayed.join('\n')).not.toMatch(/taken|already booked|already have/);
    expect(await h.stores.appointments.list()).toEqual([appointment]);
  });

  it('tells a client whose "yes" to a move is replayed after its state was lost that it is moved, having moved it once', async () => {
    const sam = h.client('sam');
    await readBackOf(sam, 'haircut thursday at 3', 'Sam');
    await sam.say('yes');
    expect((await sam.say('move my haircut to friday at 11')).pop()).toBe(
      'Move your haircut from Thu Mar 12 at 3:00 PM to Fri Mar 13 at 11:00 AM? (yes / no)',
    );
    const crash = await saveStateBefore(h, 'sam');
    const first = await sam.say('yes');
    expect(first[0]).toBe('Done! Your haircut is now Fri Mar 13 at 11:00 AM with the lead stylist. Your old time has been released.');

    await crash();
    expect(await sam.say('yes')).toEqual(first);

    const all = await h.stores.appointments.list();
    expect(all.map((a) => [a.status, a.start])).toEqual([
      ['rescheduled', '2026-03-12T19:00:00.000Z'],
      ['booked', '2026-03-13T15:00:00.000Z'],
    ]);
  });
});

describe('staff are chosen when the booking is committed', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness(TUESDAY_10AM);
  });
  afterEach(async () => {
    await h.close();
  });

  it('reads back "one of our team" without a preference and the staff member named with one', async () => {
    expect(await readBackOf(h.client('ana'), 'haircut thursday at 3', 'Ana')).toBe(
      'Haircut with one of our team, Thu Mar 12 at 3:00 PM — shall I book it? (yes / no)',
    );
    expect(await readBackOf(h.client('bea'), 'haircut thursday at 3 with the barber', 'Bea')).toBe(
      'Haircut with the barber, Thu Mar 12 at 3:00 PM — shall I book it? (yes / no)',
    );
    expect((await h.client('bea').say('yes'))[0]).toMatch(/^You're booked: Haircut with the barber, Thu Mar 12 at 3:00 PM/);
  });

  it('names the staff member when a client asks for one at the read-back', async () => {
    const ana = h.client('ana');
    await readBackOf(ana, 'haircut thursday at 3', 'Ana');
    expect((await ana.say('with the barber please')).pop()).toBe('Haircut with the barber, Thu Mar 12 at 3:00 PM — shall I book it? (yes / no)');
    expect((await ana.say('yes'))[0]).toMatch(/^You're booked: Haircut with the barber/);
  });

  it('books two clients without a preference confirming the same time at once, one with each staff member free', async () => {
    const ana = h.client('ana');
    const bea = h.client('bea');
    for (const [s, name] of [[ana, 'Ana'], [bea, 'Bea']] as const) {
      expect(await readBackOf(s, 'haircut thursday at 3', name)).toMatch(/^Haircut with one of our team, Thu Mar 12 at 3:00 PM/);
    }
    const replies = (await Promise.all([ana.say('yes'), bea.say('yes')])).map((r) => r[0] ?? '');

    expect(replies.sort()).toEqual([
      expect.stringMatching(/^You're booked: Haircut with the barber, Thu Mar 12 at 3:00 PM/),
      expect.stringMatching(/^You're booked: Haircut with the lead stylist, Thu Mar 12 at 3:00 PM/),
    ]);
    const booked = await h.stores.appointments.list({ status: 'booked' });
    expect(booked.map((a) => a.staffId).sort()).toEqual(['barber', 'lead']);
  });

  it('books one of two clients confirming the same time when one staff member is free, and tells the other it was just taken, with other times', async () => {
    // The barber is already booked at 3.
    const cy = h.client('cy');
    await readBackOf(cy, 'haircut thursday at 3 with the barber', 'Cy');
    await cy.say('yes');
    const ana = h.client('ana');
    const bea = h.client('bea');
    for (const [s, name] of [[ana, 'Ana'], [bea, 'Bea']] as const) {
      expect(await readBackOf(s, 'haircut thursday at 3', name)).toMatch(/^Haircut with one of our team, Thu Mar 12 at 3:00 PM/);
    }
    const replies = (await Promise.all([ana.say('yes'), bea.say('yes')])).map((r) => r.join('\n'));

    expect(replies.filter((r) => /^You're booked: Haircut with the lead stylist, Thu Mar 12 at 3:00 PM/.test(r))).toHaveLength(1);
    const lost = replies.filter((r) => /^Sorry, that time was just taken by someone else\./.test(r));
    expect(lost).toHaveLength(1);
    // Both staff are busy 3:00–3:30 now, so the nearest haircuts start half an hour away.
    expect(lost[0]).toMatch(/The nearest free times are:\n1\) Thu Mar 12 at 2:30 PM\n2\) Thu Mar 12 at 3:30 PM/);
    expect(await h.stores.appointments.list({ status: 'booked' })).toHaveLength(2);
  });

  it('books two clients racing from two processes on one data file, one with each staff member free', async () => {
    const ana = h.client('ana');
    const bea = sessionOn(h.sibling(), 'bea');
    for (const [s, name] of [[ana, 'Ana'], [bea, 'Bea']] as const) {
      expect(await readBackOf(s, 'haircut thursday at 3', name)).toMatch(/^Haircut with one of our team/);
    }
    const replies = (await Promise.all([ana.say('yes'), bea.say('yes')])).map((r) => r[0] ?? '');

    expect(replies.every((r) => /^You're booked: Haircut with (the lead stylist|the barber), Thu Mar 12 at 3:00 PM/.test(r))).toBe(true);
    expect((await h.stores.appointments.list({ status: 'booked' })).map((a) => a.staffId).sort()).toEqual(['barber', 'lead']);
  });

  it('tells a client whose named staff member was taken between read-back and yes that it was just taken, and names them again at the next read-back', async () => {
    const sam = h.client('sam');
    expect(await readBackOf(sam, 'haircut thursday at 3 with the barber', 'Sam')).toMatch(/^Haircut with the barber, Thu Mar 12 at 3:00 PM/);
    const rival = sessionOn(h.sibling(), 'rival');
    await readBackOf(rival, 'haircut thursday at 3 with the barber', 'Rita');
    expect((await rival.say('yes'))[0]).toMatch(/^You're booked: Haircut with the barber/);

    const reply = (await sam.say('yes')).join('\n');
    expect(reply).toMatch(/^Sorry, that time was just taken by someone else\.\nThe nearest free times are:\n1\) Thu Mar 12 at 2:30 PM\n2\) Thu Mar 12 at 3:30 PM/);
    expect((await sam.say('2')).pop()).toBe('Haircut with the barber, Thu Mar 12 at 3:30 PM — shall I book it? (yes / no)');
    expect((await sam.say('yes'))[0]).toMatch(/^You're booked: Haircut with the barber, Thu Mar 12 at 3:30 PM/);
  });

  it('moves an appointment without a preference to whichever staff member is free at commit, and says who', async () => {
    const sam = h.client('sam');
    await readBackOf(sam, 'haircut thursday at 3', 'Sam');
    await sam.say('yes');
    expect((await sam.say('move my haircut to friday at 11')).pop()).toBe(
      'Move your haircut from Thu Mar 12 at 3:00 PM to Fri Mar 13 at 11:00 AM? (yes / no)',
    );
    // The lead stylist, who has Sam's haircut now, is taken at the new time before Sam says yes.
    const rival = sessionOn(h.sibling(), 'rival');
    await readBackOf(rival, 'haircut friday at 11 with the lead stylist', 'Rita');
    await rival.say('yes');

    expect((await sam.say('yes'))[0]).toBe('Done! Your haircut is now Fri Mar 13 at 11:00 AM with the barber. Your old time has been released.');
  });
});

describe('one client, one appointment at a time', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('tells a client asking for a time that overlaps their own appointment why, and offers times that do not', async () => {
    h = createHarness(TUESDAY_10AM);
    const sam = h.client('sam');
    await readBackOf(sam, 'haircut thursday at 3', 'Sam');
    await sam.say('yes');

    const reply = (await sam.say('beard trim thursday at 3:15')).join('\n');

    expect(reply).toBe(
      "You already have a haircut at 3:00 PM that day, and I can't book you twice at once.\n" +
        // The haircut is 3:00–3:30: a beard trim may end as it starts or start as it ends.
        // In time order: the nearest free before and after that day, then the next day at the same time.
        'The nearest free times are:\n1) Thu Mar 12 at 2:45 PM\n2) Thu Mar 12 at 3:30 PM\n3) Fri Mar 13 at 3:15 PM\nReply 1, 2 or 3, or tell me another time.',
    );
    expect((await sam.say('2')).pop()).toBe('Beard trim with one of our team, Thu Mar 12 at 3:30 PM — shall I book it? (yes / no)');
    expect((await sam.say('yes'))[0]).toMatch(/^You're booked: Beard trim/);
    expect((await h.stores.appointments.list({ status: 'booked' })).map((a) => [a.serviceId, a.start])).toEqual([
      ['haircut', '2026-03-12T19:00:00.000Z'],
      ['beard-trim', '2026-03-12T19:30:00.000Z'],
    ]);
  });

  it('offers to move the appointment a client already has when they ask for the same service at an overlapping time, and "yes" moves it', async () => {
    h = createHarness(TUESDAY_10AM);
    const sam = h.client('sam');
    await readBackOf(sam, 'haircut thursday at 3', 'Sam');
    await sam.say('yes');

    const reply = (await sam.say('haircut thursday at 3:15')).join('\n');
    expect(reply).toMatch(/^You already have a haircut at 3:00 PM that day — want to move it to 3:15 PM instead\? Reply yes, or pick another time\.\nThe nearest free times are:/);
    expect((await sam.say('yes')).pop()).toBe('Move your haircut from Thu Mar 12 at 3:00 PM to Thu Mar 12 at 3:15 PM? (yes / no)');
    expect((await sam.say('yes'))[0]).toBe('Done! Your haircut is now Thu Mar 12 at 3:15 PM with the lead stylist. Your old time has been released.');

    expect((await h.stores.appointments.list()).map((a) => [a.status, a.start])).toEqual([
      ['rescheduled', '2026-03-12T19:00:00.000Z'],
      ['booked', '2026-03-12T19:15:00.000Z'],
    ]);
  });

  it('refuses at commit an overlap that arose after the read-back (booked on another channel), saying why', async () => {
    h = createHarness(TUESDAY_10AM);
    const sam = h.client('sam');
    await readBackOf(sam, 'beard trim thursday at 3', 'Sam');
    const client = (await h.stores.clients.list())[0]!;
    const elsewhere = await h.stores.appointments.book(
      { clientId: client.id, serviceId: 'haircut', staffId: 'lead', start: '2026-03-12T18:45:00.000Z', end: '2026-03-12T19:15:00.000Z' },
      h.now(),
    );
    expect(elsewhere.ok).toBe(true);

    const reply = (await sam.say('yes')).join('\n');

    expect(reply).toMatch(/^You already have a haircut at 2:45 PM that day, and I can't book you twice at once\.\nThe nearest free times are:/);
    expect(await h.stores.appointments.list({ status: 'booked' })).toHaveLength(1);
  });

  it('lets a client book a second, overlapping appointment when the business allows it', async () => {
    const business = loadBusinessConfig();
    h = createHarness(TUESDAY_10AM, { ...business, policy: { ...business.policy, allowOverlappingBookings: true } });
    const sam = h.client('sam');
    await readBackOf(sam, 'haircut thursday at 3', 'Sam');
    await sam.say('yes');

    expect(await readBackOf(sam, 'beard trim thursday at 3', 'Sam')).toBe('Beard trim with one of our team, Thu Mar 12 at 3:00 PM — shall I book it? (yes / no)');
    expect((await sam.say('yes'))[0]).toMatch(/^You're booked: Beard trim with the barber, Thu Mar 12 at 3:00 PM/);
    const booked = await h.stores.appointments.list({ status: 'booked' });
    expect(booked.map((a) => `${a.serviceId} with ${a.staffId}`).sort()).toEqual(['beard-trim with barber', 'haircut with lead']);
  });
});
