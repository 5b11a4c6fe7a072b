// The handoff queue on Redis. Each ticket is a hash; sets hold the waiting and claimed ones, and a
// per-client string holds the client's one place in line. Every change that decides something
// (a new ticket, a claim, a hand-out in the rotation's turn, a "you moved up" notice) is one script,
// so of several processes doing it at once exactly one wins. The serving order is the domain's
// (compareServingOrder), applied to a consistent read of the waiting set.
import { compareServingOrder } from '../../domain/handoff';
import type {
  ClaimResult,
  CloseResult,
  EnqueueResult,
  HandoffState,
  HandoffStore,
  HandoffTicket,
  NewTicket,
  TurnClaimResult,
} from '../../ports/handoff';
import { newId } from '../sqlite/ids';
import { nowIso } from '../sqlite/instants';
import type { RedisContext } from './context';
import { byInstant } from './reads';
import { defineScript, fieldsOf, type ScriptCaller, type ScriptValue } from './scripts';

const ENQUEUE_LUA = `
-- Adds a waiting ticket unless the client already holds an active one.
-- KEYS[1] the client's active ticket, KEYS[2] the ticket number counter, KEYS[3] waiting tickets
-- ARGV[1] ticket hash family, ARGV[2] new id, ARGV[3...] field, value pairs of the new ticket
-- Returns {0, HGETALL} created; {1, HGETALL} the client's active ticket
local active = redis.call('GET', KEYS[1])
if active then
  local fields = redis.call('HGETALL', ARGV[1] .. active)
  if #fields == 0 then return {-2, 'a client names a missing active ticket'} end
  return {1, fields}
end
local key = ARGV[1] .. ARGV[2]
local fields = {}
for i = 3, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', key, 'number', redis.call('INCR', KEYS[2]), unpack(fields))
redis.call('SET', KEYS[1], ARGV[2])
redis.call('SADD', KEYS[3], ARGV[2])
return {0, redis.call('HGETALL', key)}
`;

// Shared by claim and claimInTurn: the claim of one waiting ticket, or why not.
const CLAIM_FUNCTION = `
local function claim_ticket(key, id, staff, name, has_name, at)
  local f = redis.call('HMGET', key, 'state', 'claimedBy', 'claimedByName')
  if not f[1] then return {2} end
  if f[1] == 'claimed' then return {1, f[2], f[3]} end
  if f[1] ~= 'waiting' then return {3} end
  redis.call('HSET', key, 'state', 'claimed', 'claimedAt', at, 'claimedBy', staff)
  if has_name == '1' then redis.call('HSET', key, 'claimedByName', name) else redis.call('HDEL', key, 'claimedByName') end
  redis.call('SREM', KEYS[1], id)
  redis.call('SADD', KEYS[2], id)
  return {0, redis.call('HGETALL', key)}
end
`;

const CLAIM_LUA = `
-- Claims a waiting ticket for one staff member.
-- KEYS[1] waiting tickets, KEYS[2] claimed tickets
-- ARGV[1] ticket hash family, ARGV[2] id, ARGV[3] staff id, ARGV[4] staff name, ARGV[5] 1 when named, ARGV[6] now (ISO)
-- Returns {0, HGETALL} claimed; {1, by, byName} already claimed; {2} not found; {3} not waiting
${CLAIM_FUNCTION}
return claim_ticket(ARGV[1] .. ARGV[2], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6])
`;

const CLAIM_IN_TURN_LUA = `
-- Hands a waiting ticket to a rotation member, only in the turn the caller read and only to a member
-- holding no claimed ticket; the rotation's place moves to the member in the same step.
-- KEYS[1] waiting tickets, KEYS[2] claimed tickets, KEYS[3] the rotation's place
-- ARGV[1] ticket hash family, ARGV[2] id, ARGV[3] member's console id, ARGV[4] name, ARGV[5] 1 when named,
-- ARGV[6] now (ISO), ARGV[7] the place the caller read, ARGV[8] 1 when it read one (0: before the first)
-- Returns as the claim does, and {4} the turn moved; {5} the member holds a ticket
${CLAIM_FUNCTION}
local cursor = redis.call('GET', KEYS[3])
if (ARGV[8] == '1') ~= (cursor ~= false) or (cursor and cursor ~= ARGV[7]) then return {4} end
for _, held in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  if redis.call('HGET', ARGV[1] .. held, 'claimedBy') == ARGV[3] then return {5} end
end
local result = claim_ticket(ARGV[1] .. ARGV[2], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6])
if result[1] == 0 then redis.call('SET', KEYS[3], ARGV[3]) end
return result
`;

