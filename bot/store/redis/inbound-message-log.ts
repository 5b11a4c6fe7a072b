// Inbound webhook receipts on Redis. The claim is one script: of any number of processes claiming
// one provider message id, the script that finds no record (or a stale unfinished one) is the one
// that gets it, because Redis runs scripts one at a time.
import type {
  ClaimResult,
  InboundMedia,
  InboundMessageLog,
  InboundMessageRecord,
  NewInboundMessage,
} from '../../ports/inbound-log';
import { nowIso } from '../sqlite/instants';
import type { RedisContext } from './context';
import { defineScript, fieldsOf, type ScriptCaller } from './scripts';

const CLAIM_LUA = `
-- Claims an inbound message id for this process.
-- KEYS[1] the message's hash (keys.inboundMessage)
-- KEYS[2] the address's receipts on the channel (keys.inboundByAddress)
-- ARGV[1] message id, ARGV[2] channel, ARGV[3] address, ARGV[4] media (JSON)
-- ARGV[5] now (ISO), ARGV[6] now (epoch ms), ARGV[7] claims made before this (epoch ms) are stale
-- Returns {0} claimed (new, or a stale unfinished claim taken over);
--         {1, HGETALL} not claimed: another claim holds it or it is done
local state = redis.call('HGET', KEYS[1], 'state')
if not state then
  redis.call('HSET', KEYS[1], 'messageId', ARGV[1], 'channel', ARGV[2], 'address', ARGV[3], 'media', ARGV[4],
    'state', 'processing', 'receivedAt', ARGV[5], 'claimedAtMs', ARGV[6])
  redis.call('ZADD', KEYS[2], ARGV[6], ARGV[1])
  return {0}
end
if state == 'processing' and tonumber(redis.call('HGET', KEYS[1], 'claimedAtMs')) < tonumber(ARGV[7]) then
  redis.call('HSET', KEYS[1], 'claimedAtMs', ARGV[6])
  return {0}
end
return {1, redis.call('HGETALL', KEYS[1])}
`;

const COMPLETE_LUA = `
-- Stores the turn's response and marks the message done.
-- KEYS[1] the message's hash. ARGV[1] response, ARGV[2] now (ISO)
-- Returns {0}, also when there is no record (nothing to complete)
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('HSET', KEYS[1], 'state', 'done', 'response', ARGV[1], 'completedAt', ARGV[2])
end
return {0}
`;

const RELEASE_LUA = `
-- Drops an unfinished claim so a retry runs the turn again; a finished record stays.
-- KEYS[1] the message's hash, KEYS[2] the address's receipts on the channel. ARGV[1] message id
-- Returns {0}
if redis.call('HGET', KEYS[1], 'state') == 'processing' then
  redis.call('DEL', KEYS[1])
  redis.call('ZREM', KEYS[2], ARGV[1])
end
return {0}
`;

const RESTORE_LUA = `
-- Writes a receipt as it is (an import), replacing the one with its id.
-- KEYS[1] the message's hash, KEYS[2] the address's receipts on the channel, KEYS[3] those of the receipt it
-- replaces (KEYS[2] again when there is none)
-- ARGV[1] message id, ARGV[2] received (ms), ARGV[3...] field, value pairs of the receipt
-- Returns {0}
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], unpack(ARGV, 3))
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
return {0}
`;

/** A receipt's hash as the receipt. */
export function receiptFromHash(fields: Record<string, string>): InboundMessageRecord {
  return {
    messageId: fields.messageId ?? '',
    channel: fields.channel ?? '',
    address: fields.address ?? '',
    media: JSON.parse(fields.media ?? '[]') as InboundMedia[],
    state: fields.state === 'done' ? 'done' : 'processing',
    response: fields.response ?? null,
    receivedAt: fields.receivedAt ?? '',
    completedAt: fields.completedAt ?? null,
  };
}

