// What every Redis store class is built from: the connection, the one key builder and the one place
// Lua scripts are registered. Keys are `<prefix>:v<schema>:<parts...>`, so two businesses (or two
// test runs) on one Redis never see each other's data, and a schema change moves to new keys.
import type Redis from 'ioredis';

/** The version of the key layout; bump it when a key's shape or meaning changes. */
export const REDIS_SCHEMA_VERSION = 1;

export interface RedisContext {
  redis: Redis;
  /** The prefix every key of this store starts with (`REDIS_PREFIX`, `frontdesk` by default). */
  prefix: string;
  /** A key of this store: `key('appt', id)` is `<prefix>:v1:appt:<id>`. */
  key(...parts: string[]): string;
}

export function redisContext(redis: Redis, prefix: string): RedisContext {
  const base = `${prefix}:v${REDIS_SCHEMA_VERSION}`;
  return { redis, prefix, key: (...parts) => `${base}:${parts.join(':')}` };
}