const CLOSE_LUA = `
-- Closes a waiting or claimed ticket (resolved, abandoned, timed out), freeing the client's place.
-- KEYS[1] waiting tickets, KEYS[2] claimed tickets, KEYS[3] resolved tickets by resolvedAt
-- ARGV[1] ticket hash family, ARGV[2] active ticket family, ARGV[3] id, ARGV[4] new state, ARGV[5] by,
-- ARGV[6] now (ISO), ARGV[7] now (ms)
-- Returns {0, HGETALL} closed; {1} not active; {2} not found
local key = ARGV[1] .. ARGV[3]
local f = redis.call('HMGET', key, 'state', 'clientId', 'claimedAt')
if not f[1] then return {2} end
if f[1] ~= 'waiting' and f[1] ~= 'claimed' then return {1} end
redis.call('HSET', key, 'state', ARGV[4], 'resolvedAt', ARGV[6], 'resolvedBy', ARGV[5])
redis.call('SREM', KEYS[1], ARGV[3])
redis.call('SREM', KEYS[2], ARGV[3])
local active = ARGV[2] .. f[2]
if redis.call('GET', active) == ARGV[3] then redis.call('DEL', active) end
if ARGV[4] == 'resolved' and f[3] then redis.call('ZADD', KEYS[3], ARGV[7], ARGV[3]) end
return {0, redis.call('HGETALL', key)}
`;

const SET_THREAD_LUA = `
-- Remembers the staff console thread of a ticket, so a reply in it finds the ticket.
-- KEYS[1] the ticket's hash, KEYS[2] the thread's key
-- ARGV[1] id, ARGV[2] channel, ARGV[3] ts
-- Returns {0}, also for an unknown ticket (nothing to remember)
if redis.call('EXISTS', KEYS[1]) == 0 then return {0} end
local previous = redis.call('HGET', KEYS[1], 'threadKey')
if previous and previous ~= KEYS[2] and redis.call('GET', previous) == ARGV[1] then redis.call('DEL', previous) end
redis.call('HSET', KEYS[1], 'staffChannel', ARGV[2], 'staffTs', ARGV[3], 'threadKey', KEYS[2])
redis.call('SET', KEYS[2], ARGV[1])
return {0}
`;

const UPDATE_LUA = `
-- Sets fields of an existing ticket; an unknown ticket is left unknown.
-- KEYS[1] the ticket's hash. ARGV field, value pairs
-- Returns {0}
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], unpack(ARGV)) end
return {0}
`;

const MOVED_UP_LUA = `
-- Records a "you moved up" notice only while the ticket waits and its last notice is still the one seen.
-- KEYS[1] the ticket's hash
-- ARGV[1] seen position ('' for none), ARGV[2] seen time ('' for none), ARGV[3] new position, ARGV[4] now (ISO)
-- Returns {0} recorded (the caller sends it); {1} someone else told it, or the ticket no longer waits
local f = redis.call('HMGET', KEYS[1], 'state', 'lastNotifiedPosition', 'lastNotifiedAt')
if f[1] ~= 'waiting' or (f[2] or '') ~= ARGV[1] or (f[3] or '') ~= ARGV[2] then return {1} end
redis.call('HSET', KEYS[1], 'lastNotifiedPosition', ARGV[3], 'lastNotifiedAt', ARGV[4])
return {0}
`;

const MARK_URGENT_LUA = `
-- Moves a waiting ticket to the urgent group.
-- KEYS[1] the ticket's hash
-- Returns {0, HGETALL} marked; {1} not waiting (or unknown)
if redis.call('HGET', KEYS[1], 'state') ~= 'waiting' then return {1} end
redis.call('HSET', KEYS[1], 'urgent', '1')
return {0, redis.call('HGETALL', KEYS[1])}
`;

