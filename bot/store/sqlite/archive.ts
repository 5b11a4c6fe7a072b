// Every record of the SQLite file as archive records (export), and records written back as they are
// (import) in one transaction: all of an import or none of it.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { StoreItem } from 'botbuilder';
import type { CallbackRequest } from '../../domain/types';
import { deliveryOrder, receiptOrder, type ArchiveRecord, type StoreArchive } from '../../ports/archive';
import { deliveryStage } from '../../ports/delivery-log';
import type { UrgentAlert } from '../../ports/norms';
import { SqliteAppointmentStore } from './appointment-store';
import { SqliteClientStore } from './client-store';
import { SqliteConsentStore } from './consent-store';
import { fromRow as deliveryFromRow, type DeliveryRow } from './delivery-log';
import { fromRow as ticketFromRow, type TicketRow } from './handoff-store';
import { fromRow as receiptFromRow, type InboundRow } from './inbound-message-log';
import { nowIso } from './instants';
import { fromRow as messageFromRow, type MessageRow } from './message-log';
import { fromRow as outboxFromRow, type OutboundRow } from './outbound-queue-store';
import { newETag } from './ids';
import { openSqliteStores } from './index';
import { SqliteUrgentAlertLog } from './norms-store';
import { SqliteStateStorage } from './state-storage';

/** Tables that hold no business data: an import may go into a file that has rows in them. */
const NOT_DATA = new Set(['store_heartbeat']);

