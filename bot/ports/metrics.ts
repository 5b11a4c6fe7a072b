// What the bot counts for an operator (GET /metrics): every place that learns a fact worth counting
// tells this port, and only the metrics service knows how it is exposed.

/** Why the bot could not use what a client wrote: the fallback reply, an unknown question, handed to a person for it. */
export type UnderstandingMiss = 'fallback' | 'faq' | 'handed_off';

export interface Metrics {
  /** One turn on `channel` took `seconds`; `failed` when it ended in the error handler. */
  turn(channel: string, seconds: number, failed: boolean): void;
  understandingMiss(channel: string, why: UnderstandingMiss): void;
  /** A booking change committed in the store. */
  booking(change: 'booked' | 'rescheduled' | 'cancelled'): void;
  /** What became of a proactive message: queued, sent, retry, suppressed, expired, failed, fallback_sms. */
  outbound(kind: string, outcome: string): void;
  /** The store could not serve (`where`: a turn, the readiness probe). */
  storeError(where: 'turn' | 'probe'): void;
}

export const noMetrics: Metrics = {
  turn() {},
  understandingMiss() {},
  booking() {},
  outbound() {},
  storeError() {},
};
