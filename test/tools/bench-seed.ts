// A store with a few years of a busy business in it, for the bench's seeded rows and the query-plan
// test: clients, their past appointments and their message history, written straight into the
// store's own schema (the file is created and migrated by the store first) in one transaction.
import Database from 'better-sqlite3';
import type { Business } from '../../bot/domain/types';
import { openSqliteStores } from '../../bot/store/sqlite';

export const SEED_COUNTS = { clients: 50_000, appointments: 100_000, messages: 1_000_000 } as const;

export type SeedCounts = { clients: number; appointments: number; messages: number };

const WORDS = [
  'haircut', 'friday', 'tomorrow', 'thanks', 'yes', 'no', 'color', 'blowout', 'beard', 'trim', 'at', 'the', 'can', 'i',
  'book', 'move', 'cancel', 'my', 'appointment', 'please', 'saturday', 'morning', 'afternoon', 'running', 'late', 'see',
  'you', 'then', 'how', 'much', 'is', 'parking', 'open', 'sunday', 'hours', 'great', 'perfect', 'sam', 'maria', 'ok',
];

/** A deterministic stream of numbers, so two seeded files are alike. */
function numbers(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x1_0000_0000;
  };
}

/**
 * Seeds `file` (created if missing). Appointments sit on a 15-minute grid of each staff member's
 * past days, so none is in the future a bench booking asks for; messages are spread over the clients.
 */
export function seedStore(file: string, business: Business, now: Date, counts: SeedCounts = SEED_COUNTS): void {
  const stores = openSqliteStores({ file });
  void stores.close();
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    const random = numbers(20261203);
    const insertClient = db.prepare('INSERT INTO clients (id, address, channel, name, created_at) VALUES (?, ?, ?, ?, ?)');
    const insertAppointment = db.prepare(`
      INSERT INTO appointments (id, client_id, service_id, staff_id, starts_at, ends_at, status, created_at, updated_at, rescheduled_from, confirmed_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)`);
    const insertMessage = db.prepare(`
      INSERT INTO message_log (id, client_id, channel, direction, text, media, at, author, staff_id, internal)
      VALUES (?, ?, 'sms', ?, ?, '[]', ?, ?, NULL, 0)`);
    const day = 24 * 60 * 60 * 1000;
    const staff = business.staff.map((s) => s.id);
    const serviceOf = business.services[0]?.id ?? 'haircut';
    const clientId = (i: number) => `cli_seed${i.toString(36).padStart(6, '0')}`;
    db.transaction(() => {
      const since = now.getTime() - 4 * 365 * day;
      for (let i = 0; i < counts.clients; i += 1) {
        const created = new Date(since + Math.floor(random() * 3 * 365 * day)).toISOString();
        insertClient.run(clientId(i), `+1999${String(i).padStart(7, '0')}`, 'sms', `Client ${i}`, created);
      }
      // 40 quarter hours a day (09:00-19:00 UTC-ish; the zone does not matter for the past) per staff member.
      const perDay = 40 * Math.max(1, staff.length);
      const firstDay = Math.floor(now.getTime() / day) - Math.ceil(counts.appointments / perDay) - 2;
      for (let i = 0; i < counts.appointments; i += 1) {
        const dayIndex = firstDay + Math.floor(i / perDay);
        const slot = i % perDay;
        const start = dayIndex * day + (13 * 60 + (slot % 40) * 15) * 60_000;
        const startIso = new Date(start).toISOString();
        const endIso = new Date(start + 15 * 60_000).toISOString();
        const status = i % 50 === 0 ? 'cancelled' : 'booked';
        insertAppointment.run(
          `apt_seed${i.toString(36).padStart(7, '0')}`,
          clientId(Math.floor(random() * counts.clients)),
          serviceOf,
          staff[Math.floor(slot / 40)] ?? staff[0] ?? 'staff',
          startIso,
          endIso,
          status,
          startIso,
          startIso,
        );
      }
      const messagesSince = now.getTime() - 3 * 365 * day;
      for (let i = 0; i < counts.messages; i += 1) {
        const length = 3 + Math.floor(random() * 8);
        const words: string[] = [];
        for (let w = 0; w < length; w += 1) words.push(WORDS[Math.floor(random() * WORDS.length)] ?? 'ok');
        const inbound = i % 2 === 0;
        insertMessage.run(
          `msg_seed${i.toString(36).padStart(8, '0')}`,
          clientId(Math.floor(random() * counts.clients)),
          inbound ? 'in' : 'out',
          words.join(' '),
          new Date(messagesSince + Math.floor((i / counts.messages) * 3 * 365 * day)).toISOString(),
          inbound ? 'client' : 'bot',
        );
      }
    })();
    // The word index, as the store's batches would have written it.
    db.exec("INSERT INTO message_log_fts (message_log_fts) VALUES ('rebuild')");
    const batched = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'message_log_fts_done'").get() !== undefined;
    if (batched) db.exec('UPDATE message_log_fts_done SET seq = (SELECT COALESCE(MAX(seq), 0) FROM message_log) WHERE id = 1');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}
