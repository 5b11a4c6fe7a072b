// The background loop inside the server process: each pass plans and queues due reminders, then
// hands due messages to the outbound pool at the senders' rate. A pass does not wait for the sends
// it started, so a send to a host that never answers (until its timeout) never stops the next pass
// from taking other clients' messages. Passes never overlap; stop() waits for the pass in flight and
// then for the sends in flight, up to a bound, so closing the server does not cut a send in half.
import { performance } from 'node:perf_hooks';
import type { Logger } from '../log';
import type { OutboundService } from './outbound-service';
import type { ReminderService } from './reminder-service';

export interface SchedulerOptions {
  /** How often to look for work; the send rate is enforced by the queue, not by this interval. */
  intervalMs: number;
}

export class MessageScheduler {
  private timer: NodeJS.Timeout | null = null;
  /**
   * The pass claiming work now. It resolves once claiming is done, with the settling of the sends it
   * started wrapped in an object: a promise resolved with a promise would wait for that one too.
   */
  private running: Promise<{ settled: Promise<void> }> | null = null;
  private lastSuccess: number | null = null;

  constructor(
    private readonly jobs: { reminders: ReminderService; outbound: OutboundService },
    private readonly clock: () => Date,
    private readonly logger: Logger,
    private readonly options: SchedulerOptions = { intervalMs: 1000 },
  ) {}

  /** When a pass last finished with neither job failing (performance.now() ms), or null: readiness reads it. */
  lastSuccessfulTick(): number | null {
    return this.lastSuccess;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.pass(), this.options.intervalMs);
    // The loop alone must not keep a process (a CLI command, a test) alive.
    this.timer.unref();
  }

  /**
   * One pass at the clock's current time, resolving once the sends it started, and any an earlier
   * pass left in flight, are done (a stuck one at its timeout); a call while a pass runs joins that
   * pass instead. For callers that need the outcome now (tests, a one-off run), not for the loop.
   */
  async tick(): Promise<void> {
    await (await this.pass()).settled;
    await this.jobs.outbound.idle();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.running) await this.running;
    if (!(await this.jobs.outbound.idle())) {
      this.logger.warn({ sending: this.jobs.outbound.sending }, 'stopped with sends still in flight; their leases let them be sent again');
    }
  }

  private pass(): Promise<{ settled: Promise<void> }> {
    this.running ??= this.claimWork().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async claimWork(): Promise<{ settled: Promise<void> }> {
    let failed = false;
    try {
      await this.jobs.reminders.tick(this.clock());
    } catch (err) {
      failed = true;
      this.logger.error({ err }, 'reminder pass failed');
    }
    try {
      const { settled } = await this.jobs.outbound.dispatch(this.clock());
      if (!failed) this.lastSuccess = performance.now();
      return { settled };
    } catch (err) {
      this.logger.error({ err }, 'outbound pass failed');
      return { settled: Promise.resolve() };
    }
  }
}
