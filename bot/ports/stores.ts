// Ports: what the services need from a store, named for their use. Every method is async so that
// an embedded store (SQLite) and a networked one (Redis) fit the same contract.
import type { Storage } from 'botbuilder';
import type { Appointment, CallbackRequest, Client, Language } from '../domain/types';
import type { NoticeLog, UrgentAlertLog } from './norms';
import type { DeliveryLog } from './delivery-log';
import type { InboundMessageLog } from './inbound-log';
import type { ConsentStore } from './consent';
import type { HandoffStore, MessageLog } from './handoff';
import type { ConversationReferenceStore, OutboundQueueStore } from './messaging';

export interface NewAppointment {
  clientId: string;
  serviceId: string;
  /** Who takes it: the only choice, or the first of several. */
  staffId: string;
  /**
   * Who else may take it, in order, when `staffId` is busy then (a client with no preference). The
   * store books the first one free, inside the same transaction as the check.
   */
  otherStaffIds?: readonly string[];
  start: string; // ISO UTC
  end: string; // ISO UTC
  /** The business lets one client hold overlapping appointments; absent means it does not. */
  allowClientOverlap?: boolean;
}

export type BookResult =
  /** `existing`: the client already held this very booking (a retried "yes"); nothing was written. */
  | { ok: true; appointment: Appointment; existing: boolean }
  | { ok: false; reason: 'slot_taken' }
  /** The client's own booked appointment that overlaps the requested time. */
  | { ok: false; reason: 'client_overlap'; appointment: Appointment };

export type RescheduleResult =
  /** `existing`: this move was already made (a retried "yes"); `appointment` is where it went. */
  | { ok: true; appointment: Appointment; previous: Appointment; existing: boolean }
  | { ok: false; reason: 'slot_taken' | 'not_found' | 'not_active' }
  | { ok: false; reason: 'client_overlap'; appointment: Appointment };

export type CancelResult =
  | { ok: true; appointment: Appointment }
  | { ok: false; reason: 'not_found' | 'not_active' };

export interface AppointmentQuery {
  /** Appointments whose start is at or after this ISO instant. */
  from?: string;
  /** Appointments whose start is before this ISO instant. */
  to?: string;
  status?: Appointment['status'];
}

export interface AppointmentStore {
  /**
   * Books atomically, in one transaction:
   * - a `booked` appointment of the same client, service and start with one of the staff allowed is
   *   the client's own booking made before (a retried confirmation): it is returned, `existing`;
   * - unless `allowClientOverlap`, another `booked` appointment of the client overlapping
   *   [start, end) refuses it with `client_overlap`;
   * - else the first of `staffId`, ...`otherStaffIds` with no `booked` appointment overlapping
   *   [start, end) gets it; when none is free nothing is written and `slot_taken` is returned.
   */
  book(input: NewAppointment, now: Date): Promise<BookResult>;
  /**
   * Moves an appointment atomically: the new slot is checked and booked (as a new appointment with
   * `rescheduledFrom`) and the old one marked `rescheduled` in one step; the old one's own time does
   * not count as busy for the check. Staff and the client's overlap are chosen and checked as in
   * `book`. An appointment already moved to this start (with one of the staff allowed) answers with
   * the one it was moved to, `existing`. On a refusal nothing changes.
   */
  reschedule(id: string, to: Omit<NewAppointment, 'clientId' | 'serviceId'> & { serviceId?: string }, now: Date): Promise<RescheduleResult>;
  cancel(id: string, now: Date): Promise<CancelResult>;
  markConfirmed(id: string, now: Date): Promise<Appointment | null>;
  /** Records that the client is running late (minutes when they said how many, else null). */
  markRunningLate(id: string, minutes: number | null, now: Date): Promise<Appointment | null>;
  get(id: string): Promise<Appointment | null>;
  /** `booked` appointments overlapping [from, to), optionally of one staff member. */
  findBookedBetween(from: string, to: string, staffId?: string): Promise<Appointment[]>;
  /** A client's `booked` appointments that end after `now`, soonest first. */
  findUpcomingForClient(clientId: string, now: Date): Promise<Appointment[]>;
  /** Every appointment matching the query, by start time. */
  list(query?: AppointmentQuery): Promise<Appointment[]>;
}

export interface ClientStore {
  /** Finds the client with this address or creates one; the same address always yields one record. */
  findOrCreateByAddress(address: string, channel: string, now: Date): Promise<Client>;
  findByAddress(address: string): Promise<Client | null>;
  get(id: string): Promise<Client | null>;
  setName(id: string, name: string): Promise<Client | null>;
  /** Remembers the language the client writes in; everything sent to them later uses it. */
  setLanguage(id: string, language: Language): Promise<Client | null>;
  /** Every client, by creation time (for the appointments listing and staff look-ups). */
  list(): Promise<Client[]>;
}

export interface CallbackStore {
  add(input: { clientId: string; reason: string; text: string }, now: Date): Promise<CallbackRequest>;
  listOpen(): Promise<CallbackRequest[]>;
}

/**
 * The code of every error a store throws when it cannot serve at all (disk full, read-only, its file
 * deleted or replaced, an I/O error, a lock held past its wait, its server out of reach), as opposed
 * to a refused input.
 */
export const STORE_UNAVAILABLE = 'frontdesk_store_unavailable';

/** Why a store cannot serve; `unreachable` is a networked store (Redis) whose connection is lost. */
export type StoreUnavailableReason =
  | 'file_missing'
  | 'file_replaced'
  | 'read_only'
  | 'disk_full'
  | 'io_error'
  | 'busy'
  | 'corrupt'
  | 'timeout'
  | 'unreachable';

/** What a store's own check found: it could read and write just now, or why not. */
export type StoreProbe = { ok: true } | { ok: false; reason: StoreUnavailableReason; message: string };

/** The stores one process uses, with a way to close them. */
export interface Stores {
  appointments: AppointmentStore;
  clients: ClientStore;
  callbacks: CallbackStore;
  /** Inbound webhook messages by provider id: dedupes retries, keeps media. */
  inboundMessages: InboundMessageLog;
  /** Delivery status of outbound messages by provider id. */
  deliveries: DeliveryLog;
  /** Who opted out (STOP) and who cannot be reached. */
  consent: ConsentStore;
  /** Where each client can be reached for messages the bot starts. */
  references: ConversationReferenceStore;
  /** Messages waiting to go out, throttled, across restarts. */
  outbox: OutboundQueueStore;
  /** The take-a-number queue of conversations waiting for or held by staff. */
  handoffs: HandoffStore;
  /** Every message in both directions, searchable by client and by words. */
  messageLog: MessageLog;
  /** Once-only notices (first contact, after hours) already said. */
  notices: NoticeLog;
  /** Every urgent message and whom it reached. */
  urgentAlerts: UrgentAlertLog;
  /** botbuilder `Storage` for conversation and user state. */
  state: Storage;
  /** A real, cheap read and write of the store, bounded in time; never throws for an unavailable store. */
  probe(): Promise<StoreProbe>;
  close(): Promise<void>;
}
