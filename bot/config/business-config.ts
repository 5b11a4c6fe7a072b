// The owner's YAML file → a validated `Business`. Every problem carries its YAML path and line, so
// `frontdesk check-config` can point an owner at the exact spot, and all problems are reported at
// once rather than one per run.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { IANAZone } from 'luxon';
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { z } from 'zod';
import { LANGUAGES, type Language } from '../domain/types';
import { staffLabel } from '../text/en';
import type {
  Business,
  BusinessNorms,
  ClockRange,
  Closure,
  DayPartSetting,
  Faq,
  HandoffSettings,
  MessagingPolicy,
  Service,
  SpecialHours,
  StaffMember,
  Translations,
  Weekday,
  WeeklyHours,
} from '../domain/types';
import { WEEKDAYS } from '../domain/types';
import { DEFAULT_QUIET_HOURS, DEFAULT_REMINDERS } from '../domain/reminders';
import { DEFAULT_DAY_PARTS } from '../understanding/when/day-parts';

export interface ConfigProblem {
  /** YAML path such as `services[2].minutes`; empty for problems with the file as a whole. */
  path: string;
  message: string;
  line: number | null;
}

/**
 * `warnings` do not stop the business from running: client-facing text with no version in a
 * language the business offers (those clients read the English).
 */
export type ParseResult =
  | { ok: true; business: Business; warnings: ConfigProblem[] }
  | { ok: false; problems: ConfigProblem[]; warnings: ConfigProblem[] };

export class ConfigError extends Error {
  readonly code: string;
  readonly problems: ConfigProblem[];
  constructor(code: string, message: string, problems: ConfigProblem[]) {
    super(message);
    this.name = 'ConfigError';
    this.code = code;
    this.problems = problems;
  }
}

export const DEMO_CONFIG_PATH: string = path.resolve(__dirname, 'demo-business.yaml');

/** Names an FAQ answer may use as `{name}`; `{price:<service-id>}` and `{duration:<service-id>}` too. */
export const FAQ_PLACEHOLDERS: readonly string[] = [
  'name',
  'address',
  'phone',
  'website',
  'hours',
  'today',
  'prices',
  'services',
  'late_cancel_hours',
  'closures',
  'next_opening',
];

/** Placeholders that take a service id: `{price:haircut}`. */
export const FAQ_SERVICE_PLACEHOLDERS: readonly string[] = ['price', 'duration'];

export function formatProblem(p: ConfigProblem): string {
  const where = p.path ? `${p.path}: ` : '';
  const line = p.line === null ? '' : ` (line ${p.line})`;
  return `${where}${p.message}${line}`;
}

// ---------------------------------------------------------------------------------------------
// Small value checks shared by the schema and the cross-field pass.

type PathSegment = string | number;

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^(\d{1,2}):(\d{2})$/;
// Owners paste en dashes from documents; accept them along with spaces around the dash.
const RANGE_PATTERN = /^\s*(\S+?)\s*[-–]\s*(\S+?)\s*$/;

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map of keys';
  return String(value);
}

/** Minutes after midnight for "HH:MM" (24:00 allowed only when `allowEndOfDay`), else null. */
function clockMinutes(text: string, allowEndOfDay: boolean): number | null {
  const m = TIME_PATTERN.exec(text);
  if (!m) return null;
  const hours = Number(m[1]);
  const minutes = Number(m[2]);
  if (hours === 24 && minutes === 0 && allowEndOfDay) return 24 * 60;
  if (hours > 23 || minutes > 59) return null;
  return hours * 60 + minutes;
}

function pad(text: string): string {
  const m = TIME_PATTERN.exec(text);
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : text;
}

type RangeCheck = { ok: true; from: string; to: string; start: number; end: number } | { ok: false; message: string };

/** Checks one "HH:MM-HH:MM" range. `end` exceeds 1440 when the range runs past midnight. */
function checkRange(value: unknown): RangeCheck {
  const expected = `expected a time range like '09:00-17:00', got ${show(value)}`;
  if (typeof value !== 'string') return { ok: false, message: expected };
  const m = RANGE_PATTERN.exec(value);
  if (!m) return { ok: false, message: expected };
  const fromText = m[1]!;
  const toText = m[2]!;
  const start = clockMinutes(fromText, false);
  if (start === null) {
    return TIME_PATTERN.test(fromText)
      ? { ok: false, message: `'${fromText}' is not a time of day (00:00 to 23:59) in '${value}'` }
      : { ok: false, message: expected };
  }
  const endOfDay = clockMinutes(toText, true);
  if (endOfDay === null) {
    return TIME_PATTERN.test(toText)
      ? { ok: false, message: `'${toText}' is not a time of day (00:00 to 24:00) in '${value}'` }
      : { ok: false, message: expected };
  }
  if (endOfDay === start) return { ok: false, message: `'${value}' starts and ends at the same time` };
  // An end earlier than the start runs past midnight (a bar open 18:00-02:00).
  const end = endOfDay > start ? endOfDay : endOfDay + 24 * 60;
  return { ok: true, from: pad(fromText), to: pad(toText), start, end };
}

