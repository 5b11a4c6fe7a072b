// Every message the bot starts itself (reminders, staff replies, queue updates) goes through here:
// consent first (an opted-out address is never messaged; the attempt is recorded), then quiet
// hours, then a persistent queue that a worker drains at the sender's rate, retrying what may
// succeed later. Replies inside a conversation turn do not come here: the client just wrote.
// Sends run a few at a time, each bounded by the send timeout, so one dead endpoint holds up only
// its own client's messages (the queue keeps each client's order), never anyone else's.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { ClientMessenger } from '../ports/handoff';
import { DEFAULT_QUIET_HOURS, isQuiet, nextAllowedTime } from '../domain/reminders';
import { DEFAULT_SEND_TIMEOUT_MS } from '../config/settings';
import { isE164 } from '../domain/phone';
import type { Business, Client } from '../domain/types';
import type { Logger } from '../log';
import type { ConsentStore } from '../ports/consent';
import type { Metrics } from '../ports/metrics';
import type { OnCallNotifier } from '../ports/norms';
import type { ConversationReferenceStore, OutboundPriority, OutboundQueueStore, QueuedMessage } from '../ports/messaging';
import { TEXT_MESSAGE_CHANNELS, type ChannelSender, type MessageSender, type SendOutcome } from '../ports/outbound';
import type { ClientStore } from '../ports/stores';
import { SEND_TIMEOUT_CODE, withSendTimeout } from './send-timeout';
import { textMessageSender } from './text-message-sender';

export type { ChannelSender, SendOutcome } from '../ports/outbound';

export interface ProactiveRequest {
  /** Who to message: a client id, or a bare address (E.164 or `channel:userId`). */
  clientId?: string;
  address?: string;
  /** Default: the client's preferred channel, else the channel they wrote from last. */
  channel?: string;
  text: string;
  /** What it is for: `reminder`, `staff_reply`, `queue_update`... (kept with the record). */
  kind: string;
  mediaUrls?: string[];
  /** Same key, one message, however often it is asked for (a reminder: appointment + kind). */
  dedupeKey?: string;
  /** Not sent at or after this instant; a reminder after its appointment is noise. */
  expiresAt?: Date;
  /** Not sent before this instant (a reminder's due time); quiet hours still apply from there. */
  notBefore?: Date;
  /** False for answers the client is waiting for (a staff reply at 22:00 to a text sent at 21:55). */
  respectQuietHours?: boolean;
  /** `now` for what a client is waiting for: it goes ahead of other clients' waiting messages (default `normal`). */
  priority?: OutboundPriority;
}

export type ProactiveOutcome =
  | { status: 'queued'; message: QueuedMessage }
  | { status: 'duplicate'; message: QueuedMessage }
  | { status: 'suppressed'; reason: 'opted_out'; message: QueuedMessage }
  | { status: 'expired'; reason: 'quiet_hours'; message: QueuedMessage }
  | { status: 'unreachable'; reason: 'no_client' | 'no_address' }
  /** Not due yet and the client is opted out now: nothing is recorded; asked again later, consent is read then. */
  | { status: 'deferred'; reason: 'opted_out' };

/** The sender key of the sender for every channel without its own (Bot Framework: Web Chat, Teams, the Emulator). */
export const OTHER_CHANNELS = '*';

export interface OutboundOptions {
  /** Messages a second per sender number (Twilio's long-code default is 1). */
  ratePerSecond: number;
  /** Send attempts before a message that keeps failing retryably is given up. */
  maxAttempts: number;
  /** First retry delay; each later one doubles. */
  retryBaseMs: number;
  /** A claim not finished within this long is taken over by another worker. */
  leaseMs: number;
  /** Most messages one drain() handles, so one call never runs unbounded. */
  batchLimit: number;
  /** Sends in flight at once in this process; a stuck one takes one slot, not the queue. */
  concurrency: number;
  /** A send with no answer by then counts as failed and is retried (SEND_TIMEOUT_MS). */
  sendTimeoutMs: number;
  workerId: string;
}

