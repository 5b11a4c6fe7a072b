import { DateTime } from 'luxon';
import { loadBusinessConfig } from '../../bot/config/business-config';
import { understand } from '../../bot/understanding';
import { readImpossibleWhen, type ImpossibleWhen } from '../../bot/understanding/impossible-when';

const day = (month: number | null, d: number, year: number | null = null, certain = true): ImpossibleWhen => ({ kind: 'day', month, day: d, year, certain });
const clock = (written: string, certain = true): ImpossibleWhen => ({ kind: 'clock', written, certain });

describe('readImpossibleWhen', () => {
  it.each<[string, ImpossibleWhen]>([
    ['haircut feb 30 at 10', day(2, 30)],
    ['Feb 30', day(2, 30)],
    ['february 31st please', day(2, 31)],
    ['Feb. 30', day(2, 30)],
    ['april 31', day(4, 31)],
    ['june the 31st at 3', day(6, 31)],
    ['sept 31', day(9, 31)],
    ['nov 31st', day(11, 31)],
    ['30th of february', day(2, 30)],
    ['the 31st of april', day(4, 31)],
    ['31 sep', day(9, 31)],
    ['may 32nd', day(5, 32)],
    ['the 32nd', day(null, 32)],
    ['can I come in on the 45th', day(null, 45)],
    ['the 33rd at 3?', day(null, 33)],
    ['feb 29, 2027', day(2, 29, 2027)],
    ['the 29th of feb 2031', day(2, 29, 2031)],
    ['2/29/2027', day(2, 29, 2027)],
    ['2/29/27', day(2, 29, 2027)],
    ['2/30', day(2, 30)],
    ['on 4/31', day(4, 31)],
    ['31/4', day(4, 31)],
    ['beard trim 6/31 maybe', day(6, 31, null, false)],
    ['at 25:00', clock('25:00')],
    ['10:75', clock('10:75')],
    ['tomorrow at 24:30', clock('24:30')],
    ['25pm', clock('25pm')],
    ['around 30 o\u2019clock', clock("30 o'clock")],
    ['9:60 am', clock('9:60 am')],
    ['my run was 45:00', clock('45:00', false)],
    // The day comes first when a message has both.
    ['feb 30 at 25:00', day(2, 30)],
  ])('finds %j', (text, expected) => {
    expect(readImpossibleWhen(text)).toEqual(expected);
  });

  it.each([
    // Days that exist, including February 29 of a leap year and one left to the next leap year.
    'feb 29 2028',
    'Feb 29',
    '2/29',
    '2/29/28',
    'feb 28 2027',
    'march 31',
    'the 31st',
    'jan 31st at 10',
    '13/4',
    '24/7',
    // Times that exist: midnight written as 24:00, noon, a bare hour.
    'at 24:00',
    'at 12:00',
    'at 23:59',
    '9:30am',
    'at 25',
    // Numbers that are not days or times.
    'call me at 555-123-4567',
    'call me at (555) 123 4567',
    'is it $10.75?',
    'that color was 120.99',
    'we lost 3-25',
    'open 24/7?',
    '1/32 of an inch',
    '20/25 vision',
    'may 40 of us come',
    'dec 32',
    // Ordinals that count something other than days.
    'the show is at 235 West 46th Street at 12',
    'for my 50th birthday',
    'our office is on the 35th floor',
    'order #12:99:10',
    'version 10:30:75',
    '',
  ])('reads nothing impossible in %j', (text) => {
    expect(readImpossibleWhen(text)).toBeNull();
  });

  // The dialogs consult this reader only where the date/time reader read nothing of that part;
  // each impossible value must be one it rightly leaves alone.
  it.each(['Feb 30', 'april 31st', 'the 32nd', 'feb 29 2027', '2/30', 'at 25:00', '10:75', 'at 24:30'])(
    'finds nothing the date/time reader reads in %j',
    (text) => {
      const business = loadBusinessConfig();
      const now = DateTime.fromISO('2026-03-10T10:00', { zone: business.zone }).toJSDate();
      const found = readImpossibleWhen(text);
      const reading = understand(text, { now, business });
      expect(found).not.toBeNull();
      if (found?.kind === 'day') expect(reading.date).toBeNull();
      else expect([reading.time, reading.window]).toEqual([null, null]);
    },
  );
});