function checkDate(value: unknown): string | null {
  if (typeof value !== 'string' || !DATE_PATTERN.test(value)) {
    return `expected a date like 2026-11-26, got ${show(value)}`;
  }
  const [, y, mo, d] = DATE_PATTERN.exec(value)!;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return `'${value}' is not a real date`;
  return null;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j]!;
      prev[j] = Math.min(above + 1, prev[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return prev[b.length]!;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** The known word an owner most likely meant, when one is close enough to be a typo. */
export function nearest(word: string, known: readonly string[]): string | null {
  const lower = word.toLowerCase();
  let best: string | null = null;
  let bestScore = Infinity;
  for (const candidate of known) {
    const c = candidate.toLowerCase();
    // "tues" for "tue", "policy" for "policies": a shared stem counts as close.
    const score = commonPrefix(lower, c) >= Math.max(3, Math.min(lower.length, c.length) - 1) ? 0.5 : editDistance(lower, c);
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  const limit = Math.max(1, Math.floor(Math.min(lower.length, 12) / 3));
  return best !== null && lower.length >= 2 && bestScore <= limit ? best : null;
}

function didYouMean(word: string, known: readonly string[]): string {
  const guess = nearest(word, known);
  return guess === null ? '' : `; did you mean '${guess}'?`;
}

// ---------------------------------------------------------------------------------------------
// Shape (zod). Custom messages say what an owner should write, and what they wrote instead.

// Unknown keys are reported one per key with a suggestion; the object's known keys travel in the
// issue message so the reporter can suggest without another schema walk.
const KNOWN_KEYS_MARK = '\u0000known:';

function section<T extends z.core.$ZodLooseShape>(shape: T, what: string) {
  return z.strictObject(shape, {
    error: (iss) =>
      iss.code === 'unrecognized_keys'
        ? KNOWN_KEYS_MARK + Object.keys(shape).join(',')
        : iss.input === undefined
          ? `missing: expected ${what}`
          : `expected ${what}, got ${show(iss.input)}`,
  });
}

function text(what: string) {
  return z.custom<string>((v) => typeof v === 'string' && v.trim() !== '', {
    error: (iss) => (iss.input === undefined ? `missing: expected ${what}` : `expected ${what}, got ${show(iss.input)}`),
  });
}

interface NumberRule {
  what: string;
  integer: boolean;
  min: number;
  max: number;
  unit?: string;
}

function numberMessage(value: unknown, rule: NumberRule): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || (rule.integer && !Number.isInteger(value))) {
    return value === undefined ? `missing: expected ${rule.what}` : `expected ${rule.what}, got ${show(value)}`;
  }
  const unit = (n: number) => (rule.unit ? ` ${n === 1 ? rule.unit.replace(/s$/, '') : rule.unit}` : '');
  if (value < rule.min) return `must be at least ${rule.min}${unit(rule.min)}, got ${value}`;
  if (value > rule.max) return `must be at most ${rule.max}${unit(rule.max)}, got ${value}`;
  return null;
}

function numberField(rule: NumberRule) {
  return z.custom<number>((v) => numberMessage(v, rule) === null, {
    error: (iss) => numberMessage(iss.input, rule) ?? 'invalid number',
  });
}

/** A list; an empty YAML value (`aliases:`) or a missing key means an empty list. */
function list<T extends z.ZodType>(item: T, what: string) {
  return z.preprocess(
    (v) => (v === null || v === undefined ? [] : v),
    z.array(item, { error: (iss) => `expected a list of ${what}, got ${show(iss.input)}` }),
  );
}

function requiredList<T extends z.ZodType>(item: T, what: string) {
  return z.array(item, {
    error: (iss) =>
      iss.input === undefined ? `missing: expected a list of ${what}` : `expected a list of ${what}, got ${show(iss.input)}`,
  });
}

function idMessage(value: unknown): string {
  return value === undefined
    ? 'missing: expected an id (lowercase letters, digits and hyphens, like beard-trim)'
    : `expected an id of lowercase letters, digits and hyphens (like beard-trim), got ${show(value)}`;
}

const idField = z.custom<string>((v) => typeof v === 'string' && ID_PATTERN.test(v), {
  error: (iss) => idMessage(iss.input),
});

// Not a z.union: a union reports only "no option matched" for the whole list, where the owner
// needs to be pointed at the one bad id in it.
const staffServices = z
  .custom<'all' | string[]>((v) => v === 'all' || Array.isArray(v), {
    error: (iss) =>
      iss.input === undefined
        ? 'missing: expected a list of service ids or the word all'
        : `expected a list of service ids or the word all, got ${show(iss.input)}`,
  })
  .superRefine((v, ctx) => {
    if (v === 'all') return;
    v.forEach((id: unknown, i) => {
      if (typeof id !== 'string' || !ID_PATTERN.test(id)) ctx.addIssue({ code: 'custom', path: [i], message: idMessage(id) });
    });
  });

const rangeField = z.custom<string>((v) => checkRange(v).ok, {
  error: (iss) => {
    const r = checkRange(iss.input);
    return r.ok ? 'invalid range' : r.message;
  },
});

// A day is a list of ranges, or one range written on its own; empty means closed.
const dayHours = z.preprocess(
  (v) => (typeof v === 'string' ? [v] : v === null ? [] : v),
  z.array(rangeField, { error: (iss) => `expected a list of time ranges like ['09:00-17:00'], got ${show(iss.input)}` }),
);

const weeklyShape = Object.fromEntries(WEEKDAYS.map((d) => [d, dayHours.optional()])) as Record<
  Weekday,
  z.ZodOptional<typeof dayHours>
>;
const weeklyHours = section(weeklyShape, 'a map of weekdays (mon..sun) to time ranges');

const dateField = z.custom<string>((v) => checkDate(v) === null, {
  error: (iss) => checkDate(iss.input) ?? 'invalid date',
});

const timeField = (allowEndOfDay: boolean) =>
  z.custom<string>((v) => typeof v === 'string' && clockMinutes(v, allowEndOfDay) !== null, {
    error: (iss) => `expected a time like 13:30, got ${show(iss.input)}`,
  });

const weekdayField = z.custom<Weekday>((v) => typeof v === 'string' && (WEEKDAYS as readonly string[]).includes(v), {
  error: (iss) =>
    typeof iss.input === 'string'
      ? `unknown weekday '${iss.input}'${didYouMean(iss.input, WEEKDAYS)}`
      : `expected a weekday (mon..sun), got ${show(iss.input)}`,
});

const priceRule: NumberRule = { what: 'a price (a number; 0 for free, empty for "ask us")', integer: false, min: 0, max: 1_000_000 };
// An empty price (`price:`) means "ask us"; the type has null for it.
const priceField = z.custom<number | null>((v) => v === null || numberMessage(v, priceRule) === null, {
  error: (iss) => numberMessage(iss.input, priceRule) ?? 'invalid price',
});

const minutesRule: NumberRule = { what: 'a whole number of minutes', integer: true, min: 1, max: 24 * 60, unit: 'minutes' };

/** A day part's edge: a time of day, or that day's opening or closing. */
function edgeMinutes(value: unknown): number | 'opening' | 'closing' | null {
  if (value === 'opening' || value === 'closing') return value;
  return typeof value === 'string' ? clockMinutes(value, true) : null;
}

const dayPartEdge = z.custom<string>((v) => edgeMinutes(v) !== null, {
  error: (iss) => `expected a time like 15:00, or opening or closing, got ${show(iss.input)}`,
});

const dayPart = section(
  {
    name: text('the name of the part of the day'),
    phrases: list(text('a phrase clients use'), 'phrases clients use for this part of the day'),
    from: dayPartEdge.optional(),
    to: dayPartEdge.optional(),
    at: dayPartEdge.optional(),
    minutes: numberField(minutesRule).optional(),
  },
  "a part of the day like { name: after school, phrases: [after school], from: '15:00', to: '17:00' }",
);

const languageField = z.custom<Language>((v) => typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v), {
  error: (iss) => `expected a language Frontdesk speaks (${LANGUAGES.join(', ')}), got ${show(iss.input)}`,
});

