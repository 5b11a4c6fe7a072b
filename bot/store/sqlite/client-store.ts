import type BetterSqlite3 from 'better-sqlite3';
import type { Client, Language } from '../../domain/types';
import type { ClientStore } from '../../ports/stores';
import { newId } from './ids';
import { nowIso } from './instants';
import { writeGroupOf, type WriteGroup } from './write-group';

interface ClientRow {
  id: string;
  address: string;
  channel: string;
  name: string | null;
  language: string | null;
  created_at: string;
}

function fromRow(row: ClientRow): Client {
  return { id: row.id, address: row.address, channel: row.channel, name: row.name, language: row.language as Language | null, createdAt: row.created_at };
}

export class SqliteClientStore implements ClientStore {
  private readonly insertIfNew: BetterSqlite3.Statement<ClientRow>;
  private readonly selectByAddress: BetterSqlite3.Statement<[string], ClientRow>;
  private readonly selectById: BetterSqlite3.Statement<[string], ClientRow>;
  private readonly updateName: BetterSqlite3.Statement<{ id: string; name: string }, ClientRow>;
  private readonly selectAll: BetterSqlite3.Statement<[], ClientRow>;
  private readonly updateLanguage: BetterSqlite3.Statement<{ id: string; language: string }, ClientRow>;

  private readonly group: WriteGroup;

  constructor(db: BetterSqlite3.Database) {
    this.group = writeGroupOf(db);
    // The UNIQUE address decides who wins when two processes see a new address at once; the loser's
    // insert is ignored and both read the same row back.
    this.insertIfNew = db.prepare(`
      INSERT INTO clients (id, address, channel, name, language, created_at)
      VALUES (@id, @address, @channel, @name, @language, @created_at)
      ON CONFLICT (address) DO NOTHING`);
    this.selectByAddress = db.prepare('SELECT * FROM clients WHERE address = ?');
    this.selectById = db.prepare('SELECT * FROM clients WHERE id = ?');
    this.updateName = db.prepare('UPDATE clients SET name = @name WHERE id = @id RETURNING *');
    this.selectAll = db.prepare('SELECT * FROM clients ORDER BY created_at, rowid');
    this.updateLanguage = db.prepare('UPDATE clients SET language = @language WHERE id = @id RETURNING *');
  }

  async findOrCreateByAddress(address: string, channel: string, now: Date): Promise<Client> {
    // Every turn asks; a known client is a read, and only a new address takes the write lock.
    const known = this.selectByAddress.get(address);
    if (known) return fromRow(known);
    const fresh: ClientRow = { id: newId('cli'), address, channel, name: null, language: null, created_at: nowIso(now) };
    const row = await this.group.run(() => {
      this.insertIfNew.run(fresh);
      return this.selectByAddress.get(address);
    });
    if (!row) throw new Error('a client row was neither found nor created');
    return fromRow(row);
  }

  async findByAddress(address: string): Promise<Client | null> {
    const row = this.selectByAddress.get(address);
    return row ? fromRow(row) : null;
  }

  async get(id: string): Promise<Client | null> {
    const row = this.selectById.get(id);
    return row ? fromRow(row) : null;
  }

  async setName(id: string, name: string): Promise<Client | null> {
    const row = await this.group.run(() => this.updateName.get({ id, name }));
    return row ? fromRow(row) : null;
  }

  async setLanguage(id: string, language: Language): Promise<Client | null> {
    const row = await this.group.run(() => this.updateLanguage.get({ id, language }));
    return row ? fromRow(row) : null;
  }

  async list(): Promise<Client[]> {
    return this.selectAll.all().map(fromRow);
  }
}
