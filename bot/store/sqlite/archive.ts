// Every record of the SQLite file as archive records (export), and records written back as they are
// (import) in one transaction: all of an import or none of it.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { StoreItem } from 'botbuilder';
import type { CallbackRequest } from '../../domain/types';
import type { ArchiveRecord, StoreArchive } from '../../ports/archive';
import type { UrgentAlert } from '../../ports/norms';
import { SqliteAppointmentStore } from './appointment-store';
import { SqliteClientStore } from './client-store';
import { SqliteConsentStore } from './consent-store';
import { newETag } from './ids';
import { openSqliteStores } from './index';
import { SqliteUrgentAlertLog } from './norms-store';
import { SqliteStateStorage } from './state-storage';

/** Tables that hold no business data: an import may go into a file that has rows in them. */
const NOT_DATA = new Set(['store_heartbeat']);

export class SqliteArchive implements StoreArchive {
  constructor(private readonly db: Database.Database) {}

  async *records(): AsyncIterable<ArchiveRecord> {
    const { db } = this;
    for (const client of await new SqliteClientStore(db).list()) yield { kind: 'client', client };
    for (const appointment of await new SqliteAppointmentStore(db).list()) yield { kind: 'appointment', appointment };

    const callbacks = db
      .prepare<[], { id: string; client_id: string; reason: string; text: string; status: CallbackRequest['status']; created_at: string }>(
        'SELECT * FROM callback_requests ORDER BY created_at, rowid',
      )
      .all();
    for (const row of callbacks) {
      yield {
        kind: 'callback',
        callback: { id: row.id, clientId: row.client_id, reason: row.reason, text: row.text, status: row.status, createdAt: row.created_at },
      };
    }

    const consent = new SqliteConsentStore(db);
    for (const { address } of db.prepare<[], { address: string }>('SELECT address FROM consent ORDER BY address').all()) {
      const record = await consent.get(address);
      if (record) yield { kind: 'consent', consent: record };
    }

    const references = db
      .prepare<[], { client_id: string; channel: string; reference: string; updated_at: string }>(
        'SELECT * FROM conversation_references ORDER BY client_id, updated_at, rowid',
      )
      .all();
    for (const row of references) {
      yield { kind: 'reference', clientId: row.client_id, channel: row.channel, reference: JSON.parse(row.reference) as object, updatedAt: row.updated_at };
    }

    const preferences = db
      .prepare<[], { client_id: string; preferred_channel: string | null; zone: string | null; updated_at: string }>(
        'SELECT * FROM client_preferences ORDER BY client_id',
      )
      .all();
    for (const row of preferences) {
      yield { kind: 'preferences', clientId: row.client_id, preferredChannel: row.preferred_channel, zone: row.zone, updatedAt: row.updated_at };
    }

    for (const row of db.prepare<[], { key: string; sent_at: string }>('SELECT key, sent_at FROM notices_sent ORDER BY key').all()) {
      yield { kind: 'notice', key: row.key, sentAt: row.sent_at };
    }

    for (const alert of await new SqliteUrgentAlertLog(db).list()) yield { kind: 'urgent_alert', alert };

    const stateKeys = db.prepare<[], { key: string }>('SELECT key FROM state_items ORDER BY key').all().map((row) => row.key);
    const items = await new SqliteStateStorage(db).read(stateKeys);
    for (const key of stateKeys) {
      const item = items[key] as StoreItem | undefined;
      if (!item) continue;
      const { eTag: _eTag, ...value } = item;
      yield { kind: 'state', key, value };
    }
  }

