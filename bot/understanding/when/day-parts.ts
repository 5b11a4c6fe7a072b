// The one table of the parts of the day clients name: "morning", "lunchtime", "after work",
// "first thing", "end of the day", ... Each row is placed on a day by that day's opening and
// closing (from the domain's hours), so "morning" at a shop opening at 10 is 10:00-12:00 and
// "first thing" on a day with a morning closure is the time it opens after it. The defaults are
// here; an owner changes them or adds phrases in the business YAML (`day_parts:`).

import type { Business, DayPartSetting } from '../../domain/types';
import type { DayFrame, Lean } from './clock';
import { B, E } from './patterns';
import { TOMORROW } from './words';

interface DefaultDayPart extends DayPartSetting {
  lean: Lean;
  /** Words that are also names or nouns ("eve", "lunch"): read only next to a day, a time or a lead-in. */
  shy?: string[];
}

export const DEFAULT_DAY_PARTS: readonly DefaultDayPart[] = [
  { name: 'morning', words: ['morning', 'mornin', 'morn'], from: 'opening', to: '12:00', lean: 'am' },
  { name: 'early morning', words: ['early morning', 'early in the morning'], from: 'opening', to: '10:00', lean: 'am' },
  { name: 'late morning', words: ['late morning', 'late in the morning', 'mid morning', 'mid-morning'], from: '10:00', to: '12:00', lean: 'am' },
  { name: 'afternoon', words: ['afternoon', 'arvo'], from: '12:00', to: '17:00', lean: 'pm' },
  { name: 'early afternoon', words: ['early afternoon', 'early in the afternoon'], from: '12:00', to: '14:00', lean: 'pm' },
  { name: 'late afternoon', words: ['late afternoon', 'late in the afternoon'], from: '15:00', to: '17:00', lean: 'pm' },
  { name: 'evening', words: ['evening', 'eve'], shy: ['eve'], from: '17:00', to: 'closing', lean: 'pm' },
  { name: 'night', words: ['night', 'nite', 'tonight', 'tonite'], shy: ['night', 'nite'], from: '17:00', to: 'closing', lean: 'night' },
  {
    name: 'lunchtime',
    // "at lunch", "over lunch": the shy word after a lead-in.
    words: ['lunchtime', 'lunch time', 'lunch hour', 'lunch break', 'lunch'],
    shy: ['lunch'],
    from: '12:00',
    to: '13:30',
    lean: 'near',
  },
  {
    name: 'after work',
    words: ['after work', 'after my shift', 'after i get off work', 'after i finish work', "once i'm off work", 'when i get off work', 'after i get off'],
    from: '17:00',
    to: 'closing',
    lean: 'pm',
  },
  {
    name: 'first thing',
    words: ['first thing in the morning', 'first thing', 'as soon as you open', 'right when you open', 'right at opening'],
    at: 'opening',
    lean: 'am',
  },
  {
    name: 'end of the day',
    words: [
      'end of the day', 'end of day', 'end of the working day', 'end of the business day', 'end of business', 'close of business',
      'eod', 'cob', 'last thing', 'last thing in the day', 'last thing before you close', 'right before you close', 'just before closing',
    ],
    to: 'closing',
    minutes: 60,
    lean: 'pm',
  },
];

/** 'opening', 'closing' or minutes after midnight. */
export type Edge = 'opening' | 'closing' | number;

export interface DayPart {
  name: string;
  from: Edge | null;
  to: Edge | null;
  /** Set for a part read as one time ("first thing"). */
  at: Edge | null;
  minutes: number | null;
  lean: Lean;
  shy: ReadonlySet<string>;
}

export interface DayPartTable {
  parts: readonly DayPart[];
  /** Regex source matching any word of any part, longest first. */
  word: string;
  /** The part a matched word names. */
  partOf(word: string): DayPart | null;
  /** A part's word at the start of a text, after words that may sit between it and a time ("6 in the evening"). */
  nextTo: RegExp;
  /** A part's word at the end of a text, before such words ("evening 6", "tomorrow night at 8"). */
  before: RegExp;
  /** A part as written on its own: "morning", "this afternoon", "in the evening", "mid-morning". */
  scan: RegExp;
  /** A part's word right at the start of a text, after spaces only ("sat| first thing"). */
  leads: RegExp;
}

const GAP_TO_PART = `(?:[\\s,#]|(?:in|the|this|at|on|of|early|late|${TOMORROW}|today)(?![a-z]))*`;

/** Parses 'HH:MM', 'opening' or 'closing'; null for anything else. */
export function edgeOf(text: string | undefined): Edge | null {
  if (text === undefined) return null;
  const t = text.trim().toLowerCase();
  if (t === 'opening' || t === 'closing') return t;
  const m = /^(\d{1,2}):(\d{2})$/.exec(t);
  if (!m || Number(m[2]) > 59 || Number(m[1]) * 60 + Number(m[2]) > 24 * 60) return null;
  return Number(m[1]) * 60 + Number(m[2]);
}

