// Steps after the date table: a weekday joined to the day of the month next to it, and
// chrono-node for the calendar dates our rows do not know.

import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import type { Accumulator, DateFound, Step } from './accumulator';
import { calendarDate, nextDayOfMonth, nextMonthDay } from './calendar';
import { MONTH, weekdayValue } from './words';

/** "Monday 21": a weekday followed by a day number that cannot be an hour names one date. */
function weekdayThenNumber(acc: Accumulator): void {
  for (const d of [...acc.dates]) {
    const wd = weekdayValue(acc.lower.slice(d.start, d.end).trim());
    if (wd === null) continue;
    const m = /^,?\s+(?:the\s+)?(1[3-9]|2\d|3[01])(?![\d:.]|\s*(?:[ap]\.?m|o\s?'?clock|h\d))/.exec(acc.text.slice(d.end));
    if (!m) continue;
    let date = d.date;
    const day = Number(m[1]);
    for (let k = 0; k < 60 && !(date.weekday === wd && date.day === day); k++) date = date.plus({ days: 7 });
    if (date.weekday === wd && date.day === day) {
      d.date = date;
      d.weekdayOnly = false;
      acc.scanner.mask(d.end, d.end + m[0].length, true);
      d.end += m[0].length;
    }
  }
}

/** "monday the 24th": a weekday right before a day of the month chooses the month. */
function weekdayThenDayOfMonth(acc: Accumulator): void {
  const dates = acc.dates;
  dates.sort((a, b) => a.start - b.start);
  for (let i = 0; i + 1 < dates.length; i++) {
    const a = dates[i]!;
    const b = dates[i + 1]!;
    if (!b.dayOnly || !/^[\s,]*(?:the\s+)?$/.test(acc.lower.slice(a.end, b.start))) continue;
    const wd = weekdayValue(acc.lower.slice(a.start, a.end).replace(/^(?:next|this|coming|upcoming)\s+/, '').trim());
    if (wd === null) continue;
    let date = b.date;
    for (let k = 0; k < 24 && date.weekday !== wd; k++) {
      const next = nextDayOfMonth(date.plus({ days: 1 }), date.day);
      if (!next) break;
      date = next;
    }
    const joined: DateFound = { start: a.start, end: b.end, date: date.weekday === wd ? date : b.date, existing: a.existing };
    dates.splice(i, 2, joined);
  }
}

/** "jul 18, fri": a weekday written after a full date belongs to it; as before it, the date's numbers win. */
function dateThenWeekday(acc: Accumulator): void {
  const dates = acc.dates;
  for (let i = 0; i + 1 < dates.length; i++) {
    const a = dates[i]!;
    const b = dates[i + 1]!;
    if (!b.weekdayOnly || a.weekdayOnly || a.dayOnly || a.counted || !/^[\s,(]*$/.test(acc.lower.slice(a.end, b.start))) continue;
    // Only a date written with its month ("jul 18", "7/18"); "can't do tomorrow, friday?" moves to friday.
    if (!new RegExp(`\\d|${MONTH}`).test(acc.lower.slice(a.start, a.end))) continue;
    dates.splice(i, 2, { ...a, end: b.end });
  }
}

export const JOIN_WEEKDAY_AND_DAY: Step = {
  name: 'a weekday next to a day of the month',
  run: (acc) => {
    weekdayThenNumber(acc);
    weekdayThenDayOfMonth(acc);
    dateThenWeekday(acc);
  },
};

export const CHRONO_DATES: Step = {
  name: 'calendar dates chrono-node reads with a certain month and day ("2nd Jan 2019")',
  run: (acc) => {
    const text = acc.text;
    if (!/\d|(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|teenth|tieth)/.test(text)) return;
    // chrono reads the host's zone unless told otherwise: pass the business zone's offset that day.
    const offset = DateTime.fromJSDate(acc.ctx.now, { zone: acc.ctx.business.zone }).offset;
    let results: chrono.ParsedResult[];
    try {
      results = chrono.casual.parse(text, { instant: acc.ctx.now, timezone: offset }, { forwardDate: true });
    } catch {
      return;
    }
    for (const r of results) readChrono(acc, r);
  },
};

function readChrono(acc: Accumulator, r: chrono.ParsedResult): void {
  if (!r.start.isCertain('month') || !r.start.isCertain('day')) return;
  // chrono also fills day and month for durations ("20 min"): keep calendar dates only.
  if (r.text.includes('#') || !/\d/.test(r.text) || !new RegExp(`\\d\\s?[/.-]\\s?\\d|${MONTH}`).test(r.text)) return;
  const month = r.start.get('month');
  const day = r.start.get('day');
  if (month === null || day === null) return;
  const year = r.start.isCertain('year') ? r.start.get('year') : null;
  const date = year !== null ? calendarDate(year, month, day) : nextMonthDay(acc.today, month, day);
  // Only the date part is taken; clock times are read by our own rules.
  if (!date || !/^[^:]*$/.test(r.text) || /\b(?:am|pm|at)\b/.test(r.text)) return;
  acc.dates.push({ start: r.index, end: r.index + r.text.length, date, existing: false });
  acc.scanner.mask(r.index, r.index + r.text.length, true);
}
