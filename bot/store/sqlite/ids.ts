import { randomBytes } from 'node:crypto';

// RFC 4648 base32 letters, lower-cased: URL-safe, no look-alike 0/1/8/9, easy to read aloud or type.
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const ID_CHARS = 10; // 50 random bits: ample for one business, short enough for an SMS or a URL

export type IdPrefix = 'apt' | 'cli' | 'cb' | 'out' | 'tkt' | 'msg';

export function newId(prefix: IdPrefix): string {
  const bytes = randomBytes(ID_CHARS);
  let body = '';
  // 256 is a multiple of 32, so the low five bits of each byte are uniform.
  for (const byte of bytes) body += ALPHABET[byte & 31];
  return `${prefix}_${body}`;
}

/** An opaque version tag for a state item; only ever compared for equality. */
export function newETag(): string {
  return randomBytes(9).toString('base64url');
}