export const DEFAULT_OUTBOUND_OPTIONS: Omit<OutboundOptions, 'workerId'> = {
  ratePerSecond: 1,
  maxAttempts: 5,
  retryBaseMs: 30_000,
  leaseMs: 60_000,
  batchLimit: 50,
  concurrency: 4,
  sendTimeoutMs: DEFAULT_SEND_TIMEOUT_MS,
};

/** After its send timeout, a delivery still writes its outcome to the store: this much more is allowed for that. */
const BOOKKEEPING_GRACE_MS = 2000;

export interface OutboundDeps {
  business: Business;
  clients: ClientStore;
  consent: ConsentStore;
  references: ConversationReferenceStore;
  outbox: OutboundQueueStore;
  /** Each channel's sender, given at construction; OTHER_CHANNELS for every channel without its own. */
  senders?: Iterable<readonly [string, ChannelSender]>;
  /** A raw text-message sender for every text-message channel without a sender in `senders` (tests, the try-out). */
  sender?: MessageSender | null;
  logger: Logger;
  options?: Partial<OutboundOptions>;
  /** Counts what becomes of each message (GET /metrics). */
  metrics?: Pick<Metrics, 'outbound'>;
  /**
   * The words a message goes out with when they depend on when it is sent (a reminder, in the
   * language the client speaks by then); null keeps the text it was queued with.
   */
  wordingAtSend?: (message: QueuedMessage, now: Date) => Promise<string | null>;
}

/** Writes of "sent" tried before the message is held instead (a locked or briefly failing store). */
const MARK_SENT_TRIES = 3;
const MARK_SENT_PAUSE_MS = 20;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

