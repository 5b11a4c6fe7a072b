// How hard each commit is pressed to disk. The file runs in WAL mode with synchronous=NORMAL: a
// commit is appended to the write-ahead log without an fsync, and the log is synced at checkpoints.
// A crashed or killed process loses nothing (the log is in the operating system's hands the moment
// the commit returns); a power cut or kernel crash can lose the last transactions before the next
// sync, and never corrupts the file. What a client is told was saved must survive that too: those
// commits run with synchronous=FULL, whose fsync of the log also carries every commit before them.
import type BetterSqlite3 from 'better-sqlite3';

interface Switches {
  full: BetterSqlite3.Statement;
  normal: BetterSqlite3.Statement;
}

const switches = new WeakMap<BetterSqlite3.Database, Switches>();

function switchesOf(db: BetterSqlite3.Database): Switches {
  let s = switches.get(db);
  if (!s) {
    s = { full: db.prepare('PRAGMA synchronous = FULL'), normal: db.prepare('PRAGMA synchronous = NORMAL') };
    switches.set(db, s);
  }
  return s;
}

/** The setting every connection of a writable store starts with. */
export function useNormalSync(db: BetterSqlite3.Database): void {
  switchesOf(db).normal.run();
}

/**
 * Runs `commit` (one transaction or statement) so that it is on disk, fsync'd, when this returns:
 * a booking, a consent change, a place in the queue, a message queued to go out.
 */
export function durably<R>(db: BetterSqlite3.Database, commit: () => R): R {
  const s = switchesOf(db);
  s.full.run();
  try {
    return commit();
  } finally {
    s.normal.run();
  }
}
