// Wrong staff-view tokens by caller address, so guessing is slow. Kept in this process only, and
// bounded: an address is forgotten once its newest failure has left the window, and past
// MAX_LOGIN_CALLERS addresses the one that failed least recently goes.

/** At most this many caller addresses are remembered at once. */
export const MAX_LOGIN_CALLERS = 10_000;

export class LoginFailures {
  /** Failure times by caller, the caller that failed least recently first. */
  private readonly byCaller = new Map<string, number[]>();

  constructor(
    private readonly tries: number,
    private readonly windowMs: number,
    private readonly maxCallers: number = MAX_LOGIN_CALLERS,
  ) {}

  /** Whether the caller has used up its tries within the window. */
  throttled(caller: string, nowMs: number): boolean {
    return this.recent(caller, nowMs).length >= this.tries;
  }

  /** Counts one wrong token from the caller. */
  record(caller: string, nowMs: number): void {
    this.forgetExpired(nowMs);
    const times = [...this.recent(caller, nowMs), nowMs];
    this.byCaller.delete(caller);
    if (this.byCaller.size >= this.maxCallers) {
      for (const oldest of this.byCaller.keys()) {
        this.byCaller.delete(oldest);
        break;
      }
    }
    this.byCaller.set(caller, times);
  }

  /** How many caller addresses are remembered now. */
  get trackedCount(): number {
    return this.byCaller.size;
  }

  private recent(caller: string, nowMs: number): number[] {
    return (this.byCaller.get(caller) ?? []).filter((at) => nowMs - at < this.windowMs);
  }

  /** Drops, least recent first, the callers whose newest failure has left the window. */
  private forgetExpired(nowMs: number): void {
    for (const [caller, times] of this.byCaller) {
      if (nowMs - (times[times.length - 1] ?? 0) < this.windowMs) return;
      this.byCaller.delete(caller);
    }
  }
}
