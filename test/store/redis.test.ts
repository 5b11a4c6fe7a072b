import Redis from 'ioredis';
import { STORE_UNAVAILABLE, type NewAppointment, type Stores } from '../../bot/ports/stores';
import { openRedisStores, redisKeys } from '../../bot/store/redis';
import { describeWithRedis, redisServerBinary, startRedisServer, type StartedServer } from '../helpers/redis';
import { describeStoreContract } from './store-contract';

const NOW = new Date('2026-03-02T14:00:00.000Z');

/** Minutes after 2026-03-10T15:00Z as an ISO instant. */
function t(minutes: number): string {
  return new Date(Date.parse('2026-03-10T15:00:00.000Z') + minutes * 60_000).toISOString();
}

async function keysUnder(url: string, prefix: string): Promise<string[]> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      found.push(...keys);
    } while (cursor !== '0');
    return found.sort();
  } finally {
    client.disconnect();
  }
}

/** How long a promise takes to settle, and how. */
async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result?: T; error?: unknown }> {
  const started = Date.now();
  try {
    const result = await run();
    return { ms: Date.now() - started, result };
  } catch (error) {
    return { ms: Date.now() - started, error };
  }
}

describeWithRedis('Redis store', (redis) => {
  describeStoreContract('Redis', async () => {
    const prefix = redis.prefix();
    const stores: Stores = openRedisStores({ url: redis.url(), prefix });
    return {
      stores,
      cleanup: async () => {
        await stores.close();
        await redis.clean(prefix);
      },
    };
  });

  describe('two processes on one prefix (two connections)', () => {
    let a: Stores;
    let b: Stores;
    let prefix: string;

    beforeEach(() => {
      prefix = redis.prefix();
      a = openRedisStores({ url: redis.url(), prefix });
      b = openRedisStores({ url: redis.url(), prefix });
    });

    afterEach(async () => {
      await Promise.all([a.close(), b.close()]);
      await redis.clean(prefix);
    });

    it('books each contested slot exactly once when both processes ask for it at the same moment', async () => {
      const [dana, lee] = await Promise.all([
        a.clients.findOrCreateByAddress('+15555550101', 'sms', NOW),
        b.clients.findOrCreateByAddress('+15555550102', 'sms', NOW),
      ]);
      const slot = (clientId: string, i: number): NewAppointment => ({
        clientId,
        serviceId: 'haircut',
        staffId: 'lead',
        otherStaffIds: i % 2 === 0 ? [] : ['second'],
        start: t(i * 30),
        end: t(i * 30 + 30),
      });

      const outcomes = await Promise.all(
        Array.from({ length: 20 }, (_, i) => Promise.all([a.appointments.book(slot(dana.id, i), NOW), b.appointments.book(slot(lee.id, i), NOW)])),
      );

      outcomes.forEach((pair, i) => {
        if (i % 2 === 0) {
          // One staff member: one of the two gets the slot, the other hears it is taken.
          expect(pair.map((result) => result.ok).sort()).toEqual([false, true]);
          expect(pair.find((result) => !result.ok)).toEqual({ ok: false, reason: 'slot_taken' });
        } else {
          // Two staff members: each process books one of them.
          expect(pair.map((result) => result.ok && result.appointment.staffId).sort()).toEqual(['lead', 'second']);
        }
      });
      const booked = await a.appointments.list({ status: 'booked' });
      expect(booked).toHaveLength(30);
      expect(await b.appointments.list({ status: 'booked' })).toEqual(booked);
    });

    it('books one appointment when one client confirms the same slot through both processes', async () => {
      const client = await a.clients.findOrCreateByAddress('+15555550101', 'sms', NOW);
      const input: NewAppointment = { clientId: client.id, serviceId: 'haircut', staffId: 'lead', otherStaffIds: ['second'], start: t(0), end: t(30) };

      const [first, second] = await Promise.all([a.appointments.book(input, NOW), b.appointments.book(input, NOW)]);

      expect(first.ok && second.ok).toBe(true);
      if (!first.ok || !second.ok) return;
      expect(first.appointment.id).toBe(second.appointment.id);
      expect([first.existing, second.existing].sort()).toEqual([false, true]);
      expect(await a.appointments.list()).toHaveLength(1);
    });

    it('creates one client for an address both processes see at once', async () => {
      const found = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).clients.findOrCreateByAddress('+15555550199', 'sms', NOW)),
      );
      expect(new Set(found.map((client) => client.id)).size).toBe(1);
      expect(await b.clients.list()).toEqual([found[0]]);
    });

    it('refuses the state write of a process that read before the other one wrote, and keeps the other one\'s', async () => {
      const key = 'sms/conversations/+15555550101';
      await a.state.write({ [key]: { step: 1 } });
      const seenByA = (await a.state.read([key]))[key];
      const seenByB = (await b.state.read([key]))[key];

      await a.state.write({ [key]: { ...seenByA, step: 2, by: 'a' } });
      const refused = await timed(() => b.state.write({ [key]: { ...seenByB, step: 2, by: 'b' } }));

      expect(refused.error).toMatchObject({ code: 'frontdesk_store_etag_conflict' });
      expect((await b.state.read([key]))[key]).toMatchObject({ step: 2, by: 'a' });
      // Read again, B's change goes in on top of A's.
      const fresh = (await b.state.read([key]))[key];
      await b.state.write({ [key]: { ...fresh, step: 3, by: 'b' } });
      expect((await a.state.read([key]))[key]).toMatchObject({ step: 3, by: 'b' });
    });

    it('lets exactly one of two writes made from the same read through, and writes nothing of a refused batch', async () => {
      await a.state.write({ conversation: { n: 0 }, user: { n: 0 } });
      const seen = await a.state.read(['conversation', 'user']);
      const fromA = { conversation: { ...seen.conversation, n: 1 }, user: { ...seen.user, n: 1 } };
      const fromB = { conversation: { ...seen.conversation, n: 2 }, user: { ...seen.user, n: 2 } };

      const results = await Promise.allSettled([a.state.write(fromA), b.state.write(fromB)]);

      expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
      const after = await b.state.read(['conversation', 'user']);
      // Both items come from the one write that went through.
      expect(after.conversation?.n).toBe(after.user?.n);
    });
  });

  describe('overlaps found through the longest booking', () => {
    let stores: Stores;
    let prefix: string;

    beforeEach(() => {
      prefix = redis.prefix();
      stores = openRedisStores({ url: redis.url(), prefix });
    });

    afterEach(async () => {
      await stores.close();
      await redis.clean(prefix);
    });

    it('sees a long booking from a slot that starts hours after it began, in checks and queries alike', async () => {
      const dana = await stores.clients.findOrCreateByAddress('+15555550101', 'sms', NOW);
      const lee = await stores.clients.findOrCreateByAddress('+15555550102', 'sms', NOW);
      // Short bookings first, then a four-hour one: the window must grow with it.
      for (let i = 0; i < 4; i += 1) {
        const short = await stores.appointments.book({ clientId: lee.id, serviceId: 'trim', staffId: 'second', start: t(i * 60), end: t(i * 60 + 15) }, NOW);
        expect(short.ok).toBe(true);
      }
      const long = await stores.appointments.book({ clientId: dana.id, serviceId: 'colour', staffId: 'lead', start: t(0), end: t(240) }, NOW);
      if (!long.ok) throw new Error('the long booking was refused');

      expect(await stores.appointments.book({ clientId: lee.id, serviceId: 'trim', staffId: 'lead', start: t(200), end: t(215) }, NOW)).toEqual({
        ok: false,
        reason: 'slot_taken',
      });
      expect(
        await stores.appointments.book({ clientId: dana.id, serviceId: 'trim', staffId: 'second', start: t(225), end: t(235) }, NOW),
      ).toEqual({ ok: false, reason: 'client_overlap', appointment: long.appointment });
      expect(await stores.appointments.findBookedBetween(t(230), t(235), 'lead')).toEqual([long.appointment]);
      expect(await stores.appointments.findUpcomingForClient(dana.id, new Date(t(230)))).toEqual([long.appointment]);
      expect(await stores.appointments.findUpcomingForClient(dana.id, new Date(t(240)))).toEqual([]);
      // It ends at 240: a booking from then on is free.
      expect((await stores.appointments.book({ clientId: lee.id, serviceId: 'trim', staffId: 'lead', start: t(240), end: t(255) }, NOW)).ok).toBe(true);
    });
  });

  describe('keys', () => {
    it('keeps every key under <prefix>:v1: and one prefix never sees another\'s data', async () => {
      const prefix = redis.prefix();
      const other = redis.prefix();
      const stores = openRedisStores({ url: redis.url(), prefix });
      const elsewhere = openRedisStores({ url: redis.url(), prefix: other });
      try {
        const client = await stores.clients.findOrCreateByAddress('+15555550101', 'sms', NOW);
        await stores.appointments.book({ clientId: client.id, serviceId: 'haircut', staffId: 'lead', start: t(0), end: t(30) }, NOW);
        await stores.state.write({ k: { n: 1 } });
        await stores.notices.claim('first-contact:+15555550101', NOW);

        const keys = await keysUnder(redis.url(), prefix);
        expect(keys.length).toBeGreaterThan(5);
        for (const key of keys) expect(key.startsWith(`${prefix}:v1:`)).toBe(true);
        expect(keys).toContain(redisKeys(prefix).clientByAddress('+15555550101'));

        expect(await elsewhere.clients.list()).toEqual([]);
        expect(await elsewhere.appointments.list()).toEqual([]);
        expect(await elsewhere.state.read(['k'])).toEqual({});
        expect(await elsewhere.notices.claim('first-contact:+15555550101', NOW)).toBe(true);
      } finally {
        await Promise.all([stores.close(), elsewhere.close()]);
      }
    });
  });
});

