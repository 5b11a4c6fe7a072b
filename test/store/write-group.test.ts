// Group commit in the SQLite store: the bookkeeping writes several turns ask for at once (webhook
// claims, client rows, the message log, conversation references, dialog state) go to the file in one
// transaction, and each caller hears back only after that commit; a write to a data file deleted
// under the store is refused however its checks were spared. A real file, read back through a second
// connection; the statements run are traced.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Stores } from '../../bot/ports/stores';
import { DATA_FILE_NAME, openSqliteStores } from '../../bot/store/sqlite';
import { IDENTITY_FRESH_MS } from '../../bot/store/sqlite/connection';

const NOW = new Date('2026-03-02T14:00:00.000Z');

describe('SQLite group commit', () => {
  let dir: string;
  let file: string;
  let stores: Stores;
  const trace: string[] = [];

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-group-'));
    file = path.join(dir, DATA_FILE_NAME);
    trace.length = 0;
    stores = openSqliteStores({ file, trace: (sql) => trace.push(sql.trim()) });
  });

  afterEach(async () => {
    await stores.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** What another process sees in the file now. */
  function fromFile<T>(sql: string): T[] {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  }

  const commits = () => trace.filter((sql) => /^COMMIT/i.test(sql)).length;

  it('commits the writes of several turns asked for at once in one transaction, each caller answered after it', async () => {
    const clients = await Promise.all(['+15555550101', '+15555550102', '+15555550103'].map((a) => stores.clients.findOrCreateByAddress(a, 'sms', NOW)));
    trace.length = 0;
    const seen: number[] = [];
    const writes = clients.flatMap((client, i) => [
      stores.inboundMessages.claim({ messageId: `SM${i}`, channel: 'sms', address: client.address, media: [] }, NOW, 60_000).then(() => {
        seen.push(fromFile<{ n: number }>(`SELECT count(*) AS n FROM inbound_messages WHERE message_id = 'SM${i}'`)[0]!.n);
      }),
      stores.messageLog.append({ clientId: client.id, channel: 'sms', direction: 'in', text: `hello ${i}`, media: [], at: NOW.toISOString(), author: 'client' }).then(() => {
        seen.push(fromFile<{ n: number }>(`SELECT count(*) AS n FROM message_log WHERE text = 'hello ${i}'`)[0]!.n);
      }),
      stores.references.save(client.id, 'sms', { conversation: { id: client.address } } as never, NOW),
      stores.state.write({ [`sms/conversations/${client.address}`]: { step: i } }),
    ]);
    expect(trace.filter((sql) => /^(INSERT|UPDATE)/i.test(sql))).toEqual([]);
    await Promise.all(writes);
    expect(commits()).toBe(1);
    expect(trace.filter((sql) => /^BEGIN IMMEDIATE/i.test(sql))).toHaveLength(1);
    // Every caller that was answered finds its row already in the file.
    expect(seen).toEqual([1, 1, 1, 1, 1, 1]);
    expect(fromFile<{ n: number }>('SELECT count(*) AS n FROM conversation_references')[0]!.n).toBe(3);
    expect(fromFile<{ n: number }>("SELECT count(*) AS n FROM state_items WHERE key LIKE 'sms/conversations/%'")[0]!.n).toBe(3);
  });

  it('refuses one write of a batch alone: a stale eTag fails its caller, the others are committed', async () => {
    await stores.state.write({ a: { v: 1 } });
    const { a } = await stores.state.read(['a']);
    await stores.state.write({ a: { v: 2 } });
    trace.length = 0;
    const results = await Promise.allSettled([
      stores.messageLog.append({ clientId: (await stores.clients.findOrCreateByAddress('+15555550104', 'sms', NOW)).id, channel: 'sms', direction: 'in', text: 'kept', media: [], at: NOW.toISOString(), author: 'client' }),
      stores.state.write({ a: { ...a, v: 3 }, b: { v: 1 } }),
      stores.state.write({ c: { v: 1 } }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/eTag conflict/);
    // The refused write is undone whole (its second item too); the others of its batch are in the file.
    const items = await stores.state.read(['a', 'b', 'c']);
    expect(items.a).toMatchObject({ v: 2 });
    expect(items.b).toBeUndefined();
    expect(items.c).toMatchObject({ v: 1 });
    expect(fromFile<{ text: string }>("SELECT text FROM message_log WHERE text = 'kept'")).toHaveLength(1);
  });

  it('commits bookings asked for at once with one fsync, after which each is answered; of two for one seat, one wins', async () => {
    const [a, b, c] = await Promise.all(['+15555550111', '+15555550112', '+15555550113'].map((x) => stores.clients.findOrCreateByAddress(x, 'sms', NOW)));
    const seat = { serviceId: 'haircut', staffId: 'lead', start: '2026-03-10T15:00:00.000Z', end: '2026-03-10T15:30:00.000Z' };
    trace.length = 0;
    const results = await Promise.all([
      stores.appointments.book({ ...seat, clientId: a!.id }, NOW),
      stores.appointments.book({ ...seat, clientId: b!.id }, NOW),
      stores.appointments.book({ ...seat, clientId: c!.id, start: '2026-03-10T16:00:00.000Z', end: '2026-03-10T16:30:00.000Z' }, NOW),
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    // One commit, made with synchronous=FULL, and set back to NORMAL after it.
    expect(commits()).toBe(1);
    const full = trace.indexOf('PRAGMA synchronous = FULL');
    const commit = trace.findIndex((sql) => /^COMMIT/i.test(sql));
    expect(full).toBeGreaterThanOrEqual(0);
    expect(full).toBeLessThan(commit);
    expect(trace.lastIndexOf('PRAGMA synchronous = NORMAL')).toBeGreaterThan(commit);
    expect(fromFile<{ n: number }>("SELECT count(*) AS n FROM appointments WHERE status = 'booked'")[0]!.n).toBe(2);
  });

  it('a claim of one message asked twice in one batch is won once', async () => {
    const message = { messageId: 'SMtwice', channel: 'sms', address: '+15555550105', media: [] };
    trace.length = 0;
    const [first, second] = await Promise.all([stores.inboundMessages.claim(message, NOW, 60_000), stores.inboundMessages.claim(message, NOW, 60_000)]);
    expect(first).toEqual({ claimed: true });
    expect(second).toMatchObject({ claimed: false });
    expect(commits()).toBe(1);
  });

  it('commits a write asked for just before the store closes', async () => {
    const client = await stores.clients.findOrCreateByAddress('+15555550106', 'sms', NOW);
    const appended = stores.messageLog.append({ clientId: client.id, channel: 'sms', direction: 'out', text: 'last words', media: [], at: NOW.toISOString(), author: 'bot' });
    await stores.close();
    await expect(appended).resolves.toMatchObject({ text: 'last words' });
    expect(fromFile<{ text: string }>("SELECT text FROM message_log WHERE text = 'last words'")).toHaveLength(1);
    stores = openSqliteStores({ file });
  });

  it('fails a grouped write whose file is deleted before its commit, instead of saying it was saved', async () => {
    const client = await stores.clients.findOrCreateByAddress('+15555550107', 'sms', NOW);
    const appended = stores.messageLog.append({ clientId: client.id, channel: 'sms', direction: 'in', text: 'lost', media: [], at: NOW.toISOString(), author: 'client' });
    fs.rmSync(file);
    await expect(appended).rejects.toMatchObject({ reason: 'file_missing' });
  });

  it('refuses a booking made the moment after the file is deleted, when the look before it is skipped as fresh', async () => {
    const client = await stores.clients.findOrCreateByAddress('+15555550108', 'sms', NOW);
    await stores.clients.findByAddress(client.address);
    fs.rmSync(file);
    const slot = { clientId: client.id, serviceId: 'haircut', staffId: 'lead', start: '2026-03-10T15:00:00.000Z', end: '2026-03-10T15:30:00.000Z' };
    await expect(stores.appointments.book(slot, NOW)).rejects.toMatchObject({ reason: 'file_missing' });
    // Once the last look is older than IDENTITY_FRESH_MS, a read is refused too.
    await new Promise((resolve) => setTimeout(resolve, IDENTITY_FRESH_MS + 5));
    await expect(stores.clients.findByAddress(client.address)).rejects.toMatchObject({ reason: 'file_missing' });
  });
});
