// Schema versions live in SQLite's `PRAGMA user_version`. MIGRATIONS[i] takes a database from
// version i to version i + 1; entries are only ever appended, never edited, once released.
import type BetterSqlite3 from 'better-sqlite3';
import { StoreError } from './errors';

export type Migration = (db: BetterSqlite3.Database) => void;

const createInitialSchema: Migration = (db) => {
  db.exec(`
    CREATE TABLE clients (
      id         TEXT PRIMARY KEY,
      address    TEXT NOT NULL UNIQUE,
      channel    TEXT NOT NULL,
      name       TEXT,
      created_at TEXT NOT NULL
    );
    CREATE INDEX clients_created ON clients (created_at);

    CREATE TABLE appointments (
      id               TEXT PRIMARY KEY,
      client_id        TEXT NOT NULL REFERENCES clients (id),
      service_id       TEXT NOT NULL,
      staff_id         TEXT NOT NULL,
      starts_at        TEXT NOT NULL,
      ends_at          TEXT NOT NULL,
      status           TEXT NOT NULL CHECK (status IN ('booked', 'cancelled', 'rescheduled')),
      created_at       TEXT NOT NULL,
      updated_at       TEXT NOT NULL,
      rescheduled_from TEXT REFERENCES appointments (id),
      confirmed_at     TEXT,
      CHECK (starts_at < ends_at)
    );
    -- The overlap check of every booking reads only live appointments of one staff member.
    CREATE INDEX appointments_booked_by_staff ON appointments (staff_id, starts_at) WHERE status = 'booked';
    CREATE INDEX appointments_by_client ON appointments (client_id, starts_at);
    CREATE INDEX appointments_by_start ON appointments (starts_at);

    CREATE TABLE callback_requests (
      id         TEXT PRIMARY KEY,
      client_id  TEXT NOT NULL REFERENCES clients (id),
      reason     TEXT NOT NULL,
      text       TEXT NOT NULL,
      status     TEXT NOT NULL CHECK (status IN ('open', 'done')),
      created_at TEXT NOT NULL
    );
    CREATE INDEX callback_requests_open ON callback_requests (created_at) WHERE status = 'open';

    -- botbuilder conversation and user state: JSON text with an eTag for optimistic concurrency.
    CREATE TABLE state_items (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      etag  TEXT NOT NULL
    );
  `);
};

// Version 2: the Twilio channel. Inbound message ids with the reply each produced (so a retried
// webhook gets the same reply without a second turn), and delivery status of outbound messages.
const addMessageReceiptsAndDeliveries: Migration = (db) => {
  db.exec(`
    CREATE TABLE inbound_messages (
      message_id   TEXT PRIMARY KEY,
      channel      TEXT NOT NULL,
      address      TEXT NOT NULL,
      media        TEXT NOT NULL DEFAULT '[]',
      state        TEXT NOT NULL CHECK (state IN ('processing', 'done')),
      response     TEXT,
      received_at  TEXT NOT NULL,
      claimed_at   TEXT NOT NULL,
      completed_at TEXT
    );
    CREATE INDEX inbound_messages_by_address ON inbound_messages (address, channel, received_at);

    CREATE TABLE deliveries (
      provider_id TEXT PRIMARY KEY,
      address     TEXT NOT NULL,
      channel     TEXT NOT NULL,
      kind        TEXT,
      status      TEXT NOT NULL,
      stage       INTEGER NOT NULL,
      error_code  TEXT,
      unreachable INTEGER NOT NULL DEFAULT 0,
      created_at  TEXT NOT NULL,
      updated_at  TEXT NOT NULL
    );
    CREATE INDEX deliveries_by_address ON deliveries (address, updated_at);
  `);
};

