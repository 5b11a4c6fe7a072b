import { FloodGuard } from '../../../channels/twilio/flood-guard';

const T0 = Date.parse('2026-03-10T15:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);

describe('inbound flood guard', () => {
  it('lets 20 messages a minute through, warns once on the 21st, then ignores the address for the pause', () => {
    const guard = new FloodGuard({ limit: 20, windowMs: 60_000, pauseMs: 300_000 });
    const verdicts = Array.from({ length: 25 }, (_, i) => guard.check('+15555550111', at(i)));
    expect(verdicts.slice(0, 20)).toEqual(Array(20).fill('pass'));
    expect(verdicts[20]).toBe('warn');
    expect(verdicts.slice(21)).toEqual(Array(4).fill('ignore'));
    expect(guard.check('+15555550111', at(20 + 299))).toBe('ignore');
    expect(guard.check('+15555550111', at(20 + 300))).toBe('pass');
    expect(guard.pauseCount).toBe(1);
  });

  it('counts each address on its own', () => {
    const guard = new FloodGuard({ limit: 2, windowMs: 60_000, pauseMs: 300_000 });
    expect([guard.check('a', at(0)), guard.check('a', at(1)), guard.check('b', at(2)), guard.check('a', at(3))]).toEqual(['pass', 'pass', 'pass', 'warn']);
    expect(guard.check('b', at(4))).toBe('pass');
  });

  it('forgets messages older than the window', () => {
    const guard = new FloodGuard({ limit: 20, windowMs: 60_000, pauseMs: 300_000 });
    // One message every 3 seconds is 20 a minute: never a flood.
    const verdicts = Array.from({ length: 100 }, (_, i) => guard.check('+15555550111', at(i * 3)));
    expect(new Set(verdicts)).toEqual(new Set(['pass']));
  });
});
