// Refusals and offered times from the scheduling service over a real SQLite file, with `now` pinned.
// Texts are judged on their facts (the closing time is named, the closure is named), not exact wording.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { localTimeOf } from '../../bot/domain/time';
import type { Business, StaffInterval } from '../../bot/domain/types';
import type { Stores } from '../../bot/ports/stores';
import { SchedulingService, type CheckOutcome, type Refusal } from '../../bot/services/scheduling-service';
import { openSqliteStores } from '../../bot/store/sqlite';
import type { Rejection } from '../../bot/domain/outcomes';
import { en } from '../../bot/text/en';
import { demoBusiness, oneChairBusiness } from '../helpers/business';

const NY = 'America/New_York';
const at = (instant: string): number => Date.parse(instant);
/** Monday 2026-03-09 12:00 EDT, the day after spring forward; the salon is closed on Mondays. */
const NOW = new Date('2026-03-09T16:00:00.000Z');
const clocks = (slots: StaffInterval[], zone = NY) => slots.map((s) => localTimeOf(s.start, zone));

function refused(outcome: CheckOutcome): Refusal {
  if (outcome.ok) throw new Error(`expected a refusal, got ${JSON.stringify(outcome.slot)}`);
  return outcome;
}

function expectTimeOrderAndSpacing(slots: StaffInterval[], minGapMinutes: number): void {
  for (let i = 1; i < slots.length; i++) {
    expect(slots[i].start).toBeGreaterThan(slots[i - 1].start);
    if (new Date(slots[i].start).toDateString() === new Date(slots[i - 1].start).toDateString()) {
      expect(slots[i].start - slots[i - 1].start).toBeGreaterThanOrEqual(minGapMinutes * 60_000);
    }
  }
}

