import type BetterSqlite3 from 'better-sqlite3';
import type { PlannedReminder, ReminderRecord, ReminderStatus, ReminderStore } from '../../ports/messaging';
import { nowIso, toUtcIso } from './instants';

interface ReminderRow {
  appointment_id: string;
  kind: string;
  client_id: string;
  due_at: string;
  appointment_start: string;
  status: ReminderStatus;
  reason: string | null;
  attempts: number;
  claimed_by: string | null;
  lease_until: string | null;
  sent_at: string | null;
  created_at: string;
  updated_at: string;
}

function fromRow(row: ReminderRow): ReminderRecord {
  return {
    appointmentId: row.appointment_id,
    kind: row.kind,
    clientId: row.client_id,
    dueAt: row.due_at,
    appointmentStart: row.appointment_start,
    status: row.status,
    reason: row.reason,
    attempts: row.attempts,
    sentAt: row.sent_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class SqliteReminderStore implements ReminderStore {
  private readonly insert: BetterSqlite3.Statement<ReminderRow>;
  private readonly cancelStaleRows: BetterSqlite3.Statement<{ now: string }>;
  private readonly selectDue: BetterSqlite3.Statement<{ now: string; limit: number }, ReminderRow>;
  private readonly claim: BetterSqlite3.Statement<{ appointmentId: string; kind: string; workerId: string; leaseUntil: string; now: string }>;
  private readonly selectOne: BetterSqlite3.Statement<[string, string], ReminderRow>;
  private readonly finish: BetterSqlite3.Statement<{
    appointmentId: string;
    kind: string;
    workerId: string;
    status: string;
    reason: string | null;
    now: string;
    sentAt: string | null;
  }>;
  private readonly selectLastSent: BetterSqlite3.Statement<{ clientId: string; since: string }, ReminderRow>;
  private readonly planTx: BetterSqlite3.Transaction<(rows: ReminderRow[]) => number>;
  private readonly claimTx: BetterSqlite3.Transaction<(now: Date, limit: number, workerId: string, leaseMs: number) => ReminderRecord[]>;

  constructor(private readonly db: BetterSqlite3.Database) {
    this.insert = db.prepare(`
      INSERT INTO reminders (appointment_id, kind, client_id, due_at, appointment_start, status, reason, attempts,
        claimed_by, lease_until, sent_at, created_at, updated_at)
      VALUES (@appointment_id, @kind, @client_id, @due_at, @appointment_start, @status, @reason, @attempts,
        @claimed_by, @lease_until, @sent_at, @created_at, @updated_at)
      ON CONFLICT (appointment_id, kind) DO NOTHING`);
    // A moved appointment is a new appointment (status `rescheduled` on the old one), so "no longer
    // booked at the planned start" covers cancelled and moved alike.
    this.cancelStaleRows = db.prepare(`
      UPDATE reminders SET status = 'cancelled', reason = 'appointment_changed', updated_at = @now,
        claimed_by = NULL, lease_until = NULL
      WHERE status IN ('pending', 'claimed')
        AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.id = reminders.appointment_id
                        AND a.status = 'booked' AND a.starts_at = reminders.appointment_start)`);
    this.selectDue = db.prepare(`
      SELECT * FROM reminders
      WHERE (status = 'pending' AND due_at <= @now) OR (status = 'claimed' AND lease_until <= @now)
      ORDER BY due_at, appointment_id, kind
      LIMIT @limit`);
    this.claim = db.prepare(`
      UPDATE reminders SET status = 'claimed', claimed_by = @workerId, lease_until = @leaseUntil,
        attempts = attempts + 1, updated_at = @now
      WHERE appointment_id = @appointmentId AND kind = @kind`);
    this.selectOne = db.prepare('SELECT * FROM reminders WHERE appointment_id = ? AND kind = ?');
    this.finish = db.prepare(`
      UPDATE reminders SET status = @status, reason = @reason, sent_at = @sentAt, updated_at = @now,
        claimed_by = NULL, lease_until = NULL
      WHERE appointment_id = @appointmentId AND kind = @kind AND status = 'claimed' AND claimed_by = @workerId`);
    this.selectLastSent = db.prepare(`
      SELECT * FROM reminders WHERE client_id = @clientId AND status = 'sent' AND sent_at >= @since
      ORDER BY sent_at DESC, rowid DESC LIMIT 1`);

    this.planTx = db.transaction((rows: ReminderRow[]) => {
      let inserted = 0;
      for (const row of rows) inserted += this.insert.run(row).changes;
      return inserted;
    });
    this.claimTx = db.transaction((now: Date, limit: number, workerId: string, leaseMs: number) => {
      const nowText = nowIso(now);
      const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
      const due = this.selectDue.all({ now: nowText, limit });
      return due.map((row) => {
        this.claim.run({ appointmentId: row.appointment_id, kind: row.kind, workerId, leaseUntil, now: nowText });
        return fromRow(this.selectOne.get(row.appointment_id, row.kind)!);
      });
    });
  }

  async plan(reminders: PlannedReminder[], now: Date): Promise<number> {
    const nowText = nowIso(now);
    const rows = reminders.map(
      (r): ReminderRow => ({
        appointment_id: r.appointmentId,
        kind: r.kind,
        client_id: r.clientId,
        due_at: toUtcIso(r.dueAt, 'dueAt'),
        appointment_start: toUtcIso(r.appointmentStart, 'appointmentStart'),
        status: r.status ?? 'pending',
        reason: r.reason ?? null,
        attempts: 0,
        claimed_by: null,
        lease_until: null,
        sent_at: null,
        created_at: nowText,
        updated_at: nowText,
      }),
    );
    return this.planTx.immediate(rows);
  }

  async cancelStale(now: Date): Promise<number> {
    return this.cancelStaleRows.run({ now: nowIso(now) }).changes;
  }

  async claimDue(now: Date, limit: number, workerId: string, leaseMs: number): Promise<ReminderRecord[]> {
    // IMMEDIATE takes the write lock before the read, so two processes cannot select the same rows.
    return this.claimTx.immediate(now, limit, workerId, leaseMs);
  }

  async complete(
    appointmentId: string,
    kind: string,
    workerId: string,
    outcome: 'sent' | 'suppressed' | 'skipped' | 'cancelled',
    reason: string | null,
    now: Date,
  ): Promise<boolean> {
    const nowText = nowIso(now);
    const sentAt = outcome === 'sent' ? nowText : null;
    return this.finish.run({ appointmentId, kind, workerId, status: outcome, reason, now: nowText, sentAt }).changes === 1;
  }

  async lastSentTo(clientId: string, since: Date): Promise<ReminderRecord | null> {
    const row = this.selectLastSent.get({ clientId, since: nowIso(since) });
    return row ? fromRow(row) : null;
  }

  async list(query: { appointmentId?: string; status?: ReminderStatus } = {}): Promise<ReminderRecord[]> {
    const where: string[] = [];
    const params: Record<string, string> = {};
    if (query.appointmentId) {
      where.push('appointment_id = @appointmentId');
      params.appointmentId = query.appointmentId;
    }
    if (query.status) {
      where.push('status = @status');
      params.status = query.status;
    }
    const sql = `SELECT * FROM reminders ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY due_at, appointment_id, kind`;
    return this.db.prepare<Record<string, string>, ReminderRow>(sql).all(params).map(fromRow);
  }
}
