// Ids and eTags of the stores: drawn from a pool of random bytes, each byte used once.
import { newETag, newId } from '../../bot/store/sqlite/ids';

describe('store ids', () => {
  it('are prefixed, ten base32 letters long and never repeat, across many refills of the pool', () => {
    const ids = Array.from({ length: 5000 }, () => newId('msg'));
    for (const id of ids) expect(id).toMatch(/^msg_[a-z2-7]{10}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('use every letter of the alphabet about equally often', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 4000; i++) for (const ch of newId('cli').slice(4)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(32);
    // 40,000 letters: 1,250 each on average; a biased draw would leave some far off.
    for (const n of counts.values()) expect(Math.abs(n - 1250)).toBeLessThan(250);
  });

  it('eTags are twelve URL-safe characters and never repeat', () => {
    const tags = Array.from({ length: 3000 }, () => newETag());
    for (const tag of tags) expect(tag).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(new Set(tags).size).toBe(tags.length);
  });
});
