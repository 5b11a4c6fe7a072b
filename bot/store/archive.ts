// `frontdesk export` / `frontdesk import`: a store's records as JSON lines, one record a line after
// a header line, read back only when every line is a record this code knows.
import path from 'node:path';
import { z } from 'zod';
import { LANGUAGES } from '../domain/types';
import type { ArchiveRecord, StoreArchive } from '../ports/archive';
import type { Stores } from '../ports/stores';
import { redisStoreModule, type StoreSettings } from './open';
import { openSqliteArchive } from './sqlite/archive';
import { StoreError } from './sqlite/errors';
import { sqliteFileFor } from './sqlite';
import { toUtcIso } from './sqlite/instants';

export const ARCHIVE_FORMAT = 'frontdesk-archive';
/** 2: every record of the store (1 did not carry the outbox, receipts, deliveries, handoffs and message log). */
export const ARCHIVE_VERSION = 2;
/** The versions an import reads: a version 1 archive is a version 2 one without the kinds it lacked. */
const READABLE_VERSIONS = [1, 2] as const;

/** The archive of the store the settings name (REDIS_URL, else the file in DATA_DIR). */
export function openArchive(settings: StoreSettings, { readOnly }: { readOnly: boolean }): StoreArchive {
  if (settings.redisUrl !== undefined) {
    // Loaded only for a Redis store, as openStores loads it.
    const { openRedisArchive } = require('./redis/archive') as typeof import('./redis/archive');
    return openRedisArchive({ url: settings.redisUrl, prefix: settings.redisPrefix ?? redisStoreModule().DEFAULT_REDIS_PREFIX });
  }
  return openSqliteArchive({ file: sqliteFileFor({ dataDir: path.resolve(settings.dataDir) }), readOnly });
}

/** The header line of an archive written now. */
export function archiveHeader(now: Date): string {
  return JSON.stringify({ format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, exportedAt: now.toISOString() });
}

const text = z.string();
const id = z.string().min(1);
const instant = z.string().refine((value) => {
  try {
    return toUtcIso(value, 'instant') === value;
  } catch {
    return false;
  }
}, 'an ISO instant in UTC (Date#toISOString form)');

