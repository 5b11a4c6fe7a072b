// The outbox on Redis: the one job model shared by every process on one Redis. Each message is a
// hash; indexes say what may be due (queued by notBefore, leases by their end), what holds an
// address's order back, and each sender's next send slot. Every change that touches more than one
// key is a script, so a claim reads the due rows and takes one in a single atomic step: two
// processes never take the same message, and a lease that runs out hands it to the next claim.
// Not BullMQ: its open-source queue has no per-address ordering (that is BullMQ Pro's groups), one
// rate limit per queue rather than a gap per sender key, priorities that would pass a client's own
// earlier message, timers on the server's clock rather than the `now` we are given, and jobs that are
// not listable or withdrawable by our fields (nor dedupe keys with ':' as job ids).
import type { ClaimOptions, NewOutbound, OutboundQueueStore, OutboundStatus, QueuedMessage } from '../../ports/messaging';
import { newId } from '../sqlite/ids';
import { nowIso, toUtcIso } from '../sqlite/instants';
import type { RedisContext } from './context';
import { byInstant, readHashes } from './reads';
import { defineScript, fieldsOf, type ScriptCaller } from './scripts';

// How a sender key's queue orders its messages, shared by every script that adds to it or takes from
// it: the priority band (a client waits for it: 0, else 1) then notBefore as the score, and the
// zero-padded creation sequence leading the member, so equal scores keep the order of creation.
const QUEUE_ORDER = `
local BAND = 17592186044416 -- 2^44 ms (the year 2527): a band's scores never reach the next band's
local function queue_score(priority, not_before) return (1 - tonumber(priority)) * BAND + tonumber(not_before) end
local function queue_member(seq, id) return string.format('%015d', tonumber(seq)) .. '|' .. id end
`;

// Every finishing script starts with these: the key families it reaches through the message's own
// fields (its address, its client, its sender key), and a status change that keeps the status sets in step.
const FINISH_HEADER = `${QUEUE_ORDER}
local P_MSG, P_STATUS, P_OPEN, P_SENT, P_QUEUED = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local id, key = ARGV[6], P_MSG .. ARGV[6]
local function move_status(from, to)
  redis.call('SREM', P_STATUS .. from, id)
  redis.call('SADD', P_STATUS .. to, id)
  redis.call('HSET', key, 'status', to)
end
local function held_by(worker)
  local f = redis.call('HMGET', key, 'status', 'claimedBy')
  return f[1] == 'sending' and f[2] == worker
end
`;

const FINISH_ARGS_DOC = `
-- ARGV[1..5] key families: message hash, status set, address's open messages, client's sent messages,
-- sender key's queue; ARGV[6] message id`;

const ENQUEUE_LUA = `
-- Adds a message, or answers the one already stored under its dedupe key.
-- KEYS[1] the dedupe key's string (keys.outboxByDedupeKey; unused without a key), KEYS[2] the message's hash,
-- KEYS[3] every message by sequence, KEYS[4] the sender key's queue, KEYS[5] the status's set,
-- KEYS[6] the address's messages, KEYS[7] the address's open messages, KEYS[8] the sender keys,
-- KEYS[9] the sequence counter
-- ARGV[1] 1 when there is a dedupe key, ARGV[2] id, ARGV[3] status, ARGV[4] notBefore (ms),
-- ARGV[5] sender key, ARGV[6] the message hash family, ARGV[7] priority (1 a client waits for it, 0 not),
-- ARGV[8...] field, value pairs of the new message
-- Returns {0, HGETALL} created; {1, HGETALL} the message already stored under the key
${QUEUE_ORDER}
if ARGV[1] == '1' then
  local existing = redis.call('GET', KEYS[1])
  if existing then
    local fields = redis.call('HGETALL', ARGV[6] .. existing)
    if #fields == 0 then return {-2, 'the dedupe key names a missing message'} end
    return {1, fields}
  end
  redis.call('SET', KEYS[1], ARGV[2])
end
local seq = redis.call('INCR', KEYS[9])
local fields = {}
for i = 8, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', KEYS[2], 'seq', seq, unpack(fields))
redis.call('ZADD', KEYS[3], seq, ARGV[2])
redis.call('SADD', KEYS[5], ARGV[2])
redis.call('ZADD', KEYS[6], seq, ARGV[2])
redis.call('SADD', KEYS[8], ARGV[5])
if ARGV[3] == 'queued' then
  redis.call('ZADD', KEYS[4], queue_score(ARGV[7], ARGV[4]), queue_member(seq, ARGV[2]))
  redis.call('ZADD', KEYS[7], seq, ARGV[2])
end
return {0, redis.call('HGETALL', KEYS[2])}
`;

