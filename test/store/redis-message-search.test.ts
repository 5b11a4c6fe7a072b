// Staff search on Redis answers as the SQLite store's FTS5 index does: the same messages, in the
// same order, for the same typed words. Both stores get one corpus of messages with accents,
// decomposed letters, capitals, punctuation, digits, emoji and other scripts, and every query is
// asked of both.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import type { MessageLog } from '../../bot/ports/handoff';
import type { Stores } from '../../bot/ports/stores';
import { openSqliteStores } from '../../bot/store/sqlite';
import { redisContext } from '../../bot/store/redis/context';
import { RedisMessageLog, indexWords, searchPrefixes } from '../../bot/store/redis/message-log';
import { describeWithRedis } from '../helpers/redis';

const T0 = Date.parse('2026-03-10T15:00:00.000Z');

const CORPUS = [
  'Is my car ready yet?',
  'The CAR is ready for pickup',
  'café crème at the salon',
  'Cafe\u0301 au lait, s\u2019il vous plaît',
  'Mañana a las 3 por favor, ¿se puede?',
  'manana no puedo',
  "Don't cancel — I'll be 10 min late",
  'dont worry, 10:30 works',
  'Straße 12, Größe M',
  'İstanbul office, Ångström units, Øresund',
  'ﬁne print: the ﬁx is in',
  'e-mail me at sam_lee@example.test or call 555-0101',
  'Thanks 🙏 see you at 4pm',
  'ЗАПИСЬ на завтра',
  '予約 明日 3時',
  'naïve résumé coöperate',
  'ready ready ready',
  'NEAR the door OR the window',
];

const QUERIES = [
  'car', 'CAR ready', 'ready', 'rea', 'cafe', 'café', 'CAFÉ AU', 'cafe\u0301', 'lait plait', 'manana', 'mañana', 'Mañ',
  "don't", 'don t', 'dont', 'ill', '10', '10 30', '1030', 'strasse', 'straße', 'grosse', 'größe', 'istanbul', 'angstrom',
  'oresund', 'øresund', 'fine', 'ﬁne', 'fix', 'e-mail', 'mail', 'sam_lee', 'sam', 'lee example', '555', '0101', '🙏',
  'thanks 🙏', '4pm', '4', 'запись', 'ЗАВТРА', '予約', '明日', 'naive', 'resume cooperate', 'near OR', '"door" OR (window',
  '*** ???', '', 'zzz', 'the', 't', 'a',
];

describeWithRedis('Redis message search against the SQLite FTS index', (run) => {
  let dir: string;
  let sqlite: Stores;
  let redis: Redis;
  let redisLog: MessageLog;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-search-'));
    sqlite = openSqliteStores({ file: path.join(dir, 'search.sqlite') });
    redis = new Redis(run.url(), { maxRetriesPerRequest: 1 });
    redisLog = new RedisMessageLog(redisContext(redis, run.prefix()));
    const clients = [];
    for (let i = 0; i < 3; i += 1) clients.push(await sqlite.clients.findOrCreateByAddress(`+1555555010${i}`, 'sms', new Date(T0)));
    for (const [i, text] of CORPUS.entries()) {
      // Two messages share each instant, so the order within one instant is compared too.
      const message = { clientId: clients[i % 3]?.id ?? '', channel: 'sms', direction: 'in' as const, text, media: [], at: new Date(T0 + Math.floor(i / 2) * 60_000).toISOString(), author: 'client' as const };
      await sqlite.messageLog.append(message);
      await redisLog.append(message);
    }
  });

  afterAll(async () => {
    await redis.quit();
    await sqlite.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each(QUERIES.map((q) => [q]))('finds what FTS5 finds for %j, in its order', async (query) => {
    const expected = (await sqlite.messageLog.search(query, 50)).map((m) => m.text);
    const found = (await redisLog.search(query, 50)).map((m) => m.text);
    expect(found).toEqual(expected);
  });

  it('compares real answers: most queries find something', async () => {
    const answered = await Promise.all(QUERIES.map(async (q) => (await sqlite.messageLog.search(q, 50)).length > 0));
    expect(answered.filter(Boolean).length).toBeGreaterThanOrEqual(40);
  });

  it('cuts the same answer at the same limit', async () => {
    for (const limit of [1, 2, 3]) {
      expect((await redisLog.search('ready', limit)).map((m) => m.text)).toEqual((await sqlite.messageLog.search('ready', limit)).map((m) => m.text));
    }
  });

  it('folds words as the index keeps them', () => {
    expect(indexWords('Café crème, s\u2019il-vous')).toEqual(['cafe', 'creme', 's', 'il', 'vous']);
    expect(searchPrefixes('"door" OR (window')).toEqual(['door', 'or', 'window']);
    expect(searchPrefixes('*** ???')).toEqual([]);
  });

  it("keeps each client's messages apart and in order", async () => {
    const client = await sqlite.clients.findByAddress('+15555550100');
    const recent = await redisLog.recentForClient(client?.id ?? '', 3);
    expect(recent.map((m) => m.text)).toEqual((await sqlite.messageLog.recentForClient(client?.id ?? '', 3)).map((m) => m.text));
    expect(recent).toHaveLength(3);
  });
});