export class RedisInboundMessageLog implements InboundMessageLog {
  private readonly claimScript: ScriptCaller<'taken'>;
  private readonly completeScript: ScriptCaller<never>;
  private readonly releaseScript: ScriptCaller<never>;
  private readonly restoreScript: ScriptCaller<never>;

  constructor(private readonly ctx: RedisContext) {
    this.claimScript = defineScript(ctx, { name: 'inbound_claim', keys: 2, lua: CLAIM_LUA, outcomes: { 1: 'taken' } });
    this.completeScript = defineScript(ctx, { name: 'inbound_complete', keys: 1, lua: COMPLETE_LUA });
    this.releaseScript = defineScript(ctx, { name: 'inbound_release', keys: 2, lua: RELEASE_LUA });
    this.restoreScript = defineScript(ctx, { name: 'inbound_restore', keys: 3, lua: RESTORE_LUA });
  }

  /** Writes a receipt as it is, claimed at `claimedAt` (an import); see RESTORE_LUA. */
  async restore(receipt: InboundMessageRecord, claimedAt: string): Promise<void> {
    const { keys, redis } = this.ctx;
    const [oldChannel, oldAddress] = await redis.hmget(keys.inboundMessage(receipt.messageId), 'channel', 'address');
    const byAddress = keys.inboundByAddress(receipt.channel, receipt.address);
    const fields: Record<string, string | number | null> = {
      messageId: receipt.messageId,
      channel: receipt.channel,
      address: receipt.address,
      media: JSON.stringify(receipt.media),
      state: receipt.state,
      response: receipt.response,
      receivedAt: receipt.receivedAt,
      claimedAtMs: Date.parse(claimedAt),
      completedAt: receipt.completedAt,
    };
    const pairs = Object.entries(fields).flatMap(([field, value]) => (value === null ? [] : [field, value]));
    await this.restoreScript(
      [keys.inboundMessage(receipt.messageId), byAddress, oldChannel != null && oldAddress != null ? keys.inboundByAddress(oldChannel, oldAddress) : byAddress],
      [receipt.messageId, Date.parse(receipt.receivedAt), ...pairs],
    );
  }

  async claim(message: NewInboundMessage, now: Date, staleAfterMs: number): Promise<ClaimResult> {
    const at = nowIso(now);
    const { keys } = this.ctx;
    const answer = await this.claimScript(
      [keys.inboundMessage(message.messageId), keys.inboundByAddress(message.channel, message.address)],
      [message.messageId, message.channel, message.address, JSON.stringify(message.media), at, now.getTime(), now.getTime() - staleAfterMs],
    );
    if (answer.outcome === 'done') return { claimed: true };
    return { claimed: false, record: receiptFromHash(fieldsOf(answer.values[0])) };
  }

  async complete(messageId: string, response: string, now: Date): Promise<void> {
    await this.completeScript([this.ctx.keys.inboundMessage(messageId)], [response, nowIso(now)]);
  }

  async release(messageId: string): Promise<void> {
    const { keys, redis } = this.ctx;
    // The address is only known from the record; a record released meanwhile has nothing to drop.
    const found = await redis.hmget(keys.inboundMessage(messageId), 'channel', 'address');
    const [channel, address] = found;
    if (channel == null || address == null) return;
    await this.releaseScript([keys.inboundMessage(messageId), keys.inboundByAddress(channel, address)], [messageId]);
  }

  async get(messageId: string): Promise<InboundMessageRecord | null> {
    const fields = await this.ctx.redis.hgetall(this.ctx.keys.inboundMessage(messageId));
    return Object.keys(fields).length === 0 ? null : receiptFromHash(fields);
  }

  async lastReceivedAt(address: string, channel: string): Promise<string | null> {
    const newest = await this.ctx.redis.zrevrange(this.ctx.keys.inboundByAddress(channel, address), 0, 0, 'WITHSCORES');
    const ms = newest[1];
    // Receipts are scored by the instant they were stamped with, which is stored in ISO form to the ms.
    return ms === undefined ? null : new Date(Number(ms)).toISOString();
  }
}