// The serving rule, as the SQLite store states it in SQL: due messages (queued with notBefore <= now,
// or sending under a lease that ran out) whose sender's slot has come, those a client waits for
// first, then by notBefore, then oldest first; a message is passed over while its address has
// another in flight, while an earlier attempted one of its address waits (a fresh message waits
// behind any attempted one), or while an earlier one of its address is due too.
// Each sender key's queue is already in serving order, so the script reads, for each sender whose
// slot has come, only up to its first message that may go; a busy sender costs one read.
const CLAIM_LUA = `
-- Takes the first due message a worker may send now and leases it to the worker.
-- KEYS[1] leased by lease end, KEYS[2] sender slots, KEYS[3] the sender keys
-- ARGV[1] message hash family, ARGV[2] status set family, ARGV[3] address's open messages family,
-- ARGV[4] sender key's queue family, ARGV[5] now (ms), ARGV[6] now (ISO), ARGV[7] worker id, ARGV[8] lease (ms),
-- ARGV[9] the gap (ms) for every sender key, or '' when the gaps follow per key as
-- ARGV[10...] sender key, gap pairs (a sender key without a gap is not served by this claim)
-- Returns {0, HGETALL} the claimed message; {1} nothing may be sent now
${QUEUE_ORDER}
local P_MSG, P_STATUS, P_OPEN, P_QUEUED = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local now = tonumber(ARGV[5])
local PAGE = 32
local gaps = {}
local default_gap = nil
if ARGV[9] ~= '' then default_gap = tonumber(ARGV[9]) end
for i = 10, #ARGV, 2 do gaps[ARGV[i]] = tonumber(ARGV[i + 1]) end

local function load(id)
  local f = redis.call('HMGET', P_MSG .. id, 'priority', 'notBeforeMs', 'seq', 'address', 'senderKey', 'attempts', 'status')
  if not f[3] then return nil end
  return { id = id, priority = tonumber(f[1]), not_before = tonumber(f[2]), seq = tonumber(f[3]),
    address = f[4], sender = f[5], attempts = tonumber(f[6]), status = f[7] }
end

local function before(a, b)
  if a.priority ~= b.priority then return a.priority > b.priority end
  if a.not_before ~= b.not_before then return a.not_before < b.not_before end
  return a.seq < b.seq
end

local ready = {}
local function sender_ready(sender)
  if ready[sender] == nil then
    local gap = gaps[sender] or default_gap
    local slot = redis.call('HGET', KEYS[2], sender)
    ready[sender] = gap ~= nil and (not slot or tonumber(slot) <= now)
  end
  return ready[sender]
end

-- An address's open messages, read once per claim.
local open = {}
local function open_of(address)
  if open[address] == nil then
    local list = {}
    for _, other in ipairs(redis.call('ZRANGE', P_OPEN .. address, 0, -1)) do
      local e = redis.call('HMGET', P_MSG .. other, 'status', 'attempts', 'leaseUntilMs', 'seq', 'notBeforeMs')
      list[#list + 1] = { id = other, status = e[1], attempts = tonumber(e[2]), lease = tonumber(e[3]) or 0,
        seq = tonumber(e[4]), not_before = tonumber(e[5]) }
    end
    open[address] = list
  end
  return open[address]
end

local function address_allows(m)
  for _, e in ipairs(open_of(m.address)) do
    if e.id ~= m.id then
      local in_flight = e.status == 'sending' and e.lease > now
      if e.attempts > 0 and (in_flight or m.attempts == 0 or e.seq < m.seq) then return false end
      if e.seq < m.seq and e.status == 'queued' and e.not_before <= now then return false end
    end
  end
  return true
end

local best = nil
local function offer(m)
  if m and address_allows(m) and (best == nil or before(m, best)) then best = m end
end

for _, sender in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  if sender_ready(sender) then
    for band = 0, 1 do
      local found, offset = nil, 0
      repeat
        local page = redis.call('ZRANGEBYSCORE', P_QUEUED .. sender, band * BAND - BAND / 2, band * BAND + now, 'LIMIT', offset, PAGE)
        for _, member in ipairs(page) do
          local m = load(string.sub(member, 17))
          if m and address_allows(m) then found = m break end
        end
        offset = offset + #page
      until found or #page < PAGE
      if found then
        if best == nil or before(found, best) then best = found end
        break
      end
    end
  end
end
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)) do
  local m = load(id)
  if m and sender_ready(m.sender) then offer(m) end
end
if best == nil then return {1} end

local m = best
local key = P_MSG .. m.id
local lease_until = now + tonumber(ARGV[8])
if m.status == 'queued' then
  redis.call('ZREM', P_QUEUED .. m.sender, queue_member(m.seq, m.id))
  redis.call('SREM', P_STATUS .. 'queued', m.id)
  redis.call('SADD', P_STATUS .. 'sending', m.id)
end
redis.call('HSET', key, 'status', 'sending', 'claimedBy', ARGV[7], 'leaseUntilMs', lease_until, 'updatedAt', ARGV[6])
redis.call('HINCRBY', key, 'attempts', 1)
redis.call('ZADD', KEYS[1], lease_until, m.id)
redis.call('HSET', KEYS[2], m.sender, now + (gaps[m.sender] or default_gap))
return {0, redis.call('HGETALL', key)}
`;

