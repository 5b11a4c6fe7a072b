// Every message in both directions, with an FTS5 index over the text for staff look-ups. A turn's
// insert is only the row; the word index follows in batches (a moment later, or before any search,
// which therefore always sees every message). The index is derived data: a crash before a batch
// leaves the rows waiting for the next one, never missing.
import type BetterSqlite3 from 'better-sqlite3';
import type { LoggedMessage, MessageLog, NewLoggedMessage } from '../../ports/handoff';
import { newId } from './ids';
import { toUtcIso } from './instants';
import { writeGroupOf, type WriteGroup } from './write-group';

export interface MessageRow {
  seq?: number;
  id: string;
  client_id: string;
  channel: string;
  direction: 'in' | 'out';
  text: string;
  media: string;
  at: string;
  author: LoggedMessage['author'];
  staff_id: string | null;
  internal: number;
}

export function fromRow(row: MessageRow): LoggedMessage {
  return {
    id: row.id,
    clientId: row.client_id,
    channel: row.channel,
    direction: row.direction,
    text: row.text,
    media: JSON.parse(row.media) as string[],
    at: row.at,
    author: row.author,
    staffId: row.staff_id,
    internal: row.internal === 1,
  };
}

/**
 * An FTS5 query matching every word of `words` as a prefix, or null when there is no word. Each
 * word is quoted, so FTS5 operators and punctuation in what staff type are taken literally.
 */
export function ftsQuery(words: string): string | null {
  const tokens = words.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (tokens.length === 0) return null;
  return tokens.slice(0, 16).map((t) => `"${t}"*`).join(' ');
}

/** How long after a message its words wait to be indexed with the others that came meanwhile. */
export const INDEX_DELAY_MS = 200;
/** Rows indexed per transaction, so a long backlog never holds the write lock (or the event loop) for long. */
const INDEX_BATCH = 2000;

export class SqliteMessageLog implements MessageLog {
  private readonly insert: BetterSqlite3.Statement<MessageRow>;
  private readonly recent: BetterSqlite3.Statement<[string, number], MessageRow>;
  private readonly matching: BetterSqlite3.Statement<[string, number], MessageRow>;
  private readonly indexBatch: BetterSqlite3.Transaction<() => number>;
  private indexTimer: NodeJS.Timeout | null = null;
  private readonly group: WriteGroup;

  constructor(private readonly db: BetterSqlite3.Database) {
    this.group = writeGroupOf(db);
    this.insert = db.prepare(`
      INSERT INTO message_log (id, client_id, channel, direction, text, media, at, author, staff_id, internal)
      VALUES (@id, @client_id, @channel, @direction, @text, @media, @at, @author, @staff_id, @internal)`);
    // seq orders messages of one instant in the order they were written.
    this.recent = db.prepare(`
      SELECT * FROM (SELECT * FROM message_log WHERE client_id = ? ORDER BY at DESC, seq DESC LIMIT ?)
      ORDER BY at, seq`);
    this.matching = db.prepare(`
      SELECT m.* FROM message_log_fts f JOIN message_log m ON m.seq = f.rowid
      WHERE message_log_fts MATCH ? ORDER BY m.at DESC, m.seq DESC LIMIT ?`);
    const done = db.prepare<[], { seq: number }>('SELECT seq FROM message_log_fts_done WHERE id = 1');
    const indexRows = db.prepare<[number, number]>(
      'INSERT INTO message_log_fts (rowid, text) SELECT seq, text FROM message_log WHERE seq > ? ORDER BY seq LIMIT ?',
    );
    const lastOfBatch = db.prepare<[number, number], { seq: number | null }>(
      'SELECT MAX(seq) AS seq FROM (SELECT seq FROM message_log WHERE seq > ? ORDER BY seq LIMIT ?)',
    );
    const moveDone = db.prepare<[number]>('UPDATE message_log_fts_done SET seq = ? WHERE id = 1');
    // The watermark is read under the write lock, so processes sharing the file never index a row twice.
    this.indexBatch = db.transaction((): number => {
      const from = done.get()?.seq ?? 0;
      const last = lastOfBatch.get(from, INDEX_BATCH)?.seq ?? null;
      if (last === null) return 0;
      const indexed = indexRows.run(from, INDEX_BATCH).changes;
      moveDone.run(last);
      return indexed;
    });
  }

  /** Indexes every logged message not yet in the word index; returns how many it indexed. */
  indexPending(): number {
    let total = 0;
    for (;;) {
      const indexed = this.indexBatch.immediate();
      total += indexed;
      if (indexed < INDEX_BATCH) return total;
    }
  }

  /** Stops the delayed indexing (the store is closing); what is pending is indexed at the next open's first search. */
  stopIndexing(): void {
    if (this.indexTimer) clearTimeout(this.indexTimer);
    this.indexTimer = null;
  }

  private indexSoon(): void {
    if (this.indexTimer) return;
    this.indexTimer = setTimeout(() => {
      this.indexTimer = null;
      if (!this.db.open) return;
      try {
        // One batch at a time; a longer backlog continues at the next tick, the event loop free between.
        if (this.indexBatch.immediate() === INDEX_BATCH) this.indexSoon();
      } catch {
        // The store cannot write now (it says so on the turn's own calls); the next message or search retries.
      }
    }, INDEX_DELAY_MS);
    this.indexTimer.unref();
  }

  async append(message: NewLoggedMessage): Promise<LoggedMessage> {
    const row: MessageRow = {
      id: newId('msg'),
      client_id: message.clientId,
      channel: message.channel,
      direction: message.direction,
      text: message.text,
      media: JSON.stringify(message.media ?? []),
      at: toUtcIso(message.at, 'at'),
      author: message.author,
      staff_id: message.staffId ?? null,
      internal: message.internal ? 1 : 0,
    };
    await this.group.run(() => this.insert.run(row));
    this.indexSoon();
    return fromRow(row);
  }

  async recentForClient(clientId: string, limit: number): Promise<LoggedMessage[]> {
    if (limit <= 0) return [];
    // Lines asked to be logged and waiting for the group commit are part of the history already.
    this.group.flush();
    return this.recent.all(clientId, limit).map(fromRow);
  }

  async search(words: string, limit: number): Promise<LoggedMessage[]> {
    const query = ftsQuery(words);
    if (query === null || limit <= 0) return [];
    this.group.flush();
    this.indexPending();
    return this.matching.all(query, limit).map(fromRow);
  }
}
