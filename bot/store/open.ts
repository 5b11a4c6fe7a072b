// Which store a process uses: Redis when REDIS_URL is set (several processes share one business),
// else the embedded SQLite file in DATA_DIR (one machine). The Redis store and its client library are
// loaded only by a process that uses them.
import path from 'node:path';
import type { Settings } from '../config/settings';
import type { Logger } from '../log';
import type { Stores } from '../ports/stores';
import { openSqliteStores, sqliteFileFor } from './sqlite';

/** The Redis store's module (ioredis with it), loaded only for a process that uses Redis. */
export function redisStoreModule(): typeof import('./redis') {
  return require('./redis') as typeof import('./redis');
}

export type StoreSettings = Pick<Settings, 'dataDir' | 'redisUrl' | 'redisPrefix'>;

export function openStores(settings: StoreSettings, logger: Logger): Stores {
  if (settings.redisUrl !== undefined) {
    const { openRedisStores, DEFAULT_REDIS_PREFIX } = redisStoreModule();
    return openRedisStores({ url: settings.redisUrl, prefix: settings.redisPrefix ?? DEFAULT_REDIS_PREFIX, logger });
  }
  return openSqliteStores({ dataDir: settings.dataDir, logger });
}

/**
 * The store for a command that only reads (listing, exporting): opened read-only, so a mistyped
 * DATA_DIR, or a REDIS_PREFIX that holds nothing, is an error instead of an empty store that lists
 * nothing.
 */
export async function openStoresForReading(settings: StoreSettings, logger: Logger): Promise<Stores> {
  if (settings.redisUrl !== undefined) {
    const { openRedisStoresForReading, DEFAULT_REDIS_PREFIX } = redisStoreModule();
    return openRedisStoresForReading({ url: settings.redisUrl, prefix: settings.redisPrefix ?? DEFAULT_REDIS_PREFIX, logger });
  }
  return openSqliteStores({ dataDir: path.resolve(settings.dataDir), readOnly: true, logger });
}

/** Where the data is, for a log line or the CLI: the Redis host and prefix (never its password), or the file. */
export function storeLocation(settings: StoreSettings): string {
  if (settings.redisUrl !== undefined) {
    const url = new URL(settings.redisUrl);
    const db = url.pathname.replace(/^\//, '');
    return `${url.protocol}//${url.host}${db ? `/${db}` : ''} (prefix ${settings.redisPrefix ?? redisStoreModule().DEFAULT_REDIS_PREFIX})`;
  }
  return sqliteFileFor({ dataDir: settings.dataDir });
}