// Version 3: consent, conversation references, the outbound queue and reminders.
const addConsentRemindersAndOutbox: Migration = (db) => {
  db.exec(`
    CREATE TABLE consent (
      address          TEXT PRIMARY KEY,
      status           TEXT NOT NULL CHECK (status IN ('opted_in', 'opted_out')),
      source           TEXT NOT NULL,
      changed_at       TEXT NOT NULL,
      unreachable_code TEXT,
      unreachable_at   TEXT
    );

    CREATE TABLE conversation_references (
      client_id  TEXT NOT NULL REFERENCES clients (id),
      channel    TEXT NOT NULL,
      reference  TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (client_id, channel)
    );

    CREATE TABLE client_preferences (
      client_id         TEXT PRIMARY KEY REFERENCES clients (id),
      preferred_channel TEXT,
      zone              TEXT,
      updated_at        TEXT NOT NULL
    );

    CREATE TABLE outbound_messages (
      id          TEXT PRIMARY KEY,
      dedupe_key  TEXT UNIQUE,
      client_id   TEXT,
      address     TEXT NOT NULL,
      channel     TEXT NOT NULL,
      sender_key  TEXT NOT NULL,
      kind        TEXT NOT NULL,
      text        TEXT NOT NULL,
      media       TEXT NOT NULL,
      status      TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'suppressed', 'expired')),
      reason      TEXT,
      attempts    INTEGER NOT NULL DEFAULT 0,
      not_before  TEXT NOT NULL,
      expires_at  TEXT,
      claimed_by  TEXT,
      lease_until TEXT,
      provider_id TEXT,
      created_at  TEXT NOT NULL,
      updated_at  TEXT NOT NULL,
      sent_at     TEXT
    );
    CREATE INDEX outbound_messages_due ON outbound_messages (not_before) WHERE status IN ('queued', 'sending');
    CREATE INDEX outbound_messages_by_address ON outbound_messages (address, created_at);

    -- The next instant each sender (phone number) may send: the throttle, shared by processes.
    CREATE TABLE outbound_senders (
      sender_key   TEXT PRIMARY KEY,
      next_slot_at TEXT NOT NULL
    );

    CREATE TABLE reminders (
      appointment_id    TEXT NOT NULL REFERENCES appointments (id),
      kind              TEXT NOT NULL,
      client_id         TEXT NOT NULL REFERENCES clients (id),
      due_at            TEXT NOT NULL,
      appointment_start TEXT NOT NULL,
      status            TEXT NOT NULL CHECK (status IN ('pending', 'claimed', 'sent', 'suppressed', 'skipped', 'cancelled')),
      reason            TEXT,
      attempts          INTEGER NOT NULL DEFAULT 0,
      claimed_by        TEXT,
      lease_until       TEXT,
      sent_at           TEXT,
      created_at        TEXT NOT NULL,
      updated_at        TEXT NOT NULL,
      PRIMARY KEY (appointment_id, kind)
    );
    CREATE INDEX reminders_due ON reminders (due_at) WHERE status IN ('pending', 'claimed');
    CREATE INDEX reminders_sent_by_client ON reminders (client_id, sent_at) WHERE status = 'sent';

    -- "Running 10 min late", told in reply to a reminder.
    ALTER TABLE appointments ADD COLUMN late_minutes INTEGER;
    ALTER TABLE appointments ADD COLUMN late_reported_at TEXT;
  `);
};

