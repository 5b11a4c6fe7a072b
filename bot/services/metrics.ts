// The bot's metrics in Prometheus's text format (prom-client), one registry per Frontdesk so that
// several in one process (tests) never share counters. The handoff queue's length and longest wait
// are read from the store when scraped, so every process reports the shared queue.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { HandoffStore } from '../ports/handoff';
import type { Metrics, UnderstandingMiss } from '../ports/metrics';

export interface PromMetricsDeps {
  handoffs: Pick<HandoffStore, 'listWaiting'>;
  clock: () => Date;
  /** Process metrics (CPU, memory, event loop lag) too; off where several registries share a process. */
  processMetrics?: boolean;
}

export class PromMetrics implements Metrics {
  readonly registry = new Registry();
  private readonly turns: Histogram<'channel' | 'outcome'>;
  private readonly misses: Counter<'channel' | 'why'>;
  private readonly bookings: Counter<'change'>;
  private readonly outboundMessages: Counter<'kind' | 'outcome'>;
  private readonly storeErrors: Counter<'where'>;
  /** Requests refused for who was calling (a bad signature, token or caller): counted by the HTTP host. */
  readonly rejectedCallers: Counter<'route' | 'status'>;

  constructor(deps: PromMetricsDeps) {
    const registers = [this.registry];
    this.turns = new Histogram({
      name: 'frontdesk_turn_seconds',
      help: 'Time to handle one client turn, by channel and outcome (ok, failed)',
      labelNames: ['channel', 'outcome'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    this.misses = new Counter({ name: 'frontdesk_understanding_misses_total', help: 'Turns the bot could not understand, by channel and what it did', labelNames: ['channel', 'why'], registers });
    this.bookings = new Counter({ name: 'frontdesk_bookings_total', help: 'Booking changes committed, by change (booked, rescheduled, cancelled)', labelNames: ['change'], registers });
    this.outboundMessages = new Counter({ name: 'frontdesk_outbound_messages_total', help: 'Proactive messages by kind and what became of them', labelNames: ['kind', 'outcome'], registers });
    this.storeErrors = new Counter({ name: 'frontdesk_store_errors_total', help: 'Times the store could not serve, by where it was noticed', labelNames: ['where'], registers });
    this.rejectedCallers = new Counter({ name: 'frontdesk_rejected_requests_total', help: 'Requests refused for who was calling (bad signature, token or caller), by route and status', labelNames: ['route', 'status'], registers });
    const waitingNow = async (): Promise<number[]> => {
      const now = deps.clock().getTime();
      return (await deps.handoffs.listWaiting()).map((t) => (now - Date.parse(t.createdAt)) / 1000);
    };
    new Gauge({
      name: 'frontdesk_handoff_waiting',
      help: 'Clients waiting in the handoff queue for a person',
      registers,
      async collect() {
        this.set((await waitingNow()).length);
      },
    });
    new Gauge({
      name: 'frontdesk_handoff_longest_wait_seconds',
      help: 'How long the client first in line has waited',
      registers,
      async collect() {
        this.set(Math.max(0, ...(await waitingNow())));
      },
    });
    if (deps.processMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'frontdesk_' });
  }

  turn(channel: string, seconds: number, failed: boolean): void {
    this.turns.observe({ channel, outcome: failed ? 'failed' : 'ok' }, seconds);
  }

  understandingMiss(channel: string, why: UnderstandingMiss): void {
    this.misses.inc({ channel, why });
  }

  booking(change: 'booked' | 'rescheduled' | 'cancelled'): void {
    this.bookings.inc({ change });
  }

  outbound(kind: string, outcome: string): void {
    this.outboundMessages.inc({ kind, outcome });
  }

  storeError(where: 'turn' | 'probe'): void {
    this.storeErrors.inc({ where });
  }

  /** The exposition text for GET /metrics. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