const READ_SET_LUA = `
-- Reads every ticket of a set in one step, so a listing (and a position) sees one state of the queue.
-- KEYS[1] the set. ARGV[1] ticket hash family
-- Returns {0, HGETALL, HGETALL, ...}
local out = {0}
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local fields = redis.call('HGETALL', ARGV[1] .. id)
  if #fields > 0 then out[#out + 1] = fields end
end
return out
`;

const RESTORE_LUA = `
-- Writes a ticket as it is (an import), replacing the one with its id, into the sets of its state.
-- KEYS[1] the ticket's hash, KEYS[2] waiting tickets, KEYS[3] claimed tickets, KEYS[4] resolved tickets by
-- resolvedAt, KEYS[5] the ticket number counter, KEYS[6] the client's active ticket, KEYS[7] the thread's key
-- ARGV[1] active ticket family, ARGV[2] id, ARGV[3] number, ARGV[4] state, ARGV[5] resolvedAt (ms) when it
-- counts as handled ('' when not), ARGV[6] 1 when it has a thread, ARGV[7...] field, value pairs of the ticket
-- Returns {0}
local old = redis.call('HMGET', KEYS[1], 'clientId', 'threadKey')
if old[1] and redis.call('GET', ARGV[1] .. old[1]) == ARGV[2] then redis.call('DEL', ARGV[1] .. old[1]) end
if old[2] and redis.call('GET', old[2]) == ARGV[2] then redis.call('DEL', old[2]) end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], unpack(ARGV, 7))
redis.call('SREM', KEYS[2], ARGV[2])
redis.call('SREM', KEYS[3], ARGV[2])
redis.call('ZREM', KEYS[4], ARGV[2])
if ARGV[4] == 'waiting' then redis.call('SADD', KEYS[2], ARGV[2]) end
if ARGV[4] == 'claimed' then redis.call('SADD', KEYS[3], ARGV[2]) end
if ARGV[4] == 'waiting' or ARGV[4] == 'claimed' then redis.call('SET', KEYS[6], ARGV[2]) end
if ARGV[5] ~= '' then redis.call('ZADD', KEYS[4], ARGV[5], ARGV[2]) end
if ARGV[6] == '1' then
  redis.call('HSET', KEYS[1], 'threadKey', KEYS[7])
  redis.call('SET', KEYS[7], ARGV[2])
end
if tonumber(redis.call('GET', KEYS[5]) or '0') < tonumber(ARGV[3]) then redis.call('SET', KEYS[5], ARGV[3]) end
return {0}
`;

const STATES: readonly HandoffState[] = ['waiting', 'claimed', 'resolved', 'abandoned', 'timed_out'];

/** A ticket's hash as the ticket. */
export function ticketFromHash(fields: Record<string, string>): HandoffTicket {
  const state = STATES.find((s) => s === fields.state);
  if (!state) throw new Error(`a ticket has no known state: ${JSON.stringify(fields.state)}`);
  const orNull = (name: string): string | null => fields[name] ?? null;
  const channel = orNull('staffChannel');
  const ts = orNull('staffTs');
  return {
    id: fields.id ?? '',
    number: Number(fields.number),
    clientId: fields.clientId ?? '',
    channel: fields.channel ?? '',
    conversationId: fields.conversationId ?? '',
    reason: fields.reason ?? '',
    urgent: fields.urgent === '1',
    state,
    createdAt: fields.createdAt ?? '',
    claimedAt: orNull('claimedAt'),
    claimedBy: orNull('claimedBy'),
    claimedByName: orNull('claimedByName'),
    resolvedAt: orNull('resolvedAt'),
    resolvedBy: orNull('resolvedBy'),
    lastNotifiedPosition: fields.lastNotifiedPosition === undefined ? null : Number(fields.lastNotifiedPosition),
    lastNotifiedAt: orNull('lastNotifiedAt'),
    nudgedAt: orNull('nudgedAt'),
    staffThread: channel !== null && ts !== null ? { channel, ts } : null,
  };
}

const byClaim = byInstant<HandoffTicket>((t) => t.claimedAt ?? '');
const byResolution = byInstant<HandoffTicket>((t) => t.resolvedAt ?? '');
const ticketOf = (value: ScriptValue | undefined): HandoffTicket => ticketFromHash(fieldsOf(value));
const orEmpty = (value: ScriptValue | undefined): string | null => (typeof value === 'string' ? value : null);

