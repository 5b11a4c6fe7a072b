import { loadBusinessConfig } from '../../bot/config/business-config';
import { understand } from '../../bot/understanding';
import { cleanText, editDistance, normalizeText, stem, tokenize } from '../../bot/understanding/normalize';
import type { Reading } from '../../bot/understanding/types';

const business = loadBusinessConfig();
// Wednesday 2026-06-17, 10:00 in New York.
const now = new Date('2026-06-17T14:00:00Z');
const read = (text: string): Reading => understand(text, { now, business });

const EMPTY: Reading = { intent: 'other', service: null, date: null, time: null, window: null, faq: null, staff: null };

describe('understanding a message as a whole', () => {
  it('returns every field of a reading', () => {
    expect(Object.keys(read('haircut with the barber')).sort()).toEqual(
      ['date', 'faq', 'intent', 'service', 'staff', 'time', 'window'].sort(),
    );
  });

  it('reads service and staff together with a booking intent', () => {
    expect(read('can the barber do a beard trim')).toMatchObject({ intent: 'book', service: 'beard-trim', staff: 'barber' });
  });

  it('keeps the service a price question names', () => {
    expect(read('how much are highlights?')).toMatchObject({ intent: 'faq', faq: 'prices', service: 'color' });
  });

  it('gives an FAQ id only with the faq intent', () => {
    expect(read('cancel my appointment')).toMatchObject({ intent: 'cancel', faq: null });
    expect(read('I want to book a cut')).toMatchObject({ intent: 'book', faq: null });
  });

  it('keeps the service of a cancellation, a reschedule and a list question', () => {
    expect(read('please cancel my blowout')).toMatchObject({ intent: 'cancel', service: 'blowout' });
    expect(read('can I move my color')).toMatchObject({ intent: 'reschedule', service: 'color' });
    expect(read('when is my beard trim')).toMatchObject({ intent: 'list', service: 'beard-trim' });
  });
});

describe('reading intent, service and time together', () => {
  // Expectations at Wednesday 2026-06-17 10:00 New York; the salon is open Tue-Sat.
  const table: Array<[string, Partial<Reading>]> = [
    ['blowout thursday 11am?', { intent: 'book', service: 'blowout', date: '2026-06-18', time: '11:00' }],
    ['could I squeeze in a fade saturday morning', { intent: 'book', service: 'haircut', date: '2026-06-20' }],
    ['any room for highlights on the 26th', { intent: 'book', service: 'color', date: '2026-06-26' }],
    ['2pm friday', { intent: 'book', service: null, date: '2026-06-19', time: '14:00' }],
    ['saturday?', { intent: 'book', date: '2026-06-20' }],
    ['can I swing by tomorrow with the barber', { intent: 'book', staff: 'barber', date: '2026-06-18' }],
    ['please move my beard trim to friday', { intent: 'reschedule', service: 'beard-trim', date: '2026-06-19' }],
    ["friday doesn't work anymore, how about saturday", { intent: 'reschedule', date: '2026-06-20' }],
    ['cancel my color on friday', { intent: 'cancel', service: 'color', date: '2026-06-19' }],
    ["sorry, won't be able to make it tomorrow", { intent: 'cancel', date: '2026-06-18' }],
    ['what time is my haircut on friday', { intent: 'list', service: 'haircut', date: '2026-06-19' }],
    ['are you open on friday?', { intent: 'faq', faq: 'hours', date: '2026-06-19' }],
    ['what time do you close tomorrow', { intent: 'faq', faq: 'hours', date: '2026-06-18' }],
    ['do you take walk-ins on saturdays', { intent: 'faq', faq: 'walk-ins' }],
    ['thanks, see you saturday!', { intent: 'other' }],
  ];

  it.each(table)('reads %j', (text, expected) => {
    expect(read(text)).toMatchObject(expected);
  });

  it('reads a request for free time as a booking even though it says "openings"', () => {
    expect(read('any openings thursday afternoon?')).toMatchObject({ intent: 'book', faq: null, date: '2026-06-18' });
  });
});

