// `frontdesk export` and `frontdesk import` as an operator moving a business from its SQLite file to
// Redis runs them: child processes, real files, a real Redis, real exit codes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { openRedisStores } from '../bot/store/redis';
import { openSqliteStores } from '../bot/store/sqlite';
import { EVERY_KIND, seed } from './helpers/every-record';
import { describeWithRedis } from './helpers/redis';

const BIN = path.resolve(__dirname, '../bot/frontdesk.cjs');

function frontdesk(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent', REDIS_URL: '', REDIS_PREFIX: '', ...env },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describeWithRedis('frontdesk export and import', (redis) => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'frontdesk-cli-archive-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  async function seedSqlite(dataDir: string): Promise<void> {
    const stores = openSqliteStores({ dataDir });
    const now = new Date('2026-03-10T14:00:00Z');
    const client = await stores.clients.findOrCreateByAddress('+15551230000', 'sms', now);
    await stores.clients.setName(client.id, 'Sam');
    const booked = await stores.appointments.book(
      { clientId: client.id, serviceId: 'haircut', staffId: 'barber', start: '2026-03-12T19:00:00.000Z', end: '2026-03-12T19:30:00.000Z' },
      now,
    );
    if (!booked.ok) throw new Error('setup failed');
    await stores.consent.optOut('+15551239999', 'keyword', now);
    await stores.state.write({ 'sms/conversations/+15551230000': { step: 1 } });
    await stores.close();
  }

  it('moves a business from its SQLite file to Redis, which then lists the same appointments', async () => {
    const dataDir = path.join(dir, 'data');
    await seedSqlite(dataDir);
    const file = path.join(dir, 'maple.jsonl');
    const prefix = redis.prefix();
    const onRedis = { REDIS_URL: redis.url(), REDIS_PREFIX: prefix };

    const exported = frontdesk(['export', '--out', file], { DATA_DIR: dataDir });
    expect(exported).toMatchObject({ status: 0, stdout: '' });
    expect(exported.stderr).toBe(
      `exported 1 client, 1 appointment, 1 consent record, 1 state item from ${path.join(dataDir, 'frontdesk.sqlite')}\n`,
    );
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ format: 'frontdesk-archive', version: 2 });
    expect(lines).toHaveLength(5);

    const imported = frontdesk(['import', file], onRedis);
    expect(imported.stderr).toBe('');
    expect(imported).toMatchObject({ status: 0, stdout: `imported 1 client, 1 appointment, 1 consent record, 1 state item into ${redis.url()} (prefix ${prefix})\n` });

    const fromSqlite = frontdesk(['appointments', '--json'], { DATA_DIR: dataDir });
    const fromRedis = frontdesk(['appointments', '--json'], onRedis);
    expect(fromRedis.status).toBe(0);
    expect(JSON.parse(fromRedis.stdout)).toEqual(JSON.parse(fromSqlite.stdout));
    expect(JSON.parse(fromRedis.stdout)).toHaveLength(1);

    // Again into the store that now holds it: refused unless told to merge, then replaced in place.
    const again = frontdesk(['import', file], onRedis);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('nothing imported: the store at');
    expect(again.stderr).toContain('already holds data; --merge');
    expect(frontdesk(['import', file, '--merge'], onRedis).status).toBe(0);
    expect(JSON.parse(frontdesk(['appointments', '--json'], onRedis).stdout)).toEqual(JSON.parse(fromSqlite.stdout));
    await redis.clean(prefix);
  }, 120_000);

  it('carries every kind of record SQLite -> JSON lines -> Redis -> JSON lines -> SQLite unchanged, and staff search finds messages in both', async () => {
    const dataDir = path.join(dir, 'data');
    const seeded = openSqliteStores({ dataDir });
    await seed(seeded);
    await seeded.close();
    const prefix = redis.prefix();
    const onRedis = { REDIS_URL: redis.url(), REDIS_PREFIX: prefix };
    const backDir = path.join(dir, 'back');
    const file = (name: string) => path.join(dir, `${name}.jsonl`);
    /** The records of an export, one JSON line each, in a set's order. */
    const recordsOf = (name: string) => readFileSync(file(name), 'utf8').trim().split('\n').slice(1).sort();

    expect(frontdesk(['export', '--out', file('first')], { DATA_DIR: dataDir }).status).toBe(0);
    expect(frontdesk(['import', file('first')], onRedis)).toMatchObject({ status: 0, stderr: '' });
    expect(frontdesk(['export', '--out', file('middle')], onRedis).status).toBe(0);
    expect(frontdesk(['import', file('middle')], { DATA_DIR: backDir })).toMatchObject({ status: 0, stderr: '' });
    const last = frontdesk(['export', '--out', file('last')], { DATA_DIR: backDir });
    expect(last.stderr).toContain('4 logged messages, 5 outbox messages, 2 send slots, 2 inbound message receipts, 2 delivery statuses');

    expect(new Set(recordsOf('first').map((line) => (JSON.parse(line) as { kind: string }).kind))).toEqual(new Set(EVERY_KIND));
    expect(recordsOf('middle')).toEqual(recordsOf('first'));
    expect(recordsOf('last')).toEqual(recordsOf('first'));

    for (const stores of [openRedisStores({ url: redis.url(), prefix }), openSqliteStores({ dataDir: backDir })]) {
      try {
        expect((await stores.messageLog.search('miercoles', 10)).map((m) => m.text)).toEqual(['Quiero hablar con alguien sobre mi cita del miércoles']);
        expect((await stores.messageLog.search('sink', 10)).map((m) => m.media)).toEqual([['https://files.example/sink.jpg']]);
      } finally {
        await stores.close();
      }
    }
    await redis.clean(prefix);
  }, 120_000);

  it('refuses to overwrite a file, to read a file that is not an export, and to import records naming unknown clients', async () => {
    const dataDir = path.join(dir, 'data');
    await seedSqlite(dataDir);
    const taken = path.join(dir, 'taken.jsonl');
    writeFileSync(taken, 'keep me\n');
    const overwrite = frontdesk(['export', '--out', taken], { DATA_DIR: dataDir });
    expect(overwrite.status).toBe(1);
    expect(overwrite.stderr).toContain('exists; name a new file');
    expect(readFileSync(taken, 'utf8')).toBe('keep me\n');

    const empty = path.join(dir, 'empty-data');
    const notExport = frontdesk(['import', taken], { DATA_DIR: empty });
    expect(notExport.status).toBe(1);
    expect(notExport.stderr).toContain('line 1 is not JSON');

    const header = JSON.stringify({ format: 'frontdesk-archive', version: 1, exportedAt: '2026-03-10T14:00:00.000Z', notCarried: [] });
    const badTime = path.join(dir, 'bad-time.jsonl');
    writeFileSync(badTime, `${header}\n${JSON.stringify({ kind: 'notice', key: 'first-contact:x', sentAt: 'tomorrow at 3' })}\n`);
    const refused = frontdesk(['import', badTime], { DATA_DIR: empty });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('line 2 is not a record: sentAt');

    const orphan = path.join(dir, 'orphan.jsonl');
    const callback = { id: 'cb_x', clientId: 'cli_nobody', reason: 'human', text: 'hi', status: 'open', createdAt: '2026-03-10T14:00:00.000Z' };
    writeFileSync(orphan, `${header}\n${JSON.stringify({ kind: 'callback', callback })}\n`);
    const unknown = frontdesk(['import', orphan], { DATA_DIR: empty });
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('records name clients that neither');
    expect(unknown.stderr).toContain('cli_nobody');
    // The refused import left the new store as empty as it was.
    expect(frontdesk(['export'], { DATA_DIR: empty }).stderr).toContain('exported no records');
  }, 120_000);
});
