import { FloodGuard, MAX_TRACKED_ADDRESSES } from '../../../channels/twilio/flood-guard';

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

  it('tracks at most 10,000 addresses at once, however many write within a window', () => {
    const guard = new FloodGuard({ limit: 20, windowMs: 60_000, pauseMs: 300_000 });
    expect(MAX_TRACKED_ADDRESSES).toBe(10_000);
    // 25,000 numbers in 25 seconds: every one still inside the window when the next arrives.
    for (let i = 0; i < 25_000; i++) guard.check(`+1444${String(i).padStart(7, '0')}`, new Date(T0 + i));
    expect(guard.trackedCount).toBe(MAX_TRACKED_ADDRESSES);
  });

  it('keeps counting a looping phone while thousands of others write, up to the bound', () => {
    const guard = new FloodGuard({ limit: 20, windowMs: 60_000, pauseMs: 300_000 }, 100);
    const verdicts: string[] = [];
    for (let i = 0; i < 21; i++) {
      verdicts.push(guard.check('+15555550111', at(i)));
      // 99 other numbers between two of its messages: it stays among the 100 heard from last.
      for (let k = 0; k < 99; k++) guard.check(`+1444${i}${k}`, at(i));
    }
    expect(verdicts.slice(0, 20)).toEqual(Array(20).fill('pass'));
    expect(verdicts[20]).toBe('warn');
    expect(guard.trackedCount).toBe(100);
  });

  it('forgets an address once it has nothing inside the window and is not paused', () => {
    const guard = new FloodGuard({ limit: 2, windowMs: 60_000, pauseMs: 300_000 });
    for (let i = 0; i < 500; i++) guard.check(`+1444${i}`, at(0));
    expect(guard.trackedCount).toBe(500);
    // A minute on, one message: the 500 quiet numbers are gone.
    guard.check('+15555550111', at(60));
    expect(guard.trackedCount).toBe(1);
    // A paused address is kept for its whole pause, and forgotten after it.
    expect([guard.check('b', at(61)), guard.check('b', at(61)), guard.check('b', at(61))]).toEqual(['pass', 'pass', 'warn']);
    guard.check('c', at(61 + 120));
    expect(guard.check('b', at(61 + 121))).toBe('ignore');
    guard.check('d', at(61 + 299));
    expect(guard.trackedCount).toBe(2);
    guard.check('e', at(61 + 360));
    expect(guard.trackedCount).toBe(1);
    expect(guard.check('b', at(61 + 361))).toBe('pass');
  });
});
