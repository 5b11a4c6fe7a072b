import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import { silentLogger } from '../../bot/log';
import { openStores, storeLocation } from '../../bot/store/open';
import { redisKeys } from '../../bot/store/redis';
import { describeWithRedis } from '../helpers/redis';

const NOW = new Date('2026-03-02T14:00:00.000Z');

describe('openStores', () => {
  it('opens the SQLite file in DATA_DIR when no REDIS_URL is set', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-open-'));
    try {
      const stores = openStores({ dataDir }, silentLogger());
      await stores.clients.findOrCreateByAddress('+15555550101', 'sms', NOW);
      await stores.close();
      expect(fs.existsSync(path.join(dataDir, 'frontdesk.sqlite'))).toBe(true);
      expect(storeLocation({ dataDir })).toBe(path.join(dataDir, 'frontdesk.sqlite'));
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('names a Redis store by host, database and prefix, never by its password', () => {
    expect(storeLocation({ dataDir: '/unused', redisUrl: 'rediss://:hunter2@cache.example.net:6380/2', redisPrefix: 'maple' })).toBe(
      'rediss://cache.example.net:6380/2 (prefix maple)',
    );
    expect(storeLocation({ dataDir: '/unused', redisUrl: 'redis://127.0.0.1:6379' })).toBe('redis://127.0.0.1:6379 (prefix frontdesk)');
  });
});

describeWithRedis('openStores with REDIS_URL', (redis) => {
  it('opens the Redis store under REDIS_PREFIX, and writes nothing to DATA_DIR', async () => {
    const dataDir = path.join(os.tmpdir(), `frontdesk-open-unused-${process.pid}`);
    const prefix = redis.prefix();
    const stores = openStores({ dataDir, redisUrl: redis.url(), redisPrefix: prefix }, silentLogger());
    const raw = new Redis(redis.url(), { maxRetriesPerRequest: 1 });
    try {
      const client = await stores.clients.findOrCreateByAddress('+15555550101', 'sms', NOW);
      expect(await raw.get(redisKeys(prefix).clientByAddress('+15555550101'))).toBe(client.id);
      expect(await stores.probe()).toEqual({ ok: true });
      expect(fs.existsSync(dataDir)).toBe(false);
    } finally {
      await stores.close();
      raw.disconnect();
    }
  });
});
