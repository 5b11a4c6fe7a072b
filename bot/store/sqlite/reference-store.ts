import type BetterSqlite3 from 'better-sqlite3';
import type { ConversationReference } from 'botbuilder';
import type { ClientPreferences, ConversationReferenceStore } from '../../ports/messaging';
import { nowIso } from './instants';
import { writeGroupOf, type WriteGroup } from './write-group';

export class SqliteConversationReferenceStore implements ConversationReferenceStore {
  private readonly upsertReference: BetterSqlite3.Statement<{ clientId: string; channel: string; reference: string; now: string }>;
  private readonly selectReference: BetterSqlite3.Statement<[string, string], { reference: string }>;
  private readonly selectChannels: BetterSqlite3.Statement<[string], { channel: string }>;
  private readonly upsertPreferred: BetterSqlite3.Statement<{ clientId: string; channel: string; now: string }>;
  private readonly selectPreferences: BetterSqlite3.Statement<[string], { preferred_channel: string | null; zone: string | null }>;

  private readonly group: WriteGroup;

  constructor(db: BetterSqlite3.Database) {
    this.group = writeGroupOf(db);
    this.upsertReference = db.prepare(`
      INSERT INTO conversation_references (client_id, channel, reference, updated_at)
      VALUES (@clientId, @channel, @reference, @now)
      ON CONFLICT (client_id, channel) DO UPDATE SET reference = excluded.reference, updated_at = excluded.updated_at`);
    this.selectReference = db.prepare('SELECT reference FROM conversation_references WHERE client_id = ? AND channel = ?');
    this.selectChannels = db.prepare(
      'SELECT channel FROM conversation_references WHERE client_id = ? ORDER BY updated_at DESC, rowid DESC',
    );
    this.upsertPreferred = db.prepare(`
      INSERT INTO client_preferences (client_id, preferred_channel, updated_at) VALUES (@clientId, @channel, @now)
      ON CONFLICT (client_id) DO UPDATE SET preferred_channel = excluded.preferred_channel, updated_at = excluded.updated_at`);
    this.selectPreferences = db.prepare('SELECT preferred_channel, zone FROM client_preferences WHERE client_id = ?');
  }

  async save(clientId: string, channel: string, reference: Partial<ConversationReference>, now: Date): Promise<void> {
    const row = { clientId, channel, reference: JSON.stringify(reference), now: nowIso(now) };
    await this.group.run(() => this.upsertReference.run(row));
  }

  async get(clientId: string, channel: string): Promise<Partial<ConversationReference> | null> {
    const row = this.selectReference.get(clientId, channel);
    return row ? (JSON.parse(row.reference) as Partial<ConversationReference>) : null;
  }

  async channels(clientId: string): Promise<string[]> {
    return this.selectChannels.all(clientId).map((r) => r.channel);
  }

  async setPreferredChannel(clientId: string, channel: string, now: Date): Promise<void> {
    const row = { clientId, channel, now: nowIso(now) };
    await this.group.run(() => this.upsertPreferred.run(row));
  }

  async preferences(clientId: string): Promise<ClientPreferences> {
    const row = this.selectPreferences.get(clientId);
    return { preferredChannel: row?.preferred_channel ?? null, zone: row?.zone ?? null };
  }
}
