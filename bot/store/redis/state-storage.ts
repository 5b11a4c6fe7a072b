// botbuilder `Storage` on Redis, with the eTag rules of the SQLite store (and of botbuilder's
// MemoryStorage): an item without an eTag, or with '*', always writes; an item whose eTag differs
// from the stored one is refused; every write stores a fresh eTag. A batch is all-or-nothing, so
// two processes on one conversation never silently lose each other's state.
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { StoreError } from '../sqlite/errors';
import { newETag } from '../sqlite/ids';
import type { RedisContext } from './context';
import { defineScript, type ScriptCaller } from './scripts';

// KEYS the items' hashes (value, etag)
// ARGV for each key in order: expected eTag ('' for any), value JSON, new eTag
// Returns {0} every item written | {1, index of the first item whose stored eTag differs} nothing written
const WRITE_LUA = `
for i = 1, #KEYS do
  local expected = ARGV[3 * i - 2]
  if expected ~= '' then
    local stored = redis.call('HGET', KEYS[i], 'etag')
    if stored and stored ~= expected then return {1, i} end
  end
end
for i = 1, #KEYS do
  redis.call('HSET', KEYS[i], 'value', ARGV[3 * i - 1], 'etag', ARGV[3 * i])
end
return {0}
`;

export class RedisStateStorage implements Storage {
  private readonly writeScript: ScriptCaller<'conflict'>;

  constructor(private readonly ctx: RedisContext) {
    this.writeScript = defineScript(ctx, { name: 'write-state', keys: 'varying', lua: WRITE_LUA, outcomes: { 1: 'conflict' } });
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const items: StoreItems = {};
    if (keys.length === 0) return items;
    // Several keys in one MULTI, so that conversation and user state read together come from one
    // moment; one key is one HMGET.
    const [only] = keys;
    let replies: Array<[Error | null, unknown]>;
    if (keys.length === 1 && only !== undefined) {
      replies = [[null, await this.ctx.redis.hmget(this.ctx.keys.state(only), 'value', 'etag')]];
    } else {
      const multi = this.ctx.redis.multi();
      for (const key of keys) multi.hmget(this.ctx.keys.state(key), 'value', 'etag');
      replies = (await multi.exec()) ?? [];
    }
    keys.forEach((key, i) => {
      const [error, reply] = replies[i] ?? [null, null];
      if (error) throw error;
      const [value, etag] = (reply ?? [null, null]) as [string | null, string | null];
      if (value !== null && etag !== null) items[key] = { ...(JSON.parse(value) as StoreItem), eTag: etag };
    });
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const entries = Object.entries(changes) as [string, StoreItem][];
    if (entries.length === 0) return;
    const args: string[] = [];
    for (const [, item] of entries) {
      const { eTag, ...value } = item;
      const expected = eTag === undefined || eTag === '*' ? '' : String(eTag);
      args.push(expected, JSON.stringify(value), newETag());
    }
    const answer = await this.writeScript(
      entries.map(([key]) => this.ctx.keys.state(key)),
      args,
    );
    if (answer.outcome === 'conflict') {
      const key = entries[Number(answer.values[0]) - 1]?.[0] ?? '?';
      throw new StoreError('frontdesk_store_etag_conflict', `Storage: "${key}" was changed by someone else (eTag conflict).`);
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    if (keys.length === 0) return;
    await this.ctx.redis.del(...keys.map((key) => this.ctx.keys.state(key)));
  }
}
