import type BetterSqlite3 from 'better-sqlite3';
import type { CallbackRequest } from '../../domain/types';
import type { CallbackStore } from '../../ports/stores';
import { newId } from './ids';
import { nowIso } from './instants';

interface CallbackRow {
  id: string;
  client_id: string;
  reason: string;
  text: string;
  status: CallbackRequest['status'];
  created_at: string;
}

function fromRow(row: CallbackRow): CallbackRequest {
  return {
    id: row.id,
    clientId: row.client_id,
    reason: row.reason,
    text: row.text,
    status: row.status,
    createdAt: row.created_at,
  };
}

export class SqliteCallbackStore implements CallbackStore {
  private readonly insert: BetterSqlite3.Statement<CallbackRow>;
  private readonly selectOpen: BetterSqlite3.Statement<[], CallbackRow>;

  constructor(db: BetterSqlite3.Database) {
    this.insert = db.prepare(`
      INSERT INTO callback_requests (id, client_id, reason, text, status, created_at)
      VALUES (@id, @client_id, @reason, @text, @status, @created_at)`);
    this.selectOpen = db.prepare("SELECT * FROM callback_requests WHERE status = 'open' ORDER BY created_at, rowid");
  }

  async add(input: { clientId: string; reason: string; text: string }, now: Date): Promise<CallbackRequest> {
    const row: CallbackRow = {
      id: newId('cb'),
      client_id: input.clientId,
      reason: input.reason,
      text: input.text,
      status: 'open',
      created_at: nowIso(now),
    };
    this.insert.run(row);
    return fromRow(row);
  }

  async listOpen(): Promise<CallbackRequest[]> {
    return this.selectOpen.all().map(fromRow);
  }
}
