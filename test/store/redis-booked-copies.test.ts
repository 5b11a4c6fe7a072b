// A day's bookings on Redis are read with two commands, their ids then their booked copies (one
// hash field per booked appointment) in one HMGET, rather than one HGETALL each: the copies say what the appointments' own
// hashes say after every kind of write, hold only booked appointments, and an appointment booked
// before copies were kept is still found from its hash.
import Redis from 'ioredis';
import type { Appointment } from '../../bot/domain/types';
import { RedisAppointmentStore } from '../../bot/store/redis/appointment-store';
import { redisContext, type RedisContext } from '../../bot/store/redis/context';
import { describeWithRedis } from '../helpers/redis';

const NOW = new Date('2026-03-02T14:00:00.000Z');

/** Minutes after 2026-03-10T15:00Z as an ISO instant. */
function t(minutes: number): string {
  return new Date(Date.parse('2026-03-10T15:00:00.000Z') + minutes * 60_000).toISOString();
}

describeWithRedis('the booked copies of Redis appointments', (run) => {
  let redis: Redis;
  let ctx: RedisContext;
  let store: RedisAppointmentStore;

  beforeAll(() => {
    redis = new Redis(run.url(), { maxRetriesPerRequest: 1 });
  });
  beforeEach(() => {
    ctx = redisContext(redis, run.prefix());
    store = new RedisAppointmentStore(ctx);
  });
  afterAll(async () => {
    await redis.quit();
  });

  const book = async (clientId: string, from: number, minutes = 30): Promise<Appointment> => {
    const result = await store.book({ clientId, serviceId: 'haircut', staffId: 'ana', start: t(from), end: t(from + minutes) }, NOW);
    if (!result.ok) throw new Error(`booking at ${from} was refused: ${result.reason}`);
    return result.appointment;
  };
  const copies = async (): Promise<Record<string, unknown>> => {
    const all = await redis.hgetall(ctx.keys.bookedCopies);
    return Object.fromEntries(Object.entries(all).map(([id, json]) => [id, JSON.parse(json) as unknown]));
  };
  /** Every copy holds the fields its appointment's hash holds, and only booked ones have a copy. */
  const expectCopiesMatchHashes = async (bookedIds: string[]) => {
    const held = await copies();
    expect(Object.keys(held).sort()).toEqual([...bookedIds].sort());
    for (const id of bookedIds) expect(held[id]).toEqual(await redis.hgetall(ctx.keys.appointment(id)));
  };

  it('follows every write: book, confirm, running late, move, cancel, import', async () => {
    const first = await book('cli_a', 0);
    const second = await book('cli_b', 60);
    await expectCopiesMatchHashes([first.id, second.id]);

    await store.markConfirmed(first.id, new Date(NOW.getTime() + 1000));
    await store.markRunningLate(second.id, 10, new Date(NOW.getTime() + 2000));
    await expectCopiesMatchHashes([first.id, second.id]);

    const moved = await store.reschedule(first.id, { staffId: 'ana', start: t(120), end: t(150) }, new Date(NOW.getTime() + 3000));
    if (!moved.ok) throw new Error(`the move was refused: ${moved.reason}`);
    await expectCopiesMatchHashes([moved.appointment.id, second.id]);

    await store.cancel(second.id, new Date(NOW.getTime() + 4000));
    await expectCopiesMatchHashes([moved.appointment.id]);

    // An import writes an appointment as it is: a booked one gains a copy, one imported as cancelled loses it.
    await store.restore({ ...second, status: 'booked', staffId: 'ben', updatedAt: t(-1) });
    await expectCopiesMatchHashes([moved.appointment.id, second.id]);
    await store.restore({ ...(await store.get(moved.appointment.id))!, status: 'cancelled' });
    await expectCopiesMatchHashes([second.id]);

    const read = await store.findBookedBetween(t(-60), t(300));
    expect(read.map((a) => [a.id, a.staffId, a.status])).toEqual([[second.id, 'ben', 'booked']]);
  });

  it('answers a read with what the hashes say, running late and confirmation included', async () => {
    const a = await book('cli_a', 0);
    await store.markConfirmed(a.id, new Date(NOW.getTime() + 1000));
    await store.markRunningLate(a.id, null, new Date(NOW.getTime() + 2000));
    const [read] = await store.findBookedBetween(t(0), t(30), 'ana');
    expect(read).toEqual(await store.get(a.id));
    expect(read?.confirmedAt).toBe(new Date(NOW.getTime() + 1000).toISOString());
    expect(read?.runningLate).toEqual({ minutes: null, reportedAt: new Date(NOW.getTime() + 2000).toISOString() });
    expect(await store.findUpcomingForClient('cli_a', NOW)).toEqual([read]);
  });

  it('finds an appointment booked before copies were kept, from its hash', async () => {
    const old = await book('cli_a', 0);
    const recent = await book('cli_b', 30);
    await redis.hdel(ctx.keys.bookedCopies, old.id);
    expect((await store.findBookedBetween(t(-30), t(90))).map((a) => a.id)).toEqual([old.id, recent.id]);
    expect(await store.findUpcomingForClient('cli_a', NOW)).toEqual([old]);
  });

  it('reads a day of bookings with two commands, with no HGETALL per booking', async () => {
    for (let i = 0; i < 20; i += 1) await book(`cli_${i}`, i * 30);
    // Once before watching, so Redis knows the script (a first EVALSHA may be answered NOSCRIPT and sent again as EVAL).
    expect(await store.findBookedBetween(t(0), t(20 * 30))).toHaveLength(20);
    const monitor = await redis.monitor();
    const seen: string[] = [];
    monitor.on('monitor', (_time: string, args: string[], source: string) => {
      if (args.some((arg) => arg.startsWith(ctx.prefix))) seen.push(`${source.startsWith('lua') ? 'lua' : 'client'} ${String(args[0]).toLowerCase()}`);
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await store.findBookedBetween(t(0), t(20 * 30))).toHaveLength(20);
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await monitor.disconnect();
    }
    expect(seen.filter((line) => line.startsWith('client'))).toEqual(['client evalsha', 'client hmget']);
    expect(seen.filter((line) => line.endsWith('hgetall'))).toEqual([]);
  });
});
