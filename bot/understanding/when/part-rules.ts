// Rule table: parts of the day as written ("morning", "this afternoon", "mid-morning", "after
// work", "first thing", "eod"), from the business's day-part table.

import type { Accumulator, Rule } from './accumulator';
import { AMBIGUOUS_WEEKDAY, TOMORROW, WEEKDAY } from './words';

/** A shy word ("eve", "lunch") is a part of the day only next to a day or a time, or after a lead-in. */
function shyWordPlaced(m: RegExpExecArray, acc: Accumulator): boolean {
  const start = m.index;
  const end = m.index + m[0].length;
  if (acc.dates.some((d) => Math.abs(d.end - start) <= 2)) return true;
  if (acc.clocks.some((c) => Math.abs(c.end - start) <= 4 || Math.abs(end - c.start) <= 4)) return true;
  return /(?:at|tomorrow|by|for|around|during|over)\s+$/.test(acc.before(start, 12));
}

const DAY_WORD = new RegExp(`^(?:this\\s+|next\\s+)?(?:today|${TOMORROW}|${WEEKDAY}|${AMBIGUOUS_WEEKDAY})$`);

export const DAY_PART_RULES: readonly Rule[] = [
  {
    name: 'the end of a day named: "end of tomorrow", "end of this sunday"',
    pattern: /(?<![a-z])(?:the\s+)?end\s+of\s+(?:the\s+)?(?=#)/,
    read: (m, acc) => {
      const end = m.index + m[0].length;
      const day = acc.dates.find((d) => d.start === end && DAY_WORD.test(acc.lower.slice(d.start, d.end).trim()));
      const part = acc.dayParts.partOf('end of the day');
      if (!day || !part) return false;
      acc.parts.push({ start: m.index, end, part, existing: false });
      return true;
    },
  },
  {
    name: 'a part of the day',
    pattern: (acc) => acc.dayParts.scan,
    read: (m, acc) => {
      const word = m[3]!;
      const part = acc.dayParts.partOf(word);
      if (!part) return false;
      if (part.shy.has(word) && m[1] === undefined && !shyWordPlaced(m, acc)) return false;
      const end = m.index + m[0].length;
      if (m[1] === 'this' || word === 'tonight' || word === 'tonite') {
        if (!acc.dates.some((d) => !d.existing)) acc.dates.push({ start: m.index, end, date: acc.today, existing: false });
      }
      acc.parts.push({ start: m.index, end, part, existing: false, mid: m[2] !== undefined });
      return true;
    },
  },
];
