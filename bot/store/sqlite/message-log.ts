// Every message in both directions, with an FTS5 index over the text for staff look-ups.
import type BetterSqlite3 from 'better-sqlite3';
import type { LoggedMessage, MessageLog, NewLoggedMessage } from '../../ports/handoff';
import { newId } from './ids';
import { toUtcIso } from './instants';

interface MessageRow {
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

function fromRow(row: MessageRow): LoggedMessage {
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

export class SqliteMessageLog implements MessageLog {
  private readonly insert: BetterSqlite3.Statement<MessageRow>;
  private readonly recent: BetterSqlite3.Statement<[string, number], MessageRow>;
  private readonly matching: BetterSqlite3.Statement<[string, number], MessageRow>;

  constructor(db: BetterSqlite3.Database) {
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
    this.insert.run(row);
    return fromRow(row);
  }

  async recentForClient(clientId: string, limit: number): Promise<LoggedMessage[]> {
    if (limit <= 0) return [];
    return this.recent.all(clientId, limit).map(fromRow);
  }

  async search(words: string, limit: number): Promise<LoggedMessage[]> {
    const query = ftsQuery(words);
    if (query === null || limit <= 0) return [];
    return this.matching.all(query, limit).map(fromRow);
  }
}
