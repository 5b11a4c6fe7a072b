import {
  checkStart,
  firstDayWithSlots,
  freeSlotsOn,
  nearestAlternatives,
  offerSpacing,
  spreadOffer,
  type SlotCheck,
  type SlotQuery,
} from '../../bot/domain/slots';
import { localTimeOf } from '../../bot/domain/time';
import type { Business, StaffInterval } from '../../bot/domain/types';
import { demoBusiness, oneChairBusiness } from '../helpers/business';

const NY = 'America/New_York';
const at = (instant: string): number => Date.parse(instant);
const iso = (ms: number): string => new Date(ms).toISOString();
const starts = (slots: StaffInterval[]): string[] => slots.map((s) => iso(s.start));
const busy = (staffId: string, start: string, end: string): StaffInterval => ({ staffId, start: at(start), end: at(end) });

const demo = demoBusiness();
/** Monday 2026-03-09 12:00 EDT, the day after spring forward; the salon is closed on Mondays. */
const MONDAY_NOON = at('2026-03-09T16:00:00.000Z');

function query(changes: Partial<SlotQuery> = {}): SlotQuery {
  return { business: demo, serviceId: 'haircut', staffId: null, now: MONDAY_NOON, busy: [], ...changes };
}

const earlySunday = oneChairBusiness(NY, { sun: [{ from: '00:00', to: '05:00' }] });
const smallHoursSunday = oneChairBusiness(NY, { sun: [{ from: '01:00', to: '04:00' }] });
const nightOwl = oneChairBusiness(NY, { fri: [{ from: '18:00', to: '02:00' }] });
const kolkata = oneChairBusiness('Asia/Kolkata', {
  mon: [{ from: '10:00', to: '18:00' }],
  tue: [{ from: '10:00', to: '18:00' }],
});
const weekendBar = oneChairBusiness(NY, { fri: [{ from: '18:00', to: '02:00' }], sat: [{ from: '18:00', to: '02:00' }] });
const lunchBreak = oneChairBusiness(NY, { tue: [{ from: '09:00', to: '12:00' }, { from: '13:00', to: '17:00' }] });
const LONG_BEFORE = at('2026-02-01T00:00:00.000Z');