/** The languages a business may give its own words in beside the English of the plain fields. */
type OtherLanguage = Exclude<Language, 'en'>;
const OTHER_LANGUAGES: readonly OtherLanguage[] = LANGUAGES.filter((l): l is OtherLanguage => l !== 'en');
const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', es: 'Spanish' };

/**
 * A block per other language beside the English fields (`es: { name: Corte de pelo }`), holding
 * any of the same fields; what it leaves out stays English.
 */
function inOtherLanguages<T extends z.core.$ZodLooseShape>(shape: T, what: string) {
  const block = (language: OtherLanguage) =>
    section(shape, `${what} in ${LANGUAGE_NAMES[language]} (${Object.keys(shape).join(', ')}, any of them)`).optional();
  return Object.fromEntries(OTHER_LANGUAGES.map((l) => [l, block(l)])) as Record<OtherLanguage, ReturnType<typeof block>>;
}

const schema = section(
  {
    business: section(
      {
        name: text('the business name'),
        zone: z.custom<string>((v) => typeof v === 'string' && IANAZone.isValidZone(v), {
          error: (iss) => zoneMessage(iss.input),
        }),
        address: text('a street address'),
        phone: text('a phone number'),
        website: text('a website address'),
        currency: z
          .custom<string>((v) => typeof v === 'string' && /^[A-Z]{3}$/.test(v), {
            error: (iss) => `expected a three-letter currency code like USD, got ${show(iss.input)}`,
          })
          .optional(),
        language: languageField.optional(),
        // The languages clients are answered in; absent means only `language`.
        languages: z
          .array(languageField, { error: (iss) => `expected a list of languages like [en, es], got ${show(iss.input)}` })
          .optional(),
      },
      'the business details (name, zone, address, phone, website)',
    ),
    hours: weeklyHours,
    closures: list(
      section(
        {
          date: dateField,
          name: text('a name for the closure'),
          from: timeField(false).optional(),
          to: timeField(true).optional(),
          ...inOtherLanguages({ name: text('the name of the closure').optional() }, 'the closure'),
        },
        'a closure like { date: 2026-12-25, name: Christmas }',
      ),
      'closures',
    ),
    special_hours: list(
      section(
        { date: dateField, name: text('a name').optional(), hours: dayHours, ...inOtherLanguages({ name: text('a name').optional() }, 'the day') },
        "special hours like { date: 2026-12-24, name: Christmas Eve, hours: ['09:00-14:00'] }",
      ),
      'special hours',
    ),
    services: requiredList(
      section(
        {
          id: idField,
          name: text('the service name'),
          minutes: numberField(minutesRule),
          price: priceField,
          aliases: list(text('a word clients use'), 'words clients use for this service'),
          ...inOtherLanguages(
            { name: text('the service name').optional(), aliases: list(text('a word clients use'), 'words clients use for this service').optional() },
            'the service',
          ),
        },
        'a service with id, name, minutes and price',
      ),
      'services',
    ),
    staff: requiredList(
      section(
        {
          id: idField,
          name: text('the staff member name'),
          services: staffServices,
          days: z
            .array(weekdayField, { error: (iss) => `expected a list of weekdays like [tue, wed], got ${show(iss.input)}` })
            .optional(),
          hours: weeklyHours.optional(),
          aliases: list(text('a word clients use'), 'words clients use for this person'),
          ...inOtherLanguages(
            { name: text('the staff member name').optional(), aliases: list(text('a word clients use'), 'words clients use for this person').optional() },
            'the staff member',
          ),
        },
        'a staff member with id, name, services and days or hours',
      ),
      'staff members',
    ),
    faqs: list(
      section(
        {
          id: idField,
          questions: requiredList(text('a question'), 'questions'),
          keywords: list(text('a keyword'), 'keywords'),
          answer: text('the answer'),
          ...inOtherLanguages(
            {
              questions: list(text('a question'), 'questions').optional(),
              keywords: list(text('a keyword'), 'keywords').optional(),
              answer: text('the answer').optional(),
            },
            'the FAQ',
          ),
        },
        'an FAQ with id, questions, keywords and answer',
      ),
      'FAQs',
    ),
    policies: section(
      {
        min_notice_minutes: numberField({ what: 'a whole number of minutes', integer: true, min: 0, max: 30 * 24 * 60, unit: 'minutes' }),
        horizon_days: numberField({ what: 'a whole number of days', integer: true, min: 1, max: 730, unit: 'days' }),
        slot_step_minutes: numberField({ what: 'a whole number of minutes', integer: true, min: 5, max: 240, unit: 'minutes' }),
        late_cancel_hours: numberField({ what: 'a number of hours', integer: false, min: 0, max: 30 * 24, unit: 'hours' }),
        // Absent means one client cannot hold two appointments at the same time.
        allow_overlapping_bookings: z
          .custom<boolean>((v) => typeof v === 'boolean', {
            error: (iss) => `expected true or false, got ${show(iss.input)}`,
          })
          .optional(),
      },
      'the booking policies',
    ),
    norms: section(
      {
        // Empty (or absent) means no first-contact notice.
        first_contact: z
          .custom<string | null>((v) => v === null || typeof v === 'string', {
            error: (iss) => `expected the sentence said once to each new client (or nothing), got ${show(iss.input)}`,
          })
          .optional(),
        ...inOtherLanguages({ first_contact: text('the sentence said once to each new client').optional() }, 'the norms'),
      },
      'the norms (first_contact)',
    ).optional(),
    urgent: section(
      {
        keywords: list(text('a word or phrase'), 'words or phrases that make a message urgent'),
        ...inOtherLanguages({ keywords: list(text('a word or phrase'), 'words or phrases that make a message urgent').optional() }, 'the urgent words'),
      },
      'the urgent settings (keywords)',
    ).optional(),
    on_call: list(
      section(
        {
          name: text('the name clients are told'),
          days: z.array(weekdayField, { error: (iss) => `expected a list of weekdays like [sat, sun], got ${show(iss.input)}` }),
          hours: rangeField,
          phone: z
            .custom<string>((v) => typeof v === 'string' && E164.test(v), {
              error: (iss) => `expected a phone number in E.164 form like +15551234567, got ${show(iss.input)}`,
            })
            .optional(),
          slack: z
            .custom<string>((v) => typeof v === 'string' && SLACK_USER.test(v), {
              error: (iss) => `expected a Slack user id like U012ABCDEF, got ${show(iss.input)}`,
            })
            .optional(),
        },
        "an on-call shift like { name: Alex, days: [sat], hours: '17:00-09:00', phone: '+15551234567' }",
      ),
      'on-call shifts',
    ),
    // When proactive messages (reminders) may go out: a quiet range like '21:00-08:00'.
    quiet_hours: rangeField.optional(),
    reminders: z
      .preprocess(
        (v) => (v === null ? [] : v),
        z.array(
          section(
            { before_minutes: numberField({ what: 'a whole number of minutes', integer: true, min: 15, max: 14 * 24 * 60, unit: 'minutes' }) },
            'a reminder like { before_minutes: 1440 }',
          ),
          { error: (iss) => `expected a list of reminders like [{ before_minutes: 1440 }], got ${show(iss.input)}` },
        ),
      )
      .optional(),
    outbound: section(
      { rate_per_second: numberField({ what: 'a number of messages a second', integer: false, min: 0.01, max: 100 }).optional() },
      'the outbound settings (rate_per_second)',
    ).optional(),
    // The take-a-number queue for talking to a person; every key has a default.
    handoff: section(
      {
        default_handling_minutes: numberField({ what: 'a whole number of minutes', integer: true, min: 1, max: 24 * 60, unit: 'minutes' }).optional(),
        average_over: numberField({ what: 'a whole number of conversations', integer: true, min: 1, max: 1000 }).optional(),
        notify_every_minutes: numberField({ what: 'a whole number of minutes', integer: true, min: 1, max: 24 * 60, unit: 'minutes' }).optional(),
        nudge_after_minutes: numberField({ what: 'a whole number of minutes', integer: true, min: 1, max: 24 * 60, unit: 'minutes' }).optional(),
        timeout_minutes: numberField({ what: 'a whole number of minutes', integer: true, min: 5, max: 14 * 24 * 60, unit: 'minutes' }).optional(),
        round_robin: list(
          section(
            {
              slack: z.custom<string>((v) => typeof v === 'string' && SLACK_USER.test(v), {
                error: (iss) => `expected a Slack user id like U012ABCDEF, got ${show(iss.input)}`,
              }),
              name: text('the name clients are told'),
              staff: idField.optional(),
            },
            "a staff member to hand conversations to, like { slack: U012ABCDEF, name: Sam, staff: lead }",
          ),
          'staff members who take conversations in turn',
        ),
      },
      'the handoff settings (default_handling_minutes, nudge_after_minutes, round_robin, ...)',
    ).optional(),
    // Parts of the day clients name ("after work", "lunchtime"): change a default or add one.
    day_parts: list(dayPart, 'parts of the day'),
  },
  'a map with business, hours, services, staff, faqs and policies',
);

