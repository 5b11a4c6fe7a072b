// What the understanding layer reads from one message. Stable: `frontdesk understand` prints it and
// the evaluation scores it.

export type Intent =
  | 'book'
  | 'reschedule'
  | 'cancel'
  | 'list'
  | 'faq'
  | 'human'
  | 'stop'
  | 'start'
  | 'help'
  | 'yes'
  | 'no'
  | 'other';

export interface TimeWindow {
  from: string; // HH:MM, business zone
  to: string; // HH:MM, business zone (exclusive)
}

export interface Reading {
  intent: Intent;
  /** A service id of the business, or null. */
  service: string | null;
  /** YYYY-MM-DD in the business zone, or null. */
  date: string | null;
  /** HH:MM (24 h) in the business zone, or null. */
  time: string | null;
  window: TimeWindow | null;
  /** An FAQ id of the business (with intent `faq`), or null. */
  faq: string | null;
  /** A staff member id when the text names one ("with the barber"), or null. */
  staff: string | null;
}

/** What the bot is waiting for, as stated by the step that asked; the reader takes it into account. */
export type Expectation =
  | { kind: 'name' }
  /**
   * A read-back or an offer of a person: yes or no, or (at a read-back) a change to what was read
   * back; `at` (epoch ms) is the time read back, for "an hour later" or "same time next week".
   */
  | { kind: 'yes_no'; at?: number }
  /** Numbered choices; `starts` (epoch ms) when they are times, so "the later one" or "the 3:30" picks one. */
  | { kind: 'choice'; count: number; starts?: number[] }
  | { kind: 'when' }
  /** A service, from `count` numbered ones. */
  | { kind: 'service'; count: number }
  /** Words for a person (a note, a reason): nothing is read into them. */
  | { kind: 'free_text' };

/** A carrier keyword: STOP and START alone or in so many words, HELP or INFO sent alone. */
export type Keyword = 'stop' | 'start' | 'help';

/** A day or clock time the client wrote that cannot exist ("feb 30", "25:00"). */
export type ImpossibleWhenReading =
  | { kind: 'day'; month: number | null; day: number; year: number | null; certain: boolean }
  | { kind: 'clock'; written: string; certain: boolean };

/** What a message means as a reply to a reminder just sent ("C", "X", "running 10 min late"). */
export type ReminderReplyReading =
  | { kind: 'confirm' }
  | { kind: 'reschedule' }
  | { kind: 'cancel' }
  | { kind: 'late'; minutes: number | null };

/** A closure or special day the client names ("christmas eve"), at its next date. */
export interface NamedDay {
  name: string;
  /** YYYY-MM-DD in the business zone. */
  date: string;
}

/** One request of several in a text ("how much is color? and can I book one sat at 10"). */
export interface Part {
  text: string;
  namedDay: NamedDay | null;
  intent: Intent;
  service: string | null;
  faq: string | null;
}

/**
 * The whole reading of one turn, computed once by the reading middleware and read by everything
 * after it through `readingOf(context)`.
 */
export interface TurnReading extends Reading {
  /** The text as read (cleaned). */
  text: string;
  /** Nothing was sent at all (emoji alone read as nothing, but were sent). */
  blank: boolean;
  /** What the bot was waiting for when this came in. */
  expecting: Expectation | null;
  /** Every service named, in order (the first is `service`). */
  services: string[];
  /** Every FAQ entry asked about, in order; `faq` is the first when the intent is `faq`. */
  faqs: string[];
  /** The requests of a text that makes several, in order; empty for one request. */
  parts: Part[];
  /** The offered choice picked (1-based): by number, by its time, or by position ("the later one"). */
  choice: number | null;
  /** A number that is out of range of the offered choices. */
  choiceOutOfRange: boolean;
  /** A person's name: at a name prompt, any plausible name; elsewhere, "my name is …". */
  name: string | null;
  /** Shaped like a name, though not taken as one here. */
  nameLike: boolean;
  keyword: Keyword | null;
  /** "never mind", "start over", "forget it". */
  abandon: boolean;
  /** A bare "cancel". */
  bareCancel: boolean;
  /** Leaving the line for a person ("leave the queue", "never mind"). */
  leaveQueue: boolean;
  greeting: boolean;
  thanks: boolean;
  /** "idk", "hmm", "lol": says nothing. */
  filler: boolean;
  complaint: boolean;
  /** The owner's urgent keyword the text names, or null. */
  urgent: string | null;
  impossible: ImpossibleWhenReading | null;
  /** Shaped as a question to the business. */
  question: boolean;
  /** A question about the whole catalogue of services. */
  catalogue: boolean;
  /** At a read-back or an offer: a new day, time, service or staff member, which changes the booking. */
  change: boolean;
  /** Opens with a yes ("fine, the lead stylist", "ok sounds good, 3pm"): agreement, if nothing else changes. */
  agrees: boolean;
  /** "can I also get…", "as well": adds to what is being booked rather than replacing it. */
  also: boolean;
  /** "make that 4 instead", "actually": changes something already settled. */
  changeCue: boolean;
  /** "anyone is fine", "whoever": no preference of staff. */
  anyStaff: boolean;
  /** "the other stylist", "someone else": another staff member than the one discussed. */
  otherStaff: boolean;
  /** "what about saturday?", "and sunday?": the last topic, asked again for something else. */
  followUp: boolean;
  /** A closure or special day named ("are you open on thanksgiving?"). */
  namedDay: NamedDay | null;
  /** "the day after" (1) or "the day before" (-1), counted from the day last discussed. */
  dayAfter: 1 | -1 | null;
  /** As a reply to a reminder just sent. */
  reminderReply: ReminderReplyReading | null;
  /** In a move, the appointment's own day or time ("push my 3pm to 4": 15:00); date/time are the new ones. */
  from: { date: string | null; time: string | null } | null;
}
