// Notices said once (first contact, after hours) and the urgent-alert log, on the SQLite file.
import { randomUUID } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import type { NewUrgentAlert, NoticeLog, UrgentAlert, UrgentAlertLog, UrgentOutcome } from '../../ports/norms';
import { nowIso } from './instants';

export class SqliteNoticeLog implements NoticeLog {
  private readonly insert: BetterSqlite3.Statement<[string, string]>;

  constructor(db: BetterSqlite3.Database) {
    // The primary key makes the claim atomic across processes sharing the file.
    this.insert = db.prepare('INSERT OR IGNORE INTO notices_sent (key, sent_at) VALUES (?, ?)');
  }

  async claim(key: string, now: Date): Promise<boolean> {
    return this.insert.run(key, nowIso(now)).changes === 1;
  }
}

interface AlertRow {
  id: string;
  client_id: string;
  keyword: string;
  text: string;
  open_now: number;
  on_call_name: string | null;
  notified: string;
  outcome: UrgentOutcome;
  created_at: string;
}

function fromRow(row: AlertRow): UrgentAlert {
  return {
    id: row.id,
    clientId: row.client_id,
    keyword: row.keyword,
    text: row.text,
    openNow: row.open_now === 1,
    onCallName: row.on_call_name,
    notified: JSON.parse(row.notified) as string[],
    outcome: row.outcome,
    createdAt: row.created_at,
  };
}

export class SqliteUrgentAlertLog implements UrgentAlertLog {
  private readonly insert: BetterSqlite3.Statement<AlertRow>;
  private readonly selectAll: BetterSqlite3.Statement<[], AlertRow>;

  constructor(db: BetterSqlite3.Database) {
    this.insert = db.prepare(`
      INSERT INTO urgent_alerts (id, client_id, keyword, text, open_now, on_call_name, notified, outcome, created_at)
      VALUES (@id, @client_id, @keyword, @text, @open_now, @on_call_name, @notified, @outcome, @created_at)`);
    this.selectAll = db.prepare('SELECT * FROM urgent_alerts ORDER BY created_at, rowid');
  }

  async record(alert: NewUrgentAlert, now: Date): Promise<UrgentAlert> {
    const row: AlertRow = {
      id: `urg_${randomUUID().replace(/-/g, '').slice(0, 16)}`,
      client_id: alert.clientId,
      keyword: alert.keyword,
      text: alert.text,
      open_now: alert.openNow ? 1 : 0,
      on_call_name: alert.onCallName,
      notified: JSON.stringify(alert.notified),
      outcome: alert.outcome,
      created_at: nowIso(now),
    };
    this.insert.run(row);
    return fromRow(row);
  }

  async list(): Promise<UrgentAlert[]> {
    return this.selectAll.all().map(fromRow);
  }
}