describe('SchedulingService refusals and offers', () => {
  let dir: string;
  let stores: Stores;
  let business: Business;

  const scheduling = (b: Business = business) => new SchedulingService(b, stores.appointments);
  const say = (r: Rejection) => en.rejection(r);

  async function bookFor(name: string, serviceId: string, start: string, staffId: string | null = null) {
    const client = await stores.clients.findOrCreateByAddress(`console:${name}`, 'console', NOW);
    const booked = await scheduling().book({ clientId: client.id, serviceId, staffId, start: at(start) }, NOW);
    if (!booked.ok) throw new Error(`could not book ${start}: ${booked.rejection.reason}`);
    return booked.appointment;
  }

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'frontdesk-scheduling-'));
    stores = openSqliteStores({ file: path.join(dir, 'frontdesk.sqlite') });
    business = {
      ...demoBusiness(),
      closures: [...demoBusiness().closures, { date: '2026-03-12', name: 'Staff training', from: '12:00', to: '14:00' }],
    };
  });

  afterEach(async () => {
    await stores.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a taken time says taken and offers the nearest free before and after, in time order, then the next day', async () => {
    await bookFor('ana', 'haircut', '2026-03-10T19:00:00.000Z', 'lead');
    const r = refused(await scheduling().check({ serviceId: 'haircut', staffId: 'lead', start: at('2026-03-10T19:00:00.000Z') }, NOW));
    expect(r.rejection.reason).toBe('taken');
    expect(say(r.rejection)).toMatch(/already booked/);
    expect(clocks(r.alternatives)).toEqual(['14:30', '15:30', '15:00']);
    expect(r.alternatives.map((s) => new Date(s.start).toISOString())).toEqual([
      '2026-03-10T18:30:00.000Z',
      '2026-03-10T19:30:00.000Z',
      '2026-03-11T19:00:00.000Z',
    ]);
  });

  it('a 90-minute color at 4:00 on a day closing at 5:00 would run past the 5:00 close, and the last start that fits is offered', async () => {
    const r = refused(await scheduling().check({ serviceId: 'color', start: at('2026-03-14T20:00:00.000Z') }, NOW));
    expect(r.rejection).toMatchObject({ reason: 'runs_past_close', closesAt: at('2026-03-14T21:00:00.000Z') });
    const text = say(r.rejection);
    expect(text).toMatch(/5:00 PM/);
    expect(text).toMatch(/90-minute color/i);
    expect(text).toMatch(/4:00 PM/);
    expect(text).toMatch(/run past/);
    expect(text).not.toMatch(/outside our hours/);
    expect(new Date(r.alternatives[0].start).toISOString()).toBe('2026-03-14T19:30:00.000Z');
    expectTimeOrderAndSpacing(r.alternatives, 60);
  });

  it.each<[string, string, string, RegExp[], RegExp[]]>([
    ['before opening names the opening that day', 'haircut', '2026-03-10T12:00:00.000Z', [/before we open/, /9:00 AM/, /Tue Mar 10/], [/outside our hours/]],
    ['after closing names the closing that day', 'haircut', '2026-03-10T23:30:00.000Z', [/after we close/, /7:00 PM/], [/outside our hours/]],
    ['a Saturday evening names the earlier Saturday close', 'haircut', '2026-03-14T22:00:00.000Z', [/5:00 PM/, /Sat Mar 14/], []],
    ['a weekly closed day says which day', 'haircut', '2026-03-16T15:00:00.000Z', [/closed/, /Mondays/], []],
    ['a time inside a part-day closure names it and its hours', 'haircut', '2026-03-12T16:30:00.000Z', [/closed/, /Staff training/, /12:00 PM/, /2:00 PM/], []],
    ['a haircut running into a part-day closure names it and when it starts', 'haircut', '2026-03-12T15:45:00.000Z', [/Staff training/, /12:00 PM/, /11:45 AM/], []],
    ['a time already gone says it has passed', 'haircut', '2026-03-07T15:00:00.000Z', [/passed/], []],
    ['beyond the horizon says how far ahead and through when', 'haircut', '2026-05-20T15:00:00.000Z', [/60 days/, /Fri May 8/], []],
  ])('%s', async (_label, serviceId, start, facts, notSaid) => {
    const r = refused(await scheduling().check({ serviceId, start: at(start) }, NOW));
    const text = say(r.rejection);
    for (const fact of facts) expect(text).toMatch(fact);
    for (const wrong of notSaid) expect(text).not.toMatch(wrong);
    expectTimeOrderAndSpacing(r.alternatives, 30);
  });

  it('inside the notice says how much notice, and offers only times outside it', async () => {
    const tuesday10am = new Date('2026-03-10T14:00:00.000Z');
    const r = refused(await scheduling().check({ serviceId: 'haircut', start: at('2026-03-10T15:00:00.000Z') }, tuesday10am));
    expect(say(r.rejection)).toMatch(/2 hours.*too soon/);
    expect(r.alternatives.every((s) => s.start >= at('2026-03-10T16:00:00.000Z'))).toBe(true);
    // Tuesday 12:00, the first time outside the notice; then Wednesday around 11:00.
    expect(clocks(r.alternatives)).toEqual(['12:00', '10:30', '11:00']);
  });

  it('a closure day names the closure', async () => {
    const r = refused(await scheduling().check({ serviceId: 'haircut', start: at('2026-11-26T16:00:00.000Z') }, new Date('2026-11-20T15:00:00.000Z')));
    expect(say(r.rejection)).toMatch(/closed on Thu Nov 26 for Thanksgiving/);
    expect(clocks(r.alternatives)).toEqual(['10:30', '11:00', '11:30']);
  });

  it('a date closed by unnamed special hours says that date, not every such weekday', async () => {
    const b = { ...business, specialHours: [...business.specialHours, { date: '2026-03-17', hours: [] }] };
    const r = refused(await scheduling(b).check({ serviceId: 'haircut', start: at('2026-03-17T15:00:00.000Z') }, NOW));
    expect(say(r.rejection)).toMatch(/closed on Tue Mar 17\./);
  });

  it('the staff member asked for being off names them; nobody who does the service being in says so', async () => {
    const off = refused(await scheduling().check({ serviceId: 'haircut', staffId: 'barber', start: at('2026-03-10T19:00:00.000Z') }, NOW));
    expect(say(off.rejection)).toMatch(/barber isn't working/i);
    const noColorOnSaturday = {
      ...business,
      staff: business.staff.map((s) => (s.id === 'lead' ? { ...s, hours: { ...s.hours, sat: undefined } } : s)),
    };
    const nobody = refused(await scheduling(noColorOnSaturday).check({ serviceId: 'color', start: at('2026-03-14T15:00:00.000Z') }, NOW));
    expect(say(nobody.rejection)).toMatch(/No one who does color/);
    expect(say(nobody.rejection)).not.toMatch(/already booked/);
  });

  it('a move gets the same reasons: past the close, a closed day, a taken time', async () => {
    const mine = await bookFor('sam', 'haircut', '2026-03-10T15:00:00.000Z');
    await bookFor('bea', 'haircut', '2026-03-11T19:00:00.000Z', 'lead');
    await bookFor('cy', 'haircut', '2026-03-11T19:00:00.000Z', 'barber');
    const late = await scheduling().reschedule(mine.id, { start: at('2026-03-10T22:45:00.000Z') }, NOW);
    if (late.ok || !late.rejection) throw new Error('expected a refusal');
    expect(late.rejection.reason).toBe('runs_past_close');
    expect(say(late.rejection)).toMatch(/7:00 PM/);
    const monday = await scheduling().reschedule(mine.id, { start: at('2026-03-16T15:00:00.000Z') }, NOW);
    if (monday.ok || !monday.rejection) throw new Error('expected a refusal');
    expect(say(monday.rejection)).toMatch(/closed on Mondays/);
    const taken = await scheduling().reschedule(mine.id, { start: at('2026-03-11T19:00:00.000Z') }, NOW);
    if (taken.ok || !taken.rejection) throw new Error('expected a refusal');
    expect(say(taken.rejection)).toMatch(/just taken|already booked/);
    expect(clocks(taken.alternatives)).toEqual(['14:30', '15:30', '15:00']);
  });

  it('offers a free day spread over it, in time order, not the first three steps', async () => {
    const offer = await scheduling().offer({ serviceId: 'haircut', date: '2026-03-10' }, NOW);
    expect(offer?.date).toBe('2026-03-10');
    expect(clocks(offer!.slots)).toEqual(['09:00', '14:00', '18:30']);
  });

  it('offers a window spread over the window', async () => {
    const offer = await scheduling().offer({ serviceId: 'haircut', date: '2026-03-10', window: { from: '12:00', to: '17:00' } }, NOW);
    expect(clocks(offer!.slots)).toEqual(['12:00', '14:30', '16:45']);
    expectTimeOrderAndSpacing(offer!.slots, 30);
  });

  it('on a spring-forward night a 90-minute color at 4:00 AM would run past the 5:00 AM close, four real hours after midnight', async () => {
    const smallHours = oneChairBusiness(NY, { sun: [{ from: '00:00', to: '05:00' }] });
    const r = refused(await scheduling(smallHours).check({ serviceId: 'color', start: at('2026-03-08T08:00:00.000Z') }, new Date('2026-03-01T12:00:00.000Z')));
    expect(r.rejection).toMatchObject({ reason: 'runs_past_close', closesAt: at('2026-03-08T09:00:00.000Z') });
    expect(say(r.rejection)).toMatch(/4:00 AM.*5:00 AM/);
    // The last color that fits starts at 3:30 EDT; then the next Sunday's nearest 4:00, an hour apart.
    expect(r.alternatives.map((s) => new Date(s.start).toISOString())).toEqual([
      '2026-03-08T07:30:00.000Z',
      '2026-03-15T06:30:00.000Z',
      '2026-03-15T07:30:00.000Z',
    ]);
  });
});

