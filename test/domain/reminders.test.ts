import { DateTime } from 'luxon';
import {
  DEFAULT_QUIET_HOURS,
  isQuiet,
  nextAllowedTime,
  planReminders,
  reminderKind,
  type QuietHours,
} from '../../bot/domain/reminders';

const NY = 'America/New_York';
const ms = (local: string, zone = NY) => DateTime.fromISO(local, { zone }).toMillis();
const show = (at: number, zone = NY) => DateTime.fromMillis(at, { zone }).toISO({ suppressMilliseconds: true });

describe('quiet hours', () => {
  it.each<[string, string, boolean, string]>([
    ['an ordinary afternoon', '2026-03-10T15:00', false, '2026-03-10T15:00:00-04:00'],
    ['the first allowed minute', '2026-03-10T08:00', false, '2026-03-10T08:00:00-04:00'],
    ['the last allowed minute', '2026-03-10T20:59', false, '2026-03-10T20:59:00-04:00'],
    ['9 PM sharp', '2026-03-10T21:00', true, '2026-03-11T08:00:00-04:00'],
    ['late evening', '2026-03-10T23:30', true, '2026-03-11T08:00:00-04:00'],
    ['just after midnight', '2026-03-11T00:10', true, '2026-03-11T08:00:00-04:00'],
    ['early morning', '2026-03-11T07:59', true, '2026-03-11T08:00:00-04:00'],
    // 2026-03-08: clocks skip 02:00-03:00; the night is one hour shorter, 08:00 is EDT.
    ['the night of the spring change', '2026-03-07T22:00', true, '2026-03-08T08:00:00-04:00'],
    ['the spring change morning', '2026-03-08T03:30', true, '2026-03-08T08:00:00-04:00'],
    // 2026-11-01: 01:00-02:00 happens twice; 08:00 is EST.
    ['the night of the autumn change', '2026-10-31T23:00', true, '2026-11-01T08:00:00-05:00'],
    ['the repeated hour', '2026-11-01T01:30', true, '2026-11-01T08:00:00-05:00'],
    ['the autumn change evening', '2026-11-01T21:15', true, '2026-11-02T08:00:00-05:00'],
  ])('%s (%s) quiet=%s, next allowed %s', (_name, localTime, quiet, next) => {
    const at = ms(localTime);
    expect(isQuiet(at, NY, DEFAULT_QUIET_HOURS)).toBe(quiet);
    expect(show(nextAllowedTime(at, NY, DEFAULT_QUIET_HOURS))).toBe(next);
  });

  it('reads the clock in the zone it is given, not the host zone', () => {
    const at = Date.parse('2026-03-10T02:00:00Z'); // 22:00 in New York, 07:30 in Kolkata
    expect(isQuiet(at, NY, DEFAULT_QUIET_HOURS)).toBe(true);
    expect(isQuiet(at, 'Asia/Kolkata', DEFAULT_QUIET_HOURS)).toBe(true);
    expect(show(nextAllowedTime(at, 'Asia/Kolkata', DEFAULT_QUIET_HOURS), 'Asia/Kolkata')).toBe('2026-03-10T08:00:00+05:30');
    expect(isQuiet(Date.parse('2026-03-10T03:00:00Z'), 'Asia/Kolkata', DEFAULT_QUIET_HOURS)).toBe(false);
  });

  it.each<[QuietHours, string, boolean, string]>([
    [{ from: '12:00', to: '13:00' }, '2026-03-10T12:30', true, '2026-03-10T13:00:00-04:00'],
    [{ from: '12:00', to: '13:00' }, '2026-03-10T13:00', false, '2026-03-10T13:00:00-04:00'],
    [{ from: '22:00', to: '24:00' }, '2026-03-10T23:00', true, '2026-03-11T00:00:00-04:00'],
    [{ from: '09:00', to: '09:00' }, '2026-03-10T09:00', false, '2026-03-10T09:00:00-04:00'],
  ])('honours configured quiet hours %o at %s', (quiet, localTime, isQuietNow, next) => {
    expect(isQuiet(ms(localTime), NY, quiet)).toBe(isQuietNow);
    expect(show(nextAllowedTime(ms(localTime), NY, quiet))).toBe(next);
  });
});

