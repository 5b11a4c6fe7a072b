// Whether a message voices dissatisfaction with the business ("my colour came out awful", "the
// receptionist was rude", "I want a refund"). Read from words of dissatisfaction, with a negation
// check so "not bad at all" and "no complaints" are not complaints.

// Words that carry dissatisfaction on their own.
const DISSATISFIED = [
  'unhappy', 'disappointed', 'disappointing', 'dissatisfied', 'unsatisfied', 'terrible', 'awful', 'horrible', 'horrendous',
  'dreadful', 'appalling', 'worst', 'rude', 'unprofessional', 'ruined', 'botched', 'butchered', 'unacceptable', 'upset',
  'angry', 'furious', 'livid', 'frustrated', 'frustrating', 'ridiculous', 'disgusted', 'disgusting', 'outraged', 'complaint',
  'complain', 'complaining', 'refund', 'overcharged', 'scam', 'ripped', 'incompetent', 'careless', 'sloppy', 'uneven',
  'lopsided', 'damaged', 'hurt', 'burned', 'burnt',
];

// Phrases: a verdict about what happened, or a demand to set it right.
const PHRASES = [
  /\b(?:not|wasn'?t|isn'?t|am not|i'?m not) (?:happy|satisfied|pleased|ok|okay) with\b/,
  /\b(?:bad|poor|lousy|shoddy|crappy|crap) (?:service|experience|job|work|cut|haircut|colou?r|treatment|attitude)\b/,
  /\b(?:messed|screwed) (?:up|it up)\b/,
  /\bnever (?:coming|going) back\b/,
  /\b(?:want|need|demand|expect) (?:my money back|a refund|compensation|an apology)\b/,
  /\b(?:speak|talk) to (?:the |a )?(?:manager|owner)\b.*\b(?:about|regarding)\b/,
  /\bwhat a (?:joke|disaster|mess)\b/,
  /\bi (?:was|am|feel) (?:charged twice|double charged)\b/,
];

const NEGATORS = new Set(['not', 'no', 'never', "wasn't", "isn't", "aren't", "weren't", 'hardly', 'nothing', 'without']);

/** True when the text complains about the business or a visit. */
export function isComplaint(text: string): boolean {
  const flat = (typeof text === 'string' ? text : '').toLowerCase().replace(/[’‘]/g, "'").replace(/[^a-z0-9' ]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (flat === '') return false;
  if (/\bno (?:complaints?|problems?|worries)\b/.test(flat)) return false;
  if (PHRASES.some((p) => p.test(flat))) return true;
  const words = flat.split(' ');
  return words.some((word, i) => {
    if (!DISSATISFIED.includes(word)) return false;
    // "not terrible", "wasn't bad": a negated word of dissatisfaction is mild praise.
    const before = words.slice(Math.max(0, i - 2), i);
    return !before.some((w) => NEGATORS.has(w));
  });
}
