import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Stores } from '../../bot/ports/stores';
import {
  MIGRATIONS,
  SCHEMA_VERSION,
  StoreError,
  migrate,
  openSqliteStores,
  readSchemaVersion,
  type Migration,
} from '../../bot/store/sqlite';
import { describeStoreContract } from './store-contract';

const NOW = new Date('2026-03-02T14:00:00.000Z');
const REPO_ROOT = path.resolve(__dirname, '../..');

const tempDirs: string[] = [];
function freshDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-store-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function tableNames(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((row) => row.name);
  } finally {
    db.close();
  }
}

function fileSchemaVersion(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return readSchemaVersion(db);
  } finally {
    db.close();
  }
}

describeStoreContract('SQLite', async () => {
  const dir = freshDir();
  const stores = openSqliteStores({ file: path.join(dir, 'contract.sqlite') });
  return {
    stores,
    cleanup: async () => {
      await stores.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SQLite store', () => {
  let dir: string;
  let file: string;
  let open: Stores[];

  function openStores(target: string = file): Stores {
    const stores = openSqliteStores({ file: target });
    open.push(stores);
    return stores;
  }

  beforeEach(() => {
    dir = freshDir();
    file = path.join(dir, 'frontdesk.sqlite');
    open = [];
  });

  afterEach(async () => {
    for (const stores of open) await stores.close();
  });

  it('gives ids a kind prefix and ten base32 characters', async () => {
    const stores = openStores();
    const client = await stores.clients.findOrCreateByAddress('+15555550101', 'sms', NOW);
    const booked = await stores.appointments.book(
      { clientId: client.id, serviceId: 'haircut', staffId: 'lead', start: '2026-03-10T15:00:00.000Z', end: '2026-03-10T15:30:00.000Z' },
      NOW,
    );
    const callback = await stores.callbacks.add({ clientId: client.id, reason: 'human', text: 'hi' }, NOW);

    expect(client.id).toMatch(/^cli_[a-z2-7]{10}$/);
    expect(booked.ok && booked.appointment.id).toMatch(/^apt_[a-z2-7]{10}$/);
    expect(callback.id).toMatch(/^cb_[a-z2-7]{10}$/);
  });

  it('keeps every kind of record across close and reopen of the same file', async () => {
    const first = openStores();
    const client = await first.clients.setName(
      (await first.clients.findOrCreateByAddress('+15555550101', 'sms', NOW)).id,
      'Dana',
    );
    const booked = await first.appointments.book(
      { clientId: client!.id, serviceId: 'color', staffId: 'lead', start: '2026-03-10T15:00:00.000Z', end: '2026-03-10T16:30:00.000Z' },
      NOW,
    );
    const callback = await first.callbacks.add({ clientId: client!.id, reason: 'human', text: 'call me' }, NOW);
    await first.state.write({ 'sms/conversations/x': { dialogStack: [{ id: 'book', state: { step: 1 } }] } });
    const state = await first.state.read(['sms/conversations/x']);
    await first.close();

    const second = openStores();
    expect(await second.clients.list()).toEqual([client]);
    expect(await second.appointments.list()).toEqual([booked.ok && booked.appointment]);
    expect(await second.callbacks.listOpen()).toEqual([callback]);
    expect(await second.state.read(['sms/conversations/x'])).toEqual(state);
    const someoneElse = await second.clients.findOrCreateByAddress('+15555550102', 'sms', NOW);
    expect(
      await second.appointments.book(
        { clientId: someoneElse.id, serviceId: 'haircut', staffId: 'lead', start: '2026-03-10T16:00:00.000Z', end: '2026-03-10T16:30:00.000Z' },
        NOW,
      ),
    ).toEqual({ ok: false, reason: 'slot_taken' });
  });

  it('creates the data directory and frontdesk.sqlite in it, in WAL mode', async () => {
    const dataDir = path.join(dir, 'nested', 'data');
    const stores = openSqliteStores({ dataDir });
    open.push(stores);
    await stores.clients.findOrCreateByAddress('+15555550101', 'sms', NOW);

    const dataFile = path.join(dataDir, 'frontdesk.sqlite');
    expect(fs.existsSync(dataFile)).toBe(true);
    const db = new Database(dataFile, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });

  it('sets up the schema in an empty file and records its version', async () => {
    fs.writeFileSync(file, '');
    await openStores().close();

    expect(fileSchemaVersion(file)).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
    expect(tableNames(file)).toEqual([
      'appointments',
      'callback_requests',
      'client_preferences',
      'clients',
      'consent',
      'conversation_references',
      'deliveries',
      'handoff_rotation',
      'handoff_tickets',
      'inbound_messages',
      'message_log',
      'message_log_fts',
      'message_log_fts_config',
      'message_log_fts_data',
      'message_log_fts_docsize',
      'message_log_fts_done',
      'message_log_fts_idx',
      'notices_sent',
      'outbound_messages',
      'outbound_senders',
      'reminders_before_outbox',
      'state_items',
      'store_heartbeat',
      'urgent_alerts',
    ]);
  });

  it('migrates a file at an older version forward, keeping its data, and runs no step twice', async () => {
    const stores = openStores();
    const client = await stores.clients.findOrCreateByAddress('+15555550101', 'sms', NOW);
    await stores.close();

    let runs = 0;
    const addNotes: Migration = (db) => {
      runs += 1;
      db.exec("ALTER TABLE clients ADD COLUMN notes TEXT NOT NULL DEFAULT ''");
    };
    const db = new Database(file);
    try {
      expect(migrate(db, [...MIGRATIONS, addNotes])).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION + 1 });
      expect(migrate(db, [...MIGRATIONS, addNotes])).toEqual({ from: SCHEMA_VERSION + 1, to: SCHEMA_VERSION + 1 });
      expect(runs).toBe(1);
      expect(readSchemaVersion(db)).toBe(SCHEMA_VERSION + 1);
      expect(db.prepare('SELECT id, notes FROM clients').all()).toEqual([{ id: client.id, notes: '' }]);
    } finally {
      db.close();
    }
  });

  it('leaves the file at its old version when a migration step fails', () => {
    const db = new Database(file);
    try {
      const broken: Migration = (target) => target.exec('CREATE TABLE nonsense (');
      expect(() => migrate(db, [...MIGRATIONS, broken])).toThrow(
        expect.objectContaining({ code: 'frontdesk_store_migration_failed' }),
      );
      expect(readSchemaVersion(db)).toBe(0);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('refuses a file whose schema is newer than this code knows, and leaves it untouched', async () => {
    await openStores().close();
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();

    let thrown: unknown;
    try {
      openSqliteStores({ file });
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(StoreError);
    expect(thrown).toMatchObject({ code: 'frontdesk_store_schema_too_new' });
    expect((thrown as Error).message).toMatch(new RegExp(`schema version ${SCHEMA_VERSION + 1}, newer than`));
    expect(fileSchemaVersion(file)).toBe(SCHEMA_VERSION + 1);
  });

  it('stores instants given with an offset in UTC, so they clash with the same instant in Z form', async () => {
    const stores = openStores();
    const client = await stores.clients.findOrCreateByAddress('+15555550101', 'sms', NOW);
    const booked = await stores.appointments.book(
      { clientId: client.id, serviceId: 'haircut', staffId: 'lead', start: '2026-03-10T11:00:00-04:00', end: '2026-03-10T11:30:00-04:00' },
      NOW,
    );
    expect(booked.ok && [booked.appointment.start, booked.appointment.end]).toEqual([
      '2026-03-10T15:00:00.000Z',
      '2026-03-10T15:30:00.000Z',
    ]);
    const someoneElse = await stores.clients.findOrCreateByAddress('+15555550102', 'sms', NOW);
    expect(
      await stores.appointments.book(
        { clientId: someoneElse.id, serviceId: 'haircut', staffId: 'lead', start: '2026-03-10T15:15:00Z', end: '2026-03-10T15:45:00Z' },
        NOW,
      ),
    ).toEqual({ ok: false, reason: 'slot_taken' });
  });

  it.each([
    ['free text', 'tomorrow at 3'],
    ['a wall-clock time without an offset', '2026-03-10T11:00'],
    ['a date alone', '2026-03-10'],
    ['an impossible date', '2026-02-30T15:00:00Z'],
    ['an empty string', ''],
  ])('rejects %s as a start with a coded error and writes nothing', async (_label, start) => {
    const stores = openStores();
    const client = await stores.clients.findOrCreateByAddress('+15555550101', 'sms', NOW);
    await expect(
      stores.appointments.book({ clientId: client.id, serviceId: 'haircut', staffId: 'lead', start, end: '2026-03-10T15:30:00.000Z' }, NOW),
    ).rejects.toMatchObject({ code: 'frontdesk_store_invalid_input' });
    expect(await stores.appointments.list()).toEqual([]);
  });

  it('refuses an appointment or callback for a client that does not exist', async () => {
    const stores = openStores();
    // Compared by message: jest reuses the native module across test files, so its error class can
    // belong to another file's realm and fail an `instanceof Error` check.
    const reason = (p: Promise<unknown>) => p.then(() => 'resolved', (e: unknown) => String((e as { message?: unknown }).message));
    expect(
      await reason(
        stores.appointments.book(
          { clientId: 'cli_nosuchthing', serviceId: 'haircut', staffId: 'lead', start: '2026-03-10T15:00:00.000Z', end: '2026-03-10T15:30:00.000Z' },
          NOW,
        ),
      ),
    ).toMatch(/FOREIGN KEY/);
    expect(await reason(stores.callbacks.add({ clientId: 'cli_nosuchthing', reason: 'human', text: 'x' }, NOW))).toMatch(/FOREIGN KEY/);
    expect(await stores.appointments.list()).toEqual([]);
  });

  it('writes a state batch with one stale item not at all', async () => {
    const stores = openStores();
    await stores.state.write({ a: { n: 1 }, b: { n: 1 } });
    const { a: staleA } = await stores.state.read(['a']);
    await stores.state.write({ a: { ...staleA, n: 2 } });
    const before = await stores.state.read(['a', 'b', 'c']);

    await expect(stores.state.write({ b: { n: 5, eTag: '*' }, a: { ...staleA, n: 3 }, c: { n: 1 } })).rejects.toMatchObject({
      code: 'frontdesk_store_etag_conflict',
    });

    expect(await stores.state.read(['a', 'b', 'c'])).toEqual(before);
  });

  it('can be closed twice, and refuses work once closed', async () => {
    const stores = openStores();
    await stores.close();
    await stores.close();
    await expect(stores.clients.list()).rejects.toThrow();
  });

  it('books each slot once when several processes race for the same slots on one new file, the others recognising it as the client\'s own', async () => {
    const processCount = 4;
    const slotCount = 25;
    const fixture = path.join(__dirname, 'fixtures', 'race-booker.ts');
    const children = Array.from({ length: processCount }, () =>
      spawn(process.execPath, ['--require', 'tsx/cjs', fixture, file, String(slotCount)], {
        cwd: REPO_ROOT,
        stdio: ['pipe', 'pipe', 'pipe'],
      }),
    );
    const outputs = children.map((child) => {
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const ready = new Promise<void>((resolve, reject) => {
        const onData = (): void => {
          if (stdout.includes('ready\n')) {
            child.stdout.off('data', onData);
            resolve();
          }
        };
        child.stdout.on('data', onData);
        child.once('exit', (code) => reject(new Error(`race-booker exited (${code}) before ready: ${stderr}`)));
      });
      const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
        child.once('exit', (code) => resolve({ code, stdout, stderr })),
      );
      return { ready, done };
    });

    // Start them together only once every process has the file open, so the bookings overlap.
    await Promise.all(outputs.map((output) => output.ready));
    for (const child of children) child.stdin.end('go\n');
    const results = await Promise.all(outputs.map((output) => output.done));

    for (const result of results) expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    const reports = results.map(
      (result) => JSON.parse(result.stdout.split('\n')[1] ?? '') as { clientId: string; won: number[]; recognised: number[] },
    );
    const wins = reports.flatMap((report) => report.won).sort((a, b) => a - b);
    expect(wins).toEqual(Array.from({ length: slotCount }, (_, i) => i));
    // Every process is the same client: a slot another process booked first is that client's own.
    for (const report of reports) expect([...report.won, ...report.recognised].sort((a, b) => a - b)).toEqual(wins);
    expect(new Set(reports.map((report) => report.clientId)).size).toBe(1);

    const stores = openStores();
    expect(await stores.clients.list()).toHaveLength(1);
    const booked = await stores.appointments.list({ status: 'booked' });
    expect(booked).toHaveLength(slotCount);
    expect(new Set(booked.map((appointment) => appointment.start)).size).toBe(slotCount);
  }, 60_000);
});
