// Clock times as written ("3", "3:30pm", "quarter to 4", "ten oh five", "noon") and how one is
// placed on the day: am or pm from what the text says, the part of the day named next to it, or
// the business's hours that day.

import { numberValue } from './words';

/** A clock time as written, before am/pm is decided. */
export interface Atom {
  hour: number; // as named: 0..23, or 12 for noon
  minute: number;
  /** Minutes added after am/pm is decided ("quarter to 4" = 4:00 - 15). */
  shift: number;
  meridiem: 'am' | 'pm' | null;
  /** Written so that it cannot be 12-hour: "14:00", "09:30", "0730". */
  fixed: boolean;
  /** Carries its own proof of being a time: a colon, am/pm, o'clock, noon, "half past". */
  strong: boolean;
  /** Spelled with words ("six", "ten thirty"). */
  words: boolean;
}

/**
 * How a part of the day places a bare hour next to it: in the morning, after noon, at night (12 is
 * midnight), or at the reading nearest the part's window (a part either side of noon: "11 lunchtime").
 */
export type Lean = 'am' | 'pm' | 'night' | 'near';

/** A part of the day next to a clock time, placed on that day: its lean and its window in minutes. */
export interface PartPlace {
  lean: Lean;
  from: number;
  to: number;
}

/** Opening and closing of a day, in minutes after midnight. */
export interface DayFrame {
  open: number;
  close: number;
}

interface Marks {
  rest: string;
  meridiem: Atom['meridiem'];
  strong: boolean;
}

/** Strips am/pm and o'clock off the end of a clock text. */
function marksOf(raw: string): Marks {
  let rest = raw.trim().replace(/\s?-?ish$/, '');
  let meridiem: Atom['meridiem'] = null;
  const mer = /(?:\s*(?:in\s+the\s+)?(a|p)(?:\s?\.)?\s?m(?:\s?\.)?(?:[ap]m)?|(a|p))$/.exec(rest);
  if (mer && /[0-9a-z]/.test(rest.slice(0, mer.index))) {
    const letter = mer[1] ?? mer[2];
    // A lone "a"/"p" only counts when stuck to digits ("9a", "3:20p").
    if (mer[2] === undefined || /\d$/.test(rest.slice(0, mer.index))) {
      meridiem = letter === 'a' ? 'am' : 'pm';
      rest = rest.slice(0, mer.index).trim();
    }
  }
  // A full "am"/"pm" proves a time; a lone letter ("4a") does not.
  let strong = meridiem !== null && mer?.[1] !== undefined;
  const oclock = /\s*o\s?['"]?\s?clock$/.exec(rest);
  if (oclock) {
    rest = rest.slice(0, oclock.index).trim();
    strong = true;
  }
  return { rest, meridiem, strong };
}

type Build = (hour: number, minute: number, extra?: Partial<Atom>) => Atom | null;

function builder(marks: Marks): Build {
  return (hour, minute, extra = {}) => {
    if (!Number.isInteger(hour) || !Number.isInteger(minute) || minute < 0 || minute > 59 || hour < 0 || hour > 23) return null;
    let meridiem = marks.meridiem;
    if (meridiem !== null && (hour === 0 || hour > 12)) {
      if (hour > 12 && meridiem === 'pm') meridiem = null; // "14pm": the clock already says it
      else return null;
    }
    return { hour, minute, shift: 0, meridiem, fixed: false, strong: marks.strong, words: false, ...extra };
  };
}

export function parseAtom(raw: string): Atom | null {
  const marks = marksOf(raw);
  const t = marks.rest;
  const atom = builder(marks);
  return noonAtom(t, marks, atom) ?? relativeAtom(t, atom) ?? digitAtom(t, marks, atom) ?? wordAtom(t, marks, atom);
}

function noonAtom(t: string, marks: Marks, atom: Build): Atom | null {
  const m = /^(?:(12|twelve)\s*)?(noon|midday|mid-day|mid\s+day|mid\s?-?night)$/.exec(t);
  if (!m || marks.meridiem) return null;
  return /night$/.test(m[2]!) ? atom(0, 0, { fixed: true, strong: true }) : atom(12, 0, { fixed: true, strong: true });
}

/** Minutes before or after an hour: "quarter to 4", "ten past six", "20 minutes after noon". */
function relativeAtom(t: string, atom: Build): Atom | null {
  const half = /^half\s+(\S+)$/.exec(t);
  if (half) return hourAtom(half[1]!, 30, atom);
  const m = /^(.+?)\s+(past|after|from|to|till|til|before|of)\s+(.+)$/.exec(t);
  if (!m) return null;
  const lead = m[1]!.replace(/^a\s+/, '');
  const forward = m[2] === 'past' || m[2] === 'after' || m[2] === 'from';
  const offset = offsetMinutes(lead, forward);
  if (offset === null || offset <= 0 || offset >= 60 || (m[2] === 'of' && lead !== 'quarter')) return null;
  if (m[2] === 'from' && !/min/.test(lead)) return null;
  return hourAtom(m[3]!, forward ? offset : -offset, atom);
}

/** The hour a relative clock counts from ("noon", "4", "15h", "six"), shifted by `shift` minutes. */
function hourAtom(target: string, shift: number, atom: Build): Atom | null {
  const h = /^(\d{1,2})h$/.exec(target);
  const hour = target === 'noon' ? 12 : target === 'midnight' ? 0 : numberValue(h ? h[1]! : target);
  if (hour === null) {
    // "five thirty", "10 h 10", "4:30": a clock time of its own, counted from.
    const none: Marks = { rest: target, meridiem: null, strong: true };
    const base = digitAtom(target, none, builder(none)) ?? wordAtom(target, none, builder(none));
    return base && base.minute > 0 ? atom(base.hour, base.minute, { shift, fixed: base.fixed, strong: true }) : null;
  }
  if (hour > 23) return null;
  const fixed = target === 'noon' || target === 'midnight' || hour > 12 || h !== null;
  return atom(hour, 0, { shift, fixed, strong: true });
}

function offsetMinutes(lead: string, forward: boolean): number | null {
  if (lead === 'quarter') return 15;
  if (/^three\s+quarters$/.test(lead)) return forward ? 45 : null;
  if (lead === 'half') return forward ? 30 : null;
  const minutesWord = /\s*(?:min(?:ute)?s?)$/.exec(lead);
  const offset = numberValue(minutesWord ? lead.slice(0, minutesWord.index) : lead);
  // Without "minutes", only the amounts people say on a clock face ("ten to five").
  if (offset !== null && !minutesWord && !forward && ![5, 10, 15, 20, 25].includes(offset)) return null;
  return offset;
}

function digitAtom(t: string, marks: Marks, atom: Build): Atom | null {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{1,2})h$/.exec(t))) return atom(Number(m[1]), 0, { fixed: true, strong: true });
  if ((m = /^(\d{1,2})\s(\d{2})$/.exec(t))) return atom(Number(m[1]), Number(m[2]));
  if ((m = /^(\d{1,2})(?:[:.]|\s?h\s?)(\d{2})(?::(\d{2}))?$/.exec(t))) {
    // "15h30" is written on a 24-hour clock.
    const fixed = (m[1]!.length === 2 && m[1]!.startsWith('0')) || Number(m[1]) > 12 || t.includes('h');
    const a = atom(Number(m[1]), Number(m[2]), { fixed });
    if (a && !t.includes('.')) a.strong = true;
    return a;
  }
  if ((m = /^(\d{1,2})(\d{2})$/.exec(t))) {
    // Without am/pm, "1030" is a time only with a leading zero or a time word around it; years are not.
    if (marks.meridiem === null && /^(?:19|20)\d\d$/.test(t)) return null;
    return atom(Number(m[1]), Number(m[2]), { fixed: t.startsWith('0'), strong: marks.meridiem !== null || t.startsWith('0') });
  }
  if (/^\d{1,2}$/.test(t)) return atom(Number(t), 0, { fixed: t.length === 2 && t.startsWith('0') && marks.meridiem === null });
  return null;
}

