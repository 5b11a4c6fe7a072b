// Providers retry a webhook they think failed (a timeout, a dropped connection), so each delivery id
// is claimed before its turn runs, and the turn's response is recorded with the claim: a retry gets
// that response and never runs the turn a second time (a second booking). A turn that fails before
// producing a response gives its claim back, so the provider's retry is what runs it.
import type { Logger } from '../../bot/log';
import type { InboundMessageLog, NewInboundMessage } from '../../bot/ports/inbound-log';

/** The store calls a webhook channel makes to claim its deliveries. */
export type DeliveryClaimStore = Pick<InboundMessageLog, 'claim' | 'complete' | 'release' | 'get'>;

export interface WebhookClaimOptions {
  store: DeliveryClaimStore;
  /** When a response is recorded as done. */
  clock: () => Date;
  logger: Logger;
  /** A claim still unfinished this long after it was taken belonged to a process that died. */
  staleAfterMs: number;
  /** How long a duplicate that arrives mid-turn waits for the first one's response (0: not at all). */
  duplicateWaitMs: number;
  duplicatePollMs?: number;
  /** Tries at recording a response as done before it is kept in this process only. */
  completeTries?: number;
  /** Pause after the first failed try; each later pause is this times the try's number. */
  completePauseMs?: number;
  /** Responses kept in memory because the store refused them; the oldest is dropped beyond this. */
  unstoredMax?: number;
  /** The channel's own log fields for a delivery id (never an address or a message body). */
  logFields: (deliveryId: string) => Record<string, unknown>;
  /** What the channel logs when a response could not be recorded, and when a claim could not be given back. */
  messages: { notRecorded: string; notReleased: string };
}

/** How a claimed delivery's turn ended: its response was kept, or it failed and its claim was given back. */
export type TurnOutcome = { ok: true; response: string } | { ok: false; error: unknown };

export interface ClaimedDelivery {
  claimed: true;
  /**
   * Runs the delivery's turn under this claim. `turn` resolves to what a retry of the delivery is
   * answered with (TwiML, or '' where the channel sends nothing back); once it has, the turn has run:
   * the response is recorded (retried, then kept in memory) and the claim is never given back. When
   * `turn` throws, the claim is released so the provider's retry runs the turn again. Never throws.
   */
  run(turn: () => Promise<string>): Promise<TurnOutcome>;
}

/** A delivery another request (or another process) claimed; `response` is null while it is unanswered. */
export interface DuplicateDelivery {
  claimed: false;
  response: string | null;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class WebhookClaims {
  /**
   * Responses of turns that ran but could not be recorded as done (delivery id -> response): a retry
   * reaching this process gets the response instead of a second turn, even after the claim counts
   * as stale.
   */
  private readonly unstored = new Map<string, string>();
  private readonly completeTries: number;
  private readonly completePauseMs: number;
  private readonly duplicatePollMs: number;
  private readonly unstoredMax: number;

  constructor(private readonly options: WebhookClaimOptions) {
    this.completeTries = options.completeTries ?? 3;
    this.completePauseMs = options.completePauseMs ?? 20;
    this.duplicatePollMs = options.duplicatePollMs ?? 50;
    this.unstoredMax = options.unstoredMax ?? 1000;
  }

  /**
   * Claims the delivery for this request. A duplicate is never run; it gets the first one's
   * response, waiting up to `duplicateWaitMs` for it while the first is mid-turn.
   */
  async claim(delivery: NewInboundMessage, now: Date): Promise<ClaimedDelivery | DuplicateDelivery> {
    const id = delivery.messageId;
    const kept = this.unstored.get(id);
    if (kept !== undefined) return { claimed: false, response: kept };
    const claim = await this.options.store.claim(delivery, now, this.options.staleAfterMs);
    if (!claim.claimed) return { claimed: false, response: await this.responseOfDuplicate(id, claim.record.response) };
    return { claimed: true, run: (turn) => this.runClaimed(id, turn) };
  }

  private async runClaimed(id: string, turn: () => Promise<string>): Promise<TurnOutcome> {
    let response: string;
    try {
      response = await turn();
    } catch (error) {
      await this.release(id);
      return { ok: false, error };
    }
    await this.complete(id, response);
    return { ok: true, response };
  }

  private async release(id: string): Promise<void> {
    try {
      await this.options.store.release(id);
    } catch (err) {
      // Still claimed: the provider's retries are dropped until the claim goes stale.
      this.options.logger.error({ err, ...this.options.logFields(id) }, this.options.messages.notReleased);
    }
  }

  private async complete(id: string, response: string): Promise<void> {
    let lastError: unknown = null;
    for (let attempt = 1; attempt <= this.completeTries; attempt += 1) {
      try {
        await this.options.store.complete(id, response, this.options.clock());
        return;
      } catch (err) {
        lastError = err;
        if (attempt < this.completeTries) await sleep(this.completePauseMs * attempt);
      }
    }
    this.unstored.set(id, response);
    if (this.unstored.size > this.unstoredMax) {
      const oldest = this.unstored.keys().next().value;
      if (oldest !== undefined) this.unstored.delete(oldest);
    }
    this.options.logger.error({ err: lastError, ...this.options.logFields(id) }, this.options.messages.notRecorded);
  }

  private async responseOfDuplicate(id: string, response: string | null): Promise<string | null> {
    if (response !== null) return response;
    // A transport wait, not a business time: the provider's own timeout is on the wall clock.
    const deadline = Date.now() + this.options.duplicateWaitMs;
    while (Date.now() < deadline) {
      await sleep(this.duplicatePollMs);
      const kept = this.unstored.get(id);
      if (kept !== undefined) return kept;
      const record = await this.options.store.get(id);
      if (record?.response != null) return record.response;
      // Given back: the first one failed, and the provider's next retry will run it.
      if (!record) break;
    }
    return null;
  }
}
