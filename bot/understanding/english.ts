// English, as the turn reader reads it: the readers of this folder and the patterns of the turn's
// own rules.

import type { Business } from '../domain/types';
import { isComplaint } from './complaint';
import { findServiceMentions } from './entities';
import { isCatalogueQuestion, looksLikeQuestion, matchFaq } from './faq-index';
import { readImpossibleWhen } from './impossible-when';
import { understand } from './index';
import { readIntent } from './intent';
import { findNamedDay } from './named-day';
import { tokenize } from './normalize';
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
import type { TurnLanguage, TurnPatterns } from './turn-language';
import { findUrgentKeyword } from './urgent';

const PATTERNS: TurnPatterns = {
  // HELP and INFO are carrier keywords only when sent alone; "help me book" is a request.
  help: /^(?:help|info)[\s.!?]*$/i,
  serviceRequest: /\b(?:book|get|schedule|make|want|need|like|do|add|change|switch|instead)\b/i,
  nameLead: /^(?:my name is|name is|it'?s|i'?m|this is|call me)\b/i,
  // A change of mind with a bare hour: "make it 4", "can we do 1 instead", "how about 3".
  changeHour:
    /\b(?:make it|make that|do|try|how about|what about|switch to|change (?:it )?to|move (?:it )?to|go with|go for)\s+(\d{1,2})(?::(\d{2}))?(?!\s*(?:[ap]\.?m|:|\d|%|\$|min|hour|hr|people|of|dollars|bucks))\b|\b(\d{1,2})(?::(\d{2}))?\s+instead\b/i,
  // "push my 3pm to 4", "move my friday appointment to saturday", "change the 10am to 11".
  moveFromTo: /^(.*?\b(?:move|push|change|switch|bump|shift|reschedule|moving)\s+(?:my|the|our)\s+)(.+?)\s+(?:to|till|until|over to)\s+(.+)$/i,
  // "push my 2pm back half an hour", "move my 3:00 up an hour", "bump my friday one 30 mins later".
  moveBy: /\b(?:move|push|bump|shift|pull|slide)\s+(?:my|the|our)\s+(.+?)\s+(back|up|forward|later|earlier)?\s*(?:by\s+)?((?:\d{1,3}|an?|one|half an?)\s*(?:hours?|hrs?|h|minutes?|mins?|m))\s*(later|earlier|back|up|forward)?\b/i,
  // "an hour later", "30 mins earlier", "half an hour later".
  shift: /\b(?:(\d{1,3})|(an?|one)|(half an?))\s*(hours?|hrs?|h|minutes?|mins?|m)\s+(earlier|later|sooner|before|after|back|up|forward)\b/i,
  hourUnit: /^h/i,
  earlier: /^(?:earlier|sooner|before|up|forward)$/i,
  nextWeekSameTime: /\bsame time\b.*\bnext week\b|\bnext week\b.*\bsame time\b/i,
  also: /\b(?:also|as well|too|plus|another)\b/i,
  changeCue: /\binstead\b|\b(?:make|change|switch|move) (?:it|that|this)\b|^(?:oh |hmm |um |wait |sorry |no )*(?:actually|wait|sorry|oops)\b/i,
  // "sat would be better", "fri works": a short weekday alone, taken as a day where a day is an answer.
  bareWeekday: /\b(sat|sun|wed|mon|tue|tues|thu|thur|thurs|fri)\b(?!\s*(?:at|on)\b)/i,
  // "anyone is fine", "whoever's free", "no preference".
  anyStaff: /\b(?:any ?one|any ?body|who ?ever|whoever'?s|no preference|doesn'?t matter who|don'?t care who|either (?:one|is fine|works)|any (?:stylist|barber|staff|of them|of you))\b/i,
  // "the other stylist", "someone else", "a different barber".
  otherStaff: /\b(?:the other (?:one|stylist|barber|person|lady|guy|girl)|someone else|somebody else|another (?:stylist|barber|person|one)|a different (?:stylist|barber|person|one))\b/i,
  // "what about saturday?", "and sunday?", "how about the 12th".
  followUp: /^(?:ok(?:ay)?,?\s+|and\s+|so\s+)?(?:what|how) about\b|^(?:and|&)\s+(?:on\s+|for\s+)?(?:\S+\s+){0,3}\S+\s*\?$/i,
  // "and the day after?", "the next day?", "what about the day before": a day counted from the last one.
  dayAfter: /\b(?:the\s+)?(?:day\s+after|next\s+day|following\s+day)\b(?!\s+(?:tomorrow|tmrw|\d))/i,
  dayBefore: /\b(?:the\s+)?(?:day\s+before|previous\s+day)\b(?!\s+(?:\w+day|\d))/i,
  // Where one request ends and the next begins: a question mark with more after it, a full stop or
  // semicolon, or "and" / "also" before a new question or request.
  split: /\?\s+|[.;!]\s+|\s+&\s+|,?\s+(?:and|also|plus)\s+(?=(?:is|are|do|does|can|could|how|what|where|when|which|will|would|i|i'd|id|i'm|book|also|then|please|any)\b)/i,
  whenHint: /\d|\b(?:today|tomorrow|tmrw|tmr|mon|tue|wed|thu|fri|sat|sun|morning|afternoon|evening|next|week)/i,
  late: /\b(?:late|behind|delayed|running behind)\b/,
  notLate: /\b(?:cancel|late cancel|fee|policy)\b/,
  onMyWayIn: /\b(?:be there|be in|arrive|there) in (\d{1,3})\s*(?:m|min|mins|minute|minutes)?\b/,
  minutes: /\b(\d{1,3})\s*(?:m|min|mins|minute|minutes)\b/,
  instead: /\binstead\b/,
};

/** The text is, word for word, a service's name or one of its aliases. */
function isServiceName(text: string, business: Business): boolean {
  const flat = tokenize(text).join(' ');
  return business.services.some((s) => [s.name, ...s.aliases].some((n) => tokenize(n).join(' ') === flat));
}

export const ENGLISH: TurnLanguage = {
  language: 'en',
  form: (text) => text,
  understand,
  readIntent,
  serviceMentions: findServiceMentions,
  isServiceName,
  matchFaq,
  looksLikeQuestion,
  isCatalogueQuestion,
  isComplaint,
  findUrgentKeyword: (text, business) => findUrgentKeyword(text, business.norms?.urgentKeywords ?? []),
  readImpossibleWhen,
  findNamedDay,
  replies: { isAbandon, isBareCancel, isLeavingQueue, isGreeting, isThanks, isFiller, readChoice, isNumberOutOfRange, readName, readPosition, statedName },
  patterns: PATTERNS,
  atClock: (hour, minute) => `at ${hour}${minute ? `:${minute}` : ''}`,
  changeTo: (rest) => `make it ${rest}`,
  onWeekday: (text) => text.replace(PATTERNS.bareWeekday, 'on $1'),
};
