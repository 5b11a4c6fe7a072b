// Human handoff: a take-a-number queue of tickets, the staff console that shows them, the log of
// every message in both directions, and the way a message reaches a client outside a turn.
// Instants are ISO UTC strings (`Date.prototype.toISOString()` form); `now` is always passed in.
import type { Language } from '../domain/types';

export type HandoffState = 'waiting' | 'claimed' | 'resolved' | 'abandoned' | 'timed_out';

/** Why a client entered the queue. Known reasons are listed; channels may add their own. */
export type HandoffReason =
  | 'asked_for_person'
  | 'not_understood'
  | 'faq_miss'
  | 'complaint'
  | 'named_staff'
  | 'urgent'
  | (string & {});

export interface HandoffTicket {
  id: string;
  /** Take-a-number: increases by one with every ticket of the business, never reused. */
  number: number;
  clientId: string;
  /** The channel the client asked on ('sms', 'emulator', 'slack', ...). */
  channel: string;
  conversationId: string;
  reason: HandoffReason;
  /** Urgent tickets are served before every non-urgent one. */
  urgent: boolean;
  state: HandoffState;
  createdAt: string;
  claimedAt: string | null;
  /** Staff id of the claimer (a Slack user id for the Slack console). */
  claimedBy: string | null;
  claimedByName: string | null;
  /** When the ticket left the active states (resolved, abandoned or timed out). */
  resolvedAt: string | null;
  /** Who closed it: a staff id, 'client' (left the queue) or 'system' (timed out). */
  resolvedBy: string | null;
  /** The position the client was last told, and when (for "you moved up" messages). */
  lastNotifiedPosition: number | null;
  lastNotifiedAt: string | null;
  /** When staff were last nudged about this unclaimed ticket. */
  nudgedAt: string | null;
  /** The staff console's message for this ticket (Slack: channel id and message ts). */
  staffThread: { channel: string; ts: string } | null;
}

export interface NewTicket {
  clientId: string;
  channel: string;
  conversationId: string;
  reason: HandoffReason;
  urgent: boolean;
}

export type EnqueueResult = { ticket: HandoffTicket; created: boolean };

export type ClaimResult =
  | { ok: true; ticket: HandoffTicket }
  | { ok: false; reason: 'already_claimed'; by: string | null; byName: string | null }
  | { ok: false; reason: 'not_found' | 'not_waiting' };

/** A claim in the rotation's turn: `turn_moved` when another hand-out came first, `member_busy` when the member holds a ticket. */
export type TurnClaimResult = ClaimResult | { ok: false; reason: 'turn_moved' | 'member_busy' };

export type CloseResult =
  | { ok: true; ticket: HandoffTicket }
  | { ok: false; reason: 'not_found' | 'not_active' };

export interface HandoffStore {
  /**
   * Adds a waiting ticket, or, when the client already has an active (waiting or claimed) one,
   * returns that one with `created: false`: a client holds at most one place in line.
   */
  enqueue(input: NewTicket, now: Date): Promise<EnqueueResult>;
  get(id: string): Promise<HandoffTicket | null>;
  /** The client's waiting or claimed ticket, or null. */
  activeForClient(clientId: string): Promise<HandoffTicket | null>;
  /** Waiting tickets in serving order: urgent first, then first come, first served. */
  listWaiting(): Promise<HandoffTicket[]>;
  /** Claimed (held by staff) tickets, oldest claim first. */
  listClaimed(): Promise<HandoffTicket[]>;
  /** 1-based place among waiting tickets in serving order, or null when the ticket is not waiting. */
  position(id: string): Promise<number | null>;
  /** Atomic: of many concurrent claims on one waiting ticket, exactly one returns ok. */
  claim(id: string, staffId: string, staffName: string | null, now: Date): Promise<ClaimResult>;
  /** Closes a waiting or claimed ticket as resolved. */
  resolve(id: string, by: string, now: Date): Promise<CloseResult>;
  /** The client left the queue (or stopped messaging us). */
  abandon(id: string, now: Date): Promise<CloseResult>;
  markTimedOut(id: string, now: Date): Promise<CloseResult>;
  setStaffThread(id: string, channel: string, ts: string): Promise<void>;
  findByStaffThread(channel: string, ts: string): Promise<HandoffTicket | null>;
  /** Claimed-to-resolved durations in milliseconds of the most recently resolved tickets. */
  recentHandlingMillis(limit: number): Promise<number[]>;
  markNotified(id: string, position: number, now: Date): Promise<void>;
  /**
   * Atomic compare-and-set for a "you moved up" message: records `position` as told only while the
   * ticket is waiting and its last told position and time are still `seen`. Of several processes
   * deciding at once to tell the same move, exactly one gets true (and sends it).
   */
  claimMovedUpNotice(id: string, seen: { position: number | null; at: string | null }, position: number, now: Date): Promise<boolean>;
  markNudged(id: string, now: Date): Promise<void>;
  /** Moves a waiting ticket to the urgent group (ahead of every non-urgent one); null when it is not waiting. */
  markUrgent(id: string): Promise<HandoffTicket | null>;
  /**
   * The round-robin rotation's place: the console id of the member last handed a ticket, or null
   * before the first. Kept with the queue so a restart, or another process on the same store,
   * continues the rotation rather than starting it again.
   */
  roundRobinCursor(): Promise<string | null>;
  /**
   * Hands a waiting ticket to a member of the rotation, atomically: only while the rotation's place
   * is still `expectedCursor` (no other process handed a ticket since it was read) and the member
   * holds no claimed ticket. The ticket is claimed for the member and the place moves to them in the
   * same step, so of several processes handing out tickets at once, none gives one member two
   * tickets or skips a member's turn.
   */
  claimInTurn(id: string, member: { consoleId: string; name: string | null }, expectedCursor: string | null, now: Date): Promise<TurnClaimResult>;
}

