// The scheduler's message jobs: planning and queueing due reminders, and handing due messages to the
// outbound pool at the senders' rate. A drain pass does not wait for the sends it started, so a send
// to a host that never answers (until its timeout) never stops the next pass from taking other
// clients' messages; the scheduler's stop() waits for those sends, up to the pool's bound.
import { performance } from 'node:perf_hooks';
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
      run: (now) => paced(outbound, now, options.intervalMs),
      idle: () => outbound.idle(),
    },
  };
}

/**
 * One outbox pass. A pass hands out what is due at its start; when the number's rate allows more
 * than one text per interval, it goes on at that pace (a text every gap, the clock moved on by the
 * time spent) while there is more to send, until the interval is used, so a rate of 10 a second
 * sends 10 a second and not one a pass.
 */
async function paced(outbound: Pick<OutboundService, 'dispatch' | 'sendGapMs'>, now: Date, intervalMs: number): Promise<{ settled: Promise<void> }> {
  const started = performance.now();
  const gap = outbound.sendGapMs();
  const settled: Promise<void>[] = [];
  let pass = await outbound.dispatch(now);
  settled.push(pass.settled);
  while (pass.claimed > 0 && gap < intervalMs) {
    await new Promise((resolve) => setTimeout(resolve, gap));
    const elapsed = performance.now() - started;
    if (elapsed + gap > intervalMs) break;
    pass = await outbound.dispatch(new Date(now.getTime() + elapsed));
    settled.push(pass.settled);
  }
  return { settled: Promise.all(settled).then(() => undefined) };
}
