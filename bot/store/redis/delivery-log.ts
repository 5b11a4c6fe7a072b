// Delivery status of outbound messages on Redis, one hash per provider message id. Reports arrive
// out of order, so the stage check and the write are one script: a late report never moves a
// record back, whichever process applies it.
import {
  FINISHED_DELIVERY_STATUSES,
  deliveryStage,
  type DeliveryLog,
  type DeliveryRecord,
  type DeliveryReport,
  type NewDelivery,
} from '../../ports/delivery-log';
import { nowIso } from '../sqlite/instants';
import type { RedisContext } from './context';
import { defineScript, fieldsOf, type ScriptCaller } from './scripts';

// Both scripts keep `deliveriesFinished` (by address) in step with the record's status, and give a
// new record a creation sequence so deliveries updated in one instant still have an order.
const RECORD_SENT_LUA = `
-- Records a message the provider accepted; a report that came first keeps its status and gains the kind.
-- KEYS[1] the delivery's hash, KEYS[2] the address's finished deliveries, KEYS[3] the sequence counter
-- ARGV[1] provider id, ARGV[2] address, ARGV[3] channel, ARGV[4] kind ('' for none), ARGV[5] status,
-- ARGV[6] its stage, ARGV[7] 1 when the status is finished, ARGV[8] now (ISO), ARGV[9] now (ms)
-- Returns {0}
if redis.call('EXISTS', KEYS[1]) == 1 then
  if ARGV[4] ~= '' and not redis.call('HGET', KEYS[1], 'kind') then
    redis.call('HSET', KEYS[1], 'kind', ARGV[4])
  end
  return {0}
end
redis.call('HSET', KEYS[1], 'providerId', ARGV[1], 'address', ARGV[2], 'channel', ARGV[3], 'status', ARGV[5],
  'stage', ARGV[6], 'unreachable', '0', 'createdAt', ARGV[8], 'updatedAt', ARGV[8], 'seq', redis.call('INCR', KEYS[3]))
if ARGV[4] ~= '' then redis.call('HSET', KEYS[1], 'kind', ARGV[4]) end
if ARGV[7] == '1' then redis.call('ZADD', KEYS[2], ARGV[9], ARGV[1]) end
return {0}
`;

const RECORD_STATUS_LUA = `
-- Applies a status report unless the record is already at a later stage; creates the record if needed.
-- KEYS[1] the delivery's hash, KEYS[2] the address's finished deliveries, KEYS[3] the sequence counter
-- ARGV[1] provider id, ARGV[2] address, ARGV[3] channel, ARGV[4] status, ARGV[5] its stage,
-- ARGV[6] 1 when the status is finished, ARGV[7] error code ('' for none), ARGV[8] unreachable (0/1),
-- ARGV[9] now (ISO), ARGV[10] now (ms)
-- Returns {0, HGETALL} the record as it stands
local stage = redis.call('HGET', KEYS[1], 'stage')
if not stage then
  redis.call('HSET', KEYS[1], 'providerId', ARGV[1], 'address', ARGV[2], 'channel', ARGV[3], 'createdAt', ARGV[9],
    'seq', redis.call('INCR', KEYS[3]))
elseif tonumber(ARGV[5]) < tonumber(stage) then
  return {0, redis.call('HGETALL', KEYS[1])}
end
redis.call('HSET', KEYS[1], 'status', ARGV[4], 'stage', ARGV[5], 'unreachable', ARGV[8], 'updatedAt', ARGV[9])
if ARGV[7] == '' then redis.call('HDEL', KEYS[1], 'errorCode') else redis.call('HSET', KEYS[1], 'errorCode', ARGV[7]) end
if ARGV[6] == '1' then
  redis.call('ZADD', KEYS[2], ARGV[10], ARGV[1])
else
  redis.call('ZREM', KEYS[2], ARGV[1])
end
return {0, redis.call('HGETALL', KEYS[1])}
`;

const RESTORE_LUA = `
-- Writes a delivery record as it is (an import), replacing the one with its id (in its old sequence).
-- KEYS[1] the delivery's hash, KEYS[2] the address's finished deliveries, KEYS[3] those of the record it
-- replaces (KEYS[2] again when there is none), KEYS[4] the sequence counter
-- ARGV[1] provider id, ARGV[2] 1 when the status is finished, ARGV[3] updated (ms), ARGV[4...] field, value pairs
-- Returns {0}
local seq = redis.call('HGET', KEYS[1], 'seq') or redis.call('INCR', KEYS[4])
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'seq', seq, unpack(ARGV, 4))
if ARGV[2] == '1' then redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1]) else redis.call('ZREM', KEYS[2], ARGV[1]) end
return {0}
`;

