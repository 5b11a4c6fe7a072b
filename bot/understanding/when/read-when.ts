// Reads the date, clock time or time window a client means from free text ("trim tmrw @ 930am",
// "thurs after 3", "sat first thing", "the 13th at quarter to 4 in the afternoon"), in the
// business's zone.
//
// A pipeline of rule tables over one scanner and one accumulator. Each accepted expression is
// masked so later tables cannot read its digits again; the order is the point: things that only
// look like times, amounts of time from now, dates, ranges and open windows, clock times, parts
// of the day. Then the accumulator is put together into one reading.

import { DateTime } from 'luxon';
import { Accumulator, runTable, type Row, type WhenContext } from './accumulator';
import { CLOCKS } from './clocks';
import { combine, type WhenReading } from './combine';
import { CHRONO_DATES, JOIN_WEEKDAY_AND_DAY } from './date-steps';
import { DATES } from './dates';
import { dayPartsOf } from './day-parts';
import { NON_TIMES } from './non-times';
import { DAY_PART_RULES } from './part-rules';
import { RELATIVE_OFFSETS, SHIFT_FROM_DATES, WEEKDAY_OF_COUNTED_WEEK } from './relative';
import { Scanner } from './text';
import { WINDOWS } from './windows';

export type { WhenContext } from './accumulator';
export type { WhenReading } from './combine';

/** The tables in the order they read the text. */
export const PIPELINE: ReadonlyArray<{ kind: string; rows: readonly Row[] }> = [
  { kind: 'non-times', rows: NON_TIMES },
  // Amounts of time from now come before dates: "in 1/2 hour" is not January 2nd.
  { kind: 'relative offsets', rows: RELATIVE_OFFSETS },
  { kind: 'dates', rows: [...DATES, SHIFT_FROM_DATES, WEEKDAY_OF_COUNTED_WEEK, JOIN_WEEKDAY_AND_DAY, CHRONO_DATES] },
  { kind: 'windows', rows: WINDOWS },
  { kind: 'clocks', rows: CLOCKS },
  { kind: 'day parts', rows: DAY_PART_RULES },
];

const NOTHING: WhenReading = { date: null, time: null, window: null, spans: [] };

export function readWhen(text: string, ctx: WhenContext): WhenReading {
  if (typeof text !== 'string' || text.trim() === '') return { ...NOTHING, spans: [] };
  // Very long texts are not messages about a booking; read their start only, in linear time.
  const input = text.length > 2000 ? text.slice(0, 2000) : text;
  const nowLocal = DateTime.fromJSDate(ctx.now, { zone: ctx.business.zone });
  if (!nowLocal.isValid) return { ...NOTHING, spans: [] };
  const today = DateTime.utc(nowLocal.year, nowLocal.month, nowLocal.day);
  const acc = new Accumulator(new Scanner(input), input, ctx, nowLocal, today, dayPartsOf(ctx.business));
  for (const table of PIPELINE) runTable(table.rows, acc);
  return combine(acc);
}
