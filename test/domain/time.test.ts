import { DateTime } from 'luxon';
import { addDays, atLocal, isValidDate, localDateOf, localTimeOf, minutesOf, weekdayOf } from '../../bot/domain/time';

const NY = 'America/New_York';
const iso = (ms: number): string => new Date(ms).toISOString();

describe('atLocal', () => {
  it.each([
    ['an ordinary afternoon in New York (EDT)', '2026-03-12', '15:00', NY, '2026-03-12T19:00:00.000Z'],
    ['the last minute before spring forward', '2026-03-08', '01:59', NY, '2026-03-08T06:59:00.000Z'],
    ['02:00 on spring-forward day, which does not exist, as 03:00 EDT', '2026-03-08', '02:00', NY, '2026-03-08T07:00:00.000Z'],
    ['02:30 on spring-forward day as 03:30 EDT', '2026-03-08', '02:30', NY, '2026-03-08T07:30:00.000Z'],
    ['03:00 EDT right after the gap', '2026-03-08', '03:00', NY, '2026-03-08T07:00:00.000Z'],
    ['the minute before the repeated hour on fall-back day', '2026-11-01', '00:59', NY, '2026-11-01T04:59:00.000Z'],
    ['01:00 on fall-back day as the first (EDT) 01:00', '2026-11-01', '01:00', NY, '2026-11-01T05:00:00.000Z'],
    ['01:30 on fall-back day as the first (EDT) 01:30', '2026-11-01', '01:30', NY, '2026-11-01T05:30:00.000Z'],
    ['02:00 on fall-back day, after the repeat (EST)', '2026-11-01', '02:00', NY, '2026-11-01T07:00:00.000Z'],
    ['24:00 as midnight starting the next day', '2026-11-01', '24:00', NY, '2026-11-02T05:00:00.000Z'],
    ['a half-hour offset zone', '2026-03-08', '09:00', 'Asia/Kolkata', '2026-03-08T03:30:00.000Z'],
    ['midnight in a half-hour offset zone, still the previous UTC day', '2026-03-09', '00:00', 'Asia/Kolkata', '2026-03-08T18:30:00.000Z'],
    ['UTC itself', '2026-03-08', '02:30', 'UTC', '2026-03-08T02:30:00.000Z'],
  ])('reads %s', (_label, date, time, zone, expected) => {
    expect(iso(atLocal(date, time, zone))).toBe(expected);
  });

  it('refuses an unknown zone, an impossible date and an impossible time', () => {
    expect(() => atLocal('2026-03-08', '10:00', 'Mars/Olympus')).toThrow(/time zone/);
    expect(() => atLocal('2026-02-30', '10:00', NY)).toThrow(/date/);
    expect(() => atLocal('2026-03-08', '25:00', NY)).toThrow(/time/);
  });
});

describe('localDateOf and localTimeOf', () => {
  it.each([
    ['2026-03-08T06:59:00.000Z', NY, '2026-03-08', '01:59'],
    ['2026-03-08T07:00:00.000Z', NY, '2026-03-08', '03:00'],
    ['2026-03-08T04:59:00.000Z', NY, '2026-03-07', '23:59'],
    ['2026-11-01T05:30:00.000Z', NY, '2026-11-01', '01:30'],
    ['2026-11-01T06:30:00.000Z', NY, '2026-11-01', '01:30'],
    ['2026-03-08T18:30:00.000Z', 'Asia/Kolkata', '2026-03-09', '00:00'],
    ['2026-03-08T18:29:00.000Z', 'Asia/Kolkata', '2026-03-08', '23:59'],
  ])('places %s in %s on %s at %s', (instant, zone, date, time) => {
    expect(localDateOf(Date.parse(instant), zone)).toBe(date);
    expect(localTimeOf(Date.parse(instant), zone)).toBe(time);
  });
});

describe('calendar dates', () => {
  it.each([
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-07', 1, '2026-03-08'],
    ['2026-11-01', 60, '2026-12-31'],
  ])('adds days: %s + %i = %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });

  it.each([
    ['2026-03-08', 'sun'],
    ['2026-03-09', 'mon'],
    ['2026-03-10', 'tue'],
    ['2026-11-26', 'thu'],
    ['2026-12-24', 'thu'],
    ['2026-10-31', 'sat'],
  ])('names the weekday of %s as %s', (date, weekday) => {
    expect(weekdayOf(date)).toBe(weekday);
  });

  it.each([
    ['2026-03-08', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-3-8', false],
    ['tomorrow', false],
  ])('says whether %s is a real date (%s)', (date, valid) => {
    expect(isValidDate(date)).toBe(valid);
  });
});

describe('minutesOf', () => {
  it.each([
    ['00:00', 0],
    ['09:30', 570],
    ['23:59', 1439],
    ['24:00', 1440],
  ])('reads %s as %i minutes after midnight', (time, minutes) => {
    expect(minutesOf(time)).toBe(minutes);
  });

  it.each(['25:00', '24:30', '12:60', '9:30', '', 'noon'])('refuses %p', (time) => {
    expect(() => minutesOf(time)).toThrow(/time/);
  });
});

describe('local dates and times read from the cached zone offsets', () => {
  // Luxon asked afresh is the oracle: every quarter hour across both of New York's changes, Lord
  // Howe's half-hour change, Kolkata's half-hour offset and Kathmandu's quarter-hour one.
  it.each([
    [NY, '2026-03-07T00:00:00Z', '2026-03-10T00:00:00Z'],
    [NY, '2026-10-31T00:00:00Z', '2026-11-03T00:00:00Z'],
    ['Australia/Lord_Howe', '2026-04-03T00:00:00Z', '2026-04-06T00:00:00Z'],
    ['Asia/Kolkata', '2026-03-07T00:00:00Z', '2026-03-08T00:00:00Z'],
    ['Asia/Kathmandu', '2026-03-07T00:00:00Z', '2026-03-08T00:00:00Z'],
  ])('agrees with luxon in %s from %s to %s', (zone, from, to) => {
    const mismatches: string[] = [];
    for (let t = Date.parse(from); t < Date.parse(to); t += 15 * 60_000) {
      const expected = DateTime.fromMillis(t, { zone });
      const got = `${localDateOf(t, zone)} ${localTimeOf(t, zone)}`;
      if (got !== expected.toFormat('yyyy-MM-dd HH:mm')) mismatches.push(`${iso(t)}: ${got} vs ${expected.toFormat('yyyy-MM-dd HH:mm')}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('refuses an unknown zone however often it is asked', () => {
    expect(() => localDateOf(Date.parse('2026-03-07T00:00:00Z'), 'Mars/Olympus')).toThrow(/unknown time zone/);
    expect(() => localTimeOf(Date.parse('2026-03-07T00:00:00Z'), 'Mars/Olympus')).toThrow(/unknown time zone/);
  });
});
