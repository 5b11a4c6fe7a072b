// Costs stay flat as the data grows: every statement the SQLite store runs while clients book, ask,
// are handed to a person, opt out and back in, and while the periodic jobs pass, is looked up in an
// index. The real server over signed HTTP and /api/messages, on a file seeded with a busy
// business's history; each statement actually run is traced (with its values) and its
// EXPLAIN QUERY PLAN may not scan a table that grows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { loadBusinessConfig } from '../../bot/config/business-config';
import { DATA_FILE_NAME, openSqliteStores } from '../../bot/store/sqlite';
import { at } from '../helpers/frontdesk-harness';
import { say } from '../helpers/bot-framework-client';
import { seedStore } from '../tools/bench-seed';
import { startTwilioTestServer, type TwilioTestServer } from '../channels/twilio/twilio-test-server';

/** Tables that stay a few rows however long the business runs: a scan of them costs nothing. */
const SMALL_TABLES = new Set(['store_heartbeat', 'handoff_rotation', 'outbound_senders', 'sqlite_master', 'sqlite_schema']);

/** Partial indexes holding only live rows (due messages, people waiting, open callbacks): reading one whole is bounded by the queue, not the history. */
const LIVE_ROW_INDEXES = new Set(['outbound_messages_due', 'handoff_tickets_waiting', 'callback_requests_open', 'handoff_tickets_active_client']);

/** The statement with its literal values replaced, so one statement run many times is checked once. */
function shapeOf(sql: string): string {
  return sql
    .replace(/'(?:[^']|'')*'/g, "'?'")
    .replace(/\b\d+(?:\.\d+)?\b/g, '0')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The tables a plan reads by scanning them whole (a full table or a full index). */
function scannedTables(plan: Array<{ detail: string }>): string[] {
  return plan
    // A SELECT without FROM ("SELECT total_changes()") reads no table: SQLite calls it a constant row.
    .filter((row) => row.detail !== 'SCAN CONSTANT ROW')
    .map((row) => /^SCAN (\w+)(?: AS \w+)?(.*)$/.exec(row.detail))
    .filter((m): m is RegExpExecArray => m !== null)
    // FTS5 answers MATCH from its own index ("VIRTUAL TABLE INDEX"); a scan of a subquery's result is not a table.
    .filter((m) => !/VIRTUAL TABLE INDEX/.test(m[2] ?? ''))
    .filter((m) => !LIVE_ROW_INDEXES.has(/USING (?:COVERING )?INDEX (\w+)/.exec(m[2] ?? '')?.[1] ?? ''))
    .map((m) => m[1] ?? '')
    .filter((table) => !SMALL_TABLES.has(table) && !/^\(subquery|^\(join/.test(table));
}

/**
 * Index look-ups bounded only from above on some column ("starts_at<?"): every row before the bound
 * is read, which on a time column is the whole history. A lower bound alone reads what is recent.
 */
function historyReads(plan: Array<{ detail: string }>): string[] {
  return plan
    .map((row) => /^SEARCH (\w+)(?: AS \w+)? USING (?:COVERING )?INDEX \w+ \((.*)\)$/.exec(row.detail))
    .filter((m): m is RegExpExecArray => m !== null)
    .filter((m) => {
      const terms = (m[2] ?? '').split(' AND ');
      return terms.some((t) => {
        const upper = /^(\w+)<\?$/.exec(t);
        return upper !== null && !terms.includes(`${upper[1]}>?`);
      });
    })
    .map((m) => m[1] ?? '')
    .filter((table) => !SMALL_TABLES.has(table));
}

describe('query plans on a seeded store', () => {
  const business = loadBusinessConfig();
  let dir: string;
  let twilio: TwilioTestServer;
  const statements = new Map<string, string>();

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'frontdesk-plans-'));
    const file = path.join(dir, DATA_FILE_NAME);
    seedStore(file, business, at('2026-03-10T10:00'), { clients: 2_000, appointments: 5_000, messages: 20_000 });
    const trace = (sql: string) => {
      if (!/^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i.test(sql)) return;
      const shape = shapeOf(sql);
      if (!statements.has(shape)) statements.set(shape, sql);
    };
    twilio = await startTwilioTestServer({ dataDir: dir, stores: openSqliteStores({ file, trace }) });
    // A booking conversation, an FAQ, a look at what is booked, a request for a person, STOP and
    // START, and a Bot Framework turn; then a pass or two of the periodic jobs.
    const client = '+15555550142';
    for (const text of ['haircut friday at 3', 'Sam', 'yes', 'what are your hours', "when's my next appointment", 'cancel my appointment', 'yes']) {
      expect((await twilio.text(client, text)).status).toBe(200);
    }
    expect((await twilio.text('+15555550143', 'can I talk to a person')).status).toBe(200);
    expect((await twilio.text('+15555550144', 'STOP')).status).toBe(200);
    expect((await twilio.text('+15555550144', 'START')).status).toBe(200);
    expect((await say(twilio.server, 'plans-user', 'haircut friday at 3')).length).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 1500));
  }, 120_000);

  afterAll(async () => {
    await twilio?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('traced the statements of booking, answering, queueing and consent', () => {
    const all = [...statements.keys()].join('\n');
    for (const table of ['clients', 'appointments', 'message_log', 'inbound_messages', 'consent', 'handoff_tickets', 'state_items', 'outbound_messages']) {
      expect(all).toContain(table);
    }
  });

  it('scans no table that grows, in any statement a turn or a periodic job runs', () => {
    const db = new Database(path.join(dir, DATA_FILE_NAME), { readonly: true });
    try {
      const scans: string[] = [];
      for (const [shape, sql] of statements) {
        const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>;
        const scanned = [...scannedTables(plan), ...historyReads(plan)];
        if (scanned.length > 0) scans.push(`${scanned.join(', ')}: ${shape}\n    ${plan.map((r) => r.detail).join('\n    ')}`);
      }
      expect(scans).toEqual([]);
    } finally {
      db.close();
    }
  });
});
