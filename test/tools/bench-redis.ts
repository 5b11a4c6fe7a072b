// The bench's side of Redis: which Redis the Redis rows use (REDIS_URL, else 127.0.0.1:6379),
// whether it answers, the CPU redis-server has used so far (INFO cpu), and a key prefix of the
// run's own per row, whose keys are deleted when the row ends. The Redis may be shared: the bench
// deletes only the keys under its own prefixes, never FLUSHALL.
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { deleteKeysUnder } from '../helpers/redis';

export const DEFAULT_BENCH_REDIS_URL = 'redis://127.0.0.1:6379';

export interface BenchRedis {
  url: string;
  /** The Redis's host and port, for output (never the password of a URL that has one). */
  where: string;
  /** A new key prefix under this run's random one; its keys are deleted by deleteRow or close. */
  rowPrefix(row: string): string;
  /** Deletes a row's keys (only those); the number deleted. */
  deleteRow(prefix: string): Promise<number>;
  /** used_cpu_user + used_cpu_sys of redis-server, in seconds (every client's work, not only ours). */
  cpuSeconds(): Promise<number>;
  /** How many times each command has run since Redis started (INFO commandstats), every client's included. */
  commandCalls(): Promise<Map<string, number>>;
  /** Deletes whatever row keys are left, then disconnects. */
  close(): Promise<void>;
}

/** Reads a field of an INFO answer (`name:value` lines). */
export function infoField(info: string, name: string): number {
  const line = info.split(/\r?\n/).find((l) => l.startsWith(`${name}:`));
  const value = line === undefined ? NaN : Number(line.slice(name.length + 1));
  if (!Number.isFinite(value)) throw new Error(`INFO has no number for ${name}`);
  return value;
}

/** The calls of each command in an INFO commandstats answer (`cmdstat_zadd:calls=12,usec=...` lines). */
export function commandCallsOf(info: string): Map<string, number> {
  const calls = new Map<string, number>();
  for (const line of info.split(/\r?\n/)) {
    const match = /^cmdstat_([^:]+):calls=(\d+)/.exec(line);
    if (match?.[1] && match[2]) calls.set(match[1], Number(match[2]));
  }
  return calls;
}

/** Connects to the bench's Redis, or says in one phrase why it cannot. */
export async function openBenchRedis(url = process.env.REDIS_URL || DEFAULT_BENCH_REDIS_URL): Promise<BenchRedis | { unreachable: string }> {
  const parsed = new URL(url);
  const where = `${parsed.hostname}:${parsed.port || '6379'}`;
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1000,
    commandTimeout: 5000,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
    disconnectTimeout: 100,
  });
  // The connection's own error (ECONNREFUSED, a timeout) says more than the "Connection is closed" a call gets.
  let connectionError: unknown = null;
  client.on('error', (error: unknown) => {
    connectionError ??= error;
  });
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    client.disconnect();
    const cause = connectionError ?? error;
    return { unreachable: `no Redis answers at ${where} (${cause instanceof Error ? cause.message : String(cause)})` };
  }
  const run = `frontdesk-bench-${randomBytes(6).toString('hex')}`;
  const left = new Set<string>();
  return {
    url,
    where,
    rowPrefix: (row) => {
      const prefix = `${run}-${row}`;
      left.add(prefix);
      return prefix;
    },
    deleteRow: async (prefix) => {
      const deleted = await deleteKeysUnder(url, prefix);
      left.delete(prefix);
      return deleted;
    },
    cpuSeconds: async () => {
      const info = await client.info('cpu');
      return infoField(info, 'used_cpu_user') + infoField(info, 'used_cpu_sys');
    },
    commandCalls: async () => commandCallsOf(await client.info('commandstats')),
    close: async () => {
      try {
        for (const prefix of [...left]) await deleteKeysUnder(url, prefix);
      } finally {
        client.disconnect();
      }
    },
  };
}
