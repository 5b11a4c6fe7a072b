// /readyz on the real server, with the store broken the ways a running server meets: its data
// directory moved away, its data file deleted and a backup restored, another process holding the
// write lock, and the background loop stopped. Not chmod: permissions are checked when a file is
// opened, so they never stop an open store from writing (and these tests may run as root, who
// ignores them); each way used here really stops the server from keeping a write.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { readSettings } from '../../bot/config/settings';
import { startServer, type RunningServer } from '../../bot/index';
import { silentLogger } from '../../bot/log';
import { DATA_FILE_NAME } from '../../bot/store/sqlite';
import { at } from '../helpers/frontdesk-harness';

/** The readiness answer, with a one-second deadline on the request: the endpoint must answer inside it. */
async function readyz(server: RunningServer): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${server.url}/readyz`, { signal: AbortSignal.timeout(1000) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('/readyz on the real server', () => {
  let dataDir: string;
  let server: RunningServer;
  const now = at('2026-03-10T10:00');

  beforeEach(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-readyz-'));
    server = await startServer({ settings: readSettings({}, { dataDir, port: 0 }), clock: () => now, logger: silentLogger() });
  });

  afterEach(async () => {
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const file = () => path.join(dataDir, DATA_FILE_NAME);

  it('is ready when the store reads and writes and the loop runs', async () => {
    expect(await readyz(server)).toEqual({ status: 200, body: { ok: true } });
  });

  it('answers 503 within a second while the data directory is moved away, and 200 once it is back; /healthz stays 200', async () => {
    const away = `${dataDir}-away`;
    fs.renameSync(dataDir, away);
    try {
      expect(await readyz(server)).toEqual({ status: 503, body: { ok: false, reason: 'store_unwritable', store: 'file_missing' } });
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      fs.renameSync(away, dataDir);
    }
    expect(await readyz(server)).toEqual({ status: 200, body: { ok: true } });
  });

  it('answers 503 once the data file is deleted, and 200 when a backup is restored at its path, serving the backup', async () => {
    const client = await server.frontdesk.stores.clients.findOrCreateByAddress('emulator:kept', 'emulator', now);
    const backup = path.join(os.tmpdir(), `frontdesk-readyz-backup-${process.pid}-${Date.now()}.sqlite`);
    const source = new Database(file(), { readonly: true });
    await source.backup(backup);
    source.close();
    try {
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file() + suffix, { force: true });
      expect(await readyz(server)).toEqual({ status: 503, body: { ok: false, reason: 'store_unwritable', store: 'file_missing' } });

      fs.copyFileSync(backup, file());
      expect(await readyz(server)).toEqual({ status: 200, body: { ok: true } });
      expect(await server.frontdesk.stores.clients.get(client.id)).toMatchObject({ address: 'emulator:kept' });
    } finally {
      fs.rmSync(backup, { force: true });
    }
  });

  it('answers 503 within a second while another connection holds the write lock (as a second process or a backup tool does; writers wait five), and 200 once it lets go', async () => {
    const other = new Database(file());
    try {
      other.exec('BEGIN IMMEDIATE');
      expect(await readyz(server)).toEqual({ status: 503, body: { ok: false, reason: 'store_unwritable', store: 'busy' } });
      other.exec('ROLLBACK');
      expect(await readyz(server)).toEqual({ status: 200, body: { ok: true } });
    } finally {
      other.close();
    }
  });
});

describe('/readyz and the background loop', () => {
  it('answers 503 when the loop has not passed for longer than allowed, and 200 once it runs again', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-readyz-loop-'));
    const server = await startServer({
      settings: readSettings({}, { dataDir, port: 0 }),
      clock: () => at('2026-03-10T10:00'),
      logger: silentLogger(),
      schedulerIntervalMs: 20,
      schedulerStaleAfterMs: 300,
    });
    try {
      await eventually(() => readyz(server), (r) => r.status === 200, 'the first passes');
      await server.frontdesk.scheduler.stop();
      const stalled = await eventually(() => readyz(server), (r) => r.status === 503, 'the loop to count as stalled');
      expect(stalled.body).toMatchObject({ ok: false, reason: 'scheduler_stalled' });
      server.frontdesk.scheduler.start();
      expect((await eventually(() => readyz(server), (r) => r.status === 200, 'the loop to pass again')).body).toEqual({ ok: true });
    } finally {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