const E164 = /^\+[1-9]\d{6,14}$/;
/** A Slack user id (U… or W…): what a mention `<@…>` can name. */
export const SLACK_USER = /^[UW][A-Z0-9]{2,}$/;

type RawConfig = z.output<typeof schema>;

let zoneNames: readonly string[] | null = null;
function zoneMessage(value: unknown): string {
  if (typeof value !== 'string') {
    return value === undefined
      ? 'missing: expected an IANA time zone like America/New_York'
      : `expected an IANA time zone like America/New_York, got ${show(value)}`;
  }
  zoneNames ??= Intl.supportedValuesOf('timeZone');
  return `unknown time zone '${value}'${didYouMean(value, zoneNames) || '; use an IANA name like America/New_York'}`;
}

// ---------------------------------------------------------------------------------------------
// Mapping paths to lines.

class Locator {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  private lineAt(offset: number): number {
    return this.lines.linePos(offset).line;
  }

  /**
   * Line of the value at `path`; for a key that is missing, the line of the nearest parent that
   * exists (its key's line when it sits under a key). With `atKey`, the line of the key itself.
   */
  line(segments: readonly PathSegment[], atKey = false): number | null {
    let node: unknown = this.doc.contents;
    let keyLine: number | null = null;
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i]!;
      const resolved = this.resolve(node);
      let next: unknown;
      let nextKeyLine: number | null = null;
      if (isMap(resolved)) {
        const pair = resolved.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
        if (pair) {
          next = pair.value;
          const keyRange = (pair.key as Node).range;
          nextKeyLine = keyRange ? this.lineAt(keyRange[0]) : null;
        }
      } else if (isSeq(resolved) && typeof seg === 'number') {
        next = resolved.items[seg];
      }
      if (next === undefined) {
        // A whole top-level section missing has no line worth pointing at.
        if (i === 0) return null;
        return keyLine ?? this.nodeLine(resolved);
      }
      if (atKey && i === segments.length - 1 && nextKeyLine !== null) return nextKeyLine;
      node = next;
      keyLine = nextKeyLine;
    }
    const resolved = this.resolve(node);
    const own = this.nodeLine(resolved);
    // An empty value (`minutes:`) has no useful position of its own: point at its key.
    if (resolved === null || (isScalar(resolved) && resolved.value === null)) return keyLine ?? own;
    return own ?? keyLine;
  }

  private resolve(node: unknown): unknown {
    if (node && typeof node === 'object' && 'resolve' in node && typeof (node as { resolve: unknown }).resolve === 'function') {
      // An alias (*anchor): follow it to the node it names.
      return (node as { resolve(doc: Document): unknown }).resolve(this.doc) ?? node;
    }
    return node;
  }

  private nodeLine(node: unknown): number | null {
    const range = node && typeof node === 'object' && 'range' in node ? (node as Node).range : undefined;
    return range ? this.lineAt(range[0]) : null;
  }
}

