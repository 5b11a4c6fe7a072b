// The readiness check's write: one row rewritten in an IMMEDIATE transaction, so it needs the write
// lock and a new page in the write-ahead log like any booking does, and fails the way a booking would.
import type BetterSqlite3 from 'better-sqlite3';

export class SqliteHeartbeat {
  private readonly beatTx: BetterSqlite3.Transaction<(at: string) => void>;

  constructor(db: BetterSqlite3.Database) {
    const select = db.prepare<[], { beat_at: string }>('SELECT beat_at FROM store_heartbeat WHERE id = 1');
    const upsert = db.prepare<{ at: string; pid: number }>(`
      INSERT INTO store_heartbeat (id, beat_at, pid) VALUES (1, @at, @pid)
      ON CONFLICT (id) DO UPDATE SET beat_at = excluded.beat_at, pid = excluded.pid`);
    this.beatTx = db.transaction((at: string) => {
      select.get();
      upsert.run({ at, pid: process.pid });
    });
  }

  /** Reads and rewrites the row; throws SQLite's error when the store cannot do either. */
  beat(at: Date): void {
    this.beatTx.immediate(at.toISOString());
  }
}
