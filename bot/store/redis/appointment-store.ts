// Appointments on Redis. Each appointment is a hash; the `booked` ones are also in sorted sets by
// start (epoch ms): one per staff member, one per client and one for all. An overlap check reads
// the set's members that start in (start - longest, end), where `longest` is the longest booking
// ever made: anything starting earlier has ended by `start`. Every read-check-write is one Lua
// script, so two processes cannot book one slot twice.
import type { Appointment, AppointmentStatus } from '../../domain/types';
import type {
  AppointmentQuery,
  AppointmentStore,
  BookResult,
  CancelResult,
  NewAppointment,
  RescheduleResult,
} from '../../ports/stores';
import { newId } from '../sqlite/ids';
import { nowIso, toSpan, toUtcIso } from '../sqlite/instants';
import type { RedisContext } from './context';
import type { RedisKeys } from './keys';
import { readHashes } from './reads';
import { defineScript, fieldsOf, type ScriptCaller } from './scripts';

type RescheduleTarget = Parameters<AppointmentStore['reschedule']>[1];

/** The staff who may take a booking, in the order they are tried. */
function staffChoices(input: { staffId: string; otherStaffIds?: readonly string[] }): string[] {
  return [...new Set([input.staffId, ...(input.otherStaffIds ?? [])])];
}

export function appointmentFromHash(fields: Record<string, string>): Appointment {
  const appointment: Appointment = {
    id: fields.id ?? '',
    clientId: fields.clientId ?? '',
    serviceId: fields.serviceId ?? '',
    staffId: fields.staffId ?? '',
    start: fields.start ?? '',
    end: fields.end ?? '',
    status: (fields.status ?? 'booked') as AppointmentStatus,
    createdAt: fields.createdAt ?? '',
    updatedAt: fields.updatedAt ?? '',
    rescheduledFrom: fields.rescheduledFrom ?? null,
    confirmedAt: fields.confirmedAt ?? null,
  };
  if (fields.lateReportedAt !== undefined) {
    appointment.runningLate = {
      minutes: fields.lateMinutes === undefined ? null : Number(fields.lateMinutes),
      reportedAt: fields.lateReportedAt,
    };
  }
  return appointment;
}

/** The hash of an appointment, as the scripts write it (absent fields are null or unset ones). */
function appointmentToHash(a: Appointment): string[] {
  const fields = [
    'id', a.id, 'clientId', a.clientId, 'serviceId', a.serviceId, 'staffId', a.staffId,
    'start', a.start, 'end', a.end, 'startMs', String(Date.parse(a.start)), 'endMs', String(Date.parse(a.end)),
    'status', a.status, 'createdAt', a.createdAt, 'updatedAt', a.updatedAt,
  ];
  if (a.rescheduledFrom !== null) fields.push('rescheduledFrom', a.rescheduledFrom);
  if (a.confirmedAt !== null) fields.push('confirmedAt', a.confirmedAt);
  if (a.runningLate) {
    fields.push('lateReportedAt', a.runningLate.reportedAt);
    if (a.runningLate.minutes !== null) fields.push('lateMinutes', String(a.runningLate.minutes));
  }
  return fields;
}