type ClaimOutcome = 'already_claimed' | 'not_found' | 'not_waiting';
const CLAIM_OUTCOMES = { 1: 'already_claimed', 2: 'not_found', 3: 'not_waiting' } as const;

export class RedisHandoffStore implements HandoffStore {
  private readonly enqueueScript: ScriptCaller<'existing'>;
  private readonly claimScript: ScriptCaller<ClaimOutcome>;
  private readonly claimInTurnScript: ScriptCaller<ClaimOutcome | 'turn_moved' | 'member_busy'>;
  private readonly closeScript: ScriptCaller<'not_active' | 'not_found'>;
  private readonly setThreadScript: ScriptCaller<never>;
  private readonly updateScript: ScriptCaller<never>;
  private readonly movedUpScript: ScriptCaller<'stale'>;
  private readonly markUrgentScript: ScriptCaller<'not_waiting'>;
  private readonly readSetScript: ScriptCaller<never>;
  private readonly restoreScript: ScriptCaller<never>;

  constructor(private readonly ctx: RedisContext) {
    this.enqueueScript = defineScript(ctx, { name: 'handoff_enqueue', keys: 3, lua: ENQUEUE_LUA, outcomes: { 1: 'existing' } });
    this.claimScript = defineScript(ctx, { name: 'handoff_claim', keys: 2, lua: CLAIM_LUA, outcomes: CLAIM_OUTCOMES });
    this.claimInTurnScript = defineScript(ctx, {
      name: 'handoff_claim_in_turn',
      keys: 3,
      lua: CLAIM_IN_TURN_LUA,
      outcomes: { ...CLAIM_OUTCOMES, 4: 'turn_moved', 5: 'member_busy' },
    });
    this.closeScript = defineScript(ctx, { name: 'handoff_close', keys: 3, lua: CLOSE_LUA, outcomes: { 1: 'not_active', 2: 'not_found' } });
    this.setThreadScript = defineScript(ctx, { name: 'handoff_set_thread', keys: 2, lua: SET_THREAD_LUA });
    this.updateScript = defineScript(ctx, { name: 'handoff_update', keys: 1, lua: UPDATE_LUA });
    this.movedUpScript = defineScript(ctx, { name: 'handoff_moved_up_notice', keys: 1, lua: MOVED_UP_LUA, outcomes: { 1: 'stale' } });
    this.markUrgentScript = defineScript(ctx, { name: 'handoff_mark_urgent', keys: 1, lua: MARK_URGENT_LUA, outcomes: { 1: 'not_waiting' } });
    this.readSetScript = defineScript(ctx, { name: 'handoff_read_set', keys: 1, lua: READ_SET_LUA });
    this.restoreScript = defineScript(ctx, { name: 'handoff_restore', keys: 7, lua: RESTORE_LUA });
  }

  /** Writes a ticket as it is, with its id, number and instants (an import); see RESTORE_LUA. */
  async restore(ticket: HandoffTicket): Promise<void> {
    const { keys } = this.ctx;
    const fields: Record<string, string | number | null> = {
      id: ticket.id,
      number: ticket.number,
      clientId: ticket.clientId,
      channel: ticket.channel,
      conversationId: ticket.conversationId,
      reason: ticket.reason,
      urgent: ticket.urgent ? '1' : '0',
      state: ticket.state,
      createdAt: ticket.createdAt,
      claimedAt: ticket.claimedAt,
      claimedBy: ticket.claimedBy,
      claimedByName: ticket.claimedByName,
      resolvedAt: ticket.resolvedAt,
      resolvedBy: ticket.resolvedBy,
      lastNotifiedPosition: ticket.lastNotifiedPosition,
      lastNotifiedAt: ticket.lastNotifiedAt,
      nudgedAt: ticket.nudgedAt,
      staffChannel: ticket.staffThread?.channel ?? null,
      staffTs: ticket.staffThread?.ts ?? null,
    };
    const pairs = Object.entries(fields).flatMap(([field, value]) => (value === null ? [] : [field, value]));
    // As a close counts it: a resolved ticket that had been claimed is one of the handling times.
    const handled = ticket.state === 'resolved' && ticket.claimedAt !== null && ticket.resolvedAt !== null ? Date.parse(ticket.resolvedAt) : '';
    const thread = ticket.staffThread;
    await this.restoreScript(
      [
        keys.ticket(ticket.id),
        keys.ticketsWaiting,
        keys.ticketsClaimed,
        keys.ticketsResolved,
        keys.ticketNumber,
        keys.activeTicket(ticket.clientId),
        thread ? keys.ticketByThread(thread.channel, thread.ts) : keys.ticket(ticket.id),
      ],
      [keys.activeTicketPrefix, ticket.id, ticket.number, ticket.state, handled, thread ? 1 : 0, ...pairs],
    );
  }

