import { StoreError } from './errors';

// An explicit offset is required: Date.parse reads a bare "2026-03-10T15:00" in the host's zone,
// guesses at free text ("tomorrow at 3") and rolls "02-30" over into March; the store must never
// depend on any of that, so the fields are checked here before Date sees them.
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

function invalid(field: string, value: unknown): StoreError {
  return new StoreError('frontdesk_store_invalid_input', `${field} is not an ISO instant with an offset: ${JSON.stringify(value)}`);
}

/**
 * Normalises an instant to `Date.prototype.toISOString()` form. Every instant is stored in this one
 * form because the overlap checks compare them as strings, which orders them correctly only then.
 */
export function toUtcIso(value: string, field: string): string {
  const match = typeof value === 'string' ? ISO_INSTANT.exec(value) : null;
  if (!match) throw invalid(field, value);
  const [year, month, day, hour, minute, second, , offsetHours, offsetMinutes] = match
    .slice(1)
    .map((part) => Number(part ?? 0));
  const valid = (n: number | undefined, low: number, high: number): boolean => n !== undefined && n >= low && n <= high;
  const daysInMonth = new Date(Date.UTC(year ?? 0, month ?? 0, 0)).getUTCDate();
  const fieldsValid =
    valid(month, 1, 12) && valid(day, 1, daysInMonth) && valid(hour, 0, 23) && valid(minute, 0, 59) &&
    valid(second, 0, 59) && valid(offsetHours, 0, 23) && valid(offsetMinutes, 0, 59);
  if (!fieldsValid) throw invalid(field, value);
  return new Date(Date.parse(value)).toISOString();
}

export function nowIso(now: Date): string {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new StoreError('frontdesk_store_invalid_input', 'now is not a valid date');
  }
  return now.toISOString();
}

export function toSpan(start: string, end: string): { start: string; end: string } {
  const span = { start: toUtcIso(start, 'start'), end: toUtcIso(end, 'end') };
  if (span.start >= span.end) {
    throw new StoreError('frontdesk_store_invalid_input', `an appointment must end after it starts (${span.start} .. ${span.end})`);
  }
  return span;
}
