import { createHarness, type ClientSession, type Harness } from '../helpers/frontdesk-harness';

const TUESDAY_10AM = '2026-03-10T10:00';

async function book(s: ClientSession, text: string, name = 'Sam'): Promise<void> {
  let replies = await s.say(text);
  if (/what name/i.test(replies.join('\n'))) replies = await s.say(name);
  expect(replies[replies.length - 1]).toMatch(/shall I book it\?/);
  expect((await s.say('yes'))[0]).toMatch(/^You're booked/);
}

describe('moving, cancelling and listing appointments', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness(TUESDAY_10AM);
  });
  afterEach(async () => {
    await h.close();
  });

  it('moves the only appointment to a new time on the same day and releases the old one only then', async () => {
    const sam = h.client('sam');
    await book(sam, 'haircut thursday at 3pm');
    const readBack = await sam.say('can we push my 3pm to 4');
    expect(readBack[readBack.length - 1]).toBe(
      'Move your haircut from Thu Mar 12 at 3:00 PM to Thu Mar 12 at 4:00 PM? (yes / no)',
    );
    // Nothing changes before the client says yes.
    expect((await h.stores.appointments.list({ status: 'booked' })).map((a) => a.start)).toEqual(['2026-03-12T19:00:00.000Z']);
    const done = await sam.say('yes');
    expect(done[0]).toBe('Done! Your haircut is now Thu Mar 12 at 4:00 PM with the lead stylist. Your old time has been released.');
    const all = await h.stores.appointments.list();
    expect(all.map((a) => [a.status, a.start])).toEqual([
      ['rescheduled', '2026-03-12T19:00:00.000Z'],
      ['booked', '2026-03-12T20:00:00.000Z'],
    ]);
    expect(all[1].rescheduledFrom).toBe(all[0].id);
  });

  it('asks which appointment to move when there are several, then asks for the new time', async () => {
    const sam = h.client('sam');
    await book(sam, 'haircut thursday at 3pm');
    await book(sam, 'color saturday at 10am');
    const which = (await sam.say('I need to reschedule')).join('\n');
    expect(which).toMatch(/Which appointment would you like to move\?/);
    expect(which).toMatch(/1\) Haircut with the lead stylist, Thu Mar 12 at 3:00 PM\n2\) Color with the lead stylist, Sat Mar 14 at 10:00 AM/);
    const when = await sam.say('2');
    expect(when.join('\n')).toMatch(/What day and time would you like instead\?/);
    const readBack = await sam.say('friday at 1pm');
    expect(readBack[readBack.length - 1]).toMatch(/^Move your color from Sat Mar 14 at 10:00 AM to Fri Mar 13 at 1:00 PM/);
    await sam.say('yes');
    const booked = await h.stores.appointments.list({ status: 'booked' });
    expect(booked.map((a) => [a.serviceId, a.start])).toEqual([
      ['haircut', '2026-03-12T19:00:00.000Z'],
      ['color', '2026-03-13T17:00:00.000Z'],
    ]);
  });

  it('keeps the appointment when the client says no to the move', async () => {
    const sam = h.client('sam');
    await book(sam, 'haircut thursday at 3pm');
    await sam.say('move my haircut to friday at 11');
    expect(await sam.say('no')).toEqual(["Okay, I've left your appointment as it was."]);
    expect((await h.stores.appointments.list({ status: 'booked' })).map((a) => a.start)).toEqual(['2026-03-12T19:00:00.000Z']);
  });

  it('cancels after confirmation', async () => {
    const sam = h.client('sam');
    await book(sam, 'haircut friday at 3pm');
    const confirm = await sam.say('cancel my appointment please');
    expect(confirm[0]).toBe('Cancel your haircut with the lead stylist, Fri Mar 13 at 3:00 PM? (yes / no)');
    const done = await sam.say('yes');
    expect(done[0]).toMatch(/is cancelled/);
    expect(await h.stores.appointments.list({ status: 'booked' })).toHaveLength(0);
    expect((await h.stores.appointments.list({ status: 'cancelled' })).length).toBe(1);
  });

  it('warns about the late-cancellation fee under 24 hours and keeps the appointment on no', async () => {
    const sam = h.client('sam');
    await book(sam, 'haircut wednesday at 9am');
    h.setNow('2026-03-10T17:00');
    const confirm = await sam.say("I won't make it tomorrow");
    expect(confirm[0]).toMatch(/less than 24 hours away, so a late-cancellation fee may apply/);
    expect(await sam.say('no')).toEqual(['Okay, your appointment stays as it is.']);
    expect(await h.stores.appointments.list({ status: 'booked' })).toHaveLength(1);
  });

  it('treats a bare "cancel" as yes when asked whether to cancel', async () => {
    const sam = h.client('sam');
    await book(sam, 'haircut friday at 3pm');
    await sam.say('cancel my haircut');
    await sam.say('cancel');
    expect(await h.stores.appointments.list({ status: 'booked' })).toHaveLength(0);
  });

  it('says so when there is nothing to move or cancel', async () => {
    const sam = h.client('sam');
    expect((await sam.say('cancel my appointment'))[0]).toMatch(/don't see any upcoming appointments to cancel/);
    expect((await sam.say('I need to reschedule my appointment'))[0]).toMatch(/don't see any upcoming appointments to move/);
  });

  it('lists upcoming appointments, soonest first', async () => {
    const sam = h.client('sam');
    expect(await sam.say("when's my next appointment?")).toEqual(["You don't have any upcoming appointments. Want to book one?"]);
    await book(sam, 'color saturday at 10am');
    await book(sam, 'haircut thursday at 3pm');
    const list = (await sam.say('when are my appointments')).join('\n');
    expect(list).toBe(
      'Your upcoming appointments:\n- Haircut with the lead stylist, Thu Mar 12 at 3:00 PM\n- Color with the lead stylist, Sat Mar 14 at 10:00 AM',
    );
  });
});
