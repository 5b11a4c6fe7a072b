// Starting the server on a port another process holds: a clear error naming the port, and nothing
// of the object graph left open (the SQLite file closed cleanly, no timers keeping the process up).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { readSettings } from '../bot/config/settings';
import { startServer } from '../bot/index';
import { silentLogger } from '../bot/log';
import { DATA_FILE_NAME } from '../bot/store/sqlite';

describe('startServer on a port already in use', () => {
  let dir: string;
  let holder: Server;
  let port: number;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'frontdesk-port-'));
    holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '0.0.0.0', () => resolve()));
    port = (holder.address() as AddressInfo).port;
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => holder.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('rejects with an error that names the port, and closes the data file it opened', async () => {
    const settings = readSettings({}, { dataDir: dir, port });
    await expect(startServer({ settings, logger: silentLogger() })).rejects.toThrow(new RegExp(`port ${port}\\b.*in use`));

    const file = path.join(dir, DATA_FILE_NAME);
    expect(existsSync(file)).toBe(true);
    // SQLite removes the write-ahead log when the last connection closes cleanly.
    expect(existsSync(`${file}-wal`)).toBe(false);
    const db = new Database(file);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });

  it('starts on the same settings once the port is free', async () => {
    await new Promise<void>((resolve) => holder.close(() => resolve()));
    holder = createServer();
    const settings = readSettings({}, { dataDir: dir, port });
    const running = await startServer({ settings, logger: silentLogger() });
    try {
      expect(running.port).toBe(port);
      expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
    } finally {
      await running.close();
    }
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', () => resolve()));
  });
});
