// Services and staff named in a client's text, matched against the Business's own
// names, aliases, questions and keywords (nothing here knows the demo business).

import type { Business, Service, StaffMember } from '../domain/types';
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
}

/**
 * The names a language's clients use for services and staff: the one place a language's names are
 * read from (the business's own names and aliases, and a language's words for them), and the
 * everyday words of that language a typo must never turn into a service.
 */
export interface EntityNames {
  service(service: Service): string[];
  staff(member: StaffMember): string[];
  commonWords: ReadonlySet<string>;
}

export const ENGLISH_NAMES: EntityNames = {
  service: (s) => [s.name, s.id.replace(/-/g, ' '), ...s.aliases],
  staff: (m) => [m.name, ...m.aliases],
  commonWords: COMMON_WORDS,
};

const indexes = new WeakMap<Business, Map<EntityNames, EntityIndex>>();

function indexFor(business: Business, names: EntityNames = ENGLISH_NAMES): EntityIndex {
  const byNames = indexes.get(business) ?? new Map<EntityNames, EntityIndex>();
  indexes.set(business, byNames);
  const cached = byNames.get(names);
  if (cached) return cached;
  const services = business.services.flatMap((s) => phrasesOf(s.id, names.service(s)));
  const staff = business.staff.flatMap((m) => phrasesOf(m.id, names.staff(m)));
  const known = new Set<string>(names.commonWords);
  for (const s of business.services) for (const n of names.service(s)) for (const w of tokenize(n)) known.add(w);
  for (const m of business.staff) for (const n of names.staff(m)) for (const w of tokenize(n)) known.add(w);
  for (const f of business.faqs) for (const n of [...f.questions, ...f.keywords]) for (const w of tokenize(n)) known.add(w);
  const index: EntityIndex = { services, staff, known };
  byNames.set(names, index);
  return index;
}

function typoTolerance(word: string): number {
  if (word.length >= 8) return 2;
  if (word.length >= 5) return 1;
  return 0;
}

/** The phrases of an index by their key, made once per index. */
const phrasesByKey = new WeakMap<Phrase[], Map<string, Phrase[]>>();

function byKeyOf(phrases: Phrase[]): Map<string, Phrase[]> {
  let byKey = phrasesByKey.get(phrases);
  if (!byKey) {
    byKey = new Map<string, Phrase[]>();
    for (const p of phrases) {
      const list = byKey.get(p.key);
      if (list) list.push(p);
      else byKey.set(p.key, [p]);
    }
    phrasesByKey.set(phrases, byKey);
  }
  return byKey;
}

/** A turn looks for the same mentions in the same words several times: the last answers are kept. */
const KEPT_MENTIONS = 256;
const keptMentions = new WeakMap<Phrase[], WeakMap<Set<string>, Map<string, readonly Mention[]>>>();

/** Every phrase mention in the tokens, longest first where they overlap. */
function findMentions(tokens: string[], phrases: Phrase[], known: Set<string>): Mention[] {
  let byKnown = keptMentions.get(phrases);
  if (!byKnown) keptMentions.set(phrases, (byKnown = new WeakMap()));
  let kept = byKnown.get(known);
  if (!kept) byKnown.set(known, (kept = new Map()));
  const words = tokens.join('\u0001');
  let mentions = kept.get(words);
  if (!mentions) {
    if (kept.size >= KEPT_MENTIONS) kept.clear();
    mentions = mentionsIn(tokens, phrases, known);
    kept.set(words, mentions);
  }
  // Copies: callers may change what they get.
  return mentions.map((m) => ({ ...m }));
}

function mentionsIn(tokens: string[], phrases: Phrase[], known: Set<string>): Mention[] {
  const stems = tokens.map(stem);
  const byKey = byKeyOf(phrases);
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
export function findServiceMentions(text: string, business: Business, names: EntityNames = ENGLISH_NAMES): Mention[] {
  const index = indexFor(business, names);
  return findMentions(tokenize(text), index.services, index.known);
}

/** The first service the text names (by name or alias), or null. */
export function findService(text: string, business: Business, names: EntityNames = ENGLISH_NAMES): string | null {
  return findServiceMentions(text, business, names)[0]?.id ?? null;
}

/** The first staff member the text names ("with the barber"), or null. */
export function findStaff(text: string, business: Business, names: EntityNames = ENGLISH_NAMES): string | null {
  const index = indexFor(business, names);
  return findMentions(tokenize(text), index.staff, index.known)[0]?.id ?? null;
}

const NO_KNOWN_WORDS: Set<string> = new Set();

/** Token positions that belong to a named service, so FAQ matching can leave them out. */
export function serviceTokenMask(tokens: string[], business: Business): Set<number> {
  const masked = new Set<number>();
  for (const m of findMentions(tokens, indexFor(business).services, NO_KNOWN_WORDS)) for (let i = m.start; i < m.end; i++) masked.add(i);
  return masked;
}
