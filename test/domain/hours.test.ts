import {
  closureOn,
  fitInHours,
  type HoursFit,
  isClosedDay,
  isOpenAt,
  nextOpening,
  openIntervalAt,
  openIntervalsOn,
  staffIntervalsOn,
} from '../../bot/domain/hours';
import type { Business, Interval } from '../../bot/domain/types';
import { demoBusiness, oneChairBusiness } from '../helpers/business';

const NY = 'America/New_York';
const at = (instant: string): number => Date.parse(instant);
const iso = (ms: number): string => new Date(ms).toISOString();
const show = (list: Interval[]): string[][] => list.map((i) => [iso(i.start), iso(i.end)]);

const demo = demoBusiness();
/** Open Fridays and Saturdays 18:00–02:00, like a bar; Sundays after midnight only. */
const nightOwl = oneChairBusiness(NY, {
  fri: [{ from: '18:00', to: '02:00' }],
  sat: [{ from: '18:00', to: '02:00' }],
});
const earlySunday = oneChairBusiness(NY, { sun: [{ from: '00:00', to: '05:00' }] });
const smallHoursSunday = oneChairBusiness(NY, { sun: [{ from: '01:00', to: '04:00' }] });
const splitShift = oneChairBusiness(NY, {
  tue: [
    { from: '13:00', to: '18:00' },
    { from: '09:00', to: '12:00' },
  ],
  wed: [
    { from: '09:00', to: '12:00' },
    { from: '12:00', to: '15:00' },
  ],
});
const kolkata = oneChairBusiness('Asia/Kolkata', { mon: [{ from: '10:00', to: '18:00' }] });
/** A split Sunday (brunch and dinner) and a late Saturday, for the DST weekends. */
const splitSunday = oneChairBusiness(NY, {
  sat: [{ from: '17:00', to: '01:30' }],
  sun: [
    { from: '01:30', to: '03:30' },
    { from: '11:00', to: '14:00' },
    { from: '17:00', to: '21:00' },
  ],
});
/** Special days that bring their own split shift, or run past midnight. */
const specials = oneChairBusiness(NY, { thu: [{ from: '09:00', to: '17:00' }] }, {
  specialHours: [
    { date: '2026-12-31', name: "New Year's Eve", hours: [{ from: '09:00', to: '12:00' }, { from: '20:00', to: '02:00' }] },
    { date: '2026-11-26', name: 'Thanksgiving', hours: [] },
  ],
  closures: [{ date: '2027-01-01', name: "New Year's Day", from: '00:00', to: '01:00' }],
});