  async isEmpty(): Promise<boolean> {
    const tables = this.db
      .prepare<[], { name: string; sql: string | null }>("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all();
    // A full-text index's shadow tables hold its own bookkeeping even when it indexes nothing.
    const virtual = tables.filter((table) => /^CREATE VIRTUAL TABLE/i.test(table.sql ?? '')).map((table) => `${table.name}_`);
    const names = tables
      .map((table) => table.name)
      .filter((name) => !NOT_DATA.has(name) && !virtual.some((shadowPrefix) => name.startsWith(shadowPrefix)));
    return names.every((name) => this.db.prepare(`SELECT 1 FROM "${name.replace(/"/g, '""')}" LIMIT 1`).get() === undefined);
  }

  async restoreAll(records: readonly ArchiveRecord[]): Promise<void> {
    const { db } = this;
    const upsert = {
      client: db.prepare(`
        INSERT INTO clients (id, address, channel, name, language, created_at) VALUES (@id, @address, @channel, @name, @language, @createdAt)
        ON CONFLICT (id) DO UPDATE SET address = excluded.address, channel = excluded.channel, name = excluded.name,
          language = excluded.language, created_at = excluded.created_at`),
      appointment: db.prepare(`
        INSERT INTO appointments (id, client_id, service_id, staff_id, starts_at, ends_at, status, created_at, updated_at,
                                  rescheduled_from, confirmed_at, late_minutes, late_reported_at)
        VALUES (@id, @clientId, @serviceId, @staffId, @start, @end, @status, @createdAt, @updatedAt,
                @rescheduledFrom, @confirmedAt, @lateMinutes, @lateReportedAt)
        ON CONFLICT (id) DO UPDATE SET client_id = excluded.client_id, service_id = excluded.service_id, staff_id = excluded.staff_id,
          starts_at = excluded.starts_at, ends_at = excluded.ends_at, status = excluded.status, created_at = excluded.created_at,
          updated_at = excluded.updated_at, rescheduled_from = excluded.rescheduled_from, confirmed_at = excluded.confirmed_at,
          late_minutes = excluded.late_minutes, late_reported_at = excluded.late_reported_at`),
      callback: db.prepare(`
        INSERT INTO callback_requests (id, client_id, reason, text, status, created_at) VALUES (@id, @clientId, @reason, @text, @status, @createdAt)
        ON CONFLICT (id) DO UPDATE SET client_id = excluded.client_id, reason = excluded.reason, text = excluded.text,
          status = excluded.status, created_at = excluded.created_at`),
      consent: db.prepare(`
        INSERT INTO consent (address, status, source, changed_at, unreachable_code, unreachable_at)
        VALUES (@address, @status, @source, @changedAt, @unreachableCode, @unreachableAt)
        ON CONFLICT (address) DO UPDATE SET status = excluded.status, source = excluded.source, changed_at = excluded.changed_at,
          unreachable_code = excluded.unreachable_code, unreachable_at = excluded.unreachable_at`),
      reference: db.prepare(`
        INSERT INTO conversation_references (client_id, channel, reference, updated_at) VALUES (@clientId, @channel, @reference, @updatedAt)
        ON CONFLICT (client_id, channel) DO UPDATE SET reference = excluded.reference, updated_at = excluded.updated_at`),
      preferences: db.prepare(`
        INSERT INTO client_preferences (client_id, preferred_channel, zone, updated_at) VALUES (@clientId, @preferredChannel, @zone, @updatedAt)
        ON CONFLICT (client_id) DO UPDATE SET preferred_channel = excluded.preferred_channel, zone = excluded.zone, updated_at = excluded.updated_at`),
      notice: db.prepare(`
        INSERT INTO notices_sent (key, sent_at) VALUES (@key, @sentAt) ON CONFLICT (key) DO UPDATE SET sent_at = excluded.sent_at`),
      urgentAlert: db.prepare(`
        INSERT INTO urgent_alerts (id, client_id, keyword, text, open_now, on_call_name, notified, outcome, created_at)
        VALUES (@id, @clientId, @keyword, @text, @openNow, @onCallName, @notified, @outcome, @createdAt)
        ON CONFLICT (id) DO UPDATE SET client_id = excluded.client_id, keyword = excluded.keyword, text = excluded.text,
          open_now = excluded.open_now, on_call_name = excluded.on_call_name, notified = excluded.notified,
          outcome = excluded.outcome, created_at = excluded.created_at`),
      state: db.prepare(`
        INSERT INTO state_items (key, value, etag) VALUES (@key, @value, @etag)
        ON CONFLICT (key) DO UPDATE SET value = excluded.value, etag = excluded.etag`),
    };

    const write = (record: ArchiveRecord): void => {
      switch (record.kind) {
        case 'client':
          upsert.client.run({ ...record.client });
          return;
        case 'appointment': {
          const a = record.appointment;
          upsert.appointment.run({
            ...a,
            runningLate: undefined,
            lateMinutes: a.runningLate?.minutes ?? null,
            lateReportedAt: a.runningLate?.reportedAt ?? null,
          });
          return;
        }
        case 'callback':
          upsert.callback.run({ ...record.callback });
          return;
        case 'consent': {
          const c = record.consent;
          upsert.consent.run({
            address: c.address,
            status: c.status,
            source: c.source,
            changedAt: c.changedAt,
            unreachableCode: c.unreachable?.code ?? null,
            unreachableAt: c.unreachable?.at ?? null,
          });
          return;
        }
        case 'reference':
          upsert.reference.run({ clientId: record.clientId, channel: record.channel, reference: JSON.stringify(record.reference), updatedAt: record.updatedAt });
          return;
        case 'preferences':
          upsert.preferences.run({ clientId: record.clientId, preferredChannel: record.preferredChannel, zone: record.zone, updatedAt: record.updatedAt });
          return;
        case 'notice':
          upsert.notice.run({ key: record.key, sentAt: record.sentAt });
          return;
        case 'urgent_alert': {
          const alert: UrgentAlert = record.alert;
          upsert.urgentAlert.run({ ...alert, openNow: alert.openNow ? 1 : 0, notified: JSON.stringify(alert.notified) });
          return;
        }
        case 'state':
          upsert.state.run({ key: record.key, value: JSON.stringify(record.value), etag: newETag() });
          return;
      }
    };

    db.transaction(() => {
      // An appointment may name the one it replaced before that one is written (the archive lists
      // them by start): foreign keys are checked at the commit, over the whole import.
      db.pragma('defer_foreign_keys = ON');
      for (const record of records) write(record);
      // Checked here as well as at the commit, so a connection without foreign keys enforced still refuses it.
      const broken = db.pragma('foreign_key_check') as Array<{ table: string; parent: string }>;
      if (broken.length > 0) {
        const first = broken[0] as { table: string; parent: string };
        throw new Error(`FOREIGN KEY constraint failed: ${broken.length} record(s) of ${first.table} name a missing ${first.parent} record`);
      }
    }).immediate();
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

/**
 * The archive of the data file. For reading, the file must exist at this code's schema version (as
 * a read-only store checks); for writing, it is created or migrated first, as the server would.
 */
export function openSqliteArchive(options: { file: string; readOnly: boolean }): SqliteArchive {
  // Opening the stores checks (or brings up) the file's schema, with the store's own errors.
  void openSqliteStores({ file: options.file, readOnly: options.readOnly }).close();
  if (!existsSync(options.file)) throw new Error(`the data file ${options.file} vanished while it was opened`);
  const db = new Database(options.file, { readonly: options.readOnly, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  if (!options.readOnly) db.pragma('foreign_keys = ON');
  return new SqliteArchive(db);
}
