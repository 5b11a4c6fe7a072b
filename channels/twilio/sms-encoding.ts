// SMS encodings and segment counts. A message that fits the GSM-7 alphabet travels at 7 bits a
// character (160 in one SMS, 153 a part once it is split, because the concatenation header takes
// the rest); a single character outside it switches the whole message to UCS-2 (70, then 67 a part).
// Carriers bill per part, so the bot's text is nudged into GSM-7 where that loses nothing.

/** GSM 03.38 default alphabet (without ESC), one septet each. */
const GSM_BASIC = new Set(
  Array.from(
    '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
      '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
  ),
);

/** GSM 03.38 extension table: an escape septet plus the character, so each costs two. */
const GSM_EXTENDED = new Set(Array.from('^{}\\[~]|€\f'));

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export const SEGMENT_LIMITS: Readonly<Record<SmsEncoding, { single: number; part: number }>> = {
  'GSM-7': { single: 160, part: 153 },
  'UCS-2': { single: 70, part: 67 },
};

export function isGsmCharacter(ch: string): boolean {
  return GSM_BASIC.has(ch) || GSM_EXTENDED.has(ch);
}

export function encodingOf(text: string): SmsEncoding {
  for (const ch of text) if (!isGsmCharacter(ch)) return 'UCS-2';
  return 'GSM-7';
}

/**
 * The units each character takes, in the message's encoding: septets for GSM-7 (2 for extension
 * characters), UTF-16 code units for UCS-2 (2 for characters outside the Basic Multilingual Plane,
 * such as most emoji). A character's units are never split across two parts.
 */
function units(text: string, encoding: SmsEncoding): number[] {
  return Array.from(text, (ch) => (encoding === 'GSM-7' ? (GSM_EXTENDED.has(ch) ? 2 : 1) : ch.length));
}

/** How many SMS parts the text goes out as (0 for empty text). */
export function segmentCount(text: string): number {
  if (text === '') return 0;
  const encoding = encodingOf(text);
  const costs = units(text, encoding);
  const { single, part } = SEGMENT_LIMITS[encoding];
  const total = costs.reduce((sum, c) => sum + c, 0);
  if (total <= single) return 1;
  let parts = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > part) {
      parts += 1;
      used = 0;
    }
    used += cost;
  }
  return parts;
}

// Typography that has a plain GSM-7 twin. Word processors and phone keyboards produce these, and
// one of them would turn a 150-character reply into three UCS-2 parts.
const PLAIN_TWINS: ReadonlyArray<[RegExp, string]> = [
  [/[\u2018\u2019\u201a\u201b\u2032\u00b4`]/g, "'"],
  [/[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g, '"'],
  [/[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/g, '-'],
  [/\u2026/g, '...'],
  [/[\u00a0\u2002\u2003\u2007\u2008\u2009\u200a\u202f]/g, ' '],
  [/[\u2022\u00b7]/g, '-'],
];

// Emoji with their modifiers: skin tones, variation selectors, joiners, keycaps, flag letters.
const EMOJI = /(?:\p{Extended_Pictographic}|[\u{1f1e6}-\u{1f1ff}\u{1f3fb}-\u{1f3ff}\u200d\ufe0e\ufe0f\u20e3])+/gu;

/**
 * Text for an SMS, preferring GSM-7: typographic quotes, dashes, ellipses and spaces become their
 * plain twins; emoji are dropped when they are the only thing forcing UCS-2, and kept when the text
 * needs UCS-2 anyway (a name in another script), where they cost nothing extra.
 */
export function preferGsm(text: string): string {
  let plain = text;
  for (const [pattern, twin] of PLAIN_TWINS) plain = plain.replace(pattern, twin);
  if (encodingOf(plain) === 'GSM-7') return plain;
  const withoutEmoji = plain
    .replace(EMOJI, '')
    .replace(/[ ]{2,}/g, ' ')
    .replace(/ +([.,!?;:)])/g, '$1')
    .replace(/ +$/gm, '')
    .trim();
  if (withoutEmoji !== '' && encodingOf(withoutEmoji) === 'GSM-7') return withoutEmoji;
  return plain;
}
