// The staff view's day and week: open hours after closures and special hours, each staff member's
// working hours and appointments as minutes from the local midnight, on ordinary and DST days.
import { loadBusinessConfig } from '../../../bot/config/business-config';
import type { Appointment } from '../../../bot/domain/types';
import { scheduleView, spanOfDays, type ClientLabel } from '../../../channels/webchat/schedule-view';
import { at } from '../../helpers/frontdesk-harness';

const business = loadBusinessConfig();

function appointment(id: string, staffId: string, startLocal: string, minutes: number, status: Appointment['status'] = 'booked'): Appointment {
  const start = at(startLocal);
  return {
    id, clientId: 'c1', serviceId: 'haircut', staffId, start: start.toISOString(), end: new Date(start.getTime() + minutes * 60_000).toISOString(),
    status, createdAt: start.toISOString(), updatedAt: start.toISOString(), rescheduledFrom: null, confirmedAt: null,
  };
}

const clients = new Map<string, ClientLabel>([['c1', { address: '+15551230101', name: null }]]);

describe('scheduleView', () => {
  it('lays out a day: open hours, working hours and booked appointments in local minutes, the client masked', () => {
    const view = scheduleView(business, '2026-03-10', 1, [appointment('a1', 'barber', '2026-03-10T14:00', 30), appointment('a2', 'barber', '2026-03-10T15:00', 30, 'cancelled')], clients, at('2026-03-10T10:30'));
    const [day] = view.days;
    expect(day).toMatchObject({ date: '2026-03-10', title: 'Tuesday, March 10', closure: null, specialHours: null, open: [{ from: 540, to: 1140, label: '9:00 AM – 7:00 PM' }], nowAt: 630 });
    const barber = day!.staff.find((s) => s.id === 'barber')!;
    expect(barber.appointments).toEqual([expect.objectContaining({ id: 'a1', from: 840, to: 870, service: 'Haircut', client: '+•••••••0101' })]);
    expect(day!.window).toEqual({ from: 540, to: 1140 });
  });

  it('marks a closure of part of the day, cut out of the open hours', () => {
    const withMeeting = { ...business, closures: [...business.closures, { date: '2026-03-10', name: 'Staff meeting', from: '12:00', to: '13:00' }] };
    const [day] = scheduleView(withMeeting, '2026-03-10', 1, [], clients, at('2026-03-10T10:00')).days;
    expect(day!.partClosures).toEqual([{ from: 720, to: 780, label: '12:00 PM – 1:00 PM', name: 'Staff meeting' }]);
    expect(day!.open.map((o) => [o.from, o.to])).toEqual([[540, 720], [780, 1140]]);
    expect(day!.closure).toBeNull();
  });

  it('marks a closure and special hours', () => {
    const view = scheduleView(business, '2026-12-24', 2, [], clients, at('2026-12-01T10:00'));
    expect(view.days.map((d) => [d.date, d.closure, d.specialHours, d.open.map((o) => [o.from, o.to])])).toEqual([
      ['2026-12-24', null, { name: 'Christmas Eve' }, [[540, 840]]],
      ['2026-12-25', 'Christmas', null, []],
    ]);
  });

  it('counts minutes from the local midnight on the day the clocks go forward', () => {
    const view = scheduleView(business, '2026-03-07', 2, [appointment('a1', 'lead', '2026-03-07T10:00', 60)], clients, at('2026-03-07T09:00'));
    expect(view.days[0]!.staff.find((s) => s.id === 'lead')!.appointments[0]).toMatchObject({ from: 600, to: 660, label: '10:00 AM – 11:00 AM' });
    const span = spanOfDays(business, '2026-03-08', 1);
    expect(span).toEqual({ from: '2026-03-08T05:00:00.000Z', to: '2026-03-09T04:00:00.000Z' });
  });
});
