// Small readers for short replies: a numbered choice, a name, "never mind", leaving the line.

const ABANDON = /^(?:oh\s+|ok(?:ay)?\s+|actually\s+)?(?:never\s*mind|nvm|forget\s+(?:it|that|about it)|start\s+over|restart|cancel\s+(?:that|this|it)|stop\s+(?:that|this)|scratch\s+that|quit\s+(?:that|this))\b/i;

/** "never mind", "start over", "forget it": abandon what is in progress. */
export function isAbandon(text: string): boolean {
  return ABANDON.test(text.trim());
}

/** A bare "cancel" (no appointment words): inside a flow it means stop this flow. */
export function isBareCancel(text: string): boolean {
  return /^\s*cancel[.!]*\s*$/i.test(text);
}

const ORDINALS: Record<string, number> = {
  first: 1, '1st': 1, one: 1,
  second: 2, '2nd': 2, two: 2,
  third: 3, '3rd': 3, three: 3,
  fourth: 4, '4th': 4, four: 4,
  fifth: 5, '5th': 5, five: 5,
};

/**
 * A numbered choice: "2", "#2", "2.", "option 2", "the second one". Returns the 1-based number, or
 * null when the reply is not a choice (a time like "2pm" is not a choice).
 */
export function readChoice(text: string, count: number): number | null {
  const t = withoutCourtesy(text);
  let n: number | null = null;
  const digit = /^(?:#|no\.?\s*|number\s+|option\s+)?(\d{1,2})$/.exec(t);
  if (digit) n = Number(digit[1]);
  const word = /^(?:the\s+)?(first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th|one|two|three|four|five)(?:\s+(?:one|option|time))?(?:\s+please)?$/.exec(t);
  if (word) n = ORDINALS[word[1]];
  if (n === null || n < 1 || n > count) return null;
  return n;
}

// Words around a pick that change nothing: "1st one is good", "the latest one u have", "earliest pls".
const COURTESY_TAIL = /(?:\s+(?:is|works|would be|sounds)?\s*(?:good|great|fine|perfect|best|ok|okay))?(?:\s+(?:u|you|y'all)\s+(?:have|got))?(?:\s+(?:please|pls|plz|thanks|thx|ty))?$/;

function withoutCourtesy(text: string): string {
  const t = text.trim().toLowerCase().replace(/[.!?)]+$/, '').trim();
  return t.replace(COURTESY_TAIL, '').trim();
}

/** A bare number the client sent that is out of range of the offered choices. */
export function isNumberOutOfRange(text: string, count: number): boolean {
  const m = /^\s*#?(\d{1,2})\s*$/.exec(text);
  return m !== null && (Number(m[1]) < 1 || Number(m[1]) > count);
}

const NAME_LEAD = /^(?:(?:hi|hey|hello)\b)?[\s,!.]*(?:(?:my\s+name\s+is|my\s+name's|name\s+is|name's|it's|it\s+is|this\s+is|i'm|i\s+am|im|call\s+me|put\s+it\s+under|under)\s+)?/i;

/**
 * A person's name from a reply to "what name should I put it under?": "Sam", "it's Sam Lee",
 * "my name is ana maria". Null when the reply does not look like a name.
 */
export function readName(text: string): string | null {
  const stripped = text.trim().replace(NAME_LEAD, '').replace(/[.!]+$/, '').trim();
  if (stripped.length < 1 || stripped.length > 60) return null;
  if (!/^[\p{L}][\p{L}\p{M}'’\- .]*$/u.test(stripped)) return null;
  const words = stripped.split(/\s+/);
  if (words.length > 4) return null;
  return words
    .map((w) => (w === w.toLowerCase() || w === w.toUpperCase() ? w.charAt(0).toUpperCase() + w.slice(1).toLowerCase() : w))
    .join(' ');
}

/** Thanks and goodbyes that need only a friendly word back. */
export function isThanks(text: string): boolean {
  return /^(?:ok(?:ay)?\s+|great\s+|perfect\s+|awesome\s+)?(?:thanks?(?:\s+you)?|thank\s*u|thx|ty|tysm|much\s+appreciated|appreciate\s+it)(?:\s+(?:so\s+much|very\s+much|a\s+lot))?[\s!.🙏😊👍]*$/iu.test(text.trim());
}

export function isGreeting(text: string): boolean {
  return /^(?:hi|hey|hello|hiya|good\s+(?:morning|afternoon|evening)|yo)(?:\s+there)?[\s!.,]*$/i.test(text.trim());
}

/** Chat fillers that fit the shape of a name but are not one ("idk", "hmm", "lol"). */
const FILLER = /^(?:idk|dunno|i\s+don'?t\s+know|no\s+idea|not\s+sure|lol|lmao|haha+|hm+|um+|uh+|huh|what|why|who|how|k+|kk|ok+|okay|yep|yeah|yup|nope|nah|sure|maybe|whatever|nothing|none|anything|same|test(?:ing)?)[\s.!?]*$/i;

export function isFiller(text: string): boolean {
  return FILLER.test(text.trim());
}

/** "leave the queue", "never mind", "I'm good now": leaving the line for a person. */
export function isLeavingQueue(text: string): boolean {
  if (isAbandon(text) || isBareCancel(text)) return true;
  const flat = text.trim().toLowerCase();
  return (
    /\b(?:leave|exit|get out of|drop out of|cancel my place in|take me out of) (?:the |this )?(?:line|queue|waitlist|wait list)\b/.test(flat) ||
    /^(?:no (?:need|worries)|don'?t bother|i'?m (?:good|fine) now|all good now)\b/.test(flat)
  );
}

export type Position = 'earlier' | 'later' | 'last';

/** "the later one", "the earlier time", "the last one", "the latest": a choice by its place among times. */
export function readPosition(text: string): Position | null {
  const t = withoutCourtesy(text);
  const m = /^(?:(?:ok(?:ay)?|hmm|um|i'?ll take|i'?d like|let'?s do|give me|i want|yes|yeah)[, ]+)?(?:the\s+)?(earlier|earliest|sooner|soonest|first|later|latest|last)(?:\s+(?:one|time|slot|option|please|works))*(?:\s+please)?$/.exec(t);
  if (!m) return null;
  if (m[1] === 'last') return 'last';
  return /^(?:earl|soon|first)/.test(m[1]) ? 'earlier' : 'later';
}

// "my name is Sam": a name given in so many words, at any point of a conversation.
const STATED_NAME = /^(?:(?:hi|hey|hello)[\s,!.]+)?(?:my name is|my name's|name is)\s+([\p{L}][\p{L}\p{M}'’\-]*(?:\s+[\p{L}][\p{L}\p{M}'’\-]*)?)[\s.!]*$/iu;

// "hi, I'm Maria Church, can I book…": a capitalised name introduced at the start of a longer message.
const LEADING_NAME = /^(?:(?:hi|hey|hello)[\s,!.]+)?(?:my name is|my name's|this is|i'm|i am|it's)\s+(\p{Lu}[\p{L}\p{M}'’\-]*(?:\s+\p{Lu}[\p{L}\p{M}'’\-]*)?)\s*[,.;!-]\s*\S/iu;

/** A name the client states outright ("my name is Sam Lee", "hi, I'm Maria Church, can I…"), or null. */
export function statedName(text: string): string | null {
  const trimmed = text.trim();
  const m = STATED_NAME.exec(trimmed) ?? LEADING_NAME.exec(trimmed);
  // The i flag lets "I'm" match; the name itself must still be written with capitals.
  if (!m || !/^\p{Lu}/u.test(m[1]!)) return m && STATED_NAME.test(trimmed) ? readName(m[1]!) : null;
  return readName(m[1]!);
}
