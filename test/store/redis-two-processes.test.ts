// Two processes on one Redis: two connections on one prefix, each with its own store objects, as two
// bot processes behind a load balancer have. What one decides the other must see at once.
import Redis from 'ioredis';
import type { NewOutbound, QueuedMessage } from '../../bot/ports/messaging';
import { redisContext, type RedisContext } from '../../bot/store/redis/context';
import { RedisHandoffStore } from '../../bot/store/redis/handoff-store';
import { RedisInboundMessageLog } from '../../bot/store/redis/inbound-message-log';
import { RedisOutboundQueueStore } from '../../bot/store/redis/outbound-queue-store';
import { describeWithRedis } from '../helpers/redis';

const T0 = new Date('2026-03-09T14:00:00.000Z');
const seconds = (n: number) => new Date(T0.getTime() + n * 1000);

interface Process {
  redis: Redis;
  ctx: RedisContext;
  outbox: RedisOutboundQueueStore;
  inbound: RedisInboundMessageLog;
  handoffs: RedisHandoffStore;
}

function message(overrides: Partial<NewOutbound>): NewOutbound {
  return { address: '+15555550101', channel: 'sms', senderKey: 'sms', kind: 'reminder', text: 'hello', notBefore: T0.toISOString(), ...overrides };
}

