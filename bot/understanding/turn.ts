// The whole reading of one turn: the message read once, in the light of what the bot is waiting for.
// Everything after the reading middleware takes its answers from here (readingOf), so a message
// means one thing to the consent check, the flow in progress and the router.

import type { Business } from '../domain/types';
import type { Expectation, Keyword, Part, Reading, ReminderReplyReading, TurnReading } from './types';
import { understand } from './index';
import { cleanText, tokenize } from './normalize';
import { findServiceMentions } from './entities';
import { isCatalogueQuestion, looksLikeQuestion, matchFaq } from './faq-index';
import { readIntent } from './intent';
import { isComplaint } from './complaint';
import { findUrgentKeyword } from './urgent';
import { readImpossibleWhen } from './impossible-when';
import { findNamedDay } from './named-day';
import { addDays, atLocal, localDateOf, localTimeOf, minutesOf } from '../domain/time';
import { clockText } from './when/clock';
import {
  isAbandon,
  isBareCancel,
  isFiller,
  isGreeting,
  isLeavingQueue,
  isNumberOutOfRange,
  isThanks,
  readChoice,
  readName,
  readPosition,
  statedName,
} from './replies';

export interface TurnReadingContext {
  now: Date;
  business: Business;
  /** What the bot asked last, if it is waiting for an answer. */
  expecting?: Expectation | null;
}

export type TurnReader = (text: string, ctx: TurnReadingContext) => TurnReading;

// HELP and INFO are carrier keywords only when sent alone; "help me book" is a request.
const HELP_KEYWORD = /^(?:help|info)[\s.!?]*$/i;

/** Reads one message: once per turn, by the reading middleware. */
export function readTurn(raw: string, ctx: TurnReadingContext): TurnReading {
  const text = cleanText(typeof raw === 'string' ? raw : '');
  const expecting = ctx.expecting ?? null;
  const whole = understand(text, ctx);
  const moved = moveFromTo(text, whole, ctx);
  const base = moved?.to ?? withShift(text, withBareWeekday(text, withChangedHour(text, whole, ctx), ctx), ctx);
  const keyword = keywordOf(text, base);
  const flags = flagsOf(text, ctx.business);
  const services = findServiceMentions(text, ctx.business).map((m) => m.id);
  const parts = partsOf(text, ctx);
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
    name: statedName(text),
    nameLike: readName(text) !== null,
    keyword,
    ...flags,
    impossible: impossibleOf(text, base),
    change: false,
    agrees: opensWithYes(text),
    also: ALSO.test(text),
    changeCue: CHANGE_CUE.test(text),
    reminderReply: reminderReplyOf(text, base),
    from: moved?.from ?? null,
    namedDay: findNamedDay(text, ctx.business, ctx.now),
  };
  return expecting ? answerTo(expecting, reading, ctx) : reading;
}

