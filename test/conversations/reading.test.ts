// The suite's judge reads facts out of replies; these are the readings it relies on.
import { DateTime } from 'luxon';
import { asksOf, offeredTimes, openingsStated } from './runner';

const today = DateTime.fromISO('2026-03-10T10:00', { zone: 'America/New_York' });

describe('reading replies', () => {
  it('takes the numbered options as the offer, each on the date written before it', () => {
    expect(offeredTimes('On Fri Mar 13 I have:\n1) 9:00 AM\n2) 1:45 PM\n3) 6:30 PM\nReply 1, 2 or 3, or tell me another time.', today)).toEqual([
      '2026-03-13T09:00',
      '2026-03-13T13:45',
      '2026-03-13T18:30',
    ]);
  });

  it('does not take the hours named in a refusal as offered times', () => {
    const reply = "That's outside our hours on Sat Mar 14 (9:00 AM-5:00 PM).\nThe nearest free times are:\n1) Sat Mar 14 at 3:30 PM\n2) Sat Mar 14 at 3:15 PM";
    expect(offeredTimes(reply, today)).toEqual(['2026-03-14T15:30', '2026-03-14T15:15']);
  });

  it('reads a time in a sentence, and a date early in the next year', () => {
    expect(offeredTimes('Haircut with one of our team, Thu Mar 12 at 2:00 PM', today)).toEqual(['2026-03-12T14:00']);
    expect(offeredTimes('Tue Jan 5 at 9:00 AM', DateTime.fromISO('2026-12-30T10:00', { zone: 'America/New_York' }))).toEqual(['2027-01-05T09:00']);
  });

  it('tells what a reply asks for', () => {
    expect([...asksOf('Almost done! What name should I put the appointment under?')]).toEqual(['name']);
    expect([...asksOf('Haircut with one of our team, Thu Mar 12 at 2:00 PM - shall I book it? (yes / no)')]).toEqual(['yes/no']);
    expect([...asksOf('1) 9:00 AM\n2) 1:45 PM\nReply 1, 2 or 3, or tell me another time.')]).toEqual(['choice']);
    expect([...asksOf("You're booked: Haircut, Thu Mar 12 at 2:00 PM. See you then!")]).toEqual(['nothing']);
  });

  it('finds each statement of when we open, the same one said twice counting twice', () => {
    expect(openingsStated("We're closed now. We open tomorrow at 9:00 AM; I've put you in line.")).toEqual(['9:00AM']);
    expect(openingsStated("We're closed now and open Tuesday at 9:00 AM. We're open Tuesday, 9:00 AM-7:00 PM.")).toEqual(['9:00AM', '9:00AM']);
    expect(openingsStated('Our hours: Tue-Fri 9:00 AM-7:00 PM, Sat 9:00 AM-5:00 PM.')).toEqual([]);
  });
});