/** A delivery's hash as the record. */
export function deliveryFromHash(fields: Record<string, string>): DeliveryRecord {
  return {
    providerId: fields.providerId ?? '',
    address: fields.address ?? '',
    channel: fields.channel ?? '',
    kind: fields.kind ?? null,
    status: fields.status ?? '',
    errorCode: fields.errorCode ?? null,
    unreachable: fields.unreachable === '1',
    createdAt: fields.createdAt ?? '',
    updatedAt: fields.updatedAt ?? '',
  };
}

const finished = (status: string): '1' | '0' => (FINISHED_DELIVERY_STATUSES.includes(status) ? '1' : '0');

export class RedisDeliveryLog implements DeliveryLog {
  private readonly recordSentScript: ScriptCaller<never>;
  private readonly recordStatusScript: ScriptCaller<never>;
  private readonly restoreScript: ScriptCaller<never>;

  constructor(private readonly ctx: RedisContext) {
    this.recordSentScript = defineScript(ctx, { name: 'delivery_record_sent', keys: 3, lua: RECORD_SENT_LUA });
    this.recordStatusScript = defineScript(ctx, { name: 'delivery_record_status', keys: 3, lua: RECORD_STATUS_LUA });
    this.restoreScript = defineScript(ctx, { name: 'delivery_restore', keys: 4, lua: RESTORE_LUA });
  }

  /** Writes a delivery record as it is (an import); see RESTORE_LUA. */
  async restore(delivery: DeliveryRecord): Promise<void> {
    const { keys, redis } = this.ctx;
    const oldAddress = await redis.hget(keys.delivery(delivery.providerId), 'address');
    const finishedSet = keys.deliveriesFinished(delivery.address);
    const fields: Record<string, string | number | null> = {
      providerId: delivery.providerId,
      address: delivery.address,
      channel: delivery.channel,
      kind: delivery.kind,
      status: delivery.status,
      stage: deliveryStage(delivery.status),
      errorCode: delivery.errorCode,
      unreachable: delivery.unreachable ? '1' : '0',
      createdAt: delivery.createdAt,
      updatedAt: delivery.updatedAt,
    };
    const pairs = Object.entries(fields).flatMap(([field, value]) => (value === null ? [] : [field, value]));
    await this.restoreScript(
      [keys.delivery(delivery.providerId), finishedSet, oldAddress === null ? finishedSet : keys.deliveriesFinished(oldAddress), keys.sequence],
      [delivery.providerId, finished(delivery.status), Date.parse(delivery.updatedAt), ...pairs],
    );
  }

  async recordSent(delivery: NewDelivery, now: Date): Promise<void> {
    const { keys } = this.ctx;
    await this.recordSentScript(
      [keys.delivery(delivery.providerId), keys.deliveriesFinished(delivery.address), keys.sequence],
      [
        delivery.providerId,
        delivery.address,
        delivery.channel,
        delivery.kind ?? '',
        delivery.status,
        deliveryStage(delivery.status),
        finished(delivery.status),
        nowIso(now),
        now.getTime(),
      ],
    );
  }

  async recordStatus(report: DeliveryReport, now: Date): Promise<DeliveryRecord> {
    const { keys } = this.ctx;
    const answer = await this.recordStatusScript(
      [keys.delivery(report.providerId), keys.deliveriesFinished(report.address), keys.sequence],
      [
        report.providerId,
        report.address,
        report.channel,
        report.status,
        deliveryStage(report.status),
        finished(report.status),
        report.errorCode ?? '',
        report.unreachable ? 1 : 0,
        nowIso(now),
        now.getTime(),
      ],
    );
    return deliveryFromHash(fieldsOf(answer.values[0]));
  }

  async get(providerId: string): Promise<DeliveryRecord | null> {
    const fields = await this.ctx.redis.hgetall(this.ctx.keys.delivery(providerId));
    return Object.keys(fields).length === 0 ? null : deliveryFromHash(fields);
  }

  async isUnreachable(address: string): Promise<boolean> {
    const { keys, redis } = this.ctx;
    const newest = await redis.zrevrange(keys.deliveriesFinished(address), 0, 0, 'WITHSCORES');
    const score = newest[1];
    if (score === undefined) return false;
    // Deliveries finished in the same millisecond: the one recorded last is the latest.
    const tied = await redis.zrangebyscore(keys.deliveriesFinished(address), score, score);
    const records = await Promise.all(tied.map((id) => redis.hmget(keys.delivery(id), 'seq', 'unreachable')));
    let latest: { seq: number; unreachable: boolean } | null = null;
    for (const [seq, unreachable] of records) {
      const entry = { seq: Number(seq ?? 0), unreachable: unreachable === '1' };
      if (!latest || entry.seq > latest.seq) latest = entry;
    }
    return latest?.unreachable ?? false;
  }
}