describeWithRedis('two processes on one Redis', (run) => {
  let prefix: string;
  let processes: Process[];

  function start(): Process {
    const redis = new Redis(run.url(), { maxRetriesPerRequest: 1 });
    const ctx = redisContext(redis, prefix);
    return { redis, ctx, outbox: new RedisOutboundQueueStore(ctx), inbound: new RedisInboundMessageLog(ctx), handoffs: new RedisHandoffStore(ctx) };
  }

  beforeEach(() => {
    prefix = run.prefix();
    processes = [start(), start()];
  });

  afterEach(async () => {
    await Promise.all(processes.map((p) => (p.redis.status === 'end' ? undefined : p.redis.quit())));
    await run.clean(prefix);
  });

  it('claims each of 50 due messages exactly once between two workers, in each address\'s order', async () => {
    const [a, b] = processes as [Process, Process];
    const enqueued: QueuedMessage[] = [];
    // Ten clients with five messages each, enqueued alternately through both processes.
    for (let n = 0; n < 50; n += 1) {
      const through = n % 2 === 0 ? a : b;
      enqueued.push((await through.outbox.enqueue(message({ address: `+1555555${String(1000 + (n % 10))}`, text: `m${n}` }), T0)).message);
    }
    const claimed: Array<{ worker: string; message: QueuedMessage }> = [];
    async function work(process: Process, worker: string): Promise<void> {
      let idle = 0;
      // A worker stops after a few empty claims in a row: the other may still be sending an
      // address's earlier message, which holds that address's next one back.
      while (idle < 20) {
        const next = await process.outbox.claimNext(seconds(1), { workerId: worker, leaseMs: 60_000, minIntervalMs: 0 });
        if (!next) {
          idle += 1;
          await new Promise((resolve) => setImmediate(resolve));
          continue;
        }
        idle = 0;
        claimed.push({ worker, message: next });
        expect(await process.outbox.markSent(next.id, worker, `P-${next.id}`, seconds(1))).toBe(true);
      }
    }
    await Promise.all([work(a, 'worker-a'), work(b, 'worker-b')]);

    const ids = claimed.map((c) => c.message.id);
    expect(ids).toHaveLength(50);
    expect(new Set(ids)).toEqual(new Set(enqueued.map((m) => m.id)));
    expect(new Set(claimed.map((c) => c.worker))).toEqual(new Set(['worker-a', 'worker-b']));
    for (const address of new Set(enqueued.map((m) => m.address))) {
      const order = claimed.filter((c) => c.message.address === address).map((c) => c.message.text);
      expect(order).toEqual(enqueued.filter((m) => m.address === address).map((m) => m.text));
    }
    expect(await a.outbox.list({ status: 'sent' })).toHaveLength(50);
    expect(await b.outbox.claimNext(seconds(3600), { workerId: 'worker-b', leaseMs: 60_000, minIntervalMs: 0 })).toBeNull();
  });

  it('sends every message once, in each address\'s order, while workers on both processes keep dying mid-send', async () => {
    const [a, b] = processes as [Process, Process];
    const enqueued: QueuedMessage[] = [];
    for (let n = 0; n < 120; n += 1) {
      enqueued.push((await (n % 2 ? a : b).outbox.enqueue(message({ address: `+1555555${String(2000 + (n % 12))}`, text: `m${n}` }), T0)).message);
    }
    // A fixed sequence of "dies now" decisions (a linear congruential generator), so a failure repeats.
    let seed = 7;
    const dies = (): boolean => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      // The high bits: an LCG's low bits repeat with a short period.
      return Math.floor(seed / 65536) % 4 === 0;
    };
    const workers = [
      { process: a, id: 'a1' },
      { process: a, id: 'a2' },
      { process: b, id: 'b1' },
      { process: b, id: 'b2' },
    ];
    const sent: QueuedMessage[] = [];
    let lost = 0;
    for (let round = 1; sent.length < enqueued.length && round < 1000; round += 1) {
      const at = seconds(round);
      await Promise.all(
        workers.map(async (worker) => {
          const next = await worker.process.outbox.claimNext(at, { workerId: worker.id, leaseMs: 5_000, minIntervalMs: 0 });
          if (!next) return;
          if (dies()) {
            lost += 1;
            return;
          }
          if (await worker.process.outbox.markSent(next.id, worker.id, `P-${next.id}-${worker.id}`, at)) sent.push(next);
        }),
      );
    }
    expect(lost).toBeGreaterThan(10);
    expect(sent.map((m) => m.id).sort()).toEqual(enqueued.map((m) => m.id).sort());
    for (const address of new Set(enqueued.map((m) => m.address))) {
      expect(sent.filter((m) => m.address === address).map((m) => m.text)).toEqual(enqueued.filter((m) => m.address === address).map((m) => m.text));
    }
    const stored = await a.outbox.list({ status: 'sent' });
    expect(stored).toHaveLength(enqueued.length);
    expect(stored.filter((m) => m.attempts > 1).length).toBeGreaterThan(0);
  });

  it('hands the message of a worker that died holding its lease to the other worker once the lease runs out, and only then', async () => {
    const [a, b] = processes as [Process, Process];
    const options = { leaseMs: 60_000, minIntervalMs: 0 };
    const queued = (await a.outbox.enqueue(message({ text: 'reminder' }), T0)).message;
    expect(await a.outbox.claimNext(seconds(1), { ...options, workerId: 'worker-a' })).toMatchObject({ id: queued.id, attempts: 1 });
    // Process a dies mid-send: its connection is gone and it never reports.
    a.redis.disconnect();

    expect(await b.outbox.claimNext(seconds(60), { ...options, workerId: 'worker-b' })).toBeNull();
    const taken = await b.outbox.claimNext(seconds(61), { ...options, workerId: 'worker-b' });
    expect(taken).toMatchObject({ id: queued.id, status: 'sending', attempts: 2 });
    expect(await b.outbox.markSent(queued.id, 'worker-b', 'SM2', seconds(62))).toBe(true);

    // A restarted a reports late under its old identity: the message is the other worker's now.
    const restarted = start();
    processes.push(restarted);
    expect(await restarted.outbox.markSent(queued.id, 'worker-a', 'SM1', seconds(63))).toBe(false);
    expect(await restarted.outbox.get(queued.id)).toMatchObject({ status: 'sent', providerId: 'SM2', attempts: 2 });
  });

  it('lets one of two processes claim a webhook id that both receive', async () => {
    const [a, b] = processes as [Process, Process];
    const receipt = { messageId: 'SM-retried', channel: 'sms', address: '+15555550101', media: [] };
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).inbound.claim(receipt, T0, 60_000)));
    expect(results.filter((r) => r.claimed)).toHaveLength(1);
    await a.inbound.complete('SM-retried', '<Response/>', seconds(1));
    expect(await b.inbound.claim(receipt, seconds(2), 60_000)).toMatchObject({ claimed: false, record: { state: 'done', response: '<Response/>' } });
  });

  it('gives a ticket two staff claim at once, through two processes, one owner', async () => {
    const [a, b] = processes as [Process, Process];
    const { ticket } = await a.handoffs.enqueue({ clientId: 'cli_1', channel: 'sms', conversationId: 'c1', reason: 'asked_for_person', urgent: false }, T0);
    const [kim, lee] = await Promise.all([a.handoffs.claim(ticket.id, 'U1', 'Kim', seconds(5)), b.handoffs.claim(ticket.id, 'U2', 'Lee', seconds(5))]);
    expect([kim.ok, lee.ok].filter(Boolean)).toHaveLength(1);
    const owner = kim.ok ? kim.ticket : lee.ok ? lee.ticket : null;
    const loser = kim.ok ? lee : kim;
    expect(loser).toEqual({ ok: false, reason: 'already_claimed', by: owner?.claimedBy, byName: owner?.claimedByName });
    expect(await b.handoffs.get(ticket.id)).toMatchObject({ state: 'claimed', claimedBy: owner?.claimedBy });
    expect(await a.handoffs.listWaiting()).toEqual([]);
  });

  it('lets one of two processes ticking in the same turn hand out a ticket, so no member gets two', async () => {
    const [a, b] = processes as [Process, Process];
    const first = (await a.handoffs.enqueue({ clientId: 'cli_1', channel: 'sms', conversationId: 'c1', reason: 'asked_for_person', urgent: false }, T0)).ticket;
    const second = (await b.handoffs.enqueue({ clientId: 'cli_2', channel: 'sms', conversationId: 'c2', reason: 'asked_for_person', urgent: false }, T0)).ticket;
    const kim = { consoleId: 'U1', name: 'Kim' };
    const [one, two] = await Promise.all([a.handoffs.claimInTurn(first.id, kim, null, seconds(5)), b.handoffs.claimInTurn(second.id, kim, null, seconds(5))]);
    expect([one.ok, two.ok].filter(Boolean)).toHaveLength(1);
    expect([one, two].filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'turn_moved' }]);
    expect(await b.handoffs.roundRobinCursor()).toBe('U1');
    expect((await a.handoffs.listClaimed()).map((t) => t.claimedBy)).toEqual(['U1']);
  });
});
