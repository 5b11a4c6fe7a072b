import type BetterSqlite3 from 'better-sqlite3';
import type { Appointment, AppointmentStatus } from '../../domain/types';
import type {
  AppointmentQuery,
  AppointmentStore,
  BookResult,
  CancelResult,
  NewAppointment,
  RescheduleResult,
} from '../../ports/stores';
import { durably } from './durability';
import { newId } from './ids';
import { StoreError } from './errors';
import { nowIso, toSpan, toUtcIso } from './instants';
import { writeGroupOf, type WriteGroup } from './write-group';

interface AppointmentRow {
  id: string;
  client_id: string;
  service_id: string;
  staff_id: string;
  starts_at: string;
  ends_at: string;
  status: AppointmentStatus;
  created_at: string;
  updated_at: string;
  rescheduled_from: string | null;
  confirmed_at: string | null;
  // Read back by SELECT *; new rows start without them.
  late_minutes?: number | null;
  late_reported_at?: string | null;
}

function fromRow(row: AppointmentRow): Appointment {
  return {
    id: row.id,
    clientId: row.client_id,
    serviceId: row.service_id,
    staffId: row.staff_id,
    start: row.starts_at,
    end: row.ends_at,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    rescheduledFrom: row.rescheduled_from,
    confirmedAt: row.confirmed_at,
    ...(row.late_reported_at ? { runningLate: { minutes: row.late_minutes ?? null, reportedAt: row.late_reported_at } } : {}),
  };
}

type RescheduleTarget = Parameters<AppointmentStore['reschedule']>[1];

/**
 * The longest appointment the store takes (a service lasts at most a day, as the config allows).
 * Overlap and range reads then look only at appointments starting within this reach before the
 * range: an index range, not every past appointment of a staff member or a client.
 */
export const MAX_APPOINTMENT_MS = 24 * 60 * 60 * 1000;

/** An ISO instant `ms` earlier (the stored form, so it compares as a string). */
function earlierIso(iso: string, ms: number): string {
  return new Date(Date.parse(iso) - ms).toISOString();
}

/** The staff who may take a booking, in the order they are tried. */
function staffChoices(input: { staffId: string; otherStaffIds?: readonly string[] }): string[] {
  return [...new Set([input.staffId, ...(input.otherStaffIds ?? [])])];
}

/** The span in the stored form, refused when longer than MAX_APPOINTMENT_MS. */
function cappedSpan(start: string, end: string): { start: string; end: string } {
  const span = toSpan(start, end);
  if (Date.parse(span.end) - Date.parse(span.start) > MAX_APPOINTMENT_MS) {
    throw new StoreError('frontdesk_store_invalid_input', `an appointment lasts at most a day (${span.start} .. ${span.end})`);
  }
  return span;
}

export class SqliteAppointmentStore implements AppointmentStore {
  private readonly selectById: BetterSqlite3.Statement<[string], AppointmentRow>;
  private readonly selectClash: BetterSqlite3.Statement<
    { staffId: string; start: string; end: string; ignoreId: string; earliest: string },
    { id: string }
  >;
  private readonly selectClientClash: BetterSqlite3.Statement<
    { clientId: string; start: string; end: string; ignoreId: string; earliest: string },
    AppointmentRow
  >;
  private readonly selectSameBooking: BetterSqlite3.Statement<
    { clientId: string; serviceId: string; start: string },
    AppointmentRow
  >;
  private readonly selectMovedTo: BetterSqlite3.Statement<[string], AppointmentRow>;
  private readonly insert: BetterSqlite3.Statement<AppointmentRow>;
  private readonly updateStatus: BetterSqlite3.Statement<{ id: string; status: AppointmentStatus; now: string }>;
  private readonly updateConfirmed: BetterSqlite3.Statement<{ id: string; now: string }>;
  private readonly updateLate: BetterSqlite3.Statement<{ id: string; minutes: number | null; now: string }>;
  private readonly selectBookedBetween: BetterSqlite3.Statement<{ from: string; to: string; earliest: string }, AppointmentRow>;
  private readonly selectBookedBetweenForStaff: BetterSqlite3.Statement<
    { from: string; to: string; staffId: string; earliest: string },
    AppointmentRow
  >;
  private readonly selectUpcomingForClient: BetterSqlite3.Statement<{ clientId: string; now: string; earliest: string }, AppointmentRow>;
  /** How far before a range an appointment overlapping it may start: the cap, or a longer one found in the file. */
  private readonly reachMs: number;

