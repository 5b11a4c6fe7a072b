// Rule table: single clock times ("at 3", "9.30", "quarter to 4", "six pm", "3ish"). A bare number
// is a time only with proof around it: a lead-in ("at", "around"), a date or a part of the day
// next to it; a number that counts things ("3 people", "2 hours") is not.

import type { Accumulator, ClockFound, Rule } from './accumulator';
import { parseAtom, type Atom } from './clock';
import { ATOM, B, COUNTED, TIME_PREFIX } from './patterns';
import { ZONE_AFTER_CLOCK } from './zones';

/** "to 4" names a time after a time being moved ("my 3pm to 4") or a moving verb ("push it to 4"). */
function movedTo(acc: Accumulator, atomStart: number): boolean {
  if (!/(?:^|[^a-z])to\s*$/.test(acc.before(atomStart, 4))) return false;
  return acc.clocks.some((c) => c.end <= atomStart) || /(?:move|push|change|switch|bump|shift|reschedul)/.test(acc.text.slice(0, atomStart));
}

/** Whether a weak atom (no colon, am/pm or o'clock) has enough around it to be a time. */
function weakAtomIsTime(acc: Accumulator, atom: Atom, atomText: string, atomStart: number, end: number, prefixed: boolean): boolean {
  const after = acc.after(end);
  if (COUNTED.test(after) || /^\s*(?:[-/]\s*\d|\.\d)/.test(after) || /\d\s*[-/.:]\s*$/.test(acc.before(atomStart, 3))) return false;
  const dateNext = acc.dateNear(atomStart, end);
  const near = acc.partNear(atomStart, end) !== null;
  // "3 pm", "nine a m": the meridiem is proof enough; "9a", "3p" need a time word before them.
  if (atom.meridiem !== null) return !/\d[ap]$/.test(atomText.replace(/\s/g, '')) || prefixed || dateNext;
  if (!prefixed && !dateNext && !near) return false;
  return !(atom.words && !prefixed && !near && !dateNext);
}

export const CLOCKS: readonly Rule[] = [
  {
    name: 'a clock time, with its lead-in',
    pattern: new RegExp(`(?:${B}(?:at|@|around|about|abt|approx(?:imately)?|by|say|like|~)\\s*|@\\s*)?(${ATOM})`),
    read: (m, acc) => {
      const atomText = m[1]!;
      const atom = parseAtom(atomText);
      if (!atom) return false;
      const start = m.index;
      // "15 to 20 people" counts people.
      if (atom.shift !== 0 && COUNTED.test(acc.after(m.index + m[0].length))) return false;
      const end = m.index + m[0].length;
      const atomStart = end - atomText.length;
      const prefixed = atomStart > start || movedTo(acc, atomStart) || TIME_PREFIX.test(acc.before(atomStart, 16));
      if (!atom.strong && !/ish$/.test(atomText) && !weakAtomIsTime(acc, atom, atomText, atomStart, end, prefixed)) return false;
      const found: ClockFound = { start, end, atom, date: null, existing: acc.existingBefore(start) };
      const zone = ZONE_AFTER_CLOCK.exec(acc.after(end));
      if (zone) {
        found.zone = zone[1]!;
        acc.scanner.mask(end, end + zone[0].length, true);
      }
      acc.clocks.push(found);
      return true;
    },
  },
];
