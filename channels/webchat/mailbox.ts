// What reaches a web chat client outside their own turn (a staff reply, a queue notice, a
// reminder) waits in a mailbox per identity, kept in the bot's Storage (SQLite or Redis), so it is
// neither lost when no page is open nor tied to the process that holds the page's stream. Each
// entry has a sequence number; the stream sends what is past the page's last seen number (or past
// what was last delivered, for a page opened afresh) and a notice wakes the streams of this
// process at once, while a slow poll picks up what another process put in.
import { EventEmitter } from 'node:events';
import type { Storage } from 'botbuilder';

export interface MailboxEntry {
  seq: number;
  /** The outbox message's id: a retried send puts it in once. */
  messageId: string;
  text: string;
  media: string[];
  at: string;
}

interface MailboxItem {
  entries: MailboxEntry[];
  nextSeq: number;
  /** The highest seq written to an open stream. */
  delivered: number;
  eTag?: string;
}

/** At most this many entries are kept per identity; older ones go first. */
export const MAILBOX_LIMIT = 50;
/** Entries older than this are dropped once delivered. */
const DELIVERED_KEEP_MS = 7 * 24 * 3600_000;
const WRITE_TRIES = 5;

export class WebchatMailbox {
  private readonly notices = new EventEmitter();
  /** Each mailbox's changes in this process, one after another. */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    private readonly storage: Storage,
    private readonly clock: () => Date,
  ) {
    // One listener per open stream; a busy page may hold a few.
    this.notices.setMaxListeners(0);
  }

  /** Puts a message in; the same outbox message twice is kept once. Returns its sequence number. */
  async put(id: string, entry: Omit<MailboxEntry, 'seq' | 'at'>): Promise<number> {
    const seq = await this.change(id, (item) => {
      const known = item.entries.find((e) => e.messageId === entry.messageId);
      if (known) return known.seq;
      const next = item.nextSeq;
      item.entries.push({ ...entry, seq: next, at: this.clock().toISOString() });
      item.nextSeq = next + 1;
      const cutoff = this.clock().getTime() - DELIVERED_KEEP_MS;
      item.entries = item.entries.filter((e) => e.seq > item.delivered || Date.parse(e.at) >= cutoff).slice(-MAILBOX_LIMIT);
      return next;
    }, (item) => item.entries.some((e) => e.messageId === entry.messageId));
    this.notices.emit(id);
    return seq;
  }

  /** Entries after `afterSeq`, or after the last delivered one when the page knows none. */
  async after(id: string, afterSeq: number | null): Promise<MailboxEntry[]> {
    const item = await this.read(id);
    const from = afterSeq ?? item.delivered;
    return item.entries.filter((e) => e.seq > from);
  }

  /** Records that entries up to `seq` reached an open stream. */
  async markDelivered(id: string, seq: number): Promise<void> {
    await this.change(id, (item) => {
      if (seq > item.delivered) item.delivered = Math.min(seq, item.nextSeq - 1);
      return undefined;
    });
  }

  /** Calls `wake` whenever this process puts something in the identity's mailbox; returns the way to stop. */
  watch(id: string, wake: () => void): () => void {
    this.notices.on(id, wake);
    return () => this.notices.off(id, wake);
  }

  private key(id: string): string {
    return `webchat/mailbox/${id}`;
  }

  private async read(id: string): Promise<MailboxItem> {
    const key = this.key(id);
    const stored = (await this.storage.read([key]))[key] as MailboxItem | undefined;
    return stored && Array.isArray(stored.entries) ? stored : { entries: [], nextSeq: 1, delivered: 0 };
  }

  /**
   * A read-change-write under the stored eTag, tried again when another writer came between. This
   * process's changes to one mailbox go one at a time; a new mailbox has no eTag to write under, so
   * its first write is read back and made again if another process's first write replaced it.
   */
  private change<T>(id: string, apply: (item: MailboxItem) => T, stillThere?: (item: MailboxItem) => boolean): Promise<T> {
    const previous = this.queues.get(id) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.changeNow(id, apply, stillThere));
    const settled = run.then(() => undefined, () => undefined);
    this.queues.set(id, settled);
    void settled.then(() => {
      if (this.queues.get(id) === settled) this.queues.delete(id);
    });
    return run;
  }

  private async changeNow<T>(id: string, apply: (item: MailboxItem) => T, stillThere?: (item: MailboxItem) => boolean): Promise<T> {
    let lastError: unknown = new Error('frontdesk_webchat_mailbox_busy: the mailbox kept changing under every write');
    for (let attempt = 0; attempt < WRITE_TRIES; attempt += 1) {
      const item = await this.read(id);
      const fresh = item.eTag === undefined;
      const result = apply(item);
      try {
        await this.storage.write({ [this.key(id)]: { ...item, eTag: item.eTag ?? '*' } });
      } catch (err) {
        if (!isETagConflict(err)) throw err;
        lastError = err;
        continue;
      }
      if (!fresh || !stillThere || stillThere(await this.read(id))) return result;
    }
    throw lastError;
  }
}

/** Another writer changed the item since it was read (the SQLite store's code, or botbuilder's wording). */
function isETagConflict(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  return e?.code === 'frontdesk_store_etag_conflict' || (typeof e?.message === 'string' && /etag/i.test(e.message));
}
