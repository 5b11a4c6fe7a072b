// The handoff queue on SQLite. Claims are one conditional UPDATE, so of several processes or
// requests claiming one ticket exactly one changes the row; enqueue runs in an IMMEDIATE
// transaction so ticket numbers and "one active ticket per client" hold across processes.
import type BetterSqlite3 from 'better-sqlite3';
import type {
  ClaimResult,
  CloseResult,
  EnqueueResult,
  HandoffState,
  HandoffStore,
  HandoffTicket,
  NewTicket,
  TurnClaimResult,
} from '../../ports/handoff';
import { durably } from './durability';
import { newId } from './ids';
import { nowIso } from './instants';

export interface TicketRow {
  id: string;
  number: number;
  client_id: string;
  channel: string;
  conversation_id: string;
  reason: string;
  urgent: number;
  state: HandoffState;
  created_at: string;
  claimed_at: string | null;
  claimed_by: string | null;
  claimed_by_name: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
  last_notified_position: number | null;
  last_notified_at: string | null;
  nudged_at: string | null;
  staff_channel: string | null;
  staff_ts: string | null;
}

export function fromRow(row: TicketRow): HandoffTicket {
  return {
    id: row.id,
    number: row.number,
    clientId: row.client_id,
    channel: row.channel,
    conversationId: row.conversation_id,
    reason: row.reason,
    urgent: row.urgent === 1,
    state: row.state,
    createdAt: row.created_at,
    claimedAt: row.claimed_at,
    claimedBy: row.claimed_by,
    claimedByName: row.claimed_by_name,
    resolvedAt: row.resolved_at,
    resolvedBy: row.resolved_by,
    lastNotifiedPosition: row.last_notified_position,
    lastNotifiedAt: row.last_notified_at,
    nudgedAt: row.nudged_at,
    staffThread: row.staff_channel !== null && row.staff_ts !== null ? { channel: row.staff_channel, ts: row.staff_ts } : null,
  };
}

// Serving order: urgent first, then by request time, then by number (requests in one instant).
const SERVING_ORDER = 'urgent DESC, created_at, number';

export class SqliteHandoffStore implements HandoffStore {
  private readonly db: BetterSqlite3.Database;
  private readonly byId: BetterSqlite3.Statement<[string], TicketRow>;
  private readonly activeByClient: BetterSqlite3.Statement<[string], TicketRow>;
  private readonly nextNumber: BetterSqlite3.Statement<[], { next: number }>;
  private readonly insert: BetterSqlite3.Statement<TicketRow>;
  private readonly waiting: BetterSqlite3.Statement<[], TicketRow>;
  private readonly claimed: BetterSqlite3.Statement<[], TicketRow>;
  private readonly ahead: BetterSqlite3.Statement<{ urgent: number; created_at: string; number: number }, { n: number }>;
  private readonly claimUpdate: BetterSqlite3.Statement<{ id: string; at: string; by: string; name: string | null }>;
  private readonly closeUpdate: BetterSqlite3.Statement<{ id: string; state: HandoffState; at: string; by: string }>;
  private readonly threadUpdate: BetterSqlite3.Statement<[string, string, string]>;
  private readonly byThread: BetterSqlite3.Statement<[string, string], TicketRow>;
  private readonly handling: BetterSqlite3.Statement<[number], { claimed_at: string; resolved_at: string }>;
  private readonly notifiedUpdate: BetterSqlite3.Statement<[number, string, string]>;
  private readonly notifiedClaim: BetterSqlite3.Statement<{ id: string; seenPosition: number | null; seenAt: string | null; position: number; at: string }>;
  private readonly nudgedUpdate: BetterSqlite3.Statement<[string, string]>;
  private readonly urgentUpdate: BetterSqlite3.Statement<[string]>;
  private readonly rotationRead: BetterSqlite3.Statement<[], { last_console_id: string }>;
  private readonly rotationWrite: BetterSqlite3.Statement<[string, string]>;
  private readonly heldBy: BetterSqlite3.Statement<[string], { id: string }>;

