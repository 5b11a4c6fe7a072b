// botbuilder `Storage` for conversation and user state, with the eTag rules of botbuilder's own
// MemoryStorage: an item without an eTag, or with '*', always writes; an item whose eTag differs
// from the stored one is refused; every write stores a fresh eTag. Unlike MemoryStorage, a batch is
// all-or-nothing: one conflicting item leaves every item of the batch as it was.
import type BetterSqlite3 from 'better-sqlite3';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { StoreError } from './errors';
import { newETag } from './ids';
import { writeGroupOf, type WriteGroup } from './write-group';

interface StateRow {
  value: string;
  etag: string;
}

export class SqliteStateStorage implements Storage {
  private readonly selectItem: BetterSqlite3.Statement<[string], StateRow>;
  private readonly selectETag: BetterSqlite3.Statement<[string], { etag: string }>;
  private readonly upsert: BetterSqlite3.Statement<{ key: string; value: string; etag: string }>;
  private readonly remove: BetterSqlite3.Statement<[string]>;
  private readonly readTx: BetterSqlite3.Transaction<(keys: string[]) => StoreItems>;
  private readonly writeTx: BetterSqlite3.Transaction<(changes: StoreItems) => void>;
  private readonly deleteTx: BetterSqlite3.Transaction<(keys: string[]) => void>;

  private readonly group: WriteGroup;

  constructor(db: BetterSqlite3.Database) {
    this.group = writeGroupOf(db);
    this.selectItem = db.prepare('SELECT value, etag FROM state_items WHERE key = ?');
    this.selectETag = db.prepare('SELECT etag FROM state_items WHERE key = ?');
    this.upsert = db.prepare(`
      INSERT INTO state_items (key, value, etag) VALUES (@key, @value, @etag)
      ON CONFLICT (key) DO UPDATE SET value = excluded.value, etag = excluded.etag`);
    this.remove = db.prepare('DELETE FROM state_items WHERE key = ?');

    // One transaction so that conversation and user state read together come from one snapshot.
    this.readTx = db.transaction((keys: string[]): StoreItems => this.readItems(keys));

    this.writeTx = db.transaction((changes: StoreItems): void => {
      for (const [key, item] of Object.entries(changes) as [string, StoreItem][]) {
        const { eTag, ...value } = item;
        if (eTag !== undefined && eTag !== '' && eTag !== '*') {
          const stored = this.selectETag.get(key);
          if (stored && stored.etag !== eTag) {
            throw new StoreError('frontdesk_store_etag_conflict', `Storage: "${key}" was changed by someone else (eTag conflict).`);
          }
        }
        this.upsert.run({ key, value: JSON.stringify(value), etag: newETag() });
      }
    });

    this.deleteTx = db.transaction((keys: string[]): void => {
      for (const key of keys) this.remove.run(key);
    });
  }

  private readItems(keys: string[]): StoreItems {
    const items: StoreItems = {};
    for (const key of keys) {
      const row = this.selectItem.get(key);
      if (row) items[key] = { ...(JSON.parse(row.value) as StoreItem), eTag: row.etag };
    }
    return items;
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    // One statement reads from one snapshot by itself; several keys share a transaction's.
    return keys.length === 1 ? this.readItems(keys) : this.readTx(keys);
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    // Under the group's IMMEDIATE transaction: the eTag comparison and the write cannot interleave
    // with another process; a conflict undoes this write alone.
    await this.group.run(() => this.writeTx(changes));
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    await this.group.run(() => this.deleteTx(keys));
  }
}