describe('openIntervalsOn', () => {
  it.each<[string, Business, string, string[][]]>([
    ['a salon Tuesday just after spring forward (EDT)', demo, '2026-03-10', [['2026-03-10T13:00:00.000Z', '2026-03-10T23:00:00.000Z']]],
    ['a salon Saturday before spring forward (EST)', demo, '2026-03-07', [['2026-03-07T14:00:00.000Z', '2026-03-07T22:00:00.000Z']]],
    ['a salon Tuesday just after fall back (EST)', demo, '2026-11-03', [['2026-11-03T14:00:00.000Z', '2026-11-04T00:00:00.000Z']]],
    ['a Sunday, not in the weekly hours', demo, '2026-03-08', []],
    ['a Monday, not in the weekly hours', demo, '2026-03-09', []],
    ['Thanksgiving, a whole-day closure', demo, '2026-11-26', []],
    ['Christmas Eve, special hours 09:00–14:00 replacing a Thursday', demo, '2026-12-24', [['2026-12-24T14:00:00.000Z', '2026-12-24T19:00:00.000Z']]],
    ['00:00–05:00 on spring-forward day: four real hours', earlySunday, '2026-03-08', [['2026-03-08T05:00:00.000Z', '2026-03-08T09:00:00.000Z']]],
    ['00:00–05:00 on fall-back day: six real hours', earlySunday, '2026-11-01', [['2026-11-01T04:00:00.000Z', '2026-11-01T10:00:00.000Z']]],
    ['01:00–04:00 on spring-forward day: two real hours', smallHoursSunday, '2026-03-08', [['2026-03-08T06:00:00.000Z', '2026-03-08T08:00:00.000Z']]],
    ['01:00–04:00 on fall-back day, from the first 01:00: four real hours', smallHoursSunday, '2026-11-01', [['2026-11-01T05:00:00.000Z', '2026-11-01T09:00:00.000Z']]],
    ['18:00–02:00 on a Friday, running into Saturday', nightOwl, '2026-03-13', [['2026-03-13T22:00:00.000Z', '2026-03-14T06:00:00.000Z']]],
    ['18:00–02:00 into spring-forward night, closing at 03:00 EDT', nightOwl, '2026-03-07', [['2026-03-07T23:00:00.000Z', '2026-03-08T07:00:00.000Z']]],
    ['18:00–02:00 into fall-back night, nine real hours', nightOwl, '2026-10-31', [['2026-10-31T22:00:00.000Z', '2026-11-01T07:00:00.000Z']]],
    ['a split shift, given out of order, sorted', splitShift, '2026-03-10', [
      ['2026-03-10T13:00:00.000Z', '2026-03-10T16:00:00.000Z'],
      ['2026-03-10T17:00:00.000Z', '2026-03-10T22:00:00.000Z'],
    ]],
    ['two touching ranges, merged', splitShift, '2026-03-11', [['2026-03-11T13:00:00.000Z', '2026-03-11T19:00:00.000Z']]],
    ['a half-hour offset zone', kolkata, '2026-03-09', [['2026-03-09T04:30:00.000Z', '2026-03-09T12:30:00.000Z']]],
    ['a split Sunday on spring-forward day: 02:00 does not exist, so the night range is one hour', splitSunday, '2026-03-08', [
      ['2026-03-08T06:30:00.000Z', '2026-03-08T07:30:00.000Z'],
      ['2026-03-08T15:00:00.000Z', '2026-03-08T18:00:00.000Z'],
      ['2026-03-08T21:00:00.000Z', '2026-03-09T01:00:00.000Z'],
    ]],
    ['a split Sunday on fall-back day: 01:30–03:30 is three real hours', splitSunday, '2026-11-01', [
      ['2026-11-01T05:30:00.000Z', '2026-11-01T08:30:00.000Z'],
      ['2026-11-01T16:00:00.000Z', '2026-11-01T19:00:00.000Z'],
      ['2026-11-01T22:00:00.000Z', '2026-11-02T02:00:00.000Z'],
    ]],
    ['a late Saturday into spring-forward night, ending at 01:30 EST', splitSunday, '2026-03-07', [['2026-03-07T22:00:00.000Z', '2026-03-08T06:30:00.000Z']]],
    ["special hours with a split shift and a past-midnight range, cut by the next day's part closure", specials, '2026-12-31', [
      ['2026-12-31T14:00:00.000Z', '2026-12-31T17:00:00.000Z'],
      ['2027-01-01T01:00:00.000Z', '2027-01-01T05:00:00.000Z'],
      ['2027-01-01T06:00:00.000Z', '2027-01-01T07:00:00.000Z'],
    ]],
    ['named special hours with no ranges close a weekday', specials, '2026-11-26', []],
  ])('%s', (_label, business, date, expected) => {
    expect(show(openIntervalsOn(business, date))).toEqual(expected);
  });

  it('cuts a part-day closure out of the day', () => {
    const training = { ...demo, closures: [...demo.closures, { date: '2026-03-12', name: 'Staff training', from: '12:00', to: '14:00' }] };
    expect(show(openIntervalsOn(training, '2026-03-12'))).toEqual([
      ['2026-03-12T13:00:00.000Z', '2026-03-12T16:00:00.000Z'],
      ['2026-03-12T18:00:00.000Z', '2026-03-12T23:00:00.000Z'],
    ]);
    expect(closureOn(training, '2026-03-12')).toBeNull();
    expect(isClosedDay(training, '2026-03-12')).toBe(false);
  });

  it('cuts an early-morning closure on the next date out of the night before', () => {
    const bar = { ...nightOwl, closures: [{ date: '2026-03-14', name: 'Inspection', from: '00:00', to: '01:00' }] };
    expect(show(openIntervalsOn(bar, '2026-03-13'))).toEqual([
      ['2026-03-13T22:00:00.000Z', '2026-03-14T04:00:00.000Z'],
      ['2026-03-14T05:00:00.000Z', '2026-03-14T06:00:00.000Z'],
    ]);
  });

  it('closes the night that starts on a whole-day closure but keeps the night that ends on it', () => {
    const bar = { ...nightOwl, closures: [{ date: '2026-03-14', name: 'Private event' }] };
    expect(openIntervalsOn(bar, '2026-03-14')).toEqual([]);
    expect(show(openIntervalsOn(bar, '2026-03-13'))).toEqual([['2026-03-13T22:00:00.000Z', '2026-03-14T06:00:00.000Z']]);
  });

  it('opens a normally closed day when special hours say so, and closes a day with empty special hours', () => {
    const business = {
      ...demo,
      specialHours: [
        { date: '2026-12-20', name: 'Holiday Sunday', hours: [{ from: '10:00', to: '16:00' }] },
        { date: '2026-12-22', name: 'Inventory', hours: [] },
      ],
    };
    expect(show(openIntervalsOn(business, '2026-12-20'))).toEqual([['2026-12-20T15:00:00.000Z', '2026-12-20T21:00:00.000Z']]);
    expect(openIntervalsOn(business, '2026-12-22')).toEqual([]);
    expect(closureOn(business, '2026-12-22')).toEqual({ date: '2026-12-22', name: 'Inventory' });
  });
});

