import { LoginFailures, MAX_LOGIN_CALLERS } from '../../../channels/webchat/login-failures';

const T0 = Date.parse('2026-03-10T15:00:00.000Z');
const at = (seconds: number) => T0 + seconds * 1000;

describe('staff-view login failures', () => {
  it('throttles an address after its tries within the window, and lets it try again once they leave it', () => {
    const failures = new LoginFailures(3, 600_000);
    for (let i = 0; i < 3; i++) {
      expect(failures.throttled('10.0.0.1', at(i))).toBe(false);
      failures.record('10.0.0.1', at(i));
    }
    expect(failures.throttled('10.0.0.1', at(3))).toBe(true);
    expect(failures.throttled('10.0.0.2', at(3))).toBe(false);
    expect(failures.throttled('10.0.0.1', at(600))).toBe(false);
  });

  it('remembers at most 10,000 addresses, however many fail within a window', () => {
    const failures = new LoginFailures(10, 600_000);
    expect(MAX_LOGIN_CALLERS).toBe(10_000);
    for (let i = 0; i < 25_000; i++) failures.record(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, T0 + i);
    expect(failures.trackedCount).toBe(MAX_LOGIN_CALLERS);
  });

  it('still throttles a guessing address while others fail, up to the bound', () => {
    const failures = new LoginFailures(10, 600_000, 100);
    for (let i = 0; i < 10; i++) {
      failures.record('10.9.9.9', at(i));
      for (let k = 0; k < 99; k++) failures.record(`10.0.${i}.${k}`, at(i));
    }
    expect(failures.throttled('10.9.9.9', at(10))).toBe(true);
  });

  it('forgets an address once its newest failure has left the window', () => {
    const failures = new LoginFailures(10, 600_000);
    for (let i = 0; i < 500; i++) failures.record(`10.0.${i >> 8}.${i & 255}`, at(0));
    expect(failures.trackedCount).toBe(500);
    failures.record('10.9.9.9', at(600));
    expect(failures.trackedCount).toBe(1);
  });
});
