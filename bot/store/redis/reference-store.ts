// Conversation references on Redis: one hash per client (channel -> reference JSON), a sorted set of
// the client's channels by last use, and a hash of preferences.
import type { ConversationReference } from 'botbuilder';
import type { ClientPreferences, ConversationReferenceStore } from '../../ports/messaging';
import { nowIso } from '../sqlite/instants';
import type { RedisContext } from './context';
import { execAll } from './reads';

export class RedisConversationReferenceStore implements ConversationReferenceStore {
  constructor(private readonly ctx: RedisContext) {}

  async save(clientId: string, channel: string, reference: Partial<ConversationReference>, now: Date): Promise<void> {
    const { redis, keys } = this.ctx;
    const usedAt = Date.parse(nowIso(now));
    await execAll(
      redis
        .multi()
        .hset(keys.references(clientId), channel, JSON.stringify(reference))
        .zadd(keys.referenceChannels(clientId), usedAt, channel),
    );
  }

  async get(clientId: string, channel: string): Promise<Partial<ConversationReference> | null> {
    const json = await this.ctx.redis.hget(this.ctx.keys.references(clientId), channel);
    return json === null ? null : (JSON.parse(json) as Partial<ConversationReference>);
  }

  async channels(clientId: string): Promise<string[]> {
    return this.ctx.redis.zrevrange(this.ctx.keys.referenceChannels(clientId), 0, -1);
  }

  /** Writes a client's preferences as they are (an import). */
  async restorePreferences(clientId: string, preferences: ClientPreferences, updatedAt: string): Promise<void> {
    const key = this.ctx.keys.preferences(clientId);
    const fields: Record<string, string> = { updatedAt };
    if (preferences.preferredChannel !== null) fields.preferredChannel = preferences.preferredChannel;
    if (preferences.zone !== null) fields.zone = preferences.zone;
    await execAll(this.ctx.redis.multi().del(key).hset(key, fields));
  }

  async setPreferredChannel(clientId: string, channel: string, now: Date): Promise<void> {
    await this.ctx.redis.hset(this.ctx.keys.preferences(clientId), { preferredChannel: channel, updatedAt: nowIso(now) });
  }

  async preferences(clientId: string): Promise<ClientPreferences> {
    const [preferredChannel, zone] = await this.ctx.redis.hmget(this.ctx.keys.preferences(clientId), 'preferredChannel', 'zone');
    return { preferredChannel: preferredChannel ?? null, zone: zone ?? null };
  }
}
