// The embedded store: one SQLite file (WAL) behind the store ports. Several processes may open the
// same file; every read-check-write runs in an IMMEDIATE transaction, so they cannot double-book.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Stores } from '../../ports/stores';
import { SqliteAppointmentStore } from './appointment-store';
import { SqliteCallbackStore } from './callback-store';
import { SqliteClientStore } from './client-store';
import { SqliteConsentStore } from './consent-store';
import { SqliteHandoffStore } from './handoff-store';
import { SqliteMessageLog } from './message-log';
import { SqliteOutboundQueueStore } from './outbound-queue-store';
import { SqliteConversationReferenceStore } from './reference-store';
import { SqliteReminderStore } from './reminder-store';
import { SqliteDeliveryLog } from './delivery-log';
import { SqliteInboundMessageLog } from './inbound-message-log';
import { migrate } from './migrations';
import { SqliteNoticeLog, SqliteUrgentAlertLog } from './norms-store';
import { SqliteStateStorage } from './state-storage';

export { StoreError, type StoreErrorCode } from './errors';
export { MIGRATIONS, SCHEMA_VERSION, migrate, readSchemaVersion, type Migration } from './migrations';
export { SqliteAppointmentStore } from './appointment-store';
export { SqliteCallbackStore } from './callback-store';
export { SqliteClientStore } from './client-store';
export { SqliteConsentStore } from './consent-store';
export { SqliteHandoffStore } from './handoff-store';
export { SqliteMessageLog } from './message-log';
export { SqliteOutboundQueueStore } from './outbound-queue-store';
export { SqliteConversationReferenceStore } from './reference-store';
export { SqliteReminderStore } from './reminder-store';
export { SqliteDeliveryLog } from './delivery-log';
export { SqliteInboundMessageLog } from './inbound-message-log';
export { SqliteStateStorage } from './state-storage';
export { SqliteNoticeLog, SqliteUrgentAlertLog } from './norms-store';

export const DATA_FILE_NAME = 'frontdesk.sqlite';

/** How long a writer waits for another process's write lock before giving up with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

export type SqliteStoreOptions = { file: string } | { dataDir: string };

/** The file `openSqliteStores` uses for these options (the composition root and CLI print it). */
export function sqliteFileFor(options: SqliteStoreOptions): string {
  return 'file' in options ? options.file : path.join(options.dataDir, DATA_FILE_NAME);
}

export function openSqliteStores(options: SqliteStoreOptions): Stores {
  if ('dataDir' in options) mkdirSync(options.dataDir, { recursive: true });
  const db = new Database(sqliteFileFor(options));
  try {
    // busy_timeout first: switching to WAL itself needs a lock another process may hold.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return {
    appointments: new SqliteAppointmentStore(db),
    clients: new SqliteClientStore(db),
    callbacks: new SqliteCallbackStore(db),
    consent: new SqliteConsentStore(db),
    references: new SqliteConversationReferenceStore(db),
    outbox: new SqliteOutboundQueueStore(db),
    reminders: new SqliteReminderStore(db),
    inboundMessages: new SqliteInboundMessageLog(db),
    deliveries: new SqliteDeliveryLog(db),
    handoffs: new SqliteHandoffStore(db),
    messageLog: new SqliteMessageLog(db),
    notices: new SqliteNoticeLog(db),
    urgentAlerts: new SqliteUrgentAlertLog(db),
    state: new SqliteStateStorage(db),
    async close(): Promise<void> {
      if (db.open) db.close();
    },
  };
}
