// Regular-expression pieces the rule tables are built from. All are matched against lower-cased text.

import { HOUR_WORD, NUMBER_WORD, ORDINAL_WORD } from './words';

export const B = '(?<![a-z0-9])'; // word start
export const E = '(?![a-z0-9])'; // word end
export const DIGIT_ORDINAL = '(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)';
export const DAY_NUMBER = '(?:[12][0-9]|3[01]|0?[1-9])';
export const DAY_OF_MONTH = `(?:${DIGIT_ORDINAL}|${DAY_NUMBER}|${ORDINAL_WORD}|${NUMBER_WORD})`;
/** A year: "2027", "'27", "two thousand and twenty seven". */
export const YEAR = `(?:(?:19|20)\\d{2}|'\\d{2}|two\\s+thousand(?:\\s+and)?(?:\\s+${NUMBER_WORD})?)`;
// "pm", "p.m.", "p m", "p . m ." (dictated texts space the letters and dots).
// "7ampm": both typed; the first one counts.
export const MERIDIEM = '(?:\\s*(?:in\\s+the\\s+)?[ap](?:\\s?\\.)?\\s?m(?:\\s?\\.(?!\\d))?(?:[ap]m)?(?![a-z])|[ap](?![a-z]))';
export const OCLOCK = `(?:\\s*o\\s?['"]?\\s?clock)`;
const MINUTE_WORDS = `(?:(?:oh|o|ou|zero)[\\s-]+(?:one|two|three|four|five|six|seven|eight|nine)|${NUMBER_WORD})`;
const NUMBER = `(?:\\d{1,2}|${NUMBER_WORD})`;
// The hour counted from, with its minutes when written ("three minutes to five thirty").
const HOUR_ANY = `(?:\\d{1,2}(?::\\d{2}|\\s?h\\s?\\d{2}|h)?|${HOUR_WORD}(?:[\\s-]+(?:thirty|fifteen|forty[\\s-]five))?|noon|midnight)`;
const RELATIVE_CLOCK = [
  `(?:(?:a\\s+|three\\s+)?quarters?|half|${NUMBER}(?:\\s*(?:min(?:ute)?s?))?)\\s+(?:past|after|to|till|til|before|of)\\s+${HOUR_ANY}`,
  // "15 minutes from 1pm": only with the unit written, as "from 1" alone opens a window.
  `${NUMBER}\\s*min(?:ute)?s?\\s+from\\s+${HOUR_ANY}`,
  // "half three": half past, as said in Britain and Ireland.
  `half\\s+(?:1[0-2]|0?[1-9]|${HOUR_WORD})(?!\\s*(?:[:.]\\d|an?\\s|hours?|hrs?|days?|weeks?|months?|years?|of|past|after|to|til))`,
].join('|');
/** An hour 13..23 in words, said with its minutes on a 24-hour clock ("fifteen thirty"). */
const HOUR_WORD_24 = '(?:thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[\\s-]+(?:one|two|three))?)';
const NOON = '(?:(?:12\\s*|twelve\\s+)?(?:noon|midday|mid-day|mid\\s+day)|(?:12\\s*|twelve\\s+)?mid\\s?-?night)';
const CLOCK_CORE = [
  RELATIVE_CLOCK,
  NOON,
  '\\d{1,2}:\\d{2}(?::\\d{2})?',
  '\\d{1,2}h(?:\\d{2})?',
  '\\d{1,2}\\s?h\\s?\\d{2}',
  `${HOUR_WORD_24}[\\s-]+${MINUTE_WORDS}`,
  '\\d{1,2}\\.\\d{2}(?![\\d.])',
  '\\d{3,4}',
  `${HOUR_WORD}(?:[\\s-]+${MINUTE_WORDS})?`,
  '\\d{1,2}\\s[0-5]\\d(?!\\d)',
  '\\d{1,2}',
].join('|');
/** One clock time as written: "3", "3:30pm", "quarter to 4", "ten thirty", "noon", "9ish". */
export const ATOM = `${B}(?:${CLOCK_CORE})(?:${OCLOCK})?(?:${MERIDIEM})?(?:\\s?-?ish)?${E}`;

/** A bare number followed by one of these counts things rather than naming a time. */
export const COUNTED = new RegExp(
  `^\\s*(?:of|point|more|other|another|people|persons?|guests?|kids?|adults?|children|students|stars|coins|min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?|years?|times?|pieces|items?|dollars?|bucks|percent|pct|%|x|st|nd|rd|th|and\\s+a\\s+half|or\\s+(?:more|so|less))${E}`,
);
/** Words right before a number that make it a clock time. */
export const TIME_PREFIX = /(?:^|[^a-z])(?:at|@|around|about|abt|approx(?:imately)?|by|till|til|until|from|between|after|before|say|like|~|ish|maybe|ideally|for)\s*$/;
/** Words before an expression that make it the appointment the client already has ("my 3pm"). */
export const EXISTING_BEFORE = /(?:^|[^a-z])(?:my|our|his|her|their|the\s+old|current)\s+$/;

/** An amount of something: "a couple of", "few", "half an", "3", "1/2", "twenty". */
export const AMOUNT = `(?:(?:\\d{1,3}|${NUMBER_WORD})\\s+and\\s+an?\\s+half|a\\s+couple(?:\\s+of)?|couple\\s+of|a\\s+few|few|a\\s+pair\\s+of|half\\s+an?|three[\\s-]quarters\\s+of\\s+an?|an?|\\d{1,3}(?:\\.\\d+)?|\\d\\s?/\\s?\\d|${NUMBER_WORD})`;
export const DAY_UNIT = '(?:days?|weeks?|fortnights?|months?|years?)';
export const CLOCK_UNIT = `(?:hours?|hrs?|h|minutes?|mins?|'|sec(?:ond)?s?|")`;
