// FAQ matching: a MiniSearch index (BM25, fuzzy and prefix terms) over each entry's example
// questions and keywords, built once per Business object, plus a confidence score that says how
// much of the client's question an entry accounts for. Nothing here knows the demo business.

import MiniSearch, { type SearchResult } from 'minisearch';
import type { Business } from '../domain/types';
import { serviceTokenMask } from './entities';
import { editDistance, stem, tokenize } from './normalize';

// Words that say nothing about which question is asked. Question words that do ("where", "how")
// are kept: BM25 weighs them by how many entries use them.
const STOPWORDS = new Set(
  (
    'a an the i me my mine you your yours we us our is are am be been was were do does did can ' +
    'could would will should shall may might to for of on in at with and or it its this that these ' +
    'those there here what who which if just please hi hello hey get got have has had ' +
    'need want like so about appointment appointments book booking from up out any some also then than too very really ok yes no not ' +
    "i'm i'd let know tell say there's one by as go going take " +
    'salon shop place today tomorrow tonight morning afternoon evening week weekend ' +
    'monday tuesday wednesday thursday friday saturday sunday mon tue tues wed weds thu thur thurs ' +
    'fri sat sun next day days time am pm guys'
  ).split(' '),
);

// Courtesy phrases whose words would otherwise look like keywords ("thanks a lot", "so much").
const COURTESY = /\b(?:thanks|thank you) (?:so |very )?much\b|\bthanks a lot\b|\b(?:so|very) much\b|\bmuch appreciated\b|\ba lot\b/g;

/** The least confidence at which an entry is taken as the answer. */
export const FAQ_THRESHOLD = 0.5;

interface IndexedDoc {
  key: string;
  faq: string;
  kind: 'question' | 'keywords';
  text: string;
}

interface FaqIndex {
  search: MiniSearch<IndexedDoc>;
  /** Stems of each example question, per entry. */
  questions: Map<string, string[][]>;
  /** All stems of each example question (see allStems), per entry. */
  allQuestions: Map<string, string[][]>;
  /** Keyword phrases as stem runs, per entry. */
  keywords: Map<string, string[][]>;
  /** How specific a stem is: rarer across entries weighs more. */
  weight: (term: string) => number;
}

export interface FaqScore {
  id: string;
  /** Confidence from 0 (nothing in common) upwards; at or above FAQ_THRESHOLD is a match. */
  score: number;
}

/** Content stems of a text: stopwords, digits and named services dropped, the rest stemmed. */
function contentStems(text: string, business: Business): string[] {
  const flat = tokenize(text).join(' ').replace(COURTESY, ' ');
  const tokens = flat.split(' ').filter((t) => t.length > 0);
  const masked = serviceTokenMask(tokens, business);
  const out: string[] = [];
  tokens.forEach((t, i) => {
    if (masked.has(i) || STOPWORDS.has(t) || /\d/.test(t)) return;
    out.push(stem(t));
  });
  return out;
}

/** Every stem of a text except articles and named services: for near-verbatim questions and phrases. */
function allStems(text: string, business: Business): string[] {
  const tokens = tokenize(text).join(' ').replace(COURTESY, ' ').split(' ').filter((t) => t.length > 0);
  const masked = serviceTokenMask(tokens, business);
  return tokens.filter((t, i) => !masked.has(i) && t !== 'a' && t !== 'an' && t !== 'the').map(stem);
}

const indexes = new WeakMap<Business, FaqIndex>();

