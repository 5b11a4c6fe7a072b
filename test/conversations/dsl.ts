// The scenario language of the conversation suite: a client's turns, what each reply must carry
// (facts, never wording), and what the store must hold at the end. Scenarios are data; the runner
// (./runner.ts) plays each one over real HTTP on both transports.

/** The open issue's groups of behaviour; the suite reports counts per kind. */
export type Kind =
  | 'answer-taken' // 1. an answer to the bot's question is taken as the answer
  | 'change-of-mind' // 2. a change at the read-back changes the booking
  | 'several-requests' // 3. several requests in one text, none dropped
  | 'carried-context' // 4. follow-ups keep what was said before
  | 'time-words' // 5. everyday time words
  | 'manners' // 6. how the replies behave (one opening, no repeats, SMS length, order)
  | 'regression'; // 7. behaviour that already works and must keep working

export type Transport = 'botframework' | 'sms';

/**
 * What the last reply of a turn asks for, read from its text:
 * - `name`: the name for the appointment;
 * - `yes/no`: a confirmation (the read-back);
 * - `time`: a day or time;
 * - `choice`: a pick among offered options (numbered or listed);
 * - `which-appointment`: which of the client's appointments is meant;
 * - `nothing`: no question at all.
 */
export type Ask = 'name' | 'yes/no' | 'time' | 'choice' | 'which-appointment' | 'nothing';

/** A fact in the reply: a case-insensitive substring, or a pattern. */
export type Fact = string | RegExp;

/** One appointment as the judge sees it. */
export interface AppointmentFact {
  service: string;
  /**
   * Wall-clock start in the business's zone ("2026-03-12T16:00"), or one of the times the bot last
   * offered (the latest turn offering two or more): `offered:earliest`, `offered:latest`,
   * `offered:first`, `offered:last` (first and last in the reply's order).
   */
  start: string;
  staff?: string;
}

export interface StoreFacts {
  /** Exactly the client's appointments that are booked (not cancelled or moved away), in start order. */
  booked?: AppointmentFact[];
  /** Appointments of the client that must be cancelled (among others). */
  cancelled?: AppointmentFact[];
  /** The client's name on record (null: none). */
  name?: string | null;
  /** The client's place in the queue for a person. */
  handoff?: 'waiting' | 'none';
}

export interface TurnExpect {
  /** Each fact appears in the turn's replies (joined). */
  mentions?: Fact[];
  /** No fact appears in the turn's replies. */
  notMentions?: Fact[];
  /** The last reply of the turn asks for this. */
  asks?: Ask;
  /** The last reply of the turn asks for none of these. */
  notAsks?: Ask[];
  /** The bot answers this turn with no message at all (a waiting client, a STOP over SMS...). */
  silent?: boolean;
  /** Clock times offered in the turn are in time order and spread, not one step apart throughout. */
  offersInOrderAndSpread?: boolean;
  /** When we next open is said at most once in the turn ("we open tomorrow at 9:00 AM"). */
  oneOpeningStated?: boolean;
  /** Over SMS, the turn's first message fits one GSM-7 segment (160 characters). */
  firstSmsFitsOneSegment?: boolean;
  /** The store after this turn. */
  store?: StoreFacts;
}

export interface Turn {
  say: string;
  /** Moves the clock before this turn (wall-clock time in the business's zone). */
  at?: string;
  expect?: TurnExpect;
}

/** What exists before the first turn. */
export interface Given {
  /** The client's name on record. */
  name?: string;
  /** The client's own appointments. */
  appointments?: AppointmentFact[];
  /** Other clients' appointments (busy times). */
  othersBooked?: AppointmentFact[];
}

export interface Scenario {
  name: string;
  kind: Kind;
  /** The clock at the first turn: wall-clock time in the business's zone ("2026-03-10T10:00"). */
  now: string;
  given?: Given;
  turns: Turn[];
  /** The store after the last turn. */
  store?: StoreFacts;
  /** Transports to play it on (default both). */
  transports?: readonly Transport[];
  /**
   * Fails today: the reason in one line. The scenario runs as `it.failing`, so one that starts
   * passing fails the run until it is un-marked. A reason per transport when only one fails.
   */
  pending?: string | Partial<Record<Transport, string>>;
}
