import { loadBusinessConfig } from '../../bot/config/business-config';
import type { Business } from '../../bot/domain/types';
import { readWhen, type WhenReading } from '../../bot/understanding/datetime';
import { resolveNow, withZone } from '../../bot/understanding/reference';

const demo: Business = loadBusinessConfig();
const NY = 'America/New_York';

// Wednesday 17 June 2026, 2 pm at the salon.
const JUNE = resolveNow('2026-06-17T14:00', NY);

function read(text: string, now: Date = JUNE, business: Business = demo): WhenReading {
  return readWhen(text, { now, business });
}

type Case = [text: string, expected: { date?: string | null; time?: string | null; window?: { from: string; to: string } | null }];

function check(cases: Case[], now: Date = JUNE, business: Business = demo): void {
  test.each(cases)('%s', (text, expected) => {
    const got = read(text, now, business);
    for (const [field, value] of Object.entries(expected)) {
      expect({ field, value: got[field as keyof WhenReading] }).toEqual({ field, value });
    }
  });
}

describe('dates point forward from today', () => {
  check([
    ['can I come in friday', { date: '2026-06-19', time: null, window: null }],
    ['wednesday works for me', { date: '2026-06-17' }],
    ['this saturday', { date: '2026-06-20' }],
    ['next tuesday', { date: '2026-06-23' }],
    ['next wednesday', { date: '2026-06-24' }],
    ['saturday next week', { date: '2026-06-27' }],
    ['friday after next', { date: '2026-06-26' }],
    ['the 5th', { date: '2026-07-05' }],
    ['on the 20th', { date: '2026-06-20' }],
    ['the twenty-first please', { date: '2026-06-21' }],
    ['25th of this month', { date: '2026-06-25' }],
    ['the 2nd of next month', { date: '2026-07-02' }],
    ['3/20', { date: '2027-03-20' }],
    ['7/4', { date: '2026-07-04' }],
    ['july 4th', { date: '2026-07-04' }],
    ['4th of july', { date: '2026-07-04' }],
    ['jan 3', { date: '2027-01-03' }],
    ['Sept 9, 2026', { date: '2026-09-09' }],
    ['2026-08-01', { date: '2026-08-01' }],
    ['the first friday of next month', { date: '2026-07-03' }],
    ['monday the 29th', { date: '2026-06-29' }],
  ]);
});

describe('relative days and SMS spellings', () => {
  check([
    ['tomorrow', { date: '2026-06-18' }],
    ['tmrw', { date: '2026-06-18' }],
    ['tmw?', { date: '2026-06-18' }],
    ['2moro pls', { date: '2026-06-18' }],
    ['today', { date: '2026-06-17' }],
    ['day after tomorrow', { date: '2026-06-19' }],
    ['the day after tmrw', { date: '2026-06-19' }],
    ['in 3 days', { date: '2026-06-20' }],
    ['in a week', { date: '2026-06-24' }],
    ['two weeks from tomorrow', { date: '2026-07-02' }],
    ['tues', { date: '2026-06-23' }],
    ['weds', { date: '2026-06-17' }],
    ['thurs', { date: '2026-06-18' }],
  ]);
});

describe('a bare hour is read inside business hours', () => {
  check([
    ['at 3', { time: '15:00', window: null }],
    ['at 10', { time: '10:00' }],
    ['5:30', { time: '17:30' }],
    ['930am', { time: '09:30' }],
    ['tmrw 9.30', { date: '2026-06-18', time: '09:30' }],
    ['@ 4', { time: '16:00' }],
    ['half past 1', { time: '13:30' }],
    ['quarter to 4', { time: '15:45' }],
    ['ten to 5', { time: '16:50' }],
    ['six pm', { time: '18:00' }],
    ['eleven am', { time: '11:00' }],
    ['five in the evening', { time: '17:00' }],
    ['evening 6', { time: '18:00' }],
    ['2:15 in the afternoon', { time: '14:15' }],
    ['twelve oh five', { time: '12:05' }],
    ['noon', { time: '12:00' }],
    ['around 11', { time: '11:00' }],
    ['3ish', { time: '15:00' }],
    ['14:30', { time: '14:30' }],
    ['friday 10am', { date: '2026-06-19', time: '10:00' }],
    ['trim tmw 1pm', { date: '2026-06-18', time: '13:00' }],
    ['thursday at 9am PT', { date: '2026-06-18', time: '12:00' }],
  ]);
});

describe('am or pm follows the hours of the day named', () => {
  // Opens early on Mondays, late on Tuesdays.
  const shifts: Business = {
    ...demo,
    hours: { mon: [{ from: '06:00', to: '12:00' }], tue: [{ from: '14:00', to: '22:00' }] },
    closures: [],
    specialHours: [],
  };
  check(
    [
      ['monday at 8', { date: '2026-06-22', time: '08:00' }],
      ['tuesday at 8', { date: '2026-06-23', time: '20:00' }],
    ],
    JUNE,
    shifts,
  );
});

