// The message log's word index is written in batches after the messages: a search still finds a
// message logged a moment before, the batch follows on its own, two stores on one file index each
// message once, and a file from before (indexed by a trigger) keeps what it had and gains the rest.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { INDEX_DELAY_MS } from '../../bot/store/sqlite/message-log';
import { MIGRATIONS, migrate, openSqliteStores } from '../../bot/store/sqlite';
import type { Stores } from '../../bot/ports/stores';

const now = new Date('2026-03-10T15:00:00.000Z');

function indexedCount(file: string): { indexed: number; done: number } {
  const db = new Database(file, { readonly: true });
  try {
    const indexed = (db.prepare("SELECT COUNT(*) AS n FROM message_log_fts WHERE message_log_fts MATCH 'haircut'").get() as { n: number }).n;
    const done = (db.prepare('SELECT seq FROM message_log_fts_done').get() as { seq: number }).seq;
    return { indexed, done };
  } finally {
    db.close();
  }
}

describe('the message log word index', () => {
  let dir: string;
  let file: string;
  const open: Stores[] = [];
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'frontdesk-fts-'));
    file = path.join(dir, 'log.sqlite');
  });
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const stores = () => {
    const s = openSqliteStores({ file });
    open.push(s);
    return s;
  };
  const log = async (s: Stores, text: string) => {
    const client = await s.clients.findOrCreateByAddress('+15555550123', 'sms', now);
    return s.messageLog.append({ clientId: client.id, channel: 'sms', direction: 'in', text, media: [], at: now.toISOString(), author: 'client' });
  };

  it('finds a message the moment it is logged, before its batch has run', async () => {
    const s = stores();
    await log(s, 'haircut friday at 3');
    expect(indexedCount(file).indexed).toBe(0);
    expect((await s.messageLog.search('haircut', 10)).map((m) => m.text)).toEqual(['haircut friday at 3']);
  });

  it('indexes what was logged a moment later on its own, in one batch', async () => {
    const s = stores();
    for (let i = 0; i < 5; i += 1) await log(s, `haircut number ${i}`);
    await new Promise((resolve) => setTimeout(resolve, INDEX_DELAY_MS + 150));
    expect(indexedCount(file)).toEqual({ indexed: 5, done: 5 });
  });

  it('indexes each message once with two stores on one file', async () => {
    const a = stores();
    const b = stores();
    for (let i = 0; i < 3; i += 1) {
      await log(a, `haircut from a ${i}`);
      await log(b, `haircut from b ${i}`);
    }
    expect(await a.messageLog.search('haircut', 50)).toHaveLength(6);
    expect(await b.messageLog.search('haircut', 50)).toHaveLength(6);
    await new Promise((resolve) => setTimeout(resolve, INDEX_DELAY_MS + 150));
    expect(indexedCount(file)).toEqual({ indexed: 6, done: 6 });
  });

  it('indexes what is pending when the store closes', async () => {
    const s = stores();
    await log(s, 'haircut before closing');
    await open.pop()!.close();
    expect(indexedCount(file)).toEqual({ indexed: 1, done: 1 });
  });

  it('keeps the messages a file from before indexed, and indexes the rest after the upgrade', async () => {
    const db = new Database(file);
    migrate(db, MIGRATIONS.slice(0, 10));
    db.prepare("INSERT INTO clients (id, address, channel, name, created_at) VALUES ('cli_old', '+15555550999', 'sms', NULL, ?)").run(now.toISOString());
    db.prepare(
      "INSERT INTO message_log (id, client_id, channel, direction, text, media, at, author) VALUES ('msg_old', 'cli_old', 'sms', 'in', 'haircut from before', '[]', ?, 'client')",
    ).run(now.toISOString());
    db.close();
    const s = stores();
    expect(indexedCount(file)).toEqual({ indexed: 1, done: 1 });
    await log(s, 'haircut after the upgrade');
    expect((await s.messageLog.search('haircut', 10)).map((m) => m.text).sort()).toEqual(['haircut after the upgrade', 'haircut from before']);
  });
});
