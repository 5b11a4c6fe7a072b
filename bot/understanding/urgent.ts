// Whether a message names one of the owner's urgent keywords ("emergency", "locked out"), as whole
// words in order, and not negated ("not urgent", "no emergency").
import { stem, tokenize } from './normalize';

const NEGATIONS = new Set(['not', 'no', 'non', "isn't", "it's not", 'never', "don't", "doesn't", 'nothing']);

function stems(text: string): string[] {
  return tokenize(text).map(stem);
}

/** The keyword the text names (as written in the config), or null. */
export function findUrgentKeyword(text: string, keywords: readonly string[]): string | null {
  const words = tokenize(typeof text === 'string' ? text : '');
  if (words.length === 0) return null;
  const have = words.map(stem);
  for (const keyword of keywords) {
    const need = stems(keyword);
    if (need.length === 0) continue;
    for (let i = 0; i + need.length <= have.length; i++) {
      if (!need.every((s, j) => have[i + j] === s)) continue;
      // "not urgent", "no emergency", "not an emergency": the client says it can wait.
      const before = words.slice(Math.max(0, i - 2), i);
      if (before.some((w) => NEGATIONS.has(w))) continue;
      return keyword;
    }
  }
  return null;
}
