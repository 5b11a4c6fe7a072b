// Stopping on SIGTERM: the process says it is not ready, takes no new connection, lets a request in
// flight finish within the grace (then cuts it), and exits 0 with its store closed. Once in process
// with a request held open on a raw socket, once as `frontdesk start` in its own process.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readSettings } from '../../bot/config/settings';
import { startServer } from '../../bot/index';
import { silentLogger } from '../../bot/log';

const ROOT = path.resolve(__dirname, '../..');

/** A POST whose body never finishes arriving: a request the server is still in the middle of. */
function halfSentRequest(port: number): Promise<{ socket: Socket; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write('POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"type":');
      resolve({ socket, closed: new Promise<void>((done) => socket.once('close', () => done())) });
    });
    socket.once('error', reject);
  });
}

describe('graceful shutdown', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'frontdesk-shutdown-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers /readyz 503 while stopping, gives a request in flight the grace, then closes its connection', async () => {
    const running = await startServer({ settings: readSettings({ SHUTDOWN_GRACE_MS: '300' }, { dataDir, port: 0 }), logger: silentLogger() });
    const idle = await fetch(`${running.url}/healthz`);
    expect(idle.status).toBe(200);
    const inFlight = await halfSentRequest(running.port);
    const started = Date.now();
    const stopping = running.close();
    expect(await running.frontdesk.readiness.check()).toEqual({ ok: false, reason: 'shutting_down' });
    // No new connection is taken while it drains.
    await expect(fetch(`${running.url}/healthz`)).rejects.toThrow();
    await stopping;
    await inFlight.closed;
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(running.frontdesk.scheduler.activeTimers).toBe(0);
  });

  it('stops `frontdesk start` on SIGTERM with exit code 0', async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bot/frontdesk.cjs'), 'start'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info', SHUTDOWN_GRACE_MS: '1000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + 30_000;
    let url: string | null = null;
    while (url === null && Date.now() < deadline) {
      url = /http:\/\/127\.0\.0\.1:\d+/.exec(output)?.[0] ?? null;
      if (url === null) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(url).not.toBeNull();
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toMatch(/frontdesk stopped/);
  }, 40_000);
});