  constructor(db: BetterSqlite3.Database) {
    this.db = db;
    this.byId = db.prepare('SELECT * FROM handoff_tickets WHERE id = ?');
    this.activeByClient = db.prepare("SELECT * FROM handoff_tickets WHERE client_id = ? AND state IN ('waiting', 'claimed')");
    this.nextNumber = db.prepare('SELECT COALESCE(MAX(number), 0) + 1 AS next FROM handoff_tickets');
    this.insert = db.prepare(`
      INSERT INTO handoff_tickets (id, number, client_id, channel, conversation_id, reason, urgent, state, created_at,
        claimed_at, claimed_by, claimed_by_name, resolved_at, resolved_by, last_notified_position, last_notified_at,
        nudged_at, staff_channel, staff_ts)
      VALUES (@id, @number, @client_id, @channel, @conversation_id, @reason, @urgent, @state, @created_at,
        @claimed_at, @claimed_by, @claimed_by_name, @resolved_at, @resolved_by, @last_notified_position, @last_notified_at,
        @nudged_at, @staff_channel, @staff_ts)`);
    this.waiting = db.prepare(`SELECT * FROM handoff_tickets WHERE state = 'waiting' ORDER BY ${SERVING_ORDER}`);
    this.claimed = db.prepare("SELECT * FROM handoff_tickets WHERE state = 'claimed' ORDER BY claimed_at, number");
    this.ahead = db.prepare(`
      SELECT COUNT(*) AS n FROM handoff_tickets
      WHERE state = 'waiting' AND (urgent > @urgent
        OR (urgent = @urgent AND (created_at < @created_at OR (created_at = @created_at AND number < @number))))`);
    this.claimUpdate = db.prepare(`
      UPDATE handoff_tickets SET state = 'claimed', claimed_at = @at, claimed_by = @by, claimed_by_name = @name
      WHERE id = @id AND state = 'waiting'`);
    this.closeUpdate = db.prepare(`
      UPDATE handoff_tickets SET state = @state, resolved_at = @at, resolved_by = @by
      WHERE id = @id AND state IN ('waiting', 'claimed')`);
    this.threadUpdate = db.prepare('UPDATE handoff_tickets SET staff_channel = ?, staff_ts = ? WHERE id = ?');
    this.byThread = db.prepare('SELECT * FROM handoff_tickets WHERE staff_channel = ? AND staff_ts = ?');
    this.handling = db.prepare(`
      SELECT claimed_at, resolved_at FROM handoff_tickets
      WHERE state = 'resolved' AND claimed_at IS NOT NULL AND resolved_at IS NOT NULL
      ORDER BY resolved_at DESC, number DESC LIMIT ?`);
    this.notifiedUpdate = db.prepare('UPDATE handoff_tickets SET last_notified_position = ?, last_notified_at = ? WHERE id = ?');
    // IS compares NULLs as equal: a ticket never told anything matches a `seen` of nulls.
    this.notifiedClaim = db.prepare(`
      UPDATE handoff_tickets SET last_notified_position = @position, last_notified_at = @at
      WHERE id = @id AND state = 'waiting' AND last_notified_position IS @seenPosition AND last_notified_at IS @seenAt`);
    this.nudgedUpdate = db.prepare('UPDATE handoff_tickets SET nudged_at = ? WHERE id = ?');
    this.urgentUpdate = db.prepare("UPDATE handoff_tickets SET urgent = 1 WHERE id = ? AND state = 'waiting'");
    this.heldBy = db.prepare("SELECT id FROM handoff_tickets WHERE state = 'claimed' AND claimed_by = ? LIMIT 1");
    this.rotationRead = db.prepare('SELECT last_console_id FROM handoff_rotation WHERE id = 1');
    this.rotationWrite = db.prepare(`
      INSERT INTO handoff_rotation (id, last_console_id, updated_at) VALUES (1, ?, ?)
      ON CONFLICT (id) DO UPDATE SET last_console_id = excluded.last_console_id, updated_at = excluded.updated_at`);
  }

  async enqueue(input: NewTicket, now: Date): Promise<EnqueueResult> {
    const createdAt = nowIso(now);
    const run = this.db.transaction((): EnqueueResult => {
      const existing = this.activeByClient.get(input.clientId);
      if (existing) return { ticket: fromRow(existing), created: false };
      const row: TicketRow = {
        id: newId('tkt'),
        number: (this.nextNumber.get() as { next: number }).next,
        client_id: input.clientId,
        channel: input.channel,
        conversation_id: input.conversationId,
        reason: input.reason,
        urgent: input.urgent ? 1 : 0,
        state: 'waiting',
        created_at: createdAt,
        claimed_at: null,
        claimed_by: null,
        claimed_by_name: null,
        resolved_at: null,
        resolved_by: null,
        last_notified_position: null,
        last_notified_at: null,
        nudged_at: null,
        staff_channel: null,
        staff_ts: null,
      };
      this.insert.run(row);
      return { ticket: fromRow(row), created: true };
    });
    // A place in line, once given, survives a power cut.
    return durably(this.db, () => run.immediate());
  }

  async get(id: string): Promise<HandoffTicket | null> {
    const row = this.byId.get(id);
    return row ? fromRow(row) : null;
  }

  async activeForClient(clientId: string): Promise<HandoffTicket | null> {
    const row = this.activeByClient.get(clientId);
    return row ? fromRow(row) : null;
  }

