// Shared text normalisation for the understanding layer. Everything here is linear in the length of
// the text (no backtracking-prone patterns), so a 5,000-character message costs microseconds.

/** Emoji that carry a yes or a no in an SMS reply; every other pictograph is dropped. */
const AGREEING_EMOJI = new Set(['👍', '👌', '✅', '🙌', '💯', '✔', '☑', '🆗', '👏']);
const REFUSING_EMOJI = new Set(['👎', '❌', '🚫', '✖', '⛔', '🙅']);

const PICTOGRAPH = /\p{Extended_Pictographic}/u;

// Modifiers and joiners that only shape how an emoji looks.
const EMOJI_MODIFIER = /[\u{1F3FB}-\u{1F3FF}\u{FE0E}\u{FE0F}\u{200D}\u{20E3}\u{E0020}-\u{E007F}]/u;

/**
 * The readers of one turn fold and split the same message a dozen times, and the same keyword lists
 * every turn: the last results are kept, a bounded number of them, keyed by the text.
 */
const KEPT_RESULTS = 256;

function keptBy<T>(compute: (text: string) => T): { get(text: string): T } {
  const kept = new Map<string, T>();
  return {
    get(text: string): T {
      let value = kept.get(text);
      if (value === undefined) {
        if (kept.size >= KEPT_RESULTS) kept.clear();
        value = compute(text);
        kept.set(text, value);
      }
      return value;
    },
  };
}

const cleaned = keptBy(foldText);
const tokens = keptBy(splitWords);

/**
 * Folds characters without changing words or case: curly quotes and primes to ASCII, dashes to
 * "-", control and zero-width characters to spaces, emoji to "ok"/"no" or nothing, runs of
 * whitespace to one space. Safe to hand to any other reader (date/time).
 */
export function cleanText(text: unknown): string {
  if (typeof text !== 'string' || text.length === 0) return '';
  return cleaned.get(text);
}

function foldText(text: string): string {
  const input = text.normalize('NFKC');
  let out = '';
  for (const ch of input) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029) {
      out += ' ';
    } else if (code === 0x200b || code === 0x200c || code === 0x2060 || code === 0xfeff) {
      out += '';
    } else if (ch === '\u2018' || ch === '\u2019' || ch === '\u201a' || ch === '\u201b' || ch === '\u2032' || ch === '`' || ch === '\u00b4') {
      out += "'";
    } else if (ch === '\u201c' || ch === '\u201d' || ch === '\u201e' || ch === '\u201f' || ch === '\u2033') {
      out += '"';
    } else if (ch === '\u2010' || ch === '\u2011' || ch === '\u2012' || ch === '\u2013' || ch === '\u2014' || ch === '\u2212') {
      out += '-';
    } else if (AGREEING_EMOJI.has(ch)) {
      out += ' ok ';
    } else if (REFUSING_EMOJI.has(ch)) {
      out += ' no ';
    } else if (EMOJI_MODIFIER.test(ch) || PICTOGRAPH.test(ch)) {
      out += ' ';
    } else {
      out += ch;
    }
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** SMS shorthand and missing apostrophes, word for word. */
const SHORTHAND: Record<string, string> = {
  appt: 'appointment',
  appts: 'appointments',
  apt: 'appointment',
  apts: 'appointments',
  appoint: 'appointment',
  pls: 'please',
  plz: 'please',
  plse: 'please',
  thx: 'thanks',
  thnx: 'thanks',
  thanx: 'thanks',
  tx: 'thanks',
  ty: 'thank you',
  tysm: 'thank you so much',
  u: 'you',
  ur: 'your',
  r: 'are',
  cx: 'cancel',
  cxl: 'cancel',
  canx: 'cancel',
  cncl: 'cancel',
  resched: 'reschedule',
  reschedual: 'reschedule',
  reschedle: 'reschedule',
  rescedule: 'reschedule',
  wanna: 'want to',
  gonna: 'going to',
  gotta: 'got to',
  cant: "can't",
  wont: "won't",
  dont: "don't",
  doesnt: "doesn't",
  didnt: "didn't",
  isnt: "isn't",
  im: "i'm",
  ive: "i've",
  nvm: 'never mind',
  k: 'ok',
  kk: 'ok',
  okey: 'ok',
  okay: 'ok',
  hrs: 'hours',
  addy: 'address',
  addr: 'address',
  txt: 'text',
  msg: 'message',
  ppl: 'people',
  pers: 'person',
  sry: 'sorry',
  abt: 'about',
  w: 'with',
  '&': 'and',
};

