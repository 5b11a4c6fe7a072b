// The scheduler with plain jobs of the test's own: each runs on its own interval and never overlaps
// itself, tick() runs them in order, stop() clears every timer and waits for the pass in flight and
// the work it left running, and readiness reads the oldest watched job's last pass.
import { createLogger, silentLogger } from '../../bot/log';
import { Scheduler, type PeriodicJob } from '../../bot/services/scheduler';

const NOW = new Date('2026-03-10T15:00:00.000Z');
const clock = () => NOW;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function eventually(done: () => boolean, what: string, limitMs = 3000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

/** A promise with its resolve, for a pass the test lets finish when it chooses. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** A job that counts its passes and how many ran at once. */
function countingJob(name: string, intervalMs: number, options: { watched?: boolean; pass?: () => Promise<void> } = {}) {
  const seen = { passes: 0, running: 0, mostAtOnce: 0, at: [] as Date[] };
  const job: PeriodicJob = {
    name,
    intervalMs,
    watched: options.watched ?? true,
    run: async (now) => {
      seen.passes += 1;
      seen.running += 1;
      seen.mostAtOnce = Math.max(seen.mostAtOnce, seen.running);
      seen.at.push(now);
      try {
        await options.pass?.();
      } finally {
        seen.running -= 1;
      }
    },
  };
  return { job, seen };
}

describe('Scheduler', () => {
  it('runs each job on its own interval with the clock of the scheduler', async () => {
    const fast = countingJob('fast', 10);
    const slow = countingJob('slow', 80);
    const scheduler = new Scheduler([fast.job, slow.job], clock, silentLogger());
    scheduler.start();
    try {
      await eventually(() => slow.seen.passes >= 2, 'two slow passes');
    } finally {
      await scheduler.stop();
    }
    expect(fast.seen.passes).toBeGreaterThan(slow.seen.passes * 3);
    expect(fast.seen.at.every((d) => d === NOW)).toBe(true);
  });

  it('never overlaps a pass of one job with another of the same job, and lets other jobs run meanwhile', async () => {
    const held = gate();
    const stuck = countingJob('stuck', 5, { pass: () => held.promise });
    const other = countingJob('other', 5);
    const scheduler = new Scheduler([stuck.job, other.job], clock, silentLogger());
    scheduler.start();
    try {
      await eventually(() => other.seen.passes >= 5, 'the other job to pass while one is stuck');
      expect(stuck.seen).toMatchObject({ passes: 1, mostAtOnce: 1 });
      held.open();
      await eventually(() => stuck.seen.passes >= 3, 'the stuck job to pass again');
    } finally {
      await scheduler.stop();
    }
    expect(stuck.seen.mostAtOnce).toBe(1);
  });

  it('stops every timer, waiting for the pass in flight and the work it left running', async () => {
    const held = gate();
    const sends = gate();
    let sendsDone = false;
    const running = countingJob('running', 5, { pass: () => held.promise });
    const sending: PeriodicJob = {
      name: 'sending',
      intervalMs: 5,
      watched: true,
      run: async () => ({ settled: sends.promise }),
      idle: async () => {
        await sends.promise;
        sendsDone = true;
        return true;
      },
    };
    const scheduler = new Scheduler([running.job, sending], clock, silentLogger());
    scheduler.start();
    expect(scheduler.activeTimers).toBe(2);
    await eventually(() => running.seen.running === 1, 'a pass in flight');

    let stopped = false;
    const stopping = scheduler.stop().then(() => {
      stopped = true;
    });
    expect(scheduler.activeTimers).toBe(0);
    await sleep(30);
    expect(stopped).toBe(false);
    held.open();
    await sleep(30);
    expect(stopped).toBe(false);
    sends.open();
    await stopping;
    expect(sendsDone).toBe(true);

    const passes = running.seen.passes;
    await sleep(40);
    expect(running.seen.passes).toBe(passes);
  });

  it('starts again after a stop, and a second start or stop changes nothing', async () => {
    const job = countingJob('job', 5);
    const scheduler = new Scheduler([job.job], clock, silentLogger());
    scheduler.start();
    scheduler.start();
    expect(scheduler.activeTimers).toBe(1);
    await scheduler.stop();
    await scheduler.stop();
    const passes = job.seen.passes;
    scheduler.start();
    await eventually(() => job.seen.passes > passes, 'a pass after the restart');
    await scheduler.stop();
    expect(scheduler.activeTimers).toBe(0);
  });

  it('ticks every job once in order, or only those named, and joins a pass already running', async () => {
    const order: string[] = [];
    const held = gate();
    const jobs: PeriodicJob[] = ['reminders', 'handoff', 'outbox'].map((name) => ({
      name,
      intervalMs: 60_000,
      watched: true,
      run: async () => {
        order.push(name);
        if (name === 'handoff') await held.promise;
      },
    }));
    const scheduler = new Scheduler(jobs, clock, silentLogger());
    expect(scheduler.jobNames).toEqual(['reminders', 'handoff', 'outbox']);
    const first = scheduler.tick();
    const second = scheduler.tick(['handoff']);
    await sleep(10);
    held.open();
    await Promise.all([first, second]);
    expect(order).toEqual(['reminders', 'handoff', 'outbox']);

    await scheduler.tick(['outbox']);
    expect(order).toEqual(['reminders', 'handoff', 'outbox', 'outbox']);
    await expect(scheduler.tick(['nightly'])).rejects.toThrow(/frontdesk_scheduler_unknown_job: no job named nightly/);
  });

  it('refuses two jobs of one name and an interval that is not above zero', () => {
    const a = countingJob('a', 10).job;
    expect(() => new Scheduler([a, a], clock, silentLogger())).toThrow(/frontdesk_scheduler_duplicate_job/);
    expect(() => new Scheduler([countingJob('b', 0).job], clock, silentLogger())).toThrow(/frontdesk_scheduler_bad_interval/);
  });

  it('reports for readiness the oldest last pass of the watched jobs, not counting a failed pass or an unwatched job', async () => {
    let failing = true;
    const lines: Array<{ msg?: string; job?: string }> = [];
    const logger = createLogger('error', { write: (line: string) => void lines.push(JSON.parse(line) as { msg?: string; job?: string }) });
    const watched = countingJob('watched', 60_000);
    const flaky: PeriodicJob = {
      name: 'flaky',
      intervalMs: 60_000,
      watched: true,
      run: async () => {
        if (failing) throw new Error('store down');
      },
    };
    const unwatched = countingJob('unwatched', 60_000, { watched: false });
    const scheduler = new Scheduler([watched.job, flaky, unwatched.job], clock, logger);
    expect(scheduler.lastSuccessfulTick()).toBeNull();

    await scheduler.tick();
    expect(scheduler.lastSuccessfulTick()).toBeNull();
    expect(lines).toEqual([expect.objectContaining({ msg: 'scheduled job failed', job: 'flaky' })]);

    failing = false;
    const before = performance.now();
    await scheduler.tick(['flaky']);
    const afterFlaky = scheduler.lastSuccessfulTick();
    // The watched job's pass, before the flaky one's success, is now the oldest.
    expect(afterFlaky).not.toBeNull();
    expect(afterFlaky as number).toBeLessThanOrEqual(before);

    await sleep(5);
    await scheduler.tick(['watched']);
    expect(scheduler.lastSuccessfulTick() as number).toBeGreaterThanOrEqual(before);

    // An unwatched job that passes moves nothing.
    const current = scheduler.lastSuccessfulTick();
    await sleep(5);
    await scheduler.tick(['unwatched']);
    expect(scheduler.lastSuccessfulTick()).toBe(current);
  });
});
