// The Redis the Redis suites run against: REDIS_URL, else 127.0.0.1:6379. When neither answers and
// `redis-server` is on PATH, the suite starts its own on a free port in a temporary directory (no
// persistence) and stops it afterwards; only when there is no Redis at all is the suite skipped,
// and its name says why. Every suite works under its own random key prefixes and deletes exactly
// the keys under them (SCAN MATCH, then UNLINK) when it ends: never FLUSHALL or FLUSHDB, since the
// Redis may be shared.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';

const DEFAULT_URL = 'redis://127.0.0.1:6379';

type Target = { kind: 'running'; url: string } | { kind: 'start'; binary: string } | { kind: 'none'; reason: string };

/** Whether something accepts TCP connections at the URL's host and port (a synchronous check, for describe time). */
function answers(url: string): boolean {
  const { hostname, port } = new URL(url);
  const probe = `
    const socket = require('node:net').connect({ host: ${JSON.stringify(hostname || '127.0.0.1')}, port: ${Number(port || 6379)} });
    socket.setTimeout(500, () => process.exit(1));
    socket.on('connect', () => process.exit(0));
    socket.on('error', () => process.exit(1));`;
  try {
    execFileSync(process.execPath, ['-e', probe], { stdio: 'ignore', timeout: 2000 });
    return true;
  } catch {
    return false;
  }
}

function redisServerOnPath(): string | null {
  try {
    return execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
  } catch {
    return null;
  }
}

function findTarget(): Target {
  const url = process.env.REDIS_URL || DEFAULT_URL;
  if (answers(url)) return { kind: 'running', url };
  const binary = redisServerBinary;
  if (binary) return { kind: 'start', binary };
  return { kind: 'none', reason: `no Redis answers at ${url} and redis-server is not on PATH` };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface StartedServer {
  url: string;
  port: number;
  /** The server's process, for a test that pauses it (SIGSTOP) to see the store time out. */
  child: ChildProcess;
  stop(): Promise<void>;
}

/** The redis-server binary on PATH, or null. */
export const redisServerBinary: string | null = redisServerOnPath();

/** Starts a throwaway redis-server (no persistence) on the given or a free port; stop() removes its directory. */
export async function startRedisServer(binary: string, port?: number): Promise<StartedServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-redis-'));
  port ??= await freePort();
  const child: ChildProcess = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const url = `redis://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGCONT');
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  for (;;) {
    // A short disconnectTimeout: ioredis otherwise keeps a failed attempt's timer alive for 2 s.
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 500, disconnectTimeout: 100 });
    try {
      await client.connect();
      await client.ping();
      client.disconnect();
      return { url, port, child, stop };
    } catch (error) {
      client.disconnect();
      if (Date.now() > deadline || child.exitCode !== null) {
        await stop();
        throw new Error(`redis-server on port ${port} did not start: ${String(error)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** Deletes every key under the prefix (and only those), in batches. */
export async function deleteKeysUnder(url: string, prefix: string): Promise<number> {
  const client = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2000, commandTimeout: 5000, disconnectTimeout: 100 });
  try {
    const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}:*`;
    let cursor = '0';
    let deleted = 0;
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) deleted += await client.unlink(...keys);
    } while (cursor !== '0');
    return deleted;
  } finally {
    client.disconnect();
  }
}

export interface RedisTestRun {
  /** The URL of the Redis in use (valid from the suite's beforeAll on). */
  url(): string;
  /** A new random key prefix; its keys are deleted when the suite ends. */
  prefix(): string;
  /** Deletes a prefix's keys now. */
  clean(prefix: string): Promise<void>;
}

const target = findTarget();

/** Why the Redis suites are skipped here, or null when they run. */
export const redisSkipReason: string | null = target.kind === 'none' ? target.reason : null;

/**
 * A describe block whose tests run against a real Redis (see the top of this file), or a skipped
 * one named for the reason when there is none.
 */
export function describeWithRedis(name: string, body: (redis: RedisTestRun) => void): void {
  let url = target.kind === 'running' ? target.url : '';
  let started: StartedServer | null = null;
  const prefixes: string[] = [];
  const run: RedisTestRun = {
    url: () => url,
    prefix: () => {
      const prefix = `frontdesk-test-${randomBytes(6).toString('hex')}`;
      prefixes.push(prefix);
      return prefix;
    },
    clean: async (prefix) => {
      await deleteKeysUnder(url, prefix);
    },
  };

  if (target.kind === 'none') {
    describe.skip(`${name} (skipped: ${target.reason})`, () => body(run));
    return;
  }

  describe(name, () => {
    beforeAll(async () => {
      if (target.kind === 'start') {
        started = await startRedisServer(target.binary);
        url = started.url;
      }
    }, 15_000);

    afterAll(async () => {
      try {
        for (const prefix of prefixes.splice(0)) await deleteKeysUnder(url, prefix);
      } finally {
        await started?.stop();
      }
    }, 15_000);

    body(run);
  });
}