function byStartThen(...tiebreaks: Array<keyof Appointment>) {
  return (a: Appointment, b: Appointment): number => {
    if (a.start !== b.start) return a.start < b.start ? -1 : 1;
    for (const field of tiebreaks) {
      const x = String(a[field]);
      const y = String(b[field]);
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
}

// Shared by every script that writes an appointment: the booked copy (keys.bookedCopies) follows
// the hash, so a read of many bookings takes them in one HMGET.
const BOOKED_COPY_LUA = `
-- Writes (booked) or removes (any other status) the copy of appointment id, from its HGETALL reply.
local function write_copy(copies_key, id, flat)
  local fields = {}
  for i = 1, #flat, 2 do fields[flat[i]] = flat[i + 1] end
  if fields.status == 'booked' then
    redis.call('HSET', copies_key, id, cjson.encode(fields))
  else
    redis.call('HDEL', copies_key, id)
  end
end
`;

// Shared by book and reschedule. ARGV-carried key prefixes (P) name the key families:
//   P.appt    appointment hashes          P.staff   a staff member's booked set
//   P.client  a client's booked set       P.copies  the booked copies (a key, set from KEYS)
const APPOINTMENT_LUA = `${BOOKED_COPY_LUA}
local P = {}

local function appt_key(id) return P.appt .. id end

-- The first booked appointment in the set overlapping [start_ms, end_ms), other than ignore_id, or
-- false; a table is a {-2, ...} reply to pass on. Members starting at or before start_ms - longest
-- have ended by start_ms.
local function first_overlap(set_key, start_ms, end_ms, longest, ignore_id)
  local ids = redis.call('ZRANGEBYSCORE', set_key, '(' .. (start_ms - longest), '(' .. end_ms)
  for _, id in ipairs(ids) do
    if id ~= ignore_id then
      local ends = tonumber(redis.call('HGET', appt_key(id), 'endMs'))
      if ends == nil then return {-2, 'appointment ' .. id .. ' is indexed but has no hash'} end
      if ends > start_ms then return id end
    end
  end
  return false
end

local function longest_ms(longest_key)
  return tonumber(redis.call('GET', longest_key) or '0')
end

-- Books a new appointment hash and indexes it.
local function insert(a, by_start_key, booked_key, longest_key)
  local fields = {
    'id', a.id, 'clientId', a.clientId, 'serviceId', a.serviceId, 'staffId', a.staffId,
    'start', a.start, 'end', a['end'], 'startMs', a.startMs, 'endMs', a.endMs,
    'status', 'booked', 'createdAt', a.now, 'updatedAt', a.now
  }
  if a.rescheduledFrom then
    table.insert(fields, 'rescheduledFrom'); table.insert(fields, a.rescheduledFrom)
  end
  redis.call('HSET', appt_key(a.id), unpack(fields))
  redis.call('ZADD', by_start_key, a.startMs, a.id)
  redis.call('ZADD', booked_key, a.startMs, a.id)
  redis.call('ZADD', P.staff .. a.staffId, a.startMs, a.id)
  redis.call('ZADD', P.client .. a.clientId, a.startMs, a.id)
  if a.endMs - a.startMs > longest_ms(longest_key) then
    redis.call('SET', longest_key, a.endMs - a.startMs)
  end
  local flat = redis.call('HGETALL', appt_key(a.id))
  write_copy(P.copies, a.id, flat)
  return flat
end

-- Takes an appointment out of the booked sets and gives it a new status.
local function unbook(id, status, now, booked_key)
  local staff, client = unpack(redis.call('HMGET', appt_key(id), 'staffId', 'clientId'))
  redis.call('ZREM', booked_key, id)
  redis.call('ZREM', P.staff .. staff, id)
  redis.call('ZREM', P.client .. client, id)
  redis.call('HDEL', P.copies, id)
  redis.call('HSET', appt_key(id), 'status', status, 'updatedAt', now)
end

-- The first staff member (KEYS from first_staff_key on, ids in ARGV from first_staff_arg on) with no
-- overlapping booking, as (key index, staff id), or nil.
local function free_staff(first_staff_key, first_staff_arg, start_ms, end_ms, longest, ignore_id)
  for i = first_staff_key, #KEYS do
    local clash = first_overlap(KEYS[i], start_ms, end_ms, longest, ignore_id)
    if type(clash) == 'table' then return clash end
    if not clash then return ARGV[first_staff_arg + i - first_staff_key] end
  end
  return nil
end
`;

// KEYS[1] the client's booked set   KEYS[2] all appointments by start   KEYS[3] booked by start
// KEYS[4] longest booking (ms)       KEYS[5] the booked copies  KEYS[6..] each staff's booked set, in the order they are tried
// ARGV[1] P.appt  ARGV[2] P.staff  ARGV[3] P.client  ARGV[4] new id  ARGV[5] client id  ARGV[6] service id
// ARGV[7] start ISO  ARGV[8] end ISO  ARGV[9] start ms  ARGV[10] end ms  ARGV[11] now ISO
// ARGV[12] '1' when the client may overlap their own bookings  ARGV[13..] staff ids, in KEYS[6..] order
// Returns {0, existing (0/1), appointment fields} | {1} slot taken | {2, the client's overlapping appointment}
const BOOK_LUA = `${APPOINTMENT_LUA}
P.appt, P.staff, P.client, P.copies = ARGV[1], ARGV[2], ARGV[3], KEYS[5]
local start_ms, end_ms = tonumber(ARGV[9]), tonumber(ARGV[10])
local client_set = KEYS[1]

-- A retried confirmation finds the booking it made: same client, service and start, staff allowed.
local allowed = {}
for i = 13, #ARGV do allowed[ARGV[i]] = true end
local own, own_created = nil, nil
for _, id in ipairs(redis.call('ZRANGEBYSCORE', client_set, start_ms, start_ms)) do
  local service, staff, created = unpack(redis.call('HMGET', appt_key(id), 'serviceId', 'staffId', 'createdAt'))
  if service == ARGV[6] and allowed[staff] then
    if own == nil or created < own_created or (created == own_created and id < own) then own, own_created = id, created end
  end
end
if own then return {0, 1, redis.call('HGETALL', appt_key(own))} end

local longest = longest_ms(KEYS[4])
if ARGV[12] ~= '1' then
  local clash = first_overlap(client_set, start_ms, end_ms, longest, '')
  if type(clash) == 'table' then return clash end
  if clash then return {2, redis.call('HGETALL', appt_key(clash))} end
end

local staff = free_staff(6, 13, start_ms, end_ms, longest, '')
if type(staff) == 'table' then return staff end
if staff == nil then return {1} end
local fields = insert({
  id = ARGV[4], clientId = ARGV[5], serviceId = ARGV[6], staffId = staff, start = ARGV[7], ['end'] = ARGV[8],
  startMs = start_ms, endMs = end_ms, now = ARGV[11]
}, KEYS[2], KEYS[3], KEYS[4])
return {0, 0, fields}
`;

// KEYS[1] the appointment to move  KEYS[2] all by start  KEYS[3] booked by start  KEYS[4] longest (ms)
// KEYS[5] where it was moved to (id)  KEYS[6] the booked copies  KEYS[7..] each staff's booked set, in the order they are tried
// ARGV[1] P.appt  ARGV[2] P.staff  ARGV[3] P.client  ARGV[4] new id  ARGV[5] service id or ''
// ARGV[6] start ISO  ARGV[7] end ISO  ARGV[8] start ms  ARGV[9] end ms  ARGV[10] now ISO
// ARGV[11] '1' when the client may overlap their own bookings  ARGV[12..] staff ids, in KEYS[7..] order
// Returns {0, existing (0/1), new appointment fields, previous appointment fields}
//   | {1} slot taken | {2, the client's overlapping appointment} | {3} not found | {4} not active
const RESCHEDULE_LUA = `${APPOINTMENT_LUA}
P.appt, P.staff, P.client, P.copies = ARGV[1], ARGV[2], ARGV[3], KEYS[6]
local start_ms, end_ms = tonumber(ARGV[8]), tonumber(ARGV[9])
local old = KEYS[1]
local old_id, status, client, service = unpack(redis.call('HMGET', old, 'id', 'status', 'clientId', 'serviceId'))
if not old_id then return {3} end

if status == 'rescheduled' then
  -- The same move confirmed again after its reply was lost: report where it went.
  local moved = redis.call('GET', KEYS[5])
  if moved then
    local moved_status, moved_start, moved_staff = unpack(redis.call('HMGET', appt_key(moved), 'status', 'start', 'staffId'))
    local allowed = false
    for i = 12, #ARGV do if ARGV[i] == moved_staff then allowed = true end end
    if moved_status == 'booked' and moved_start == ARGV[6] and allowed then
      return {0, 1, redis.call('HGETALL', appt_key(moved)), redis.call('HGETALL', old)}
    end
  end
end
if status ~= 'booked' then return {4} end

local longest = longest_ms(KEYS[4])
if ARGV[11] ~= '1' then
  local clash = first_overlap(P.client .. client, start_ms, end_ms, longest, old_id)
  if type(clash) == 'table' then return clash end
  if clash then return {2, redis.call('HGETALL', appt_key(clash))} end
end

-- The appointment being moved must not block its own new time (moving 15:00 to 15:15).
local staff = free_staff(7, 12, start_ms, end_ms, longest, old_id)
if type(staff) == 'table' then return staff end
if staff == nil then return {1} end
local new_service = service
if ARGV[5] ~= '' then new_service = ARGV[5] end
local fields = insert({
  id = ARGV[4], clientId = client, serviceId = new_service, staffId = staff, start = ARGV[6], ['end'] = ARGV[7],
  startMs = start_ms, endMs = end_ms, now = ARGV[10], rescheduledFrom = old_id
}, KEYS[2], KEYS[3], KEYS[4])
unbook(old_id, 'rescheduled', ARGV[10], KEYS[3])
redis.call('SET', KEYS[5], ARGV[4])
return {0, 0, fields, redis.call('HGETALL', old)}
`;

// KEYS[1] the appointment  KEYS[2] booked by start  KEYS[3] the booked copies
// ARGV[1] P.appt  ARGV[2] P.staff  ARGV[3] P.client  ARGV[4] now ISO
// Returns {0, appointment fields} | {3} not found | {4} not active
const CANCEL_LUA = `${APPOINTMENT_LUA}
P.appt, P.staff, P.client, P.copies = ARGV[1], ARGV[2], ARGV[3], KEYS[3]
local id, status = unpack(redis.call('HMGET', KEYS[1], 'id', 'status'))
if not id then return {3} end
if status ~= 'booked' then return {4} end
unbook(id, 'cancelled', ARGV[4], KEYS[2])
return {0, redis.call('HGETALL', KEYS[1])}
`;

// KEYS[1] the appointment  KEYS[2] the booked copies
// ARGV[1] now ISO  ARGV[2] the appointment's id
// Returns {0, appointment fields} | {3} not found
// The first confirmation is the one that counts; a repeated "yes" does not move it.
const CONFIRM_LUA = `${BOOKED_COPY_LUA}
if redis.call('EXISTS', KEYS[1]) == 0 then return {3} end
redis.call('HSETNX', KEYS[1], 'confirmedAt', ARGV[1])
redis.call('HSET', KEYS[1], 'updatedAt', ARGV[1])
local flat = redis.call('HGETALL', KEYS[1])
write_copy(KEYS[2], ARGV[2], flat)
return {0, flat}
`;

// KEYS[1] the appointment  KEYS[2] the booked copies
// ARGV[1] now ISO  ARGV[2] minutes late, or '' when the client did not say  ARGV[3] the appointment's id
// Returns {0, appointment fields} | {3} not found
const RUNNING_LATE_LUA = `${BOOKED_COPY_LUA}
if redis.call('EXISTS', KEYS[1]) == 0 then return {3} end
redis.call('HSET', KEYS[1], 'lateReportedAt', ARGV[1], 'updatedAt', ARGV[1])
if ARGV[2] == '' then redis.call('HDEL', KEYS[1], 'lateMinutes') else redis.call('HSET', KEYS[1], 'lateMinutes', ARGV[2]) end
local flat = redis.call('HGETALL', KEYS[1])
write_copy(KEYS[2], ARGV[3], flat)
return {0, flat}
`;

// KEYS[1] the appointment  KEYS[2] all by start  KEYS[3] booked by start  KEYS[4] longest (ms)
// KEYS[5] the booked copies  KEYS[6] (when it was made by a move) where the appointment it replaced was moved to
// ARGV[1] P.staff  ARGV[2] P.client  ARGV[3] id  ARGV[4] status  ARGV[5] start ms  ARGV[6] end ms
// ARGV[7..] the hash's fields and values
// Returns {0}. Writes an appointment as it is (an import): a version already stored leaves every
// index first, so the appointment is indexed exactly as its status says.
const RESTORE_LUA = `${BOOKED_COPY_LUA}
local id, status, start_ms, end_ms = ARGV[3], ARGV[4], tonumber(ARGV[5]), tonumber(ARGV[6])
local old_staff, old_client = unpack(redis.call('HMGET', KEYS[1], 'staffId', 'clientId'))
if old_staff then
  redis.call('ZREM', KEYS[3], id)
  redis.call('ZREM', ARGV[1] .. old_staff, id)
  redis.call('ZREM', ARGV[2] .. old_client, id)
end
redis.call('DEL', KEYS[1])
local fields = {}
for i = 7, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', KEYS[1], unpack(fields))
redis.call('ZADD', KEYS[2], start_ms, id)
if status == 'booked' then
  local staff, client = unpack(redis.call('HMGET', KEYS[1], 'staffId', 'clientId'))
  redis.call('ZADD', KEYS[3], start_ms, id)
  redis.call('ZADD', ARGV[1] .. staff, start_ms, id)
  redis.call('ZADD', ARGV[2] .. client, start_ms, id)
  if end_ms - start_ms > tonumber(redis.call('GET', KEYS[4]) or '0') then redis.call('SET', KEYS[4], end_ms - start_ms) end
end
write_copy(KEYS[5], id, redis.call('HGETALL', KEYS[1]))
if KEYS[6] then redis.call('SET', KEYS[6], id) end
return {0}
`;

// KEYS[1] a booked set (all, a staff member's or a client's)  KEYS[2] longest booking (ms)
// ARGV[1] from (ms)  ARGV[2] to (ms, exclusive) or '+inf'
// Returns {0, id, ...}: the set's ids that may overlap [from, to), those starting after
// from - longest and before to. (Their copies are fetched by the caller with HMGET: a script's
// reply is copied through Lua, which costs Redis more than the copies themselves.)
const BOOKED_IDS_LUA = `
local longest = tonumber(redis.call('GET', KEYS[2]) or '0')
local to = ARGV[2]
if to ~= '+inf' then to = '(' .. to end
local out = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. (tonumber(ARGV[1]) - longest), to)
table.insert(out, 1, 0)
return out
`;

type Refusal = 'slot_taken' | 'client_overlap' | 'not_found' | 'not_active';
const OUTCOMES = { 1: 'slot_taken', 2: 'client_overlap', 3: 'not_found', 4: 'not_active' } as const;

export class RedisAppointmentStore implements AppointmentStore {
  private readonly keys: RedisKeys;
  private readonly bookScript: ScriptCaller<Refusal>;
  private readonly rescheduleScript: ScriptCaller<Refusal>;
  private readonly cancelScript: ScriptCaller<Refusal>;
  private readonly confirmScript: ScriptCaller<Refusal>;
  private readonly lateScript: ScriptCaller<Refusal>;
  private readonly restoreScript: ScriptCaller<never>;
  private readonly bookedIdsScript: ScriptCaller<never>;

  constructor(private readonly ctx: RedisContext) {
    this.keys = ctx.keys;
    this.bookScript = defineScript(ctx, { name: 'book-appointment', keys: 'varying', lua: BOOK_LUA, outcomes: OUTCOMES });
    this.rescheduleScript = defineScript(ctx, { name: 'reschedule-appointment', keys: 'varying', lua: RESCHEDULE_LUA, outcomes: OUTCOMES });
    this.cancelScript = defineScript(ctx, { name: 'cancel-appointment', keys: 3, lua: CANCEL_LUA, outcomes: OUTCOMES });
    this.confirmScript = defineScript(ctx, { name: 'confirm-appointment', keys: 2, lua: CONFIRM_LUA, outcomes: OUTCOMES });
    this.lateScript = defineScript(ctx, { name: 'appointment-running-late', keys: 2, lua: RUNNING_LATE_LUA, outcomes: OUTCOMES });
    this.restoreScript = defineScript(ctx, { name: 'restore-appointment', keys: 'varying', lua: RESTORE_LUA });
    this.bookedIdsScript = defineScript(ctx, { name: 'booked-appointment-ids', keys: 2, lua: BOOKED_IDS_LUA });
  }

  /** Writes an appointment as it is, with its id and instants (an import); see RESTORE_LUA. */
  async restore(appointment: Appointment): Promise<void> {
    const a = { ...appointment, ...toSpan(appointment.start, appointment.end) };
    const k = this.keys;
    const keys = [k.appointment(a.id), k.appointmentsByStart, k.bookedByStart, k.longestBooking, k.bookedCopies];
    if (a.rescheduledFrom !== null) keys.push(k.movedTo(a.rescheduledFrom));
    await this.restoreScript(keys, [k.staffBooked(''), k.clientBooked(''), a.id, a.status, Date.parse(a.start), Date.parse(a.end), ...appointmentToHash(a)]);
  }

  private familyPrefixes(): string[] {
    return [this.keys.appointment(''), this.keys.staffBooked(''), this.keys.clientBooked('')];
  }

  async book(input: NewAppointment, now: Date): Promise<BookResult> {
    const span = toSpan(input.start, input.end);
    const at = nowIso(now);
    const staffIds = staffChoices(input);
    const k = this.keys;
    const answer = await this.bookScript(
      [k.clientBooked(input.clientId), k.appointmentsByStart, k.bookedByStart, k.longestBooking, k.bookedCopies, ...staffIds.map(k.staffBooked)],
      [
        ...this.familyPrefixes(),
        newId('apt'),
        input.clientId,
        input.serviceId,
        span.start,
        span.end,
        Date.parse(span.start),
        Date.parse(span.end),
        at,
        input.allowClientOverlap ? '1' : '0',
        ...staffIds,
      ],
    );
    const [first, second] = answer.values;
    switch (answer.outcome) {
      case 'done':
        return { ok: true, appointment: appointmentFromHash(fieldsOf(second)), existing: first === 1 };
      case 'client_overlap':
        return { ok: false, reason: 'client_overlap', appointment: appointmentFromHash(fieldsOf(first)) };
      case 'slot_taken':
        return { ok: false, reason: 'slot_taken' };
      default:
        throw new Error(`booking answered ${answer.outcome}`);
    }
  }

  async reschedule(id: string, to: RescheduleTarget, now: Date): Promise<RescheduleResult> {
    const span = toSpan(to.start, to.end);
    const at = nowIso(now);
    const staffIds = staffChoices(to);
    const k = this.keys;
    const answer = await this.rescheduleScript(
      [k.appointment(id), k.appointmentsByStart, k.bookedByStart, k.longestBooking, k.movedTo(id), k.bookedCopies, ...staffIds.map(k.staffBooked)],
      [
        ...this.familyPrefixes(),
        newId('apt'),
        to.serviceId ?? '',
        span.start,
        span.end,
        Date.parse(span.start),
        Date.parse(span.end),
        at,
        to.allowClientOverlap ? '1' : '0',
        ...staffIds,
      ],
    );
    const [first, second, third] = answer.values;
    switch (answer.outcome) {
      case 'done':
        return {
          ok: true,
          appointment: appointmentFromHash(fieldsOf(second)),
          previous: appointmentFromHash(fieldsOf(third)),
          existing: first === 1,
        };
      case 'client_overlap':
        return { ok: false, reason: 'client_overlap', appointment: appointmentFromHash(fieldsOf(first)) };
      default:
        return { ok: false, reason: answer.outcome };
    }
  }

  async cancel(id: string, now: Date): Promise<CancelResult> {
    const answer = await this.cancelScript([this.keys.appointment(id), this.keys.bookedByStart, this.keys.bookedCopies], [...this.familyPrefixes(), nowIso(now)]);
    if (answer.outcome === 'done') return { ok: true, appointment: appointmentFromHash(fieldsOf(answer.values[0])) };
    if (answer.outcome === 'not_found' || answer.outcome === 'not_active') return { ok: false, reason: answer.outcome };
    throw new Error(`cancelling answered ${answer.outcome}`);
  }

  async markConfirmed(id: string, now: Date): Promise<Appointment | null> {
    const answer = await this.confirmScript([this.keys.appointment(id), this.keys.bookedCopies], [nowIso(now), id]);
    return answer.outcome === 'done' ? appointmentFromHash(fieldsOf(answer.values[0])) : null;
  }

  async markRunningLate(id: string, minutes: number | null, now: Date): Promise<Appointment | null> {
    const answer = await this.lateScript([this.keys.appointment(id), this.keys.bookedCopies], [nowIso(now), minutes === null ? '' : minutes, id]);
    return answer.outcome === 'done' ? appointmentFromHash(fieldsOf(answer.values[0])) : null;
  }

  async get(id: string): Promise<Appointment | null> {
    const fields = await this.ctx.redis.hgetall(this.keys.appointment(id));
    return fields.id === undefined ? null : appointmentFromHash(fields);
  }

  async findBookedBetween(from: string, to: string, staffId?: string): Promise<Appointment[]> {
    const range = { from: toUtcIso(from, 'from'), to: toUtcIso(to, 'to') };
    const set = staffId === undefined ? this.keys.bookedByStart : this.keys.staffBooked(staffId);
    const found = await this.bookedOverlapping(set, Date.parse(range.from), Date.parse(range.to));
    return found.sort(staffId === undefined ? byStartThen('staffId', 'id') : byStartThen('id'));
  }

  async findUpcomingForClient(clientId: string, now: Date): Promise<Appointment[]> {
    const nowMs = Date.parse(nowIso(now));
    const found = await this.bookedOverlapping(this.keys.clientBooked(clientId), nowMs, Number.POSITIVE_INFINITY);
    return found.sort(byStartThen('id'));
  }

  async list(query: AppointmentQuery = {}): Promise<Appointment[]> {
    const min = query.from === undefined ? '-inf' : Date.parse(toUtcIso(query.from, 'from'));
    const max = query.to === undefined ? '+inf' : `(${Date.parse(toUtcIso(query.to, 'to'))}`;
    const ids = await this.ctx.redis.zrangebyscore(this.keys.appointmentsByStart, min, max);
    const all = await this.readAll(ids);
    return all.filter((a) => query.status === undefined || a.status === query.status).sort(byStartThen('createdAt', 'id'));
  }

  /** The booked appointments of a set that overlap [fromMs, toMs). */
  private async bookedOverlapping(set: string, fromMs: number, toMs: number): Promise<Appointment[]> {
    const k = this.keys;
    const to = toMs === Number.POSITIVE_INFINITY ? '+inf' : toMs;
    const ids = (await this.bookedIdsScript([set, k.longestBooking], [fromMs, to])).values.map(String);
    if (ids.length === 0) return [];
    const copies = await this.ctx.redis.hmget(k.bookedCopies, ...ids);
    const found: Appointment[] = [];
    const uncopied: string[] = [];
    ids.forEach((id, i) => {
      const copy = copies[i];
      if (typeof copy === 'string') found.push(appointmentFromHash(JSON.parse(copy) as Record<string, string>));
      else uncopied.push(id);
    });
    // The copies are read after the index: one cancelled in between has none, and its hash (read
    // here, as is one booked before copies were kept) is left out below.
    found.push(...(await this.readAll(uncopied)));
    return found.filter((a) => a.status === 'booked' && Date.parse(a.end) > fromMs && Date.parse(a.start) < toMs);
  }

  private async readAll(ids: string[]): Promise<Appointment[]> {
    const hashes = await readHashes(this.ctx.redis, ids.map((id) => this.keys.appointment(id)));
    return hashes.map(appointmentFromHash);
  }
}