const MARK_SENT_LUA = `
-- The provider took the message: sent, for the worker holding it (also when held as sent but unrecorded).
-- KEYS[1] leased by lease end${FINISH_ARGS_DOC}, ARGV[7] worker id, ARGV[8] provider id, ARGV[9] now (ISO), ARGV[10] now (ms)
-- Returns {0} done; {1} the worker does not hold it
${FINISH_HEADER}
if not held_by(ARGV[7]) then return {1} end
move_status('sending', 'sent')
redis.call('HSET', key, 'providerId', ARGV[8], 'sentAt', ARGV[9], 'updatedAt', ARGV[9])
redis.call('HDEL', key, 'claimedBy', 'leaseUntilMs', 'reason')
redis.call('ZREM', KEYS[1], id)
local f = redis.call('HMGET', key, 'address', 'clientId')
redis.call('ZREM', P_OPEN .. f[1], id)
if f[2] then redis.call('ZADD', P_SENT .. f[2], ARGV[10], id) end
return {0}
`;

const HOLD_SENT_LUA = `
-- Sent but not recorded: stays sending under the worker with no lease, so no lease expiry sends it again.
-- KEYS[1] leased by lease end${FINISH_ARGS_DOC}, ARGV[7] worker id, ARGV[8] provider id, ARGV[9] now (ISO)
-- Returns {0} done; {1} the worker does not hold it
${FINISH_HEADER}
if not held_by(ARGV[7]) then return {1} end
redis.call('HSET', key, 'reason', 'sent_unrecorded', 'providerId', ARGV[8], 'updatedAt', ARGV[9])
redis.call('HDEL', key, 'leaseUntilMs')
redis.call('ZREM', KEYS[1], id)
redis.call('ZREM', P_OPEN .. redis.call('HGET', key, 'address'), id)
return {0}
`;

