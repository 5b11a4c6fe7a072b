// The SQLite store when its file or disk fails under it: real files in a temp dir, the failures made
// the way they happen to a running server (the data file deleted, moved away, replaced by a restored
// backup, another process holding the write lock). chmod is not used: permissions are checked only
// when a file is opened, so they never stop an already-open store from writing (and root ignores them).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { createLogger } from '../../bot/log';
import type { Stores } from '../../bot/ports/stores';
import { DATA_FILE_NAME, classifyStoreFailure, openSqliteStores } from '../../bot/store/sqlite';

const NOW = new Date('2026-03-02T14:00:00.000Z');
const SLOT = { serviceId: 'haircut', staffId: 'lead', start: '2026-03-10T15:00:00.000Z', end: '2026-03-10T15:30:00.000Z' };

type LogLine = { level: number; msg: string; reason?: string; code?: string };

function logSink(): { lines: LogLine[]; stream: Writable } {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  return { lines, stream };
}

function sqliteError(run: () => void): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected SQLite to fail');
}

async function waitFor(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('SQLite store availability', () => {
  let dir: string;
  let file: string;
  let stores: Stores;
  let log: ReturnType<typeof logSink>;
  const others: Database.Database[] = [];

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-availability-'));
    file = path.join(dir, DATA_FILE_NAME);
    log = logSink();
    stores = openSqliteStores({ dataDir: dir, logger: createLogger('info', log.stream) });
  });

  afterEach(async () => {
    for (const db of others.splice(0)) if (db.open) db.close();
    await stores.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const episodeLines = () => log.lines.filter((l) => l.msg.startsWith('store unavailable'));
  const recoveryLines = () => log.lines.filter((l) => l.msg === 'store available again');

  function removeDataFile(): string {
    const aside = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-aside-'));
    for (const suffix of ['', '-wal', '-shm']) {
      if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, path.join(aside, DATA_FILE_NAME + suffix));
    }
    return aside;
  }

  function putBack(aside: string): void {
    for (const name of fs.readdirSync(aside)) fs.renameSync(path.join(aside, name), path.join(dir, name));
    fs.rmSync(aside, { recursive: true, force: true });
  }

  it('reads SQLite failures as the kind of unavailability they are, and leaves other errors alone', () => {
    const db = new Database(path.join(dir, 'other.sqlite'));
    others.push(db);
    db.exec('CREATE TABLE t (v TEXT UNIQUE)');
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    const full = sqliteError(() => {
      for (let i = 0; i < 100; i += 1) db.prepare('INSERT INTO t VALUES (?)').run(`${i}`.padEnd(2000, 'x'));
    });
    expect(classifyStoreFailure(full)).toBe('disk_full');

    const readOnly = new Database(path.join(dir, 'other.sqlite'), { readonly: true });
    others.push(readOnly);
    expect(classifyStoreFailure(sqliteError(() => readOnly.exec("INSERT INTO t VALUES ('y')")))).toBe('read_only');

    const locked = new Database(path.join(dir, 'other.sqlite'), { timeout: 0 });
    others.push(locked);
    db.pragma('max_page_count = 1000');
    db.exec('BEGIN IMMEDIATE');
    expect(classifyStoreFailure(sqliteError(() => locked.exec("INSERT INTO t VALUES ('z')")))).toBe('busy');
    db.exec('ROLLBACK');

    db.exec("INSERT INTO t VALUES ('same')");
    expect(classifyStoreFailure(sqliteError(() => db.exec("INSERT INTO t VALUES ('same')")))).toBeNull();
    expect(classifyStoreFailure(new Error('a bug'))).toBeNull();
  });

  it('probes with a real write of the heartbeat row', async () => {
    expect(await stores.probe()).toEqual({ ok: true });
    const db = new Database(file, { readonly: true });
    others.push(db);
    expect(db.prepare('SELECT id, pid FROM store_heartbeat').all()).toEqual([{ id: 1, pid: process.pid }]);
  });

  it('refuses a booking and a consent change once the data file is deleted, instead of committing to the lost file', async () => {
    const client = await stores.clients.findOrCreateByAddress('+15555550101', 'sms', NOW);
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });

    await expect(stores.appointments.book({ clientId: client.id, ...SLOT }, NOW)).rejects.toMatchObject({
      code: 'frontdesk_store_unavailable',
      reason: 'file_missing',
    });
    await expect(stores.consent.optOut(client.address, 'sms', NOW)).rejects.toMatchObject({ code: 'frontdesk_store_unavailable' });
    expect(await stores.probe()).toMatchObject({ ok: false, reason: 'file_missing' });
    expect(fs.existsSync(file)).toBe(false);
  });

  it('logs a failure episode once however many calls fail, and once more when the store serves again', async () => {
    const client = await stores.clients.findOrCreateByAddress('+15555550101', 'sms', NOW);
    const aside = removeDataFile();
    for (let i = 0; i < 3; i += 1) {
      await expect(stores.appointments.book({ clientId: client.id, ...SLOT }, NOW)).rejects.toMatchObject({ reason: 'file_missing' });
    }
    expect(await stores.probe()).toMatchObject({ ok: false });
    expect(episodeLines()).toEqual([expect.objectContaining({ level: 50, reason: 'file_missing', code: 'frontdesk_store_unavailable' })]);
    expect(recoveryLines()).toEqual([]);

    putBack(aside);
    // No readiness check runs here: the first call that works confirms the recovery by itself.
    expect(await stores.appointments.book({ clientId: client.id, ...SLOT }, NOW)).toMatchObject({ ok: true });
    await waitFor(() => recoveryLines().length === 1, 'the recovery line');
    expect(episodeLines()).toHaveLength(1);
    expect(recoveryLines()).toEqual([expect.objectContaining({ level: 30, reason: 'file_missing' })]);
  });

  it('opens a backup restored at the path in place of the deleted file, and sets aside the old write-ahead log', async () => {
    const client = await stores.clients.findOrCreateByAddress('+15555550101', 'sms', NOW);
    await stores.appointments.book({ clientId: client.id, ...SLOT }, NOW);
    const backup = path.join(dir, 'backup.sqlite');
    const source = new Database(file, { readonly: true });
    others.push(source);
    await source.backup(backup);
    source.close();
    // A write the backup does not have, so the file in use after the restore is told apart.
    await stores.callbacks.add({ clientId: client.id, reason: 'human', text: 'call me' }, NOW);

    fs.rmSync(file);
    expect(await stores.probe()).toMatchObject({ ok: false, reason: 'file_missing' });
    fs.copyFileSync(backup, file);

    expect(await stores.probe()).toEqual({ ok: true });
    expect((await stores.appointments.list()).map((a) => a.start)).toEqual([SLOT.start]);
    expect(await stores.callbacks.listOpen()).toEqual([]);
    expect(fs.readdirSync(dir).filter((name) => name.includes('-wal.replaced-'))).toHaveLength(1);
    const reopened = new Database(file, { readonly: true });
    others.push(reopened);
    expect(reopened.prepare('SELECT count(*) AS n FROM appointments').get()).toEqual({ n: 1 });
  });

  it('answers the probe with busy, without waiting the writers\' five seconds, while another connection holds the write lock', async () => {
    const holder = new Database(file);
    others.push(holder);
    holder.exec('BEGIN IMMEDIATE');
    const started = Date.now();
    const probe = await stores.probe();
    const waited = Date.now() - started;
    expect(probe).toMatchObject({ ok: false, reason: 'busy' });
    // A deadline, not a speed claim: the writers' own wait is 5 s.
    expect(waited).toBeLessThan(2500);
    holder.exec('ROLLBACK');
    expect(await stores.probe()).toEqual({ ok: true });
  });

  it('opened read-only on a missing directory, refuses with "no Frontdesk data" and creates nothing', () => {
    const missing = path.join(dir, 'not-here');
    expect(() => openSqliteStores({ dataDir: missing, readOnly: true })).toThrow(
      expect.objectContaining({ code: 'frontdesk_store_not_found', message: expect.stringContaining(`no Frontdesk data in ${missing}`) }),
    );
    expect(fs.existsSync(missing)).toBe(false);
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-empty-'));
    try {
      expect(() => openSqliteStores({ dataDir: empty, readOnly: true })).toThrow(expect.objectContaining({ code: 'frontdesk_store_not_found' }));
      expect(fs.readdirSync(empty)).toEqual([]);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  it('opened read-only, reads what the server wrote and refuses to write', async () => {
    const client = await stores.clients.findOrCreateByAddress('+15555550101', 'sms', NOW);
    await stores.appointments.book({ clientId: client.id, ...SLOT }, NOW);
    const reader = openSqliteStores({ dataDir: dir, readOnly: true });
    try {
      expect((await reader.appointments.list()).map((a) => a.clientId)).toEqual([client.id]);
      await expect(reader.clients.findOrCreateByAddress('+15555550102', 'sms', NOW)).rejects.toMatchObject({ reason: 'read_only' });
    } finally {
      await reader.close();
    }
  });
});