describe('bad input', () => {
  const table: Array<[string, string]> = [
    ['empty text', ''],
    ['only spaces', '   \t  '],
    ['only control characters', '\u0000\u0007\u001b\u007f'],
    ['only emoji', '😀😂🎉'],
    ['emoji with skin tones and joiners', '👩🏽‍🦰🧔🏻‍♂️'],
  ];

  it.each(table)('reads %s as other with every field null', (_label, text) => {
    expect(read(text)).toEqual(EMPTY);
  });

  it('reads a value that is not a string as other without throwing', () => {
    expect(understand(undefined as unknown as string, { now, business })).toEqual(EMPTY);
    expect(understand(null as unknown as string, { now, business })).toEqual(EMPTY);
  });

  it('reads control characters as spaces between words', () => {
    expect(read('cancel\u0000my\u0007appointment')).toMatchObject({ intent: 'cancel' });
    expect(read('blow\ndry\r\nplease')).toMatchObject({ intent: 'book', service: 'blowout' });
  });

  it('reads a 5,000-character message without failing', () => {
    const long = 'can I get a haircut '.repeat(250);
    expect(long.length).toBe(5000);
    expect(read(long)).toMatchObject({ intent: 'book', service: 'haircut' });
  });

  it('reads 5,000 characters of one repeated letter or symbol', () => {
    expect(read('a'.repeat(5000)).intent).toBe('other');
    expect(read("'".repeat(5000)).intent).toBe('other');
    expect(read('-'.repeat(2500) + ' stop').intent).toBe('stop');
  });

  it('reads curly apostrophes like straight ones', () => {
    expect(read('I won\u2019t make it')).toMatchObject({ intent: 'cancel' });
    expect(read('when\u2019s my appointment')).toMatchObject({ intent: 'list' });
    expect(read('\u201cstop\u201d')).toMatchObject({ intent: 'stop' });
  });

  it('reads an agreeing emoji as yes and a refusing one as no', () => {
    expect(read('👍🏼').intent).toBe('yes');
    expect(read('✅').intent).toBe('yes');
    expect(read('❌').intent).toBe('no');
  });
});

describe('text normalisation', () => {
  const cleaned: Array<[string, string]> = [
    ['it\u2019s \u201cfine\u201d', 'it\'s "fine"'],
    ['a\u0000b', 'a b'],
    ['zero\u200bwidth', 'zerowidth'],
    ['ok👍', 'ok ok'],
    ['  many   spaces\t\n', 'many spaces'],
    ['Ｆｕｌｌｗｉｄｔｈ', 'Fullwidth'],
    ['10\u201311', '10-11'],
  ];
  it.each(cleaned)('cleans %j to %j', (input, output) => {
    expect(cleanText(input)).toBe(output);
  });

  const normalized: Array<[string, string]> = [
    ['Cancel my APPT pls', 'cancel my appointment please'],
    ['thx u r great', 'thanks you are great'],
    ['cant make it', "can't make it"],
    ["what's the addy", 'what is the address'],
    ['walk-ins?', 'walk ins'],
    ['', ''],
  ];
  it.each(normalized)('normalises %j to %j', (input, output) => {
    expect(normalizeText(input)).toBe(output);
  });

  it('splits words on punctuation but keeps apostrophes inside words', () => {
    expect(tokenize("tomorrow's 3:30 blow-dry, ok?")).toEqual(["tomorrow's", '3', '30', 'blow', 'dry', 'ok']);
  });

  const stems: Array<[string, string]> = [
    ['openings', 'open'],
    ['opening', 'open'],
    ['cancellation', 'cancel'],
    ['cancelled', 'cancel'],
    ['haircuts', 'haircut'],
    ["beard's", 'beard'],
    ['parking', 'park'],
    ['payment', 'pay'],
    ['prices', 'pric'],
    ['price', 'pric'],
    ['styling', 'styl'],
    ['style', 'styl'],
    ['cute', 'cute'],
    ['cut', 'cut'],
  ];
  it.each(stems)('stems %j to %j', (word, root) => {
    expect(stem(word)).toBe(root);
  });

  it('measures edit distance with transpositions and stops early past the limit', () => {
    expect(editDistance('balayge', 'balayage', 1)).toBe(1);
    expect(editDistance('hgihlights', 'highlights', 2)).toBe(1);
    expect(editDistance('lifestyle', 'style', 1)).toBe(2);
    expect(editDistance('color', 'color', 0)).toBe(0);
  });
});