describe('staffIntervalsOn', () => {
  it.each<[string, string, string, string[][]]>([
    ['the lead stylist on a Tuesday', 'lead', '2026-03-10', [['2026-03-10T13:00:00.000Z', '2026-03-10T23:00:00.000Z']]],
    ['the barber on a Tuesday, a day off', 'barber', '2026-03-10', []],
    ['the barber on a Wednesday', 'barber', '2026-03-11', [['2026-03-11T13:00:00.000Z', '2026-03-11T23:00:00.000Z']]],
    ['the barber on Christmas Eve, shortened by the special hours', 'barber', '2026-12-24', [['2026-12-24T14:00:00.000Z', '2026-12-24T19:00:00.000Z']]],
    ['the barber on Thanksgiving', 'barber', '2026-11-26', []],
    ['someone who does not work here', 'nobody', '2026-03-11', []],
  ])('%s', (_label, staffId, date, expected) => {
    expect(show(staffIntervalsOn(demo, staffId, date))).toEqual(expected);
  });

  it('keeps a staff member with a shorter day inside it, and never outside open hours', () => {
    const business = {
      ...demo,
      staff: [
        ...demo.staff,
        {
          id: 'junior',
          name: 'Junior stylist',
          aliases: [],
          services: ['haircut'],
          hours: { thu: [{ from: '12:00', to: '16:00' }], fri: [{ from: '07:00', to: '21:00' }] },
        },
      ],
    };
    expect(show(staffIntervalsOn(business, 'junior', '2026-03-12'))).toEqual([['2026-03-12T16:00:00.000Z', '2026-03-12T20:00:00.000Z']]);
    expect(show(staffIntervalsOn(business, 'junior', '2026-03-13'))).toEqual([['2026-03-13T13:00:00.000Z', '2026-03-13T23:00:00.000Z']]);
  });
});