describe('windows follow the business hours of that date', () => {
  check([
    ['friday morning', { date: '2026-06-19', window: { from: '09:00', to: '12:00' }, time: null }],
    ['thursday afternoon', { date: '2026-06-18', window: { from: '12:00', to: '17:00' } }],
    ['thursday evening', { date: '2026-06-18', window: { from: '17:00', to: '19:00' } }],
    ['saturday evening', { date: '2026-06-20', window: null }],
    ['after 4', { window: { from: '16:00', to: '19:00' }, time: null }],
    ['sat after 2', { date: '2026-06-20', window: { from: '14:00', to: '17:00' } }],
    ['before noon', { window: { from: '09:00', to: '12:00' } }],
    ['between 2 and 4', { window: { from: '14:00', to: '16:00' } }],
    ['anything 2-4pm friday', { date: '2026-06-19', window: { from: '14:00', to: '16:00' } }],
    ['from 10 to 1', { window: { from: '10:00', to: '13:00' } }],
    ['12/24 after 1', { date: '2026-12-24', window: { from: '13:00', to: '14:00' } }],
    ['saturday morning after 10', { date: '2026-06-20', window: { from: '10:00', to: '12:00' } }],
  ]);
});

describe('a new time wins over the one being moved', () => {
  check([
    ['can we push my 3pm to 4', { time: '16:00' }],
    ['move my friday appt to monday', { date: '2026-06-22' }],
    ["can't do thursday, make it saturday", { date: '2026-06-20' }],
  ]);
});

describe('text that is not a date or time reads as nothing', () => {
  const nothing = { date: null, time: null, window: null };
  check([
    ['Good morning Paul', nothing],
    ['good night!', nothing],
    ['call me at 973-555-0142', nothing],
    ['my number is (201) 555 7788', nothing],
    ['rates went up 6.45 percent', nothing],
    ['it costs $45.50', nothing],
    ['you may want to bring a photo', nothing],
    ['May I ask a question?', nothing],
    ["let's go for a second round", nothing],
    ['there are 10 people ahead of me', nothing],
    ['order ABC-12345-X9Y8', nothing],
    ['the ratio is 4:3', nothing],
    ['', nothing],
    ['😀😀', nothing],
    ['Feb 30', nothing],
    ['at 25:00', nothing],
    ['the 1st week went well', nothing],
  ]);

  test('a 5,000-character message is read without trouble', () => {
    expect(read('blah '.repeat(1000) + 'tomorrow at 3')).toEqual(expect.objectContaining({ time: null }));
  });
});

describe('daylight-saving days in America/New_York', () => {
  describe('spring forward (2026-03-08)', () => {
    check(
      [
        ['tomorrow at 10', { date: '2026-03-08', time: '10:00' }],
        ['sunday', { date: '2026-03-08' }],
      ],
      resolveNow('2026-03-07T11:00', NY),
    );
    // 01:30 EST plus two hours is 04:30 EDT: the 2 o'clock hour does not exist that night.
    check([['in 2 hours', { date: '2026-03-08', time: '04:30' }]], resolveNow('2026-03-08T01:30', NY));
  });
  describe('fall back (2026-11-01)', () => {
    check(
      [
        ['today at 3', { date: '2026-11-01', time: '15:00' }],
        ['tomorrow morning', { date: '2026-11-02', window: { from: '09:00', to: '12:00' } }],
      ],
      resolveNow('2026-11-01T09:00', NY),
    );
    // 00:30 EDT plus two hours is 01:30 EST, the second 1:30 of the night.
    check([['in 2 hours', { date: '2026-11-01', time: '01:30' }]], resolveNow('2026-11-01T00:30', NY));
  });
});

describe('the business zone decides the day, never the host zone', () => {
  // 01:00 UTC on the 18th is still 9 pm on the 17th in New York.
  check([['tomorrow at 3pm', { date: '2026-06-18', time: '15:00' }]], new Date('2026-06-18T01:00:00Z'));

  const minusTwo = withZone(demo, 'UTC-2');
  // 04:30 at UTC-2 is a Tuesday.
  const now = resolveNow('2013-02-12T04:30:00-02:00', 'UTC-2');
  check(
    [
      ['tomorrow at 3pm', { date: '2013-02-13', time: '15:00' }],
      ['friday', { date: '2013-02-15' }],
      ['today', { date: '2013-02-12' }],
    ],
    now,
    minusTwo,
  );
});

describe('spans', () => {
  test('cover the date and time expressions and nothing else', () => {
    const text = 'haircut tmrw at 3 please';
    const got = read(text);
    const covered = got.spans.map((s) => text.slice(s.start, s.end)).join('|');
    expect(covered).toBe('tmrw|at 3');
  });

  test('are empty when nothing was read', () => {
    expect(read('do you sell gift cards').spans).toEqual([]);
  });
});
