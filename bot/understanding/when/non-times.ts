// Rule table: things that only look like dates or times. Each row hides its match from every
// later table without reading it.

import type { Rule } from './accumulator';
import { B, E } from './patterns';
import { MONTH } from './words';

export const NON_TIMES: readonly Rule[] = [
  { name: 'web address or email', pattern: /(?:https?:\/\/|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+/, read: () => 'mask' },
  {
    name: 'phone number',
    pattern: /(?<![\w.])\+?\(?\d[\d().\s-]{5,}\d(?![\w.])/,
    read: (m) => {
      const digits = m[0].replace(/\D/g, '').length;
      const groups = m[0].split(/[^\d]+/).filter(Boolean).length;
      if (/^\d{4}-\d{1,2}-\d{1,2}$|^\d{1,2}[-.]\d{1,2}[-.]\d{2,4}$/.test(m[0].trim())) return false;
      // "23.04.2022 14:55": a date with a year, then a time.
      if (/^\d{1,2}[-./]\d{1,2}[-./](?:19|20)\d{2}\s+\d/.test(m[0])) return false;
      return digits >= 7 && (groups >= 3 || digits >= 10 || /[+()]/.test(m[0])) ? 'mask' : false;
    },
  },
  {
    name: 'money or a share',
    pattern: /\$\s?\d[\d,.]*|(?<![\w.])\d[\d,]*(?:\.\d+)?\s?(?:%|percent|per\s?cent|pct|dollars|bucks|usd)(?![a-z])/,
    read: () => 'mask',
  },
  {
    name: 'version or long decimal',
    pattern: /(?<![\w.])(?:\d+(?:\.\d+){2,}|\d+\.\d{3,}|\d+\.\d+(?=\/))|(?<=\/)\d+\.\d+/,
    read: (m) => (/^\d{1,2}\.\d{1,2}\.(?:19|20)\d\d$/.test(m[0]) ? false : 'mask'),
  },
  {
    name: 'code of letters and digits',
    pattern: /(?<![\w])[a-z]+\d[a-z0-9]*|\d+[a-z]+\d+[a-z]+[a-z0-9]*/,
    read: (m) => (new RegExp(`^(?:at|${MONTH})\\d{1,2}(?:st|nd|rd|th)?$`).test(m[0]) ? false : 'mask'),
  },
  { name: 'greeting', pattern: new RegExp(`${B}good\\s*(?:morning|afternoon|evening|night|day)${E}`), read: () => 'mask' },
  { name: 'ratio', pattern: /(?<![\d.])\d{1,2}:\d{1,2}(?=\s+(?:aspect|ratio|meeting|call|chat|session))/, read: () => 'mask' },
];