describe('isOpenAt and openIntervalAt', () => {
  it.each<[string, Business, string, boolean]>([
    ['08:59 on a salon Tuesday', demo, '2026-03-10T12:59:00.000Z', false],
    ['09:00 on a salon Tuesday (start is inside)', demo, '2026-03-10T13:00:00.000Z', true],
    ['18:59 on a salon Tuesday', demo, '2026-03-10T22:59:00.000Z', true],
    ['19:00 on a salon Tuesday (end is outside)', demo, '2026-03-10T23:00:00.000Z', false],
    ['noon on a Monday', demo, '2026-03-09T16:00:00.000Z', false],
    ['noon on Thanksgiving', demo, '2026-11-26T17:00:00.000Z', false],
    ['13:59 on Christmas Eve', demo, '2026-12-24T18:59:00.000Z', true],
    ['14:00 on Christmas Eve', demo, '2026-12-24T19:00:00.000Z', false],
    ['01:00 Saturday, inside Friday night', nightOwl, '2026-03-14T05:00:00.000Z', true],
    ['02:00 Saturday, when Friday night ends', nightOwl, '2026-03-14T06:00:00.000Z', false],
    ['17:59 Friday', nightOwl, '2026-03-13T21:59:00.000Z', false],
    ['the first 01:30 of fall-back night', earlySunday, '2026-11-01T05:30:00.000Z', true],
    ['the second 01:30 of fall-back night', earlySunday, '2026-11-01T06:30:00.000Z', true],
    ['04:59 EST on fall-back day', earlySunday, '2026-11-01T09:59:00.000Z', true],
    ['05:00 EST on fall-back day', earlySunday, '2026-11-01T10:00:00.000Z', false],
  ])('%s: %s', (_label, business, instant, open) => {
    expect(isOpenAt(business, at(instant))).toBe(open);
  });

  it("returns Friday night's interval for 01:00 on Saturday", () => {
    const hit = openIntervalAt(nightOwl, at('2026-03-14T05:00:00.000Z'));
    expect(hit && show([hit])).toEqual([['2026-03-13T22:00:00.000Z', '2026-03-14T06:00:00.000Z']]);
    expect(openIntervalAt(nightOwl, at('2026-03-14T06:00:00.000Z'))).toBeNull();
  });
});

describe('nextOpening', () => {
  it.each<[string, Business, string, string | null]>([
    ['after Saturday closing, skips Sunday and Monday', demo, '2026-03-07T22:30:00.000Z', '2026-03-10T13:00:00.000Z'],
    ['on Thanksgiving eve, skips Thanksgiving', demo, '2026-11-26T01:00:00.000Z', '2026-11-27T14:00:00.000Z'],
    ['while open, the next day', demo, '2026-03-10T14:00:00.000Z', '2026-03-11T13:00:00.000Z'],
    ['exactly at opening, the next one after it', demo, '2026-03-10T13:00:00.000Z', '2026-03-11T13:00:00.000Z'],
    ['early on a Tuesday, the same morning', demo, '2026-03-10T10:00:00.000Z', '2026-03-10T13:00:00.000Z'],
    ['a bar on Saturday 01:00, Saturday evening', nightOwl, '2026-03-14T05:00:00.000Z', '2026-03-14T22:00:00.000Z'],
    ['a half-hour offset zone on a Sunday', kolkata, '2026-03-08T06:00:00.000Z', '2026-03-09T04:30:00.000Z'],
  ])('%s', (_label, business, instant, expected) => {
    const next = nextOpening(business, at(instant));
    expect(next === null ? null : iso(next)).toBe(expected);
  });

  it('gives up after the days it may search, and for a business with no hours', () => {
    expect(nextOpening(demo, at('2026-03-07T22:30:00.000Z'), 2)).toBeNull();
    expect(nextOpening(oneChairBusiness(NY, {}), at('2026-03-07T22:30:00.000Z'))).toBeNull();
  });
});

describe('closureOn and isClosedDay', () => {
  it.each<[string, string | null, boolean]>([
    ['2026-11-26', 'Thanksgiving', true],
    ['2026-12-25', 'Christmas', true],
    ['2027-11-25', 'Thanksgiving', true],
    ['2026-12-24', null, false],
    ['2026-03-09', null, true],
    ['2026-03-08', null, true],
    ['2026-03-10', null, false],
  ])('%s: closure %s, closed all day %s', (date, name, closed) => {
    expect(closureOn(demo, date)?.name ?? null).toBe(name);
    expect(isClosedDay(demo, date)).toBe(closed);
  });
});