describe('freeSlotsOn', () => {
  it.each<[string, Partial<SlotQuery>, string, number, string | undefined, string | undefined]>([
    ['a haircut with the lead stylist on a full Tuesday', { staffId: 'lead' }, '2026-03-10', 39, '2026-03-10T13:00:00.000Z', '2026-03-10T22:30:00.000Z'],
    ['a haircut with anyone on a Wednesday, one entry per time', {}, '2026-03-11', 39, '2026-03-11T13:00:00.000Z', '2026-03-11T22:30:00.000Z'],
    ['a 90-minute color, which only the lead does', { serviceId: 'color' }, '2026-03-11', 35, '2026-03-11T13:00:00.000Z', '2026-03-11T21:30:00.000Z'],
    ['a 15-minute beard trim with the barber', { serviceId: 'beard-trim', staffId: 'barber' }, '2026-03-12', 40, '2026-03-12T13:00:00.000Z', '2026-03-12T22:45:00.000Z'],
    ['a haircut on Christmas Eve, special hours 09:00–14:00', { now: at('2026-12-20T15:00:00.000Z') }, '2026-12-24', 19, '2026-12-24T14:00:00.000Z', '2026-12-24T18:30:00.000Z'],
    ['a haircut on Thanksgiving', { now: at('2026-11-20T15:00:00.000Z') }, '2026-11-26', 0, undefined, undefined],
    ['a haircut on a Monday', {}, '2026-03-16', 0, undefined, undefined],
    ['the barber on a Tuesday, his day off', { staffId: 'barber' }, '2026-03-10', 0, undefined, undefined],
    ['a color with the barber, who does not do color', { serviceId: 'color', staffId: 'barber' }, '2026-03-11', 0, undefined, undefined],
    ['an unknown service', { serviceId: 'massage' }, '2026-03-11', 0, undefined, undefined],
    ['today, at least two hours ahead (now 10:05)', { now: at('2026-03-10T14:05:00.000Z') }, '2026-03-10', 26, '2026-03-10T16:15:00.000Z', '2026-03-10T22:30:00.000Z'],
    ['the last day of the 60-day horizon, cut at the same time of day', {}, '2026-05-08', 12, '2026-05-08T13:00:00.000Z', '2026-05-08T15:45:00.000Z'],
    ['the day after the horizon', {}, '2026-05-09', 0, undefined, undefined],
    ['yesterday', { now: at('2026-03-11T16:00:00.000Z') }, '2026-03-10', 0, undefined, undefined],
  ])('%s', (_label, changes, date, count, first, last) => {
    const slots = freeSlotsOn(query(changes), date);
    expect(slots).toHaveLength(count);
    expect(slots[0] && iso(slots[0].start)).toBe(first);
    expect(slots[slots.length - 1] && iso(slots[slots.length - 1].start)).toBe(last);
  });

  it('lists slots of the service length on the step grid, sorted', () => {
    const slots = freeSlotsOn(query({ serviceId: 'blowout' }), '2026-03-11');
    for (const [i, s] of slots.entries()) {
      expect(s.end - s.start).toBe(45 * 60_000);
      if (i > 0) expect(s.start - slots[i - 1].start).toBe(15 * 60_000);
    }
    expect(new Set(starts(slots)).size).toBe(slots.length);
  });

  it('gives each time to the first free staff member in config order, and to the next when the first is busy', () => {
    const slots = freeSlotsOn(query({ busy: [busy('lead', '2026-03-11T14:00:00.000Z', '2026-03-11T15:00:00.000Z')] }), '2026-03-11');
    const around = slots.filter((s) => s.start >= at('2026-03-11T13:30:00.000Z') && s.start <= at('2026-03-11T15:00:00.000Z'));
    expect(around.map((s) => [iso(s.start), s.staffId])).toEqual([
      ['2026-03-11T13:30:00.000Z', 'lead'],
      ['2026-03-11T13:45:00.000Z', 'barber'],
      ['2026-03-11T14:00:00.000Z', 'barber'],
      ['2026-03-11T14:15:00.000Z', 'barber'],
      ['2026-03-11T14:30:00.000Z', 'barber'],
      ['2026-03-11T14:45:00.000Z', 'barber'],
      ['2026-03-11T15:00:00.000Z', 'lead'],
    ]);
    expect(slots).toHaveLength(39);
  });

  it('treats bookings as half-open: a slot ending exactly when a booking starts, or starting when it ends, is free', () => {
    const q = query({ staffId: 'lead', busy: [busy('lead', '2026-03-10T15:00:00.000Z', '2026-03-10T15:30:00.000Z')] });
    const slots = starts(freeSlotsOn(q, '2026-03-10'));
    expect(slots).toContain('2026-03-10T14:30:00.000Z');
    expect(slots).not.toContain('2026-03-10T14:45:00.000Z');
    expect(slots).not.toContain('2026-03-10T15:00:00.000Z');
    expect(slots).not.toContain('2026-03-10T15:15:00.000Z');
    expect(slots).toContain('2026-03-10T15:30:00.000Z');
    expect(slots).toHaveLength(36);
  });

  it("ignores another staff member's bookings", () => {
    const q = query({ staffId: 'lead', busy: [busy('barber', '2026-03-10T13:00:00.000Z', '2026-03-10T23:00:00.000Z')] });
    expect(freeSlotsOn(q, '2026-03-10')).toHaveLength(39);
  });

  it('keeps only starts inside a clock window', () => {
    const slots = freeSlotsOn(query(), '2026-03-10', { from: '12:00', to: '17:00' });
    expect(slots).toHaveLength(20);
    expect(iso(slots[0].start)).toBe('2026-03-10T16:00:00.000Z');
    expect(iso(slots[slots.length - 1].start)).toBe('2026-03-10T20:45:00.000Z');
  });

  it('counts real minutes across spring forward: 00:00–05:00 holds four hours of haircuts', () => {
    const slots = freeSlotsOn(query({ business: earlySunday, now: LONG_BEFORE }), '2026-03-08');
    expect(starts(slots)).toEqual([
      '2026-03-08T05:00:00.000Z', '2026-03-08T05:15:00.000Z', '2026-03-08T05:30:00.000Z', '2026-03-08T05:45:00.000Z',
      '2026-03-08T06:00:00.000Z', '2026-03-08T06:15:00.000Z', '2026-03-08T06:30:00.000Z', '2026-03-08T06:45:00.000Z',
      '2026-03-08T07:00:00.000Z', '2026-03-08T07:15:00.000Z', '2026-03-08T07:30:00.000Z', '2026-03-08T07:45:00.000Z',
      '2026-03-08T08:00:00.000Z', '2026-03-08T08:15:00.000Z', '2026-03-08T08:30:00.000Z',
    ]);
    expect(slots.map((s) => localTimeOf(s.start, NY)).slice(6, 10)).toEqual(['01:30', '01:45', '03:00', '03:15']);
    expect(slots.every((s) => s.end - s.start === 30 * 60_000)).toBe(true);
  });

  it.each<[string, Business, string, string, number, string, string]>([
    ['haircuts, 00:00–05:00, fall back (six hours)', earlySunday, '2026-11-01', 'haircut', 23, '2026-11-01T04:00:00.000Z', '2026-11-01T09:30:00.000Z'],
    ['colors, 00:00–05:00, spring forward (four hours)', earlySunday, '2026-03-08', 'color', 11, '2026-03-08T05:00:00.000Z', '2026-03-08T07:30:00.000Z'],
    ['haircuts, 01:00–04:00, spring forward (two hours)', smallHoursSunday, '2026-03-08', 'haircut', 7, '2026-03-08T06:00:00.000Z', '2026-03-08T07:30:00.000Z'],
    ['haircuts, 01:00–04:00, fall back (four hours)', smallHoursSunday, '2026-11-01', 'haircut', 15, '2026-11-01T05:00:00.000Z', '2026-11-01T08:30:00.000Z'],
    ['haircuts, 18:00–02:00 on a Friday, past midnight', nightOwl, '2026-03-13', 'haircut', 31, '2026-03-13T22:00:00.000Z', '2026-03-14T05:30:00.000Z'],
    ['haircuts in Kolkata, 10:00–18:00 IST', kolkata, '2026-03-09', 'haircut', 31, '2026-03-09T04:30:00.000Z', '2026-03-09T12:00:00.000Z'],
  ])('counts %s', (_label, business, date, serviceId, count, first, last) => {
    const slots = freeSlotsOn(query({ business, serviceId, now: LONG_BEFORE }), date);
    expect(slots).toHaveLength(count);
    expect(iso(slots[0].start)).toBe(first);
    expect(iso(slots[slots.length - 1].start)).toBe(last);
    const minutes = business.services.find((s) => s.id === serviceId)?.minutes ?? NaN;
    expect(slots.every((s) => s.end - s.start === minutes * 60_000)).toBe(true);
  });

  it('offers the repeated 01:00 hour twice on fall-back night, as distinct instants', () => {
    const slots = freeSlotsOn(query({ business: earlySunday, now: LONG_BEFORE }), '2026-11-01');
    const oneAm = slots.filter((s) => localTimeOf(s.start, NY) === '01:00');
    expect(starts(oneAm)).toEqual(['2026-11-01T05:00:00.000Z', '2026-11-01T06:00:00.000Z']);
  });

  it('keeps a window past midnight on a night business', () => {
    const slots = freeSlotsOn(query({ business: nightOwl, now: LONG_BEFORE }), '2026-03-13', { from: '23:00', to: '01:00' });
    expect(slots).toHaveLength(8);
    expect(iso(slots[0].start)).toBe('2026-03-14T03:00:00.000Z');
    expect(iso(slots[slots.length - 1].start)).toBe('2026-03-14T04:45:00.000Z');
  });
});

