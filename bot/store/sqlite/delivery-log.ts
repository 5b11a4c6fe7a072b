import type BetterSqlite3 from 'better-sqlite3';
import {
  FINISHED_DELIVERY_STATUSES,
  deliveryStage,
  type DeliveryLog,
  type DeliveryRecord,
  type DeliveryReport,
  type NewDelivery,
} from '../../ports/delivery-log';
import { nowIso } from './instants';

export interface DeliveryRow {
  provider_id: string;
  address: string;
  channel: string;
  kind: string | null;
  status: string;
  stage: number;
  error_code: string | null;
  unreachable: number;
  created_at: string;
  updated_at: string;
}

export function fromRow(row: DeliveryRow): DeliveryRecord {
  return {
    providerId: row.provider_id,
    address: row.address,
    channel: row.channel,
    kind: row.kind,
    status: row.status,
    errorCode: row.error_code,
    unreachable: row.unreachable === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const FINISHED_LIST = FINISHED_DELIVERY_STATUSES.map((s) => `'${s}'`).join(', ');

export class SqliteDeliveryLog implements DeliveryLog {
  private readonly insertSent: BetterSqlite3.Statement<DeliveryRow>;
  private readonly setKind: BetterSqlite3.Statement<{ provider_id: string; kind: string | null }>;
  private readonly upsertReport: BetterSqlite3.Statement<DeliveryRow>;
  private readonly selectOne: BetterSqlite3.Statement<[string], DeliveryRow>;
  private readonly selectLatestFinished: BetterSqlite3.Statement<[string], { unreachable: number }>;
  private readonly report: (row: DeliveryRow) => DeliveryRow;

  constructor(db: BetterSqlite3.Database) {
    this.insertSent = db.prepare(`
      INSERT OR IGNORE INTO deliveries (provider_id, address, channel, kind, status, stage, error_code, unreachable, created_at, updated_at)
      VALUES (@provider_id, @address, @channel, @kind, @status, @stage, @error_code, @unreachable, @created_at, @updated_at)`);
    this.setKind = db.prepare('UPDATE deliveries SET kind = COALESCE(kind, @kind) WHERE provider_id = @provider_id');
    // A report at an earlier stage than the stored one arrived late and changes nothing.
    this.upsertReport = db.prepare(`
      INSERT INTO deliveries (provider_id, address, channel, kind, status, stage, error_code, unreachable, created_at, updated_at)
      VALUES (@provider_id, @address, @channel, @kind, @status, @stage, @error_code, @unreachable, @created_at, @updated_at)
      ON CONFLICT (provider_id) DO UPDATE SET
        status = excluded.status, stage = excluded.stage, error_code = excluded.error_code,
        unreachable = excluded.unreachable, updated_at = excluded.updated_at
      WHERE excluded.stage >= deliveries.stage`);
    this.selectOne = db.prepare('SELECT * FROM deliveries WHERE provider_id = ?');
    this.selectLatestFinished = db.prepare(`
      SELECT unreachable FROM deliveries WHERE address = ? AND status IN (${FINISHED_LIST})
      ORDER BY updated_at DESC, rowid DESC LIMIT 1`);
    this.report = db.transaction((row: DeliveryRow): DeliveryRow => {
      this.upsertReport.run(row);
      return this.selectOne.get(row.provider_id) as DeliveryRow;
    });
  }

  async recordSent(delivery: NewDelivery, now: Date): Promise<void> {
    const at = nowIso(now);
    const inserted = this.insertSent.run({
      provider_id: delivery.providerId,
      address: delivery.address,
      channel: delivery.channel,
      kind: delivery.kind,
      status: delivery.status,
      stage: deliveryStage(delivery.status),
      error_code: null,
      unreachable: 0,
      created_at: at,
      updated_at: at,
    });
    // A status callback can beat the API response home; keep its status, add what only we know.
    if (inserted.changes === 0) this.setKind.run({ provider_id: delivery.providerId, kind: delivery.kind });
  }

  async recordStatus(report: DeliveryReport, now: Date): Promise<DeliveryRecord> {
    const at = nowIso(now);
    const row = this.report({
      provider_id: report.providerId,
      address: report.address,
      channel: report.channel,
      kind: null,
      status: report.status,
      stage: deliveryStage(report.status),
      error_code: report.errorCode,
      unreachable: report.unreachable ? 1 : 0,
      created_at: at,
      updated_at: at,
    });
    return fromRow(row);
  }

  async get(providerId: string): Promise<DeliveryRecord | null> {
    const row = this.selectOne.get(providerId);
    return row ? fromRow(row) : null;
  }

  async isUnreachable(address: string): Promise<boolean> {
    return this.selectLatestFinished.get(address)?.unreachable === 1;
  }
}