/** "six", "ten thirty", "twelve oh five". */
function wordAtom(t: string, marks: Marks, atom: Build): Atom | null {
  const parts = t.split(/[\s-]+/);
  // "twenty one fifteen": a 24-hour hour in two words.
  const twoWordHour = parts.length >= 3 ? numberValue(`${parts[0]} ${parts[1]}`) : null;
  const hourParts = twoWordHour !== null && twoWordHour > 20 && twoWordHour <= 23 ? 2 : 1;
  const hourWord = hourParts === 2 ? twoWordHour : numberValue(parts[0] ?? '');
  if (hourWord === null || hourWord < 1 || hourWord > 23) return null;
  if (parts.length === 1) return hourWord > 12 ? null : atom(hourWord, 0, { words: true });
  const rest = parts.slice(hourParts);
  const oh = /^(?:oh|o|ou|zero)$/.test(rest[0] ?? '');
  const minute = oh ? (rest.length === 2 ? numberValue(rest[1]!) : null) : numberValue(rest.join(' '));
  // "eleven five" is 11:05; a 24-hour hour ("fifteen thirty") needs its minutes to be a clock's.
  if (minute === null || minute < 1 || (hourWord > 12 && !oh && minute < 10)) return null;
  // "twelve oh three" and "fifteen thirty" have the shape only a clock reading has.
  return atom(hourWord, minute, { words: true, strong: marks.strong || oh || hourWord > 12, fixed: hourWord > 12 });
}

/** Minutes after midnight for an atom, given the part of the day next to it and the day's hours. */
export function resolveAtom(a: Atom, part: PartPlace | null, frame: DayFrame): number {
  const total = placedHour(a, part, frame) * 60 + a.minute + a.shift;
  return ((total % 1440) + 1440) % 1440;
}

function placedHour(a: Atom, part: PartPlace | null, frame: DayFrame): number {
  const h = a.hour;
  const am = h === 12 && a.shift >= 0 ? 0 : h;
  const pm = h < 12 ? h + 12 : h;
  if (a.meridiem === 'am') return am;
  if (a.meridiem === 'pm') return pm;
  if (a.fixed || h > 12) return h;
  if (part) return hourInPart(a, am, pm, part);
  if (h >= 1 && h <= 11) return morningInsideHours(h * 60 + a.minute + a.shift, frame) ? h : h + 12;
  return h;
}

/** The reading of an hour that falls in (or nearest to) the part of the day named with it. */
function hourInPart(a: Atom, am: number, pm: number, part: PartPlace): number {
  if (part.lean === 'am') return am;
  if (part.lean === 'pm') return pm;
  if (part.lean === 'night') return a.hour === 12 ? 0 : a.hour + 12;
  const away = (hour: number): number => {
    const t = hour * 60 + a.minute + a.shift;
    return t < part.from ? part.from - t : t > part.to ? t - part.to : 0;
  };
  return away(am) < away(pm) ? am : pm;
}

/** Whether the morning reading of an hour is the one a client of this business means. */
function morningInsideHours(am: number, frame: DayFrame): boolean {
  const inside = (t: number): boolean => t >= frame.open && t < frame.close;
  const pm = am + 720;
  if (inside(am) !== inside(pm)) return inside(am);
  // Neither or both inside: the clock-face habit, 7 to 11 in the morning, 12 to 6 in the afternoon.
  return am >= 7 * 60;
}

/** "HH:MM" for minutes after midnight. */
export function clockText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}
