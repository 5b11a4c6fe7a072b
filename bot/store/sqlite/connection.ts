// The one SQLite handle behind the stores, watched. SQLite keeps writing through an open handle
// after its file was deleted or replaced, and those writes vanish at the next start; so every store
// call that changed a row checks, after its commit, that the file at the store's path is still the
// one this process has open (same device and inode), and every call checks it before it runs unless
// it was seen there less than IDENTITY_FRESH_MS ago (a file that vanished within that time is the
// same race as one that vanishes just after a check). SQLite's "cannot write" failures (disk full, read-only, I/O
// error, a lock held past the wait) become one coded error, logged once per episode. A different
// file put back at the path (a restored backup) is opened in place of the lost one.
import { renameSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Logger } from '../../log';
import type { StoreProbe, StoreUnavailableReason } from '../../ports/stores';
import { StoreUnavailableError } from './errors';
import { SqliteHeartbeat } from './heartbeat';
import { flushWrites } from './write-group';

/** How long the readiness probe waits for another process's write lock: well inside a second. */
export const PROBE_BUSY_TIMEOUT_MS = 250;

/** How long a look at the data file's identity stands for the calls that start after it. */
export const IDENTITY_FRESH_MS = 1;

/** At most this often, a successful call during a failure episode triggers a probe to confirm recovery. */
const RECOVERY_PROBE_INTERVAL_MS = 1000;

// SQLite keeps these next to the data file in WAL mode; they belong to the file they were made for.
const SIDECARS = ['-wal', '-shm'] as const;

interface FileIdentity {
  dev: number;
  ino: number;
}

function sameFile(a: FileIdentity | null, b: FileIdentity | null): boolean {
  return a !== null && b !== null && a.dev === b.dev && a.ino === b.ino;
}

/** The file at a path, or null when nothing is there (also when its directory is gone). */
function identityAt(file: string): FileIdentity | null {
  try {
    const stat = statSync(file);
    return { dev: stat.dev, ino: stat.ino };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new StoreUnavailableError('io_error', `cannot look at ${file}: ${code ?? String(error)}`, { cause: error });
  }
}

const EXPLAINED: Record<StoreUnavailableReason, string> = {
  file_missing: 'the data file is no longer at its path (deleted or moved); writes through the open handle would be lost',
  file_replaced: 'another file is at the data file path and it could not be opened',
  read_only: 'the data file or its disk is read-only',
  disk_full: 'the disk is full',
  io_error: 'the disk reported an I/O error',
  busy: 'another process held the write lock for too long',
  corrupt: 'the data file is damaged',
  timeout: 'the store did not answer in time',
  unreachable: 'the store could not be reached',
};

/**
 * An error from SQLite itself, told by its name and code rather than `instanceof`: the native addon
 * keeps the error class (and the `Error` realm) of its first load, which a module registry loaded
 * again, as jest does per test file, does not share.
 */
function sqliteCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return name === 'SqliteError' && typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
}

/** Which kind of unavailability an error is, or null for any other failure (a refused input, a bug). */
export function classifyStoreFailure(error: unknown): StoreUnavailableReason | null {
  if (error instanceof StoreUnavailableError) return error.reason;
  const code = sqliteCode(error);
  if (code === null) return null;
  if (code === 'SQLITE_FULL') return 'disk_full';
  if (code.startsWith('SQLITE_READONLY')) return 'read_only';
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) return 'io_error';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'corrupt';
  return null;
}

