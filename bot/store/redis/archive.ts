// Every record of the Redis store as archive records (export), and each written back as it is
// (import). Each store class writes its own kind, so the keys and indexes of a kind stay known to
// one file; this module only walks them.
import type { ConversationReference, StoreItem } from 'botbuilder';
import { deliveryOrder, receiptOrder, type ArchiveRecord, type StoreArchive } from '../../ports/archive';
import type { ConsentRecord } from '../../ports/consent';
import type { UrgentAlert } from '../../ports/norms';
import { silentLogger } from '../../log';
import { RedisAppointmentStore } from './appointment-store';
import { RedisCallbackStore, callbackFromHash } from './callback-store';
import { RedisClientStore } from './client-store';
import { RedisConnection, asUnavailable } from './connection';
import { RedisConsentStore } from './consent-store';
import { redisContext, type RedisContext } from './context';
import { RedisDeliveryLog, deliveryFromHash } from './delivery-log';
import { RedisHandoffStore, ticketFromHash } from './handoff-store';
import { RedisInboundMessageLog, receiptFromHash } from './inbound-message-log';
import { RedisMessageLog, messageFromHash } from './message-log';
import { RedisNoticeLog, RedisUrgentAlertLog } from './norms-store';
import { RedisOutboundQueueStore } from './outbound-queue-store';
import { readHashes, byInstant } from './reads';
import { RedisConversationReferenceStore } from './reference-store';
import { RedisStateStorage } from './state-storage';

/** The keys matching a pattern, sorted (SCAN gives them in no order). */
async function scanKeys(ctx: RedisContext, pattern: string): Promise<string[]> {
  const found = new Set<string>();
  let cursor = '0';
  do {
    const [next, keys] = await ctx.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) found.add(key);
  } while (cursor !== '0');
  return [...found].sort();
}

/** The part of each key after a family's prefix (`keys.consent('')`): the record's own id. */
function idsAfter(family: string, keys: string[]): string[] {
  return keys.filter((key) => key.startsWith(family)).map((key) => key.slice(family.length));
}

export class RedisArchive implements StoreArchive {
  private readonly appointments: RedisAppointmentStore;
  private readonly clients: RedisClientStore;
  private readonly callbacks: RedisCallbackStore;
  private readonly consent: RedisConsentStore;
  private readonly references: RedisConversationReferenceStore;
  private readonly notices: RedisNoticeLog;
  private readonly urgentAlerts: RedisUrgentAlertLog;
  private readonly state: RedisStateStorage;
  private readonly handoffs: RedisHandoffStore;
  private readonly messages: RedisMessageLog;
  private readonly outbox: RedisOutboundQueueStore;
  private readonly receipts: RedisInboundMessageLog;
  private readonly deliveries: RedisDeliveryLog;

  constructor(
    private readonly ctx: RedisContext,
    private readonly onClose: () => Promise<void> = async () => undefined,
  ) {
    this.appointments = new RedisAppointmentStore(ctx);
    this.clients = new RedisClientStore(ctx);
    this.callbacks = new RedisCallbackStore(ctx);
    this.consent = new RedisConsentStore(ctx);
    this.references = new RedisConversationReferenceStore(ctx);
    this.notices = new RedisNoticeLog(ctx);
    this.urgentAlerts = new RedisUrgentAlertLog(ctx);
    this.state = new RedisStateStorage(ctx);
    this.handoffs = new RedisHandoffStore(ctx);
    this.messages = new RedisMessageLog(ctx);
    this.outbox = new RedisOutboundQueueStore(ctx);
    this.receipts = new RedisInboundMessageLog(ctx);
    this.deliveries = new RedisDeliveryLog(ctx);
  }

  // A lost Redis is a StoreUnavailableError here too, as in every store call.
  async *records(): AsyncIterable<ArchiveRecord> {
    try {
      yield* this.walk();
    } catch (error) {
      throw asUnavailable(error);
    }
  }

  async isEmpty(): Promise<boolean> {
    try {
      const { keys } = this.ctx;
      // The probe's short-lived key and the bare sequence counter are not data.
      const probe = keys.probe('');
      const all = await scanKeys(this.ctx, keys.all);
      return all.every((key) => key.startsWith(probe) || key === keys.sequence);
    } catch (error) {
      throw asUnavailable(error);
    }
  }

  // Nothing it writes is stamped at the import: each record carries its own instants.
  async restoreAll(records: readonly ArchiveRecord[], _now?: Date): Promise<void> {
    try {
      // The message log's are written together: it looks up once which of them its clients already
      // have. Their words are indexed before the import ends, as a search would.
      for (const record of records) if (record.kind !== 'message') await this.write(record);
      await this.messages.restore(records.flatMap((record) => (record.kind === 'message' ? [record.message] : [])));
      await this.messages.indexPending();
    } catch (error) {
      throw asUnavailable(error);
    }
  }

  async close(): Promise<void> {
    await this.onClose();
  }

