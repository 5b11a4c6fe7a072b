import type BetterSqlite3 from 'better-sqlite3';
import type { ClaimOptions, NewOutbound, OutboundQueueStore, OutboundStatus, QueuedMessage } from '../../ports/messaging';
import { durably } from './durability';
import { newId } from './ids';
import { nowIso, toUtcIso } from './instants';

export interface OutboundRow {
  id: string;
  dedupe_key: string | null;
  client_id: string | null;
  address: string;
  channel: string;
  sender_key: string;
  kind: string;
  priority: number;
  text: string;
  media: string;
  status: OutboundStatus;
  reason: string | null;
  attempts: number;
  not_before: string;
  expires_at: string | null;
  claimed_by: string | null;
  lease_until: string | null;
  provider_id: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

export function fromRow(row: OutboundRow): QueuedMessage {
  return {
    id: row.id,
    dedupeKey: row.dedupe_key,
    clientId: row.client_id,
    address: row.address,
    channel: row.channel,
    senderKey: row.sender_key,
    kind: row.kind,
    priority: row.priority > 0 ? 'now' : 'normal',
    text: row.text,
    mediaUrls: JSON.parse(row.media) as string[],
    status: row.status,
    reason: row.reason,
    attempts: row.attempts,
    notBefore: row.not_before,
    expiresAt: row.expires_at,
    providerId: row.provider_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sentAt: row.sent_at,
  };
}

export class SqliteOutboundQueueStore implements OutboundQueueStore {
  private readonly insert: BetterSqlite3.Statement<OutboundRow>;
  private readonly selectById: BetterSqlite3.Statement<[string], OutboundRow>;
  private readonly selectByKey: BetterSqlite3.Statement<[string], OutboundRow>;
  private readonly selectDue: BetterSqlite3.Statement<{ now: string }, OutboundRow>;
  private readonly claim: BetterSqlite3.Statement<{ id: string; workerId: string; leaseUntil: string; now: string }>;
  private readonly moveSlot: BetterSqlite3.Statement<{ senderKey: string; next: string }>;
  private readonly finishSent: BetterSqlite3.Statement<{ id: string; workerId: string; providerId: string; now: string }>;
  private readonly withdrawQueued: BetterSqlite3.Statement<{ id: string; reason: string; now: string }>;
  private readonly selectLastSent: BetterSqlite3.Statement<{ clientId: string; kind: string; since: string }, OutboundRow>;
  private readonly holdAfterSend: BetterSqlite3.Statement<{ id: string; workerId: string; providerId: string; now: string }>;
  private readonly finishRetry: BetterSqlite3.Statement<{ id: string; workerId: string; reason: string; notBefore: string; now: string }>;
  private readonly finishDone: BetterSqlite3.Statement<{ id: string; workerId: string; status: string; reason: string; now: string }>;
  private readonly enqueueTx: BetterSqlite3.Transaction<(message: NewOutbound, now: string) => { created: boolean; message: QueuedMessage }>;
  private readonly claimTx: BetterSqlite3.Transaction<(now: Date, options: ClaimOptions) => QueuedMessage | null>;

