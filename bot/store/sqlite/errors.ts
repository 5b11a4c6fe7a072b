// Failures of the store are errors with a namespaced code, so one handler can tell them apart from
// expected business outcomes (which are return values such as `{ ok: false, reason: 'slot_taken' }`).

export type StoreErrorCode =
  | 'frontdesk_store_schema_too_new'
  | 'frontdesk_store_migration_failed'
  | 'frontdesk_store_etag_conflict'
  | 'frontdesk_store_invalid_input';

export class StoreError extends Error {
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
}