  private async *walk(): AsyncIterable<ArchiveRecord> {
    const { redis, keys } = this.ctx;
    for (const client of await this.clients.list()) yield { kind: 'client', client };
    for (const appointment of await this.appointments.list()) yield { kind: 'appointment', appointment };

    const callbackKeys = await scanKeys(this.ctx, keys.callback('*'));
    const callbacks = (await readHashes(redis, callbackKeys)).map(callbackFromHash).sort(byInstant((request) => request.createdAt));
    for (const callback of callbacks) yield { kind: 'callback', callback };

    for (const address of idsAfter(keys.consent(''), await scanKeys(this.ctx, keys.consent('*')))) {
      const consent: ConsentRecord | null = await this.consent.get(address);
      if (consent) yield { kind: 'consent', consent };
    }

    for (const clientId of idsAfter(keys.referenceChannels(''), await scanKeys(this.ctx, keys.referenceChannels('*')))) {
      const used = await redis.zrange(keys.referenceChannels(clientId), 0, -1, 'WITHSCORES');
      for (let i = 0; i + 1 < used.length; i += 2) {
        const channel = used[i] as string;
        const json = await redis.hget(keys.references(clientId), channel);
        if (json === null) continue;
        const reference = JSON.parse(json) as Partial<ConversationReference>;
        yield { kind: 'reference', clientId, channel, reference, updatedAt: new Date(Number(used[i + 1])).toISOString() };
      }
    }

    for (const clientId of idsAfter(keys.preferences(''), await scanKeys(this.ctx, keys.preferences('*')))) {
      const fields = await redis.hgetall(keys.preferences(clientId));
      yield {
        kind: 'preferences',
        clientId,
        preferredChannel: fields.preferredChannel ?? null,
        zone: fields.zone ?? null,
        updatedAt: fields.updatedAt ?? new Date(0).toISOString(),
      };
    }

    for (const key of idsAfter(keys.notice(''), await scanKeys(this.ctx, keys.notice('*')))) {
      const sentAt = await redis.get(keys.notice(key));
      if (sentAt !== null) yield { kind: 'notice', key, sentAt };
    }

    for (const alert of await this.urgentAlerts.list()) yield { kind: 'urgent_alert', alert };

    const tickets = (await readHashes(redis, await scanKeys(this.ctx, keys.ticket('*')))).map(ticketFromHash).sort((a, b) => a.number - b.number);
    for (const ticket of tickets) yield { kind: 'handoff_ticket', ticket };
    const lastConsoleId = await this.handoffs.roundRobinCursor();
    if (lastConsoleId !== null) yield { kind: 'handoff_rotation', lastConsoleId };

    // Keys of logged messages end in their zero-padded sequence: sorted, they are in the order logged.
    for (const fields of await readHashes(redis, await scanKeys(this.ctx, keys.loggedMessage('*')))) {
      yield { kind: 'message', message: messageFromHash(fields) };
    }

    for (const { message, claimedBy, leaseUntil } of await this.outbox.withClaims()) yield { kind: 'outbox', message, claimedBy, leaseUntil };
    for (const { senderKey, nextSlotAt } of await this.outbox.sendSlots()) yield { kind: 'send_slot', senderKey, nextSlotAt };

    const receipts = (await readHashes(redis, await scanKeys(this.ctx, keys.inboundMessage('*')))).map((fields) => ({
      receipt: receiptFromHash(fields),
      claimedAt: new Date(Number(fields.claimedAtMs ?? 0)).toISOString(),
    }));
    receipts.sort((a, b) => receiptOrder(a.receipt, b.receipt));
    for (const { receipt, claimedAt } of receipts) yield { kind: 'inbound_message', receipt, claimedAt };

    const deliveries = (await readHashes(redis, await scanKeys(this.ctx, keys.delivery('*')))).map(deliveryFromHash);
    for (const delivery of deliveries.sort(deliveryOrder)) yield { kind: 'delivery', delivery };

    const stateKeys = idsAfter(keys.state(''), await scanKeys(this.ctx, keys.state('*')));
    const items = await this.state.read(stateKeys);
    for (const key of stateKeys) {
      const item = items[key] as StoreItem | undefined;
      if (!item) continue;
      const { eTag: _eTag, ...value } = item;
      yield { kind: 'state', key, value };
    }
  }

  private async write(record: ArchiveRecord): Promise<void> {
    switch (record.kind) {
      case 'client':
        return this.clients.restore(record.client);
      case 'appointment':
        return this.appointments.restore(record.appointment);
      case 'callback':
        return this.callbacks.restore(record.callback);
      case 'consent':
        return this.consent.restore(record.consent);
      case 'reference':
        return this.references.save(record.clientId, record.channel, record.reference, new Date(record.updatedAt));
      case 'preferences':
        return this.references.restorePreferences(record.clientId, { preferredChannel: record.preferredChannel, zone: record.zone }, record.updatedAt);
      case 'notice':
        return this.notices.restore(record.key, record.sentAt);
      case 'urgent_alert':
        return this.urgentAlerts.restore(record.alert as UrgentAlert);
      case 'state':
        // Written without an eTag: the item gets a fresh one, as any first write does.
        return this.state.write({ [record.key]: { ...record.value } });
      case 'handoff_ticket':
        return this.handoffs.restore(record.ticket);
      case 'handoff_rotation':
        return this.handoffs.restoreRotation(record.lastConsoleId);
      case 'message':
        return this.messages.restore([record.message]);
      case 'outbox':
        return this.outbox.restore(record.message, record.claimedBy, record.leaseUntil);
      case 'send_slot':
        return this.outbox.restoreSendSlot(record.senderKey, record.nextSlotAt);
      case 'inbound_message':
        return this.receipts.restore(record.receipt, record.claimedAt);
      case 'delivery':
        return this.deliveries.restore(record.delivery);
    }
  }
}

/** The archive of the store at this URL and prefix, on a connection of its own. */
export function openRedisArchive(options: { url: string; prefix: string }): RedisArchive {
  const connection = new RedisConnection({ url: options.url, logger: silentLogger() });
  const ctx = redisContext(connection.redis, options.prefix);
  return new RedisArchive(ctx, () => connection.close());
}