function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const seg of segments) {
    out += typeof seg === 'number' ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Parsing.

class ProblemList {
  readonly items: { segments: PathSegment[]; message: string; atKey: boolean }[] = [];
  add(segments: PathSegment[], message: string, atKey = false): void {
    this.items.push({ segments, message, atKey });
  }
}

export function parseBusinessConfig(text: string): ParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });

  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((err) => ({
        path: '',
        message: `YAML syntax error: ${firstLine(err.message)}`,
        line: lineCounter.linePos(err.pos[0]).line,
      })),
      warnings: [],
    };
  }

  const data: unknown = doc.toJS({ maxAliasCount: 1000 });
  if (data === null || data === undefined) {
    return { ok: false, problems: [{ path: '', message: 'the file is empty; start from the demo business file', line: null }], warnings: [] };
  }

  const found = new ProblemList();
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const segments = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
      if (issue.code === 'unrecognized_keys' && issue.message.startsWith(KNOWN_KEYS_MARK)) {
        const known = issue.message.slice(KNOWN_KEYS_MARK.length).split(',');
        for (const key of issue.keys) {
          found.add([...segments, key], `unknown key${didYouMean(key, known)}`, true);
        }
      } else {
        found.add(segments, issue.message);
      }
    }
  }
  crossCheck(data, found);
  const missing = new ProblemList();
  checkTranslations(data, missing);

  const locator = new Locator(doc, lineCounter);
  const located = (list: ProblemList): ConfigProblem[] =>
    list.items
      .map((p) => ({ path: formatPath(p.segments), message: p.message, line: locator.line(p.segments, p.atKey) }))
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const warnings = located(missing);
  if (found.items.length > 0 || !parsed.success) return { ok: false, problems: located(found), warnings };
  return { ok: true, business: toBusiness(parsed.data), warnings };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

// ---------------------------------------------------------------------------------------------
// Checks across fields. They read the raw data defensively, so they still run (and report) when
// some other part of the file has the wrong shape.

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function items(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function crossCheck(data: unknown, found: ProblemList): void {
  if (!isRecord(data)) return;

  checkWeeklyOverlaps(data.hours, ['hours'], found);
  items(data.special_hours).forEach((sh, i) => {
    if (isRecord(sh)) checkDayOverlaps(typeof sh.hours === 'string' ? [sh.hours] : items(sh.hours), ['special_hours', i, 'hours'], found);
  });
  checkDuplicates(items(data.special_hours), 'date', 'special_hours', 'special hours for', found);
  items(data.closures).forEach((c, i) => {
    if (!isRecord(c)) return;
    const from = typeof c.from === 'string' ? clockMinutes(c.from, false) : null;
    const to = typeof c.to === 'string' ? clockMinutes(c.to, true) : null;
    if ((c.from === undefined) !== (c.to === undefined)) {
      found.add(['closures', i], 'give both from and to for part of a day, or neither for the whole day');
    } else if (from !== null && to !== null && to <= from) {
      found.add(['closures', i, 'to'], `must be later than from (${c.from})`);
    }
  });

  const services = items(data.services);
  const serviceIds = services.flatMap((s) => (isRecord(s) && typeof s.id === 'string' ? [s.id] : []));
  checkDuplicates(services, 'id', 'services', 'id', found);
  checkDuplicates(items(data.staff), 'id', 'staff', 'id', found);
  checkDuplicates(items(data.faqs), 'id', 'faqs', 'id', found);
  const reminderLeads = new Map<number, number>();
  items(data.reminders).forEach((r, i) => {
    if (!isRecord(r) || typeof r.before_minutes !== 'number') return;
    const earlier = reminderLeads.get(r.before_minutes);
    if (earlier === undefined) reminderLeads.set(r.before_minutes, i);
    else found.add(['reminders', i, 'before_minutes'], `duplicate reminder ${r.before_minutes} minutes before (also reminders[${earlier}])`);
  });

  const performed = new Set<string>();
  items(data.staff).forEach((member, i) => {
    if (!isRecord(member)) return;
    if (member.services === 'all') {
      serviceIds.forEach((id) => performed.add(id));
    } else {
      items(member.services).forEach((id, j) => {
        if (typeof id !== 'string') return;
        performed.add(id);
        // Malformed ids are reported where they are written; don't repeat that here.
        if (ID_PATTERN.test(id) && !serviceIds.includes(id)) {
          const guess = nearest(id, serviceIds);
          const hint = guess === null ? `; known: ${[...new Set(serviceIds)].filter((s) => ID_PATTERN.test(s)).join(', ')}` : `; did you mean '${guess}'?`;
          found.add(['staff', i, 'services', j], `unknown service '${id}'${hint}`);
        }
      });
      if (Array.isArray(member.services) && member.services.length === 0) {
        found.add(['staff', i, 'services'], 'lists no services; name at least one service id, or write all');
      }
    }
    const hasDays = member.days !== undefined && member.days !== null;
    const hasHours = member.hours !== undefined && member.hours !== null;
    if (hasDays && hasHours) {
      found.add(['staff', i, 'hours'], 'give either days or hours, not both', true);
    } else if (!hasDays && !hasHours) {
      found.add(['staff', i], 'missing: give days (like [tue, wed]) or hours (a weekly map like the business hours)');
    }
    if (hasHours) checkWeeklyOverlaps(member.hours, ['staff', i, 'hours'], found);
  });
  // When some staff member's services could not be read, "nobody performs X" would only be noise.
  const staffReadable = items(data.staff).every((m) => isRecord(m) && (m.services === 'all' || Array.isArray(m.services)));
  if (Array.isArray(data.staff) && staffReadable) {
    services.forEach((s, i) => {
      if (isRecord(s) && typeof s.id === 'string' && ID_PATTERN.test(s.id) && !performed.has(s.id)) {
        found.add(['services', i, 'id'], `no staff member performs '${s.id}'; add it to someone's services`);
      }
    });
  }

  items(data.on_call).forEach((entry, i) => {
    if (!isRecord(entry)) return;
    if (entry.phone === undefined && entry.slack === undefined) {
      found.add(['on_call', i], 'give a phone number, a Slack user id (slack), or both, so the person can be reached');
    }
    if (Array.isArray(entry.days) && entry.days.length === 0) found.add(['on_call', i, 'days'], 'lists no days');
  });
  checkOnCallOverlaps(items(data.on_call), found);
  checkDayParts(items(data.day_parts), found);

  const ids = [...new Set(serviceIds)];
  const known = [...FAQ_PLACEHOLDERS, ...FAQ_SERVICE_PLACEHOLDERS.flatMap((p) => ids.map((id) => `${p}:${id}`))];
  const checkAnswer = (answer: unknown, at: PathSegment[]): void => {
    if (typeof answer !== 'string') return;
    for (const m of answer.matchAll(/\{([^{}]*)\}/g)) {
      const name = m[1]!.trim();
      const colon = name.indexOf(':');
      const ok =
        FAQ_PLACEHOLDERS.includes(name) ||
        (colon > 0 && FAQ_SERVICE_PLACEHOLDERS.includes(name.slice(0, colon)) && serviceIds.includes(name.slice(colon + 1).trim()));
      if (!ok) found.add(at, `unknown value {${m[1]}}; known: ${known.map((k) => `{${k}}`).join(', ')}`);
    }
  };
  items(data.faqs).forEach((faq, i) => {
    if (!isRecord(faq)) return;
    checkAnswer(faq.answer, ['faqs', i, 'answer']);
    for (const language of OTHER_LANGUAGES) {
      const block = faq[language];
      if (isRecord(block)) checkAnswer(block.answer, ['faqs', i, language, 'answer']);
    }
  });
  checkLanguages(data.business, found);
}

/** The languages offered name each language once, and include the business's own. */
function checkLanguages(business: unknown, found: ProblemList): void {
  if (!isRecord(business) || !Array.isArray(business.languages)) return;
  const offered = business.languages as unknown[];
  offered.forEach((language, i) => {
    if (offered.indexOf(language) !== i) found.add(['business', 'languages', i], `${String(language)} is listed twice`);
  });
  if (offered.length === 0) found.add(['business', 'languages'], 'lists no languages; leave it out to speak only the business language');
  if (typeof business.language === 'string' && offered.length > 0 && !offered.includes(business.language)) {
    found.add(['business', 'language'], `'${business.language}' is not among the languages offered (${offered.map(String).join(', ')})`);
  }
}

/** The languages the raw file offers clients, as the business will: `languages`, else `language`, else English. */
function offeredLanguages(business: unknown): Language[] {
  const known = (v: unknown): v is Language => typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);
  if (!isRecord(business)) return ['en'];
  if (Array.isArray(business.languages) && business.languages.length > 0) return business.languages.filter(known);
  return [known(business.language) ? business.language : 'en'];
}