describe('checkStart', () => {
  const wednesdayBothBusy = [
    busy('lead', '2026-03-11T19:00:00.000Z', '2026-03-11T20:00:00.000Z'),
    busy('barber', '2026-03-11T18:45:00.000Z', '2026-03-11T19:15:00.000Z'),
  ];
  const training = { ...demo, closures: [...demo.closures, { date: '2026-03-12', name: 'Staff training', from: '12:00', to: '14:00' }] };

  it.each<[string, Partial<SlotQuery>, string, SlotCheck]>([
    ['a free Tuesday 15:00 goes to the lead stylist', {}, '2026-03-10T19:00:00.000Z',
      { ok: true, slot: { staffId: 'lead', start: at('2026-03-10T19:00:00.000Z'), end: at('2026-03-10T19:30:00.000Z') } }],
    ['an off-grid 15:10 is accepted', {}, '2026-03-10T19:10:00.000Z',
      { ok: true, slot: { staffId: 'lead', start: at('2026-03-10T19:10:00.000Z'), end: at('2026-03-10T19:40:00.000Z') } }],
    ['the barber takes Wednesday 15:00 when the lead is booked',
      { busy: [busy('lead', '2026-03-11T19:00:00.000Z', '2026-03-11T20:00:00.000Z')] }, '2026-03-11T19:00:00.000Z',
      { ok: true, slot: { staffId: 'barber', start: at('2026-03-11T19:00:00.000Z'), end: at('2026-03-11T19:30:00.000Z') } }],
    ['a slot ending as a booking starts is free', { staffId: 'lead', busy: [busy('lead', '2026-03-10T19:30:00.000Z', '2026-03-10T20:00:00.000Z')] },
      '2026-03-10T19:00:00.000Z', { ok: true, slot: { staffId: 'lead', start: at('2026-03-10T19:00:00.000Z'), end: at('2026-03-10T19:30:00.000Z') } }],
    ['Wednesday 15:00 with both chairs booked', { busy: wednesdayBothBusy }, '2026-03-11T19:00:00.000Z', { ok: false, reason: 'taken' }],
    ['Tuesday 15:00 with the lead, who is booked', { staffId: 'lead', busy: [busy('lead', '2026-03-10T19:15:00.000Z', '2026-03-10T19:45:00.000Z')] },
      '2026-03-10T19:00:00.000Z', { ok: false, reason: 'taken' }],
    ['an unknown service', { serviceId: 'massage' }, '2026-03-10T19:00:00.000Z', { ok: false, reason: 'unknown_service' }],
    ['a color with the barber', { serviceId: 'color', staffId: 'barber' }, '2026-03-11T19:00:00.000Z', { ok: false, reason: 'staff_does_not_offer' }],
    ['a time already gone', {}, '2026-03-09T15:00:00.000Z', { ok: false, reason: 'past' }],
    ['an hour from now', { now: at('2026-03-10T14:00:00.000Z') }, '2026-03-10T15:00:00.000Z', { ok: false, reason: 'too_soon' }],
    ['exactly the minimum notice from now', { now: at('2026-03-10T14:00:00.000Z') }, '2026-03-10T16:00:00.000Z',
      { ok: true, slot: { staffId: 'lead', start: at('2026-03-10T16:00:00.000Z'), end: at('2026-03-10T16:30:00.000Z') } }],
    ['beyond the 60-day horizon', {}, '2026-05-09T14:00:00.000Z', { ok: false, reason: 'too_far' }],
    ['a Monday', {}, '2026-03-16T19:00:00.000Z', { ok: false, reason: 'closed' }],
    ['Thanksgiving, naming the closure', { now: at('2026-11-20T15:00:00.000Z') }, '2026-11-26T20:00:00.000Z',
      { ok: false, reason: 'closed', closure: { date: '2026-11-26', name: 'Thanksgiving', translations: { es: { name: 'Día de Acción de Gracias' } } } }],
    ['a haircut running past closing (18:45), naming the 19:00 close', {}, '2026-03-10T22:45:00.000Z',
      { ok: false, reason: 'runs_past_close', edge: at('2026-03-10T23:00:00.000Z') }],
    ['a 90-minute color at 16:00 on a Saturday that closes at 17:00', { serviceId: 'color' }, '2026-03-14T20:00:00.000Z',
      { ok: false, reason: 'runs_past_close', edge: at('2026-03-14T21:00:00.000Z') }],
    ['a 90-minute color at 15:30 on that Saturday ends at the close', { serviceId: 'color' }, '2026-03-14T19:30:00.000Z',
      { ok: true, slot: { staffId: 'lead', start: at('2026-03-14T19:30:00.000Z'), end: at('2026-03-14T21:00:00.000Z') } }],
    ['before opening (08:00), naming the 09:00 opening', {}, '2026-03-10T12:00:00.000Z', { ok: false, reason: 'before_opening', edge: at('2026-03-10T13:00:00.000Z') }],
    ['a haircut at 08:45 that would end after opening is still before opening', {}, '2026-03-10T12:45:00.000Z',
      { ok: false, reason: 'before_opening', edge: at('2026-03-10T13:00:00.000Z') }],
    ['at the closing time itself (19:00)', {}, '2026-03-10T23:00:00.000Z', { ok: false, reason: 'after_closing', edge: at('2026-03-10T23:00:00.000Z') }],
    ['Christmas Eve at 14:00, after the special closing time', { now: at('2026-12-20T15:00:00.000Z') }, '2026-12-24T19:00:00.000Z',
      { ok: false, reason: 'after_closing', edge: at('2026-12-24T19:00:00.000Z') }],
    ['Christmas Eve at 13:30', { now: at('2026-12-20T15:00:00.000Z') }, '2026-12-24T18:30:00.000Z',
      { ok: true, slot: { staffId: 'lead', start: at('2026-12-24T18:30:00.000Z'), end: at('2026-12-24T19:00:00.000Z') } }],
    ['inside a part-day closure, naming it and the reopening', { business: training }, '2026-03-12T16:30:00.000Z',
      { ok: false, reason: 'outside_hours', edge: at('2026-03-12T18:00:00.000Z'), closure: training.closures[training.closures.length - 1] }],
    ['running into a part-day closure', { business: training }, '2026-03-12T15:45:00.000Z',
      { ok: false, reason: 'runs_into_break', edge: at('2026-03-12T16:00:00.000Z'), closure: training.closures[training.closures.length - 1] }],
    ['in a lunch break between two ranges', { business: lunchBreak, now: LONG_BEFORE }, '2026-03-10T16:30:00.000Z',
      { ok: false, reason: 'outside_hours', edge: at('2026-03-10T17:00:00.000Z') }],
    ['running into a lunch break', { business: lunchBreak, now: LONG_BEFORE }, '2026-03-10T15:45:00.000Z',
      { ok: false, reason: 'runs_into_break', edge: at('2026-03-10T16:00:00.000Z') }],
    ['the barber on a Tuesday', { staffId: 'barber' }, '2026-03-10T19:00:00.000Z', { ok: false, reason: 'staff_off' }],
    ['01:00 Saturday at a bar open Friday 18:00–02:00', { business: nightOwl, now: LONG_BEFORE }, '2026-03-14T05:00:00.000Z',
      { ok: true, slot: { staffId: 'solo', start: at('2026-03-14T05:00:00.000Z'), end: at('2026-03-14T05:30:00.000Z') } }],
    ['01:45 Saturday at that bar, running past 02:00', { business: nightOwl, now: LONG_BEFORE }, '2026-03-14T05:45:00.000Z',
      { ok: false, reason: 'runs_past_close', edge: at('2026-03-14T06:00:00.000Z') }],
    ['03:00 Saturday at that bar, after its 02:00 close, rather than "closed on Saturdays"', { business: nightOwl, now: LONG_BEFORE }, '2026-03-14T07:00:00.000Z',
      { ok: false, reason: 'after_closing', edge: at('2026-03-14T06:00:00.000Z') }],
    ['03:00 Saturday at a bar open both nights: last night\'s 02:00 close is nearer than the 18:00 opening', { business: weekendBar, now: LONG_BEFORE }, '2026-03-14T07:00:00.000Z',
      { ok: false, reason: 'after_closing', edge: at('2026-03-14T06:00:00.000Z') }],
    ['15:00 Saturday at that bar: the 18:00 opening is nearer', { business: weekendBar, now: LONG_BEFORE }, '2026-03-14T19:00:00.000Z',
      { ok: false, reason: 'before_opening', edge: at('2026-03-14T22:00:00.000Z') }],
    ['a 90-minute color at 03:30 on spring-forward night ends at the 05:00 close',
      { business: earlySunday, serviceId: 'color', now: LONG_BEFORE }, '2026-03-08T07:30:00.000Z',
      { ok: true, slot: { staffId: 'solo', start: at('2026-03-08T07:30:00.000Z'), end: at('2026-03-08T09:00:00.000Z') } }],
    ['a 90-minute color at 04:00 on spring-forward night runs past the 05:00 close', { business: earlySunday, serviceId: 'color', now: LONG_BEFORE },
      '2026-03-08T08:00:00.000Z', { ok: false, reason: 'runs_past_close', edge: at('2026-03-08T09:00:00.000Z') }],
    ['a 90-minute color from 01:30 across spring forward', { business: earlySunday, serviceId: 'color', now: LONG_BEFORE }, '2026-03-08T06:30:00.000Z',
      { ok: true, slot: { staffId: 'solo', start: at('2026-03-08T06:30:00.000Z'), end: at('2026-03-08T08:00:00.000Z') } }],
    ['the second 01:30 on fall-back night', { business: earlySunday, now: LONG_BEFORE }, '2026-11-01T06:30:00.000Z',
      { ok: true, slot: { staffId: 'solo', start: at('2026-11-01T06:30:00.000Z'), end: at('2026-11-01T07:00:00.000Z') } }],
    ['10:00 IST in Kolkata', { business: kolkata, now: LONG_BEFORE }, '2026-03-09T04:30:00.000Z',
      { ok: true, slot: { staffId: 'solo', start: at('2026-03-09T04:30:00.000Z'), end: at('2026-03-09T05:00:00.000Z') } }],
    ['09:45 IST in Kolkata, before the 10:00 IST opening', { business: kolkata, now: LONG_BEFORE }, '2026-03-09T04:15:00.000Z',
      { ok: false, reason: 'before_opening', edge: at('2026-03-09T04:30:00.000Z') }],
    ['17:45 IST in Kolkata, past the 18:00 IST close', { business: kolkata, now: LONG_BEFORE }, '2026-03-09T12:15:00.000Z',
      { ok: false, reason: 'runs_past_close', edge: at('2026-03-09T12:30:00.000Z') }],
  ])('%s', (_label, changes, start, expected) => {
    expect(checkStart(query(changes), at(start))).toEqual(expected);
  });
});

