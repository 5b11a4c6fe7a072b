// The background loop inside the server process: each tick plans and sends due reminders, then
// drains the outbound queue at the senders' rate. Ticks never overlap; stop() waits for the one
// in flight, so closing the server does not cut a send in half.
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
  private running: Promise<void> | null = null;
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
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs);
    // The loop alone must not keep a process (a CLI command, a test) alive.
    this.timer.unref();
  }

  /** One pass at the clock's current time; a call while a pass runs waits for that pass instead. */
  tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.running) await this.running;
  }

  private async pass(): Promise<void> {
    let failed = false;
    try {
      await this.jobs.reminders.tick(this.clock());
    } catch (err) {
      failed = true;
      this.logger.error({ err }, 'reminder pass failed');
    }
    try {
      await this.jobs.outbound.drain(this.clock());
      if (!failed) this.lastSuccess = performance.now();
    } catch (err) {
      this.logger.error({ err }, 'outbound pass failed');
    }
  }
}
