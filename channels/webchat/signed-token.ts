// Signed, expiring tokens: a web chat identity and a staff session are each a small JSON payload
// and an HMAC-SHA256 over it with the server's key. Nothing is kept on the server, so any process
// sharing the key (and the store) accepts what another issued. Pure: the clock is an argument.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What every token says: which kind it is (a chat token is never a staff session), its subject, its lifetime. */
export interface TokenClaims {
  kind: 'chat' | 'staff';
  /** The chat identity's id, or the staff session's id. */
  sub: string;
  /** Issued and expires, epoch seconds. */
  iat: number;
  exp: number;
  /** A staff member's display name (staff sessions only). */
  name?: string;
}

export type TokenCheck =
  | { ok: true; claims: TokenClaims }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' | 'wrong_kind' };

const ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** A new random id for a chat identity or a session: 128 bits, URL-safe. */
export function newId(): string {
  return randomBytes(16).toString('base64url');
}

export function signToken(key: Buffer, claims: TokenClaims): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${body}.${mac(key, body)}`;
}

/** Checks the signature first, then the shape, the kind and the lifetime at `nowMs`. */
export function verifyToken(key: Buffer, token: string, kind: TokenClaims['kind'], nowMs: number): TokenCheck {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined || token.length > 2048) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(mac(key, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad_signature' };
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!isClaims(claims)) return { ok: false, reason: 'malformed' };
  if (claims.kind !== kind) return { ok: false, reason: 'wrong_kind' };
  if (claims.exp * 1000 <= nowMs) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}

/** A value derived from the key for one purpose, so a session's CSRF token is not its signature. */
export function derive(key: Buffer, purpose: string): string {
  return createHmac('sha256', key).update(purpose).digest('base64url');
}

/** Equal strings, compared in constant time. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function mac(key: Buffer, body: string): string {
  return createHmac('sha256', key).update(body).digest('base64url');
}

function isClaims(value: unknown): value is TokenClaims {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return (
    (c.kind === 'chat' || c.kind === 'staff') &&
    typeof c.sub === 'string' &&
    ID_PATTERN.test(c.sub) &&
    Number.isInteger(c.iat) &&
    Number.isInteger(c.exp) &&
    (c.name === undefined || typeof c.name === 'string')
  );
}
