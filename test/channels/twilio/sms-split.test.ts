import { encodingOf, segmentCount } from '../../../channels/twilio/sms-encoding';
import { splitByLength, splitForSms } from '../../../channels/twilio/sms-split';

const sentence = (n: number) => `Sentence number ${n} tells you a little more about our salon and its policies.`;

describe('splitting long answers for SMS', () => {
  it('keeps a text that fits three parts as one message', () => {
    const text = 'a'.repeat(459);
    expect(splitForSms(text, { maxSegments: 3 })).toEqual([text]);
  });

  it('returns nothing for empty or blank text', () => {
    expect(splitForSms('  \n ', { maxSegments: 3 })).toEqual([]);
  });

  it('splits a 600-character GSM-7 answer at a sentence, each message within three parts', () => {
    const text = Array.from({ length: 8 }, (_, i) => sentence(i + 1)).join(' ');
    expect(text.length).toBeGreaterThan(600);
    const messages = splitForSms(text, { maxSegments: 3 });
    expect(messages.length).toBe(2);
    for (const m of messages) {
      expect(segmentCount(m)).toBeLessThanOrEqual(3);
      expect(m).toMatch(/\.$/);
      expect(m).toMatch(/^Sentence number \d+/);
    }
    expect(messages.join(' ')).toBe(text);
  });

  it('prefers a paragraph break to a later sentence break when the first piece is still full enough', () => {
    const first = Array.from({ length: 4 }, (_, i) => sentence(i + 1)).join(' ');
    const second = Array.from({ length: 4 }, (_, i) => sentence(i + 5)).join(' ');
    const messages = splitForSms(`${first}\n\n${second}`, { maxSegments: 3 });
    expect(messages).toEqual([first, second]);
  });

  it('cuts at a word when a sentence runs past the limit', () => {
    const text = Array.from({ length: 120 }, (_, i) => `word${i}`).join(' ');
    const messages = splitForSms(text, { maxSegments: 1 });
    for (const m of messages) {
      expect(segmentCount(m)).toBe(1);
      expect(m).toMatch(/^word\d+( word\d+)*$/);
    }
    expect(messages.join(' ')).toBe(text);
  });

  it('cuts a word with no spaces at the limit', () => {
    const messages = splitForSms('x'.repeat(400), { maxSegments: 1 });
    expect(messages).toEqual(['x'.repeat(160), 'x'.repeat(160), 'x'.repeat(80)]);
  });

  it('splits UCS-2 text within three parts of 67 characters, never halving an emoji', () => {
    const text = Array.from({ length: 20 }, (_, i) => `Привет ${i} 😀.`).join(' ');
    const messages = splitForSms(text, { maxSegments: 3 });
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(encodingOf(m)).toBe('UCS-2');
      expect(segmentCount(m)).toBeLessThanOrEqual(3);
      expect(m).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
    }
    expect(messages.join(' ')).toBe(text);
  });

  it('counts extension characters as two when filling a message', () => {
    const text = Array.from({ length: 60 }, () => '€10 [cash]').join(' ');
    for (const m of splitForSms(text, { maxSegments: 3 })) expect(segmentCount(m)).toBeLessThanOrEqual(3);
  });
});

describe('splitting by length (WhatsApp)', () => {
  it('cuts at a sentence within the limit', () => {
    const text = `${'a'.repeat(50)}. ${'b'.repeat(50)}.`;
    expect(splitByLength(text, 80)).toEqual([`${'a'.repeat(50)}.`, `${'b'.repeat(50)}.`]);
  });
});
