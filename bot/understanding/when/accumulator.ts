// The one accumulator the rule tables write into while the scanner walks the text: the dates,
// clock times, windows and parts of the day found so far, each with where it was written, plus
// what every rule needs to know (today, now, the business, its day-part table).

import { DateTime } from 'luxon';
import type { Business } from '../../domain/types';
import type { Atom } from './clock';
import type { DayPart, DayPartTable } from './day-parts';
import { EXISTING_BEFORE } from './patterns';
import { lowerKeepingLength, type Scanner, type Verdict } from './text';

export interface Found {
  start: number;
  end: number;
  /** Refers to an appointment the client already has ("my 3pm", "my friday appt"). */
  existing: boolean;
}
export interface DateFound extends Found {
  date: DateTime; // a calendar date, held at midnight UTC so day arithmetic never meets DST
  /** Only a day of the month was named ("the 24th"): a weekday next to it may choose the month. */
  dayOnly?: boolean;
  /**
   * Only a weekday was named ("tuesday", "sat"): on that weekday it means today unless the time
   * meant has passed or the day's hours are over, and then the same day next week.
   */
  weekdayOnly?: boolean;
  /** Counted from today by an amount of time ("in two weeks"): a weekday next to it picks that week's day. */
  counted?: boolean;
}
export interface ClockFound extends Found {
  atom: Atom;
  date: DateTime | null; // set when the expression also fixes the day ("in 2 hours")
  minutes?: number; // already resolved (relative expressions)
  /** A zone abbreviation written after the time ("9am PST"). */
  zone?: string;
}
export interface WindowFound extends Found {
  kind: 'range' | 'after' | 'before';
  from: Atom;
  to: Atom | null;
}
export interface PartFound extends Found {
  part: DayPart;
  /** "mid-morning": the middle hour of the part. */
  mid?: boolean;
}

export interface WhenContext {
  now: Date;
  business: Business;
}

export class Accumulator {
  readonly dates: DateFound[] = [];
  readonly clocks: ClockFound[] = [];
  readonly windows: WindowFound[] = [];
  readonly parts: PartFound[] = [];
  /** The original text, lower-cased (unmasked): context around a match. */
  readonly lower: string;

  constructor(
    readonly scanner: Scanner,
    readonly input: string,
    readonly ctx: WhenContext,
    readonly nowLocal: DateTime,
    readonly today: DateTime,
    readonly dayParts: DayPartTable,
  ) {
    this.lower = lowerKeepingLength(input);
  }

  /** The text with what has been read so far masked. */
  get text(): string {
    return this.scanner.text;
  }

  before(index: number, n = 12): string {
    return this.text.slice(Math.max(0, index - n), index);
  }

  after(index: number, n?: number): string {
    return this.text.slice(index, n === undefined ? undefined : index + n);
  }

  existingBefore(index: number): boolean {
    return EXISTING_BEFORE.test(this.before(index, 16));
  }

  /** Records a date read at the match; a match that names no real date is hidden. */
  addDate(m: RegExpExecArray, date: DateTime | null, kind: Pick<DateFound, 'dayOnly' | 'weekdayOnly'> = {}): Verdict {
    if (!date) return 'mask';
    this.dates.push({ start: m.index, end: m.index + m[0].length, date, existing: this.existingBefore(m.index), ...kind });
    return true;
  }

  /** A date read from a match that also fixes the time of day. */
  addMoment(m: RegExpExecArray, at: DateTime): void {
    const atom: Atom = { hour: at.hour, minute: at.minute, shift: 0, meridiem: null, fixed: true, strong: true, words: false };
    const date = DateTime.utc(at.year, at.month, at.day);
    this.clocks.push({ start: m.index, end: m.index + m[0].length, atom, minutes: at.hour * 60 + at.minute, date, existing: false });
  }

  /** A part of the day written next to [start, end): "6 in the evening", "evening 6", "8 tomorrow night". */
  partNear(start: number, end: number): DayPart | null {
    const right = this.dayParts.nextTo.exec(this.lower.slice(end, end + 40));
    if (right) return this.dayParts.partOf(right[1]!);
    const leftText = this.lower.slice(Math.max(0, start - 40), start);
    const left = this.dayParts.before.exec(leftText);
    // "good evening, 6 of us": a greeting does not place a time.
    if (left && !/good\s*$/.test(leftText.slice(0, left.index))) return this.dayParts.partOf(left[1]!);
    return null;
  }

  /** A date or clock already read ends within `gap` characters before `index`, or starts within it after. */
  dateNear(start: number, end: number, gap = 2): boolean {
    return this.dates.some((d) => (d.end <= start && start - d.end <= gap) || (d.start >= end && d.start - end <= gap));
  }
}

/** One row of a rule table: a pattern over the masked text and what a match means. */
export interface Rule {
  name: string;
  pattern: RegExp | ((acc: Accumulator) => RegExp);
  read(m: RegExpExecArray, acc: Accumulator): Verdict;
}

/** A row that works on what the table before it found (joining, moving) rather than on a pattern. */
export interface Step {
  name: string;
  run(acc: Accumulator): void;
}

export type Row = Rule | Step;

export function runTable(rows: readonly Row[], acc: Accumulator): void {
  for (const row of rows) {
    if ('run' in row) row.run(acc);
    else acc.scanner.scan(typeof row.pattern === 'function' ? row.pattern(acc) : row.pattern, (m) => row.read(m, acc));
  }
}