describe('SchedulingService reads only the bookings a question needs', () => {
  let dir: string;
  let stores: Stores;
  const ranges: Array<[string, string]> = [];
  const DAY = 86_400_000;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'frontdesk-scheduling-reads-'));
    stores = openSqliteStores({ file: path.join(dir, 'reads.sqlite') });
    ranges.length = 0;
  });
  afterEach(async () => {
    await stores.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const counted = (): SchedulingService => {
    const inner = stores.appointments;
    const appointments = new Proxy(inner, {
      get(target, property) {
        if (property === 'findBookedBetween') {
          return (from: string, to: string, staffId?: string) => {
            ranges.push([from, to]);
            return inner.findBookedBetween(from, to, staffId);
          };
        }
        return Reflect.get(target, property);
      },
    });
    return new SchedulingService(demoBusiness(), appointments);
  };
  const widestDays = () => Math.max(...ranges.map(([from, to]) => (Date.parse(to) - Date.parse(from)) / DAY));

  it('checks and books a free time from the days around it, not every booking up to the horizon', async () => {
    const service = counted();
    const client = await stores.clients.findOrCreateByAddress('+15555550160', 'sms', NOW);
    const start = at('2026-03-12T19:00:00.000Z');
    expect((await service.check({ serviceId: 'haircut', start, clientId: client.id }, NOW)).ok).toBe(true);
    expect((await service.book({ serviceId: 'haircut', start, clientId: client.id }, NOW)).ok).toBe(true);
    expect(widestDays()).toBeLessThanOrEqual(4);
    expect((await service.offer({ serviceId: 'haircut', date: '2026-03-13' }, NOW))?.date).toBe('2026-03-13');
    expect(widestDays()).toBeLessThanOrEqual(4);
  });

  it('still offers the nearest free times when the asked-for time is taken', async () => {
    const service = counted();
    const business = demoBusiness();
    const start = at('2026-03-12T19:00:00.000Z');
    for (const [i, staffId] of ['lead', 'barber'].entries()) {
      const client = await stores.clients.findOrCreateByAddress(`+1555555017${i}`, 'sms', NOW);
      expect((await stores.appointments.book({ clientId: client.id, serviceId: 'haircut', staffId, start: new Date(start).toISOString(), end: new Date(start + 30 * 60_000).toISOString() }, NOW)).ok).toBe(true);
    }
    const outcome = refused(await service.check({ serviceId: 'haircut', start }, NOW));
    const fromEverything = refused(await new SchedulingService(business, stores.appointments).check({ serviceId: 'haircut', start }, NOW));
    expect(outcome.alternatives).toEqual(fromEverything.alternatives);
    expect(outcome.alternatives.length).toBeGreaterThan(0);
  });
});
