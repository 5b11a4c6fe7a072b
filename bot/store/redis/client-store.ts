// Clients on Redis: a hash per client, the address's id as a string claimed with SET NX (so the
// same address always yields one record, however many processes see it at once), and a sorted set
// of every client by creation sequence.
import type { Client, Language } from '../../domain/types';
import type { ClientStore } from '../../ports/stores';
import { newId } from '../sqlite/ids';
import { nowIso } from '../sqlite/instants';
import type { RedisContext } from './context';
import { byInstant, readHashes } from './reads';
import { defineScript, fieldsOf, type ScriptCaller } from './scripts';

export function clientFromHash(fields: Record<string, string>): Client {
  return {
    id: fields.id ?? '',
    address: fields.address ?? '',
    channel: fields.channel ?? '',
    name: fields.name ?? null,
    language: (fields.language ?? null) as Language | null,
    createdAt: fields.createdAt ?? '',
  };
}

// KEYS[1] the address's client id  KEYS[2] every client by sequence  KEYS[3] the sequence
// ARGV[1] the client hash prefix  ARGV[2] new id  ARGV[3] address  ARGV[4] channel  ARGV[5] now ISO
// Returns {0, client fields}: the address's client, created now when it had none.
const FIND_OR_CREATE_LUA = `
local id = redis.call('GET', KEYS[1])
if not id then
  id = ARGV[2]
  redis.call('SET', KEYS[1], id)
  redis.call('HSET', ARGV[1] .. id, 'id', id, 'address', ARGV[3], 'channel', ARGV[4], 'createdAt', ARGV[5])
  redis.call('ZADD', KEYS[2], redis.call('INCR', KEYS[3]), id)
end
local fields = redis.call('HGETALL', ARGV[1] .. id)
if #fields == 0 then return {-2, 'the address names client ' .. id .. ', which has no hash'} end
return {0, fields}
`;

// KEYS[1] a hash
// ARGV field, value, field, value, ...
// Returns {0, the hash's fields after the change} | {1} no such hash (nothing written)
const UPDATE_EXISTING_LUA = `
if redis.call('EXISTS', KEYS[1]) == 0 then return {1} end
redis.call('HSET', KEYS[1], unpack(ARGV))
return {0, redis.call('HGETALL', KEYS[1])}
`;

// KEYS[1] the client's hash  KEYS[2] its address's client id  KEYS[3] every client by sequence  KEYS[4] the sequence
// ARGV[1] the address family prefix  ARGV[2] id  ARGV[3] address  ARGV[4..] the hash's fields and values
// Returns {0} | {-1, message} when another client holds the address. Writes a client as it is (an
// import), keeping its place in the creation order when it was there already.
const RESTORE_LUA = `
local holder = redis.call('GET', KEYS[2])
if holder and holder ~= ARGV[2] then return {-1, 'the address of client ' .. ARGV[2] .. ' belongs to client ' .. holder} end
local old_address = redis.call('HGET', KEYS[1], 'address')
if old_address and old_address ~= ARGV[3] then redis.call('DEL', ARGV[1] .. old_address) end
redis.call('DEL', KEYS[1])
local fields = {}
for i = 4, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', KEYS[1], unpack(fields))
redis.call('SET', KEYS[2], ARGV[2])
if not redis.call('ZSCORE', KEYS[3], ARGV[2]) then redis.call('ZADD', KEYS[3], redis.call('INCR', KEYS[4]), ARGV[2]) end
return {0}
`;

export class RedisClientStore implements ClientStore {
  private readonly findOrCreate: ScriptCaller<never>;
  private readonly updateExisting: ScriptCaller<'missing'>;
  private readonly restoreScript: ScriptCaller<never>;

  constructor(private readonly ctx: RedisContext) {
    this.findOrCreate = defineScript(ctx, { name: 'find-or-create-client', keys: 3, lua: FIND_OR_CREATE_LUA });
    this.updateExisting = defineScript(ctx, { name: 'update-existing-hash', keys: 1, lua: UPDATE_EXISTING_LUA, outcomes: { 1: 'missing' } });
    this.restoreScript = defineScript(ctx, { name: 'restore-client', keys: 4, lua: RESTORE_LUA });
  }

  /** Writes a client as it is, with its id and creation time (an import); see RESTORE_LUA. */
  async restore(client: Client): Promise<void> {
    const { keys } = this.ctx;
    const fields = ['id', client.id, 'address', client.address, 'channel', client.channel, 'createdAt', client.createdAt];
    if (client.name !== null) fields.push('name', client.name);
    if (client.language !== null) fields.push('language', client.language);
    await this.restoreScript(
      [keys.client(client.id), keys.clientByAddress(client.address), keys.clients, keys.sequence],
      [keys.clientByAddress(''), client.id, client.address, ...fields],
    );
  }

  async findOrCreateByAddress(address: string, channel: string, now: Date): Promise<Client> {
    const { keys } = this.ctx;
    const answer = await this.findOrCreate(
      [keys.clientByAddress(address), keys.clients, keys.sequence],
      [keys.client(''), newId('cli'), address, channel, nowIso(now)],
    );
    return clientFromHash(fieldsOf(answer.values[0]));
  }

  async findByAddress(address: string): Promise<Client | null> {
    const id = await this.ctx.redis.get(this.ctx.keys.clientByAddress(address));
    return id === null ? null : this.get(id);
  }

  async get(id: string): Promise<Client | null> {
    const fields = await this.ctx.redis.hgetall(this.ctx.keys.client(id));
    return fields.id === undefined ? null : clientFromHash(fields);
  }

  async setName(id: string, name: string): Promise<Client | null> {
    return this.update(id, ['name', name]);
  }

  async setLanguage(id: string, language: Language): Promise<Client | null> {
    return this.update(id, ['language', language]);
  }

  async list(): Promise<Client[]> {
    const ids = await this.ctx.redis.zrange(this.ctx.keys.clients, 0, -1);
    const hashes = await readHashes(this.ctx.redis, ids.map((id) => this.ctx.keys.client(id)));
    // By creation time; the set's order (the sequence) keeps one instant's clients in creation order.
    return hashes.map(clientFromHash).sort(byInstant((client) => client.createdAt));
  }

  private async update(id: string, fields: string[]): Promise<Client | null> {
    const answer = await this.updateExisting([this.ctx.keys.client(id)], fields);
    return answer.outcome === 'done' ? clientFromHash(fieldsOf(answer.values[0])) : null;
  }
}
