// Consent on Redis: a hash per address that ever changed (no hash: opted in).
import type { ConsentRecord, ConsentStore } from '../../ports/consent';
import { nowIso } from '../sqlite/instants';
import type { RedisContext } from './context';
import { execAll } from './reads';
import { defineScript, type ScriptCaller } from './scripts';

// KEYS[1] the address's consent hash
// ARGV[1] address  ARGV[2] source  ARGV[3] now ISO
// Returns {0} recorded | {1} already opted out (a repeated STOP keeps the time and source of the first)
const OPT_OUT_LUA = `
if redis.call('HGET', KEYS[1], 'status') == 'opted_out' then return {1} end
redis.call('HSET', KEYS[1], 'address', ARGV[1], 'status', 'opted_out', 'source', ARGV[2], 'changedAt', ARGV[3])
return {0}
`;

export class RedisConsentStore implements ConsentStore {
  private readonly optOutScript: ScriptCaller<'already'>;

  constructor(private readonly ctx: RedisContext) {
    this.optOutScript = defineScript(ctx, { name: 'opt-out', keys: 1, lua: OPT_OUT_LUA, outcomes: { 1: 'already' } });
  }

  async optOut(address: string, source: string, now: Date): Promise<void> {
    await this.optOutScript([this.ctx.keys.consent(address)], [address, source, nowIso(now)]);
  }

  async optIn(address: string, source: string, now: Date): Promise<void> {
    const key = this.ctx.keys.consent(address);
    await execAll(
      this.ctx.redis
        .multi()
        .hset(key, { address, status: 'opted_in', source, changedAt: nowIso(now) })
        .hdel(key, 'unreachableCode', 'unreachableAt'),
    );
  }

  /** Writes a consent record as it is (an import). */
  async restore(record: ConsentRecord): Promise<void> {
    const key = this.ctx.keys.consent(record.address);
    const fields: Record<string, string> = { address: record.address, status: record.status, source: record.source, changedAt: record.changedAt };
    if (record.unreachable) Object.assign(fields, { unreachableCode: record.unreachable.code, unreachableAt: record.unreachable.at });
    await execAll(this.ctx.redis.multi().del(key).hset(key, fields));
  }

  async isOptedOut(address: string): Promise<boolean> {
    return (await this.ctx.redis.hget(this.ctx.keys.consent(address), 'status')) === 'opted_out';
  }

  async markUnreachable(address: string, code: string, now: Date): Promise<void> {
    const key = this.ctx.keys.consent(address);
    const at = nowIso(now);
    // An address never seen before gets an opted-in record from the carrier; a known one keeps its status.
    await execAll(
      this.ctx.redis
        .multi()
        .hsetnx(key, 'address', address)
        .hsetnx(key, 'status', 'opted_in')
        .hsetnx(key, 'source', 'carrier')
        .hsetnx(key, 'changedAt', at)
        .hset(key, { unreachableCode: code, unreachableAt: at }),
    );
  }

  async get(address: string): Promise<ConsentRecord | null> {
    const fields = await this.ctx.redis.hgetall(this.ctx.keys.consent(address));
    if (fields.status === undefined) return null;
    const record: ConsentRecord = {
      address: fields.address ?? address,
      status: fields.status as ConsentRecord['status'],
      source: fields.source ?? '',
      changedAt: fields.changedAt ?? '',
    };
    if (fields.unreachableCode !== undefined && fields.unreachableAt !== undefined) {
      record.unreachable = { code: fields.unreachableCode, at: fields.unreachableAt };
    }
    return record;
  }
}