// Apostrophes are optional in texts ("once im off work"), so words meet without them.
const phraseKey = (phrase: string): string => phrase.trim().toLowerCase().replace(/['’‘]/g, '').replace(/\s+/g, ' ');
const phrasePattern = (phrase: string): string =>
  phrase
    .trim()
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/'/g, "'?")
    .replace(/\s+/g, '\\s+');

function merged(business: Business): Array<{ setting: DayPartSetting; lean: Lean; shy: string[] }> {
  const rows = DEFAULT_DAY_PARTS.map((d) => ({ setting: { ...d, words: [...d.words] } as DayPartSetting, lean: d.lean, shy: d.shy ?? [] }));
  for (const own of business.dayParts ?? []) {
    const key = phraseKey(own.name);
    const row = rows.find((r) => phraseKey(r.setting.name) === key);
    const words = [own.name, ...own.words];
    if (!row) {
      // A part the owner adds places an hour at the reading nearest its window.
      rows.push({ setting: { ...own, words }, lean: 'near', shy: [] });
      continue;
    }
    // Edges the owner sets replace the default's; a window replaces a single time and back.
    const times = own.at !== undefined || own.from !== undefined || own.to !== undefined;
    const base: DayPartSetting = times ? { name: row.setting.name, words: row.setting.words } : row.setting;
    row.setting = { ...base, ...definedOnly(own), name: row.setting.name, words: [...row.setting.words, ...words] };
  }
  return rows;
}

function definedOnly(s: DayPartSetting): Partial<DayPartSetting> {
  return Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)) as Partial<DayPartSetting>;
}

function compile(business: Business): DayPartTable {
  const byWord = new Map<string, DayPart>();
  const parts: DayPart[] = [];
  const rows = merged(business);
  for (const { setting, lean, shy } of rows) {
    const part: DayPart = {
      name: setting.name,
      from: edgeOf(setting.from),
      to: edgeOf(setting.to),
      at: edgeOf(setting.at),
      minutes: setting.minutes ?? null,
      lean,
      shy: new Set(shy.map(phraseKey)),
    };
    parts.push(part);
    for (const w of setting.words) byWord.set(phraseKey(w), part);
  }
  const words = [...new Set(rows.flatMap((r) => r.setting.words.map(phrasePattern)))].sort((a, b) => b.length - a.length);
  const word = `(?:${words.join('|')})`;
  return {
    parts,
    word,
    partOf: (w) => byWord.get(phraseKey(w)) ?? null,
    nextTo: new RegExp(`^${GAP_TO_PART}(${word})${E}`),
    before: new RegExp(`${B}(${word})${GAP_TO_PART}$`),
    scan: new RegExp(`${B}(?:(this|in\\s+the|early|late|the)\\s+|(mid)[\\s-]?)?(${word})${E}`),
    leads: new RegExp(`^\\s+(?:${word})${E}`),
  };
}

const tables = new WeakMap<Business, DayPartTable>();
const defaultsOnly = new WeakMap<readonly DayPartSetting[], DayPartTable>();

/** The business's day-part table: the defaults with the owner's changes. */
export function dayPartsOf(business: Business): DayPartTable {
  let table = tables.get(business);
  if (!table) {
    // Copies of a business (another zone for the CLI) share the owner's list, and so the table.
    const key = business.dayParts ?? DEFAULT_DAY_PARTS;
    table = defaultsOnly.get(key) ?? compile(business);
    defaultsOnly.set(key, table);
    tables.set(business, table);
  }
  return table;
}

function edgeMinutes(edge: Edge, frame: DayFrame): number {
  return edge === 'opening' ? frame.open : edge === 'closing' ? frame.close : edge;
}

/** The part as [from, to) minutes on a day with these hours; from === to for a single time. */
export function partWindow(part: DayPart, frame: DayFrame): [number, number] {
  if (part.at !== null) {
    const at = edgeMinutes(part.at, frame);
    return [at, at];
  }
  const length = part.minutes ?? 0;
  const from = part.from !== null ? edgeMinutes(part.from, frame) : null;
  const to = part.to !== null ? edgeMinutes(part.to, frame) : null;
  if (from !== null && to !== null) return [from, to];
  if (from !== null) return [from, Math.min(from + length, 24 * 60)];
  if (to !== null) return [Math.max(to - length, 0), to];
  return [frame.open, frame.close];
}

/** "mid-morning": the hour around the middle of the part. */
export function midHour(part: DayPart, frame: DayFrame): [number, number] {
  const [from, to] = partWindow(part, frame);
  const start = Math.floor((from + to) / 2 / 60) * 60;
  return [start, start + 60];
}
