// The whole reading of one turn: the message read once, in the light of what the bot is waiting for.
// Everything after the reading middleware takes its answers from here (readingOf), so a message
// means one thing to the consent check, the flow in progress and the router.

import type { Business, Language } from '../domain/types';
import type { Expectation, Keyword, Part, Reading, ReminderReplyReading, TurnReading } from './types';
import { cleanText, tokenize } from './normalize';
import { addDays, atLocal, localDateOf, localTimeOf, minutesOf } from '../domain/time';
import { clockText } from './when/clock';
import { ENGLISH } from './english';
import type { TurnLanguage } from './turn-language';

export interface TurnReadingContext {
  now: Date;
  business: Business;
  /** What the bot asked last, if it is waiting for an answer. */
  expecting?: Expectation | null;
  /** The language the client writes in, when known: a reader by language reads the turn in it. */
  language?: Language | null;
}

export type TurnReader = (text: string, ctx: TurnReadingContext) => TurnReading;

/** A turn reader for one language: the shared machinery over that language's table. */
export function makeTurnReader(lang: TurnLanguage): TurnReader {
  return (raw, ctx) => readTurnIn(lang, raw, ctx);
}

/** Reads one message in English: once per turn, by the reading middleware. */
export const readTurn: TurnReader = makeTurnReader(ENGLISH);

function readTurnIn(lang: TurnLanguage, raw: string, ctx: TurnReadingContext): TurnReading {
  const text = cleanText(typeof raw === 'string' ? raw : '');
  const expecting = ctx.expecting ?? null;
  const whole = lang.understand(text, ctx);
  const moved = moveFromTo(lang, text, whole, ctx);
  const base = moved?.to ?? withShift(lang, text, withBareWeekday(lang, text, withChangedHour(lang, text, whole, ctx), ctx), ctx);
  const keyword = keywordOf(lang, text, base);
  const flags = flagsOf(lang, text, ctx.business);
  const services = lang.serviceMentions(text, ctx.business).map((m) => m.id);
  const parts = partsOf(lang, text, ctx);
  const reading: TurnReading = {
    ...base,
    text,
    blank: typeof raw !== 'string' || raw.trim() === '',
    expecting,
    services: unique(services),
    faqs: faqsOf(base, parts),
    parts,
    choice: null,
    choiceOutOfRange: false,
    name: lang.replies.statedName(text),
    nameLike: lang.replies.readName(text) !== null,
    keyword,
    ...flags,
    impossible: impossibleOf(lang, text, base),
    change: false,
    agrees: opensWithYes(lang, text),
    also: lang.patterns.also.test(lang.form(text)),
    changeCue: lang.patterns.changeCue.test(lang.form(text)),
    reminderReply: reminderReplyOf(lang, text, base),
    from: moved?.from ?? null,
    namedDay: lang.findNamedDay(text, ctx.business, ctx.now),
  };
  return expecting ? answerTo(lang, expecting, reading, ctx) : reading;
}

/** What a reading is as an answer to the question the bot asked. */
function answerTo(lang: TurnLanguage, expecting: Expectation, reading: TurnReading, ctx: TurnReadingContext): TurnReading {
  switch (expecting.kind) {
    case 'name':
      return asName(lang, reading, ctx.business);
    case 'choice':
      return asChoice(lang, reading, expecting, ctx);
    case 'service': {
      const choice = lang.replies.readChoice(reading.text, expecting.count);
      return { ...reading, choice, choiceOutOfRange: choice === null && lang.replies.isNumberOutOfRange(reading.text, expecting.count) };
    }
    case 'yes_no':
      return { ...reading, change: isChange(reading) };
    case 'when':
    case 'free_text':
      return reading;
  }
}

/**
 * At a name prompt a plausible name is a name, even one made of ordinary words ("Summer Price",
 * "Hall"), unless the message is clearly something else: a keyword, a question, a yes or no, a
 * day or time, "never mind", or a request in several words ("talk to a person").
 */