function indexFor(business: Business): FaqIndex {
  const cached = indexes.get(business);
  if (cached) return cached;
  const docs: IndexedDoc[] = [];
  const questions = new Map<string, string[][]>();
  const allQuestions = new Map<string, string[][]>();
  const keywords = new Map<string, string[][]>();
  const vocabulary = new Map<string, Set<string>>();
  for (const faq of business.faqs) {
    const own = new Set<string>();
    const qs = faq.questions.map((q) => contentStems(q, business));
    allQuestions.set(faq.id, faq.questions.map((q) => allStems(q, business)));
    const phrases = faq.keywords.map((k) => tokenize(k).map(stem)).filter((s) => s.length > 0);
    // "giftcard", "walkin", "noshow": clients run a keyword phrase together.
    const ks = [...phrases, ...phrases.filter((k) => k.length > 1).map((k) => [stem(k.join(''))])];
    questions.set(faq.id, qs);
    keywords.set(faq.id, ks);
    qs.forEach((stems, i) => {
      stems.forEach((s) => own.add(s));
      if (stems.length > 0) docs.push({ key: `${faq.id}#q${i}`, faq: faq.id, kind: 'question', text: stems.join(' ') });
    });
    const keywordStems = ks.flat().filter((s) => !STOPWORDS.has(s));
    keywordStems.forEach((s) => own.add(s));
    if (keywordStems.length > 0) docs.push({ key: `${faq.id}#k`, faq: faq.id, kind: 'keywords', text: keywordStems.join(' ') });
    vocabulary.set(faq.id, own);
  }
  const search = new MiniSearch<IndexedDoc>({
    idField: 'key',
    fields: ['text'],
    storeFields: ['faq', 'kind'],
    // Texts arrive already tokenized and stemmed, the same way for questions and queries.
    tokenize: (text) => text.split(' ').filter((t) => t.length > 0),
    processTerm: (term) => term,
    searchOptions: {
      // Typos in longer words ("parkng", "cancelation"); short words must match exactly.
      fuzzy: (term) => (term.length >= 5 ? 0.34 : false),
      prefix: (term) => term.length >= 4,
      weights: { fuzzy: 0.6, prefix: 0.7 },
      combineWith: 'OR',
    },
  });
  search.addAll(docs);
  const df = new Map<string, number>();
  for (const own of vocabulary.values()) for (const s of own) df.set(s, (df.get(s) ?? 0) + 1);
  const entries = Math.max(1, business.faqs.length);
  const rarest = Math.log(1 + entries);
  const weight = (term: string) => {
    const n = df.get(term);
    return n === undefined ? rarest : Math.log(1 + entries / n);
  };
  const index: FaqIndex = { search, questions, allQuestions, keywords, weight };
  indexes.set(business, index);
  return index;
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

/**
 * How much a query word and an entry word that the search paired count as the same word: fully
 * when equal, mostly for a prefix, and for a typo by how little had to change ("adress" is closer
 * to "address" than "chang" is to "charg").
 */
function likeness(queryTerm: string, docTerm: string): number {
  if (queryTerm === docTerm) return 1;
  if (docTerm.startsWith(queryTerm)) return 0.8;
  const longer = Math.max(queryTerm.length, docTerm.length);
  const distance = editDistance(queryTerm, docTerm, longer);
  return Math.max(0, 1 - distance / longer) ** 2;
}

/** Credit for a query term: its best likeness to any word of the entry the search matched. */
function queryCredit(term: string, matchedQuery: Set<string>, matchedDoc: Map<string, Set<string>>): number {
  if (!matchedQuery.has(term)) return 0;
  let best = 0;
  for (const terms of matchedDoc.values()) for (const d of terms) best = Math.max(best, likeness(term, d));
  return best;
}

/** Credit for an entry's word the search matched: its best likeness to a word of the query. */
function docCredit(docTerm: string, query: string[]): number {
  return query.reduce((best, q) => Math.max(best, likeness(q, docTerm)), 0);
}

function sum(terms: Iterable<string>, weight: (t: string) => number): number {
  let total = 0;
  for (const t of terms) total += weight(t);
  return total;
}

/**
 * How well the text matches each FAQ entry, best first. The confidence combines what share of the
 * client's words the entry accounts for, how much of one example question the client's words
 * cover, and whether a keyword was named; BM25 breaks ties.
 */
export function scoreFaqs(text: string, business: Business): FaqScore[] {
  const index = indexFor(business);
  const query = contentStems(typeof text === 'string' ? text : '', business);
  const all = allStems(typeof text === 'string' ? text : '', business);
  if (all.length === 0) return business.faqs.map((f) => ({ id: f.id, score: 0 }));
  const unique = [...new Set(query)];
  const results = unique.length === 0 ? [] : (index.search.search(unique.join(' ')) as Array<SearchResult & { faq: string; kind: string }>);

  const byFaq = new Map<string, { bm25: number; matchedQuery: Set<string>; matchedDoc: Map<string, Set<string>> }>();
  for (const r of results) {
    const entry = byFaq.get(r.faq) ?? { bm25: 0, matchedQuery: new Set<string>(), matchedDoc: new Map<string, Set<string>>() };
    entry.bm25 = Math.max(entry.bm25, r.score);
    for (const q of r.queryTerms) entry.matchedQuery.add(q);
    entry.matchedDoc.set(String(r.id), new Set(r.terms));
    byFaq.set(r.faq, entry);
  }

  const queryWeight = sum(unique, index.weight);
  const scored = business.faqs.map((faq) => {
    const hit = byFaq.get(faq.id) ?? { bm25: 0, matchedQuery: new Set<string>(), matchedDoc: new Map<string, Set<string>>() };
    // A typo-tolerant match counts for less than the word itself ("chang" is not "charg").
    const accounted =
      queryWeight === 0 ? 0 : unique.reduce((total, q) => total + index.weight(q) * queryCredit(q, hit.matchedQuery, hit.matchedDoc), 0) / queryWeight;
    let covered = 0;
    let near = 0;
    (index.questions.get(faq.id) ?? []).forEach((stems, i) => {
      near = Math.max(near, jaccard(all, index.allQuestions.get(faq.id)?.[i] ?? []));
      const matched = hit.matchedDoc.get(`${faq.id}#q${i}`);
      if (!matched) return;
      const distinct = [...new Set(stems)];
      const total = sum(distinct, index.weight);
      const got = distinct.reduce((acc, s) => acc + (matched.has(s) ? index.weight(s) * docCredit(s, unique) : 0), 0);
      if (total > 0) covered = Math.max(covered, got / total);
    });
    // A keyword phrase written out in full ("gift card", "in network") is the owner saying "this one".
    const keywordHit = (index.keywords.get(faq.id) ?? []).some((k) =>
      k.length > 1 ? containsRun(all, k) : !STOPWORDS.has(k[0]) && query.includes(k[0]),
    );
    let score = 0.5 * accounted + 0.35 * covered + (keywordHit ? 0.25 : 0);
    // The client wrote one of the example questions almost word for word.
    if (near >= 0.75) score = Math.max(score, near);
    return { id: faq.id, score: Math.round(score * 1000) / 1000, bm25: hit.bm25 };
  });
  scored.sort((a, b) => b.score - a.score || b.bm25 - a.bm25);
  return scored.map(({ id, score }) => ({ id, score }));
}

/** The best FAQ entry for the text when its confidence clears the threshold, or null. */
export function matchFaq(text: string, business: Business): string | null {
  const best = scoreFaqs(text, business)[0];
  return best && best.score >= FAQ_THRESHOLD ? best.id : null;
}

/** "what services do you have", "what do you offer": a question about the whole catalogue. */
export function isCatalogueQuestion(text: string): boolean {
  const flat = tokenize(typeof text === 'string' ? text : '').join(' ');
  return (
    /\b(?:what|which) (?:kind of |kinds of |sort of )?(?:services|treatments)\b/.test(flat) ||
    /\bwhat (?:do|can) (?:you|y'all|you guys) (?:offer|do)\b/.test(flat) ||
    /\b(?:service|services) (?:menu|list)\b|\blist (?:of )?(?:your )?services\b|\bwhat can i (?:book|get done)\b/.test(flat)
  );
}

// "do you ...", "is there ...", "can I ...", "where/what/how ...": the shape of a question to the business.
const QUESTION_START =
  /^(?:do|does|did|are|is|was|can|could|will|would|have|has|what|what's|where|when|which|who|how|why)\b/;

/** A question to the business (as opposed to a statement, a greeting or a request to book). */
export function looksLikeQuestion(text: string): boolean {
  const raw = typeof text === 'string' ? text.trim() : '';
  const tokens = tokenize(raw);
  if (tokens.length < 2) return false;
  return raw.endsWith('?') || QUESTION_START.test(tokens.join(' '));
}
