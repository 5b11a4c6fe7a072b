// The networked store: every store port on one Redis, so several bot processes behind a load
// balancer share one business's data. Keys are `<prefix>:v<schema>:...` (keys.ts); every
// read-check-write is one Lua script (scripts.ts).
import { silentLogger, type Logger } from '../../log';
import type { Stores } from '../../ports/stores';
import { RedisAppointmentStore } from './appointment-store';
import { RedisCallbackStore } from './callback-store';
import { RedisClientStore } from './client-store';
import { RedisConnection, guardedStore } from './connection';
import { RedisConsentStore } from './consent-store';
import { StoreError } from '../sqlite/errors';
import { redisContext, type RedisContext } from './context';
import { RedisDeliveryLog } from './delivery-log';
import { RedisHandoffStore } from './handoff-store';
import { RedisInboundMessageLog } from './inbound-message-log';
import { RedisMessageLog } from './message-log';
import { RedisNoticeLog, RedisUrgentAlertLog } from './norms-store';
import { RedisOutboundQueueStore } from './outbound-queue-store';
import { RedisConversationReferenceStore } from './reference-store';
import { RedisStateStorage } from './state-storage';

export { REDIS_SCHEMA_VERSION, redisContext, type RedisContext } from './context';
export { redisKeys, type RedisKeys } from './keys';
export { classifyRedisFailure, REDIS_COMMAND_TIMEOUT_MS, REDIS_CONNECT_TIMEOUT_MS, REDIS_PROBE_TIMEOUT_MS } from './connection';

export const DEFAULT_REDIS_PREFIX = 'frontdesk';

export interface RedisStoreOptions {
  /** `redis://[user:password@]host:port[/db]`, or `rediss://` for TLS. */
  url: string;
  /** What every key starts with (`REDIS_PREFIX`): one business, or one test run, per prefix. */
  prefix?: string;
  /** Where the store says it stopped or started serving again (once per episode). */
  logger?: Logger;
  /** Tests shorten the connection's timeouts. */
  connectTimeoutMs?: number;
  commandTimeoutMs?: number;
}

/**
 * Opens the stores on Redis. The connection is made in the background: calls made before it is
 * ready wait for the first attempt; after that, calls while Redis is away fail at once with a
 * StoreUnavailableError, and succeed again once ioredis has reconnected.
 */
export function openRedisStores(options: RedisStoreOptions): Stores {
  return assemble(options).stores;
}

/**
 * The stores for a command that only reads (listing, exporting): a prefix that holds no Frontdesk
 * data is an error, as a DATA_DIR without a data file is, rather than an empty listing.
 */
export async function openRedisStoresForReading(options: RedisStoreOptions): Promise<Stores> {
  const { stores, connection, ctx } = assemble(options);
  let found: boolean;
  try {
    found = await connection.call(async () => {
      // SCAN may answer pages without a match before the end: walk on until one is found.
      let cursor = '0';
      do {
        const [next, page] = await ctx.redis.scan(cursor, 'MATCH', ctx.keys.all, 'COUNT', 1000);
        if (page.length > 0) return true;
        cursor = next;
      } while (cursor !== '0');
      return false;
    });
  } catch (error) {
    await stores.close();
    throw error;
  }
  if (!found) {
    await stores.close();
    throw new StoreError(
      'frontdesk_store_not_found',
      `no Frontdesk data under the prefix ${ctx.prefix} on this Redis (expected keys ${ctx.keys.all}); check REDIS_URL and REDIS_PREFIX`,
    );
  }
  return stores;
}

function assemble(options: RedisStoreOptions): { stores: Stores; connection: RedisConnection; ctx: RedisContext } {
  const connection = new RedisConnection({
    url: options.url,
    logger: options.logger ?? silentLogger(),
    connectTimeoutMs: options.connectTimeoutMs,
    commandTimeoutMs: options.commandTimeoutMs,
  });
  const ctx = redisContext(connection.redis, options.prefix ?? DEFAULT_REDIS_PREFIX);
  const guard = <T extends object>(store: T): T => guardedStore(connection, store);
  const messageLog = new RedisMessageLog(ctx);
  const stores: Stores = {
    appointments: guard(new RedisAppointmentStore(ctx)),
    clients: guard(new RedisClientStore(ctx)),
    callbacks: guard(new RedisCallbackStore(ctx)),
    consent: guard(new RedisConsentStore(ctx)),
    references: guard(new RedisConversationReferenceStore(ctx)),
    outbox: guard(new RedisOutboundQueueStore(ctx)),
    inboundMessages: guard(new RedisInboundMessageLog(ctx)),
    deliveries: guard(new RedisDeliveryLog(ctx)),
    handoffs: guard(new RedisHandoffStore(ctx)),
    messageLog: guard(messageLog),
    notices: guard(new RedisNoticeLog(ctx)),
    urgentAlerts: guard(new RedisUrgentAlertLog(ctx)),
    state: guard(new RedisStateStorage(ctx)),
    probe: () => connection.probe(ctx),
    close: () => {
      messageLog.stopIndexing();
      return connection.close();
    },
  };
  return { stores, connection, ctx };
}