describe('Redis store when Redis is away', () => {
  it('fails calls at once with STORE_UNAVAILABLE (unreachable) when nothing listens, and its probe says so without throwing', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const stores = openRedisStores({ url: 'redis://127.0.0.1:1', prefix: 'frontdesk-test-absent' });
    try {
      const first = await timed(() => stores.clients.get('cli_any'));
      expect(first.error).toMatchObject({ code: STORE_UNAVAILABLE, reason: 'unreachable' });
      const later = await timed(() => stores.appointments.list());
      expect(later.error).toMatchObject({ code: STORE_UNAVAILABLE, reason: 'unreachable' });
      expect(later.ms).toBeLessThan(200);
      const probe = await timed(() => stores.probe());
      expect(probe.result).toEqual({ ok: false, reason: 'unreachable', message: expect.any(String) });
      expect(probe.ms).toBeLessThan(200);
    } finally {
      await stores.close();
    }
  });

  const withServer = redisServerBinary ? describe : describe.skip;
  withServer(`a redis-server of its own${redisServerBinary ? '' : ' (skipped: redis-server is not on PATH)'}`, () => {
    let server: StartedServer | null = null;
    let stores: Stores | null = null;

    afterEach(async () => {
      await stores?.close();
      await server?.stop();
      stores = null;
      server = null;
    });

    async function eventually<T>(run: () => Promise<T>, accept: (value: T) => boolean, ms: number): Promise<T> {
      const deadline = Date.now() + ms;
      for (;;) {
        const value = await run();
        if (accept(value) || Date.now() > deadline) return value;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }

    it('fails fast while the server is down and serves again once it is back, without being reopened', async () => {
      server = await startRedisServer(redisServerBinary as string);
      const port = server.port;
      stores = openRedisStores({ url: server.url, prefix: 'frontdesk-test-restart' });
      const client = await stores.clients.findOrCreateByAddress('+15555550101', 'sms', NOW);
      expect(await stores.probe()).toEqual({ ok: true });

      await server.stop();
      server = null;
      const failed = await eventually(
        () => timed(() => stores!.clients.get(client.id)),
        (outcome) => outcome.error !== undefined,
        2000,
      );
      expect(failed.error).toMatchObject({ code: STORE_UNAVAILABLE, reason: 'unreachable' });
      const fast = await timed(() => stores!.appointments.book({ clientId: client.id, serviceId: 'haircut', staffId: 'lead', start: t(0), end: t(30) }, NOW));
      expect(fast.error).toMatchObject({ code: STORE_UNAVAILABLE });
      expect(fast.ms).toBeLessThan(200);
      expect(await stores.probe()).toMatchObject({ ok: false, reason: 'unreachable' });

      server = await startRedisServer(redisServerBinary as string, port);
      const probe = await eventually(() => stores!.probe(), (answer) => answer.ok, 5000);
      expect(probe).toEqual({ ok: true });
      // The restarted server kept nothing (no persistence): the store writes anew on it.
      const again = await stores.clients.findOrCreateByAddress('+15555550101', 'sms', NOW);
      expect(await stores.clients.get(again.id)).toEqual(again);
    }, 20_000);

    it('fails a call with reason timeout when the server stops answering, and serves again when it resumes', async () => {
      server = await startRedisServer(redisServerBinary as string);
      stores = openRedisStores({ url: server.url, prefix: 'frontdesk-test-paused', commandTimeoutMs: 300 });
      await stores.clients.findOrCreateByAddress('+15555550101', 'sms', NOW);

      server.child.kill('SIGSTOP');
      try {
        const stuck = await timed(() => stores!.clients.list());
        expect(stuck.error).toMatchObject({ code: STORE_UNAVAILABLE, reason: 'timeout' });
        expect(stuck.ms).toBeGreaterThanOrEqual(250);
        expect(stuck.ms).toBeLessThan(1000);
        const probe = await timed(() => stores!.probe());
        expect(probe.result).toMatchObject({ ok: false, reason: 'timeout' });
      } finally {
        server.child.kill('SIGCONT');
      }
      const resumed = await eventually(() => stores!.probe(), (answer) => answer.ok, 3000);
      expect(resumed).toEqual({ ok: true });
      expect(await stores.clients.list()).toHaveLength(1);
    }, 20_000);
  });
});
