// Per-address inbound flood control: a phone stuck in a loop, or someone hammering the number,
// must not cost a turn (and an SMS reply) per message. Counts live in this process's memory: with
// one process that is the whole picture; with several behind a load balancer each counts its share,
// so the limit is per process until it moves into the shared store.

export interface FloodGuardOptions {
  /** Messages allowed per window; one more starts the pause. */
  limit: number;
  windowMs: number;
  /** How long the address is ignored after the one warning. */
  pauseMs: number;
}

export const DEFAULT_FLOOD_OPTIONS: FloodGuardOptions = { limit: 20, windowMs: 60_000, pauseMs: 5 * 60_000 };

/** 'pass': run the turn; 'warn': answer once that we pause; 'ignore': say nothing. */
export type FloodVerdict = 'pass' | 'warn' | 'ignore';

interface Tally {
  /** Arrival times within the window, oldest first. */
  times: number[];
  pausedUntil: number;
}

/**
 * At most this many addresses are tracked. Beyond it the one heard from least recently is dropped,
 * even mid-window: 10,000 other numbers would have to write between two of its messages, which a
 * phone stuck in a loop (several a minute) never lets happen.
 */
export const MAX_TRACKED_ADDRESSES = 10_000;

export class FloodGuard {
  /** Least recently heard from first: each message moves its address to the end. */
  private readonly tallies = new Map<string, Tally>();
  private pauses = 0;

  constructor(
    private readonly options: FloodGuardOptions = DEFAULT_FLOOD_OPTIONS,
    private readonly maxTracked: number = MAX_TRACKED_ADDRESSES,
  ) {}

  check(address: string, now: Date): FloodVerdict {
    const t = now.getTime();
    this.forgetIdle(t);
    let tally = this.tallies.get(address);
    if (tally) {
      this.tallies.delete(address);
    } else {
      tally = { times: [], pausedUntil: 0 };
      if (this.tallies.size >= this.maxTracked) this.forgetLeastRecent();
    }
    this.tallies.set(address, tally);
    if (t < tally.pausedUntil) return 'ignore';
    const since = t - this.options.windowMs;
    while (tally.times.length > 0 && (tally.times[0] ?? 0) <= since) tally.times.shift();
    tally.times.push(t);
    if (tally.times.length > this.options.limit) {
      tally.pausedUntil = t + this.options.pauseMs;
      tally.times = [];
      this.pauses += 1;
      return 'warn';
    }
    return 'pass';
  }

  /** How many times an address was paused since the process started. */
  get pauseCount(): number {
    return this.pauses;
  }

  /** How many addresses are tracked now. */
  get trackedCount(): number {
    return this.tallies.size;
  }

  /**
   * Drops, from the least recently heard from on, the addresses that no longer count for anything:
   * not paused and with no message inside the window. Stops at the first that still counts, so a
   * message costs a few steps at most however many addresses there are.
   */
  private forgetIdle(t: number): void {
    for (const [address, tally] of this.tallies) {
      const last = tally.times[tally.times.length - 1] ?? 0;
      if (t < tally.pausedUntil || t - last < this.options.windowMs) return;
      this.tallies.delete(address);
    }
  }

  private forgetLeastRecent(): void {
    for (const address of this.tallies.keys()) {
      this.tallies.delete(address);
      return;
    }
  }
}