/**
 * Every client-facing text with an English version and none in a language the business offers:
 * clients writing that language would read the English. Names of people are the same in every
 * language; a staff name that is a role ("Lead stylist") is not.
 */
function checkTranslations(data: unknown, missing: ProblemList): void {
  if (!isRecord(data)) return;
  for (const language of offeredLanguages(data.business)) {
    if (language === 'en') continue;
    const name = LANGUAGE_NAMES[language];
    const check = (entry: unknown, at: PathSegment[], key: string, owner: string, yamlKey = key): void => {
      if (!isRecord(entry)) return;
      const english = entry[yamlKey];
      if (typeof english !== 'string' || english.trim() === '') return;
      const block = entry[language];
      const own = isRecord(block) ? block[yamlKey] : undefined;
      if (typeof own === 'string' && own.trim() !== '') return;
      missing.add([...at, yamlKey], `'${shorten(english)}' has no ${name} version; add ${language}: { ${key}: ... } to ${owner}`);
    };
    items(data.services).forEach((s, i) => check(s, ['services', i], 'name', `services[${i}]`));
    items(data.staff).forEach((m, i) => {
      if (isRecord(m) && typeof m.name === 'string' && staffLabel({ name: m.name }) !== m.name.trim()) check(m, ['staff', i], 'name', `staff[${i}]`);
    });
    items(data.faqs).forEach((f, i) => check(f, ['faqs', i], 'answer', `faqs[${i}]`));
    items(data.closures).forEach((c, i) => check(c, ['closures', i], 'name', `closures[${i}]`));
    items(data.special_hours).forEach((sh, i) => check(sh, ['special_hours', i], 'name', `special_hours[${i}]`));
    check(data.norms, ['norms'], 'first_contact', 'norms');
  }
}

function shorten(text: string): string {
  const flat = text.trim().replace(/\s+/g, ' ');
  return flat.length <= 40 ? flat : `${flat.slice(0, 37)}...`;
}

