// The scheduler's message jobs: planning and queueing due reminders, and handing due messages to the
// outbound pool at the senders' rate. A drain pass does not wait for the sends it started, so a send
// to a host that never answers (until its timeout) never stops the next pass from taking other
// clients' messages; the scheduler's stop() waits for those sends, up to the pool's bound.
import type { OutboundService } from './outbound-service';
import type { ReminderService } from './reminder-service';
import type { PeriodicJob } from './scheduler';

export interface MessageJobOptions {
  /** How often to look for work; the send rate is enforced by the queue, not by this interval. */
  intervalMs: number;
}

export function messageJobs(
  services: { reminders: ReminderService; outbound: OutboundService },
  options: MessageJobOptions = { intervalMs: 1000 },
): { reminders: PeriodicJob; outbox: PeriodicJob } {
  const { reminders, outbound } = services;
  return {
    reminders: { name: 'reminders', intervalMs: options.intervalMs, watched: true, run: (now) => reminders.tick(now).then(() => undefined) },
    outbox: {
      name: 'outbox',
      intervalMs: options.intervalMs,
      watched: true,
      run: async (now) => ({ settled: (await outbound.dispatch(now)).settled }),
      idle: () => outbound.idle(),
    },
  };
}
