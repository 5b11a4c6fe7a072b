// Reading many records at once: one round trip (a pipeline) for a list of keys.
import type Redis from 'ioredis';
import type { ChainableCommander } from 'ioredis';

/** The hashes at these keys, in order, leaving out keys that hold none. */
export async function readHashes(redis: Redis, keys: readonly string[]): Promise<Record<string, string>[]> {
  if (keys.length === 0) return [];
  const pipeline = redis.pipeline();
  for (const key of keys) pipeline.hgetall(key);
  const hashes: Record<string, string>[] = [];
  for (const [error, fields] of (await pipeline.exec()) ?? []) {
    if (error) throw error;
    const hash = fields as Record<string, string>;
    if (Object.keys(hash).length > 0) hashes.push(hash);
  }
  return hashes;
}

/** The strings at these keys, in order, leaving out keys that hold none. */
export async function readStrings(redis: Redis, keys: readonly string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  return (await redis.mget(...keys)).filter((value): value is string => value !== null);
}

/** A stable sort by an ISO instant field (records of one instant keep the order they came in). */
export function byInstant<T>(field: (record: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const x = field(a);
    const y = field(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
}

/** Runs a MULTI (or pipeline) and throws the first command's error, if any. */
export async function execAll(chain: ChainableCommander): Promise<unknown[]> {
  const results = (await chain.exec()) ?? [];
  for (const [error] of results) if (error) throw error;
  return results.map(([, value]) => value);
}
