// What the turn reader needs from a language: its readers of intent, services, days and times,
// short replies and question shapes, and the patterns of the turn's own rules (a change of hour,
// a move from one time to another, "an hour later"). The machinery that puts a turn's reading
// together (turn.ts) is shared; each language is one such table.

import type { Business, Language } from '../domain/types';
import type { IntentClues } from './intent';
import type { ImpossibleWhen } from './impossible-when';
import type { Position } from './replies';
import type { Intent, NamedDay, Reading } from './types';

export interface ReadingContext {
  now: Date;
  business: Business;
}

export interface ReplyReaders {
  isAbandon(text: string): boolean;
  isBareCancel(text: string): boolean;
  isLeavingQueue(text: string): boolean;
  isGreeting(text: string): boolean;
  isThanks(text: string): boolean;
  isFiller(text: string): boolean;
  readChoice(text: string, count: number): number | null;
  isNumberOutOfRange(text: string, count: number): boolean;
  readName(text: string): string | null;
  readPosition(text: string): Position | null;
  statedName(text: string): string | null;
}

/** The patterns of the turn's own rules; each keeps the capture groups its English row has. */
export interface TurnPatterns {
  /** HELP or INFO sent alone. */
  help: RegExp;
  /** "book", "get", "instead": a request for a service, at a name prompt. */
  serviceRequest: RegExp;
  /** "my name is", "it's": a request word at a name prompt that still gives a name. */
  nameLead: RegExp;
  /** A change of mind with a bare hour: groups 1-2 (or 3-4) the hour and minutes. */
  changeHour: RegExp;
  /** A move naming both times: group 2 the appointment's, group 3 the new one. */
  moveFromTo: RegExp;
  /** A move by an amount: group 1 the appointment's time, 2 or 4 the direction, 3 the amount. */
  moveBy: RegExp;
  /** An amount earlier or later: 1 digits, 2 one, 3 half, 4 the unit, 5 the direction. */
  shift: RegExp;
  /** Units of hours (group 4 of `shift`), the rest being minutes. */
  hourUnit: RegExp;
  /** Directions (group 5 of `shift`) that mean earlier. */
  earlier: RegExp;
  nextWeekSameTime: RegExp;
  also: RegExp;
  changeCue: RegExp;
  /** A short weekday the time reader leaves alone; group 1 the weekday. */
  bareWeekday: RegExp;
  anyStaff: RegExp;
  otherStaff: RegExp;
  followUp: RegExp;
  dayAfter: RegExp;
  dayBefore: RegExp;
  /** Where one request ends and the next begins. */
  split: RegExp;
  /** A piece of a text that names a day or a time. */
  whenHint: RegExp;
  /** Running late, as a reply to a reminder. */
  late: RegExp;
  /** Words that make "late" about the policy, not the client's arrival. */
  notLate: RegExp;
  /** "be there in 10": group 1 the minutes. */
  onMyWayIn: RegExp;
  /** "10 min": group 1 the minutes. */
  minutes: RegExp;
  instead: RegExp;
}

export interface TurnLanguage {
  language: Language;
  /** The form of a text the patterns are matched against (Spanish folds accents and shorthand). */
  form(text: string): string;
  /** The message read as a whole: intent, service, day and time, FAQ, staff. */
  understand(text: string, ctx: ReadingContext): Reading;
  readIntent(text: string, clues: IntentClues): Intent;
  serviceMentions(text: string, business: Business): Array<{ id: string }>;
  /** The text is, word for word, a service's name or one of its names. */
  isServiceName(text: string, business: Business): boolean;
  matchFaq(text: string, business: Business): string | null;
  looksLikeQuestion(text: string): boolean;
  isCatalogueQuestion(text: string): boolean;
  isComplaint(text: string): boolean;
  /** The owner's urgent word the text names (business.norms), as the config writes it, or null. */
  findUrgentKeyword(text: string, business: Business): string | null;
  readImpossibleWhen(text: string): ImpossibleWhen | null;
  findNamedDay(text: string, business: Business, now: Date): NamedDay | null;
  replies: ReplyReaders;
  patterns: TurnPatterns;
  /** A clock time as the language writes it for its own reader ("at 4:30"). */
  atClock(hour: string, minute: string | undefined): string;
  /** The new time of a move, read as a change of mind ("make it 4"). */
  changeTo(rest: string): string;
  /** The text with its short weekday put where a day is read ("on sat"). */
  onWeekday(text: string): string;
}