describe('reminder plans', () => {
  const DAY = [{ beforeMinutes: 1440 }];
  const TWO_HOURS = [{ beforeMinutes: 120 }];
  const booked = ms('2026-03-01T10:00');

  type Expectation = string | 'quiet_hours' | 'booked_after_due';
  it.each<[string, string, { beforeMinutes: number }[], Expectation]>([
    ['24 hours before an afternoon start', '2026-03-12T15:00', DAY, '2026-03-11T15:00:00-04:00'],
    ['24 hours before a 9 AM start', '2026-03-12T09:00', DAY, '2026-03-11T09:00:00-04:00'],
    ['2 hours before a 3 PM start', '2026-03-12T15:00', TWO_HOURS, '2026-03-12T13:00:00-04:00'],
    ['2 hours before 9:30 moves to 08:00', '2026-03-12T09:30', TWO_HOURS, '2026-03-12T08:00:00-04:00'],
    ['2 hours before 9:00 moves to 08:00, half the lead left', '2026-03-12T09:00', TWO_HOURS, '2026-03-12T08:00:00-04:00'],
    ['2 hours before 8:30 would come too late', '2026-03-12T08:30', TWO_HOURS, 'quiet_hours'],
    ['a day before a 7:30 AM start moves to 8:00 the day before', '2026-03-12T07:30', DAY, '2026-03-11T08:00:00-04:00'],
    // The day after the spring change: same local time the day before, which is 23 real hours.
    ['a day before, across the spring change', '2026-03-08T10:00', DAY, '2026-03-07T10:00:00-05:00'],
    ['a day before, the morning after the spring change', '2026-03-09T10:00', DAY, '2026-03-08T10:00:00-04:00'],
    ['2 hours before, on the spring change day', '2026-03-08T11:00', TWO_HOURS, '2026-03-08T09:00:00-04:00'],
    ['a day before, across the autumn change', '2026-11-01T10:00', DAY, '2026-10-31T10:00:00-04:00'],
    ['a day before, the day after the autumn change', '2026-11-02T10:00', DAY, '2026-11-01T10:00:00-05:00'],
    ['2 hours before, on the autumn change day', '2026-11-01T10:00', TWO_HOURS, '2026-11-01T08:00:00-05:00'],
  ])('%s (%s)', (_name, start, rules, expected) => {
    const [plan] = planReminders({ start: ms(start), bookedAt: booked }, rules, NY, DEFAULT_QUIET_HOURS);
    if (expected === 'quiet_hours' || expected === 'booked_after_due') {
      expect(plan).toMatchObject({ kind: reminderKind(rules[0]!), skip: expected });
    } else {
      expect(plan && !('skip' in plan) ? show(plan.dueAt) : plan).toBe(expected);
    }
  });

  it('carries a reminder that quiet hours hold too late with when it could go and when it stops being useful', () => {
    const [plan] = planReminders({ start: ms('2026-03-12T08:30'), bookedAt: booked }, TWO_HOURS, NY, DEFAULT_QUIET_HOURS);
    expect(plan).toEqual({ kind: 'before-120', skip: 'quiet_hours', dueAt: ms('2026-03-12T08:00'), latestAt: ms('2026-03-12T07:30') });
  });

  it('skips a reminder whose time had passed when the appointment was booked', () => {
    const start = ms('2026-03-12T15:00');
    const plans = planReminders(
      { start, bookedAt: ms('2026-03-12T09:00') },
      [{ beforeMinutes: 1440 }, { beforeMinutes: 120 }],
      NY,
      DEFAULT_QUIET_HOURS,
    );
    expect(plans).toEqual([
      { kind: 'before-1440', skip: 'booked_after_due' },
      { kind: 'before-120', dueAt: ms('2026-03-12T13:00'), latestAt: ms('2026-03-12T14:00') },
    ]);
  });

  it('gives each rule its own kind and a latest time of half its lead', () => {
    const start = ms('2026-03-12T15:00');
    expect(planReminders({ start, bookedAt: booked }, [{ beforeMinutes: 1440 }], NY, DEFAULT_QUIET_HOURS)).toEqual([
      { kind: 'before-1440', dueAt: ms('2026-03-11T15:00'), latestAt: start - 12 * 3600_000 },
    ]);
  });
});
