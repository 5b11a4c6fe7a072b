import { randomBytes } from 'node:crypto';

// RFC 4648 base32 letters, lower-cased: URL-safe, no look-alike 0/1/8/9, easy to read aloud or type.
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const ID_CHARS = 10; // 50 random bits: ample for one business, short enough for an SMS or a URL

/**
 * Random bytes are drawn from the system's generator a few kilobytes at a time and handed out in
 * order, never twice: one draw per message or state write cost a system call each.
 */
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let used = 0;

function randomOf(n: number): Buffer {
  if (used + n > pool.length) {
    pool = randomBytes(POOL_BYTES);
    used = 0;
  }
  const out = pool.subarray(used, used + n);
  used += n;
  return out;
}

export type IdPrefix = 'apt' | 'cli' | 'cb' | 'out' | 'tkt' | 'msg';

export function newId(prefix: IdPrefix): string {
  const bytes = randomOf(ID_CHARS);
  let body = '';
  // 256 is a multiple of 32, so the low five bits of each byte are uniform.
  for (const byte of bytes) body += ALPHABET[byte & 31];
  return `${prefix}_${body}`;
}

/** An opaque version tag for a state item; only ever compared for equality. */
export function newETag(): string {
  return randomOf(9).toString('base64url');
}
