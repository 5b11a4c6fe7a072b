// Rule table: ranges and open windows of clock times ("between 2 and 4", "3-4pm", "from 10 to 1",
// "after 4", "no later than noon").

import type { Rule } from './accumulator';
import { parseAtom } from './clock';
import { ATOM, B, COUNTED } from './patterns';

export const WINDOWS: readonly Rule[] = [
  {
    name: 'a range of two clock times',
    pattern: new RegExp(`${B}(?:(between|btwn|btw|from)\\s+)?(${ATOM})\\s*(-|to|till|til|until|and|through|thru)\\s*(${ATOM})`),
    read: (m, acc) => {
      const a = parseAtom(m[2]!);
      const b = parseAtom(m[4]!);
      if (!a || !b) return false;
      const prefix = m[1];
      if (m[3] === 'and' && prefix !== 'between' && prefix !== 'btwn' && prefix !== 'btw') return false;
      if (m[3] === '-' && /[-/]\s*$/.test(acc.before(m.index, 2))) return false;
      // "twenty-seven" is one number, not a range.
      if (m[3] === '-' && /[a-z]-[a-z]/.test(m[0])) return false;
      const ownProof = a.strong || b.strong || a.meridiem !== null || b.meridiem !== null;
      const placed = acc.dates.length > 0 || acc.partNear(m.index, m.index + m[0].length) !== null;
      if (!prefix && !ownProof && !placed) return false;
      if (!prefix && m[3] !== '-' && !ownProof && (a.words || b.words)) return false;
      if (acc.existingBefore(m.index)) return false;
      // "15 to noon": a start no 12-hour clock shows, counted to an hour, is minutes before it.
      if (!prefix && m[3] === 'to' && a.hour > 12 && a.minute === 0 && !a.fixed && (parseAtom(m[0])?.shift ?? 0) !== 0) return false;
      acc.windows.push({ start: m.index, end: m.index + m[0].length, kind: 'range', from: a, to: b, existing: false });
      return true;
    },
  },
  {
    name: 'an open window: "after 4", "before noon", "no later than 6"',
    pattern: new RegExp(
      `${B}(?<!(?:half|quarter|\\d|mins?|minutes|five|ten|twenty)\\s)(after|later\\s+than|no\\s+earlier\\s+than|not\\s+before|since|starting(?:\\s+(?:at|from))?|from|before|earlier\\s+than|no\\s+later\\s+than|not\\s+after|until|till|til)\\s+(${ATOM})`,
    ),
    read: (m, acc) => {
      const a = parseAtom(m[2]!);
      if (!a || COUNTED.test(acc.after(m.index + m[0].length))) return false;
      const kind = /^(?:before|earlier|no\s+later|not\s+after|until|till|til)/.test(m[1]!) ? 'before' : 'after';
      acc.windows.push({ start: m.index, end: m.index + m[0].length, kind, from: a, to: null, existing: false });
      return true;
    },
  },
];