const MARK_RETRY_LUA = `
-- Back to queued, to be tried again at notBefore; it keeps its address's order.
-- KEYS[1] leased by lease end${FINISH_ARGS_DOC}, ARGV[7] worker id,
-- ARGV[8] reason, ARGV[9] notBefore (ISO), ARGV[10] notBefore (ms), ARGV[11] now (ISO)
-- Returns {0} done; {1} the worker does not hold it
${FINISH_HEADER}
if not held_by(ARGV[7]) then return {1} end
move_status('sending', 'queued')
redis.call('HSET', key, 'reason', ARGV[8], 'notBefore', ARGV[9], 'notBeforeMs', ARGV[10], 'updatedAt', ARGV[11])
redis.call('HDEL', key, 'claimedBy', 'leaseUntilMs')
redis.call('ZREM', KEYS[1], id)
local f = redis.call('HMGET', key, 'address', 'seq', 'senderKey', 'priority')
redis.call('ZADD', P_QUEUED .. f[3], queue_score(f[4], ARGV[10]), queue_member(f[2], id))
redis.call('ZADD', P_OPEN .. f[1], f[2], id)
return {0}
`;

const MARK_DONE_LUA = `
-- Finished without being sent (failed, suppressed or expired), for the worker holding it.
-- KEYS[1] leased by lease end${FINISH_ARGS_DOC}, ARGV[7] worker id, ARGV[8] status, ARGV[9] reason, ARGV[10] now (ISO)
-- Returns {0} done; {1} the worker does not hold it
${FINISH_HEADER}
if not held_by(ARGV[7]) then return {1} end
move_status('sending', ARGV[8])
redis.call('HSET', key, 'reason', ARGV[9], 'updatedAt', ARGV[10])
redis.call('HDEL', key, 'claimedBy', 'leaseUntilMs')
redis.call('ZREM', KEYS[1], id)
redis.call('ZREM', P_OPEN .. redis.call('HGET', key, 'address'), id)
return {0}
`;

const WITHDRAW_LUA = `
-- Expires a queued message that is no longer wanted; one being sent or finished is left alone.
-- KEYS: none${FINISH_ARGS_DOC}, ARGV[7] reason, ARGV[8] now (ISO)
-- Returns {0} withdrawn; {1} it is not queued
${FINISH_HEADER}
if redis.call('HGET', key, 'status') ~= 'queued' then return {1} end
move_status('queued', 'expired')
redis.call('HSET', key, 'reason', ARGV[7], 'updatedAt', ARGV[8])
local f = redis.call('HMGET', key, 'address', 'seq', 'senderKey')
redis.call('ZREM', P_QUEUED .. f[3], queue_member(f[2], id))
redis.call('ZREM', P_OPEN .. f[1], id)
return {0}
`;