/** An INSERT of these columns (named parameters of the same names) that replaces the row with the same `conflict` key. */
function upsertSql(table: string, conflict: string, columns: readonly string[]): string {
  const updates = columns.filter((column) => column !== conflict).map((column) => `${column} = excluded.${column}`);
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})
    ON CONFLICT (${conflict}) DO UPDATE SET ${updates.join(', ')}`;
}

const TICKET_COLUMNS = [
  'id', 'number', 'client_id', 'channel', 'conversation_id', 'reason', 'urgent', 'state', 'created_at', 'claimed_at', 'claimed_by',
  'claimed_by_name', 'resolved_at', 'resolved_by', 'last_notified_position', 'last_notified_at', 'nudged_at', 'staff_channel', 'staff_ts',
] as const;
const OUTBOX_COLUMNS = [
  'id', 'dedupe_key', 'client_id', 'address', 'channel', 'sender_key', 'kind', 'priority', 'text', 'media', 'status', 'reason', 'attempts',
  'not_before', 'expires_at', 'claimed_by', 'lease_until', 'provider_id', 'created_at', 'updated_at', 'sent_at',
] as const;
const INBOUND_COLUMNS = ['message_id', 'channel', 'address', 'media', 'state', 'response', 'received_at', 'claimed_at', 'completed_at'] as const;
const DELIVERY_COLUMNS = ['provider_id', 'address', 'channel', 'kind', 'status', 'stage', 'error_code', 'unreachable', 'created_at', 'updated_at'] as const;
const MESSAGE_COLUMNS = ['seq', 'id', 'client_id', 'channel', 'direction', 'text', 'media', 'at', 'author', 'staff_id', 'internal'] as const;

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

    for (const row of db.prepare<[], TicketRow>('SELECT * FROM handoff_tickets ORDER BY number').all()) {
      yield { kind: 'handoff_ticket', ticket: ticketFromRow(row) };
    }
    const rotation = db.prepare<[], { last_console_id: string }>('SELECT last_console_id FROM handoff_rotation WHERE id = 1').get();
    if (rotation) yield { kind: 'handoff_rotation', lastConsoleId: rotation.last_console_id };

    // In the order they were logged, so an import logs them in the same order.
    for (const row of db.prepare<[], MessageRow>('SELECT * FROM message_log ORDER BY seq').all()) {
      yield { kind: 'message', message: messageFromRow(row) };
    }

    for (const row of db.prepare<[], OutboundRow>('SELECT * FROM outbound_messages ORDER BY created_at, rowid').all()) {
      yield { kind: 'outbox', message: outboxFromRow(row), claimedBy: row.claimed_by, leaseUntil: row.lease_until };
    }
    for (const row of db.prepare<[], { sender_key: string; next_slot_at: string }>('SELECT * FROM outbound_senders ORDER BY sender_key').all()) {
      yield { kind: 'send_slot', senderKey: row.sender_key, nextSlotAt: row.next_slot_at };
    }

    const receipts = db.prepare<[], InboundRow>('SELECT * FROM inbound_messages').all();
    const byReceipt = receipts.map((row) => ({ receipt: receiptFromRow(row), claimedAt: row.claimed_at }));
    byReceipt.sort((a, b) => receiptOrder(a.receipt, b.receipt));
    for (const { receipt, claimedAt } of byReceipt) yield { kind: 'inbound_message', receipt, claimedAt };

    const deliveries = db.prepare<[], DeliveryRow>('SELECT * FROM deliveries').all().map(deliveryFromRow);
    for (const delivery of deliveries.sort(deliveryOrder)) yield { kind: 'delivery', delivery };

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

  async restoreAll(records: readonly ArchiveRecord[], now: Date): Promise<void> {
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
      ticket: db.prepare(upsertSql('handoff_tickets', 'id', TICKET_COLUMNS)),
      rotation: db.prepare(upsertSql('handoff_rotation', 'id', ['id', 'last_console_id', 'updated_at'])),
      outbox: db.prepare(upsertSql('outbound_messages', 'id', OUTBOX_COLUMNS)),
      sendSlot: db.prepare(upsertSql('outbound_senders', 'sender_key', ['sender_key', 'next_slot_at'])),
      inbound: db.prepare(upsertSql('inbound_messages', 'message_id', INBOUND_COLUMNS)),
      delivery: db.prepare(upsertSql('deliveries', 'provider_id', DELIVERY_COLUMNS)),
    };
    // A message replaced is taken out (and out of the word index, if it was in it) and logged again
    // after every message there is, so the index takes its words as they are now.
    const message = {
      remove: db.prepare<[string]>('DELETE FROM message_log WHERE id = ?'),
      nextSeq: db.prepare<[], { next: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM message_log'),
      insert: db.prepare(`INSERT INTO message_log (${MESSAGE_COLUMNS.join(', ')}) VALUES (${MESSAGE_COLUMNS.map((c) => `@${c}`).join(', ')})`),
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
        case 'handoff_ticket': {
          const t = record.ticket;
          upsert.ticket.run({
            id: t.id,
            number: t.number,
            client_id: t.clientId,
            channel: t.channel,
            conversation_id: t.conversationId,
            reason: t.reason,
            urgent: t.urgent ? 1 : 0,
            state: t.state,
            created_at: t.createdAt,
            claimed_at: t.claimedAt,
            claimed_by: t.claimedBy,
            claimed_by_name: t.claimedByName,
            resolved_at: t.resolvedAt,
            resolved_by: t.resolvedBy,
            last_notified_position: t.lastNotifiedPosition,
            last_notified_at: t.lastNotifiedAt,
            nudged_at: t.nudgedAt,
            staff_channel: t.staffThread?.channel ?? null,
            staff_ts: t.staffThread?.ts ?? null,
          });
          return;
        }
        case 'handoff_rotation':
          upsert.rotation.run({ id: 1, last_console_id: record.lastConsoleId, updated_at: nowIso(now) });
          return;
        case 'message': {
          const m = record.message;
          // The next seq is read before the old row goes, so a replaced last message never gets its seq back.
          const seq = (message.nextSeq.get() as { next: number }).next;
          message.remove.run(m.id);
          message.insert.run({
            seq,
            id: m.id,
            client_id: m.clientId,
            channel: m.channel,
            direction: m.direction,
            text: m.text,
            media: JSON.stringify(m.media),
            at: m.at,
            author: m.author,
            staff_id: m.staffId ?? null,
            internal: m.internal ? 1 : 0,
          });
          return;
        }
        case 'outbox': {
          const m = record.message;
          upsert.outbox.run({
            id: m.id,
            dedupe_key: m.dedupeKey,
            client_id: m.clientId,
            address: m.address,
            channel: m.channel,
            sender_key: m.senderKey,
            kind: m.kind,
            priority: m.priority === 'now' ? 1 : 0,
            text: m.text,
            media: JSON.stringify(m.mediaUrls),
            status: m.status,
            reason: m.reason,
            attempts: m.attempts,
            not_before: m.notBefore,
            expires_at: m.expiresAt,
            claimed_by: record.claimedBy,
            lease_until: record.leaseUntil,
            provider_id: m.providerId,
            created_at: m.createdAt,
            updated_at: m.updatedAt,
            sent_at: m.sentAt,
          });
          return;
        }
        case 'send_slot':
          upsert.sendSlot.run({ sender_key: record.senderKey, next_slot_at: record.nextSlotAt });
          return;
        case 'inbound_message': {
          const r = record.receipt;
          upsert.inbound.run({
            message_id: r.messageId,
            channel: r.channel,
            address: r.address,
            media: JSON.stringify(r.media),
            state: r.state,
            response: r.response,
            received_at: r.receivedAt,
            claimed_at: record.claimedAt,
            completed_at: r.completedAt,
          });
          return;
        }
        case 'delivery': {
          const d = record.delivery;
          upsert.delivery.run({
            provider_id: d.providerId,
            address: d.address,
            channel: d.channel,
            kind: d.kind,
            status: d.status,
            stage: deliveryStage(d.status),
            error_code: d.errorCode,
            unreachable: d.unreachable ? 1 : 0,
            created_at: d.createdAt,
            updated_at: d.updatedAt,
          });
          return;
        }
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