// Version 5: the human handoff queue (take-a-number tickets) and the log of every message, with
// an FTS5 index kept in step by triggers so staff can search history by words.
const addHandoffQueueAndMessageLog: Migration = (db) => {
  db.exec(`
    CREATE TABLE handoff_tickets (
      id                     TEXT PRIMARY KEY,
      number                 INTEGER NOT NULL UNIQUE,
      client_id              TEXT NOT NULL REFERENCES clients (id),
      channel                TEXT NOT NULL,
      conversation_id        TEXT NOT NULL,
      reason                 TEXT NOT NULL,
      urgent                 INTEGER NOT NULL CHECK (urgent IN (0, 1)),
      state                  TEXT NOT NULL CHECK (state IN ('waiting', 'claimed', 'resolved', 'abandoned', 'timed_out')),
      created_at             TEXT NOT NULL,
      claimed_at             TEXT,
      claimed_by             TEXT,
      claimed_by_name        TEXT,
      resolved_at            TEXT,
      resolved_by            TEXT,
      last_notified_position INTEGER,
      last_notified_at       TEXT,
      nudged_at              TEXT,
      staff_channel          TEXT,
      staff_ts               TEXT
    );
    -- One place in line per client: a second request finds the first.
    CREATE UNIQUE INDEX handoff_tickets_active_client ON handoff_tickets (client_id) WHERE state IN ('waiting', 'claimed');
    CREATE INDEX handoff_tickets_waiting ON handoff_tickets (urgent DESC, created_at, number) WHERE state = 'waiting';
    CREATE INDEX handoff_tickets_thread ON handoff_tickets (staff_channel, staff_ts);
    CREATE INDEX handoff_tickets_resolved ON handoff_tickets (resolved_at) WHERE state = 'resolved';

    CREATE TABLE message_log (
      seq       INTEGER PRIMARY KEY, -- rows are never deleted, so rowids only grow
      id        TEXT NOT NULL UNIQUE,
      client_id TEXT NOT NULL REFERENCES clients (id),
      channel   TEXT NOT NULL,
      direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
      text      TEXT NOT NULL,
      media     TEXT NOT NULL,
      at        TEXT NOT NULL,
      author    TEXT NOT NULL CHECK (author IN ('client', 'bot', 'staff')),
      staff_id  TEXT,
      internal  INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX message_log_by_client ON message_log (client_id, at, seq);
    CREATE VIRTUAL TABLE message_log_fts USING fts5 (text, content = 'message_log', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2');
    CREATE TRIGGER message_log_fts_insert AFTER INSERT ON message_log BEGIN
      INSERT INTO message_log_fts (rowid, text) VALUES (new.seq, new.text);
    END;
    CREATE TRIGGER message_log_fts_delete AFTER DELETE ON message_log BEGIN
      INSERT INTO message_log_fts (message_log_fts, rowid, text) VALUES ('delete', old.seq, old.text);
    END;
  `);
};

// Version 4: business norms. Notices said once (first contact per client, after hours per
// conversation and closed period), keyed by what makes them once-only; and every urgent alert.
const addBusinessNorms: Migration = (db) => {
  db.exec(`
    CREATE TABLE notices_sent (
      key     TEXT PRIMARY KEY,
      sent_at TEXT NOT NULL
    );

    CREATE TABLE urgent_alerts (
      id           TEXT PRIMARY KEY,
      client_id    TEXT NOT NULL REFERENCES clients (id),
      keyword      TEXT NOT NULL,
      text         TEXT NOT NULL,
      open_now     INTEGER NOT NULL CHECK (open_now IN (0, 1)),
      on_call_name TEXT,
      notified     TEXT NOT NULL,
      outcome      TEXT NOT NULL,
      created_at   TEXT NOT NULL
    );
    CREATE INDEX urgent_alerts_by_time ON urgent_alerts (created_at);
  `);
};

// Version 6: one row the readiness check rewrites, so "the store can be written" is a real write
// (a full disk or a read-only file fails it) without touching business data.
const addStoreHeartbeat: Migration = (db) => {
  db.exec(`
    CREATE TABLE store_heartbeat (
      id      INTEGER PRIMARY KEY CHECK (id = 1),
      beat_at TEXT NOT NULL,
      pid     INTEGER NOT NULL
    );
  `);
};

// Version 7: the handoff round-robin's place (the member last handed a ticket), one row, so a
// restart or a second process on the same file continues the rotation.
const addHandoffRotation: Migration = (db) => {
  db.exec(`
    CREATE TABLE handoff_rotation (
      id              INTEGER PRIMARY KEY CHECK (id = 1),
      last_console_id TEXT NOT NULL,
      updated_at      TEXT NOT NULL
    );
  `);
};

// Version 8: reminders are outbox rows (kind 'reminder', dedupe key `reminder:<appointment>:<rule>`),
// so the reminders table and its claim protocol go. Nothing needs moving: every reminder that was
// handed on already has its outbox row under that key (and "reminded" is read from there), and the
// pending ones are planned again from the bookings. The old rows stay readable under another name.
const remindersIntoOutbox: Migration = (db) => {
  db.exec(`
    DROP INDEX reminders_due;
    DROP INDEX reminders_sent_by_client;
    ALTER TABLE reminders RENAME TO reminders_before_outbox;
    CREATE INDEX outbound_messages_sent_by_client ON outbound_messages (client_id, kind, sent_at) WHERE status = 'sent';
  `);
};

