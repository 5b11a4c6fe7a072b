// Ways of writing a date or a clock time the reader learned from the public benchmarks, each as a
// kind (a spaced "p . m .", a 24-hour hour in words, compound amounts of time), with pinned clocks.

import { loadBusinessConfig } from '../../bot/config/business-config';
import type { Business } from '../../bot/domain/types';
import { readWhen, type WhenReading } from '../../bot/understanding/datetime';
import { resolveNow } from '../../bot/understanding/reference';

const demo: Business = loadBusinessConfig();
const NY = 'America/New_York';

type Expected = Partial<Pick<WhenReading, 'date' | 'time' | 'window'>>;
type Case = [text: string, expected: Expected];

function check(cases: Case[], now: string, business: Business = demo): void {
  test.each(cases)(`%s (sent ${now})`, (text, expected) => {
    const got = readWhen(text, { now: resolveNow(now, NY), business });
    const picked = Object.fromEntries(Object.keys(expected).map((k) => [k, got[k as keyof Expected]]));
    expect(picked).toEqual(expected);
  });
}

// Wednesday 17 June 2026, 10:00 at the salon (open 09:00-19:00).
const JUNE = '2026-06-17T10:00';

describe('clock times', () => {
  check(
    [
      ['dinner at seven p . m .', { time: '19:00' }],
      ['at 3 p. m.', { time: '15:00' }],
      ['fifteen thirty p m', { time: '15:30' }],
      ['at sixteen fifteen', { time: '16:15' }],
      ['at twenty one fifteen', { time: '21:15' }],
      ['at eleven five', { time: '11:05' }],
      ['half three', { time: '15:30' }],
      ['around half ten', { time: '10:30' }],
      ['15 to noon', { time: '11:45' }],
      ['15 minutes past 15h', { time: '15:15' }],
      ['15 minutes from 1pm', { time: '13:15' }],
      ['at 10 H 10 pm', { time: '22:10' }],
      ['we are 15 to 20 people', { time: null, window: null }],
      ['it took half an hour', { time: null }],
      ['two three', { time: null }],
    ],
    JUNE,
  );
});

describe('clock times on daylight-saving days', () => {
  check([['tomorrow at half ten', { date: '2026-03-08', time: '10:30' }]], '2026-03-07T12:00');
  check([['today at fifteen thirty', { date: '2026-11-01', time: '15:30' }]], '2026-11-01T09:00');
});
