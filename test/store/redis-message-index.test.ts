// The Redis message log's word index follows the messages in batches: a search still finds a
// message logged a moment before, the batch follows on its own, a backlog longer than a batch is
// indexed whole, two processes on one Redis index each message once, and messages left waiting by a
// process that stopped are indexed by another.
import Redis from 'ioredis';
import { redisContext, type RedisContext } from '../../bot/store/redis/context';
import { INDEX_DELAY_MS, RedisMessageLog } from '../../bot/store/redis/message-log';
import { describeWithRedis } from '../helpers/redis';

const AT = '2026-03-10T15:00:00.000Z';

describeWithRedis('the Redis message log word index', (run) => {
  let redis: Redis;
  let ctx: RedisContext;
  const logs: RedisMessageLog[] = [];

  beforeAll(() => {
    redis = new Redis(run.url(), { maxRetriesPerRequest: 1 });
  });
  beforeEach(() => {
    ctx = redisContext(redis, run.prefix());
  });
  afterEach(() => {
    for (const log of logs.splice(0)) log.stopIndexing();
  });
  afterAll(async () => {
    await redis.quit();
  });

  const openLog = (): RedisMessageLog => {
    const log = new RedisMessageLog(ctx);
    logs.push(log);
    return log;
  };
  const append = (log: RedisMessageLog, text: string, at = AT) =>
    log.append({ clientId: 'cli_1', channel: 'sms', direction: 'in', text, media: [], at, author: 'client' });
  const waiting = () => redis.zcard(ctx.keys.messagesUnindexed);
  const indexedUnder = (word: string) => redis.zcard(ctx.keys.messageWord(word));

  it('finds a message the moment it is logged, before its batch has run', async () => {
    const log = openLog();
    await append(log, 'haircut friday at 3');
    expect(await indexedUnder('haircut')).toBe(0);
    expect(await waiting()).toBe(1);
    expect((await log.search('hairc', 10)).map((m) => m.text)).toEqual(['haircut friday at 3']);
    expect(await waiting()).toBe(0);
    expect(await indexedUnder('haircut')).toBe(1);
  });

  it('indexes what was logged a moment later on its own, every message under each of its words', async () => {
    const log = openLog();
    for (let i = 0; i < 5; i += 1) await append(log, `haircut number ${i}`);
    await new Promise((resolve) => setTimeout(resolve, INDEX_DELAY_MS + 150));
    expect(await waiting()).toBe(0);
    expect(await indexedUnder('haircut')).toBe(5);
    expect(await indexedUnder('number')).toBe(5);
    expect(await indexedUnder('3')).toBe(1);
    expect(await redis.zrange(ctx.keys.messageWords, 0, -1)).toEqual(['0', '1', '2', '3', '4', 'haircut', 'number']);
  });

  it('keeps each message under its time, so a search answers newest first', async () => {
    const log = openLog();
    await append(log, 'color at noon', '2026-03-10T12:00:00.000Z');
    await append(log, 'color in the morning', '2026-03-10T09:00:00.000Z');
    await append(log, 'color tonight', '2026-03-10T18:00:00.000Z');
    expect((await log.search('color', 10)).map((m) => m.text)).toEqual(['color tonight', 'color at noon', 'color in the morning']);
  });

  it('indexes a backlog longer than one batch before a search answers', async () => {
    const writer = openLog();
    await Promise.all(Array.from({ length: 1200 }, (_, i) => append(writer, `backlog message ${i}`)));
    writer.stopIndexing();
    const reader = openLog();
    expect(await reader.indexPending()).toBe(1200);
    expect(await waiting()).toBe(0);
    expect(await indexedUnder('backlog')).toBe(1200);
    expect(await reader.search('backlog 1199', 10)).toHaveLength(1);
  });

  it('two processes indexing at once index each message once', async () => {
    const first = openLog();
    const second = openLog();
    for (let i = 0; i < 20; i += 1) await append(i % 2 === 0 ? first : second, `shared trim ${i}`);
    const [a, b] = await Promise.all([first.indexPending(), second.indexPending()]);
    expect(a + b).toBeGreaterThanOrEqual(20);
    expect(await indexedUnder('shared')).toBe(20);
    const found = (await first.search('shared trim', 50)).map((m) => m.text);
    expect(found).toHaveLength(20);
    expect(new Set(found).size).toBe(20);
  });

  it('a message left waiting by a process that stopped is found through another', async () => {
    const gone = openLog();
    await append(gone, 'left behind by a crash');
    gone.stopIndexing();
    await new Promise((resolve) => setTimeout(resolve, INDEX_DELAY_MS + 100));
    expect(await waiting()).toBe(1);
    const other = openLog();
    expect((await other.search('behind', 10)).map((m) => m.text)).toEqual(['left behind by a crash']);
  });
});