const RESTORE_LUA = `
-- Writes a message as it is (an import), replacing the one with its id (in its old sequence), into the
-- indexes of its status: queued ones in their sender's queue and their address's order, a sending one
-- under its lease (or, held as sent, under none), a sent one among its client's sent messages.
-- KEYS[1] every message by sequence, KEYS[2] the sender keys, KEYS[3] leased by lease end, KEYS[4] the sequence counter${FINISH_ARGS_DOC},
-- ARGV[7] address's messages family, ARGV[8] dedupe key family, ARGV[9] status, ARGV[10] sender key, ARGV[11] address,
-- ARGV[12] client id ('' for none), ARGV[13] dedupe key ('' for none), ARGV[14] priority (1 a client waits for it, 0 not),
-- ARGV[15] notBefore (ms), ARGV[16] lease end (ms, '' for none), ARGV[17] sentAt (ms, '' for none),
-- ARGV[18...] field, value pairs of the message
-- Returns {0}
${FINISH_HEADER}
local P_ADDR, P_DEDUPE = ARGV[7], ARGV[8]
local old = redis.call('HMGET', key, 'seq', 'status', 'address', 'senderKey', 'clientId', 'dedupeKey')
local seq = old[1]
if seq then
  redis.call('SREM', P_STATUS .. old[2], id)
  redis.call('ZREM', P_QUEUED .. old[4], queue_member(seq, id))
  redis.call('ZREM', P_OPEN .. old[3], id)
  redis.call('ZREM', P_ADDR .. old[3], id)
  redis.call('ZREM', KEYS[3], id)
  if old[5] then redis.call('ZREM', P_SENT .. old[5], id) end
  if old[6] and redis.call('GET', P_DEDUPE .. old[6]) == id then redis.call('DEL', P_DEDUPE .. old[6]) end
  redis.call('DEL', key)
else
  seq = redis.call('INCR', KEYS[4])
end
local status, sender, address = ARGV[9], ARGV[10], ARGV[11]
redis.call('HSET', key, 'seq', seq, unpack(ARGV, 18))
redis.call('ZADD', KEYS[1], seq, id)
redis.call('SADD', P_STATUS .. status, id)
redis.call('ZADD', P_ADDR .. address, seq, id)
redis.call('SADD', KEYS[2], sender)
if ARGV[13] ~= '' then redis.call('SET', P_DEDUPE .. ARGV[13], id) end
if status == 'queued' then
  redis.call('ZADD', P_QUEUED .. sender, queue_score(ARGV[14], ARGV[15]), queue_member(seq, id))
  redis.call('ZADD', P_OPEN .. address, seq, id)
end
if status == 'sending' and ARGV[16] ~= '' then
  redis.call('ZADD', KEYS[3], ARGV[16], id)
  redis.call('ZADD', P_OPEN .. address, seq, id)
end
if status == 'sent' and ARGV[12] ~= '' and ARGV[17] ~= '' then redis.call('ZADD', P_SENT .. ARGV[12], ARGV[17], id) end
return {0}
`;

const STATUSES: readonly OutboundStatus[] = ['queued', 'sending', 'sent', 'failed', 'suppressed', 'expired'];

/** An outbox message's hash as the message. */
export function outboxFromHash(fields: Record<string, string>): QueuedMessage {
  const status = STATUSES.find((s) => s === fields.status);
  if (!status) throw new Error(`an outbox message has no known status: ${JSON.stringify(fields.status)}`);
  return {
    id: fields.id ?? '',
    dedupeKey: fields.dedupeKey ?? null,
    clientId: fields.clientId ?? null,
    address: fields.address ?? '',
    channel: fields.channel ?? '',
    senderKey: fields.senderKey ?? '',
    kind: fields.kind ?? '',
    priority: fields.priority === '1' ? 'now' : 'normal',
    text: fields.text ?? '',
    mediaUrls: JSON.parse(fields.media ?? '[]') as string[],
    status,
    reason: fields.reason ?? null,
    attempts: Number(fields.attempts ?? 0),
    notBefore: fields.notBefore ?? '',
    expiresAt: fields.expiresAt ?? null,
    providerId: fields.providerId ?? null,
    createdAt: fields.createdAt ?? '',
    updatedAt: fields.updatedAt ?? '',
    sentAt: fields.sentAt ?? null,
  };
}

type Row = { message: QueuedMessage; seq: number };
const bySend = byInstant<Row>((row) => row.message.sentAt ?? '');
const byCreatedAt = byInstant<Row>((row) => row.message.createdAt);
/** Oldest first, as the outbox lists its rows: by creation time, then by sequence. */
const byCreation = (a: Row, b: Row): number => byCreatedAt(a, b) || a.seq - b.seq;

export class RedisOutboundQueueStore implements OutboundQueueStore {
  private readonly enqueueScript: ScriptCaller<'existing'>;
  private readonly claimScript: ScriptCaller<'none_due'>;
  private readonly markSentScript: ScriptCaller<'not_held'>;
  private readonly holdSentScript: ScriptCaller<'not_held'>;
  private readonly markRetryScript: ScriptCaller<'not_held'>;
  private readonly markDoneScript: ScriptCaller<'not_held'>;
  private readonly withdrawScript: ScriptCaller<'not_queued'>;
  private readonly restoreScript: ScriptCaller<never>;