  private readonly bookTx: BetterSqlite3.Transaction<(input: NewAppointment, now: string) => BookResult>;
  private readonly rescheduleTx: BetterSqlite3.Transaction<
    (id: string, to: RescheduleTarget, now: string) => RescheduleResult
  >;
  private readonly cancelTx: BetterSqlite3.Transaction<(id: string, now: string) => CancelResult>;
  private readonly confirmTx: BetterSqlite3.Transaction<(id: string, now: string) => Appointment | null>;

  private readonly group: WriteGroup;

  constructor(private readonly db: BetterSqlite3.Database) {
    this.group = writeGroupOf(db);
    // A file written before the cap may hold a longer booking; its length is the reach then.
    const longest = db
      .prepare<[], { days: number | null }>(
        "SELECT MAX(julianday(ends_at) - julianday(starts_at)) AS days FROM appointments WHERE status = 'booked'",
      )
      .get()?.days;
    this.reachMs = Math.max(MAX_APPOINTMENT_MS, Math.ceil((longest ?? 0) * 86_400_000) + 1000);
    this.selectById = db.prepare('SELECT * FROM appointments WHERE id = ?');
    // Half-open intervals: [a, b) and [c, d) overlap exactly when a < d and c < b.
    this.selectClash = db.prepare(`
      SELECT id FROM appointments
      WHERE staff_id = @staffId AND status = 'booked'
        AND starts_at > @earliest AND starts_at < @end AND ends_at > @start AND id <> @ignoreId
      LIMIT 1`);
    this.selectClientClash = db.prepare(`
      SELECT * FROM appointments
      WHERE client_id = @clientId AND status = 'booked'
        AND starts_at > @earliest AND starts_at < @end AND ends_at > @start AND id <> @ignoreId
      ORDER BY starts_at, id
      LIMIT 1`);
    this.selectSameBooking = db.prepare(`
      SELECT * FROM appointments
      WHERE client_id = @clientId AND service_id = @serviceId AND starts_at = @start AND status = 'booked'
      ORDER BY created_at, id`);
    this.selectMovedTo = db.prepare(`
      SELECT * FROM appointments WHERE rescheduled_from = ? AND status = 'booked' ORDER BY created_at, id LIMIT 1`);
    this.insert = db.prepare(`
      INSERT INTO appointments (id, client_id, service_id, staff_id, starts_at, ends_at, status,
                                created_at, updated_at, rescheduled_from, confirmed_at)
      VALUES (@id, @client_id, @service_id, @staff_id, @starts_at, @ends_at, @status,
              @created_at, @updated_at, @rescheduled_from, @confirmed_at)`);
    this.updateStatus = db.prepare('UPDATE appointments SET status = @status, updated_at = @now WHERE id = @id');
    // The first confirmation is the one that counts; a repeated "yes" does not move it.
    this.updateConfirmed = db.prepare(
      'UPDATE appointments SET confirmed_at = COALESCE(confirmed_at, @now), updated_at = @now WHERE id = @id',
    );
    this.updateLate = db.prepare(
      'UPDATE appointments SET late_minutes = @minutes, late_reported_at = @now, updated_at = @now WHERE id = @id',
    );
    this.selectBookedBetween = db.prepare(`
      SELECT * FROM appointments
      WHERE status = 'booked' AND starts_at > @earliest AND starts_at < @to AND ends_at > @from
      ORDER BY starts_at, staff_id, id`);
    this.selectBookedBetweenForStaff = db.prepare(`
      SELECT * FROM appointments
      WHERE staff_id = @staffId AND status = 'booked' AND starts_at > @earliest AND starts_at < @to AND ends_at > @from
      ORDER BY starts_at, id`);
    this.selectUpcomingForClient = db.prepare(`
      SELECT * FROM appointments
      WHERE client_id = @clientId AND status = 'booked' AND starts_at > @earliest AND ends_at > @now
      ORDER BY starts_at, id`);

    this.bookTx = db.transaction((input: NewAppointment, now: string): BookResult => {
      const span = { start: input.start, end: input.end };
      const staffIds = staffChoices(input);
      // A retried confirmation (the conversation lost its state after the commit) finds the booking
      // it made, so the client hears "booked" rather than "taken by someone else".
      const own = this.selectSameBooking
        .all({ clientId: input.clientId, serviceId: input.serviceId, start: span.start })
        .find((row) => staffIds.includes(row.staff_id));
      if (own) return { ok: true, appointment: fromRow(own), existing: true };
      if (!input.allowClientOverlap) {
        const clash = this.clientClash(input.clientId, span, '');
        if (clash) return { ok: false, reason: 'client_overlap', appointment: clash };
      }
      const staffId = staffIds.find((id) => !this.clashes(id, span, ''));
      if (staffId === undefined) return { ok: false, reason: 'slot_taken' };
      const row: AppointmentRow = {
        id: newId('apt'),
        client_id: input.clientId,
        service_id: input.serviceId,
        staff_id: staffId,
        starts_at: span.start,
        ends_at: span.end,
        status: 'booked',
        created_at: now,
        updated_at: now,
        rescheduled_from: null,
        confirmed_at: null,
      };
      this.insert.run(row);
      return { ok: true, appointment: fromRow(row), existing: false };
    });

    this.rescheduleTx = db.transaction((id: string, to: RescheduleTarget, now: string): RescheduleResult => {
      const span = { start: to.start, end: to.end };
      const staffIds = staffChoices(to);
      const old = this.selectById.get(id);
      if (!old) return { ok: false, reason: 'not_found' };
      if (old.status === 'rescheduled') {
        // The same move confirmed again after its reply was lost: report where it went.
        const movedTo = this.selectMovedTo.get(old.id);
        if (movedTo && movedTo.starts_at === span.start && staffIds.includes(movedTo.staff_id)) {
          return { ok: true, appointment: fromRow(movedTo), previous: fromRow(old), existing: true };
        }
      }
      if (old.status !== 'booked') return { ok: false, reason: 'not_active' };
      if (!to.allowClientOverlap) {
        const clash = this.clientClash(old.client_id, span, old.id);
        if (clash) return { ok: false, reason: 'client_overlap', appointment: clash };
      }
      // The appointment being moved must not block its own new time (moving 15:00 to 15:15).
      const staffId = staffIds.find((candidate) => !this.clashes(candidate, span, old.id));
      if (staffId === undefined) return { ok: false, reason: 'slot_taken' };
      const row: AppointmentRow = {
        id: newId('apt'),
        client_id: old.client_id,
        service_id: to.serviceId ?? old.service_id,
        staff_id: staffId,
        starts_at: span.start,
        ends_at: span.end,
        status: 'booked',
        created_at: now,
        updated_at: now,
        rescheduled_from: old.id,
        confirmed_at: null,
      };
      this.insert.run(row);
      this.updateStatus.run({ id: old.id, status: 'rescheduled', now });
      return { ok: true, appointment: fromRow(row), previous: this.mustGet(old.id), existing: false };
    });

    this.cancelTx = db.transaction((id: string, now: string): CancelResult => {
      const current = this.selectById.get(id);
      if (!current) return { ok: false, reason: 'not_found' };
      if (current.status !== 'booked') return { ok: false, reason: 'not_active' };
      this.updateStatus.run({ id, status: 'cancelled', now });
      return { ok: true, appointment: this.mustGet(id) };
    });

    this.confirmTx = db.transaction((id: string, now: string): Appointment | null => {
      if (this.updateConfirmed.run({ id, now }).changes === 0) return null;
      return this.mustGet(id);
    });
  }