function asUnavailable(error: unknown, file: string): StoreUnavailableError | null {
  if (error instanceof StoreUnavailableError) return error;
  const reason = classifyStoreFailure(error);
  if (!reason) return null;
  const code = sqliteCode(error);
  const detail = code !== null ? `${code}: ${String((error as { message?: unknown }).message)}` : String(error);
  return new StoreUnavailableError(reason, `the store at ${file} cannot serve: ${EXPLAINED[reason]} (${detail})`, { cause: error });
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** One log line when the store stops serving (and when the reason changes), one when it serves again. */
class FailureEpisodes {
  private failing: { reason: StoreUnavailableReason; since: number } | null = null;

  constructor(
    private readonly logger: Logger,
    private readonly file: string,
  ) {}

  get active(): boolean {
    return this.failing !== null;
  }

  failed(error: StoreUnavailableError): void {
    if (this.failing?.reason === error.reason) return;
    this.failing = { reason: error.reason, since: Date.now() };
    this.logger.error(
      { code: error.code, reason: error.reason, file: this.file, err: error.cause ?? error },
      `store unavailable: ${EXPLAINED[error.reason]}; clients are told their changes could not be saved`,
    );
  }

  recovered(): void {
    if (!this.failing) return;
    const { reason, since } = this.failing;
    this.failing = null;
    this.logger.info({ file: this.file, reason, unavailableMs: Date.now() - since }, 'store available again');
  }
}

export interface WatchedConnectionOptions<T extends Record<string, object>> {
  file: string;
  readOnly: boolean;
  logger: Logger;
  /** Opens the database; `reopen` is true when a file put back at the path replaces the open one. */
  open(file: string, options: { reopen: boolean }): Database.Database;
  /** The stores over one open database. */
  build(db: Database.Database): T;
}

interface Opened<T> {
  db: Database.Database;
  /** Rows this handle has changed since it was opened: a call that changed none committed nothing. */
  changes: Database.Statement<[], number>;
  identity: FileIdentity | null;
  sidecars: Map<string, FileIdentity | null>;
  heartbeat: SqliteHeartbeat | null;
  stores: T;
}

export class WatchedConnection<T extends Record<string, object>> {
  private current: Opened<T>;
  private closed = false;
  private readonly episodes: FailureEpisodes;
  private lastRecoveryProbe = 0;
  /** When (performance.now()) the path was last seen to hold the open file. */
  private confirmedAt = -Infinity;

  constructor(private readonly options: WatchedConnectionOptions<T>) {
    this.episodes = new FailureEpisodes(options.logger, options.file);
    this.current = this.open(false);
  }

  /** The stores over the database open now (they change when a restored file is reopened). */
  get stores(): T {
    return this.current.stores;
  }

  /**
   * Runs one store call between two checks of the data file. A call that committed to a file no
   * longer at the path fails: its write is not durable, so the client must not hear it was saved.
   * A call that changed no row (a read) committed nothing to lose, so it is not checked after.
   */
  call<R>(run: (stores: T) => R, { async }: { async: boolean }): R {
    if (this.closed) return run(this.current.stores);
    let result: R;
    let before: { opened: Opened<T>; changes: number };
    try {
      this.ensureCurrent();
      before = { opened: this.current, changes: this.current.changes.get() as number };
      result = run(this.current.stores);
    } catch (error) {
      // An async method's caller expects a rejection, never a throw, even when the check fails first.
      if (async) return Promise.reject(this.failure(error)) as R;
      throw this.failure(error);
    }
    if (isPromiseLike(result)) {
      return result.then(
        (value) => {
          this.afterCall(before);
          return value;
        },
        (error: unknown) => {
          throw this.failure(error);
        },
      ) as R;
    }
    this.afterCall(before);
    return result;
  }

  /** Reads and writes the heartbeat row, waiting at most PROBE_BUSY_TIMEOUT_MS for a lock. */
  probe(): StoreProbe {
    if (this.closed) return { ok: false, reason: 'io_error', message: 'the store is closed' };
    try {
      this.ensureCurrent();
      const { db, heartbeat } = this.current;
      if (heartbeat) {
        const previous = db.pragma('busy_timeout', { simple: true }) as number;
        db.pragma(`busy_timeout = ${PROBE_BUSY_TIMEOUT_MS}`);
        try {
          heartbeat.beat(new Date());
        } finally {
          db.pragma(`busy_timeout = ${previous}`);
        }
      } else {
        db.prepare('SELECT count(*) FROM sqlite_master').get();
      }
      this.ensureStillOpen();
      this.current.sidecars = this.sidecarIdentities();
      this.episodes.recovered();
      return { ok: true };
    } catch (error) {
      const unavailable = this.failure(error);
      if (!(unavailable instanceof StoreUnavailableError)) throw unavailable;
      return { ok: false, reason: unavailable.reason, message: unavailable.message };
    }
  }

  /**
   * Commits the grouped writes waiting on the open database (write-group.ts). Each of them was asked
   * for through `call`, whose check after the commit still tells its caller if the file was lost.
   */
  flushWrites(): void {
    if (this.current.db.open) flushWrites(this.current.db);
  }

  close(): void {
    // Writes asked for just before the close are committed (or refused to their callers), not dropped.
    this.flushWrites();
    this.closed = true;
    if (this.current.db.open) this.current.db.close();
  }

  private failure(error: unknown): unknown {
    const unavailable = asUnavailable(error, this.options.file);
    if (!unavailable) return error;
    this.episodes.failed(unavailable);
    return unavailable;
  }

  private afterCall(before: { opened: Opened<T>; changes: number }): void {
    try {
      if (this.current !== before.opened || !before.opened.db.open || before.opened.changes.get() !== before.changes) this.ensureStillOpen();
    } catch (error) {
      throw this.failure(error);
    }
    if (this.episodes.active && Date.now() - this.lastRecoveryProbe >= RECOVERY_PROBE_INTERVAL_MS) {
      // A read can succeed while writes still fail (a full disk): only a probe's write ends the episode.
      this.lastRecoveryProbe = Date.now();
      setTimeout(() => this.probe(), 0).unref();
    }
  }

  /** Before a call: the file at the path is the open one, or a restored file that is opened now. */
  private ensureCurrent(): void {
    if (performance.now() - this.confirmedAt < IDENTITY_FRESH_MS) return;
    const { file } = this.options;
    const atPath = identityAt(file);
    if (atPath === null) throw new StoreUnavailableError('file_missing', `the store cannot serve: ${file} is missing (${EXPLAINED.file_missing})`);
    if (!sameFile(atPath, this.current.identity)) this.reopen();
    this.confirmedAt = performance.now();
  }

  /** After a call: a file deleted or replaced while the call ran means its write is lost. */
  private ensureStillOpen(): void {
    const { file } = this.options;
    const atPath = identityAt(file);
    if (sameFile(atPath, this.current.identity)) {
      this.confirmedAt = performance.now();
      return;
    }
    this.confirmedAt = -Infinity;
    const reason = atPath === null ? 'file_missing' : 'file_replaced';
    throw new StoreUnavailableError(reason, `the store cannot serve: ${file} changed during a write, which is lost with the old file`);
  }

  private reopen(): void {
    const previous = this.current;
    this.setAsideSidecarsOf(previous);
    let next: Opened<T>;
    try {
      next = this.open(true);
    } catch (error) {
      throw new StoreUnavailableError('file_replaced', `the store cannot serve: the file now at ${this.options.file} cannot be opened (${String(error)})`, { cause: error });
    }
    this.current = next;
    // SQLite sees the old file has moved, so closing it neither checkpoints into it nor deletes by path.
    try {
      previous.db.close();
    } catch (error) {
      this.options.logger.warn({ err: error, file: this.options.file }, 'closing the replaced data file failed');
    }
    this.options.logger.warn({ file: this.options.file }, 'the data file was replaced; the store now uses the file at its path');
  }

  /**
   * A write-ahead log left at the path by the lost file would be replayed into the restored one and
   * damage it; it is renamed aside, not deleted, because it may hold the lost file's last writes.
   */
  private setAsideSidecarsOf(previous: Opened<T>): void {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    for (const suffix of SIDECARS) {
      const path = `${this.options.file}${suffix}`;
      const recorded = previous.sidecars.get(suffix) ?? null;
      if (!sameFile(identityAt(path), recorded)) continue;
      const aside = `${path}.replaced-${stamp}`;
      renameSync(path, aside);
      this.options.logger.warn({ file: path, movedTo: aside }, 'set aside a write-ahead file of the replaced data file');
    }
  }

  private sidecarIdentities(): Map<string, FileIdentity | null> {
    return new Map(SIDECARS.map((suffix) => [suffix, identityAt(`${this.options.file}${suffix}`)]));
  }

  private open(reopen: boolean): Opened<T> {
    const { file, readOnly } = this.options;
    const db = this.options.open(file, { reopen });
    try {
      return {
        db,
        changes: db.prepare<[], number>('SELECT total_changes()').pluck(),
        identity: identityAt(file),
        sidecars: this.sidecarIdentities(),
        heartbeat: readOnly ? null : new SqliteHeartbeat(db),
        stores: this.options.build(db),
      };
    } catch (error) {
      db.close();
      throw error;
    }
  }
}

/**
 * A store whose every method runs through the connection's checks and always reaches the store
 * object of the database open now, so services may keep a reference across a reopen.
 */
export function watchedStore<T extends Record<string, object>, K extends keyof T>(connection: WatchedConnection<T>, key: K): T[K] {
  const wrapped = new Map<PropertyKey, unknown>();
  const target = (): Record<PropertyKey, unknown> => connection.stores[key] as Record<PropertyKey, unknown>;
  return new Proxy(connection.stores[key], {
    get(_initial, property) {
      const value = Reflect.get(target(), property);
      if (typeof value !== 'function') return value;
      let method = wrapped.get(property);
      if (!method) {
        const async = value.constructor.name === 'AsyncFunction';
        method = (...args: unknown[]) =>
          connection.call(
            () => {
              const store = target();
              return (store[property] as (...a: unknown[]) => unknown).apply(store, args);
            },
            { async },
          );
        wrapped.set(property, method);
      }
      return method;
    },
  });
}
