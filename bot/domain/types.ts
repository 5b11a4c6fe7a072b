// The business and its bookings as the domain sees them. Pure data: no botbuilder, no store, no env.

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/**
 * Wall-clock range in the business zone, "HH:MM" to "HH:MM", half-open.
 * `to` may be "24:00"; a `to` earlier than or equal to `from` means the range runs past midnight
 * into the next calendar day (a bar open 18:00–02:00).
 */
export interface ClockRange {
  from: string;
  to: string;
}

export type WeeklyHours = Partial<Record<Weekday, ClockRange[]>>;

/** A named closure: the whole day, or part of it when `from`/`to` are given. */
export interface Closure {
  date: string; // YYYY-MM-DD in the business zone
  name: string;
  from?: string;
  to?: string;
  translations?: Translations<Pick<Closure, 'name'>>;
}

/** Hours for one date that replace the weekly hours of that date (an empty list closes it). */
export interface SpecialHours {
  date: string;
  name?: string;
  hours: ClockRange[];
  translations?: Translations<{ name: string }>;
}

export interface Service {
  id: string;
  name: string;
  minutes: number;
  /** Price in the business currency's major unit (dollars); 0 means free, null means "ask us". */
  price: number | null;
  aliases: string[];
  translations?: Translations<Pick<Service, 'name' | 'aliases'>>;
}

export interface StaffMember {
  id: string;
  name: string;
  /** Words clients use for this person ("the barber"). */
  aliases: string[];
  /** Service ids this person performs. */
  services: string[];
  /** When this person works; bookable time is this intersected with the business's open hours. */
  hours: WeeklyHours;
  /** A name that is a role ("Lead stylist") in the business's other languages, and words clients use there. */
  translations?: Translations<Pick<StaffMember, 'name' | 'aliases'>>;
}

export interface Faq {
  id: string;
  questions: string[];
  keywords: string[];
  answer: string;
  translations?: Translations<Pick<Faq, 'questions' | 'keywords' | 'answer'>>;
}

export interface BookingPolicy {
  minNoticeMinutes: number;
  horizonDays: number;
  slotStepMinutes: number;
  lateCancelHours: number;
  /** Whether one client may hold two booked appointments that overlap; absent means not. */
  allowOverlappingBookings?: boolean;
}

export interface Business {
  name: string;
  zone: string; // IANA zone, e.g. America/New_York
  address: string;
  phone: string;
  website: string;
  currency: string; // ISO 4217, e.g. USD
  /** What the bot reads and writes in: the reader's tables and the text catalogue are chosen by it. */
  language?: Language;
  /** The languages clients are answered in; absent means only `language`. */
  languages?: Language[];
  hours: WeeklyHours;
  closures: Closure[];
  specialHours: SpecialHours[];
  services: Service[];
  staff: StaffMember[];
  faqs: Faq[];
  policy: BookingPolicy;
  /** The human handoff queue; defaults apply when absent. */
  handoff?: Partial<HandoffSettings>;
  /** The owner's norms: first-contact notice, urgent words, on-call rotation; none when absent. */
  norms?: BusinessNorms;
  /** Quiet hours, reminders and the send rate of proactive messages; defaults when absent. */
  messaging?: MessagingPolicy;
  /** The owner's changes to the parts of the day clients name ("after work", "lunchtime"); defaults when absent. */
  dayParts?: DayPartSetting[];
}

/**
 * A part of the day as the owner writes it. `from`, `to` and `at` are 'HH:MM', 'opening' or
 * 'closing' (that day's hours); `minutes` gives the other edge when only one is set; `at` makes it
 * one time rather than a window ("first thing"). For a default part, what is set replaces the
 * default and `words` are added to its words.
 */
export interface DayPartSetting {
  name: string;
  words: string[];
  from?: string;
  to?: string;
  at?: string;
  minutes?: number;
}

/** One weekly on-call shift: the days it starts on and a clock range (may run past midnight). */
export interface OnCallEntry {
  name: string;
  days: Weekday[];
  hours: ClockRange;
  /** E.164 number to text, or null. */
  phone: string | null;
  /** Slack user id to DM, or null. At least one of phone and slackUserId is set. */
  slackUserId: string | null;
}

export interface BusinessNorms {
  /** Said once to each new client before anything else; empty for none. */
  firstContact: string;
  /** Words and phrases that make a message urgent ("emergency", "locked out"). */
  urgentKeywords: string[];
  /** Who is woken for an urgent message outside open hours. */
  onCall: OnCallEntry[];
  translations?: Translations<Pick<BusinessNorms, 'firstContact' | 'urgentKeywords'>>;
}

/** A staff member who can be handed conversations in turn (round-robin auto-assign). */
export interface RoundRobinMember {
  /** The id staff use in the console (a Slack user id). */
  consoleId: string;
  name: string;
  /** The staff member whose working hours say when this person is on shift, if any. */
  staffId: string | null;
}

export interface HandoffSettings {
  /** Handling time assumed before there is any history. */
  defaultHandlingMinutes: number;
  /** How many recent handling times the moving average covers. */
  averageOver: number;
  /** At most one "you moved up" message per client this often. */
  notifyEveryMinutes: number;
  /** Unclaimed this long (while open): nudge staff and tell the client it is taking longer. */
  nudgeAfterMinutes: number;
  /** Waiting this long: the ticket times out and the bot takes the conversation back. */
  timeoutMinutes: number;
  /** Empty: staff claim tickets themselves. */
  roundRobin: RoundRobinMember[];
}

/** Half-open instant range [start, end) in epoch milliseconds (UTC). */
export interface Interval {
  start: number;
  end: number;
}

/** A bookable or booked span for one staff member. */
export interface StaffInterval extends Interval {
  staffId: string;
}

export type AppointmentStatus = 'booked' | 'cancelled' | 'rescheduled';

export interface Appointment {
  id: string;
  clientId: string;
  serviceId: string;
  staffId: string;
  /** ISO 8601 UTC instant, `Date.prototype.toISOString()` form. */
  start: string;
  end: string;
  status: AppointmentStatus;
  createdAt: string;
  updatedAt: string;
  /** The appointment this one replaced, when it was made by a reschedule. */
  rescheduledFrom: string | null;
  /** When the client confirmed it (reminder reply), or null. */
  confirmedAt: string | null;
  /** Set when the client said they are running late (reminder reply); minutes when they said. */
  runningLate?: { minutes: number | null; reportedAt: string };
}

export interface Client {
  id: string;
  /** Channel-qualified address: an E.164 phone number, or `channel:userId` (e.g. `emulator:abc`). */
  address: string;
  channel: string;
  name: string | null;
  /** The language the client last wrote in (and is answered in), or null before they said anything telling. */
  language: Language | null;
  createdAt: string;
}

export interface CallbackRequest {
  id: string;
  clientId: string;
  reason: string;
  text: string;
  status: 'open' | 'done';
  createdAt: string;
}

export interface MessagingPolicy {
  /** No proactive message in this local range (past midnight when `from` is later than `to`). */
  quietHours: ClockRange;
  /** Reminders before each appointment; empty means none. */
  reminders: { beforeMinutes: number }[];
  /** Proactive messages a second per sender number; null leaves it to the environment or default. */
  ratePerSecond: number | null;
}

/** The languages Frontdesk reads and speaks. */
export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * The business's own words in other languages, keyed by language: any of the English fields, each
 * falling back to the English one when absent (bot/domain/localized.ts picks).
 */
export type Translations<T> = Partial<Record<Language, Partial<T>>>;