  async book(input: NewAppointment, now: Date): Promise<BookResult> {
    // In the group's IMMEDIATE transaction, which holds the write lock before the overlap check, so
    // another process cannot book the same slot between our check and our insert.
    // Durable before it returns (fsync'd with the bookings beside it): the client is told "booked" next.
    const span = { ...input, ...cappedSpan(input.start, input.end) };
    const at = nowIso(now);
    return this.group.run(() => this.bookTx(span, at), { durable: true });
  }

  async reschedule(id: string, to: RescheduleTarget, now: Date): Promise<RescheduleResult> {
    const target = { ...to, ...cappedSpan(to.start, to.end) };
    const at = nowIso(now);
    return this.group.run(() => this.rescheduleTx(id, target, at), { durable: true });
  }

  async cancel(id: string, now: Date): Promise<CancelResult> {
    const at = nowIso(now);
    return this.group.run(() => this.cancelTx(id, at), { durable: true });
  }

  async markConfirmed(id: string, now: Date): Promise<Appointment | null> {
    const at = nowIso(now);
    return this.group.run(() => this.confirmTx(id, at), { durable: true });
  }

  async markRunningLate(id: string, minutes: number | null, now: Date): Promise<Appointment | null> {
    if (durably(this.db, () => this.updateLate.run({ id, minutes, now: nowIso(now) })).changes === 0) return null;
    return this.get(id);
  }