// Version 9: each outbox message's priority (1 = a client is waiting for it, 0 = it can wait), so a
// staff reply is not queued behind a morning's reminders to other clients.
const addOutboxPriority: Migration = (db) => {
  db.exec(`
    ALTER TABLE outbound_messages ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
    DROP INDEX outbound_messages_due;
    CREATE INDEX outbound_messages_due ON outbound_messages (priority DESC, not_before) WHERE status IN ('queued', 'sending');
  `);
};

// Version 10: the language each client writes in, so later messages (reminders, queue notices)
// reach them in it.
const addClientLanguage: Migration = (db) => {
  db.exec('ALTER TABLE clients ADD COLUMN language TEXT');
};

// Version 11: the message log's word index is written in batches after the messages instead of by
// a trigger inside each insert (the costliest write of a turn). message_log_fts_done holds the last
// seq indexed; everything logged so far was indexed by the old trigger. A search first indexes what
// is pending, so it always sees every message. Only indexed rows are deleted from the index.
const batchMessageLogIndex: Migration = (db) => {
  db.exec(`
    DROP TRIGGER message_log_fts_insert;
    CREATE TABLE message_log_fts_done (
      id  INTEGER PRIMARY KEY CHECK (id = 1),
      seq INTEGER NOT NULL
    );
    INSERT INTO message_log_fts_done (id, seq) SELECT 1, COALESCE(MAX(seq), 0) FROM message_log;
    DROP TRIGGER message_log_fts_delete;
    CREATE TRIGGER message_log_fts_delete AFTER DELETE ON message_log
    WHEN old.seq <= (SELECT seq FROM message_log_fts_done WHERE id = 1) BEGIN
      INSERT INTO message_log_fts (message_log_fts, rowid, text) VALUES ('delete', old.seq, old.text);
    END;
  `);
};

export const MIGRATIONS: readonly Migration[] = [
  createInitialSchema,
  addMessageReceiptsAndDeliveries,
  addConsentRemindersAndOutbox,
  addBusinessNorms,
  addHandoffQueueAndMessageLog,
  addStoreHeartbeat,
  addHandoffRotation,
  remindersIntoOutbox,
  addOutboxPriority,
  addClientLanguage,
  batchMessageLogIndex,
];

/** The schema version this code writes and understands. */
export const SCHEMA_VERSION = MIGRATIONS.length;

export function readSchemaVersion(db: BetterSqlite3.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database up to `migrations.length`, all steps in one IMMEDIATE transaction so that
 * two processes opening the same old file at once migrate it exactly once, and a failing step
 * leaves the file at its old version.
 */
export function migrate(
  db: BetterSqlite3.Database,
  migrations: readonly Migration[] = MIGRATIONS,
): { from: number; to: number } {
  const target = migrations.length;
  const run = db.transaction((): { from: number; to: number } => {
    const current = readSchemaVersion(db);
    if (current > target) {
      throw new StoreError(
        'frontdesk_store_schema_too_new',
        `The data file ${db.name} has schema version ${current}, newer than this Frontdesk ` +
          `understands (${target}). Upgrade Frontdesk, or point DATA_DIR at another directory.`,
      );
    }
    for (let version = current; version < target; version += 1) {
      const step = migrations[version];
      if (!step) throw new Error(`missing migration ${version} -> ${version + 1}`);
      try {
        step(db);
      } catch (error) {
        throw new StoreError(
          'frontdesk_store_migration_failed',
          `Migrating ${db.name} from schema version ${version} to ${version + 1} failed: ${String(error)}`,
          { cause: error },
        );
      }
    }
    if (current !== target) db.pragma(`user_version = ${target}`);
    return { from: current, to: target };
  });
  return run.immediate();
}