  /** Sets the round-robin rotation's place (an import). */
  async restoreRotation(lastConsoleId: string): Promise<void> {
    await this.ctx.redis.set(this.ctx.keys.rotationCursor, lastConsoleId);
  }

  async enqueue(input: NewTicket, now: Date): Promise<EnqueueResult> {
    const { keys } = this.ctx;
    const id = newId('tkt');
    const fields = {
      id,
      clientId: input.clientId,
      channel: input.channel,
      conversationId: input.conversationId,
      reason: input.reason,
      urgent: input.urgent ? '1' : '0',
      state: 'waiting',
      createdAt: nowIso(now),
    };
    const answer = await this.enqueueScript(
      [keys.activeTicket(input.clientId), keys.ticketNumber, keys.ticketsWaiting],
      [keys.ticketPrefix, id, ...Object.entries(fields).flat()],
    );
    return { ticket: ticketOf(answer.values[0]), created: answer.outcome === 'done' };
  }

  async get(id: string): Promise<HandoffTicket | null> {
    const fields = await this.ctx.redis.hgetall(this.ctx.keys.ticket(id));
    return Object.keys(fields).length === 0 ? null : ticketFromHash(fields);
  }

  async activeForClient(clientId: string): Promise<HandoffTicket | null> {
    const id = await this.ctx.redis.get(this.ctx.keys.activeTicket(clientId));
    if (id === null) return null;
    const ticket = await this.get(id);
    return ticket && (ticket.state === 'waiting' || ticket.state === 'claimed') ? ticket : null;
  }

  async listWaiting(): Promise<HandoffTicket[]> {
    return (await this.readSet(this.ctx.keys.ticketsWaiting)).filter((t) => t.state === 'waiting').sort(compareServingOrder);
  }

  async listClaimed(): Promise<HandoffTicket[]> {
    const claimed = (await this.readSet(this.ctx.keys.ticketsClaimed)).filter((t) => t.state === 'claimed');
    return claimed.sort((a, b) => byClaim(a, b) || a.number - b.number);
  }

  async position(id: string): Promise<number | null> {
    const index = (await this.listWaiting()).findIndex((t) => t.id === id);
    return index < 0 ? null : index + 1;
  }

  async claim(id: string, staffId: string, staffName: string | null, now: Date): Promise<ClaimResult> {
    const { keys } = this.ctx;
    const answer = await this.claimScript(
      [keys.ticketsWaiting, keys.ticketsClaimed],
      [keys.ticketPrefix, id, staffId, staffName ?? '', staffName === null ? 0 : 1, nowIso(now)],
    );
    return claimResult(answer.outcome, answer.values) as ClaimResult;
  }

  async resolve(id: string, by: string, now: Date): Promise<CloseResult> {
    return this.close(id, 'resolved', by, now);
  }

  async abandon(id: string, now: Date): Promise<CloseResult> {
    return this.close(id, 'abandoned', 'client', now);
  }

  async markTimedOut(id: string, now: Date): Promise<CloseResult> {
    return this.close(id, 'timed_out', 'system', now);
  }

  async setStaffThread(id: string, channel: string, ts: string): Promise<void> {
    const { keys } = this.ctx;
    await this.setThreadScript([keys.ticket(id), keys.ticketByThread(channel, ts)], [id, channel, ts]);
  }

  async findByStaffThread(channel: string, ts: string): Promise<HandoffTicket | null> {
    const id = await this.ctx.redis.get(this.ctx.keys.ticketByThread(channel, ts));
    if (id === null) return null;
    const ticket = await this.get(id);
    return ticket?.staffThread?.channel === channel && ticket.staffThread.ts === ts ? ticket : null;
  }

