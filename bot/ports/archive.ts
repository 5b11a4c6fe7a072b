// Moving a business's data between stores (`frontdesk export` / `frontdesk import`, e.g. from the
// SQLite file to Redis when it grows to several processes): every record in one store-neutral form,
// with its own id and instants, one JSON line each.
import type { ConversationReference } from 'botbuilder';
import type { Appointment, CallbackRequest, Client } from '../domain/types';
import type { ConsentRecord } from './consent';
import type { UrgentAlert } from './norms';

export type ArchiveRecord =
  | { kind: 'client'; client: Client }
  | { kind: 'appointment'; appointment: Appointment }
  | { kind: 'callback'; callback: CallbackRequest }
  | { kind: 'consent'; consent: ConsentRecord }
  | { kind: 'reference'; clientId: string; channel: string; reference: Partial<ConversationReference>; updatedAt: string }
  | { kind: 'preferences'; clientId: string; preferredChannel: string | null; zone: string | null; updatedAt: string }
  | { kind: 'notice'; key: string; sentAt: string }
  | { kind: 'urgent_alert'; alert: UrgentAlert }
  /** botbuilder state: the item without its eTag (the store that takes it gives it a new one). */
  | { kind: 'state'; key: string; value: Record<string, unknown> };

export type ArchiveKind = ArchiveRecord['kind'];

/** Every kind, in the order an archive lists them: what a record names comes before it. */
export const ARCHIVE_KINDS: readonly ArchiveKind[] = [
  'client',
  'appointment',
  'callback',
  'consent',
  'reference',
  'preferences',
  'notice',
  'urgent_alert',
  'state',
];

/**
 * What a store holds that the archive does not carry: the outbox, webhook receipts, delivery
 * status, the handoff queue and the message log. An export says so, and an import into a store that
 * holds any of it counts as not empty.
 */
export const NOT_ARCHIVED = ['outbox', 'inbound messages', 'deliveries', 'handoff tickets', 'message log'] as const;

export interface StoreArchive {
  /** Every record, kind by kind in ARCHIVE_KINDS order, each kind in its store's own order. */
  records(): AsyncIterable<ArchiveRecord>;
  /** Whether the store holds nothing at all (of any kind, archived or not). */
  isEmpty(): Promise<boolean>;
  /**
   * Writes records as they are (their ids and instants), each replacing the record with the same
   * identity. The SQLite store writes them in one transaction; Redis one by one.
   */
  restoreAll(records: readonly ArchiveRecord[]): Promise<void>;
  close(): Promise<void>;
}