/** What a reading is as an answer to the question the bot asked. */
function answerTo(expecting: Expectation, reading: TurnReading, ctx: TurnReadingContext): TurnReading {
  switch (expecting.kind) {
    case 'name':
      return asName(reading, ctx.business);
    case 'choice':
      return asChoice(reading, expecting, ctx);
    case 'service': {
      const choice = readChoice(reading.text, expecting.count);
      return { ...reading, choice, choiceOutOfRange: choice === null && isNumberOutOfRange(reading.text, expecting.count) };
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
function asName(reading: TurnReading, business: Business): TurnReading {
  const name = readName(reading.text);
  if (!name || reading.filler || reading.keyword || reading.abandon || reading.bareCancel) return reading;
  // "Tuesday Hall", "Will Early": two or three words written as a name are one, whatever they mean.
  const fullName = writtenAsFullName(reading.text) && !reading.text.endsWith('?');
  if (reading.impossible || (reading.question && !fullName)) return reading;
  if ((reading.date || reading.time || reading.window) && !fullName) return reading;
  if (reading.intent === 'yes' || reading.intent === 'no' || readChoice(reading.text, 9) !== null) return reading;
  const words = reading.text.split(/\s+/).length;
  const request = ['human', 'cancel', 'reschedule', 'list', 'help', 'stop', 'start'].includes(reading.intent);
  if (request && (words > 1 || reading.intent !== 'other') && !/^(?:my name is|name is|it'?s|i'?m|this is|call me)\b/i.test(reading.text)) {
    return reading;
  }
  // A service's name ("beard trim", "hiarcut") or a request for one ("book a color"): a change of
  // service, not a surname. "rob banks" names no service by itself, whatever it is near.
  const askingForService = reading.services.length > 0 && (words === 1 || SERVICE_REQUEST.test(reading.text));
  if (isServiceName(reading.text, business) || (askingForService && !fullName)) return reading;
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

const SERVICE_REQUEST = /\b(?:book|get|schedule|make|want|need|like|do|add|change|switch|instead)\b/i;

/** The text is, word for word, a service's name or one of its aliases. */
function isServiceName(text: string, business: Business): boolean {
  const flat = tokenize(text).join(' ');
  return business.services.some((s) => [s.name, ...s.aliases].some((n) => tokenize(n).join(' ') === flat));
}

/** Two or three words, each with a capital first letter, no digits: how people write their names. */
function writtenAsFullName(text: string): boolean {
  const words = text.trim().replace(/[.!]+$/, '').split(/\s+/);
  return words.length >= 2 && words.length <= 3 && words.every((w) => /^\p{Lu}[\p{Ll}\p{M}'’\-]+$/u.test(w));
}

/** At numbered times: by number, by the time itself ("the 3:30"), or by position ("the later one"). */
function asChoice(reading: TurnReading, expecting: Extract<Expectation, { kind: 'choice' }>, ctx: TurnReadingContext): TurnReading {
  const { count, starts } = expecting;
  let choice = readChoice(reading.text, count);
  if (choice === null && starts && starts.length === count) choice = byTime(reading, starts, ctx) ?? byPosition(reading.text, starts);
  else if (choice === null) choice = byPosition(reading.text, null, count);
  const outOfRange = choice === null && isNumberOutOfRange(reading.text, count);
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

function byPosition(text: string, starts: number[] | null, count = starts?.length ?? 0): number | null {
  const position = readPosition(text);
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

// A change of mind with a bare hour: "make it 4", "can we do 1 instead", "how about 3".
const CHANGE_HOUR =
  /\b(?:make it|make that|do|try|how about|what about|switch to|change (?:it )?to|move (?:it )?to|go with|go for)\s+(\d{1,2})(?::(\d{2}))?(?!\s*(?:[ap]\.?m|:|\d|%|\$|min|hour|hr|people|of|dollars|bucks))\b|\b(\d{1,2})(?::(\d{2}))?\s+instead\b/i;

/**
 * The clock a bare hour means in a change of mind ("make it 4"), read as "at 4" would be: the
 * time reader alone takes a bare number for no time.
 */
function withChangedHour(text: string, reading: Reading, ctx: TurnReadingContext): Reading {
  if (reading.time || reading.window) return reading;
  const m = CHANGE_HOUR.exec(text);
  if (!m) return reading;
  const hour = m[1] ?? m[3];
  const minute = m[2] ?? m[4];
  const again = understand(`at ${hour}${minute ? `:${minute}` : ''}`, ctx);
  if (!again.time) return reading;
  const intent = reading.intent === 'other' || reading.intent === 'no' ? 'book' : reading.intent;
  return { ...reading, intent, time: again.time, window: null };
}

// "push my 3pm to 4", "move my friday appointment to saturday", "change the 10am to 11".
const MOVE_FROM_TO = /^(.*?\b(?:move|push|change|switch|bump|shift|reschedule|moving)\s+(?:my|the|our)\s+)(.+?)\s+(?:to|till|until|over to)\s+(.+)$/i;

/** A move by an amount from the appointment's own time ("push my 2pm back half an hour"). */
function moveBy(text: string, whole: Reading, ctx: TurnReadingContext): { from: { date: string | null; time: string | null }; to: Reading } | null {
  const m = MOVE_BY.exec(text);
  if (!m) return null;
  const from = understand(m[1]!, ctx);
  const direction = m[4] ?? m[2];
  const shift = direction ? shiftOf(`${m[3]} ${direction}`) : null;
  if (!from.time || shift === null) return null;
  const time = clockText((minutesOf(from.time) + shift + 24 * 60) % (24 * 60));
  return { from: { date: from.date, time: from.time }, to: { ...whole, intent: 'reschedule', date: from.date, time, window: null } };
}

/** A move that names both the appointment's time and the new one: each half read on its own. */
function moveFromTo(text: string, whole: Reading, ctx: TurnReadingContext): { from: { date: string | null; time: string | null }; to: Reading } | null {
  const m = MOVE_FROM_TO.exec(text);
  if (!m) return moveBy(text, whole, ctx);
  const from = understand(m[2], ctx);
  if (!from.date && !from.time) return null;
  const rest = withChangedHour(`make it ${m[3]}`, understand(m[3], ctx), ctx);
  if (!rest.date && !rest.time && !rest.window) return null;
  const to: Reading = { ...whole, intent: 'reschedule', date: rest.date, time: rest.time, window: rest.window };
  return { from: { date: from.date, time: from.time }, to };
}

/** The first clause of the text is a yes by itself ("fine, the lead stylist"). */
function opensWithYes(text: string): boolean {
  const first = text.split(/[,.;!-]/)[0] ?? '';
  return first.trim() !== '' && readIntent(first, { hasWhen: false, service: null, staff: null, faq: null }) === 'yes';
}

const ALSO = /\b(?:also|as well|too|plus|another)\b/i;
const CHANGE_CUE = /\binstead\b|\b(?:make|change|switch|move) (?:it|that|this)\b|^(?:oh |hmm |um |wait |sorry |no )*(?:actually|wait|sorry|oops)\b/i;

// "sat would be better", "fri works": a short weekday alone, taken as a day where a day is an answer.
const BARE_WEEKDAY = /\b(sat|sun|wed|mon|tue|tues|thu|thur|thurs|fri)\b(?!\s*(?:at|on)\b)/i;

/**
 * A short weekday that the time reader leaves alone without more context ("sat" is also a verb),
 * read as that day when the text has no other day: the reader is asked again with "on" before it.
 */
function withBareWeekday(text: string, reading: Reading, ctx: TurnReadingContext): Reading {
  if (reading.date || !ctx.expecting || !['yes_no', 'when', 'choice'].includes(ctx.expecting.kind)) return reading;
  if (!BARE_WEEKDAY.test(text)) return reading;
  const again = understand(text.replace(BARE_WEEKDAY, 'on $1'), ctx);
  return again.date ? { ...reading, date: again.date, time: reading.time ?? again.time, intent: reading.intent === 'other' ? 'book' : reading.intent } : reading;
}

// "an hour later", "30 mins earlier", "half an hour later", "same time next week".
const SHIFT = /\b(?:(\d{1,3})|(an?|one)|(half an?))\s*(hours?|hrs?|h|minutes?|mins?|m)\s+(earlier|later|sooner|before|after|back|up|forward)\b/i;
// "push my 2pm back half an hour", "move my 3:00 up an hour", "bump my friday one 30 mins later".
const MOVE_BY = /\b(?:move|push|bump|shift|pull|slide)\s+(?:my|the|our)\s+(.+?)\s+(back|up|forward|later|earlier)?\s*(?:by\s+)?((?:\d{1,3}|an?|one|half an?)\s*(?:hours?|hrs?|h|minutes?|mins?|m))\s*(later|earlier|back|up|forward)?\b/i;
const NEXT_WEEK_SAME_TIME = /\bsame time\b.*\bnext week\b|\bnext week\b.*\bsame time\b/i;

/** Minutes earlier (negative) or later that the text asks for ("an hour later", "30 mins earlier"), or null. */
function shiftOf(text: string): number | null {
  const m = SHIFT.exec(text);
  if (!m) return null;
  const amount = m[1] ? Number(m[1]) : m[3] ? 0.5 : 1;
  const minutes = /^h/i.test(m[4]!) ? amount * 60 : amount;
  return /^(?:earlier|sooner|before|up|forward)$/i.test(m[5]!) ? -minutes : minutes;
}

/** A shift of the time read back ("an hour later"), when the read-back's time is known. */
function withShift(text: string, reading: Reading, ctx: TurnReadingContext): Reading {
  const expecting = ctx.expecting;
  if (!expecting || expecting.kind !== 'yes_no' || expecting.at === undefined) return reading;
  let at: number | null = null;
  const shift = shiftOf(text);
  if (shift !== null) {
    at = expecting.at + shift * 60_000;
  } else if (reading.time) {
    return reading;
  } else if (NEXT_WEEK_SAME_TIME.test(text)) {
    const zone = ctx.business.zone;
    // The same wall-clock time a week on, across a change of clocks too.
    at = atLocal(addDays(localDateOf(expecting.at, zone), 7), localTimeOf(expecting.at, zone), zone);
  }
  if (at === null) return reading;
  const zone = ctx.business.zone;
  return { ...reading, intent: reading.intent === 'other' || reading.intent === 'no' ? 'book' : reading.intent, date: localDateOf(at, zone), time: localTimeOf(at, zone), window: null };
}

function keywordOf(text: string, reading: Reading): Keyword | null {
  if (HELP_KEYWORD.test(text)) return 'help';
  if (reading.intent === 'stop') return 'stop';
  if (reading.intent === 'start') return 'start';
  return null;
}

// "anyone is fine", "whoever's free", "no preference".
const ANY_STAFF = /\b(?:any ?one|any ?body|who ?ever|whoever'?s|no preference|doesn'?t matter who|don'?t care who|either (?:one|is fine|works)|any (?:stylist|barber|staff|of them|of you))\b/i;
// "the other stylist", "someone else", "a different barber".
const OTHER_STAFF = /\b(?:the other (?:one|stylist|barber|person|lady|guy|girl)|someone else|somebody else|another (?:stylist|barber|person|one)|a different (?:stylist|barber|person|one))\b/i;
// "what about saturday?", "and sunday?", "how about the 12th".
const FOLLOW_UP = /^(?:ok(?:ay)?,?\s+|and\s+|so\s+)?(?:what|how) about\b|^(?:and|&)\s+(?:on\s+|for\s+)?(?:\S+\s+){0,3}\S+\s*\?$/i;

// "and the day after?", "the next day?", "what about the day before": a day counted from the last one.
const DAY_AFTER = /\b(?:the\s+)?(?:day\s+after|next\s+day|following\s+day)\b(?!\s+(?:tomorrow|tmrw|\d))/i;
const DAY_BEFORE = /\b(?:the\s+)?(?:day\s+before|previous\s+day)\b(?!\s+(?:\w+day|\d))/i;

function flagsOf(text: string, business: Business) {
  const question = looksLikeQuestion(text);
  return {
    abandon: isAbandon(text),
    bareCancel: isBareCancel(text),
    leaveQueue: isLeavingQueue(text),
    greeting: isGreeting(text),
    thanks: isThanks(text),
    filler: isFiller(text),
    complaint: isComplaint(text),
    urgent: findUrgentKeyword(text, business.norms?.urgentKeywords ?? []),
    question,
    catalogue: isCatalogueQuestion(text),
    anyStaff: ANY_STAFF.test(text),
    otherStaff: OTHER_STAFF.test(text),
    followUp: FOLLOW_UP.test(text.trim()),
    dayAfter: (DAY_AFTER.test(text) ? 1 : DAY_BEFORE.test(text) ? -1 : null) as 1 | -1 | null,
  };
}

function impossibleOf(text: string, reading: Reading) {
  const found = readImpossibleWhen(text);
  if (!found) return null;
  // "feb 30 or march 2" is simply March 2.
  const given = found.kind === 'day' ? reading.date !== null : reading.time !== null || reading.window !== null;
  return given ? null : found;
}

// Where one request ends and the next begins: a question mark with more after it, a full stop or
// semicolon, or "and" / "also" before a new question or request.
const SPLIT = /\?\s+|[.;!]\s+|\s+&\s+|,?\s+(?:and|also|plus)\s+(?=(?:is|are|do|does|can|could|how|what|where|when|which|will|would|i|i'd|id|i'm|book|also|then|please|any)\b)/i;

/** The requests of a text that makes several; empty when it makes one. */
function partsOf(text: string, ctx: TurnReadingContext): Part[] {
  const pieces = text.split(SPLIT).map((p) => p.trim()).filter((p) => tokenize(p).length > 0);
  if (pieces.length < 2) return [];
  const parts = pieces.map((piece) => partOf(piece, ctx));
  const meaningful = parts.filter((p) => p.intent !== 'other' || p.service !== null);
  return meaningful.length >= 2 ? meaningful : [];
}

function partOf(piece: string, ctx: TurnReadingContext): Part {
  const mentions = findServiceMentions(piece, ctx.business);
  const service = mentions[0]?.id ?? null;
  const faq = matchFaq(piece, ctx.business);
  const hasWhen = /\d|\b(?:today|tomorrow|tmrw|tmr|mon|tue|wed|thu|fri|sat|sun|morning|afternoon|evening|next|week)/i.test(piece);
  const intent = readIntent(piece, { hasWhen, service, staff: null, faq });
  return { text: piece, namedDay: findNamedDay(piece, ctx.business, ctx.now), intent, service, faq: intent === 'faq' ? faq : null };
}

function faqsOf(reading: Reading, parts: Part[]): string[] {
  const found = parts.map((p) => p.faq).filter((f): f is string => f !== null);
  if (reading.faq) found.unshift(reading.faq);
  return unique(found);
}

const LATE = /\b(?:late|behind|delayed|running behind)\b/;
const ON_MY_WAY_IN = /\b(?:be there|be in|arrive|there) in (\d{1,3})\s*(?:m|min|mins|minute|minutes)?\b/;
const MINUTES = /\b(\d{1,3})\s*(?:m|min|mins|minute|minutes)\b/;

/** What the message means as a reply to a reminder ("C", "X", "running 10 min late"), or null. */
function reminderReplyOf(text: string, reading: Reading): ReminderReplyReading | null {
  const flat = text.toLowerCase().replace(/[.!?]+$/g, '').trim();
  if (flat === 'c') return { kind: 'confirm' };
  if (flat === 'r') return { kind: 'reschedule' };
  if (flat === 'x') return { kind: 'cancel' };
  const inMinutes = ON_MY_WAY_IN.exec(flat);
  if (inMinutes) return { kind: 'late', minutes: Number(inMinutes[1]) };
  if (LATE.test(flat) && !/\b(?:cancel|late cancel|fee|policy)\b/.test(flat)) {
    const minutes = MINUTES.exec(flat);
    return { kind: 'late', minutes: minutes ? Number(minutes[1]) : null };
  }
  if (reading.intent === 'yes') return { kind: 'confirm' };
  if (reading.intent === 'cancel') return { kind: 'cancel' };
  if (reading.intent === 'reschedule') return { kind: 'reschedule' };
  if (/\binstead\b/.test(flat) && (reading.time || reading.date || reading.window)) return { kind: 'reschedule' };
  return null;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