describe('nearestAlternatives', () => {
  const lead = (start: string, end: string) => busy('lead', start, end);
  const TUESDAY_3PM = at('2026-03-10T19:00:00.000Z');

  // Nearest free start before and at-or-after on the wanted day, then the next open day's starts
  // nearest the same clock time, at least the offer spacing apart (30 minutes for a haircut).
  it.each<[string, Partial<SlotQuery>, number, number | undefined, string[]]>([
    ['the nearest free before and after on the same day, then the next day at the same time, in time order',
      { staffId: 'lead', busy: [lead('2026-03-10T18:00:00.000Z', '2026-03-10T20:00:00.000Z')] },
      TUESDAY_3PM, undefined, ['2026-03-10T17:30:00.000Z', '2026-03-10T20:00:00.000Z', '2026-03-11T19:00:00.000Z']],
    ['before and after around a booking that is not centred on the wanted time', { staffId: 'lead', busy: [lead('2026-03-10T18:15:00.000Z', '2026-03-10T19:45:00.000Z')] },
      TUESDAY_3PM, undefined, ['2026-03-10T17:45:00.000Z', '2026-03-10T19:45:00.000Z', '2026-03-11T19:00:00.000Z']],
    ['only an after on the day, then the next day around the same clock time', { staffId: 'lead', busy: [lead('2026-03-10T13:00:00.000Z', '2026-03-10T22:30:00.000Z')] },
      TUESDAY_3PM, undefined, ['2026-03-10T22:30:00.000Z', '2026-03-11T18:30:00.000Z', '2026-03-11T19:00:00.000Z']],
    ['skips Sunday and Monday after a full Saturday, near 16:00 on Tuesday', { staffId: 'lead', busy: [lead('2026-03-14T13:00:00.000Z', '2026-03-14T21:00:00.000Z')] },
      at('2026-03-14T20:00:00.000Z'), undefined, ['2026-03-17T19:30:00.000Z', '2026-03-17T20:00:00.000Z', '2026-03-17T20:30:00.000Z']],
    ['skips Thanksgiving after a full day before it', { staffId: 'lead', now: at('2026-11-20T15:00:00.000Z'), busy: [lead('2026-11-25T14:00:00.000Z', '2026-11-26T00:00:00.000Z')] },
      at('2026-11-25T20:00:00.000Z'), undefined, ['2026-11-27T19:30:00.000Z', '2026-11-27T20:00:00.000Z', '2026-11-27T20:30:00.000Z']],
    ['moves on to the next day when the wanted day is closed, around the same clock time', { now: at('2026-11-20T15:00:00.000Z') }, at('2026-11-26T20:00:00.000Z'), undefined,
      ['2026-11-27T19:30:00.000Z', '2026-11-27T20:00:00.000Z', '2026-11-27T20:30:00.000Z']],
    ['gives distinct times when either chair could take them', { busy: [lead('2026-03-11T19:00:00.000Z', '2026-03-11T19:30:00.000Z'), busy('barber', '2026-03-11T19:00:00.000Z', '2026-03-11T19:30:00.000Z')] },
      at('2026-03-11T19:00:00.000Z'), undefined, ['2026-03-11T18:30:00.000Z', '2026-03-11T19:30:00.000Z', '2026-03-12T19:00:00.000Z']],
    ['never more than asked for: the nearer of before and after', { staffId: 'lead', busy: [lead('2026-03-10T18:00:00.000Z', '2026-03-10T20:00:00.000Z')] }, TUESDAY_3PM, 1, ['2026-03-10T20:00:00.000Z']],
    ['starts from today when the wanted time is a week gone, near its clock time', {}, at('2026-03-02T19:00:00.000Z'), undefined,
      ['2026-03-10T17:30:00.000Z', '2026-03-10T18:00:00.000Z', '2026-03-10T18:30:00.000Z']],
    ['nothing when asked for none', {}, TUESDAY_3PM, 0, []],
    ['nothing past the horizon', { staffId: 'lead', busy: [lead('2026-05-08T13:00:00.000Z', '2026-05-08T16:00:00.000Z')] }, at('2026-05-08T14:00:00.000Z'), undefined, []],
    ['respects the minimum notice on the same day', { staffId: 'lead', now: at('2026-03-10T17:00:00.000Z'), busy: [lead('2026-03-10T19:00:00.000Z', '2026-03-10T22:00:00.000Z')] },
      TUESDAY_3PM, undefined, ['2026-03-10T22:00:00.000Z', '2026-03-11T18:30:00.000Z', '2026-03-11T19:00:00.000Z']],
    ['a 90-minute color asked at 16:00 on a Saturday closing at 17:00: the last start that fits, then Tuesday an hour apart',
      { serviceId: 'color' }, at('2026-03-14T20:00:00.000Z'), undefined, ['2026-03-14T19:30:00.000Z', '2026-03-17T19:00:00.000Z', '2026-03-17T20:00:00.000Z']],
    ['offers three steps in a row only when that is all there is before the horizon',
      { staffId: 'lead', now: at('2026-03-09T16:00:00.000Z'), busy: [lead('2026-05-08T13:00:00.000Z', '2026-05-08T14:00:00.000Z')] },
      at('2026-05-08T13:00:00.000Z'), undefined, ['2026-05-08T14:00:00.000Z', '2026-05-08T14:30:00.000Z', '2026-05-08T15:00:00.000Z']],
  ])('%s', (_label, changes, wanted, max, expected) => {
    expect(starts(nearestAlternatives(query(changes), wanted, max))).toEqual(expected);
  });

  it('offers four or five when asked, in time order, none closer than the spacing on another day', () => {
    const q = query({ staffId: 'lead', busy: [lead('2026-03-10T18:00:00.000Z', '2026-03-10T20:00:00.000Z')] });
    expect(starts(nearestAlternatives(q, TUESDAY_3PM, 5))).toEqual([
      '2026-03-10T17:30:00.000Z', '2026-03-10T20:00:00.000Z', '2026-03-11T18:30:00.000Z', '2026-03-11T19:00:00.000Z', '2026-03-11T19:30:00.000Z',
    ]);
  });

  it('offers the next Sunday around the same wall-clock time on spring-forward night, spaced in real minutes (01:30 to 03:00 is half an hour)', () => {
    const sundays = oneChairBusiness(NY, { sun: [{ from: '00:00', to: '05:00' }] });
    const q = query({ business: sundays, now: LONG_BEFORE, busy: [busy('solo', '2026-03-01T05:00:00.000Z', '2026-03-01T10:00:00.000Z')] });
    const offered = nearestAlternatives(q, at('2026-03-01T06:30:00.000Z'));
    expect(offered.map((s) => localTimeOf(s.start, NY))).toEqual(['01:00', '01:30', '03:00']);
    expect(starts(offered)).toEqual(['2026-03-08T06:00:00.000Z', '2026-03-08T06:30:00.000Z', '2026-03-08T07:00:00.000Z']);
  });

  it('never offers two times on another day closer than the spacing while others are free', () => {
    for (const serviceId of ['haircut', 'color', 'beard-trim']) {
      const q = query({ serviceId, now: at('2026-11-20T15:00:00.000Z') });
      const offered = nearestAlternatives(q, at('2026-11-26T20:00:00.000Z'));
      const gap = offerSpacing(q);
      expect(offered).toHaveLength(3);
      for (let i = 1; i < offered.length; i++) expect(offered[i].start - offered[i - 1].start).toBeGreaterThanOrEqual(gap);
    }
  });
});