// Message log: every inbound and outbound message, searchable by client and by words.

export type MessageAuthor = 'client' | 'bot' | 'staff';

export interface LoggedMessage {
  id: string;
  clientId: string;
  channel: string;
  direction: 'in' | 'out';
  text: string;
  /** URLs of pictures or files that came with the message. */
  media: string[];
  at: string;
  author: MessageAuthor;
  staffId?: string | null;
  /** A staff note that never reached the client. */
  internal?: boolean;
}

export type NewLoggedMessage = Omit<LoggedMessage, 'id'>;

export interface MessageLog {
  append(message: NewLoggedMessage): Promise<LoggedMessage>;
  /** The client's latest messages, oldest first (the last `limit` of them). */
  recentForClient(clientId: string, limit: number): Promise<LoggedMessage[]>;
  /** Messages containing all of these words (any order, prefix-insensitive to case), newest first. */
  search(words: string, limit: number): Promise<LoggedMessage[]>;
}

// The staff side. The Slack console implements it; without one configured a no-op stands in.

export interface TicketOpenedInfo {
  clientName: string | null;
  /** The language the client is answered in (staff may write in any; the bot's notices use this one). */
  language: Language;
  /** The client's address with most digits hidden ("+1 •••-•••-0101"). */
  maskedAddress: string;
  channel: string;
  position: number;
  estimateMinutes: number | null;
  /** The client's latest messages, oldest first, including the one that opened the ticket. */
  lastMessages: LoggedMessage[];
  /** Media URLs among those messages. */
  media: string[];
}

export interface StaffConsole {
  /** Posts the new ticket; returns where (so thread replies can be matched back), or null. */
  ticketOpened(ticket: HandoffTicket, info: TicketOpenedInfo): Promise<{ channel: string; ts: string } | null>;
  /** A client message while the ticket is waiting or claimed, relayed into the ticket's thread. */
  clientMessage(ticket: HandoffTicket, text: string, media: string[]): Promise<void>;
  /** The ticket changed state (claimed by, resolved, abandoned, timed out): update the card. */
  ticketChanged(ticket: HandoffTicket): Promise<void>;
  /** Unclaimed for too long: remind the staff channel. */
  nudge(ticket: HandoffTicket, waitedMinutes: number): Promise<void>;
}

// Reaching a client outside the turn they are in (staff replies, queue updates).

export interface ClientMessageOptions {
  /** What the message is for: 'staff_reply' | 'queue_update' | 'handoff_notice' | ... */
  kind: string;
  media?: string[];
  /** The channel to use (the one the ticket is on); the client's own channel when absent. */
  channel?: string;
}

export type ClientSendResult = { ok: true } | { ok: false; reason: string };

export interface ClientMessenger {
  sendToClient(clientId: string, text: string, options: ClientMessageOptions): Promise<ClientSendResult>;
}
