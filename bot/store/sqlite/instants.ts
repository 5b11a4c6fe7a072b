import { StoreError } from './errors';

/**
 * Normalises an instant to `Date.prototype.toISOString()` form. Every instant is stored in this one
 * form because the overlap checks compare them as strings, which orders them correctly only then.
 */
export function toUtcIso(value: string, field: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    throw new StoreError('frontdesk_store_invalid_input', `${field} is not an ISO instant: ${JSON.stringify(value)}`);
  }
  return new Date(ms).toISOString();
}

export function nowIso(now: Date): string {
  if (Number.isNaN(now.getTime())) {
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