  constructor(private readonly ctx: RedisContext) {
    const notHeld = { 1: 'not_held' } as const;
    this.enqueueScript = defineScript(ctx, { name: 'outbox_enqueue', keys: 9, lua: ENQUEUE_LUA, outcomes: { 1: 'existing' } });
    this.claimScript = defineScript(ctx, { name: 'outbox_claim', keys: 3, lua: CLAIM_LUA, outcomes: { 1: 'none_due' } });
    this.markSentScript = defineScript(ctx, { name: 'outbox_mark_sent', keys: 1, lua: MARK_SENT_LUA, outcomes: notHeld });
    this.holdSentScript = defineScript(ctx, { name: 'outbox_hold_sent', keys: 1, lua: HOLD_SENT_LUA, outcomes: notHeld });
    this.markRetryScript = defineScript(ctx, { name: 'outbox_mark_retry', keys: 1, lua: MARK_RETRY_LUA, outcomes: notHeld });
    this.markDoneScript = defineScript(ctx, { name: 'outbox_mark_done', keys: 1, lua: MARK_DONE_LUA, outcomes: notHeld });
    this.withdrawScript = defineScript(ctx, { name: 'outbox_withdraw', keys: 0, lua: WITHDRAW_LUA, outcomes: { 1: 'not_queued' } });
    this.restoreScript = defineScript(ctx, { name: 'outbox_restore', keys: 4, lua: RESTORE_LUA });
  }

  /**
   * Writes a message as it is, with its id and instants (an import), held by `claimedBy` until
   * `leaseUntil` while it is being sent; see RESTORE_LUA.
   */
  async restore(message: QueuedMessage, claimedBy: string | null, leaseUntil: string | null): Promise<void> {
    const { keys } = this.ctx;
    const notBefore = toUtcIso(message.notBefore, 'notBefore');
    const leaseMs = leaseUntil === null ? '' : Date.parse(toUtcIso(leaseUntil, 'leaseUntil'));
    const fields: Record<string, string | number | null> = {
      id: message.id,
      dedupeKey: message.dedupeKey,
      clientId: message.clientId,
      address: message.address,
      channel: message.channel,
      senderKey: message.senderKey,
      kind: message.kind,
      priority: message.priority === 'now' ? '1' : '0',
      text: message.text,
      media: JSON.stringify(message.mediaUrls),
      status: message.status,
      reason: message.reason,
      attempts: message.attempts,
      notBefore,
      notBeforeMs: Date.parse(notBefore),
      expiresAt: message.expiresAt,
      claimedBy,
      leaseUntilMs: leaseMs === '' ? null : leaseMs,
      providerId: message.providerId,
      createdAt: message.createdAt,
      updatedAt: message.updatedAt,
      sentAt: message.sentAt,
    };
    const pairs = Object.entries(fields).flatMap(([field, value]) => (value === null ? [] : [field, value]));
    await this.restoreScript(
      [keys.outboxAll, keys.outboxSenders, keys.outboxLeased, keys.sequence],
      [
        ...this.families(message.id),
        keys.outboxAddressPrefix,
        keys.outboxByDedupeKey(''),
        message.status,
        message.senderKey,
        message.address,
        message.clientId ?? '',
        message.dedupeKey ?? '',
        fields.priority as string,
        fields.notBeforeMs as number,
        leaseMs,
        message.sentAt === null ? '' : Date.parse(message.sentAt),
        ...pairs,
      ],
    );
  }

  /** Every sender key's next send slot (an export), by sender key. */
  async sendSlots(): Promise<Array<{ senderKey: string; nextSlotAt: string }>> {
    const slots = await this.ctx.redis.hgetall(this.ctx.keys.outboxSenderSlots);
    return Object.entries(slots)
      .map(([senderKey, ms]) => ({ senderKey, nextSlotAt: new Date(Number(ms)).toISOString() }))
      .sort((a, b) => (a.senderKey < b.senderKey ? -1 : a.senderKey > b.senderKey ? 1 : 0));
  }

  /** Sets a sender key's next send slot (an import). */
  async restoreSendSlot(senderKey: string, nextSlotAt: string): Promise<void> {
    await this.ctx.redis.hset(this.ctx.keys.outboxSenderSlots, senderKey, Date.parse(toUtcIso(nextSlotAt, 'nextSlotAt')));
  }

