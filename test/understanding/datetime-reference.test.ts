import { loadBusinessConfig } from '../../bot/config/business-config';
import { parseZone, resolveNow, withZone } from '../../bot/understanding/reference';

describe('resolveNow', () => {
  test.each([
    ['2026-06-17T14:00', 'America/New_York', '2026-06-17T18:00:00.000Z'],
    ['2026-01-17T14:00', 'America/New_York', '2026-01-17T19:00:00.000Z'],
    ['2026-06-17T14:00:00Z', 'America/New_York', '2026-06-17T14:00:00.000Z'],
    ['2013-02-12T04:30:00-02:00', 'UTC', '2013-02-12T06:30:00.000Z'],
    ['2013-02-12T04:30', 'UTC-2', '2013-02-12T06:30:00.000Z'],
    ['2026-03-08T03:30', 'America/New_York', '2026-03-08T07:30:00.000Z'],
  ])('%s in %s is %s', (now, zone, instant) => {
    expect(resolveNow(now, zone).toISOString()).toBe(instant);
  });

  test('without a value it asks the clock', () => {
    const fixed = new Date('2030-01-01T00:00:00Z');
    expect(resolveNow(undefined, 'UTC', () => fixed)).toBe(fixed);
  });

  test('rejects text that is not a date-time', () => {
    expect(() => resolveNow('next tuesday', 'UTC')).toThrow(/not an ISO date-time/);
  });
});

describe('parseZone', () => {
  test.each([
    ['America/New_York', 'America/New_York'],
    ['UTC', 'UTC'],
    ['gmt', 'UTC'],
    ['UTC-2', 'UTC-2'],
    ['UTC+05:30', 'UTC+5:30'],
    ['+05:30', 'UTC+5:30'],
    ['GMT+1', 'UTC+1'],
  ])('%s -> %s', (zone, name) => {
    expect(parseZone(zone)).toBe(name);
  });

  test.each(['Mars/Olympus', 'UTC+25', ''])('rejects %p with a clear message', (zone) => {
    expect(() => parseZone(zone)).toThrow(/time zone/);
  });
});

test('withZone keeps the business and changes only its zone', () => {
  const demo = loadBusinessConfig();
  const moved = withZone(demo, 'UTC-2');
  expect(moved.zone).toBe('UTC-2');
  expect({ ...moved, zone: demo.zone }).toEqual(demo);
  expect(demo.zone).toBe('America/New_York');
});