  async recentHandlingMillis(limit: number): Promise<number[]> {
    if (limit <= 0) return [];
    const { keys, redis } = this.ctx;
    const newest = await redis.zrevrange(keys.ticketsResolved, 0, limit - 1, 'WITHSCORES');
    if (newest.length === 0) return [];
    // Tickets resolved in the same millisecond as the last one taken are ordered by number, so
    // every one of them is read before the list is cut.
    const lowest = newest[newest.length - 1] as string;
    const ids = new Set(newest.filter((_, i) => i % 2 === 0));
    for (const id of await redis.zrangebyscore(keys.ticketsResolved, lowest, lowest)) ids.add(id);
    const tickets = (await Promise.all([...ids].map((id) => this.get(id)))).filter(
      (t): t is HandoffTicket => t !== null && t.claimedAt !== null && t.resolvedAt !== null,
    );
    tickets.sort((a, b) => byResolution(b, a) || b.number - a.number);
    return tickets.slice(0, limit).map((t) => Date.parse(t.resolvedAt ?? '') - Date.parse(t.claimedAt ?? ''));
  }

  async markNotified(id: string, position: number, now: Date): Promise<void> {
    await this.updateScript([this.ctx.keys.ticket(id)], ['lastNotifiedPosition', position, 'lastNotifiedAt', nowIso(now)]);
  }

  async claimMovedUpNotice(id: string, seen: { position: number | null; at: string | null }, position: number, now: Date): Promise<boolean> {
    const answer = await this.movedUpScript(
      [this.ctx.keys.ticket(id)],
      [seen.position === null ? '' : String(seen.position), seen.at ?? '', position, nowIso(now)],
    );
    return answer.outcome === 'done';
  }

  async markNudged(id: string, now: Date): Promise<void> {
    await this.updateScript([this.ctx.keys.ticket(id)], ['nudgedAt', nowIso(now)]);
  }

  async markUrgent(id: string): Promise<HandoffTicket | null> {
    const answer = await this.markUrgentScript([this.ctx.keys.ticket(id)], []);
    return answer.outcome === 'done' ? ticketOf(answer.values[0]) : null;
  }

  async roundRobinCursor(): Promise<string | null> {
    return this.ctx.redis.get(this.ctx.keys.rotationCursor);
  }

  async claimInTurn(id: string, member: { consoleId: string; name: string | null }, expectedCursor: string | null, now: Date): Promise<TurnClaimResult> {
    const { keys } = this.ctx;
    const answer = await this.claimInTurnScript(
      [keys.ticketsWaiting, keys.ticketsClaimed, keys.rotationCursor],
      [
        keys.ticketPrefix,
        id,
        member.consoleId,
        member.name ?? '',
        member.name === null ? 0 : 1,
        nowIso(now),
        expectedCursor ?? '',
        expectedCursor === null ? 0 : 1,
      ],
    );
    return claimResult(answer.outcome, answer.values);
  }

  private async close(id: string, state: HandoffState, by: string, now: Date): Promise<CloseResult> {
    const { keys } = this.ctx;
    const answer = await this.closeScript(
      [keys.ticketsWaiting, keys.ticketsClaimed, keys.ticketsResolved],
      [keys.ticketPrefix, keys.activeTicketPrefix, id, state, by, nowIso(now), now.getTime()],
    );
    if (answer.outcome === 'done') return { ok: true, ticket: ticketOf(answer.values[0]) };
    return { ok: false, reason: answer.outcome };
  }

  private async readSet(setKey: string): Promise<HandoffTicket[]> {
    const answer = await this.readSetScript([setKey], [this.ctx.keys.ticketPrefix]);
    return answer.values.map(ticketOf);
  }
}

function claimResult(outcome: 'done' | ClaimOutcome | 'turn_moved' | 'member_busy', values: ScriptValue[]): TurnClaimResult {
  switch (outcome) {
    case 'done':
      return { ok: true, ticket: ticketOf(values[0]) };
    case 'already_claimed':
      return { ok: false, reason: 'already_claimed', by: orEmpty(values[0]), byName: orEmpty(values[1]) };
    default:
      return { ok: false, reason: outcome };
  }
}