const RECORD = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('client'),
    client: z.object({ id, address: id, channel: text, name: text.nullable(), language: z.enum(LANGUAGES).nullable(), createdAt: instant }),
  }),
  z.object({
    kind: z.literal('appointment'),
    appointment: z.object({
      id,
      clientId: id,
      serviceId: id,
      staffId: id,
      start: instant,
      end: instant,
      status: z.enum(['booked', 'cancelled', 'rescheduled']),
      createdAt: instant,
      updatedAt: instant,
      rescheduledFrom: id.nullable(),
      confirmedAt: instant.nullable(),
      runningLate: z.object({ minutes: z.number().int().nullable(), reportedAt: instant }).optional(),
    }),
  }),
  z.object({
    kind: z.literal('callback'),
    callback: z.object({ id, clientId: id, reason: text, text, status: z.enum(['open', 'done']), createdAt: instant }),
  }),
  z.object({
    kind: z.literal('consent'),
    consent: z.object({
      address: id,
      status: z.enum(['opted_in', 'opted_out']),
      source: text,
      changedAt: instant,
      unreachable: z.object({ code: text, at: instant }).optional(),
    }),
  }),
  z.object({ kind: z.literal('reference'), clientId: id, channel: id, reference: z.record(z.string(), z.unknown()), updatedAt: instant }),
  z.object({ kind: z.literal('preferences'), clientId: id, preferredChannel: text.nullable(), zone: text.nullable(), updatedAt: instant }),
  z.object({ kind: z.literal('notice'), key: id, sentAt: instant }),
  z.object({
    kind: z.literal('urgent_alert'),
    alert: z.object({
      id,
      clientId: id,
      keyword: text,
      text,
      openNow: z.boolean(),
      onCallName: text.nullable(),
      notified: z.array(text),
      outcome: z.enum(['on_call_notified', 'on_call_unreachable', 'no_one_on_call', 'queued', 'callback']),
      createdAt: instant,
    }),
  }),
  z.object({
    kind: z.literal('handoff_ticket'),
    ticket: z.object({
      id,
      number: z.number().int().positive(),
      clientId: id,
      channel: text,
      conversationId: text,
      reason: text,
      urgent: z.boolean(),
      state: z.enum(['waiting', 'claimed', 'resolved', 'abandoned', 'timed_out']),
      createdAt: instant,
      claimedAt: instant.nullable(),
      claimedBy: text.nullable(),
      claimedByName: text.nullable(),
      resolvedAt: instant.nullable(),
      resolvedBy: text.nullable(),
      lastNotifiedPosition: z.number().int().nullable(),
      lastNotifiedAt: instant.nullable(),
      nudgedAt: instant.nullable(),
      staffThread: z.object({ channel: id, ts: id }).nullable(),
    }),
  }),
  z.object({ kind: z.literal('handoff_rotation'), lastConsoleId: id }),
  z.object({
    kind: z.literal('message'),
    message: z.object({
      id,
      clientId: id,
      channel: text,
      direction: z.enum(['in', 'out']),
      text,
      media: z.array(text),
      at: instant,
      author: z.enum(['client', 'bot', 'staff']),
      staffId: text.nullable().optional(),
      internal: z.boolean().optional(),
    }),
  }),
  z.object({
    kind: z.literal('outbox'),
    message: z.object({
      id,
      dedupeKey: id.nullable(),
      clientId: id.nullable(),
      address: id,
      channel: id,
      senderKey: id,
      kind: id,
      priority: z.enum(['now', 'normal']),
      text,
      mediaUrls: z.array(text),
      status: z.enum(['queued', 'sending', 'sent', 'failed', 'suppressed', 'expired']),
      reason: text.nullable(),
      attempts: z.number().int().nonnegative(),
      notBefore: instant,
      expiresAt: instant.nullable(),
      providerId: text.nullable(),
      createdAt: instant,
      updatedAt: instant,
      sentAt: instant.nullable(),
    }),
    claimedBy: id.nullable(),
    leaseUntil: instant.nullable(),
  }),
  z.object({ kind: z.literal('send_slot'), senderKey: id, nextSlotAt: instant }),
  z.object({
    kind: z.literal('inbound_message'),
    receipt: z.object({
      messageId: id,
      channel: id,
      address: text,
      media: z.array(z.object({ contentType: text, url: text })),
      state: z.enum(['processing', 'done']),
      response: text.nullable(),
      receivedAt: instant,
      completedAt: instant.nullable(),
    }),
    claimedAt: instant,
  }),
  z.object({
    kind: z.literal('delivery'),
    delivery: z.object({
      providerId: id,
      address: text,
      channel: id,
      kind: text.nullable(),
      status: id,
      errorCode: text.nullable(),
      unreachable: z.boolean(),
      createdAt: instant,
      updatedAt: instant,
    }),
  }),
  z.object({ kind: z.literal('state'), key: id, value: z.record(z.string(), z.unknown()) }),
]);

const HEADER = z.object({ format: z.literal(ARCHIVE_FORMAT), version: z.number().refine((v) => (READABLE_VERSIONS as readonly number[]).includes(v)) });

function invalid(message: string): StoreError {
  return new StoreError('frontdesk_store_invalid_input', message);
}

/** The records of an archive's text; any line that is not one (or a header of another format) refuses the whole file. */
export function parseArchive(content: string): ArchiveRecord[] {
  const lines = content.split('\n');
  const records: ArchiveRecord[] = [];
  let header = false;
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw invalid(`line ${index + 1} is not JSON`);
    }
    if (!header) {
      if (!HEADER.safeParse(value).success) throw invalid(`line ${index + 1} is not a ${ARCHIVE_FORMAT} header of version ${READABLE_VERSIONS.join(' or ')}`);
      header = true;
      return;
    }
    const parsed = RECORD.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw invalid(`line ${index + 1} is not a record: ${issue ? `${issue.path.join('.') || 'the line'}: ${issue.message}` : 'unknown shape'}`);
    }
    records.push(parsed.data as ArchiveRecord);
  });
  if (!header) throw invalid(`the file is empty: no ${ARCHIVE_FORMAT} header`);
  return records;
}

