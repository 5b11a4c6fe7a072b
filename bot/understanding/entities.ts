// Services, staff and FAQ entries named in a client's text, matched against the Business's own
// names, aliases, questions and keywords (nothing here knows the demo business).

import type { Business, Faq } from '../domain/types';
import { editDistance, stem, tokenize } from './normalize';

interface Phrase {
  id: string;
  /** Stems of the phrase, joined without spaces: "blow dry", "blow-dry" and "blowdry" meet. */
  key: string;
  words: number;
  /** The unstemmed single-word form, when the phrase is one word (for typo tolerance). */
  single: string | null;
}

interface Mention {
  id: string;
  start: number; // token index
  end: number; // exclusive
  chars: number;
}

const MAX_PHRASE_WORDS = 5;

function phrasesOf(id: string, names: string[]): Phrase[] {
  const out: Phrase[] = [];
  for (const name of names) {
    const words = tokenize(name);
    if (words.length === 0 || words.length > MAX_PHRASE_WORDS) continue;
    out.push({
      id,
      key: words.map(stem).join(''),
      words: words.length,
      single: words.length === 1 ? words[0] : null,
    });
  }
  return out;
}

// Everyday words a typo-tolerant match must never turn into a service ("share" is not "shave").
const COMMON_WORDS = new Set(
  (
    'about above after again agent always another anyone anything appointment around available ' +
    'because before being below better between booked booking bring change check clean close ' +
    'coming could couple credit doing early earlier evening every first friday front great happy ' +
    'hello hours later least maybe minute minutes monday money month morning never night other ' +
    'paper parking people person phone place please price prices quick quite really right saturday ' +
    'share shape shore short since slots small sorry sound sounds spare start still stuff sunday ' +
    'thank thanks their there these thing think those three thursday today tomorrow tonight ' +
    'touch tuesday under until wednesday weekend where which while whole would write wrong years ' +
    'color colour style trims cuts shave roots'
  ).split(' '),
);

interface EntityIndex {
  services: Phrase[];
  staff: Phrase[];
  known: Set<string>;
  faq: FaqIndex;
}

const indexes = new WeakMap<Business, EntityIndex>();

function indexFor(business: Business): EntityIndex {
  const cached = indexes.get(business);
  if (cached) return cached;
  const services = business.services.flatMap((s) => phrasesOf(s.id, [s.name, s.id.replace(/-/g, ' '), ...s.aliases]));
  const staff = business.staff.flatMap((m) => phrasesOf(m.id, [m.name, ...m.aliases]));
  const known = new Set<string>(COMMON_WORDS);
  for (const s of business.services) for (const n of [s.name, ...s.aliases]) for (const w of tokenize(n)) known.add(w);
  for (const m of business.staff) for (const n of [m.name, ...m.aliases]) for (const w of tokenize(n)) known.add(w);
  for (const f of business.faqs) for (const n of [...f.questions, ...f.keywords]) for (const w of tokenize(n)) known.add(w);
  const index: EntityIndex = { services, staff, known, faq: buildFaqIndex(business, services) };
  indexes.set(business, index);
  return index;
}

function typoTolerance(word: string): number {
  if (word.length >= 8) return 2;
  if (word.length >= 5) return 1;
  return 0;
}

