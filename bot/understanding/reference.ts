// The reference instant and zone a message is read against. Used by the CLI and the evaluation,
// which take `now` as text; the readers themselves always receive `now` as a parameter.

import { DateTime } from 'luxon';
import type { Business } from '../domain/types';

// An ISO text ends with an explicit offset ("Z", "+02:00", "-0500") when it names an instant.
const EXPLICIT_OFFSET = /T.*(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

/**
 * The instant a message is read at. An ISO text with an offset or Z is that instant; one without
 * an offset is wall-clock time in `zone`; no text at all is the clock's current instant (the
 * clock is a parameter so callers and tests decide where time comes from).
 */
export function resolveNow(now: string | undefined, zone: string, clock: () => Date = () => new Date()): Date {
  if (now === undefined) return clock();
  const text = now.trim();
  const parsed = EXPLICIT_OFFSET.test(text)
    ? DateTime.fromISO(text, { setZone: true })
    : DateTime.fromISO(text, { zone: parseZone(zone) });
  if (!parsed.isValid) {
    throw new Error(`"${now}" is not an ISO date-time (expected e.g. 2026-06-17T14:00 or 2026-06-17T14:00:00Z)`);
  }
  return parsed.toJSDate();
}

const FIXED_OFFSET = /^(?:UTC|GMT|Z)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i;

/**
 * A zone name luxon accepts: an IANA name, "UTC", or a fixed offset written "UTC-2", "UTC+05:30",
 * "GMT+1" or "+05:30" (returned in luxon's "UTC±H[:MM]" form). Throws on anything else.
 */
export function parseZone(zone: string): string {
  const text = zone.trim();
  if (/^(?:utc|gmt|z|zulu)$/i.test(text)) return 'UTC';
  const fixed = FIXED_OFFSET.exec(text);
  let name = text;
  if (fixed) {
    const hours = Number(fixed[2]);
    const minutes = fixed[3] === undefined ? 0 : Number(fixed[3]);
    if (hours > 14 || minutes > 59) throw new Error(`time zone "${zone}": offset out of range`);
    name = `UTC${fixed[1]}${hours}${minutes ? `:${String(minutes).padStart(2, '0')}` : ''}`;
  }
  if (name === '' || !DateTime.fromMillis(0, { zone: name }).isValid) {
    throw new Error(`unknown time zone "${zone}" (use an IANA name such as America/New_York, or UTC, UTC-2, UTC+05:30)`);
  }
  return name;
}

/** The same business read in another zone (the CLI's --tz). */
export function withZone(business: Business, zone: string): Business {
  return { ...business, zone: parseZone(zone) };
}
