// Whether this process should be sent traffic: the store can be read and written right now (a real
// probe, not a ping), and the background loop that sends reminders and queued messages is still
// passing. Liveness (/healthz) only says the process answers; a full disk or a deleted data file
// leaves it alive but unable to keep a single booking.
import { performance } from 'node:perf_hooks';
import type { Metrics } from '../ports/metrics';
import { STORE_UNAVAILABLE, type StoreProbe, type StoreUnavailableReason } from '../ports/stores';

export type Readiness =
  | { ok: true }
  | { ok: false; reason: 'store_unwritable'; store: StoreUnavailableReason }
  | { ok: false; reason: 'scheduler_stalled'; sinceMs: number }
  /** The process is stopping: it finishes what it holds and takes nothing new. */
  | { ok: false; reason: 'shutting_down' };

export interface ReadinessDeps {
  store: { probe(): Promise<StoreProbe> };
  /** The background loop: when its last pass finished without an error (performance.now() ms), or null. */
  loop: { lastSuccessfulTick(): number | null };
  /** How long the loop may go without a successful pass before it counts as stalled. */
  loopStaleAfterMs: number;
  /** The store probe is abandoned (and the store reported unavailable) after this long. */
  probeTimeoutMs?: number;
  /** Monotonic milliseconds (performance.now()); tests may move it. */
  monotonicNow?: () => number;
  /** Counts each probe that finds the store unable to serve. */
  metrics?: Pick<Metrics, 'storeError'>;
}

/** Inside the one second a readiness caller is promised, with room for the HTTP round trip. */
const DEFAULT_PROBE_TIMEOUT_MS = 800;

export class ReadinessService {
  private readonly since: number;
  private inFlight: Promise<Readiness> | null = null;
  private stopping = false;

  constructor(private readonly deps: ReadinessDeps) {
    this.since = this.now();
  }

  /** From now on the process says it is not ready, so a load balancer sends it nothing new. */
  shuttingDown(): void {
    this.stopping = true;
  }

  /** One check at a time: callers arriving while one runs share its answer. */
  check(): Promise<Readiness> {
    if (this.stopping) return Promise.resolve({ ok: false, reason: 'shutting_down' });
    this.inFlight ??= this.run().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async run(): Promise<Readiness> {
    const probe = await this.probeStore();
    if (!probe.ok) {
      this.deps.metrics?.storeError('probe');
      return { ok: false, reason: 'store_unwritable', store: probe.reason };
    }
    const sinceMs = Math.round(this.now() - (this.deps.loop.lastSuccessfulTick() ?? this.since));
    if (sinceMs > this.deps.loopStaleAfterMs) return { ok: false, reason: 'scheduler_stalled', sinceMs };
    return { ok: true };
  }

  /**
   * The SQLite probe bounds itself (its lock wait); the timer is for stores that wait on a network,
   * and anything unexpected the probe throws counts as a store that cannot serve.
   */
  private async probeStore(): Promise<StoreProbe> {
    const timeoutMs = this.deps.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<StoreProbe>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, reason: 'timeout', message: `no answer in ${timeoutMs} ms` }), timeoutMs);
      timer.unref();
    });
    try {
      return await Promise.race([this.deps.store.probe(), timeout]);
    } catch (error) {
      return { ok: false, reason: 'io_error', message: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }

  private now(): number {
    return (this.deps.monotonicNow ?? (() => performance.now()))();
  }
}

/** Whether an error, or one it was caused by, is a store that cannot serve (as opposed to a bug). */
export function isStoreUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    if ((current as { code?: unknown }).code === STORE_UNAVAILABLE) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
