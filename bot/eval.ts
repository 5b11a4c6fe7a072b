// Scores the understanding layer on the evaluation sets kept next to the repository
// (../shared/eval): the demo-business dev set and the public date/time benchmark, in English and
// in Spanish, and the Spanish dev set kept in the repository. Reads every case through the
// language's `understand`, the same function `frontdesk understand` prints.
//
//   npx tsx bot/eval.ts [--eval-dir DIR] [--json] [--failures N]

import * as fs from 'node:fs';
import * as path from 'node:path';
import { DateTime } from 'luxon';
import type { Business } from './domain/types';
import { loadBusinessConfig } from './config/business-config';
import { understand } from './understanding';
import { understanderFor } from './understanding/languages';
import { resolveNow, withZone } from './understanding/reference';
import type { Reading } from './understanding/types';

export type Reader = (text: string, ctx: { now: Date; business: Business }) => Reading;

// Raw chrono-node 2.10.3 on the same items, from public/README.md.
const CHRONO_BASELINE = { sgdTime: 65.2, sgdDate: 60.2, bookingCore: 48.9, nonTimes: 13.2 };
const TARGETS = { dev: 100, sgdTime: 99.5, sgdDate: 99.5, bookingCore: 92, nonTimes: 1 };
const SGD_ZONE = 'America/New_York';
// Raw chrono-node 2.10.3 (chrono.es.casual) on the Spanish points, from public/README.md section 6.2.
const ES_CHRONO_BASELINE = { bookingCore: 46.6, nonTimes: 9.4 };
const ES_TARGETS = { dev: 100, bookingCore: 90, nonTimes: 2 };
/** The Spanish dev set lives in the repository, so it is scored wherever the shared sets are. */
export const SPANISH_DEV_FILE = path.resolve(__dirname, '..', 'test', 'understanding', 'fixtures', 'understanding-dev-es.jsonl');

interface Share {
  right: number;
  total: number;
  percent: number;
}
function share(right: number, total: number): Share {
  return { right, total, percent: total === 0 ? 0 : Math.round((1000 * right) / total) / 10 };
}

interface Failure {
  id: string;
  text: string;
  expected: unknown;
  got: unknown;
  group: string;
}

export interface EvalFigures {
  dev: { all: Share; fields: Record<string, Share>; failures: Failure[] } | null;
  sgd: { time: Share; date: Share; failures: Failure[] } | null;
  bookingCore: { all: Share; categories: Record<string, Share>; failures: Failure[] } | null;
  nonTimes: { falsePositive: Share; failures: Failure[] } | null;
  /** The same figures for Spanish: the repository's dev set and time_expressions_es.jsonl. */
  es: {
    dev: EvalFigures['dev'];
    bookingCore: EvalFigures['bookingCore'];
    nonTimes: EvalFigures['nonTimes'];
  } | null;
  notes: string[];
}