/** The clients a record names, so an import can check they come with it or are already there. */
export function clientIdsNamed(record: ArchiveRecord): string[] {
  switch (record.kind) {
    case 'appointment':
      return [record.appointment.clientId];
    case 'callback':
      return [record.callback.clientId];
    case 'reference':
    case 'preferences':
      return [record.clientId];
    case 'urgent_alert':
      return [record.alert.clientId];
    case 'handoff_ticket':
      return [record.ticket.clientId];
    case 'message':
      return [record.message.clientId];
    case 'outbox':
      return record.message.clientId === null ? [] : [record.message.clientId];
    default:
      return [];
  }
}

const KIND_WORDS: Record<ArchiveRecord['kind'], [string, string]> = {
  client: ['client', 'clients'],
  appointment: ['appointment', 'appointments'],
  callback: ['callback request', 'callback requests'],
  consent: ['consent record', 'consent records'],
  reference: ['conversation reference', 'conversation references'],
  preferences: ["client's preferences", "clients' preferences"],
  notice: ['notice said', 'notices said'],
  urgent_alert: ['urgent alert', 'urgent alerts'],
  handoff_ticket: ['handoff ticket', 'handoff tickets'],
  handoff_rotation: ['round-robin place', 'round-robin places'],
  message: ['logged message', 'logged messages'],
  outbox: ['outbox message', 'outbox messages'],
  send_slot: ['send slot', 'send slots'],
  inbound_message: ['inbound message receipt', 'inbound message receipts'],
  delivery: ['delivery status', 'delivery statuses'],
  state: ['state item', 'state items'],
};

/** How many records of each kind, in words: "3 clients, 5 appointments". */
export function countsOf(records: readonly ArchiveRecord[]): string {
  const counts = new Map<string, number>();
  for (const record of records) counts.set(record.kind, (counts.get(record.kind) ?? 0) + 1);
  if (counts.size === 0) return 'no records';
  return [...counts].map(([kind, n]) => `${n} ${KIND_WORDS[kind as ArchiveRecord['kind']][n === 1 ? 0 : 1]}`).join(', ');
}

/** Every record of the store the settings name, in archive order. */
export async function exportRecords(settings: StoreSettings): Promise<ArchiveRecord[]> {
  const archive = openArchive(settings, { readOnly: true });
  try {
    const records: ArchiveRecord[] = [];
    for await (const record of archive.records()) records.push(record);
    return records;
  } finally {
    await archive.close();
  }
}

export type ImportOutcome =
  | { ok: true }
  /** The store holds data and the import was not told to merge. */
  | { ok: false; reason: 'not_empty' }
  /** Records name clients neither the archive nor the store has. */
  | { ok: false; reason: 'unknown_clients'; clientIds: string[] }
  /** A client's address already belongs to another client in the store. */
  | { ok: false; reason: 'address_taken'; address: string; clientId: string; heldBy: string };

/**
 * Writes the records into the store the settings name: into an empty store, or with `merge` into
 * one that holds data (a record with the same identity is replaced). Everything is checked before
 * the first write, so a refused import writes nothing.
 */
export async function importRecords(
  settings: StoreSettings,
  records: readonly ArchiveRecord[],
  { merge, stores, now }: { merge: boolean; stores: Stores; now: Date },
): Promise<ImportOutcome> {
  const archive = openArchive(settings, { readOnly: false });
  try {
    if (!merge && !(await archive.isEmpty())) return { ok: false, reason: 'not_empty' };
    const carried = new Set(records.flatMap((record) => (record.kind === 'client' ? [record.client.id] : [])));
    const unknown: string[] = [];
    for (const clientId of new Set(records.flatMap(clientIdsNamed))) {
      if (!carried.has(clientId) && (await stores.clients.get(clientId)) === null) unknown.push(clientId);
    }
    if (unknown.length > 0) return { ok: false, reason: 'unknown_clients', clientIds: unknown.sort() };
    for (const record of records) {
      if (record.kind !== 'client') continue;
      const holder = await stores.clients.findByAddress(record.client.address);
      if (holder && holder.id !== record.client.id) {
        return { ok: false, reason: 'address_taken', address: record.client.address, clientId: record.client.id, heldBy: holder.id };
      }
    }
    await archive.restoreAll(records, now);
    return { ok: true };
  } finally {
    await archive.close();
  }
}