const phraseKey = (phrase: string): string => phrase.trim().toLowerCase().replace(/['’‘]/g, '').replace(/\s+/g, ' ');

/**
 * A day part is one time (`at`) or a window (`from`/`to`, or one of them and `minutes`); a part
 * the owner adds must say which, a default part may only add phrases. One phrase names one part.
 */
function checkDayParts(parts: unknown[], found: ProblemList): void {
  const defaults = new Set(DEFAULT_DAY_PARTS.map((d) => phraseKey(d.name)));
  const names = new Map<string, number>();
  const phrases = new Map<string, number>();
  parts.forEach((part, i) => {
    if (!isRecord(part) || typeof part.name !== 'string') return;
    const key = phraseKey(part.name);
    const earlier = names.get(key);
    if (earlier !== undefined) found.add(['day_parts', i, 'name'], `duplicate part '${part.name}' (also day_parts[${earlier}])`);
    names.set(key, i);
    items(part.phrases).forEach((phrase, j) => {
      if (typeof phrase !== 'string') return;
      const owner = phrases.get(phraseKey(phrase));
      if (owner !== undefined && owner !== i) found.add(['day_parts', i, 'phrases', j], `'${phrase}' already names day_parts[${owner}]`);
      phrases.set(phraseKey(phrase), i);
    });
    const has = (k: string): boolean => part[k] !== undefined && part[k] !== null;
    if (has('at') && (has('from') || has('to') || has('minutes'))) {
      found.add(['day_parts', i, 'at'], 'give at for one time, or from/to for a window, not both', true);
    } else if (!has('at') && !(has('from') && has('to')) && (has('from') || has('to')) && !has('minutes')) {
      found.add(['day_parts', i], 'give both from and to, or one of them and minutes');
    } else if (!has('at') && !has('from') && !has('to') && !defaults.has(key)) {
      found.add(['day_parts', i], `missing: a new part needs from and to (like '15:00' and '17:00') or at; known parts: ${DEFAULT_DAY_PARTS.map((d) => d.name).join(', ')}`);
    }
    const from = edgeMinutes(part.from);
    const to = edgeMinutes(part.to);
    if (typeof from === 'number' && typeof to === 'number' && to <= from) found.add(['day_parts', i, 'to'], `must be later than from (${String(part.from)})`);
  });
}

/** Two shifts covering the same minute would leave it unclear whom to wake. */
function checkOnCallOverlaps(entries: unknown[], found: ProblemList): void {
  const seen: { start: number; end: number; who: string; at: number }[] = [];
  entries.forEach((entry, i) => {
    if (!isRecord(entry) || !Array.isArray(entry.days)) return;
    const r = checkRange(entry.hours);
    if (!r.ok) return;
    const who = typeof entry.name === 'string' ? entry.name : `on_call[${i}]`;
    for (const day of entry.days) {
      const d = WEEKDAYS.indexOf(day as Weekday);
      if (d < 0) continue;
      const start = d * 1440 + r.start;
      const end = d * 1440 + r.end;
      const clash = seen.find((s) => s.at !== i && [-WEEK_MINUTES, 0, WEEK_MINUTES].some((shift) => start + shift < s.end && s.start < end + shift));
      if (clash) {
        found.add(['on_call', i, 'hours'], `${String(day)} '${String(entry.hours)}' overlaps the shift of ${clash.who} (on_call[${clash.at}])`);
        return;
      }
      seen.push({ start, end, who, at: i });
    }
  });
}

function checkDuplicates(list: unknown[], key: string, where: string, what: string, found: ProblemList): void {
  const first = new Map<string, number>();
  list.forEach((entry, i) => {
    if (!isRecord(entry) || typeof entry[key] !== 'string') return;
    const value = entry[key] as string;
    const earlier = first.get(value);
    if (earlier === undefined) first.set(value, i);
    else found.add([where, i, key], `duplicate ${what} '${value}' (also ${where}[${earlier}])`);
  });
}

const WEEK_MINUTES = 7 * 24 * 60;

/**
 * No two ranges of a weekly map may overlap, including a range that runs past midnight into the
 * next day's first range (fri 18:00-02:00 and sat 01:00-03:00), and Sunday night into Monday.
 */
function checkWeeklyOverlaps(hours: unknown, at: PathSegment[], found: ProblemList): void {
  if (!isRecord(hours)) return;
  const seen: { start: number; end: number; day: Weekday; text: string }[] = [];
  WEEKDAYS.forEach((day, d) => {
    const value = hours[day];
    const ranges = typeof value === 'string' ? [value] : items(value);
    ranges.forEach((text, i) => {
      const r = checkRange(text);
      if (!r.ok) return;
      const start = d * 1440 + r.start;
      const end = d * 1440 + r.end;
      // Compared on a cycle of one week, so Sunday night's spill meets Monday morning.
      const clash = seen.find((s) => [-WEEK_MINUTES, 0, WEEK_MINUTES].some((shift) => start + shift < s.end && s.start < end + shift));
      if (clash) {
        const where = typeof value === 'string' ? [...at, day] : [...at, day, i];
        found.add(where, `'${String(text)}' overlaps ${clash.day === day ? '' : `${clash.day}'s `}'${clash.text}'`);
      }
      seen.push({ start, end, day, text: String(text) });
    });
  });
}

/** Ranges on one day must not overlap; each later range is compared with the earlier ones. */
function checkDayOverlaps(ranges: unknown[], at: PathSegment[], found: ProblemList): void {
  const seen: { start: number; end: number; text: string }[] = [];
  ranges.forEach((value, i) => {
    const r = checkRange(value);
    if (!r.ok) return;
    const clash = seen.find((s) => r.start < s.end && s.start < r.end);
    if (clash) found.add([...at, i], `'${String(value)}' overlaps '${clash.text}'`);
    seen.push({ start: r.start, end: r.end, text: String(value) });
  });
}

// ---------------------------------------------------------------------------------------------
// Raw (snake_case, validated) → Business (camelCase).

function toRanges(values: readonly string[]): ClockRange[] {
  return values.map((v) => {
    const r = checkRange(v);
    if (!r.ok) throw new Error(`unreachable: range '${v}' passed validation`);
    return { from: r.from, to: r.to };
  });
}

function toWeekly(raw: Partial<Record<Weekday, string[] | undefined>>): WeeklyHours {
  const out: WeeklyHours = {};
  for (const day of WEEKDAYS) {
    const ranges = raw[day];
    if (ranges && ranges.length > 0) out[day] = toRanges(ranges);
  }
  return out;
}

function toBusiness(raw: RawConfig): Business {
  const hours = toWeekly(raw.hours);
  const serviceIds = raw.services.map((s) => s.id);
  const services: Service[] = raw.services.map((s) => ({
    id: s.id,
    name: s.name.trim(),
    minutes: s.minutes,
    price: s.price,
    aliases: s.aliases.map((a) => a.trim()),
    ...translated(s, (t) => ({ name: t.name?.trim(), aliases: t.aliases?.map((a) => a.trim()) })),
  }));
  const staff: StaffMember[] = raw.staff.map((m) => {
    let staffHours: WeeklyHours;
    if (m.hours) {
      staffHours = toWeekly(m.hours);
    } else {
      staffHours = {};
      for (const day of m.days ?? []) {
        const business = hours[day];
        if (business) staffHours[day] = business.map((r) => ({ ...r }));
      }
    }
    return {
      id: m.id,
      name: m.name.trim(),
      aliases: m.aliases.map((a) => a.trim()),
      services: m.services === 'all' ? [...serviceIds] : [...m.services],
      hours: staffHours,
      ...translated(m, (t) => ({ name: t.name?.trim(), aliases: t.aliases?.map((a) => a.trim()) })),
    };
  });
  const closures: Closure[] = raw.closures.map((c) => {
    const closure: Closure = { date: c.date, name: c.name.trim(), ...translated(c, (t) => ({ name: t.name?.trim() })) };
    if (c.from !== undefined && c.to !== undefined) {
      closure.from = pad(c.from);
      closure.to = pad(c.to);
    }
    return closure;
  });
  const specialHours: SpecialHours[] = raw.special_hours.map((s) => {
    const special: SpecialHours = { date: s.date, hours: toRanges(s.hours), ...translated(s, (t) => ({ name: t.name?.trim() })) };
    if (s.name !== undefined) special.name = s.name.trim();
    return special;
  });
  const faqs: Faq[] = raw.faqs.map((f) => ({
    id: f.id,
    questions: f.questions.map((q) => q.trim()),
    keywords: f.keywords.map((k) => k.trim()),
    answer: f.answer.trim(),
    ...translated(f, (t) => ({ questions: t.questions?.map((q) => q.trim()), keywords: t.keywords?.map((k) => k.trim()), answer: t.answer?.trim() })),
  }));
  const norms: BusinessNorms = {
    firstContact: (raw.norms?.first_contact ?? '').trim(),
    urgentKeywords: (raw.urgent?.keywords ?? []).map((k) => k.trim()),
    onCall: raw.on_call.map((e) => {
      const r = toRanges([e.hours])[0]!;
      return { name: e.name.trim(), days: [...e.days], hours: r, phone: e.phone ?? null, slackUserId: e.slack ?? null };
    }),
    ...translated<BusinessNorms, { first_contact?: string; keywords?: string[] }>(
      OTHER_LANGUAGES.reduce<Partial<Record<OtherLanguage, { first_contact?: string; keywords?: string[] }>>>((out, l) => {
        const block = { ...raw.norms?.[l], ...raw.urgent?.[l] };
        if (Object.keys(block).length > 0) out[l] = block;
        return out;
      }, {}),
      (t) => ({ firstContact: t.first_contact?.trim(), urgentKeywords: t.keywords?.map((k) => k.trim()) }),
    ),
  };
  return {
    name: raw.business.name.trim(),
    zone: raw.business.zone,
    address: raw.business.address.trim(),
    phone: raw.business.phone.trim(),
    website: raw.business.website.trim(),
    currency: raw.business.currency ?? 'USD',
    language: raw.business.language ?? 'en',
    ...(raw.business.languages ? { languages: [...raw.business.languages] } : {}),
    hours,
    closures,
    specialHours,
    services,
    staff,
    faqs,
    policy: {
      minNoticeMinutes: raw.policies.min_notice_minutes,
      horizonDays: raw.policies.horizon_days,
      slotStepMinutes: raw.policies.slot_step_minutes,
      lateCancelHours: raw.policies.late_cancel_hours,
      allowOverlappingBookings: raw.policies.allow_overlapping_bookings ?? false,
    },
    norms,
    messaging: toMessaging(raw),
    handoff: toHandoff(raw),
    ...(raw.day_parts.length > 0 ? { dayParts: raw.day_parts.map(toDayPart) } : {}),
  };
}

/**
 * `{ translations }` from an entry's language blocks (nothing when it has none), keeping only the
 * fields the owner gave.
 */
function translated<T, R>(
  entry: Partial<Record<OtherLanguage, R | undefined>>,
  map: (block: R) => { [K in keyof T]?: T[K] | undefined },
): { translations?: Translations<T> } {
  const translations: Translations<T> = {};
  for (const language of OTHER_LANGUAGES) {
    const block = entry[language];
    if (block === undefined) continue;
    const fields = Object.fromEntries(Object.entries(map(block)).filter(([, v]) => v !== undefined)) as Partial<T>;
    if (Object.keys(fields).length > 0) translations[language] = fields;
  }
  return Object.keys(translations).length > 0 ? { translations } : {};
}

function toDayPart(raw: RawConfig['day_parts'][number]): DayPartSetting {
  const part: DayPartSetting = { name: raw.name.trim(), words: raw.phrases.map((p) => p.trim()) };
  if (raw.from !== undefined) part.from = edge(raw.from);
  if (raw.to !== undefined) part.to = edge(raw.to);
  if (raw.at !== undefined) part.at = edge(raw.at);
  if (raw.minutes !== undefined) part.minutes = raw.minutes;
  return part;
}

const edge = (value: string): string => (value === 'opening' || value === 'closing' ? value : pad(value));

function toHandoff(raw: RawConfig): Partial<HandoffSettings> {
  const h = raw.handoff;
  if (!h) return {};
  const settings: Partial<HandoffSettings> = {
    roundRobin: h.round_robin.map((m) => ({ consoleId: m.slack, name: m.name.trim(), staffId: m.staff ?? null })),
  };
  if (h.default_handling_minutes !== undefined) settings.defaultHandlingMinutes = h.default_handling_minutes;
  if (h.average_over !== undefined) settings.averageOver = h.average_over;
  if (h.notify_every_minutes !== undefined) settings.notifyEveryMinutes = h.notify_every_minutes;
  if (h.nudge_after_minutes !== undefined) settings.nudgeAfterMinutes = h.nudge_after_minutes;
  if (h.timeout_minutes !== undefined) settings.timeoutMinutes = h.timeout_minutes;
  return settings;
}

function toMessaging(raw: RawConfig): MessagingPolicy {
  const quiet = raw.quiet_hours === undefined ? null : checkRange(raw.quiet_hours);
  return {
    quietHours: quiet && quiet.ok ? { from: quiet.from, to: quiet.to } : { ...DEFAULT_QUIET_HOURS },
    reminders: raw.reminders === undefined ? DEFAULT_REMINDERS.map((r) => ({ ...r })) : raw.reminders.map((r) => ({ beforeMinutes: r.before_minutes })),
    ratePerSecond: raw.outbound?.rate_per_second ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// Files.

function readConfigText(file: string): { text: string } | { problem: ConfigProblem } {
  if (!existsSync(file)) return { problem: { path: '', message: `config file not found: ${file}`, line: null } };
  try {
    return { text: readFileSync(file, 'utf8') };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { problem: { path: '', message: `cannot read config file ${file}: ${reason}`, line: null } };
  }
}

/** Every problem in the file, or [] when it is fine. Never throws for a bad or missing file. */
export function checkConfigFile(file: string): ConfigProblem[] {
  return reviewConfigFile(file).problems;
}

/** The file's problems (it cannot run) and warnings (it runs, but some clients read English). */
export function reviewConfigFile(file: string): { problems: ConfigProblem[]; warnings: ConfigProblem[] } {
  const read = readConfigText(path.resolve(file));
  if ('problem' in read) return { problems: [read.problem], warnings: [] };
  const result = parseBusinessConfig(read.text);
  return { problems: result.ok ? [] : result.problems, warnings: result.warnings };
}

/** The business from `file` (relative paths against the working directory), or the demo business. */
export function loadBusinessConfig(file?: string | null): Business {
  const resolved = file ? path.resolve(file) : DEMO_CONFIG_PATH;
  const read = readConfigText(resolved);
  if ('problem' in read) throw new ConfigError('frontdesk_config_not_found', read.problem.message, [read.problem]);
  const result = parseBusinessConfig(read.text);
  if (!result.ok) {
    const count = result.problems.length;
    const lines = result.problems.map((p) => `  ${formatProblem(p)}`).join('\n');
    throw new ConfigError(
      'frontdesk_config_invalid',
      `${resolved}: ${count} problem${count === 1 ? '' : 's'}\n${lines}`,
      result.problems,
    );
  }
  return result.business;
}
