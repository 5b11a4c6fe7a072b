import type BetterSqlite3 from 'better-sqlite3';
import type { ConsentRecord, ConsentStore } from '../../ports/consent';
import { durably } from './durability';
import { nowIso } from './instants';

interface ConsentRow {
  address: string;
  status: ConsentRecord['status'];
  source: string;
  changed_at: string;
  unreachable_code: string | null;
  unreachable_at: string | null;
}

function fromRow(row: ConsentRow): ConsentRecord {
  const record: ConsentRecord = { address: row.address, status: row.status, source: row.source, changedAt: row.changed_at };
  if (row.unreachable_code !== null && row.unreachable_at !== null) {
    record.unreachable = { code: row.unreachable_code, at: row.unreachable_at };
  }
  return record;
}

export class SqliteConsentStore implements ConsentStore {
  private readonly upsertOptOut: BetterSqlite3.Statement<{ address: string; source: string; now: string }>;
  private readonly upsertOptIn: BetterSqlite3.Statement<{ address: string; source: string; now: string }>;
  private readonly upsertUnreachable: BetterSqlite3.Statement<{ address: string; code: string; now: string }>;
  private readonly selectOne: BetterSqlite3.Statement<[string], ConsentRow>;

  constructor(private readonly db: BetterSqlite3.Database) {
    // A repeated STOP keeps the time and source of the first one: that is when consent ended.
    this.upsertOptOut = db.prepare(`
      INSERT INTO consent (address, status, source, changed_at) VALUES (@address, 'opted_out', @source, @now)
      ON CONFLICT (address) DO UPDATE SET status = 'opted_out', source = excluded.source, changed_at = excluded.changed_at
      WHERE consent.status <> 'opted_out'`);
    this.upsertOptIn = db.prepare(`
      INSERT INTO consent (address, status, source, changed_at) VALUES (@address, 'opted_in', @source, @now)
      ON CONFLICT (address) DO UPDATE SET status = 'opted_in', source = excluded.source, changed_at = excluded.changed_at,
        unreachable_code = NULL, unreachable_at = NULL`);
    this.upsertUnreachable = db.prepare(`
      INSERT INTO consent (address, status, source, changed_at, unreachable_code, unreachable_at)
      VALUES (@address, 'opted_in', 'carrier', @now, @code, @now)
      ON CONFLICT (address) DO UPDATE SET unreachable_code = excluded.unreachable_code, unreachable_at = excluded.unreachable_at`);
    this.selectOne = db.prepare('SELECT * FROM consent WHERE address = ?');
  }

  async optOut(address: string, source: string, now: Date): Promise<void> {
    // A consent change is on disk before the client hears it was taken.
    durably(this.db, () => this.upsertOptOut.run({ address, source, now: nowIso(now) }));
  }

  async optIn(address: string, source: string, now: Date): Promise<void> {
    durably(this.db, () => this.upsertOptIn.run({ address, source, now: nowIso(now) }));
  }

  async isOptedOut(address: string): Promise<boolean> {
    return this.selectOne.get(address)?.status === 'opted_out';
  }

  async markUnreachable(address: string, code: string, now: Date): Promise<void> {
    durably(this.db, () => this.upsertUnreachable.run({ address, code, now: nowIso(now) }));
  }

  async get(address: string): Promise<ConsentRecord | null> {
    const row = this.selectOne.get(address);
    return row ? fromRow(row) : null;
  }
}