function readJsonl(file: string): Array<Record<string, unknown>> {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

// ---------------------------------------------------------------------------------------------
// Dev set.

interface DevCase {
  id: string;
  now: string;
  text: string;
  expect: Partial<Record<'intent' | 'service' | 'faq' | 'date' | 'time' | 'window', unknown>>;
}

function fieldRight(field: string, expected: unknown, reading: Reading): boolean {
  const got = (reading as unknown as Record<string, unknown>)[field];
  if (field === 'date' && Array.isArray(expected)) return expected.includes(got);
  if (field === 'window') {
    const e = expected as { from: string; to: string } | null;
    const g = got as { from: string; to: string } | null;
    if (e === null || g === null) return e === g;
    return e.from === g.from && e.to === g.to;
  }
  return got === expected;
}

function scoreDev(file: string, business: Business, read: Reader): NonNullable<EvalFigures['dev']> {
  const cases = readJsonl(file) as unknown as DevCase[];
  const fields: Record<string, { right: number; total: number }> = {};
  const failures: Failure[] = [];
  let right = 0;
  for (const c of cases) {
    const reading = read(c.text, { now: resolveNow(c.now, business.zone), business });
    let ok = true;
    const wrong: string[] = [];
    for (const [field, expected] of Object.entries(c.expect)) {
      const f = (fields[field] ??= { right: 0, total: 0 });
      f.total++;
      if (fieldRight(field, expected, reading)) f.right++;
      else {
        ok = false;
        wrong.push(field);
      }
    }
    if (ok) right++;
    else {
      const got: Record<string, unknown> = {};
      for (const field of Object.keys(c.expect)) got[field] = (reading as unknown as Record<string, unknown>)[field];
      failures.push({ id: c.id, text: c.text, expected: c.expect, got, group: wrong.join('+') });
    }
  }
  const shares: Record<string, Share> = {};
  for (const [k, v] of Object.entries(fields)) shares[k] = share(v.right, v.total);
  return { all: share(right, cases.length), fields: shares, failures };
}

// ---------------------------------------------------------------------------------------------
// Public set.

/** The shape of a span, for grouping failures: digits become N, number words W. */
function pattern(text: string): string {
  return text
    .toLowerCase()
    .replace(/\d+/g, 'N')
    .replace(/\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b/g, 'W');
}

function scoreSgd(file: string, business: Business, read: Reader): NonNullable<EvalFigures['sgd']> {
  let timeRight = 0;
  let timeTotal = 0;
  let dateRight = 0;
  let dateTotal = 0;
  const failures: Failure[] = [];
  for (const r of readJsonl(file)) {
    if (r.group !== 'services') continue;
    const canonical = (r.sgd_canonical ?? {}) as Record<string, string>;
    const spans = (r.spans ?? {}) as Record<string, Array<{ text: string }>>;
    const wantsTime = canonical.appointment_time !== undefined && (spans.appointment_time?.length ?? 0) > 0;
    const wantsDate = canonical.appointment_date !== undefined && (spans.appointment_date?.length ?? 0) > 0;
    if (!wantsTime && !wantsDate) continue;
    const now = resolveNow(`${str(r.reference_date)}T10:00`, SGD_ZONE);
    const reading = read(str(r.utterance), { now, business });
    if (wantsTime) {
      timeTotal++;
      const got = reading.time ?? reading.window?.from ?? null;
      if (got === canonical.appointment_time) timeRight++;
      else
        failures.push({
          id: str(r.id),
          text: str(r.utterance),
          expected: { time: canonical.appointment_time },
          got: { time: reading.time, window: reading.window },
          group: `time: ${pattern(spans.appointment_time![0]!.text)}`,
        });
    }
    if (wantsDate) {
      dateTotal++;
      if (reading.date === canonical.appointment_date) dateRight++;
      else
        failures.push({
          id: str(r.id),
          text: str(r.utterance),
          expected: { date: canonical.appointment_date },
          got: { date: reading.date },
          group: `date: ${pattern(spans.appointment_date![0]!.text)}`,
        });
    }
  }
  return { time: share(timeRight, timeTotal), date: share(dateRight, dateTotal), failures };
}

interface Expected {
  type: string;
  start: string;
  grain: string;
  time_only?: boolean;
  alternatives?: Array<{ start: string; when?: string }>;
}

/** The zone of a reference's offset: "+00:00" -> UTC, "-02:00" -> UTC-2. */
function zoneOfReference(reference: string): string {
  const offset = DateTime.fromISO(reference, { setZone: true }).offset;
  if (offset === 0) return 'UTC';
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `UTC${sign}${Math.floor(abs / 60)}${abs % 60 ? `:${String(abs % 60).padStart(2, '0')}` : ''}`;
}

/**
 * The date a reading points at. A clock time without a date is taken as its next occurrence
 * (today, or tomorrow once it has passed), which is how the dialogs read it.
 */
function effectiveDate(reading: Reading, now: Date, zone: string): string | null {
  if (reading.date !== null) return reading.date;
  const clock = reading.time ?? reading.window?.from ?? null;
  if (clock === null) return null;
  const local = DateTime.fromJSDate(now, { zone });
  return (clock >= local.toFormat('HH:mm') ? local : local.plus({ days: 1 })).toISODate();
}

function scoreExpressions(
  file: string,
  demo: Business,
  read: Reader,
): { core: NonNullable<EvalFigures['bookingCore']>; negatives: NonNullable<EvalFigures['nonTimes']> } {
  const categories: Record<string, { right: number; total: number }> = {};
  const failures: Failure[] = [];
  const fpFailures: Failure[] = [];
  let right = 0;
  let total = 0;
  let negatives = 0;
  let falsePositives = 0;
  for (const r of readJsonl(file)) {
    const reference = str(r.reference);
    const zone = zoneOfReference(reference);
    const business = withZone(demo, zone);
    const now = resolveNow(reference, zone);
    const expected = r.expected as Expected | null;
    if (expected === null) {
      negatives++;
      const reading = read(str(r.text), { now, business });
      if (reading.date !== null || reading.time !== null || reading.window !== null) {
        falsePositives++;
        fpFailures.push({
          id: str(r.id),
          text: str(r.text),
          expected: null,
          got: { date: reading.date, time: reading.time, window: reading.window },
          group: 'false positive',
        });
      }
      continue;
    }
    if (r.booking_core !== true || expected.type !== 'point' || !['day', 'hour', 'minute', 'second'].includes(expected.grain)) continue;
    total++;
    const category = str(r.category);
    const cat = (categories[category] ??= { right: 0, total: 0 });
    cat.total++;
    const reading = read(str(r.text), { now, business });
    const gotDate = effectiveDate(reading, now, zone);
    const gotClock = reading.time ?? reading.window?.from ?? null;
    const candidates = [expected.start, ...(expected.alternatives ?? []).filter((a) => a.when !== 'past').map((a) => a.start)];
    const ok = candidates.some((c) => {
      const at = DateTime.fromISO(c, { setZone: true });
      const dateOk = expected.time_only === true || gotDate === at.toISODate();
      const clockOk = expected.grain === 'day' || gotClock === at.toFormat('HH:mm');
      return dateOk && clockOk;
    });
    if (ok) {
      right++;
      cat.right++;
    } else {
      const kind =
        reading.date === null && reading.time === null && reading.window === null
          ? 'nothing read'
          : expected.grain === 'day'
            ? 'date wrong'
            : candidates.some((c) => DateTime.fromISO(c, { setZone: true }).toFormat('HH:mm') === gotClock)
              ? 'date wrong'
              : 'time wrong';
      failures.push({
        id: str(r.id),
        text: str(r.text),
        expected: { start: expected.start, grain: expected.grain, timeOnly: expected.time_only === true },
        got: { date: reading.date, time: reading.time, window: reading.window },
        group: `${category}: ${kind}`,
      });
    }
  }
  const shares: Record<string, Share> = {};
  for (const [k, v] of Object.entries(categories).sort()) shares[k] = share(v.right, v.total);
  return {
    core: { all: share(right, total), categories: shares, failures },
    negatives: { falsePositive: share(falsePositives, negatives), failures: fpFailures },
  };
}

// ---------------------------------------------------------------------------------------------

/** The Spanish figures: the dev set in the repository, the expressions in ../shared/eval/public. */
function runSpanish(evalDir: string, business: Business, read: Reader, devFile: string, notes: string[]): NonNullable<EvalFigures['es']> {
  const es: NonNullable<EvalFigures['es']> = { dev: null, bookingCore: null, nonTimes: null };
  if (fs.existsSync(devFile)) es.dev = scoreDev(devFile, business, read);
  else notes.push(`Spanish dev set not found: ${devFile}`);
  const exprFile = path.join(evalDir, 'public', 'time_expressions_es.jsonl');
  if (fs.existsSync(exprFile)) {
    const { core, negatives } = scoreExpressions(exprFile, business, read);
    es.bookingCore = core;
    es.nonTimes = negatives;
  } else notes.push(`Spanish expression set not found: ${exprFile}`);
  return es;
}

export function runEval(evalDir: string, business: Business, read: Reader, spanish: Reader = understanderFor('es'), spanishDev = SPANISH_DEV_FILE): EvalFigures {
  const figures: EvalFigures = { dev: null, sgd: null, bookingCore: null, nonTimes: null, es: null, notes: [] };
  const devFile = path.join(evalDir, 'understanding-dev.jsonl');
  if (fs.existsSync(devFile)) figures.dev = scoreDev(devFile, business, read);
  else figures.notes.push(`dev set not found: ${devFile}`);
  const sgdFile = path.join(evalDir, 'public', 'sgd_appointments.jsonl');
  if (fs.existsSync(sgdFile)) figures.sgd = scoreSgd(sgdFile, business, read);
  else figures.notes.push(`SGD set not found: ${sgdFile}`);
  const exprFile = path.join(evalDir, 'public', 'time_expressions.jsonl');
  if (fs.existsSync(exprFile)) {
    const { core, negatives } = scoreExpressions(exprFile, business, read);
    figures.bookingCore = core;
    figures.nonTimes = negatives;
  } else figures.notes.push(`expression set not found: ${exprFile}`);
  figures.es = runSpanish(evalDir, business, spanish, spanishDev, figures.notes);
  figures.notes.push('booking_core: a clock time read without a date is scored as its next occurrence (today, or tomorrow once passed).');
  return figures;
}

function topGroups(failures: Failure[], n: number): Array<{ group: string; count: number; examples: string[] }> {
  const groups = new Map<string, Failure[]>();
  for (const f of failures) groups.set(f.group, [...(groups.get(f.group) ?? []), f]);
  return [...groups.entries()]
    .sort((a, b) => b[1].length - a[1].length)
    .slice(0, n)
    .map(([group, list]) => ({ group, count: list.length, examples: list.slice(0, 3).map((f) => f.text) }));
}

const pct = (s: Share): string => `${s.percent.toFixed(1)} % (${s.right}/${s.total})`;
const mark = (ok: boolean): string => (ok ? 'meets target' : 'BELOW TARGET');

function printFailures(lines: string[], failures: Failure[], limit: number): void {
  for (const f of failures.slice(0, limit)) {
    lines.push(`  ${f.id}  "${f.text.length > 100 ? `${f.text.slice(0, 97)}...` : f.text}"`);
    lines.push(`      expected ${JSON.stringify(f.expected)}  got ${JSON.stringify(f.got)}`);
  }
  if (failures.length > limit) lines.push(`  ... ${failures.length - limit} more (--failures N to see more)`);
}

export function formatReport(f: EvalFigures, failureLimit: number): string {
  const lines: string[] = [];
  if (f.dev) {
    lines.push('Dev set (understanding-dev.jsonl, demo business)');
    lines.push(`  all fields right: ${pct(f.dev.all)}   target >= ${TARGETS.dev} %: ${mark(f.dev.all.percent >= TARGETS.dev)}`);
    for (const [field, s] of Object.entries(f.dev.fields)) lines.push(`  ${field.padEnd(8)} ${pct(s)}`);
    lines.push('  (the dev set has no categories)');
    lines.push(`  failures (${f.dev.failures.length}):`);
    printFailures(lines, f.dev.failures, Math.max(failureLimit, 64));
    lines.push('');
  }
  lines.push('Public set                                   ours                 raw chrono   target');
  if (f.sgd) {
    lines.push(`  SGD services, time right                   ${pct(f.sgd.time).padEnd(20)} ${String(CHRONO_BASELINE.sgdTime).padEnd(12)} >= ${TARGETS.sgdTime} %  ${mark(f.sgd.time.percent >= TARGETS.sgdTime)}`);
    lines.push(`  SGD services, date right                   ${pct(f.sgd.date).padEnd(20)} ${String(CHRONO_BASELINE.sgdDate).padEnd(12)} >= ${TARGETS.sgdDate} %  ${mark(f.sgd.date.percent >= TARGETS.sgdDate)}`);
  }
  if (f.bookingCore) {
    lines.push(`  booking_core points (day..second)          ${pct(f.bookingCore.all).padEnd(20)} ${String(CHRONO_BASELINE.bookingCore).padEnd(12)} >= ${TARGETS.bookingCore} %  ${mark(f.bookingCore.all.percent >= TARGETS.bookingCore)}`);
  }
  if (f.nonTimes) {
    lines.push(`  non-times read as times                    ${pct(f.nonTimes.falsePositive).padEnd(20)} ${String(CHRONO_BASELINE.nonTimes).padEnd(12)} <= ${TARGETS.nonTimes} %   ${mark(f.nonTimes.falsePositive.percent <= TARGETS.nonTimes)}`);
  }
  if (f.bookingCore) {
    lines.push('');
    lines.push('  booking_core points by category:');
    for (const [c, s] of Object.entries(f.bookingCore.categories)) lines.push(`    ${c.padEnd(18)} ${pct(s)}`);
  }
  const sections: Array<[string, Failure[] | undefined]> = [
    ['SGD services', f.sgd?.failures],
    ['booking_core points', f.bookingCore?.failures],
    ['non-times', f.nonTimes?.failures],
  ];
  for (const [name, failures] of sections) {
    if (!failures || failures.length === 0) continue;
    lines.push('');
    lines.push(`  top failure groups, ${name}:`);
    for (const g of topGroups(failures, 10)) lines.push(`    ${String(g.count).padStart(4)}  ${g.group}   e.g. ${g.examples.map((e) => JSON.stringify(e.slice(0, 60))).join(', ')}`);
    lines.push(`  failures, ${name}:`);
    printFailures(lines, failures, failureLimit);
  }
  formatSpanish(lines, f.es, failureLimit);
  for (const note of f.notes) lines.push(`note: ${note}`);
  return lines.join('\n');
}

function formatSpanish(lines: string[], es: EvalFigures['es'], failureLimit: number): void {
  if (!es) return;
  lines.push('');
  lines.push('Spanish                                      ours                 raw chrono.es  target');
  if (es.dev) {
    lines.push(`  dev set (understanding-dev-es.jsonl)       ${pct(es.dev.all).padEnd(20)} ${'-'.padEnd(14)} >= ${ES_TARGETS.dev} %  ${mark(es.dev.all.percent >= ES_TARGETS.dev)}`);
    for (const [field, s] of Object.entries(es.dev.fields)) lines.push(`    ${field.padEnd(8)} ${pct(s)}`);
  }
  if (es.bookingCore) {
    lines.push(`  booking_core points (day..second)          ${pct(es.bookingCore.all).padEnd(20)} ${String(ES_CHRONO_BASELINE.bookingCore).padEnd(14)} >= ${ES_TARGETS.bookingCore} %  ${mark(es.bookingCore.all.percent >= ES_TARGETS.bookingCore)}`);
  }
  if (es.nonTimes) {
    lines.push(`  non-times read as times                    ${pct(es.nonTimes.falsePositive).padEnd(20)} ${String(ES_CHRONO_BASELINE.nonTimes).padEnd(14)} <= ${ES_TARGETS.nonTimes} %   ${mark(es.nonTimes.falsePositive.percent <= ES_TARGETS.nonTimes)}`);
  }
  if (es.bookingCore) {
    lines.push('  booking_core points by category:');
    for (const [c, s] of Object.entries(es.bookingCore.categories)) lines.push(`    ${c.padEnd(18)} ${pct(s)}`);
  }
  const sections: Array<[string, Failure[] | undefined]> = [
    ['Spanish dev set', es.dev?.failures],
    ['Spanish booking_core points', es.bookingCore?.failures],
    ['Spanish non-times', es.nonTimes?.failures],
  ];
  for (const [name, failures] of sections) {
    if (!failures || failures.length === 0) continue;
    lines.push('');
    lines.push(`  top failure groups, ${name}:`);
    for (const g of topGroups(failures, 10)) lines.push(`    ${String(g.count).padStart(4)}  ${g.group}   e.g. ${g.examples.map((e) => JSON.stringify(e.slice(0, 60))).join(', ')}`);
    lines.push(`  failures, ${name}:`);
    printFailures(lines, failures, failureLimit);
  }
}

function figuresOnly(f: EvalFigures): Record<string, unknown> {
  return {
    dev: f.dev && { all: f.dev.all, fields: f.dev.fields, failures: f.dev.failures.map(({ group: _g, ...rest }) => rest) },
    sgdServices: f.sgd && { time: f.sgd.time, date: f.sgd.date, chronoBaseline: { time: CHRONO_BASELINE.sgdTime, date: CHRONO_BASELINE.sgdDate } },
    bookingCorePoints: f.bookingCore && { all: f.bookingCore.all, categories: f.bookingCore.categories, chronoBaseline: CHRONO_BASELINE.bookingCore },
    nonTimes: f.nonTimes && { falsePositive: f.nonTimes.falsePositive, chronoBaseline: CHRONO_BASELINE.nonTimes },
    spanish: f.es && {
      dev: f.es.dev && { all: f.es.dev.all, fields: f.es.dev.fields, failures: f.es.dev.failures.map(({ group: _g, ...rest }) => rest) },
      bookingCorePoints: f.es.bookingCore && { all: f.es.bookingCore.all, categories: f.es.bookingCore.categories, chronoBaseline: ES_CHRONO_BASELINE.bookingCore },
      nonTimes: f.es.nonTimes && { falsePositive: f.es.nonTimes.falsePositive, chronoBaseline: ES_CHRONO_BASELINE.nonTimes },
      targets: ES_TARGETS,
    },
    targets: TARGETS,
    notes: f.notes,
  };
}

export function defaultEvalDir(): string {
  // bot -> repository root -> its sibling "shared/eval".
  return path.resolve(__dirname, '..', '..', 'shared', 'eval');
}

export function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(`${s}\n`)): number {
  let evalDir = defaultEvalDir();
  let json = false;
  let failureLimit = 15;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--eval-dir' && argv[i + 1] !== undefined) evalDir = path.resolve(argv[++i]!);
    else if (arg === '--json') json = true;
    else if (arg === '--failures' && argv[i + 1] !== undefined) failureLimit = Math.max(0, Number(argv[++i]) || 0);
    else if (arg === '--help' || arg === '-h') {
      out('usage: eval [--eval-dir DIR] [--json] [--failures N]');
      return 0;
    } else {
      out(`unknown argument: ${arg}`);
      return 2;
    }
  }
  if (!fs.existsSync(evalDir)) {
    out(`evaluation data not found: expected it at ${evalDir} (pass --eval-dir DIR to point elsewhere)`);
    return 2;
  }
  const business = loadBusinessConfig();
  const figures = runEval(evalDir, business, understand);
  out(json ? JSON.stringify(figuresOnly(figures), null, 2) : formatReport(figures, failureLimit));
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
