// Two real servers on one Redis (REDIS_URL, REDIS_PREFIX), as two processes behind a load balancer:
// a conversation begun on one is finished on the other, and when Redis goes away each answers
// honestly ("couldn't save"), /readyz says 503 at once, and both serve again when Redis is back.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { readSettings } from '../../bot/config/settings';
import { startServer, type RunningServer } from '../../bot/index';
import { createLogger } from '../../bot/log';
import { en } from '../../bot/text/en';
import { say } from '../helpers/bot-framework-client';
import { at } from '../helpers/frontdesk-harness';
import { redisServerBinary, startRedisServer, type StartedServer } from '../helpers/redis';

type LogLine = { level: number; msg: string; reason?: string };

function logSink(): { lines: LogLine[]; stream: Writable } {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  return { lines, stream };
}

async function readyz(server: RunningServer): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${server.url}/readyz`, { signal: AbortSignal.timeout(2000) });
  return { status: res.status, body: await res.json() };
}

async function eventually<T>(run: () => Promise<T>, accept: (value: T) => boolean, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await run();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const describeWithServer = redisServerBinary ? describe : describe.skip;

describeWithServer(`two servers on one Redis${redisServerBinary ? '' : ' (skipped: redis-server is not on PATH)'}`, () => {
  const now = at('2026-03-10T10:00');
  let redis: StartedServer | null;
  let dataDir: string;
  let servers: RunningServer[];
  let logs: ReturnType<typeof logSink>[];

  beforeEach(async () => {
    redis = await startRedisServer(redisServerBinary as string);
    // No SQLite file may appear here: the store is on Redis.
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-redis-e2e-'));
    const env = { REDIS_URL: redis.url, REDIS_PREFIX: 'maple-street' };
    logs = [logSink(), logSink()];
    servers = [];
    for (const log of logs) {
      servers.push(await startServer({ settings: readSettings(env, { dataDir, port: 0 }), clock: () => now, logger: createLogger('info', log.stream) }));
    }
  }, 20_000);

  afterEach(async () => {
    for (const server of servers) await server.close();
    await redis?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 20_000);

  it('books through the second server a slot the client chose on the first, and keeps no data file', async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    const user = 'web-two-servers';
    await say(a, user, 'can I get a haircut thursday at 3pm?');
    expect((await say(b, user, 'Jordan')).at(-1)).toMatch(/^Haircut with .*, Thu Mar 12 at 3:00 PM — shall I book it\? \(yes \/ no\)$/);
    expect((await say(a, user, 'yes'))[0]).toMatch(/^You're booked/);

    const booked = await b.frontdesk.stores.appointments.list({ status: 'booked' });
    expect(booked.map((appointment) => appointment.start)).toEqual(['2026-03-12T19:00:00.000Z']);
    expect(fs.readdirSync(dataDir).filter((name) => name.startsWith('frontdesk.sqlite'))).toEqual([]);
  }, 30_000);

  it('answers "couldn\'t save" and 503 while Redis is down, logs it once, and serves again when it is back', async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    expect(await readyz(a)).toEqual({ status: 200, body: { ok: true } });
    const port = redis!.port;

    await redis!.stop();
    redis = null;
    const down = await eventually(() => readyz(b), (answer) => answer.status === 503, 2000);
    expect(down).toEqual({ status: 503, body: { ok: false, reason: 'store_unwritable', store: 'unreachable' } });
    const started = Date.now();
    expect(await say(a, 'web-redis-down', 'can I get a haircut thursday at 3pm?')).toEqual([en.storeUnavailable()]);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(await say(a, 'web-redis-down', 'hello?')).toEqual([en.storeUnavailable()]);
    const episodes = logs[0]!.lines.filter((line) => line.msg.startsWith('store unavailable'));
    expect(episodes).toEqual([expect.objectContaining({ level: 50, reason: 'unreachable' })]);

    redis = await startRedisServer(redisServerBinary as string, port);
    expect(await eventually(() => readyz(a), (answer) => answer.status === 200, 5000)).toEqual({ status: 200, body: { ok: true } });
    expect(await eventually(() => readyz(b), (answer) => answer.status === 200, 5000)).toEqual({ status: 200, body: { ok: true } });
    const replies = await say(a, 'web-redis-back', 'what are your hours?');
    expect(replies.join('\n')).not.toContain(en.storeUnavailable());
    expect(logs[0]!.lines.some((line) => line.msg === 'store available again')).toBe(true);
  }, 30_000);
});