  async listWaiting(): Promise<HandoffTicket[]> {
    return this.waiting.all().map(fromRow);
  }

  async listClaimed(): Promise<HandoffTicket[]> {
    return this.claimed.all().map(fromRow);
  }

  async position(id: string): Promise<number | null> {
    const run = this.db.transaction((): number | null => {
      const row = this.byId.get(id);
      if (!row || row.state !== 'waiting') return null;
      const ahead = this.ahead.get({ urgent: row.urgent, created_at: row.created_at, number: row.number }) as { n: number };
      return ahead.n + 1;
    });
    return run();
  }

  async claim(id: string, staffId: string, staffName: string | null, now: Date): Promise<ClaimResult> {
    const at = nowIso(now);
    const run = this.db.transaction((): ClaimResult => {
      const changed = this.claimUpdate.run({ id, at, by: staffId, name: staffName }).changes;
      const row = this.byId.get(id);
      if (!row) return { ok: false, reason: 'not_found' };
      if (changed === 1) return { ok: true, ticket: fromRow(row) };
      if (row.state === 'claimed') return { ok: false, reason: 'already_claimed', by: row.claimed_by, byName: row.claimed_by_name };
      return { ok: false, reason: 'not_waiting' };
    });
    return run.immediate();
  }

  async resolve(id: string, by: string, now: Date): Promise<CloseResult> {
    return this.close(id, 'resolved', by, now);
  }

  async abandon(id: string, now: Date): Promise<CloseResult> {
    return this.close(id, 'abandoned', 'client', now);
  }

  async markTimedOut(id: string, now: Date): Promise<CloseResult> {
    return this.close(id, 'timed_out', 'system', now);
  }

  async setStaffThread(id: string, channel: string, ts: string): Promise<void> {
    this.threadUpdate.run(channel, ts, id);
  }

  async findByStaffThread(channel: string, ts: string): Promise<HandoffTicket | null> {
    const row = this.byThread.get(channel, ts);
    return row ? fromRow(row) : null;
  }

  async recentHandlingMillis(limit: number): Promise<number[]> {
    if (limit <= 0) return [];
    return this.handling.all(limit).map((r) => Date.parse(r.resolved_at) - Date.parse(r.claimed_at));
  }

  async markNotified(id: string, position: number, now: Date): Promise<void> {
    this.notifiedUpdate.run(position, nowIso(now), id);
  }

  async claimMovedUpNotice(id: string, seen: { position: number | null; at: string | null }, position: number, now: Date): Promise<boolean> {
    return this.notifiedClaim.run({ id, seenPosition: seen.position, seenAt: seen.at, position, at: nowIso(now) }).changes === 1;
  }

  async markNudged(id: string, now: Date): Promise<void> {
    this.nudgedUpdate.run(nowIso(now), id);
  }

  async markUrgent(id: string): Promise<HandoffTicket | null> {
    const run = this.db.transaction((): HandoffTicket | null => {
      if (this.urgentUpdate.run(id).changes !== 1) return null;
      const row = this.byId.get(id);
      return row ? fromRow(row) : null;
    });
    return run.immediate();
  }

  async roundRobinCursor(): Promise<string | null> {
    return this.rotationRead.get()?.last_console_id ?? null;
  }

  async claimInTurn(id: string, member: { consoleId: string; name: string | null }, expectedCursor: string | null, now: Date): Promise<TurnClaimResult> {
    const at = nowIso(now);
    const run = this.db.transaction((): TurnClaimResult => {
      const cursor = this.rotationRead.get()?.last_console_id ?? null;
      if (cursor !== expectedCursor) return { ok: false, reason: 'turn_moved' };
      if (this.heldBy.get(member.consoleId)) return { ok: false, reason: 'member_busy' };
      const changed = this.claimUpdate.run({ id, at, by: member.consoleId, name: member.name }).changes;
      const row = this.byId.get(id);
      if (!row) return { ok: false, reason: 'not_found' };
      if (changed !== 1) {
        if (row.state === 'claimed') return { ok: false, reason: 'already_claimed', by: row.claimed_by, byName: row.claimed_by_name };
        return { ok: false, reason: 'not_waiting' };
      }
      this.rotationWrite.run(member.consoleId, at);
      return { ok: true, ticket: fromRow(row) };
    });
    return run.immediate();
  }

  private close(id: string, state: HandoffState, by: string, now: Date): CloseResult {
    const at = nowIso(now);
    const run = this.db.transaction((): CloseResult => {
      const changed = this.closeUpdate.run({ id, state, at, by }).changes;
      const row = this.byId.get(id);
      if (!row) return { ok: false, reason: 'not_found' };
      return changed === 1 ? { ok: true, ticket: fromRow(row) } : { ok: false, reason: 'not_active' };
    });
    return run.immediate();
  }
}
