// Group commit for a turn's bookkeeping writes (the webhook claim, the client row, the message log,
// the conversation reference, the dialog state). A commit costs far more than the rows
// it carries, so the writes asked for while the event loop runs are made together a moment later, in
// one IMMEDIATE transaction, each in its own savepoint: one refused write (an eTag conflict, a
// constraint) is undone alone and its caller alone is told. Every caller's promise settles only after
// the commit, so whoever awaits a write still knows it is in the file (at synchronous=NORMAL, as before);
// a failed commit fails every write it carried. A write a client is told about (a booking, a move, a
// cancellation) is durable: a batch carrying one commits with synchronous=FULL (durability.ts), so
// its fsync covers every write of the batch, and its caller hears back only after that fsync.
import type BetterSqlite3 from 'better-sqlite3';
import { durably } from './durability';
import { StoreUnavailableError } from './errors';

interface Pending {
  work: () => unknown;
  durable: boolean;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export class WriteGroup {
  private pending: Pending[] = [];
  private scheduled: NodeJS.Immediate | null = null;
  private readonly each: BetterSqlite3.Transaction<(work: () => unknown) => unknown>;
  private readonly all: BetterSqlite3.Transaction<(batch: Pending[]) => Outcome[]>;

  constructor(private readonly db: BetterSqlite3.Database) {
    // Inside the batch's transaction better-sqlite3 runs a transaction function as a savepoint.
    this.each = db.transaction((work: () => unknown) => work());
    this.all = db.transaction((batch: Pending[]): Outcome[] => {
      // Alone in the batch, a write needs no savepoint: its failure rolls the transaction back.
      if (batch.length === 1) return [{ ok: true, value: batch[0]!.work() }];
      return batch.map((item): Outcome => {
        try {
          return { ok: true, value: this.each(item.work) };
        } catch (error) {
          // SQLite itself ended the transaction (a full disk, an I/O error): the whole batch fails.
          if (!db.inTransaction) throw error;
          return { ok: false, error };
        }
      });
    });
  }

  /**
   * Runs `work` (synchronous statements, or a transaction function) in the next group commit;
   * `durable`: that commit is fsync'd before the promise settles.
   */
  run<R>(work: () => R, { durable = false }: { durable?: boolean } = {}): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ work, durable, resolve: resolve as (value: unknown) => void, reject });
      this.scheduled ??= setImmediate(() => this.flush());
    });
  }

  /** Commits what is waiting now (also before the store closes, so nothing asked for is dropped). */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    if (!this.db.open) {
      const error = new StoreUnavailableError('file_replaced', 'the store cannot serve: the data file this write was meant for was closed before it was made');
      for (const item of batch) item.reject(error);
      return;
    }
    let outcomes: Outcome[];
    try {
      outcomes = batch.some((item) => item.durable) ? durably(this.db, () => this.all.immediate(batch)) : this.all.immediate(batch);
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    outcomes.forEach((outcome, i) => {
      const item = batch[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }
}

const groups = new WeakMap<BetterSqlite3.Database, WriteGroup>();

/** The one group of a database handle, shared by every store over it. */
export function writeGroupOf(db: BetterSqlite3.Database): WriteGroup {
  let group = groups.get(db);
  if (!group) {
    group = new WriteGroup(db);
    groups.set(db, group);
  }
  return group;
}

/** Commits the writes waiting on this handle, if it has a group. */
export function flushWrites(db: BetterSqlite3.Database): void {
  groups.get(db)?.flush();
}