  /** Every message in list order with the worker holding it and its lease's end (an export). */
  async withClaims(): Promise<Array<{ message: QueuedMessage; claimedBy: string | null; leaseUntil: string | null }>> {
    const { keys, redis } = this.ctx;
    const hashes = await readHashes(redis, (await redis.zrange(keys.outboxAll, 0, -1)).map((id) => keys.outboxMessage(id)));
    const rows = hashes.map((fields) => ({ message: outboxFromHash(fields), seq: Number(fields.seq ?? 0), fields }));
    return rows.sort(byCreation).map(({ message, fields }) => ({
      message,
      claimedBy: fields.claimedBy ?? null,
      leaseUntil: fields.leaseUntilMs === undefined ? null : new Date(Number(fields.leaseUntilMs)).toISOString(),
    }));
  }

  async enqueue(message: NewOutbound, now: Date): Promise<{ created: boolean; message: QueuedMessage }> {
    const { keys } = this.ctx;
    const at = nowIso(now);
    const id = newId('out');
    const status = message.status ?? 'queued';
    const notBefore = toUtcIso(message.notBefore, 'notBefore');
    const fields: Record<string, string | null> = {
      id,
      dedupeKey: message.dedupeKey ?? null,
      clientId: message.clientId ?? null,
      address: message.address,
      channel: message.channel,
      senderKey: message.senderKey,
      kind: message.kind,
      priority: message.priority === 'now' ? '1' : '0',
      text: message.text,
      media: JSON.stringify(message.mediaUrls ?? []),
      status,
      reason: message.reason ?? null,
      attempts: '0',
      notBefore,
      notBeforeMs: String(Date.parse(notBefore)),
      expiresAt: message.expiresAt ? toUtcIso(message.expiresAt, 'expiresAt') : null,
      createdAt: at,
      updatedAt: at,
    };
    const pairs = Object.entries(fields).flatMap(([field, value]) => (value === null ? [] : [field, value]));
    const dedupeKey = message.dedupeKey ?? null;
    const answer = await this.enqueueScript(
      [
        dedupeKey === null ? keys.outboxMessage(id) : keys.outboxByDedupeKey(dedupeKey),
        keys.outboxMessage(id),
        keys.outboxAll,
        keys.outboxQueued(message.senderKey),
        keys.outboxStatus(status),
        keys.outboxAddress(message.address),
        keys.outboxAddressOpen(message.address),
        keys.outboxSenders,
        keys.sequence,
      ],
      [dedupeKey === null ? 0 : 1, id, status, fields.notBeforeMs as string, message.senderKey, keys.outboxMessagePrefix, fields.priority as string, ...pairs],
    );
    return { created: answer.outcome === 'done', message: outboxFromHash(fieldsOf(answer.values[0])) };
  }

  async claimNext(now: Date, options: ClaimOptions): Promise<QueuedMessage | null> {
    const { keys, redis } = this.ctx;
    const at = nowIso(now);
    let gaps: Array<string | number>;
    if (typeof options.minIntervalMs === 'number') {
      gaps = [options.minIntervalMs];
    } else {
      // The gap is the caller's function of the sender key, so it is worked out here for every sender
      // key the outbox knows; one enqueued after this read waits for the next claim.
      const gapOf = options.minIntervalMs;
      gaps = ['', ...(await redis.smembers(keys.outboxSenders)).flatMap((sender) => [sender, gapOf(sender)])];
    }
    const answer = await this.claimScript(
      [keys.outboxLeased, keys.outboxSenderSlots, keys.outboxSenders],
      [
        keys.outboxMessagePrefix,
        keys.outboxStatusPrefix,
        keys.outboxAddressOpenPrefix,
        keys.outboxQueuedPrefix,
        now.getTime(),
        at,
        options.workerId,
        options.leaseMs,
        ...gaps,
      ],
    );
    return answer.outcome === 'done' ? outboxFromHash(fieldsOf(answer.values[0])) : null;
  }