  async get(id: string): Promise<Appointment | null> {
    const row = this.selectById.get(id);
    return row ? fromRow(row) : null;
  }

  async findBookedBetween(from: string, to: string, staffId?: string): Promise<Appointment[]> {
    const range = { from: toUtcIso(from, 'from'), to: toUtcIso(to, 'to') };
    const earliest = earlierIso(range.from, this.reachMs);
    const rows =
      staffId === undefined
        ? this.selectBookedBetween.all({ ...range, earliest })
        : this.selectBookedBetweenForStaff.all({ ...range, staffId, earliest });
    return rows.map(fromRow);
  }

  async findUpcomingForClient(clientId: string, now: Date): Promise<Appointment[]> {
    const at = nowIso(now);
    return this.selectUpcomingForClient.all({ clientId, now: at, earliest: earlierIso(at, this.reachMs) }).map(fromRow);
  }

  async list(query: AppointmentQuery = {}): Promise<Appointment[]> {
    const where: string[] = [];
    const params: Record<string, string> = {};
    if (query.from !== undefined) {
      where.push('starts_at >= @from');
      params.from = toUtcIso(query.from, 'from');
    }
    if (query.to !== undefined) {
      where.push('starts_at < @to');
      params.to = toUtcIso(query.to, 'to');
    }
    if (query.status !== undefined) {
      where.push('status = @status');
      params.status = query.status;
    }
    const sql =
      'SELECT * FROM appointments' +
      (where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '') +
      ' ORDER BY starts_at, created_at, id';
    return this.db.prepare<Record<string, string>, AppointmentRow>(sql).all(params).map(fromRow);
  }

  private clashes(staffId: string, span: { start: string; end: string }, ignoreId: string): boolean {
    const earliest = earlierIso(span.start, this.reachMs);
    return this.selectClash.get({ staffId, start: span.start, end: span.end, ignoreId, earliest }) !== undefined;
  }

  private clientClash(clientId: string, span: { start: string; end: string }, ignoreId: string): Appointment | null {
    const earliest = earlierIso(span.start, this.reachMs);
    const row = this.selectClientClash.get({ clientId, start: span.start, end: span.end, ignoreId, earliest });
    return row ? fromRow(row) : null;
  }

  private mustGet(id: string): Appointment {
    const row = this.selectById.get(id);
    if (!row) throw new Error(`appointment ${id} vanished inside its own transaction`);
    return fromRow(row);
  }
}