describe('fitInHours', () => {
  const span = (start: string, minutes: number): Interval => ({ start: at(start), end: at(start) + minutes * 60_000 });
  const earlyClose = { ...demo, closures: [...demo.closures, { date: '2026-03-13', name: 'Staff party', from: '17:00', to: '19:00' }] };
  const training = { ...demo, closures: [...demo.closures, { date: '2026-03-12', name: 'Staff training', from: '12:00', to: '14:00' }] };

  it.each<[string, Business, string, string, number, HoursFit]>([
    ['inside the day', demo, '2026-03-10', '2026-03-10T19:00:00.000Z', 30, { fits: true }],
    ['ending exactly at the close', demo, '2026-03-10', '2026-03-10T22:30:00.000Z', 30, { fits: true }],
    ['a closed Monday', demo, '2026-03-09', '2026-03-09T15:00:00.000Z', 30, { fits: false, why: 'closed' }],
    ['before opening', demo, '2026-03-10', '2026-03-10T12:45:00.000Z', 30, { fits: false, why: 'before_opening', opensAt: at('2026-03-10T13:00:00.000Z') }],
    ['at the close', demo, '2026-03-10', '2026-03-10T23:00:00.000Z', 30, { fits: false, why: 'after_closing', closesAt: at('2026-03-10T23:00:00.000Z') }],
    ['running past the close', demo, '2026-03-14', '2026-03-14T20:00:00.000Z', 90,
      { fits: false, why: 'runs_past_close', closesAt: at('2026-03-14T21:00:00.000Z'), lastClose: true, closure: null }],
    ['running past a close brought forward by a part-day closure', earlyClose, '2026-03-13', '2026-03-13T20:45:00.000Z', 30,
      { fits: false, why: 'runs_past_close', closesAt: at('2026-03-13T21:00:00.000Z'), lastClose: true, closure: earlyClose.closures[earlyClose.closures.length - 1] }],
    ['running into a part-day closure', training, '2026-03-12', '2026-03-12T15:45:00.000Z', 30,
      { fits: false, why: 'runs_past_close', closesAt: at('2026-03-12T16:00:00.000Z'), lastClose: false, closure: training.closures[training.closures.length - 1] }],
    ['inside a part-day closure', training, '2026-03-12', '2026-03-12T16:30:00.000Z', 30,
      { fits: false, why: 'between_hours', reopensAt: at('2026-03-12T18:00:00.000Z'), closure: training.closures[training.closures.length - 1] }],
    ['in a split shift\'s break', splitShift, '2026-03-10', '2026-03-10T16:30:00.000Z', 30,
      { fits: false, why: 'between_hours', reopensAt: at('2026-03-10T17:00:00.000Z'), closure: null }],
    ['past 01:30 on the Saturday night before fall back', splitSunday, '2026-10-31', '2026-11-01T05:15:00.000Z', 30,
      { fits: false, why: 'runs_past_close', closesAt: at('2026-11-01T05:30:00.000Z'), lastClose: true, closure: null }],
    ['before 10:00 IST in Kolkata', kolkata, '2026-03-09', '2026-03-09T04:15:00.000Z', 30,
      { fits: false, why: 'before_opening', opensAt: at('2026-03-09T04:30:00.000Z') }],
  ])('%s', (_label, business, date, start, minutes, expected) => {
    expect(fitInHours(business, date, span(start, minutes))).toEqual(expected);
  });
});

describe("a day's hours, computed once per business and date", () => {
  it('answers a reloaded business (a new object) from its own hours, not the cached ones', () => {
    const before = oneChairBusiness(NY, { tue: [{ from: '09:00', to: '17:00' }] });
    expect(show(openIntervalsOn(before, '2026-03-10'))).toEqual([['2026-03-10T13:00:00.000Z', '2026-03-10T21:00:00.000Z']]);
    const reloaded: Business = { ...before, hours: { tue: [{ from: '10:00', to: '12:00' }] } };
    expect(show(openIntervalsOn(reloaded, '2026-03-10'))).toEqual([['2026-03-10T14:00:00.000Z', '2026-03-10T16:00:00.000Z']]);
    expect(show(openIntervalsOn(before, '2026-03-10'))).toEqual([['2026-03-10T13:00:00.000Z', '2026-03-10T21:00:00.000Z']]);
  });

  it('hands out the same frozen intervals each time, so no caller can change another turn\'s hours', () => {
    const first = openIntervalsOn(demo, '2026-03-10');
    expect(openIntervalsOn(demo, '2026-03-10')).toBe(first);
    expect(Object.isFrozen(first) && first.every((i) => Object.isFrozen(i))).toBe(true);
    expect(staffIntervalsOn(demo, 'lead', '2026-03-10')).toBe(staffIntervalsOn(demo, 'lead', '2026-03-10'));
  });
});
