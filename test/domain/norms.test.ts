import { closedPeriodKey, hoursContextAt, lastClosing, onCallAt } from '../../bot/domain/norms';
import type { Business, OnCallEntry } from '../../bot/domain/types';
import { demoBusiness, oneChairBusiness } from '../helpers/business';

const NY = 'America/New_York';
const at = (instant: string): number => Date.parse(instant);
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

const shift = (name: string, days: OnCallEntry['days'], from: string, to: string): OnCallEntry => ({
  name,
  days,
  hours: { from, to },
  phone: '+15555550100',
  slackUserId: null,
});

/** The demo salon with a night rotation: Alex Tue–Fri nights, Sam Saturday night into Monday. */
const salon: Business = {
  ...demoBusiness(),
  norms: {
    firstContact: '',
    urgentKeywords: ['emergency'],
    onCall: [
      shift('Alex', ['tue', 'wed', 'thu', 'fri'], '19:00', '09:00'),
      shift('Sam', ['sat'], '17:00', '24:00'),
      shift('Sam', ['sun'], '00:00', '24:00'),
      shift('Sam', ['mon'], '00:00', '09:00'),
    ],
  },
};
/** A bar open 18:00–02:00 Fridays and Saturdays. */
const bar = oneChairBusiness(NY, { fri: [{ from: '18:00', to: '02:00' }], sat: [{ from: '18:00', to: '02:00' }] });

describe('hoursContextAt', () => {
  it.each<[string, Business, string, { open: boolean; start?: string | null; closesAt?: string; opensAt: string | null }]>([
    ['a Tuesday morning in open hours', salon, '2026-03-10T14:00:00.000Z', { open: true, closesAt: '2026-03-10T23:00:00.000Z', opensAt: '2026-03-11T13:00:00.000Z' }],
    ['Sunday of spring forward, closed since Saturday 17:00 EST', salon, '2026-03-08T15:00:00.000Z', { open: false, start: '2026-03-07T22:00:00.000Z', opensAt: '2026-03-10T13:00:00.000Z' }],
    ['Sunday of fall back, closed since Saturday 17:00 EDT', salon, '2026-11-01T15:00:00.000Z', { open: false, start: '2026-10-31T21:00:00.000Z', opensAt: '2026-11-03T14:00:00.000Z' }],
    ['Thanksgiving, closed since Wednesday evening', salon, '2026-11-26T17:00:00.000Z', { open: false, start: '2026-11-26T00:00:00.000Z', opensAt: '2026-11-27T14:00:00.000Z' }],
    ['Christmas Eve after the early close', salon, '2026-12-24T20:00:00.000Z', { open: false, start: '2026-12-24T19:00:00.000Z', opensAt: '2026-12-26T14:00:00.000Z' }],
    ['a bar at 01:00 Saturday, still in Friday night', bar, '2026-03-14T05:00:00.000Z', { open: true, closesAt: '2026-03-14T06:00:00.000Z', opensAt: '2026-03-14T22:00:00.000Z' }],
    ['a bar at 03:00 Sunday of spring forward, closed since 02:00', bar, '2026-03-08T07:30:00.000Z', { open: false, start: '2026-03-08T07:00:00.000Z', opensAt: '2026-03-13T22:00:00.000Z' }],
  ])('%s', (_label, business, instant, expected) => {
    const ctx = hoursContextAt(business, at(instant));
    expect(ctx.open).toBe(expected.open);
    expect(iso(ctx.opensAt)).toBe(expected.opensAt);
    if (ctx.open) expect(iso(ctx.closesAt)).toBe(expected.closesAt);
    else expect(iso(ctx.start)).toBe(expected.start);
  });

  it('names one closed period the same from its first minute to its last, and the next one differently', () => {
    const saturdayNight = hoursContextAt(salon, at('2026-03-07T22:00:00.000Z'));
    const mondayEvening = hoursContextAt(salon, at('2026-03-10T00:30:00.000Z'));
    const tuesdayNight = hoursContextAt(salon, at('2026-03-11T02:00:00.000Z'));
    if (saturdayNight.open || mondayEvening.open || tuesdayNight.open) throw new Error('expected closed');
    expect(closedPeriodKey(saturdayNight)).toBe(closedPeriodKey(mondayEvening));
    expect(closedPeriodKey(tuesdayNight)).not.toBe(closedPeriodKey(saturdayNight));
  });

  it('keys a period by its next opening when the business never opened in the lookback', () => {
    const newShop = oneChairBusiness(NY, {}, { specialHours: [{ date: '2026-06-01', hours: [{ from: '10:00', to: '16:00' }] }] });
    expect(lastClosing(newShop, at('2026-03-10T12:00:00.000Z'))).toBeNull();
    const ctx = hoursContextAt(newShop, at('2026-03-10T12:00:00.000Z'));
    if (ctx.open) throw new Error('expected closed');
    expect(closedPeriodKey(ctx)).toBe('closed-until:2026-06-01T14:00:00.000Z');
  });
});

describe('onCallAt', () => {
  it.each<[string, string, string | null]>([
    ['Tuesday 22:00, Alex on Tuesday night', '2026-03-11T02:00:00.000Z', 'Alex'],
    ['Wednesday 08:59, still Tuesday night', '2026-03-11T12:59:00.000Z', 'Alex'],
    ['Wednesday 09:00, the shift has ended', '2026-03-11T13:00:00.000Z', null],
    ['Saturday 03:00, Friday night runs into Saturday', '2026-03-14T07:00:00.000Z', 'Alex'],
    ['Saturday 12:00, in open hours, nobody on call', '2026-03-14T16:00:00.000Z', null],
    ['03:30 EDT on spring-forward Sunday', '2026-03-08T07:30:00.000Z', 'Sam'],
    ['the second 01:30 on fall-back Sunday', '2026-11-01T06:30:00.000Z', 'Sam'],
    ['Monday 08:00 after fall back', '2026-11-02T13:00:00.000Z', 'Sam'],
  ])('%s: %s', (_label, instant, name) => {
    expect(onCallAt(salon, at(instant))?.name ?? null).toBe(name);
  });

  it('has nobody on call for a business without a rotation', () => {
    expect(onCallAt(demoBusiness(), at('2026-03-11T02:00:00.000Z'))).toBeNull();
  });
});
