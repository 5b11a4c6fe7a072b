import { isLateCancel } from '../../bot/domain/policy';
import { demoBusiness } from '../helpers/business';

const at = (instant: string): number => Date.parse(instant);
const demo = demoBusiness(); // 24 hours' notice to cancel without a fee

describe('isLateCancel', () => {
  it.each([
    ['two days ahead', '2026-03-12T19:00:00.000Z', '2026-03-10T19:00:00.000Z', false],
    ['exactly 24 hours ahead', '2026-03-12T19:00:00.000Z', '2026-03-11T19:00:00.000Z', false],
    ['23 hours 59 minutes ahead', '2026-03-12T19:00:00.000Z', '2026-03-11T19:01:00.000Z', true],
    ['after the start', '2026-03-12T19:00:00.000Z', '2026-03-12T19:30:00.000Z', true],
    ['the same wall-clock time the day before spring forward: only 23 real hours', '2026-03-08T14:00:00.000Z', '2026-03-07T15:00:00.000Z', true],
    ['the same wall-clock time the day before fall back: 25 real hours', '2026-11-01T15:00:00.000Z', '2026-10-31T14:00:00.000Z', false],
  ])('%s', (_label, start, now, late) => {
    expect(isLateCancel(demo, at(start), at(now))).toBe(late);
  });
});
