import { loadBusinessConfig } from '../../bot/config/business-config';
import { understand } from '../../bot/understanding';
import { rememberLastReading } from '../../bot/understanding/last-reading';

const business = loadBusinessConfig();
const now = new Date('2026-06-17T18:00:00Z');

describe('keeping the last reading of a message', () => {
  it('reads a message once while the text, instant and business stay the same', () => {
    let calls = 0;
    const read = rememberLastReading((text, ctx) => {
      calls += 1;
      return understand(text, ctx);
    });
    const first = read('haircut friday at 3', { now, business });
    const second = read('haircut friday at 3', { now: new Date(now.getTime()), business });
    expect(second).toBe(first);
    expect(calls).toBe(1);
    expect(first).toMatchObject({ intent: 'book', service: 'haircut', date: '2026-06-19', time: '15:00' });
  });

  it('reads again when the text, the instant or the business changes', () => {
    let calls = 0;
    const read = rememberLastReading((text, ctx) => {
      calls += 1;
      return understand(text, ctx);
    });
    read('haircut friday at 3', { now, business });
    read('haircut saturday at 3', { now, business });
    expect(read('haircut friday at 3', { now: new Date(now.getTime() + 7 * 86_400_000), business }).date).toBe('2026-06-26');
    read('haircut friday at 3', { now: new Date(now.getTime() + 7 * 86_400_000), business: { ...business } });
    expect(calls).toBe(4);
  });

  it('hands out a reading nobody can change', () => {
    const read = rememberLastReading(understand);
    const reading = read('blowout saturday morning', { now, business });
    expect(Object.isFrozen(reading)).toBe(true);
    expect(Object.isFrozen(reading.window)).toBe(true);
  });
});