  async markSent(id: string, workerId: string, providerId: string, now: Date): Promise<boolean> {
    const answer = await this.markSentScript([this.ctx.keys.outboxLeased], [...this.families(id), workerId, providerId, nowIso(now), now.getTime()]);
    return answer.outcome === 'done';
  }

  async holdSent(id: string, workerId: string, providerId: string, now: Date): Promise<boolean> {
    const answer = await this.holdSentScript([this.ctx.keys.outboxLeased], [...this.families(id), workerId, providerId, nowIso(now)]);
    return answer.outcome === 'done';
  }

  async markRetry(id: string, workerId: string, reason: string, notBefore: Date, now: Date): Promise<boolean> {
    const { keys } = this.ctx;
    const answer = await this.markRetryScript(
      [keys.outboxLeased],
      [...this.families(id), workerId, reason, nowIso(notBefore), notBefore.getTime(), nowIso(now)],
    );
    return answer.outcome === 'done';
  }

  async markDone(id: string, workerId: string, status: 'failed' | 'suppressed' | 'expired', reason: string, now: Date): Promise<boolean> {
    const answer = await this.markDoneScript([this.ctx.keys.outboxLeased], [...this.families(id), workerId, status, reason, nowIso(now)]);
    return answer.outcome === 'done';
  }

  async withdraw(id: string, reason: string, now: Date): Promise<boolean> {
    const answer = await this.withdrawScript([], [...this.families(id), reason, nowIso(now)]);
    return answer.outcome === 'done';
  }

  async lastSent(query: { clientId: string; kind: string; since: Date }): Promise<QueuedMessage | null> {
    nowIso(query.since); // refuses an invalid instant, as every other method does
    const ids = await this.ctx.redis.zrevrangebyscore(this.ctx.keys.outboxSent(query.clientId), '+inf', query.since.getTime());
    const found = (await this.load(ids)).filter((m) => m.message.kind === query.kind && m.message.status === 'sent');
    // Newest send first; of two sent in one instant, the one enqueued later.
    found.sort((a, b) => bySend(b, a) || b.seq - a.seq);
    return found[0]?.message ?? null;
  }

  async get(id: string): Promise<QueuedMessage | null> {
    const [found] = await this.load([id]);
    return found?.message ?? null;
  }

  async findByDedupeKey(key: string): Promise<QueuedMessage | null> {
    const id = await this.ctx.redis.get(this.ctx.keys.outboxByDedupeKey(key));
    return id === null ? null : this.get(id);
  }

  async list(query: { status?: OutboundStatus; address?: string; kind?: string } = {}): Promise<QueuedMessage[]> {
    const { keys, redis } = this.ctx;
    // The narrowest index the query names gives the candidates; the other conditions filter them.
    let ids: string[];
    if (query.status) ids = await redis.smembers(keys.outboxStatus(query.status));
    else if (query.address) ids = await redis.zrange(keys.outboxAddress(query.address), 0, -1);
    else ids = await redis.zrange(keys.outboxAll, 0, -1);
    const rows = (await this.load(ids)).filter(
      ({ message }) =>
        (!query.status || message.status === query.status) &&
        (!query.address || message.address === query.address) &&
        (!query.kind || message.kind === query.kind),
    );
    return rows.sort(byCreation).map((row) => row.message);
  }

  private families(id: string): string[] {
    const { keys } = this.ctx;
    return [keys.outboxMessagePrefix, keys.outboxStatusPrefix, keys.outboxAddressOpenPrefix, keys.outboxSentPrefix, keys.outboxQueuedPrefix, id];
  }

  private async load(ids: readonly string[]): Promise<Array<{ message: QueuedMessage; seq: number }>> {
    const hashes = await readHashes(this.ctx.redis, ids.map((id) => this.ctx.keys.outboxMessage(id)));
    return hashes.map((fields) => ({ message: outboxFromHash(fields), seq: Number(fields.seq ?? 0) }));
  }
}
