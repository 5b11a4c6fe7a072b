// What the client wants, from the words of the message plus what the other readers found in it
// (a service, a date or time, a matching FAQ entry). Rules are ordered: carrier keywords and short
// replies first, then the appointment verbs, then questions, then booking as the default for any
// message that names a service or a time.

import type { Intent } from './types';
import { tokenize } from './normalize';

export interface IntentClues {
  /** The date/time reader found a date, time or window. */
  hasWhen: boolean;
  service: string | null;
  staff: string | null;
  /** Best FAQ entry above the threshold, or null. */
  faq: string | null;
}

// Words that may surround a keyword reply without changing it ("stop please", "yes thanks").
const FILLER = new Set(
  'please pls thanks thank you thx so much now ok oh well hey hi hello lol haha and then just sir maam ma\'am sorry'.split(' '),
);

// Carrier opt-out keywords (CTIA); "cancel" is deliberately absent: here it cancels an appointment.
const STOP_WORDS = new Set(['stop', 'stopall', 'unsubscribe', 'end', 'quit', 'revoke', 'optout']);
const START_WORDS = new Set(['start', 'unstop', 'resubscribe', 'subscribe', 'optin']);
const HELP_WORDS = new Set(['help', 'info', 'commands', 'menu?']);

const YES_PHRASES = [
  'y', 'yes', 'yeah', 'yea', 'yah', 'ya', 'yep', 'yup', 'yess', 'yesss', 'ye', 'ok', 'sure', 'sure thing',
  'sounds good', 'sounds great', 'sounds perfect', 'that sounds good', 'works', 'that works',
  'works for me', 'that works for me', 'it works', 'perfect', 'great', 'good', 'cool', 'awesome',
  'fine', 'that is fine', 'fine by me', 'alright', 'all right', 'right', 'correct', 'confirm',
  'confirmed', 'i confirm', 'absolutely', 'definitely', 'of course', 'please do', 'do it',
  'go ahead', 'book it', 'lets do it', 'let us do it', 'let us do that', 'do that', 'that one',
  'deal', 'i will take it', 'i will take that', 'ill take it', 'yes please', 'exactly', 'affirmative',
  'for sure', 'totally', 'that is right', 'that is correct', 'you bet', 'k', 'okie', 'oki', 'bet',
  'sure why not', 'why not', 'see you then',
];
const NO_PHRASES = [
  'n', 'no', 'nope', 'nah', 'naw', 'no way', 'not really', 'negative', 'no thanks', 'no thank you',
  "doesn't work", "doesn't work for me", 'does not work', 'does not work for me', "that doesn't work",
  'that does not work', "won't work", 'will not work', "that won't work", "won't work for me", "that won't work for me", "will not work for me", "can't do that",
  'cannot do that', "can't", 'cannot', 'not that', 'not that one', 'neither', 'none', 'none of them',
  'none of those', 'not good', 'no good', 'not for me', "i'm good", 'i am good', 'not now',
  'maybe not', 'rather not', "i'd rather not", 'i would rather not', 'wrong', "that's wrong",
  'that is wrong', 'incorrect', 'not right', 'nothing', 'never mind', 'nevermind', "that's a no",
  "that doesn't work for me", 'that does not work for me', 'not going to work', 'no can do',
  'neither works', 'neither of those', 'neither one', 'none work', 'none of them work', 'not that time',
  'not those', 'no good', 'not interested', 'no interest', "i'm not interested", 'i am not interested', 'no need',
];

// "that's perfect", "it is fine", "sounds great": a verdict word after a short lead-in.
const VERDICTS = ['perfect', 'great', 'good', 'fine', 'ok', 'awesome', 'cool', 'right', 'correct', 'excellent', 'wonderful', 'amazing', 'ideal'];
const VERDICT_LEADS = ['that is', 'it is', 'this is', 'sounds', 'that sounds', 'all', 'that is all', 'looks', 'that looks', 'very', 'really', 'super', 'that would be', 'would be'];

function phraseSet(list: string[]): Set<string> {
  return new Set(list.map((p) => tokenize(p).join(' ')));
}
const YES = phraseSet([...YES_PHRASES, ...VERDICT_LEADS.flatMap((lead) => VERDICTS.map((v) => `${lead} ${v}`))]);
const NO = phraseSet(NO_PHRASES);

