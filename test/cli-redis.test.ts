// `frontdesk appointments` with REDIS_URL: it lists the Redis store's appointments, and a prefix
// that holds nothing is an error, as a mistyped DATA_DIR is.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { openRedisStores } from '../bot/store/redis';
import { deleteKeysUnder, describeWithRedis } from './helpers/redis';

const BIN = path.resolve(__dirname, '../bot/frontdesk.cjs');

function frontdesk(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent', DATA_DIR: path.join(__dirname, 'no-such-data-dir'), ...env },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describeWithRedis('frontdesk appointments on Redis', (redis) => {
  it('lists the booked appointments of REDIS_PREFIX', async () => {
    const prefix = redis.prefix();
    const stores = openRedisStores({ url: redis.url(), prefix });
    const now = new Date('2026-03-10T14:00:00Z');
    const client = await stores.clients.findOrCreateByAddress('+15551230000', 'sms', now);
    await stores.clients.setName(client.id, 'Sam');
    const booked = await stores.appointments.book(
      { clientId: client.id, serviceId: 'haircut', staffId: 'barber', start: '2026-03-12T19:00:00.000Z', end: '2026-03-12T19:30:00.000Z' },
      now,
    );
    await stores.close();
    if (!booked.ok) throw new Error('setup failed');

    const r = frontdesk(['appointments', '--json'], { REDIS_URL: redis.url(), REDIS_PREFIX: prefix });

    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        id: booked.appointment.id,
        client: { name: 'Sam', address: '+15551230000' },
        service: 'haircut',
        staff: 'Barber',
        start: '2026-03-12T19:00:00.000Z',
        end: '2026-03-12T19:30:00.000Z',
        status: 'booked',
        confirmed: false,
      },
    ]);
  }, 60_000);

  it('refuses a prefix with no Frontdesk data, naming the prefix, and writes nothing there', async () => {
    const prefix = redis.prefix();
    const r = frontdesk(['appointments', '--json'], { REDIS_URL: redis.url(), REDIS_PREFIX: prefix });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`no Frontdesk data under the prefix ${prefix}`);
    expect(r.stdout).toBe('');
    expect(await deleteKeysUnder(redis.url(), prefix)).toBe(0);
  }, 60_000);

  it('says the store cannot be reached when nothing answers at REDIS_URL', () => {
    const r = frontdesk(['appointments', '--json'], { REDIS_URL: 'redis://127.0.0.1:1', REDIS_PREFIX: 'frontdesk-test-absent' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Redis cannot be reached');
  }, 60_000);
});
