// The embedded store: one SQLite file (WAL) behind the store ports. Several processes may open the
// same file; every read-check-write runs in an IMMEDIATE transaction, so they cannot double-book.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { silentLogger, type Logger } from '../../log';
import type { Stores } from '../../ports/stores';
import { WatchedConnection, watchedStore } from './connection';
import { useNormalSync } from './durability';
import { StoreError } from './errors';
import { SqliteAppointmentStore } from './appointment-store';
import { SqliteCallbackStore } from './callback-store';
import { SqliteClientStore } from './client-store';
import { SqliteConsentStore } from './consent-store';
import { SqliteHandoffStore } from './handoff-store';
import { SqliteMessageLog } from './message-log';
import { SqliteOutboundQueueStore } from './outbound-queue-store';
import { SqliteConversationReferenceStore } from './reference-store';
import { SqliteDeliveryLog } from './delivery-log';
import { SqliteInboundMessageLog } from './inbound-message-log';
import { SCHEMA_VERSION, migrate, readSchemaVersion } from './migrations';
import { SqliteNoticeLog, SqliteUrgentAlertLog } from './norms-store';
import { SqliteStateStorage } from './state-storage';

export { StoreError, StoreUnavailableError, type StoreErrorCode } from './errors';
export { PROBE_BUSY_TIMEOUT_MS, classifyStoreFailure } from './connection';
export { MIGRATIONS, SCHEMA_VERSION, migrate, readSchemaVersion, type Migration } from './migrations';
export { SqliteAppointmentStore } from './appointment-store';
export { SqliteCallbackStore } from './callback-store';
export { SqliteClientStore } from './client-store';
export { SqliteConsentStore } from './consent-store';
export { SqliteHandoffStore } from './handoff-store';
export { SqliteMessageLog } from './message-log';
export { SqliteOutboundQueueStore } from './outbound-queue-store';
export { SqliteConversationReferenceStore } from './reference-store';
export { SqliteDeliveryLog } from './delivery-log';
export { SqliteInboundMessageLog } from './inbound-message-log';
export { SqliteStateStorage } from './state-storage';
export { SqliteNoticeLog, SqliteUrgentAlertLog } from './norms-store';

export const DATA_FILE_NAME = 'frontdesk.sqlite';

/** How long a writer waits for another process's write lock before giving up with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

export type SqliteStoreOptions = ({ file: string } | { dataDir: string }) & {
  /**
   * Only read: the file must already exist (nothing is created, not even the directory) and be at
   * this code's schema version. For commands that list or export.
   */
  readOnly?: boolean;
  /** Where the store says it stopped or started serving again (once per episode). */
  logger?: Logger;
  /** Called with the text of every statement run (tests of query plans, diagnostics). */
  trace?: (sql: string) => void;
};

/** The file `openSqliteStores` uses for these options (the composition root and CLI print it). */
export function sqliteFileFor(options: SqliteStoreOptions): string {
  return 'file' in options ? options.file : path.join(options.dataDir, DATA_FILE_NAME);
}

type StoreSet = Omit<Stores, 'probe' | 'close'>;

function buildStores(db: Database.Database): StoreSet {
  return {
    appointments: new SqliteAppointmentStore(db),
    clients: new SqliteClientStore(db),
    callbacks: new SqliteCallbackStore(db),
    consent: new SqliteConsentStore(db),
    references: new SqliteConversationReferenceStore(db),
    outbox: new SqliteOutboundQueueStore(db),
    inboundMessages: new SqliteInboundMessageLog(db),
    deliveries: new SqliteDeliveryLog(db),
    handoffs: new SqliteHandoffStore(db),
    messageLog: new SqliteMessageLog(db),
    notices: new SqliteNoticeLog(db),
    urgentAlerts: new SqliteUrgentAlertLog(db),
    state: new SqliteStateStorage(db),
  };
}

function openWritable(file: string, { reopen }: { reopen: boolean }, trace?: (sql: string) => void): Database.Database {
  // A reopen is for a file put back at the path; it must not create an empty store in its place.
  const db = new Database(file, { fileMustExist: reopen, ...(trace ? { verbose: (sql: unknown) => trace(String(sql)) } : {}) });
  try {
    // busy_timeout first: switching to WAL itself needs a lock another process may hold.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    // Commits are not fsync'd one by one; the ones a client is told about are (durability.ts).
    useNormalSync(db);
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

function openReadOnly(file: string): Database.Database {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const version = readSchemaVersion(db);
    if (version > SCHEMA_VERSION) {
      throw new StoreError(
        'frontdesk_store_schema_too_new',
        `The data file ${file} has schema version ${version}, newer than this Frontdesk understands (${SCHEMA_VERSION}). Upgrade Frontdesk.`,
      );
    }
    if (version < SCHEMA_VERSION) {
      throw new StoreError(
        'frontdesk_store_schema_too_old',
        `The data file ${file} has schema version ${version}, older than this Frontdesk (${SCHEMA_VERSION}); run \`frontdesk start\` once to upgrade it.`,
      );
    }
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

export function openSqliteStores(options: SqliteStoreOptions): Stores {
  const file = sqliteFileFor(options);
  const readOnly = options.readOnly ?? false;
  if (readOnly && !existsSync(file)) {
    const where = 'dataDir' in options ? `in ${options.dataDir}` : `at ${file}`;
    throw new StoreError('frontdesk_store_not_found', `no Frontdesk data ${where} (expected ${file}); check DATA_DIR`);
  }
  if (!readOnly && 'dataDir' in options) mkdirSync(options.dataDir, { recursive: true });
  const connection = new WatchedConnection<StoreSet>({
    file,
    readOnly,
    logger: options.logger ?? silentLogger(),
    open: readOnly ? openReadOnly : (f, how) => openWritable(f, how, options.trace),
    build: buildStores,
  });
  return {
    appointments: watchedStore(connection, 'appointments'),
    clients: watchedStore(connection, 'clients'),
    callbacks: watchedStore(connection, 'callbacks'),
    consent: watchedStore(connection, 'consent'),
    references: watchedStore(connection, 'references'),
    outbox: watchedStore(connection, 'outbox'),
    inboundMessages: watchedStore(connection, 'inboundMessages'),
    deliveries: watchedStore(connection, 'deliveries'),
    handoffs: watchedStore(connection, 'handoffs'),
    messageLog: watchedStore(connection, 'messageLog'),
    notices: watchedStore(connection, 'notices'),
    urgentAlerts: watchedStore(connection, 'urgentAlerts'),
    state: watchedStore(connection, 'state'),
    async probe() {
      return connection.probe();
    },
    async close(): Promise<void> {
      const log = connection.stores.messageLog;
      // What is waiting for the next group commit goes in first, so the index below covers it.
      connection.flushWrites();
      if (log instanceof SqliteMessageLog) {
        log.stopIndexing();
        try {
          if (!readOnly) log.indexPending();
        } catch {
          // The word index is derived: what is left is indexed by the next search.
        }
      }
      connection.close();
    },
  };
}
