import { encodingOf, preferGsm, segmentCount } from '../../../channels/twilio/sms-encoding';

describe('SMS encoding', () => {
  it.each([
    ['plain ASCII', 'Haircut Fri at 3:00 PM?', 'GSM-7'],
    ['GSM accents and symbols', 'Café à Ørsted £5 ¿Qué?', 'GSM-7'],
    ['extension characters', 'Price: €45 [cash] {card} ~ | ^ \\', 'GSM-7'],
    ['a curly apostrophe', 'You’re booked', 'UCS-2'],
    ['an emoji', 'See you 👍', 'UCS-2'],
    ['another script', 'Спасибо', 'UCS-2'],
  ])('reads %s (%s) as %s', (_label, text, encoding) => {
    expect(encodingOf(text)).toBe(encoding);
  });
});

describe('segment counting', () => {
  const gsm = (n: number) => 'a'.repeat(n);
  const ucs = (n: number) => 'ж'.repeat(n);

  it.each([
    ['empty text', '', 0],
    ['160 GSM-7 characters in one part', gsm(160), 1],
    ['161 GSM-7 characters in two parts of 153', gsm(161), 2],
    ['306 GSM-7 characters in two parts', gsm(306), 2],
    ['307 GSM-7 characters in three parts', gsm(307), 3],
    ['459 GSM-7 characters in three parts', gsm(459), 3],
    ['460 GSM-7 characters in four parts', gsm(460), 4],
    ['80 euro signs counted as two septets each', '€'.repeat(80), 1],
    ['81 euro signs overflowing one part', '€'.repeat(81), 2],
    ['70 UCS-2 characters in one part', ucs(70), 1],
    ['71 UCS-2 characters in two parts of 67', ucs(71), 2],
    ['134 UCS-2 characters in two parts', ucs(134), 2],
    ['135 UCS-2 characters in three parts', ucs(135), 3],
    ['35 emoji (two UTF-16 units each) in one part', '😀'.repeat(35), 1],
    ['36 emoji in two parts', '😀'.repeat(36), 2],
  ])('counts %s', (_label, text, parts) => {
    expect(segmentCount(text)).toBe(parts);
  });

  it('never splits an escape pair across two parts', () => {
    // 152 plain septets then a euro sign: 154 septets do not fit a 153-septet part, so the euro
    // opens the second part; 306 septets of content then need three parts, not two.
    const text = `${'a'.repeat(152)}€${'a'.repeat(152)}`;
    expect(segmentCount(text)).toBe(3);
    expect(segmentCount(`${'a'.repeat(151)}€${'a'.repeat(153)}`)).toBe(2);
  });

  it('never splits an emoji across two parts', () => {
    expect(segmentCount(`${'ж'.repeat(66)}😀${'ж'.repeat(66)}`)).toBe(3);
    expect(segmentCount(`${'ж'.repeat(65)}😀${'ж'.repeat(67)}`)).toBe(2);
  });
});

describe('preferring GSM-7', () => {
  it.each([
    ['curly quotes', '“Friday at 3” – you’re set', '"Friday at 3" - you\'re set'],
    ['an em dash and an ellipsis', 'Thu Mar 12 at 3:00 PM — shall I book it… ', "Thu Mar 12 at 3:00 PM - shall I book it... "],
    ['non-breaking spaces', '3:00\u00a0PM', '3:00 PM'],
    ['an emoji in otherwise GSM-7 text', 'See you Friday! 👍', 'See you Friday!'],
    ['emoji with skin tone and joiners', 'Thanks 👍🏽 👩‍👩‍👧!', 'Thanks!'],
  ])('maps %s to plain characters', (_label, text, expected) => {
    expect(preferGsm(text)).toBe(expected);
    expect(encodingOf(preferGsm(text))).toBe('GSM-7');
  });

  it('keeps emoji when the text needs UCS-2 anyway', () => {
    expect(preferGsm('Спасибо, Zoë 👍')).toBe('Спасибо, Zoë 👍');
  });

  it('keeps a message that is nothing but emoji', () => {
    expect(preferGsm('👍')).toBe('👍');
  });

  it('leaves GSM-7 text untouched', () => {
    const text = 'Reply 1, 2 or 3.\nCafé at 5? €20 [cash]';
    expect(preferGsm(text)).toBe(text);
  });
});
