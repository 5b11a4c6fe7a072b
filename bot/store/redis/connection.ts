// The Redis connection and what a lost one means to the stores. While Redis is away, every store
// call fails at once with a StoreUnavailableError (reason `unreachable`, or `timeout` for a command
// that got no answer) instead of waiting: the turn tells the client their change could not be
// saved, and /readyz takes the process out of rotation. ioredis keeps reconnecting in the
// background, and calls succeed again as soon as Redis is back.
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import type { Logger } from '../../log';
import type { StoreProbe, StoreUnavailableReason } from '../../ports/stores';
import { StoreUnavailableError } from '../sqlite/errors';
import type { RedisContext } from './context';

/** How long connecting (the TCP connection and the handshake) may take before the attempt fails. */
export const REDIS_CONNECT_TIMEOUT_MS = 2000;
/** How long one command may wait for its answer on an open connection (a dead peer, a stuck server). */
export const REDIS_COMMAND_TIMEOUT_MS = 2000;
/** The probe's own bound: well inside the readiness check's. */
export const REDIS_PROBE_TIMEOUT_MS = 1000;
/** Reconnect attempts back off to at most this interval, and never stop. */
const MAX_RECONNECT_DELAY_MS = 2000;
/** How long close() waits for QUIT before dropping the connection. */
const QUIT_TIMEOUT_MS = 1000;
const DISCONNECT_TIMEOUT_MS = 200;

const EXPLAINED: Partial<Record<StoreUnavailableReason, string>> = {
  unreachable: 'Redis cannot be reached (connection refused or lost)',
  timeout: 'Redis did not answer in time',
  read_only: 'Redis is a read-only replica',
  busy: 'Redis is loading its data or running a long script',
  io_error: 'Redis refused the write (out of memory or unable to persist)',
};

const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

/**
 * Why a Redis error means the store cannot serve, or null when it is an error of the call itself
 * (a refused input, a script's own failure). ioredis's own errors are told by their messages: it
 * does not export classes for them.
 */
export function classifyRedisFailure(error: unknown): StoreUnavailableReason | null {
  if (!(error instanceof Error)) return null;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && CONNECTION_ERROR_CODES.has(code)) return 'unreachable';
  if (error.name === 'MaxRetriesPerRequestError') return 'unreachable';
  const message = error.message;
  if (message === 'Command timed out') return 'timeout';
  if (message.includes("Stream isn't writeable") || message === 'Connection is closed.') return 'unreachable';
  if (/^(MASTERDOWN|CLUSTERDOWN)\b/.test(message)) return 'unreachable';
  if (/^READONLY\b/.test(message)) return 'read_only';
  if (/^(LOADING|BUSY)\b/.test(message)) return 'busy';
  if (/^(OOM|MISCONF)\b/.test(message)) return 'io_error';
  return null;
}

/** The error a store call throws for a Redis failure (as is for any other error). */
export function asUnavailable(error: unknown): unknown {
  if (error instanceof StoreUnavailableError) return error;
  const reason = classifyRedisFailure(error);
  if (reason === null) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new StoreUnavailableError(reason, `the Redis store cannot serve: ${EXPLAINED[reason] ?? reason} (${detail})`, { cause: error });
}

/** Logs a failure episode once, when it starts, and once when it ends. */
class FailureEpisodes {
  private failing: { reason: StoreUnavailableReason; since: number } | null = null;

  constructor(private readonly logger: Logger) {}

  failed(reason: StoreUnavailableReason, cause: unknown): void {
    if (this.failing?.reason === reason) return;
    this.failing = { reason, since: Date.now() };
    this.logger.error(
      { reason, err: cause },
      `store unavailable: ${EXPLAINED[reason] ?? reason}; clients are told their changes could not be saved`,
    );
  }

  recovered(): void {
    if (!this.failing) return;
    const { reason, since } = this.failing;
    this.failing = null;
    this.logger.info({ reason, unavailableMs: Date.now() - since }, 'store available again');
  }
}

export interface RedisConnectionOptions {
  url: string;
  logger: Logger;
  /** Tests shorten these; the defaults are the constants above. */
  connectTimeoutMs?: number;
  commandTimeoutMs?: number;
}

/** One ioredis connection, watched: failures are logged per episode and turned into store errors. */
export class RedisConnection {
  readonly redis: Redis;
  private readonly episodes: FailureEpisodes;
  private readonly probeToken = randomBytes(6).toString('hex');
  private closing: Promise<void> | null = null;

