// Splitting a long answer into several texts, each within a few SMS parts. Phones reassemble a
// multi-part SMS, but past three parts delivery gets patchy and the cost adds up, so a longer
// answer goes as several messages, each cut where a reader would pause.
import { segmentCount } from './sms-encoding';

export interface SplitOptions {
  /** Most SMS parts one message may take. */
  maxSegments: number;
}

export const DEFAULT_MAX_SEGMENTS = 3;

/** Breaks in order of preference: a cut there reads naturally. */
const BREAKS: readonly RegExp[] = [
  /\n\s*\n/g, // paragraph
  /\n/g, // line (numbered choices are one a line)
  /[.!?](?=\s)/g, // sentence (cut after the mark)
  /\s/g, // word
];

/** A cut at a preferred kind of break is taken only if the piece before it is at least this full. */
const MIN_FILL = 0.5;

function fits(text: string, maxSegments: number): boolean {
  return segmentCount(text) <= maxSegments;
}

/** The longest prefix (in UTF-16 units, never splitting a character) that fits. */
function longestFittingPrefix(text: string, maxSegments: number): number {
  const boundaries: number[] = [0];
  let offset = 0;
  for (const ch of text) {
    offset += ch.length;
    boundaries.push(offset);
  }
  let low = 0;
  let high = boundaries.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(text.slice(0, boundaries[mid]), maxSegments)) low = mid;
    else high = mid - 1;
  }
  return boundaries[low] ?? 0;
}

/** Where to cut the text, at most `limit` units in. */
function cutPoint(text: string, limit: number): number {
  const window = text.slice(0, limit + 1);
  for (const pattern of BREAKS) {
    let best = -1;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(window); m !== null; m = pattern.exec(window)) {
      // A sentence break cuts after its mark; the others cut before the whitespace.
      const at = pattern.source.startsWith('[.!?]') ? m.index + 1 : m.index;
      if (at <= limit && at > 0) best = at;
    }
    if (best >= limit * MIN_FILL) return best;
  }
  return limit;
}

/**
 * Splits text into messages of at most `maxSegments` SMS parts each, cutting at a paragraph, line,
 * sentence or word boundary where one is reasonably close to the limit. Text that fits is returned
 * as it is (trimmed); empty text yields no messages.
 */
export function splitForSms(text: string, options: SplitOptions = { maxSegments: DEFAULT_MAX_SEGMENTS }): string[] {
  const messages: string[] = [];
  let rest = text.trim();
  while (rest !== '') {
    if (fits(rest, options.maxSegments)) {
      messages.push(rest);
      break;
    }
    const limit = longestFittingPrefix(rest, options.maxSegments);
    const cut = Math.max(cutPoint(rest, limit), 1);
    const piece = rest.slice(0, cut).trimEnd();
    if (piece !== '') messages.push(piece);
    rest = rest.slice(cut).trimStart();
  }
  return messages;
}

/** Splits at a character count instead (WhatsApp has no parts, only a length limit per message). */
export function splitByLength(text: string, maxChars: number): string[] {
  const messages: string[] = [];
  let rest = text.trim();
  while (rest !== '') {
    if (rest.length <= maxChars) {
      messages.push(rest);
      break;
    }
    let limit = maxChars;
    // Never leave half of a surrogate pair at the end of a piece.
    if (/[\ud800-\udbff]/.test(rest.charAt(limit - 1))) limit -= 1;
    const cut = Math.max(cutPoint(rest, limit), 1);
    const piece = rest.slice(0, cut).trimEnd();
    if (piece !== '') messages.push(piece);
    rest = rest.slice(cut).trimStart();
  }
  return messages;
}