/** Contractions spelled out where the short form would hide a question word. */
const CONTRACTIONS: Record<string, string> = {
  "what's": 'what is',
  whats: 'what is',
  "where's": 'where is',
  wheres: 'where is',
  "when's": 'when is',
  whens: 'when is',
  "how's": 'how is',
  "who's": 'who is',
  "it's": 'it is',
  "that's": 'that is',
  thats: 'that is',
  "there's": 'there is',
  "i'm": 'i am',
  "i'd": 'i would',
  "i'll": 'i will',
  "i've": 'i have',
  "you're": 'you are',
  "we're": 'we are',
  "let's": 'let us',
};

/**
 * Lowercase words of the text with shorthand expanded, for rule matching. Hyphens and other
 * punctuation separate words ("walk-ins" -> "walk ins"); apostrophes inside words stay.
 */
export function tokenize(text: string): string[] {
  // A copy: callers may change the array they get.
  return tokens.get(text).slice();
}


function splitWords(text: string): readonly string[] {
  const lower = cleanText(text).toLowerCase();
  const raw = lower.match(/[a-z0-9]+(?:'[a-z]+)*|&/g) ?? [];
  const out: string[] = [];
  for (const word of raw) {
    const short = SHORTHAND[word];
    const expanded = short ?? word;
    const spelled = CONTRACTIONS[expanded] ?? expanded;
    for (const part of spelled.split(' ')) out.push(part);
  }
  return out;
}

/** The tokens joined by single spaces: the form rules are matched against. */
export function normalizeText(text: string): string {
  return tokenize(text).join(' ');
}

function isVowel(ch: string | undefined): boolean {
  return ch === 'a' || ch === 'e' || ch === 'i' || ch === 'o' || ch === 'u';
}

/**
 * A light stemmer: enough to make plurals, possessives and -ing/-ed/-ation forms of the same word
 * meet ("openings"/"open", "cancellation"/"cancel", "haircuts"/"haircut"). Not a linguist's stem;
 * it only has to be consistent for both sides of a comparison.
 */
export function stem(word: string): string {
  let w = word.toLowerCase();
  w = w.replace(/'s$|s'$|'$/, '');
  if (w.length <= 3) return w;
  if (w.length > 4 && w.endsWith('ies')) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  if (w.length > 7 && w.endsWith('ation')) w = w.slice(0, -5);
  else if (w.length > 6 && w.endsWith('ment')) w = w.slice(0, -4);
  else if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  const last = w[w.length - 1];
  if (w.length > 3 && last === w[w.length - 2] && !isVowel(last) && last !== 's' && last !== 'l') {
    w = w.slice(0, -1);
  } else if (w.length > 5 && w.endsWith('ll')) {
    w = w.slice(0, -1);
  }
  return w;
}

/** Damerau-Levenshtein distance with an early exit once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push(new Array<number>(b.length + 1).fill(0));
    rows[i][0] = i;
  }
  for (let j = 0; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
  }
  return rows[a.length][b.length];
}

const WEEKDAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
// Words that look like a misspelt weekday but are words of their own.
const NOT_WEEKDAYS = new Set(['someday', 'sundae', 'sundays', 'mondays', 'fridays', 'saturdays', 'tuesdays', 'thursdays', 'wednesdays']);

/**
 * A weekday name as clients misspell it ("thrusday", "fridya", "satruday"): a word of six letters or
 * more, with the weekday's first letter, one slip (a letter wrong, missing, extra or two swapped)
 * from its name. Plural names and real words are left alone.
 */
export function foldWeekdayTypos(text: string): string {
  return text.replace(/\b[a-z]{6,10}\b/gi, (word) => {
    const w = word.toLowerCase();
    if (NOT_WEEKDAYS.has(w) || WEEKDAY_NAMES.includes(w)) return word;
    const match = WEEKDAY_NAMES.find((name) => name[0] === w[0] && editDistance(w, name, 1) <= 1);
    return match ?? word;
  });
}
