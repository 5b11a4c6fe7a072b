// The scanner every rule table reads through: the message lower-cased with its length kept, in
// which each accepted expression is masked ('#') so a later rule cannot read its digits again.

export function lowerKeepingLength(text: string): string {
  let out = '';
  for (const ch of text) {
    const low = ch.toLowerCase();
    out += low.length === ch.length ? low : ch;
  }
  return out;
}

/** What a rule says about one match: read it (true), hide it without reading ('mask'), or pass (false). */
export type Verdict = boolean | 'mask';

export interface Span {
  start: number;
  /** Exclusive. */
  end: number;
}

/**
 * The global form of each rule's pattern, made once: a RegExp is built and compiled per pattern, not
 * per message, and `scan` starts it from the beginning of the text each time.
 */
const globalForms = new WeakMap<RegExp, RegExp>();
/** Global forms a scan is walking now: a scan inside a rule's `read` gets its own copy. */
const walking = new Set<RegExp>();

function globalFormOf(pattern: RegExp): RegExp {
  let re = globalForms.get(pattern);
  if (!re) {
    re = new RegExp(pattern.source, 'g');
    globalForms.set(pattern, re);
  }
  return walking.has(re) ? new RegExp(pattern.source, 'g') : re;
}

export class Scanner {
  private chars: string[];
  private cached: string | null = null;
  readonly spans: Span[] = [];

  constructor(text: string) {
    this.chars = [...lowerKeepingLength(text)];
    // Surrogate pairs would shift indices: replace them with two placeholders of width one.
    if (this.chars.length !== text.length) this.chars = [...lowerKeepingLength(text).replace(/[\ud800-\udfff]/g, ' ')];
  }

  get text(): string {
    this.cached ??= this.chars.join('');
    return this.cached;
  }

  /** Blocks a range from later rules; `read` adds it to the reported spans. */
  mask(start: number, end: number, read: boolean): void {
    for (let i = start; i < end; i++) this.chars[i] = '#';
    this.cached = null;
    if (read && end > start) this.spans.push({ start, end });
  }

  /** Runs `pattern` over the current text; `accept` says what to do with each match. */
  scan(pattern: RegExp, accept: (m: RegExpExecArray) => Verdict): void {
    const re = globalFormOf(pattern);
    re.lastIndex = 0;
    walking.add(re);
    try {
      const text = this.text;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text)) !== null) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        const verdict = accept(m);
        if (verdict === 'mask') this.mask(m.index, m.index + m[0].length, false);
        else if (verdict) this.mask(m.index, m.index + m[0].length, true);
        else re.lastIndex = m.index + 1;
      }
    } finally {
      walking.delete(re);
    }
  }
}