/** Every phrase mention in the tokens, longest first where they overlap. */
function findMentions(tokens: string[], phrases: Phrase[], known: Set<string>): Mention[] {
  const stems = tokens.map(stem);
  const byKey = new Map<string, Phrase[]>();
  for (const p of phrases) {
    const list = byKey.get(p.key);
    if (list) list.push(p);
    else byKey.set(p.key, [p]);
  }
  const found: Mention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let key = '';
    for (let n = 1; n <= MAX_PHRASE_WORDS && i + n <= tokens.length; n++) {
      key += stems[i + n - 1];
      const hit = byKey.get(key);
      if (hit) found.push({ id: hit[0].id, start: i, end: i + n, chars: key.length });
    }
    const word = tokens[i];
    const tolerance = typoTolerance(word);
    if (tolerance > 0 && !known.has(word) && !/\d/.test(word)) {
      for (const p of phrases) {
        if (p.single === null || p.single.length < 5 || p.single[0] !== word[0]) continue;
        if (editDistance(word, p.single, tolerance) <= tolerance) {
          found.push({ id: p.id, start: i, end: i + 1, chars: p.single.length });
          break;
        }
      }
    }
  }
  // Longest mention wins where two overlap ("beard trim" over "trim").
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || b.chars - a.chars || a.start - b.start);
  const kept: Mention[] = [];
  for (const m of found) {
    if (kept.some((k) => m.start < k.end && k.start < m.end)) continue;
    kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Service mentions in order of appearance. */
export function findServiceMentions(text: string, business: Business): Mention[] {
  const index = indexFor(business);
  return findMentions(tokenize(text), index.services, index.known);
}

/** The first service the text names (by name or alias), or null. */
export function findService(text: string, business: Business): string | null {
  return findServiceMentions(text, business)[0]?.id ?? null;
}

/** The first staff member the text names ("with the barber"), or null. */
export function findStaff(text: string, business: Business): string | null {
  const index = indexFor(business);
  return findMentions(tokenize(text), index.staff, index.known)[0]?.id ?? null;
}

// ---------------------------------------------------------------------------------------------
// FAQ matching: weighted overlap with each entry's questions plus keyword hits.

// Words that say nothing about which question is asked.
const FAQ_STOPWORDS = new Set(
  (
    'a an the i me my mine you your yours we us our is are am be been was were do does did can ' +
    "could would will should shall may might to for of on in at with and or it its this that these " +
    'those there here what when how who which why if just please hi hello hey get got have has had ' +
    'need want like so about from up out any some also then than too very really ok yes no not ' +
    "i'm i'd let know tell say there's is there one by as go going take appointment appointments " +
    'book booking salon shop place today tomorrow tonight morning afternoon evening week weekend ' +
    'monday tuesday wednesday thursday friday saturday sunday mon tue tues wed weds thu thur thurs ' +
    'fri sat sun next this day days time am pm'
  ).split(' '),
);

// Courtesy phrases whose words would otherwise look like keywords ("thanks a lot", "so much").
const COURTESY = /\b(?:thanks|thank you) (?:so |very )?much\b|\bthanks a lot\b|\b(?:so|very) much\b|\bmuch appreciated\b|\ba lot\b/g;

interface FaqDoc {
  id: string;
  questions: Array<{ stems: string[]; all: string[] }>;
  keywords: Array<{ stems: string[] }>;
  vocabulary: Set<string>;
}

interface FaqIndex {
  docs: FaqDoc[];
  idf: Map<string, number>;
}

function contentStems(tokens: string[], masked: Set<number>): string[] {
  const out: string[] = [];
  tokens.forEach((t, i) => {
    if (masked.has(i) || FAQ_STOPWORDS.has(t) || /\d/.test(t)) return;
    out.push(stem(t));
  });
  return out;
}

function maskedServiceTokens(tokens: string[], services: Phrase[]): Set<number> {
  const masked = new Set<number>();
  for (const m of findMentions(tokens, services, new Set())) for (let i = m.start; i < m.end; i++) masked.add(i);
  return masked;
}

function allStems(tokens: string[], masked: Set<number>): string[] {
  const out: string[] = [];
  tokens.forEach((t, i) => {
    if (masked.has(i) || t === 'a' || t === 'an' || t === 'the') return;
    out.push(stem(t));
  });
  return out;
}

function buildFaqIndex(business: Business, services: Phrase[]): FaqIndex {
  const docs: FaqDoc[] = business.faqs.map((faq: Faq) => ({
    id: faq.id,
    questions: faq.questions.map((q) => {
      const tokens = tokenize(q);
      const masked = maskedServiceTokens(tokens, services);
      return { stems: contentStems(tokens, masked), all: allStems(tokens, masked) };
    }),
    keywords: faq.keywords
      .map((k) => ({ stems: tokenize(k).map(stem) }))
      .filter((k) => k.stems.length > 0),
    vocabulary: new Set<string>(),
  }));
  for (const doc of docs) {
    for (const q of doc.questions) for (const st of q.stems) doc.vocabulary.add(st);
    for (const k of doc.keywords) for (const st of k.stems) if (!FAQ_STOPWORDS.has(st)) doc.vocabulary.add(st);
  }
  const df = new Map<string, number>();
  for (const doc of docs) {
    const seen = new Set<string>();
    for (const q of doc.questions) for (const s of q.stems) seen.add(s);
    for (const k of doc.keywords) for (const s of k.stems) seen.add(s);
    for (const s of seen) df.set(s, (df.get(s) ?? 0) + 1);
  }
  const idf = new Map<string, number>();
  for (const [s, n] of df) idf.set(s, Math.log(1 + docs.length / n));
  return { docs, idf };
}

function containsRun(haystack: string[], needle: string[]): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

function jaccard(a: string[], b: string[]): number {
  const sa = new Set(a);
  const sb = new Set(b);
  let shared = 0;
  for (const x of sa) if (sb.has(x)) shared++;
  const union = sa.size + sb.size - shared;
  return union === 0 ? 0 : shared / union;
}

export interface FaqScore {
  id: string;
  score: number;
}

/** How well the text matches each FAQ entry, best first. */
export function scoreFaqs(text: string, business: Business): FaqScore[] {
  const index = indexFor(business).faq;
  const flat = tokenize(text).join(' ').replace(COURTESY, ' ');
  const tokens = flat.split(' ').filter((t) => t.length > 0);
  const masked = maskedServiceTokens(tokens, indexFor(business).services);
  const content = contentStems(tokens, masked);
  const contentSet = new Set(content);
  const everyStem = tokens.map(stem);
  const all = allStems(tokens, masked);
  const weight = (s: string): number => index.idf.get(s) ?? 0;
  // Words no entry knows weigh like the rarest known word.
  const unknownWeight = Math.log(1 + index.docs.length);

  const scores: FaqScore[] = index.docs.map((doc) => {
    let coverage = 0;
    let near = 0;
    for (const q of doc.questions) {
      near = Math.max(near, jaccard(all, q.all));
      const total = q.stems.reduce((sum, s) => sum + weight(s), 0);
      if (total === 0) continue;
      const shared = [...new Set(q.stems)].filter((s) => contentSet.has(s)).reduce((sum, s) => sum + weight(s), 0);
      coverage = Math.max(coverage, shared / total);
    }
    let keywordHits = 0;
    for (const k of doc.keywords) {
      if (!containsRun(everyStem, k.stems)) continue;
      // A one-word keyword must be a content word of the text, not part of a masked service name.
      if (k.stems.length === 1 && !contentSet.has(k.stems[0])) continue;
      keywordHits += k.stems.length > 1 ? 2 : 1;
    }
    // How much of what the client wrote this entry accounts for: "a charge for cancelling late"
    // belongs with the entry that knows all three words, not with one that knows "charge".
    let known = 0;
    let total = 0;
    for (const s of contentSet) {
      const w = index.idf.get(s) ?? unknownWeight;
      total += w;
      if (doc.vocabulary.has(s)) known += w;
    }
    // Only once the text clearly touches the entry; one shared everyday word ("free") is not enough.
    const touches = keywordHits > 0 || coverage >= 0.4 || near >= 0.75;
    const accounted = total === 0 || !touches ? 0 : known / total;
    const score = 0.6 * (near >= 0.75 ? 2 : coverage) + 0.6 * accounted + 0.35 * Math.min(keywordHits, 3);
    return { id: doc.id, score };
  });
  return scores.sort((a, b) => b.score - a.score);
}

export const FAQ_THRESHOLD = 0.6;

/** The best FAQ entry for the text when it clears the threshold, or null. */
export function matchFaq(text: string, business: Business): string | null {
  const best = scoreFaqs(text, business)[0];
  return best && best.score >= FAQ_THRESHOLD ? best.id : null;
}
