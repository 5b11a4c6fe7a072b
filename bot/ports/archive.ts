// Moving a business's data between stores (`frontdesk export` / `frontdesk import`, e.g. from the
// SQLite file to Redis when it grows to several processes): every record in one store-neutral form,
// with its own id and instants, one JSON line each.
import type { ConversationReference } from 'botbuilder';
import type { Appointment, CallbackRequest, Client } from '../domain/types';
import type { ConsentRecord } from './consent';
import type { DeliveryRecord } from './delivery-log';
import type { HandoffTicket, LoggedMessage } from './handoff';
import type { InboundMessageRecord } from './inbound-log';
import type { QueuedMessage } from './messaging';
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
  /** A handoff ticket in any state; a waiting or claimed one keeps the client's place in line. */
  | { kind: 'handoff_ticket'; ticket: HandoffTicket }
  /** The handoff round-robin's place: the console id of the member last handed a ticket. */
  | { kind: 'handoff_rotation'; lastConsoleId: string }
  /** A message of the message log (its words are indexed again where it is written). */
  | { kind: 'message'; message: LoggedMessage }
  /**
   * An outbox message, with the worker that holds it and the end of its lease while it is being
   * sent (so a message under way when the export was taken is taken over after its lease, not lost).
   */
  | { kind: 'outbox'; message: QueuedMessage; claimedBy: string | null; leaseUntil: string | null }
  /** The next instant a sender key (a phone number) may send: the outbox's throttle. */
  | { kind: 'send_slot'; senderKey: string; nextSlotAt: string }
  /** A webhook message id already received, with its reply (so a late retry gets the same one), and when it was claimed. */
  | { kind: 'inbound_message'; receipt: InboundMessageRecord; claimedAt: string }
  /** What the provider last said about a message sent. */
  | { kind: 'delivery'; delivery: DeliveryRecord }
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
  'handoff_ticket',
  'handoff_rotation',
  'message',
  'outbox',
  'send_slot',
  'inbound_message',
  'delivery',
  'state',
];

/** By an instant, then by an id: an order that is the same in every store. */
const byInstantThenId =
  <T>(at: (record: T) => string, id: (record: T) => string) =>
  (a: T, b: T): number =>
    at(a) < at(b) ? -1 : at(a) > at(b) ? 1 : id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0;
/** The order an archive lists delivery records in: by creation, then by provider id. */
export const deliveryOrder = byInstantThenId<{ createdAt: string; providerId: string }>((d) => d.createdAt, (d) => d.providerId);
/** The order an archive lists webhook receipts in: by receipt, then by message id. */
export const receiptOrder = byInstantThenId<{ receivedAt: string; messageId: string }>((r) => r.receivedAt, (r) => r.messageId);

export interface StoreArchive {
  /** Every record, kind by kind in ARCHIVE_KINDS order, each kind in its store's own order. */
  records(): AsyncIterable<ArchiveRecord>;
  /** Whether the store holds nothing at all. */
  isEmpty(): Promise<boolean>;
  /**
   * Writes records as they are (their ids and instants), each replacing the record with the same
   * identity. The SQLite store writes them in one transaction; Redis one by one. `now` is when the
   * import happens (what a store stamps that the archive does not carry, as the rotation's change time).
   */
  restoreAll(records: readonly ArchiveRecord[], now: Date): Promise<void>;
  close(): Promise<void>;
}
