import { DateTime } from 'luxon';
import {
  DEFAULT_HANDOFF_SETTINGS,
  averageHandlingMinutes,
  compareServingOrder,
  estimateWait,
  handoffSettingsOf,
  hasTimedOut,
  maskAddress,
  minutesBetween,
  shouldNudge,
  shouldTellMovedUp,
} from '../../bot/domain/handoff';
import type { HandoffSettings } from '../../bot/domain/types';
import { demoBusiness } from '../helpers/business';

const ZONE = 'America/New_York';
const local = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toMillis();
const isoLocal = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toUTC().toISO() as string;
const settings: HandoffSettings = { ...DEFAULT_HANDOFF_SETTINGS };

describe('serving order', () => {
  it('serves urgent requests first, then in order of request, the ticket number breaking ties', () => {
    const tickets = [
      { id: 'late', urgent: false, createdAt: '2026-03-10T15:05:00.000Z', number: 3 },
      { id: 'urgent-late', urgent: true, createdAt: '2026-03-10T15:09:00.000Z', number: 5 },
      { id: 'early', urgent: false, createdAt: '2026-03-10T15:00:00.000Z', number: 1 },
      { id: 'tie-second', urgent: false, createdAt: '2026-03-10T15:05:00.000Z', number: 4 },
      { id: 'urgent-early', urgent: true, createdAt: '2026-03-10T15:07:00.000Z', number: 2 },
    ];
    expect([...tickets].sort(compareServingOrder).map((t) => t.id)).toEqual(['urgent-early', 'urgent-late', 'early', 'late', 'tie-second']);
  });
});

describe('wait estimate', () => {
  const business = demoBusiness();

  it('uses the default handling time without history and the mean of the recent ones with it', () => {
    expect(averageHandlingMinutes([], settings)).toBe(10);
    expect(averageHandlingMinutes([6, 10, 14].map((m) => m * 60_000), settings)).toBe(10);
    // Only the newest `averageOver` count.
    expect(averageHandlingMinutes([4, 8, 60].map((m) => m * 60_000), { ...settings, averageOver: 2 })).toBe(6);
    expect(averageHandlingMinutes([Number.NaN, -5], settings)).toBe(10);
  });

  it.each([
    [0, 0],
    [1, 8],
    [2, 16],
    [3, 24],
  ])('while open, %i people ahead at 8 minutes each is %i minutes', (ahead, minutes) => {
    expect(estimateWait(business, ahead, 8, local('2026-03-10T10:00'))).toEqual({ minutes, afterHours: false, opensAt: null });
  });

  it.each([
    // Saturday evening before the spring-forward Sunday: Sat 20:00 EST to Tue 09:00 EDT is 60 hours, not 61.
    ['2026-03-07T20:00', '2026-03-10T09:00', 60 * 60],
    // Saturday evening before the fall-back Sunday: Sat 20:00 EDT to Tue 09:00 EST is 62 hours.
    ['2026-10-31T20:00', '2026-11-03T09:00', 62 * 60],
    // Early on an open day: until 09:00 the same day.
    ['2026-03-12T07:30', '2026-03-12T09:00', 90],
  ])('after hours at %s, counts from the opening at %s', (now, opening, untilOpen) => {
    const wait = estimateWait(business, 2, 10, local(now));
    expect(wait).toEqual({ minutes: untilOpen + 20, afterHours: true, opensAt: local(opening) });
  });
});

describe('telling clients and staff', () => {
  const at = local('2026-03-10T10:00');

  it.each([
    ['never told a place', null, null, 1, false],
    ['same place as told', 2, '2026-03-10T09:50', 2, false],
    ['moved up, last told long enough ago', 3, '2026-03-10T09:55', 2, true],
    ['moved up, but told under 5 minutes ago', 3, '2026-03-10T09:56', 2, false],
  ] as const)('%s', (_label, told, toldAt, position, expected) => {
    const ticket = { lastNotifiedPosition: told, lastNotifiedAt: toldAt === null ? null : isoLocal(toldAt) };
    expect(shouldTellMovedUp(ticket, position, settings, at)).toBe(expected);
  });

  it('nudges staff after the configured minutes while open, then again as often, never while closed', () => {
    const created = isoLocal('2026-03-10T09:45');
    expect(shouldNudge(demoBusiness(), { createdAt: created, nudgedAt: null }, settings, local('2026-03-10T09:54'))).toBe(false);
    expect(shouldNudge(demoBusiness(), { createdAt: created, nudgedAt: null }, settings, local('2026-03-10T09:55'))).toBe(true);
    expect(shouldNudge(demoBusiness(), { createdAt: created, nudgedAt: isoLocal('2026-03-10T09:55') }, settings, local('2026-03-10T10:04'))).toBe(false);
    expect(shouldNudge(demoBusiness(), { createdAt: created, nudgedAt: isoLocal('2026-03-10T09:55') }, settings, local('2026-03-10T10:05'))).toBe(true);
    // Sunday: closed, nobody to nudge.
    expect(shouldNudge(demoBusiness(), { createdAt: isoLocal('2026-03-08T09:00'), nudgedAt: null }, settings, local('2026-03-08T12:00'))).toBe(false);
  });

  it('times a waiting ticket out after the configured minutes', () => {
    const created = isoLocal('2026-03-10T10:00');
    expect(hasTimedOut({ createdAt: created }, settings, local('2026-03-11T09:59'))).toBe(false);
    expect(hasTimedOut({ createdAt: created }, settings, local('2026-03-11T10:00'))).toBe(true);
  });

  it('counts whole minutes waited', () => {
    expect(minutesBetween(isoLocal('2026-03-10T10:00'), local('2026-03-10T10:07') + 59_000)).toBe(7);
    expect(minutesBetween(isoLocal('2026-03-10T10:00'), local('2026-03-10T09:00'))).toBe(0);
  });
});

describe('settings and addresses', () => {
  it('fills settings the owner left out with defaults', () => {
    const business = { ...demoBusiness(), handoff: { nudgeAfterMinutes: 3 } };
    expect(handoffSettingsOf(business)).toEqual({ ...DEFAULT_HANDOFF_SETTINGS, nudgeAfterMinutes: 3 });
    expect(handoffSettingsOf(demoBusiness())).toEqual(DEFAULT_HANDOFF_SETTINGS);
  });

  it.each([
    ['+15555550101', '+•••••••0101'],
    ['+447700900123', '+••••••••0123'],
    ['emulator:user-1', 'emulator:user-1'],
  ])('masks %s as %s', (address, masked) => {
    expect(maskAddress(address)).toBe(masked);
  });
});