export class OutboundService {
  readonly options: OutboundOptions;
  /** Channel -> its sender; OTHER_CHANNELS for every channel without one. */
  private readonly senders = new Map<string, ChannelSender>();
  /** Sent by this process but not yet recorded as sent (id -> provider id); finished by later drains. */
  private readonly unrecorded = new Map<string, string>();
  /** Deliveries running now, each settling (never rejecting) when its outcome is recorded. */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly deps: OutboundDeps) {
    this.options = { ...DEFAULT_OUTBOUND_OPTIONS, workerId: newWorkerId(), ...stripUndefined(deps.options ?? {}) };
    for (const [channel, sender] of deps.senders ?? []) this.senders.set(channel, sender);
    if (deps.sender) {
      const text = textMessageSender(deps.sender);
      for (const channel of TEXT_MESSAGE_CHANNELS) if (!this.senders.has(channel)) this.senders.set(channel, text);
    }
  }

  private count(kind: string, outcome: string): void {
    this.deps.metrics?.outbound(kind, outcome);
  }

  /** The gap between two texts from the business number (its rate). */
  sendGapMs(): number {
    return Math.ceil(1000 / this.options.ratePerSecond);
  }

  /** Whether messages on `channel` have a sender (its own or the one for every other channel). */
  reaches(channel: string): boolean {
    return this.senderFor(channel) !== undefined;
  }

  /** A queued message as it stands now (sent, retried, given up), or null when there is none. */
  async status(id: string): Promise<QueuedMessage | null> {
    return this.deps.outbox.get(id);
  }

  /** Checks consent and quiet hours and queues the message; nothing is sent before drain(). */
  async sendProactive(request: ProactiveRequest, now: Date): Promise<ProactiveOutcome> {
    const { outbox, consent, business } = this.deps;
    if (request.dedupeKey) {
      const existing = await outbox.findByDedupeKey(request.dedupeKey);
      if (existing) return { status: 'duplicate', message: existing };
    }
    let client: Client | null = null;
    if (request.clientId) {
      client = await this.deps.clients.get(request.clientId);
      if (!client) return { status: 'unreachable', reason: 'no_client' };
    } else if (request.address) {
      client = await this.deps.clients.findByAddress(request.address);
    }
    const address = client?.address ?? request.address;
    if (!address) return { status: 'unreachable', reason: 'no_address' };
    const preferences = client ? await this.deps.references.preferences(client.id) : { preferredChannel: null, zone: null };
    const channel = request.channel ?? (client ? await this.channelFor(client, preferences.preferredChannel) : isE164(address) ? 'sms' : address.split(':')[0]!);

    const base = {
      dedupeKey: request.dedupeKey ?? null,
      clientId: client?.id ?? null,
      address,
      channel,
      senderKey: channel,
      kind: request.kind,
      priority: request.priority ?? 'normal',
      text: request.text,
      mediaUrls: request.mediaUrls ?? [],
      expiresAt: request.expiresAt ? request.expiresAt.toISOString() : null,
    };

    if (await consent.isOptedOut(address)) {
      // Planned ahead (a reminder): consent counts as it is when the message is due, so a client who
      // texts START before then still gets it. Recorded as suppressed once it is due.
      if (request.notBefore && request.notBefore.getTime() > now.getTime()) return { status: 'deferred', reason: 'opted_out' };
      const { message } = await outbox.enqueue({ ...base, notBefore: now.toISOString(), status: 'suppressed', reason: 'opted_out' }, now);
      this.deps.logger.info({ outbound: message.id, kind: request.kind }, 'proactive message suppressed: opted out');
      this.count(request.kind, 'suppressed');
      return { status: 'suppressed', reason: 'opted_out', message };
    }

    const zone = preferences.zone ?? business.zone;
    const quiet = business.messaging?.quietHours ?? DEFAULT_QUIET_HOURS;
    const earliest = Math.max(now.getTime(), request.notBefore?.getTime() ?? 0);
    const notBefore = request.respectQuietHours === false ? earliest : nextAllowedTime(earliest, zone, quiet);
    if (request.expiresAt && notBefore >= request.expiresAt.getTime()) {
      const { message } = await outbox.enqueue({ ...base, notBefore: new Date(notBefore).toISOString(), status: 'expired', reason: 'quiet_hours' }, now);
      this.count(request.kind, 'expired');
      return { status: 'expired', reason: 'quiet_hours', message };
    }
    const { created, message } = await outbox.enqueue({ ...base, notBefore: new Date(notBefore).toISOString() }, now);
    if (created) this.count(request.kind, 'queued');
    return created ? { status: 'queued', message } : { status: 'duplicate', message };
  }

  /**
   * Starts sending what is due at `now`, as fast as each sender's rate allows (a claim reserves the
   * sender's next slot, so several processes sharing a store share the rate too), up to
   * `concurrency` sends at once. Returns once nothing more can be claimed at `now`, without waiting
   * for the sends: `settled` resolves when the ones it started are done (sent, retried or failed).
   * It waits only when every slot is busy, for the first to free up.
   */
  async dispatch(now: Date, limit = this.options.batchLimit): Promise<{ claimed: number; settled: Promise<void> }> {
    // The rate is a phone number's (carriers filter a long code sending faster); chat channels
    // (Slack, Web Chat, Teams) are not held to it.
    const textGap = this.sendGapMs();
    const minIntervalMs = (senderKey: string): number => (this.senderFor(senderKey)?.sharesNumberRate ? textGap : 0);
    // A lease shorter than a send may take would hand a slow send to another worker mid-flight.
    const leaseMs = Math.max(this.options.leaseMs, this.options.sendTimeoutMs + BOOKKEEPING_GRACE_MS);
    await this.recordUnrecorded(now);
    const started: Promise<void>[] = [];
    while (started.length < limit) {
      if (this.inFlight.size >= this.options.concurrency) {
        await Promise.race(this.inFlight);
        continue;
      }
      const message = await this.deps.outbox.claimNext(now, { workerId: this.options.workerId, leaseMs, minIntervalMs });
      if (!message) break;
      started.push(this.track(message, now));
    }
    return { claimed: started.length, settled: Promise.all(started).then(() => undefined) };
  }

  /**
   * Sends what is due at `now` and waits for those sends (a stuck one until its timeout). A
   * client's next message, held back while their previous one was in flight, goes in the same
   * call once that one is done. Returns how many it handled.
   */
  async drain(now: Date): Promise<number> {
    let handled = 0;
    while (handled < this.options.batchLimit) {
      const { claimed, settled } = await this.dispatch(now, this.options.batchLimit - handled);
      await settled;
      if (claimed === 0) break;
      handled += claimed;
    }
    return handled;
  }

  /**
   * Waits for the sends in flight, at most `boundMs` (by default one send timeout and the time to
   * record it). False when some were still running; their outcomes are recorded when they end, and
   * a message whose outcome never is goes out again once its lease runs out.
   */
  async idle(boundMs = this.options.sendTimeoutMs + BOOKKEEPING_GRACE_MS): Promise<boolean> {
    if (this.inFlight.size === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), boundMs);
    });
    const all = Promise.all([...this.inFlight]).then(() => true as const);
    try {
      return await Promise.race([all, bound]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sends in flight in this process now. */
  get sending(): number {
    return this.inFlight.size;
  }

  private track(message: QueuedMessage, now: Date): Promise<void> {
    const delivery: Promise<void> = this.deliver(message, now)
      .catch((err: unknown) => {
        // The outcome could not be written (the store failed or closed): the lease runs out and
        // the message is tried again, by this process or another.
        this.deps.logger.error({ err, outbound: message.id, channel: message.channel }, 'proactive delivery failed to finish');
      })
      .finally(() => {
        this.inFlight.delete(delivery);
      });
    this.inFlight.add(delivery);
    return delivery;
  }

  private async deliver(message: QueuedMessage, now: Date): Promise<void> {
    const { outbox, consent, logger, business } = this.deps;
    const worker = this.options.workerId;
    if (message.expiresAt && now.getTime() >= Date.parse(message.expiresAt)) {
      await outbox.markDone(message.id, worker, 'expired', 'too_late', now);
      this.count(message.kind, 'expired');
      return;
    }
    if (message.attempts > this.options.maxAttempts) {
      await outbox.markDone(message.id, worker, 'failed', `attempts_exhausted: ${message.reason ?? 'no result'}`, now);
      this.count(message.kind, 'failed');
      return;
    }
    // Consent may have changed while the message waited (a STOP at 20:59 for a 08:00 reminder).
    if (await consent.isOptedOut(message.address)) {
      await outbox.markDone(message.id, worker, 'suppressed', 'opted_out', now);
      this.count(message.kind, 'suppressed');
      logger.info({ outbound: message.id, kind: message.kind }, 'proactive message suppressed: opted out');
      return;
    }
    const zone = (message.clientId ? (await this.deps.references.preferences(message.clientId)).zone : null) ?? business.zone;
    const quiet = business.messaging?.quietHours ?? DEFAULT_QUIET_HOURS;
    // A retry that came due inside quiet hours waits for the morning (unless it was exempt, which
    // shows as a notBefore inside quiet hours).
    if (isQuiet(now.getTime(), zone, quiet) && !isQuiet(Date.parse(message.notBefore), zone, quiet)) {
      await outbox.markRetry(message.id, worker, 'quiet_hours', new Date(nextAllowedTime(now.getTime(), zone, quiet)), now);
      this.count(message.kind, 'retry');
      return;
    }

    const worded = await this.wordedAtSend(message, now);
    let outcome: SendOutcome;
    try {
      // An abandoned send's late answer is dropped by the deadline, so only this outcome is recorded.
      const answer = await withSendTimeout(this.options.sendTimeoutMs, () => this.send(worded));
      outcome = answer.timedOut ? { kind: 'retry', code: SEND_TIMEOUT_CODE, message: `no answer within ${answer.timeoutMs} ms` } : answer.value;
    } catch (error) {
      outcome = { kind: 'retry', code: 'exception', message: error instanceof Error ? error.message : String(error) };
    }
    if (outcome.kind === 'sent') {
      await this.recordSent(message.id, outcome.providerId, now);
      this.count(message.kind, 'sent');
      logger.info({ outbound: message.id, kind: message.kind, channel: message.channel, segments: outcome.segments }, 'proactive message sent');
      return;
    }
    if (outcome.code === SEND_TIMEOUT_CODE) {
      logger.warn({ outbound: message.id, channel: message.channel, kind: message.kind, attempt: message.attempts, timeoutMs: this.options.sendTimeoutMs }, 'proactive send timed out');
    } else {
      logger.warn({ outbound: message.id, channel: message.channel, kind: message.kind, outcome: outcome.kind, code: outcome.code, attempt: message.attempts }, 'proactive send failed');
    }
    switch (outcome.kind) {
      case 'opted_out':
        await consent.optOut(message.address, 'carrier', now);
        await outbox.markDone(message.id, worker, 'suppressed', 'opted_out', now);
        this.count(message.kind, 'suppressed');
        return;
      case 'fallback_sms':
        await this.fallBackToSms(worded, outcome.code, now);
        return;
      case 'retry':
        if (message.attempts < this.options.maxAttempts) {
          const delay = this.options.retryBaseMs * 2 ** (message.attempts - 1);
          await outbox.markRetry(message.id, worker, outcome.code, new Date(now.getTime() + delay), now);
          this.count(message.kind, 'retry');
          return;
        }
        await outbox.markDone(message.id, worker, 'failed', outcome.code, now);
        this.count(message.kind, 'failed');
        return;
      case 'permanent':
        await outbox.markDone(message.id, worker, 'failed', outcome.code, now);
        this.count(message.kind, 'failed');
        return;
    }
  }

  /**
   * The message went out, so nothing here may make it go out again: a failed write of "sent" is
   * retried, then the message is held where claim expiry cannot reach it, and this process keeps
   * trying to mark it sent on later drains. Only the id is logged.
   */
  private async recordSent(id: string, providerId: string, now: Date): Promise<void> {
    const { outbox, logger } = this.deps;
    const worker = this.options.workerId;
    let lastError: unknown = null;
    for (let attempt = 1; attempt <= MARK_SENT_TRIES; attempt += 1) {
      try {
        await outbox.markSent(id, worker, providerId, now);
        return;
      } catch (error) {
        lastError = error;
        if (attempt < MARK_SENT_TRIES) await pause(MARK_SENT_PAUSE_MS * attempt);
      }
    }
    this.unrecorded.set(id, providerId);
    try {
      await outbox.holdSent(id, worker, providerId, now);
      logger.error({ err: lastError, outbound: id }, 'proactive message sent but not recorded as sent; held so it is not sent again');
    } catch (error) {
      logger.error({ err: error, outbound: id }, 'proactive message sent but neither recorded nor held; its claim may expire');
    }
  }

  private async recordUnrecorded(now: Date): Promise<void> {
    for (const [id, providerId] of [...this.unrecorded]) {
      try {
        await this.deps.outbox.markSent(id, this.options.workerId, providerId, now);
        this.unrecorded.delete(id);
      } catch {
        // Still failing: kept for the next drain; the first failure was logged.
      }
    }
  }

  /**
   * The channel may not carry this message now (a messaging window closed, say), but a text
   * message may: the same text is queued on SMS to the client's phone number, which is checked for
   * consent again before it is sent. A client known only by a chat id has no number to text, so the
   * message fails with the channel's reason.
   */
  private async fallBackToSms(message: QueuedMessage, code: string, now: Date): Promise<void> {
    const worker = this.options.workerId;
    const phone = await this.phoneOf(message);
    if (!phone) {
      await this.deps.outbox.markDone(message.id, worker, 'failed', `${code}: no phone number to send an sms to`, now);
      this.count(message.kind, 'failed');
      return;
    }
    await this.deps.outbox.enqueue(
      {
        dedupeKey: `${message.dedupeKey ?? message.id}:sms`,
        clientId: message.clientId,
        address: phone,
        channel: 'sms',
        senderKey: 'sms',
        kind: message.kind,
        priority: message.priority,
        text: message.text,
        mediaUrls: message.mediaUrls,
        notBefore: now.toISOString(),
        expiresAt: message.expiresAt,
      },
      now,
    );
    await this.deps.outbox.markDone(message.id, worker, 'failed', `${code}: sent by sms instead`, now);
    this.count(message.kind, 'fallback_sms');
  }

  /** The message's address when it is a phone number, else its client's. */
  private async phoneOf(message: QueuedMessage): Promise<string | null> {
    if (isE164(message.address)) return message.address;
    const client = message.clientId ? await this.deps.clients.get(message.clientId) : null;
    return client && isE164(client.address) ? client.address : null;
  }

  /** The message with the words it goes out with now; the queued text when they cannot be had (logged). */
  private async wordedAtSend(message: QueuedMessage, now: Date): Promise<QueuedMessage> {
    if (!this.deps.wordingAtSend) return message;
    try {
      const text = await this.deps.wordingAtSend(message, now);
      return text === null || text === message.text ? message : { ...message, text };
    } catch (err) {
      this.deps.logger.warn({ err, outbound: message.id, kind: message.kind }, 'could not word a message at sending; its queued text goes');
      return message;
    }
  }

  private senderFor(channel: string): ChannelSender | undefined {
    return this.senders.get(channel) ?? this.senders.get(OTHER_CHANNELS);
  }

  private async send(message: QueuedMessage): Promise<SendOutcome> {
    const sender = this.senderFor(message.channel);
    if (!sender) return { kind: 'permanent', code: 'no_sender', message: `no sender for ${message.channel} is configured` };
    const reference = message.clientId ? await this.deps.references.get(message.clientId, message.channel) : null;
    return sender.send(message, reference);
  }

  /** The preferred channel, else the one the client wrote from last, else the one they first came on. */
  private async channelFor(client: Client, preferred: string | null): Promise<string> {
    if (preferred) return preferred;
    const recent = await this.deps.references.channels(client.id);
    return recent[0] ?? client.channel;
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Messages from the line to a client (staff replies, queue notices, status updates): the same
 * outbox as every proactive message, so consent is checked when queued and again when sent, and a
 * client's messages keep their order. Quiet hours do not hold these back: the client asked for a
 * person and is waiting for the answer. A staff reply's whole path is here: HandoffService.reply
 * calls this, this queues it, and the outbox hands it to the channel's sender.
 */
export function lineMessages(outbound: Pick<OutboundService, 'sendProactive' | 'drain'>, clock: () => Date): ClientMessenger {
  return {
    async sendToClient(clientId, text, options) {
      const outcome = await outbound.sendProactive(
        { clientId, channel: options.channel, text, kind: options.kind, mediaUrls: options.media ?? [], respectQuietHours: false, priority: 'now' },
        clock(),
      );
      // The client is waiting for a person: the outbox is drained now rather than at the next pass.
      if (outcome.status === 'queued') await outbound.drain(clock());
      if (outcome.status === 'queued' || outcome.status === 'duplicate') return { ok: true };
      return { ok: false, reason: outcome.reason };
    },
  };
}

/**
 * The person on call, texted through the one pipe: consent checked when queued and when sent, the
 * text-message channel's sender, and no quiet hours (they are woken on purpose). Drained at once;
 * a text still queued behind the number's rate counts as on its way, one the outbox gave up on as
 * not sent.
 */
export function onCallTexts(
  outbound: Pick<OutboundService, 'sendProactive' | 'drain' | 'status'>,
  clock: () => Date,
): OnCallNotifier {
  return {
    channel: 'sms',
    reaches: (entry) => entry.phone !== null,
    async notify(entry, text) {
      if (entry.phone === null) return { ok: false, reason: 'no_phone' };
      const outcome = await outbound.sendProactive({ address: entry.phone, channel: 'sms', text, kind: 'on_call_alert', respectQuietHours: false, priority: 'now' }, clock());
      if (outcome.status === 'deferred' || outcome.status === 'unreachable') return { ok: false, reason: outcome.reason };
      if (outcome.status !== 'queued' && outcome.status !== 'duplicate') return { ok: false, reason: outcome.reason };
      await outbound.drain(clock());
      const after = await outbound.status(outcome.message.id);
      if (after === null || after.status === 'sent' || after.status === 'queued' || after.status === 'sending') return { ok: true };
      return { ok: false, reason: after.reason ?? after.status };
    },
  };
}
