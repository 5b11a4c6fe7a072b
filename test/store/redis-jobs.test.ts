// The messaging part of the Redis store (outbox, inbound log, deliveries, handoff queue, message
// log) under the store contract, on a real Redis with a random prefix; the other ports are the
// SQLite store's until the whole Redis store runs the contract.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import { openSqliteStores } from '../../bot/store/sqlite';
import { redisContext, type RedisContext } from '../../bot/store/redis/context';
import { RedisDeliveryLog } from '../../bot/store/redis/delivery-log';
import { RedisHandoffStore } from '../../bot/store/redis/handoff-store';
import { RedisInboundMessageLog } from '../../bot/store/redis/inbound-message-log';
import { RedisMessageLog } from '../../bot/store/redis/message-log';
import { RedisOutboundQueueStore } from '../../bot/store/redis/outbound-queue-store';
import { describeStoreContract } from './store-contract';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function deleteOwnKeys(redis: Redis, ctx: RedisContext): Promise<void> {
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', ctx.keys.all, 'COUNT', 500);
    if (found.length > 0) await redis.del(...found);
    cursor = next;
  } while (cursor !== '0');
}

describeStoreContract('Redis (messaging)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-redis-jobs-'));
  const sqlite = openSqliteStores({ file: path.join(dir, 'contract.sqlite') });
  const redis = new Redis(REDIS_URL, { lazyConnect: false, maxRetriesPerRequest: 1 });
  const ctx = redisContext(redis, `fdtest-${randomBytes(6).toString('hex')}`);
  const stores = {
    ...sqlite,
    outbox: new RedisOutboundQueueStore(ctx),
    inboundMessages: new RedisInboundMessageLog(ctx),
    deliveries: new RedisDeliveryLog(ctx),
    handoffs: new RedisHandoffStore(ctx),
    messageLog: new RedisMessageLog(ctx),
  };
  return {
    stores,
    cleanup: async () => {
      await deleteOwnKeys(redis, ctx);
      await redis.quit();
      await sqlite.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});