function asName(lang: TurnLanguage, reading: TurnReading, business: Business): TurnReading {
  const name = lang.replies.readName(reading.text);
  if (!name || reading.filler || reading.keyword || reading.abandon || reading.bareCancel) return reading;
  // "Tuesday Hall", "Will Early": two or three words written as a name are one, whatever they mean.
  const fullName = writtenAsFullName(reading.text) && !reading.text.endsWith('?');
  if (reading.impossible || (reading.question && !fullName)) return reading;
  if ((reading.date || reading.time || reading.window) && !fullName) return reading;
  if (reading.intent === 'yes' || reading.intent === 'no' || lang.replies.readChoice(reading.text, 9) !== null) return reading;
  const words = reading.text.split(/\s+/).length;
  const request = ['human', 'cancel', 'reschedule', 'list', 'help', 'stop', 'start'].includes(reading.intent);
  if (request && (words > 1 || reading.intent !== 'other') && !lang.patterns.nameLead.test(lang.form(reading.text))) {
    return reading;
  }
  // A service's name ("beard trim", "hiarcut") or a request for one ("book a color"): a change of
  // service, not a surname. "rob banks" names no service by itself, whatever it is near.
  const askingForService = reading.services.length > 0 && (words === 1 || lang.patterns.serviceRequest.test(lang.form(reading.text)));
  if (lang.isServiceName(reading.text, business) || (askingForService && !fullName)) return reading;
  return {
    ...reading,
    intent: 'other',
    name,
    faq: null,
    faqs: [],
    parts: [],
    service: null,
    services: [],
    staff: null,
    date: null,
    time: null,
    window: null,
    greeting: false,
    thanks: false,
  };
}

