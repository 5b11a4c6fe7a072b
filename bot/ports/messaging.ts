// Ports for messages the bot starts itself (reminders, staff replies, queue updates): where a client
// can be reached, and a queue of outgoing messages that survives a restart (reminders are rows in it,
// planned from the bookings).
// Every method is async and every multi-step change is one atomic step, so a networked store
// (Redis, many processes) can implement the same contract as the embedded one.
import type { ConversationReference } from 'botbuilder';

export interface ClientPreferences {
  /** Where proactive messages go: the channel of the last booking unless the client said otherwise. */
  preferredChannel: string | null;
  /** The client's IANA zone when known; quiet hours use the business zone otherwise. */
  zone: string | null;
}

export interface ConversationReferenceStore {
  /** Keeps the latest reference of a client on one channel (replacing the previous one). */
  save(clientId: string, channel: string, reference: Partial<ConversationReference>, now: Date): Promise<void>;
  get(clientId: string, channel: string): Promise<Partial<ConversationReference> | null>;
  /** Channels the client has a reference on, most recently used first. */
  channels(clientId: string): Promise<string[]>;
  setPreferredChannel(clientId: string, channel: string, now: Date): Promise<void>;
  preferences(clientId: string): Promise<ClientPreferences>;
}

export type OutboundStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'suppressed' | 'expired';

/**
 * Which due message goes first when several clients' messages wait for one sender's rate: `now`
 * for what a client is waiting for (a staff reply, their place in line, an on-call alert), `normal`
 * for what can wait a few seconds (reminders, updates). One client's own messages keep their order.
 */
export type OutboundPriority = 'now' | 'normal';

export interface QueuedMessage {
  id: string;
  /** Same key, same message: a second enqueue with a key already used returns the first one. */
  dedupeKey: string | null;
  clientId: string | null;
  /** Client address: E.164 for phones, `channel:userId` otherwise. */
  address: string;
  channel: string;
  /** Sends through one sender (one phone number) share one rate limit. */
  senderKey: string;
  kind: string;
  priority: OutboundPriority;
  text: string;
  mediaUrls: string[];
  status: OutboundStatus;
  /** Why it was suppressed, expired or failed, or the last retryable error. */
  reason: string | null;
  /** Send attempts so far (a claim counts as one). */
  attempts: number;
  /** ISO UTC: not sent before this (quiet hours, retry back-off). */
  notBefore: string;
  /** ISO UTC: not sent at or after this (a reminder after its appointment is useless). */
  expiresAt: string | null;
  providerId: string | null;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
}

export interface NewOutbound {
  dedupeKey?: string | null;
  clientId?: string | null;
  address: string;
  channel: string;
  senderKey: string;
  kind: string;
  /** Default `normal`. */
  priority?: OutboundPriority;
  text: string;
  mediaUrls?: string[];
  notBefore: string;
  expiresAt?: string | null;
  /** Recorded without ever being sent: `suppressed` (no consent) or `expired` (no allowed time). */
  status?: 'queued' | 'suppressed' | 'expired';
  reason?: string | null;
}

export interface ClaimOptions {
  workerId: string;
  /** A claim not completed within this long (a crashed process) may be claimed again. */
  leaseMs: number;
  /** Minimum gap between two claims on one sender key (the send rate), or the gap for a given key. */
  minIntervalMs: number | ((senderKey: string) => number);
}

export interface OutboundQueueStore {
  /** Adds a message, or returns the one already stored under the same dedupe key. */
  enqueue(message: NewOutbound, now: Date): Promise<{ created: boolean; message: QueuedMessage }>;
  /**
   * Atomically takes the oldest message that is due (queued with notBefore <= now, or sending with
   * an expired lease) and whose sender's next send slot has come, marks it sending under this
   * worker, counts the attempt and moves the sender's next slot `minIntervalMs` on.
   * One address's messages go out one at a time and in order: a message is not handed out while
   * another to the same address is sending (leased), nor while an earlier one to it that was
   * already attempted waits for its retry. One held as sent but unrecorded blocks nothing.
   */
  claimNext(now: Date, options: ClaimOptions): Promise<QueuedMessage | null>;
  markSent(id: string, workerId: string, providerId: string, now: Date): Promise<boolean>;
  /**
   * The provider accepted the message but it could not be marked sent: it stays `sending` under this
   * worker with reason `sent_unrecorded` and no lease, so no claim expiry ever sends it again, and
   * markSent may still finish it later.
   */
  holdSent(id: string, workerId: string, providerId: string, now: Date): Promise<boolean>;
  /** Back to queued, to be tried again at `notBefore`. */
  markRetry(id: string, workerId: string, reason: string, notBefore: Date, now: Date): Promise<boolean>;
  markDone(id: string, workerId: string, status: 'failed' | 'suppressed' | 'expired', reason: string, now: Date): Promise<boolean>;
  /**
   * A queued message that is no longer wanted (the reminder of a cancelled appointment) is expired
   * with `reason`; false when it is not queued any more (being sent, or finished).
   */
  withdraw(id: string, reason: string, now: Date): Promise<boolean>;
  /** The message of `kind` most recently sent to a client since `since` (the reminder a "C" answers). */
  lastSent(query: { clientId: string; kind: string; since: Date }): Promise<QueuedMessage | null>;
  get(id: string): Promise<QueuedMessage | null>;
  findByDedupeKey(key: string): Promise<QueuedMessage | null>;
  list(query?: { status?: OutboundStatus; address?: string; kind?: string }): Promise<QueuedMessage[]>;
}
