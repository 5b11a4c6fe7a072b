import type BetterSqlite3 from 'better-sqlite3';
import type {
  ClaimResult,
  InboundMedia,
  InboundMessageLog,
  InboundMessageRecord,
  NewInboundMessage,
} from '../../ports/inbound-log';
import { nowIso } from './instants';
import { writeGroupOf, type WriteGroup } from './write-group';

export interface InboundRow {
  message_id: string;
  channel: string;
  address: string;
  media: string;
  state: InboundMessageRecord['state'];
  response: string | null;
  received_at: string;
  claimed_at: string;
  completed_at: string | null;
}

export function fromRow(row: InboundRow): InboundMessageRecord {
  return {
    messageId: row.message_id,
    channel: row.channel,
    address: row.address,
    media: JSON.parse(row.media) as InboundMedia[],
    state: row.state,
    response: row.response,
    receivedAt: row.received_at,
    completedAt: row.completed_at,
  };
}

export class SqliteInboundMessageLog implements InboundMessageLog {
  private readonly insert: BetterSqlite3.Statement<InboundRow>;
  private readonly takeOverStale: BetterSqlite3.Statement<{ message_id: string; claimed_at: string; stale_before: string }>;
  private readonly selectOne: BetterSqlite3.Statement<[string], InboundRow>;
  private readonly markDone: BetterSqlite3.Statement<{ message_id: string; response: string; completed_at: string }>;
  private readonly deleteUnfinished: BetterSqlite3.Statement<[string]>;
  private readonly selectLast: BetterSqlite3.Statement<[string, string], { received_at: string }>;

  private readonly group: WriteGroup;

  constructor(db: BetterSqlite3.Database) {
    this.group = writeGroupOf(db);
    // INSERT OR IGNORE on the primary key is the atomic claim: SQLite serialises writers, so of two
    // processes inserting the same id exactly one changes a row.
    this.insert = db.prepare(`
      INSERT OR IGNORE INTO inbound_messages (message_id, channel, address, media, state, response, received_at, claimed_at, completed_at)
      VALUES (@message_id, @channel, @address, @media, @state, @response, @received_at, @claimed_at, @completed_at)`);
    this.takeOverStale = db.prepare(`
      UPDATE inbound_messages SET claimed_at = @claimed_at
      WHERE message_id = @message_id AND state = 'processing' AND claimed_at < @stale_before`);
    this.selectOne = db.prepare('SELECT * FROM inbound_messages WHERE message_id = ?');
    this.markDone = db.prepare(`
      UPDATE inbound_messages SET state = 'done', response = @response, completed_at = @completed_at
      WHERE message_id = @message_id`);
    this.deleteUnfinished = db.prepare("DELETE FROM inbound_messages WHERE message_id = ? AND state = 'processing'");
    this.selectLast = db.prepare(`
      SELECT received_at FROM inbound_messages WHERE address = ? AND channel = ?
      ORDER BY received_at DESC LIMIT 1`);
  }

  async claim(message: NewInboundMessage, now: Date, staleAfterMs: number): Promise<ClaimResult> {
    return this.group.run(() => this.claimNow(message, now, staleAfterMs));
  }

  private claimNow(message: NewInboundMessage, now: Date, staleAfterMs: number): ClaimResult {
    const at = nowIso(now);
    const inserted = this.insert.run({
      message_id: message.messageId,
      channel: message.channel,
      address: message.address,
      media: JSON.stringify(message.media),
      state: 'processing',
      response: null,
      received_at: at,
      claimed_at: at,
      completed_at: null,
    });
    if (inserted.changes === 1) return { claimed: true };
    const staleBefore = new Date(now.getTime() - staleAfterMs).toISOString();
    const taken = this.takeOverStale.run({ message_id: message.messageId, claimed_at: at, stale_before: staleBefore });
    if (taken.changes === 1) return { claimed: true };
    const row = this.selectOne.get(message.messageId);
    // In the group's transaction no one can release the row between the statements; should it be gone, claim again.
    if (!row) return this.claimNow(message, now, staleAfterMs);
    return { claimed: false, record: fromRow(row) };
  }

  async complete(messageId: string, response: string, now: Date): Promise<void> {
    this.markDone.run({ message_id: messageId, response, completed_at: nowIso(now) });
  }

  async release(messageId: string): Promise<void> {
    await this.group.run(() => this.deleteUnfinished.run(messageId));
  }

  async get(messageId: string): Promise<InboundMessageRecord | null> {
    const row = this.selectOne.get(messageId);
    return row ? fromRow(row) : null;
  }

  async lastReceivedAt(address: string, channel: string): Promise<string | null> {
    return this.selectLast.get(address, channel)?.received_at ?? null;
  }
}