/** Two or three words, each with a capital first letter, no digits: how people write their names. */
function writtenAsFullName(text: string): boolean {
  const words = text.trim().replace(/[.!]+$/, '').split(/\s+/);
  return words.length >= 2 && words.length <= 3 && words.every((w) => /^\p{Lu}[\p{Ll}\p{M}'’\-]+$/u.test(w));
}

/** At numbered times: by number, by the time itself ("the 3:30"), or by position ("the later one"). */
function asChoice(lang: TurnLanguage, reading: TurnReading, expecting: Extract<Expectation, { kind: 'choice' }>, ctx: TurnReadingContext): TurnReading {
  const { count, starts } = expecting;
  let choice = lang.replies.readChoice(reading.text, count);
  if (choice === null && starts && starts.length === count) choice = byTime(reading, starts, ctx) ?? byPosition(lang, reading.text, starts);
  else if (choice === null) choice = byPosition(lang, reading.text, null, count);
  const outOfRange = choice === null && lang.replies.isNumberOutOfRange(reading.text, count);
  // A choice is an answer, not a new time: "the 3:30 one" picks it, "tomorrow at 3:30" asks anew.
  if (choice !== null) return { ...reading, choice, choiceOutOfRange: false, change: false, intent: reading.intent === 'book' ? 'other' : reading.intent };
  return { ...reading, choiceOutOfRange: outOfRange, change: isChange(reading) };
}

function byTime(reading: TurnReading, starts: number[], ctx: TurnReadingContext): number | null {
  if (!reading.time) return null;
  const zone = ctx.business.zone;
  const matches = starts
    .map((at, i) => ({ i, at }))
    .filter(({ at }) => localTimeOf(at, zone) === reading.time && (reading.date === null || sameLocalDate(at, reading.date, zone)));
  return matches.length === 1 ? matches[0].i + 1 : null;
}

function byPosition(lang: TurnLanguage, text: string, starts: number[] | null, count = starts?.length ?? 0): number | null {
  const position = lang.replies.readPosition(text);
  if (position === null || count === 0) return null;
  if (position === 'last') return count;
  if (!starts) return position === 'earlier' ? 1 : count;
  const order = starts.map((at, i) => ({ at, i })).sort((a, b) => a.at - b.at);
  return (position === 'earlier' ? order[0] : order[order.length - 1]).i + 1;
}

function sameLocalDate(at: number, date: string, zone: string): boolean {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at) === date;
}

/** A new day, time, service or staff member in a reply that is neither yes nor no. */
function isChange(reading: TurnReading): boolean {
  if (reading.intent === 'yes' || reading.keyword || reading.abandon) return false;
  if (reading.intent === 'cancel' && !reading.date && !reading.time) return false;
  return Boolean(reading.date || reading.time || reading.window || reading.service || reading.staff || reading.anyStaff || reading.otherStaff);
}

/**
 * The clock a bare hour means in a change of mind ("make it 4"), read as "at 4" would be: the
 * time reader alone takes a bare number for no time.
 */
function withChangedHour(lang: TurnLanguage, text: string, reading: Reading, ctx: TurnReadingContext): Reading {
  if (reading.time || reading.window) return reading;
  const m = lang.patterns.changeHour.exec(lang.form(text));
  if (!m) return reading;
  const hour = m[1] ?? m[3];
  const minute = m[2] ?? m[4];
  const again = lang.understand(lang.atClock(hour!, minute), ctx);
  if (!again.time) return reading;
  const intent = reading.intent === 'other' || reading.intent === 'no' ? 'book' : reading.intent;
  return { ...reading, intent, time: again.time, window: null };
}

type Move = { from: { date: string | null; time: string | null }; to: Reading };

/** A move by an amount from the appointment's own time ("push my 2pm back half an hour"). */
function moveBy(lang: TurnLanguage, text: string, whole: Reading, ctx: TurnReadingContext): Move | null {
  const m = lang.patterns.moveBy.exec(lang.form(text));
  if (!m) return null;
  const from = lang.understand(m[1]!, ctx);
  const direction = m[4] ?? m[2];
  const shift = direction ? shiftOf(lang, `${m[3]} ${direction}`) : null;
  if (!from.time || shift === null) return null;
  const time = clockText((minutesOf(from.time) + shift + 24 * 60) % (24 * 60));
  return { from: { date: from.date, time: from.time }, to: { ...whole, intent: 'reschedule', date: from.date, time, window: null } };
}

/** A move that names both the appointment's time and the new one: each half read on its own. */
function moveFromTo(lang: TurnLanguage, text: string, whole: Reading, ctx: TurnReadingContext): Move | null {
  const m = lang.patterns.moveFromTo.exec(lang.form(text));
  if (!m) return moveBy(lang, text, whole, ctx);
  const from = lang.understand(m[2]!, ctx);
  if (!from.date && !from.time) return null;
  const rest = withChangedHour(lang, lang.changeTo(m[3]!), lang.understand(m[3]!, ctx), ctx);
  if (!rest.date && !rest.time && !rest.window) return null;
  const to: Reading = { ...whole, intent: 'reschedule', date: rest.date, time: rest.time, window: rest.window };
  return { from: { date: from.date, time: from.time }, to };
}

/** The first clause of the text is a yes by itself ("fine, the lead stylist"). */
function opensWithYes(lang: TurnLanguage, text: string): boolean {
  const first = text.split(/[,.;!-]/)[0] ?? '';
  return first.trim() !== '' && lang.readIntent(first, { hasWhen: false, service: null, staff: null, faq: null }) === 'yes';
}

/**
 * A short weekday that the time reader leaves alone without more context ("sat" is also a verb),
 * read as that day when the text has no other day: the reader is asked again with "on" before it.
 */
function withBareWeekday(lang: TurnLanguage, text: string, reading: Reading, ctx: TurnReadingContext): Reading {
  if (reading.date || !ctx.expecting || !['yes_no', 'when', 'choice'].includes(ctx.expecting.kind)) return reading;
  if (!lang.patterns.bareWeekday.test(lang.form(text))) return reading;
  const again = lang.understand(lang.onWeekday(text), ctx);
  return again.date ? { ...reading, date: again.date, time: reading.time ?? again.time, intent: reading.intent === 'other' ? 'book' : reading.intent } : reading;
}

/** Minutes earlier (negative) or later that the text asks for ("an hour later", "30 mins earlier"), or null. */
function shiftOf(lang: TurnLanguage, text: string): number | null {
  const m = lang.patterns.shift.exec(lang.form(text));
  if (!m) return null;
  const amount = m[1] ? Number(m[1]) : m[3] ? 0.5 : 1;
  const minutes = lang.patterns.hourUnit.test(m[4]!) ? amount * 60 : amount;
  return lang.patterns.earlier.test(m[5]!) ? -minutes : minutes;
}

/** A shift of the time read back ("an hour later"), when the read-back's time is known. */
function withShift(lang: TurnLanguage, text: string, reading: Reading, ctx: TurnReadingContext): Reading {
  const expecting = ctx.expecting;
  if (!expecting || expecting.kind !== 'yes_no' || expecting.at === undefined) return reading;
  let at: number | null = null;
  const shift = shiftOf(lang, text);
  if (shift !== null) {
    at = expecting.at + shift * 60_000;
  } else if (reading.time) {
    return reading;
  } else if (lang.patterns.nextWeekSameTime.test(lang.form(text))) {
    const zone = ctx.business.zone;
    // The same wall-clock time a week on, across a change of clocks too.
    at = atLocal(addDays(localDateOf(expecting.at, zone), 7), localTimeOf(expecting.at, zone), zone);
  }
  if (at === null) return reading;
  const zone = ctx.business.zone;
  return { ...reading, intent: reading.intent === 'other' || reading.intent === 'no' ? 'book' : reading.intent, date: localDateOf(at, zone), time: localTimeOf(at, zone), window: null };
}

function keywordOf(lang: TurnLanguage, text: string, reading: Reading): Keyword | null {
  if (lang.patterns.help.test(lang.form(text))) return 'help';
  if (reading.intent === 'stop') return 'stop';
  if (reading.intent === 'start') return 'start';
  return null;
}

function flagsOf(lang: TurnLanguage, text: string, business: Business) {
  const question = lang.looksLikeQuestion(text);
  const p = lang.patterns;
  const form = lang.form(text);
  return {
    abandon: lang.replies.isAbandon(text),
    bareCancel: lang.replies.isBareCancel(text),
    leaveQueue: lang.replies.isLeavingQueue(text),
    greeting: lang.replies.isGreeting(text),
    thanks: lang.replies.isThanks(text),
    filler: lang.replies.isFiller(text),
    complaint: lang.isComplaint(text),
    urgent: lang.findUrgentKeyword(text, business),
    question,
    catalogue: lang.isCatalogueQuestion(text),
    anyStaff: p.anyStaff.test(form),
    otherStaff: p.otherStaff.test(form),
    followUp: p.followUp.test(form.trim()),
    dayAfter: (p.dayAfter.test(form) ? 1 : p.dayBefore.test(form) ? -1 : null) as 1 | -1 | null,
  };
}

function impossibleOf(lang: TurnLanguage, text: string, reading: Reading) {
  const found = lang.readImpossibleWhen(text);
  if (!found) return null;
  // "feb 30 or march 2" is simply March 2.
  const given = found.kind === 'day' ? reading.date !== null : reading.time !== null || reading.window !== null;
  return given ? null : found;
}

/** The requests of a text that makes several; empty when it makes one. */
function partsOf(lang: TurnLanguage, text: string, ctx: TurnReadingContext): Part[] {
  const pieces = text.split(lang.patterns.split).map((p) => p.trim()).filter((p) => tokenize(p).length > 0);
  if (pieces.length < 2) return [];
  const parts = pieces.map((piece) => partOf(lang, piece, ctx));
  const meaningful = parts.filter((p) => p.intent !== 'other' || p.service !== null);
  return meaningful.length >= 2 ? meaningful : [];
}

function partOf(lang: TurnLanguage, piece: string, ctx: TurnReadingContext): Part {
  const mentions = lang.serviceMentions(piece, ctx.business);
  const service = mentions[0]?.id ?? null;
  const faq = lang.matchFaq(piece, ctx.business);
  const hasWhen = lang.patterns.whenHint.test(lang.form(piece));
  const intent = lang.readIntent(piece, { hasWhen, service, staff: null, faq });
  return { text: piece, namedDay: lang.findNamedDay(piece, ctx.business, ctx.now), intent, service, faq: intent === 'faq' ? faq : null };
}

function faqsOf(reading: Reading, parts: Part[]): string[] {
  const found = parts.map((p) => p.faq).filter((f): f is string => f !== null);
  if (reading.faq) found.unshift(reading.faq);
  return unique(found);
}

/** What the message means as a reply to a reminder ("C", "X", "running 10 min late"), or null. */
function reminderReplyOf(lang: TurnLanguage, text: string, reading: Reading): ReminderReplyReading | null {
  const p = lang.patterns;
  const flat = lang.form(text).toLowerCase().replace(/[.!?]+$/g, '').trim();
  if (flat === 'c') return { kind: 'confirm' };
  if (flat === 'r') return { kind: 'reschedule' };
  if (flat === 'x') return { kind: 'cancel' };
  const inMinutes = p.onMyWayIn.exec(flat);
  if (inMinutes) return { kind: 'late', minutes: Number(inMinutes[1]) };
  if (p.late.test(flat) && !p.notLate.test(flat)) {
    const minutes = p.minutes.exec(flat);
    return { kind: 'late', minutes: minutes ? Number(minutes[1]) : null };
  }
  if (reading.intent === 'yes') return { kind: 'confirm' };
  if (reading.intent === 'cancel') return { kind: 'cancel' };
  if (reading.intent === 'reschedule') return { kind: 'reschedule' };
  if (p.instead.test(flat) && (reading.time || reading.date || reading.window)) return { kind: 'reschedule' };
  return null;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