  constructor(options: RedisConnectionOptions) {
    this.episodes = new FailureEpisodes(options.logger);
    this.redis = new Redis(options.url, {
      connectTimeout: options.connectTimeoutMs ?? REDIS_CONNECT_TIMEOUT_MS,
      commandTimeout: options.commandTimeoutMs ?? REDIS_COMMAND_TIMEOUT_MS,
      // Commands issued while the process starts wait for the first connection attempt (bounded by
      // the command timeout, and failed at once if it fails); once that attempt is over the offline
      // queue is turned off below, so an absent or lost Redis fails calls at once, never queueing.
      enableOfflineQueue: true,
      // 0: a command whose connection closes fails right away instead of waiting for reconnects.
      maxRetriesPerRequest: 0,
      // A command in flight when the connection dropped may or may not have run; its caller has
      // already been told it failed, so it is not sent again behind their back.
      autoResendUnfulfilledCommands: false,
      retryStrategy: (attempt) => Math.min(100 * 2 ** Math.min(attempt - 1, 10), MAX_RECONNECT_DELAY_MS),
      connectionName: 'frontdesk',
      // Commands issued in one tick of the event loop (the turns in flight at once) go out in one
      // write and are read by Redis in one read: fewer system calls on both sides per command.
      enableAutoPipelining: true,
      // How long closing waits for the socket to end before destroying it. ioredis arms this timer
      // even for a socket already lost, where it only keeps the process alive: keep it short.
      disconnectTimeout: DISCONNECT_TIMEOUT_MS,
    });
    // ioredis reads this option on every command (Redis#sendCommand).
    const firstAttemptOver = (): void => {
      this.redis.options.enableOfflineQueue = false;
    };
    this.redis.once('ready', firstAttemptOver);
    this.redis.once('close', firstAttemptOver);
    this.redis.on('ready', () => this.episodes.recovered());
    // Without a listener ioredis prints every failed reconnect; the episode is logged once instead.
    this.redis.on('error', (error: unknown) => {
      const reason = classifyRedisFailure(error);
      if (reason !== null) this.episodes.failed(reason, error);
    });
  }

  /** Runs a store call, turning a Redis failure into a StoreUnavailableError. */
  async call<R>(run: () => Promise<R>): Promise<R> {
    try {
      return await run();
    } catch (error) {
      const failure = asUnavailable(error);
      if (failure instanceof StoreUnavailableError) this.episodes.failed(failure.reason, error);
      throw failure;
    }
  }

  /** A real write and read of one short-lived key, bounded by REDIS_PROBE_TIMEOUT_MS; never throws. */
  async probe(ctx: RedisContext): Promise<StoreProbe> {
    if (this.closing) return { ok: false, reason: 'unreachable', message: 'the store is closed' };
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new StoreUnavailableError('timeout', `the Redis store did not answer the probe in ${REDIS_PROBE_TIMEOUT_MS} ms`)),
        REDIS_PROBE_TIMEOUT_MS,
      );
    });
    const key = ctx.keys.probe(this.probeToken);
    const written = String(Date.now());
    try {
      const replies = await Promise.race([this.redis.multi().set(key, written, 'PX', 60_000).get(key).exec(), expired]);
      const [, read] = replies?.[1] ?? [null, null];
      if (read !== written) return { ok: false, reason: 'corrupt', message: 'the probe read back something other than it wrote' };
      this.episodes.recovered();
      return { ok: true };
    } catch (error) {
      const failure = asUnavailable(error);
      if (failure instanceof StoreUnavailableError) {
        this.episodes.failed(failure.reason, error);
        return { ok: false, reason: failure.reason, message: failure.message };
      }
      return { ok: false, reason: 'io_error', message: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }

  /** QUIT (letting answered commands finish), or drop the connection when Redis does not answer. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          this.redis.quit(),
          new Promise((resolve) => {
            timer = setTimeout(resolve, QUIT_TIMEOUT_MS);
          }),
        ]);
      } catch {
        // Not connected: nothing to say goodbye to.
      } finally {
        clearTimeout(timer);
        this.redis.disconnect();
      }
    })();
    return this.closing;
  }
}

/**
 * The store as its callers see it: every method goes through the connection, so a lost Redis is a
 * StoreUnavailableError whichever store class (and whichever Redis command) met it.
 */
export function guardedStore<T extends object>(connection: RedisConnection, store: T): T {
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (typeof value !== 'function') return value;
      let method = wrapped.get(property);
      if (!method) {
        method = (...args: unknown[]) =>
          connection.call(async () => (value as (...a: unknown[]) => unknown).apply(target, args));
        wrapped.set(property, method);
      }
      return method;
    },
  });
}