  constructor(private readonly db: BetterSqlite3.Database) {
    this.insert = db.prepare(`
      INSERT INTO outbound_messages (id, dedupe_key, client_id, address, channel, sender_key, kind, priority, text, media, status,
        reason, attempts, not_before, expires_at, claimed_by, lease_until, provider_id, created_at, updated_at, sent_at)
      VALUES (@id, @dedupe_key, @client_id, @address, @channel, @sender_key, @kind, @priority, @text, @media, @status,
        @reason, @attempts, @not_before, @expires_at, @claimed_by, @lease_until, @provider_id, @created_at, @updated_at, @sent_at)
      ON CONFLICT (dedupe_key) DO NOTHING`);
    this.selectById = db.prepare('SELECT * FROM outbound_messages WHERE id = ?');
    this.selectByKey = db.prepare('SELECT * FROM outbound_messages WHERE dedupe_key = ?');
    // Due messages whose sender may send now, those a client waits for first, then oldest first; an
    // address's earlier due message is never passed by its later one (the first status term lets the
    // planner read the index of live rows, not the whole history). A `sending` row whose lease ran out
    // belongs to a process that died mid-send: it is taken over.
    // Sends run side by side, so one client's messages are kept in order here: none is handed out
    // while another of the same address is in flight, nor ahead of one whose turn already came
    // (attempted, waiting for its retry or its lease). A message held as sent but unrecorded (no
    // lease) has reached the provider and holds nothing back.
    this.selectDue = db.prepare(`
      SELECT m.* FROM outbound_messages m
      LEFT JOIN outbound_senders s ON s.sender_key = m.sender_key
      WHERE m.status IN ('queued', 'sending')
        AND ((m.status = 'queued' AND m.not_before <= @now) OR (m.status = 'sending' AND m.lease_until <= @now))
        AND (s.next_slot_at IS NULL OR s.next_slot_at <= @now)
        AND NOT EXISTS (
          SELECT 1 FROM outbound_messages e
          WHERE e.address = m.address AND e.id <> m.id AND e.attempts > 0
            AND (e.status = 'queued' OR (e.status = 'sending' AND e.lease_until IS NOT NULL))
            AND ((e.status = 'sending' AND e.lease_until > @now) OR m.attempts = 0 OR e.rowid < m.rowid))
        AND NOT EXISTS (
          SELECT 1 FROM outbound_messages p
          WHERE p.address = m.address AND p.rowid < m.rowid AND p.status = 'queued' AND p.not_before <= @now)
      ORDER BY m.priority DESC, m.not_before, m.rowid
      LIMIT 1`);
    this.claim = db.prepare(`
      UPDATE outbound_messages SET status = 'sending', claimed_by = @workerId, lease_until = @leaseUntil,
        attempts = attempts + 1, updated_at = @now
      WHERE id = @id`);
    this.moveSlot = db.prepare(`
      INSERT INTO outbound_senders (sender_key, next_slot_at) VALUES (@senderKey, @next)
      ON CONFLICT (sender_key) DO UPDATE SET next_slot_at = excluded.next_slot_at`);
    this.finishSent = db.prepare(`
      UPDATE outbound_messages SET status = 'sent', provider_id = @providerId, sent_at = @now, updated_at = @now,
        claimed_by = NULL, lease_until = NULL, reason = NULL
      WHERE id = @id AND status = 'sending' AND claimed_by = @workerId`);
    // A NULL lease never matches `lease_until <= @now` in selectDue: the row is not claimed again.
    this.holdAfterSend = db.prepare(`
      UPDATE outbound_messages SET reason = 'sent_unrecorded', provider_id = @providerId, lease_until = NULL, updated_at = @now
      WHERE id = @id AND status = 'sending' AND claimed_by = @workerId`);
    this.finishRetry = db.prepare(`
      UPDATE outbound_messages SET status = 'queued', reason = @reason, not_before = @notBefore, updated_at = @now,
        claimed_by = NULL, lease_until = NULL
      WHERE id = @id AND status = 'sending' AND claimed_by = @workerId`);
    this.finishDone = db.prepare(`
      UPDATE outbound_messages SET status = @status, reason = @reason, updated_at = @now, claimed_by = NULL, lease_until = NULL
      WHERE id = @id AND status = 'sending' AND claimed_by = @workerId`);

    this.withdrawQueued = db.prepare(`
      UPDATE outbound_messages SET status = 'expired', reason = @reason, updated_at = @now
      WHERE id = @id AND status = 'queued'`);
    this.selectLastSent = db.prepare(`
      SELECT * FROM outbound_messages
      WHERE client_id = @clientId AND kind = @kind AND status = 'sent' AND sent_at >= @since
      ORDER BY sent_at DESC, rowid DESC LIMIT 1`);

    this.enqueueTx = db.transaction((message: NewOutbound, now: string) => {
      const row: OutboundRow = {
        id: newId('out'),
        dedupe_key: message.dedupeKey ?? null,
        client_id: message.clientId ?? null,
        address: message.address,
        channel: message.channel,
        sender_key: message.senderKey,
        kind: message.kind,
        priority: message.priority === 'now' ? 1 : 0,
        text: message.text,
        media: JSON.stringify(message.mediaUrls ?? []),
        status: message.status ?? 'queued',
        reason: message.reason ?? null,
        attempts: 0,
        not_before: toUtcIso(message.notBefore, 'notBefore'),
        expires_at: message.expiresAt ? toUtcIso(message.expiresAt, 'expiresAt') : null,
        claimed_by: null,
        lease_until: null,
        provider_id: null,
        created_at: now,
        updated_at: now,
        sent_at: null,
      };
      const inserted = this.insert.run(row).changes === 1;
      if (inserted) return { created: true, message: fromRow(row) };
      const existing = this.selectByKey.get(row.dedupe_key!);
      if (!existing) throw new Error('an outbound message was neither inserted nor found by its key');
      return { created: false, message: fromRow(existing) };
    });

    this.claimTx = db.transaction((now: Date, options: ClaimOptions) => {
      const nowText = nowIso(now);
      const row = this.selectDue.get({ now: nowText });
      if (!row) return null;
      this.claim.run({
        id: row.id,
        workerId: options.workerId,
        leaseUntil: new Date(now.getTime() + options.leaseMs).toISOString(),
        now: nowText,
      });
      const gap = typeof options.minIntervalMs === 'function' ? options.minIntervalMs(row.sender_key) : options.minIntervalMs;
      this.moveSlot.run({ senderKey: row.sender_key, next: new Date(now.getTime() + gap).toISOString() });
      return fromRow(this.selectById.get(row.id)!);
    });
  }

