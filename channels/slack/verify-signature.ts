// Slack signs every request it sends us: `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}`
// keyed with the app's signing secret. The clock is a parameter so tests can pin it.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack's own limit: a request older than this may be a replay. */
export const MAX_REQUEST_AGE_SECONDS = 5 * 60;

export interface SignedRequest {
  /** `X-Slack-Request-Timestamp` (Unix seconds, as text). */
  timestamp: string | undefined;
  /** `X-Slack-Signature`. */
  signature: string | undefined;
  rawBody: string | Buffer;
}

export type SignatureCheck =
  | { ok: true }
  | { ok: false; reason: 'missing_headers' | 'stale' | 'forged' };

/** The signature Slack would send for this body at this time. */
export function signSlackRequest(signingSecret: string, timestamp: string | number, rawBody: string | Buffer): string {
  const hmac = createHmac('sha256', signingSecret);
  hmac.update(`v0:${timestamp}:`);
  hmac.update(rawBody);
  return `v0=${hmac.digest('hex')}`;
}

export function verifySlackSignature(signingSecret: string, request: SignedRequest, nowMs: number): SignatureCheck {
  const { timestamp, signature } = request;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'missing_headers' };
  // Both directions: a timestamp far in the future is as suspicious as an old one.
  if (Math.abs(Math.floor(nowMs / 1000) - Number(timestamp)) > MAX_REQUEST_AGE_SECONDS) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(signSlackRequest(signingSecret, timestamp, request.rawBody), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  // timingSafeEqual needs equal lengths; a length mismatch is already a forgery.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'forged' };
  return { ok: true };
}
