// Failures of the store are errors with a namespaced code, so one handler can tell them apart from
// expected business outcomes (which are return values such as `{ ok: false, reason: 'slot_taken' }`).
import { STORE_UNAVAILABLE, type StoreUnavailableReason } from '../../ports/stores';

export type StoreErrorCode =
  | 'frontdesk_store_schema_too_new'
  | 'frontdesk_store_schema_too_old'
  | 'frontdesk_store_migration_failed'
  | 'frontdesk_store_etag_conflict'
  | 'frontdesk_store_invalid_input'
  | 'frontdesk_store_not_found'
  | typeof STORE_UNAVAILABLE;

export class StoreError extends Error {
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
}

/** The store cannot serve right now; `reason` says why in a word an operator can act on. */
export class StoreUnavailableError extends StoreError {
  readonly reason: StoreUnavailableReason;

  constructor(reason: StoreUnavailableReason, message: string, options?: { cause?: unknown }) {
    super(STORE_UNAVAILABLE, message, options);
    this.name = 'StoreUnavailableError';
    this.reason = reason;
  }
}