describe('offerSpacing', () => {
  it.each<[string, number, number]>([
    ['beard-trim', 15, 30],
    ['haircut', 15, 30],
    ['blowout', 15, 45],
    ['color', 15, 60],
    ['haircut', 45, 45],
  ])('a %s on a %d-minute grid is offered %d minutes apart', (serviceId, step, minutes) => {
    const business = { ...demo, policy: { ...demo.policy, slotStepMinutes: step } };
    expect(offerSpacing(query({ business, serviceId }))).toBe(minutes * 60_000);
  });
});

describe('spreadOffer', () => {
  const clocks = (business: Business, slots: StaffInterval[]) => slots.map((s) => localTimeOf(s.start, business.zone));

  it.each<[string, Partial<SlotQuery>, string, { from: string; to: string } | null, string[]]>([
    ['a free Tuesday: first, a round time mid-day, last', { staffId: 'lead' }, '2026-03-10', null, ['09:00', '14:00', '18:30']],
    ['an afternoon window', {}, '2026-03-10', { from: '12:00', to: '17:00' }, ['12:00', '14:30', '16:45']],
    ['a 90-minute color on a Saturday', { serviceId: 'color' }, '2026-03-14', null, ['09:00', '12:00', '15:30']],
    ['spring-forward night, 00:00–05:00: the middle lands on the hour after the gap', { business: earlySunday, now: LONG_BEFORE }, '2026-03-08', null, ['00:00', '03:00', '04:30']],
    ['Kolkata, 10:00–18:00 IST', { business: kolkata, now: LONG_BEFORE }, '2026-03-09', null, ['10:00', '14:00', '17:30']],
  ])('%s', (_label, changes, date, window, expected) => {
    const q = query(changes);
    expect(clocks(q.business, spreadOffer(q, freeSlotsOn(q, date, window), 3))).toEqual(expected);
  });

  it('spreads by time, not by index: a morning of free steps and one late slot', () => {
    const q = query({ staffId: 'lead', busy: [lead('2026-03-10T14:30:00.000Z', '2026-03-10T22:00:00.000Z')] });
    const offered = spreadOffer(q, freeSlotsOn(q, '2026-03-10'), 3);
    expect(clocks(demo, offered)).toEqual(['09:00', '10:00', '18:30']);
  });

  it('gives three steps in a row only when that is all there is', () => {
    const q = query({ staffId: 'lead', busy: [lead('2026-03-10T13:45:00.000Z', '2026-03-10T23:00:00.000Z')] });
    const slots = freeSlotsOn(q, '2026-03-10');
    expect(clocks(demo, slots)).toEqual(['09:00', '09:15']);
    expect(clocks(demo, spreadOffer(q, slots, 3))).toEqual(['09:00', '09:15']);
    const three = query({ staffId: 'lead', busy: [lead('2026-03-10T14:00:00.000Z', '2026-03-10T23:00:00.000Z')] });
    expect(clocks(demo, spreadOffer(three, freeSlotsOn(three, '2026-03-10'), 3))).toEqual(['09:00', '09:15', '09:30']);
  });

  function lead(start: string, end: string): StaffInterval {
    return busy('lead', start, end);
  }
});

describe('firstDayWithSlots', () => {
  it.each<[string, Partial<SlotQuery>, string, { from: string; to: string } | null, string | null, number]>([
    ['the next open day from a Monday', {}, '2026-03-09', null, '2026-03-10', 39],
    ['today when a date in the past is asked for', {}, '2026-02-01', null, '2026-03-10', 39],
    ['the day after Thanksgiving', { now: at('2026-11-20T15:00:00.000Z') }, '2026-11-26', null, '2026-11-27', 39],
    ['the next evening with room, skipping a Saturday that closes at 17:00', {}, '2026-03-14', { from: '17:00', to: '19:00' }, '2026-03-17', 7],
    ['none beyond the horizon', {}, '2026-05-09', null, null, 0],
    ['the barber, skipping his Tuesday off', { staffId: 'barber' }, '2026-03-10', null, '2026-03-11', 39],
  ])('finds %s', (_label, changes, fromDate, window, date, count) => {
    const found = firstDayWithSlots(query(changes), fromDate, window);
    expect(found?.date ?? null).toBe(date);
    expect(found?.slots.length ?? 0).toBe(count);
  });
});
