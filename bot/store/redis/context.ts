// What every Redis store class is built from: the connection and the one key builder (keys.ts).
// Keys are `<prefix>:v<schema>:<parts...>`, so two businesses (or two test runs) on one Redis never
// see each other's data, and a schema change moves to new keys. Lua scripts are registered on the
// connection through scripts.ts.
import type Redis from 'ioredis';
import { redisKeys, type RedisKeys } from './keys';

export { REDIS_SCHEMA_VERSION } from './keys';

export interface RedisContext {
  redis: Redis;
  /** The prefix every key of this store starts with (`REDIS_PREFIX`, `frontdesk` by default). */
  prefix: string;
  /** Every key name of the store: `keys.appointment(id)` is `<prefix>:v1:appt:<id>`. */
  keys: RedisKeys;
}

export function redisContext(redis: Redis, prefix: string): RedisContext {
  return { redis, prefix, keys: redisKeys(prefix) };
}
