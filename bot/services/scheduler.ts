// The one scheduler of a server process: every periodic job (planning reminders, draining the
// outbox, the handoff tick) is a named job on its own interval. A job's passes never overlap each
// other; jobs do not wait for one another, so a slow handoff tick never holds up the outbox. stop()
// clears every timer, waits for the passes in flight and then for the work they left running (the
// sends, up to their bound), so closing the server leaves no timer behind and cuts no send in half.
import { performance } from 'node:perf_hooks';
import type { Logger } from '../log';

/** What a pass may leave running when it returns: the outbox's sends, which the next pass must not wait for. */
export interface PassResult {
  settled: Promise<void>;
}

export interface PeriodicJob {
  /** For logs and for tick(names). */
  name: string;
  intervalMs: number;
  /** One pass at `now`. */
  run(now: Date): Promise<PassResult | void>;
  /** Resolves once the work earlier passes left running is done: true, or false when it gave up waiting (its own bound). */
  idle?(): Promise<boolean>;
  /**
   * Whether /readyz counts this job's passes: a watched job that stops passing makes the process
   * "scheduler stalled". A job whose interval is as long as the stall window would flap it.
   */
  watched: boolean;
}

interface JobState {
  job: PeriodicJob;
  timer: NodeJS.Timeout | null;
  /**
   * The pass running now. It resolves once the pass returns, with what it left running wrapped in
   * an object: a promise resolved with a promise would wait for that one too.
   */
  running: Promise<PassResult> | null;
  /** performance.now() ms of the last pass that did not throw. */
  lastSuccess: number | null;
}

const NOTHING_LEFT: PassResult = { settled: Promise.resolve() };

export class Scheduler {
  private readonly states: JobState[];

  constructor(
    jobs: readonly PeriodicJob[],
    private readonly clock: () => Date,
    private readonly logger: Logger,
  ) {
    const names = new Set<string>();
    for (const job of jobs) {
      if (names.has(job.name)) throw new Error(`frontdesk_scheduler_duplicate_job: two jobs are named ${job.name}`);
      if (!(job.intervalMs > 0)) throw new Error(`frontdesk_scheduler_bad_interval: job ${job.name} needs an interval above 0 ms`);
      names.add(job.name);
    }
    this.states = jobs.map((job) => ({ job, timer: null, running: null, lastSuccess: null }));
  }

  /** The jobs' names, in the order tick() runs them. */
  get jobNames(): string[] {
    return this.states.map((s) => s.job.name);
  }

  /** How many of the jobs have a timer now (0 once stopped). */
  get activeTimers(): number {
    return this.states.filter((s) => s.timer !== null).length;
  }

  /**
   * The oldest of the watched jobs' last successful passes (performance.now() ms), or null while
   * one of them has not passed yet: readiness counts the scheduler as stalled from there.
   */
  lastSuccessfulTick(): number | null {
    let oldest: number | null = null;
    for (const state of this.states) {
      if (!state.job.watched) continue;
      if (state.lastSuccess === null) return null;
      oldest = oldest === null ? state.lastSuccess : Math.min(oldest, state.lastSuccess);
    }
    return oldest;
  }

  start(): void {
    for (const state of this.states) {
      if (state.timer) continue;
      state.timer = setInterval(() => void this.pass(state), state.job.intervalMs);
      // The timers alone must not keep a process (a CLI command, a test) alive.
      state.timer.unref();
    }
  }

  /**
   * One pass of each job (all, or those named) at the clock's current time, in order, resolving
   * once the work they left running, and any earlier passes left, is done (a stuck send at its
   * timeout); a job already passing is joined, not run twice. For callers that need the outcome now
   * (tests, a one-off run), not for the timers.
   */
  async tick(names?: readonly string[]): Promise<void> {
    const chosen = names === undefined ? this.states : this.states.filter((s) => names.includes(s.job.name));
    if (names !== undefined && chosen.length !== names.length) {
      const unknown = names.filter((n) => !this.states.some((s) => s.job.name === n));
      throw new Error(`frontdesk_scheduler_unknown_job: no job named ${unknown.join(', ')}`);
    }
    for (const state of chosen) {
      await (await this.pass(state)).settled;
      if (state.job.idle) await state.job.idle();
    }
  }

  /** Clears every timer, then waits for the passes in flight and the work they left running. */
  async stop(): Promise<void> {
    for (const state of this.states) {
      if (state.timer) clearInterval(state.timer);
      state.timer = null;
    }
    await Promise.all(this.states.map((s) => s.running));
    for (const state of this.states) {
      if (state.job.idle && !(await state.job.idle())) {
        this.logger.warn({ job: state.job.name }, 'stopped with work still in flight; its leases let it be done again');
      }
    }
  }

  private pass(state: JobState): Promise<PassResult> {
    state.running ??= this.run(state).finally(() => {
      state.running = null;
    });
    return state.running;
  }

  private async run(state: JobState): Promise<PassResult> {
    try {
      const result = await state.job.run(this.clock());
      state.lastSuccess = performance.now();
      return result ?? NOTHING_LEFT;
    } catch (err) {
      this.logger.error({ err, job: state.job.name }, 'scheduled job failed');
      return NOTHING_LEFT;
    }
  }
}