/** True when the tokens are entirely made of phrases from `set`, plus filler words. */
function coveredBy(tokens: string[], set: Set<string>): boolean {
  if (tokens.length === 0) return false;
  let i = 0;
  let matched = false;
  while (i < tokens.length) {
    let step = 0;
    for (let n = Math.min(6, tokens.length - i); n >= 1; n--) {
      if (set.has(tokens.slice(i, i + n).join(' '))) {
        step = n;
        break;
      }
    }
    if (step > 0) {
      matched = true;
      i += step;
    } else if (FILLER.has(tokens[i])) {
      i += 1;
    } else {
      return false;
    }
  }
  return matched;
}

const TEXTING_WORDS = new Set(
  'texting text texts messaging messages message sending contacting me us it all this these sms now please thanks thank you'.split(' '),
);

function isStop(tokens: string[], flat: string): boolean {
  if (tokens.length === 0) return false;
  if (STOP_WORDS.has(tokens[0]) && tokens.slice(1).every((t) => TEXTING_WORDS.has(t) || FILLER.has(t))) return true;
  if (tokens.length <= 2 && tokens.join('') === 'optout') return true;
  return (
    /\b(?:stop|quit|cease) (?:texting|messaging|sending|contacting|spamming|txting)\b/.test(flat) ||
    /\b(?:take|remove|delete|drop) (?:me|my number|my phone|this number) (?:off|from)\b/.test(flat) ||
    /\b(?:opt|sign) (?:me )?out\b/.test(flat) ||
    /\bunsubscribe\b/.test(flat) ||
    /\b(?:do not|don't|dont|never) (?:text|message|contact|sms) (?:me|us|this number)\b/.test(flat) ||
    /\bno more (?:texts|text messages|messages)\b/.test(flat)
  );
}

function isStart(tokens: string[], flat: string): boolean {
  if (START_WORDS.has(tokens[0]) && tokens.slice(1).every((t) => TEXTING_WORDS.has(t) || FILLER.has(t) || t === 'again')) {
    return !(tokens[0] === 'start' && tokens.length > 1 && tokens[1] === 'over');
  }
  return /\b(?:opt|sign) (?:me )?(?:back )?in\b/.test(flat) && tokens.length <= 5;
}

function isHelp(tokens: string[], flat: string): boolean {
  if (HELP_WORDS.has(tokens[0]) && tokens.slice(1).every((t) => FILLER.has(t) || t === 'me' || t === 'please')) return true;
  return (
    /\bwhat (?:can|do) you do\b/.test(flat) ||
    /\bwhat can i (?:say|ask|do here|text)\b/.test(flat) ||
    /\bhow (?:does|do) (?:this|it|you) work\b/.test(flat) ||
    /\bhow (?:do|can) i use (?:this|you)\b/.test(flat) ||
    /\bwhat are (?:my|the) options\b/.test(flat)
  );
}

const PERSON =
  '(?:a |an |the |some |any |your )?(?:real |live |actual )?(?:person|human|someone|somebody|anyone|anybody|people|staff|staff member|employee|manager|owner|receptionist|agent|representative|rep|operator|stylist|barber)';

function isHuman(tokens: string[], flat: string): boolean {
  if (/^(?:a )?(?:real |live )?(?:human|person|agent|representative|operator|receptionist)(?: please)?$/.test(flat)) return true;
  return (
    new RegExp(`\\b(?:talk|speak|chat|text|connect|transfer|put) (?:me )?(?:to|with|through to) ${PERSON}\\b`).test(flat) ||
    new RegExp(`\\b${PERSON} (?:call|text|phone|contact|reach|get back to|ring) (?:me|us)\\b`).test(flat) ||
    new RegExp(`\\b(?:have|ask|get|need|want) ${PERSON} (?:to )?(?:call|text|contact|reach)\\b`).test(flat) ||
    /\b(?:call me|give me a call|call me back|phone me)\b/.test(flat) ||
    new RegExp(`\\b(?:get|give|find) me ${PERSON}\\b`).test(flat) ||
    new RegExp(`\\b${PERSON} (?:i can|to) (?:call|talk to|speak to|speak with|text)\\b`).test(flat) ||
    /\b(?:is this|are you) (?:a )?(?:bot|robot|machine|real person|human)\b/.test(flat) ||
    /\b(?:real|live|actual) (?:person|human)\b/.test(flat)
  );
}

const RESCHEDULE_WORD = /\b(?:reschedule|rescheduling|rebook|re book|rebooking|postpone)\b/;
const MOVE_VERB =
  /\b(?:move|moved|moving|push|pushed|pushing|bump|bumped|bumping|shift|shifted|switch|switched|swap|change|changed|changing)\b(?: (?:it|this|that|my|the|our|me|appointment|appointments|booking|time|day|date|reservation|slot|to|back|up|forward|earlier|later|over|from|around))/;
const MAKE_IT_INSTEAD =
  /\b(?:can|could) (?:we|i|you) (?:make it|do|go for|switch to|try|change to|move to|move it to)\b|\binstead\b|\b(?:how|what) about\b|\b(?:different|another|other|new|earlier|later) (?:time|day|date|slot)\b/;
const NO_LONGER_WORKS = /\bcan't do\b|\bcannot do\b|\bno longer works\b|\bdoesn't work anymore\b|\bnot work anymore\b/;
// "anything/something at 4 on thursday": an open question about a time is a search for a slot.
const OPEN_ENDED = /\b(?:anything|something|any time|anytime|free|room)\b/;
// A new time offered in place of a planned one: "let's do saturday instead", "can we do it earlier".
const CHANGE_HINT =
  /\binstead\b|\b(?:do|make|have) (?:it |that |this |my (?:\w+ )?(?:appointment|appt|booking) )?(?:a (?:bit|little) |an hour |a few minutes )?(?:earlier|later)\b|\b(?:an )?(?:earlier|later) (?:time|slot|appointment|one)\b/;
// "do you have a slot" / "can I book": asking for something new, not about an existing booking.
const BOOK_REQUEST = /\b(?:book|schedule|make|get|need|want|have an opening|any openings)\b/;
const FAREWELL = /\b(?:see you|see ya|see u|c u|cya|til then|till then|until then)\b/;
const CANCEL_WORD = /\b(?:cancel|cancelling|canceling|cancelled|canceled|call off)\b/;
const MISS_IT =
  /\b(?:can't|cannot|can not|won't|will not|not going to|unable to|not able to|wont|cant|couldn't|have to|need to|gotta|got to) (?:be able to )?(?:make it|make my|come in|come|be there|attend|show up|miss)\b|\bnot (?:coming|making it)\b/;
// Hypothetical questions about cancelling are policy questions, not cancellations.
const POLICY_QUESTION = /\b(?:if i|if you|if we|policy|fee|fees|charge|charged|penalty|how late|how far|how much notice|how soon|what happens|no show|no shows|is there a)\b/;

const LIST =
  /\b(?:when|what time|what day|which day|what date) (?:is|are|was) my\b|\b(?:when|what time) (?:am i|do i have|is it that i)\b|\bdo i (?:have|got) (?:an|any|a|anything|something|my|appointments?)\b|\b(?:am i|are we) (?:booked|scheduled|on the books|down for|in for|all set)\b|\b(?:my|our) (?:upcoming|next|current|scheduled|existing) (?:appointment|appointments|booking|bookings|reservation)\b|\b(?:list|show|see|check|view|remind me of|confirm) (?:me )?(?:my|all my) (?:appointment|appointments|booking|bookings|reservation|reservations|schedule)\b|\bwhat (?:appointments|bookings) do i have\b|\bwhat (?:do i have|have i got) (?:booked|scheduled|coming up)\b|\bdid i (?:book|make an appointment)\b|\bwhen (?:my|our) (?:next )?(?:appointment|appointments|booking|reservation) is\b|\bwhen (?:do|should|am|do i need to) i (?:come|coming|need to come|supposed to come|due)\b/;
// A question about "my appointment" that does not ask to change it is a look-up.
const ASKS = /^(?:what|when|which|is|are|do|does|did|am|was|can you (?:tell|remind) me|could you (?:tell|remind) me|remind me)\b/;
const MY_APPOINTMENT = /\bmy (?:\w+ )?(?:appointment|appointments|appt|booking|bookings|reservation|reservations)\b/;

const AVAILABILITY =
  /\b(?:openings|availability|available|avail|vacancy|vacancies|slots?|spots?|room for|space for|free time)\b|\b(?:an|any|next|first|earliest) opening\b|\bfit (?:me|us|him|her|them) in\b|\bsqueeze (?:me|us|him|her|them) in\b|\bget (?:me|us) in\b/;

const BOOK_VERB =
  /\b(?:book|booking|schedule|reserve|appointment|appointments|come in|come by|stop by|stop in|drop in|pop in|swing by|get in|get a|get an|get my|get done|make an appointment|sign me up)\b|\bwhen can (?:i|we) (?:come|get|see|book)\b|\b(?:want|need|like|looking for|interested in) (?:to get|to book|to come|to schedule)\b/;

const HOURS_QUESTION =
  /\b(?:are you|are you guys|is the salon|is the shop|is it|you guys|y'all|yall|will you be|r you) (?:open|closed)\b|\b(?:when|what time|how late|how early|till when|until when|until what time|till what time) (?:do|are|will|does|is) (?:you|you guys|y'all|the salon|the shop|it) (?:open|close|closed|closing|opening)\b/;

const QUESTION_WORD = /^(?:do|does|did|are|is|was|can|could|will|would|have|has|what|whats|where|when|which|who|how|why)\b/;

const APPOINTMENT_VERBS = /\b(?:cancel|reschedule|move|push|change|book|appointment|appointments)\b/;

/** "no, sorry" / "yes that's great thanks": a yes or no word first, and nothing else of weight. */
function leadingReply(tokens: string[], clues: IntentClues): 'yes' | 'no' | null {
  if (clues.hasWhen || clues.service !== null || clues.staff !== null || clues.faq !== null) return null;
  const rest = tokens.slice(1).join(' ');
  if (APPOINTMENT_VERBS.test(rest) || /\b(?:but|except|though|instead|why|what|when|how)\b/.test(rest)) return null;
  const first = tokens[0];
  if (YES.has(first) && first !== 'right' && first !== 'good' && first !== 'fine') return 'yes';
  if (first === 'no' || first === 'nope' || first === 'nah' || first === 'n') return 'no';
  return null;
}

export function readIntent(text: string, clues: IntentClues): Intent {
  let tokens = tokenize(text);
  // Courtesy at the front says nothing about intent ("please stop", "hi, can I book").
  let lead = 0;
  while (lead < tokens.length - 1 && FILLER.has(tokens[lead]) && !YES.has(tokens[lead])) lead++;
  tokens = tokens.slice(lead);
  if (tokens.length === 0) return 'other';
  const flat = tokens.join(' ');

  if (isStop(tokens, flat)) return 'stop';
  if (isStart(tokens, flat)) return 'start';
  if (coveredBy(tokens, YES)) return 'yes';
  if (coveredBy(tokens, NO)) return 'no';
  if (isHelp(tokens, flat)) return 'help';
  if (isHuman(tokens, flat)) return 'human';

  const cancelWord = CANCEL_WORD.test(flat);
  const rescheduleWord = RESCHEDULE_WORD.test(flat);
  const policy = POLICY_QUESTION.test(flat);
  if ((cancelWord || rescheduleWord) && policy && clues.faq !== null) return 'faq';

  if (rescheduleWord) return 'reschedule';
  if (MOVE_VERB.test(flat) && !cancelWord) return 'reschedule';
  const missIt = MISS_IT.test(flat);
  if (cancelWord || missIt) {
    // "can't do thursday, can we make it saturday": a complaint followed by a new time is a move.
    if (MAKE_IT_INSTEAD.test(flat) && clues.hasWhen) return 'reschedule';
    return 'cancel';
  }
  if (NO_LONGER_WORKS.test(flat) && MAKE_IT_INSTEAD.test(flat)) return 'reschedule';

  if (LIST.test(flat) || (ASKS.test(flat) && MY_APPOINTMENT.test(flat) && !BOOK_REQUEST.test(flat))) return 'list';
  if (CHANGE_HINT.test(flat) && (clues.hasWhen || MY_APPOINTMENT.test(flat) || /\b(?:it|that|this) (?:\w+ ){0,4}(?:earlier|later)\b/.test(flat))) {
    return 'reschedule';
  }

  const availability = AVAILABILITY.test(flat) || (clues.hasWhen && OPEN_ENDED.test(flat));
  if (clues.faq !== null) {
    // "haircut saturday late morning?": a service and a time, asked without a question word, is a booking.
    const bookingLike =
      availability || (BOOK_VERB.test(flat) && clues.hasWhen) || (clues.service !== null && clues.hasWhen && !QUESTION_WORD.test(flat) && !POLICY_QUESTION.test(flat));
    if (!bookingLike || HOURS_QUESTION.test(flat)) return 'faq';
  }

  const reply = leadingReply(tokens, clues);
  if (reply) return reply;

  // "thanks, see you friday!" closes a conversation; it does not ask for a new booking.
  if (FAREWELL.test(flat) && !/\b(?:can|could|may|when can) (?:i|we) see\b/.test(flat) && !BOOK_VERB.test(flat) && !availability && clues.service === null) {
    return YES.has(tokens[0]) ? 'yes' : 'other';
  }

  if (availability || BOOK_VERB.test(flat)) return 'book';
  if (clues.service !== null || clues.hasWhen) return 'book';
  if (clues.staff !== null && /\bwith\b/.test(flat)) return 'book';
  if (/\bhelp\b/.test(flat)) return 'help';
  return 'other';
}