  async enqueue(message: NewOutbound, now: Date): Promise<{ created: boolean; message: QueuedMessage }> {
    // A staff reply or a queue notice, once accepted, must not vanish with a power cut.
    return durably(this.db, () => this.enqueueTx.immediate(message, nowIso(now)));
  }

  async claimNext(now: Date, options: ClaimOptions): Promise<QueuedMessage | null> {
    // IMMEDIATE: the read of the due row and the claim must not interleave with another process's.
    return this.claimTx.immediate(now, options);
  }

  async markSent(id: string, workerId: string, providerId: string, now: Date): Promise<boolean> {
    return this.finishSent.run({ id, workerId, providerId, now: nowIso(now) }).changes === 1;
  }

  async holdSent(id: string, workerId: string, providerId: string, now: Date): Promise<boolean> {
    return this.holdAfterSend.run({ id, workerId, providerId, now: nowIso(now) }).changes === 1;
  }

  async markRetry(id: string, workerId: string, reason: string, notBefore: Date, now: Date): Promise<boolean> {
    return this.finishRetry.run({ id, workerId, reason, notBefore: nowIso(notBefore), now: nowIso(now) }).changes === 1;
  }

  async markDone(id: string, workerId: string, status: 'failed' | 'suppressed' | 'expired', reason: string, now: Date): Promise<boolean> {
    return this.finishDone.run({ id, workerId, status, reason, now: nowIso(now) }).changes === 1;
  }

  async withdraw(id: string, reason: string, now: Date): Promise<boolean> {
    return this.withdrawQueued.run({ id, reason, now: nowIso(now) }).changes === 1;
  }

  async lastSent(query: { clientId: string; kind: string; since: Date }): Promise<QueuedMessage | null> {
    const row = this.selectLastSent.get({ clientId: query.clientId, kind: query.kind, since: nowIso(query.since) });
    return row ? fromRow(row) : null;
  }

  async get(id: string): Promise<QueuedMessage | null> {
    const row = this.selectById.get(id);
    return row ? fromRow(row) : null;
  }

  async findByDedupeKey(key: string): Promise<QueuedMessage | null> {
    const row = this.selectByKey.get(key);
    return row ? fromRow(row) : null;
  }

  async list(query: { status?: OutboundStatus; address?: string; kind?: string } = {}): Promise<QueuedMessage[]> {
    const where: string[] = [];
    const params: Record<string, string> = {};
    if (query.status) {
      // The live rows have their own index; a literal status list is what lets the planner use it.
      if (query.status === 'queued' || query.status === 'sending') where.push("status IN ('queued', 'sending')");
      where.push('status = @status');
      params.status = query.status;
    }
    if (query.address) {
      where.push('address = @address');
      params.address = query.address;
    }
    if (query.kind) {
      where.push('kind = @kind');
      params.kind = query.kind;
    }
    const sql = `SELECT * FROM outbound_messages ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at, rowid`;
    return this.db.prepare<Record<string, string>, OutboundRow>(sql).all(params).map(fromRow);
  }
}
