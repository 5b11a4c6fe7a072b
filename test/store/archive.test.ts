// Moving a business between stores: every archived record of a SQLite file goes to Redis and back
// as it was, and the store that takes them behaves as the one they came from (the booked slots
// still block, a moved appointment still answers its repeat, an opt-out still holds).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ArchiveRecord, StoreArchive } from '../../bot/ports/archive';
import type { Stores } from '../../bot/ports/stores';
import { openRedisStores } from '../../bot/store/redis';
import { openRedisArchive } from '../../bot/store/redis/archive';
import { openSqliteStores } from '../../bot/store/sqlite';
import { openSqliteArchive } from '../../bot/store/sqlite/archive';
import { CLAIM, EVERY_KIND, SMS_SENDER, at, seed, t, type Seeded } from '../helpers/every-record';
import { describeWithRedis } from '../helpers/redis';

/** The handoff queue, message log, outbox, receipts and deliveries answer in `stores` as they do in `before`. */
async function expectSameQueues(stores: Stores, before: Stores, ids: Seeded): Promise<void> {
  expect(await stores.handoffs.listWaiting()).toEqual(await before.handoffs.listWaiting());
  expect(await stores.handoffs.listClaimed()).toEqual(await before.handoffs.listClaimed());
  expect(await stores.handoffs.get(ids.tickets.resolved)).toEqual(await before.handoffs.get(ids.tickets.resolved));
  expect(await stores.handoffs.recentHandlingMillis(5)).toEqual([4 * 60_000]);
  expect(await stores.handoffs.roundRobinCursor()).toBe('USTAFF0002');
  expect((await stores.handoffs.findByStaffThread('CSTAFF0001', '1773100000.000100'))?.id).toBe(ids.tickets.waiting);
  expect(await stores.handoffs.position(ids.tickets.waiting)).toBe(1);
  // The client's place in line came along: asking again finds the ticket, and the next ticket gets the next number.
  expect(await stores.handoffs.enqueue({ clientId: ids.dana, channel: 'sms', conversationId: 'x', reason: 'asked_for_person', urgent: false }, at(50))).toMatchObject({
    created: false,
    ticket: { id: ids.tickets.claimed },
  });
  const third = await stores.clients.findByAddress('emulator:user-3');
  expect((await stores.handoffs.enqueue({ clientId: third!.id, channel: 'emulator', conversationId: 'c3', reason: 'faq_miss', urgent: false }, at(50))).ticket.number).toBe(4);

  expect(await stores.messageLog.recentForClient(ids.dana, 10)).toEqual(await before.messageLog.recentForClient(ids.dana, 10));
  expect((await stores.messageLog.search('miercoles', 10)).map((m) => m.text)).toEqual(['Quiero hablar con alguien sobre mi cita del miércoles']);
  expect((await stores.messageLog.search('flood sho', 10)).map((m) => m.clientId)).toEqual([ids.lee]);
  expect(await stores.messageLog.search('thursday', 10)).toEqual(await before.messageLog.search('thursday', 10));

  expect(await stores.outbox.list()).toEqual(await before.outbox.list());
  expect(await stores.outbox.lastSent({ clientId: ids.lee, kind: 'staff_reply', since: at(0) })).toMatchObject({ id: ids.outbox.sent, providerId: 'SMsent0001' });
  const reminder = await stores.outbox.get(ids.outbox.reminder);
  const again = { dedupeKey: reminder!.dedupeKey, address: reminder!.address, channel: 'sms', senderKey: SMS_SENDER, kind: 'reminder', text: 'again', notBefore: at(40).toISOString() };
  expect(await stores.outbox.enqueue(again, at(50))).toEqual({ created: false, message: reminder });
  // Before its lease ends the leased message is nobody else's; after it, it is taken over once; the held one never is.
  expect(await stores.outbox.claimNext(at(33.5), { ...CLAIM, workerId: 'worker-2' })).toBeNull();
  const takenOver = [await stores.outbox.claimNext(at(41), { ...CLAIM, workerId: 'worker-2' }), await stores.outbox.claimNext(at(41), { ...CLAIM, workerId: 'worker-2' })];
  expect(takenOver.map((m) => m?.id).sort()).toEqual([ids.outbox.leased, ids.outbox.reminder].sort());
  const later: Array<string | undefined> = [];
  for (let i = 0; i < 4; i += 1) later.push((await stores.outbox.claimNext(at(200 + 2 * i), { ...CLAIM, workerId: 'worker-3' }))?.id);
  expect(later).not.toContain(ids.outbox.held);

  const retried = await stores.inboundMessages.claim({ messageId: 'SMin0001', channel: 'sms', address: '+15555550101', media: [] }, at(51), 60_000);
  expect(retried).toEqual({ claimed: false, record: await before.inboundMessages.get('SMin0001') });
  expect((await stores.inboundMessages.claim({ messageId: 'SMin0002', channel: 'sms', address: '+15555550101', media: [] }, at(35.5), 60_000)).claimed).toBe(false);
  expect(await stores.inboundMessages.lastReceivedAt('+15555550101', 'sms')).toBe(at(35).toISOString());

  expect(await stores.deliveries.get('SMsent0001')).toEqual(await before.deliveries.get('SMsent0001'));
  expect(await stores.deliveries.isUnreachable('+15555550188')).toBe(true);
  expect(await stores.deliveries.isUnreachable('+15555550101')).toBe(false);
}

/** An archive's records as a set of JSON lines, to compare two exports whatever their order. */
const asSet = (records: readonly ArchiveRecord[]): string[] => records.map((record) => JSON.stringify(record)).sort();

async function all(archive: StoreArchive): Promise<ArchiveRecord[]> {
  const records: ArchiveRecord[] = [];
  for await (const record of archive.records()) records.push(record);
  return records;
}

describeWithRedis('moving the data between stores', (redis) => {
  let dir: string;
  let open: Array<{ close(): Promise<void> }>;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-archive-'));
    open = [];
  });

  afterEach(async () => {
    for (const thing of open.reverse()) await thing.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function track<T extends { close(): Promise<void> }>(thing: T): T {
    open.push(thing);
    return thing;
  }

  const sqlite = (name: string) => {
    const file = path.join(dir, `${name}.sqlite`);
    return {
      stores: () => track(openSqliteStores({ file })),
      archive: (readOnly: boolean) => track(openSqliteArchive({ file, readOnly })),
    };
  };
  const redisAt = () => {
    const prefix = redis.prefix();
    return {
      stores: () => track(openRedisStores({ url: redis.url(), prefix })),
      archive: () => track(openRedisArchive({ url: redis.url(), prefix })),
    };
  };

  it('carries every record from SQLite to Redis as it was, and Redis answers as SQLite did', async () => {
    const source = sqlite('source');
    const ids = await seed(source.stores());
    const exported = await all(source.archive(true));
    expect(new Set(exported.map((record) => record.kind))).toEqual(new Set(EVERY_KIND));

    const target = redisAt();
    const into = target.archive();
    expect(await into.isEmpty()).toBe(true);
    await into.restoreAll(exported, at(45));
    expect(await into.isEmpty()).toBe(false);
    expect(await all(into)).toEqual(exported);

    const stores = target.stores();
    const before = source.stores();
    expect(await stores.clients.list()).toEqual(await before.clients.list());
    expect(await stores.appointments.list()).toEqual(await before.appointments.list());
    expect(await stores.appointments.findBookedBetween(t(0), t(500))).toEqual(await before.appointments.findBookedBetween(t(0), t(500)));
    // The booked sets came with them: the lead's two-hour colour still blocks, the client's own times still count.
    expect(await stores.appointments.book({ clientId: ids.dana, serviceId: 'trim', staffId: 'lead', start: t(150), end: t(165) }, at(30))).toEqual({
      ok: false,
      reason: 'slot_taken',
    });
    expect((await stores.appointments.book({ clientId: ids.dana, serviceId: 'trim', staffId: 'second', start: t(10), end: t(20) }, at(30)))).toMatchObject({
      ok: false,
      reason: 'client_overlap',
    });
    const repeat = await stores.appointments.reschedule(ids.moved, { staffId: 'second', start: t(200), end: t(215) }, at(31));
    expect(repeat).toMatchObject({ ok: true, existing: true, appointment: { id: ids.movedTo } });
    expect(await stores.callbacks.listOpen()).toEqual(await before.callbacks.listOpen());
    expect(await stores.consent.isOptedOut('+15555550199')).toBe(true);
    expect(await stores.consent.get?.('+15555550101')).toEqual(await before.consent.get?.('+15555550101'));
    expect(await stores.references.channels(ids.dana)).toEqual(['whatsapp', 'sms']);
    expect(await stores.references.preferences(ids.dana)).toEqual({ preferredChannel: 'whatsapp', zone: null });
    expect(await stores.notices.claim(`first-contact:${ids.dana}`, at(40))).toBe(false);
    expect(await stores.urgentAlerts.list()).toEqual(await before.urgentAlerts.list());
    expect(await stores.state.read(['sms/conversations/a'])).toEqual({
      'sms/conversations/a': { dialogStack: [{ id: 'book' }], step: 2, eTag: expect.any(String) },
    });
    expect((await stores.clients.findOrCreateByAddress('+15555550101', 'sms', at(50))).name).toBe('Dana Reyes');
    await expectSameQueues(stores, before, ids);
  });

  it('carries every record from Redis to a new SQLite file as it was, in one transaction', async () => {
    const source = redisAt();
    const ids = await seed(source.stores());
    const exported = await all(source.archive());

    expect(new Set(exported.map((record) => record.kind))).toEqual(new Set(EVERY_KIND));

    const target = sqlite('target');
    const into = target.archive(false);
    expect(await into.isEmpty()).toBe(true);
    await into.restoreAll(exported, at(45));
    expect(await all(into)).toEqual(exported);

    const stores = target.stores();
    await expectSameQueues(stores, source.stores(), ids);
    expect((await stores.appointments.reschedule(ids.moved, { staffId: 'second', start: t(200), end: t(215) }, at(31))).ok).toBe(true);
    expect(await stores.appointments.book({ clientId: ids.dana, serviceId: 'trim', staffId: 'lead', start: t(150), end: t(165) }, at(30))).toEqual({
      ok: false,
      reason: 'slot_taken',
    });
  });

  it('gives the same records after a round trip SQLite -> Redis -> SQLite, and each store finds the messages by their words', async () => {
    const source = sqlite('source');
    await seed(source.stores());
    const first = await all(source.archive(true));
    const redisStore = redisAt();
    await redisStore.archive().restoreAll(first, at(45));
    const middle = await all(redisStore.archive());
    const back = sqlite('back');
    await back.archive(false).restoreAll(middle, at(46));
    const last = await all(back.archive(true));

    expect(asSet(middle)).toEqual(asSet(first));
    expect(asSet(last)).toEqual(asSet(first));
    for (const stores of [redisStore.stores(), back.stores()]) {
      expect((await stores.messageLog.search('alguien miérc', 10)).map((m) => m.author)).toEqual(['client']);
      expect((await stores.messageLog.search('prefers', 10)).map((m) => m.internal)).toEqual([true]);
    }
  });

  it('writes nothing of an import into SQLite when one record cannot go in', async () => {
    const source = sqlite('source');
    await seed(source.stores());
    const exported = await all(source.archive(true));
    // An appointment of a client the archive does not carry: the foreign key refuses it at the commit.
    const orphan = exported.find((record) => record.kind === 'appointment');
    if (orphan?.kind !== 'appointment') throw new Error('no appointment exported');
    const broken: ArchiveRecord[] = [...exported, { kind: 'appointment', appointment: { ...orphan.appointment, id: 'apt_orphan', clientId: 'cli_nobody' } }];

    const into = sqlite('target').archive(false);
    await expect(into.restoreAll(broken, at(45))).rejects.toThrow(/FOREIGN KEY/);
    expect(await into.isEmpty()).toBe(true);
  });

  it.each(['SQLite', 'Redis'])('replaces a logged message, a ticket and an outbox message imported again into %s, in their indexes too', async (where) => {
    const source = sqlite('source');
    const ids = await seed(source.stores());
    const exported = await all(source.archive(true));
    const file = sqlite('target');
    const onRedis = redisAt();
    const target = where === 'SQLite' ? { stores: file.stores, archive: () => file.archive(false) } : onRedis;
    await target.archive().restoreAll(exported, at(45));

    const changed = exported.map((record): ArchiveRecord => {
      if (record.kind === 'message' && record.message.text.includes('miércoles')) return { ...record, message: { ...record.message, text: 'Quiero hablar con alguien sobre mi cita del jueves' } };
      if (record.kind === 'handoff_ticket' && record.ticket.id === ids.tickets.waiting) {
        return { ...record, ticket: { ...record.ticket, state: 'resolved', claimedAt: at(29).toISOString(), claimedBy: 'USTAFF0001', resolvedAt: at(31).toISOString(), resolvedBy: 'USTAFF0001' } };
      }
      if (record.kind === 'outbox' && record.message.id === ids.outbox.reminder) return { ...record, message: { ...record.message, status: 'expired', reason: 'appointment_cancelled' } };
      return record;
    });
    await target.archive().restoreAll(changed, at(46));

    expect(asSet(await all(target.archive()))).toEqual(asSet(changed));
    const stores = target.stores();
    expect(await stores.messageLog.search('miercoles', 10)).toEqual([]);
    expect((await stores.messageLog.search('jueves', 10)).map((m) => m.text)).toEqual(['Quiero hablar con alguien sobre mi cita del jueves']);
    expect(await stores.messageLog.recentForClient(ids.dana, 10)).toHaveLength(3);
    // Resolved now: out of the line, the client free to ask again, its handling time counted.
    expect(await stores.handoffs.listWaiting()).toEqual([]);
    expect(await stores.handoffs.activeForClient(ids.lee)).toBeNull();
    expect((await stores.handoffs.recentHandlingMillis(5)).sort()).toEqual([2 * 60_000, 4 * 60_000].sort());
    // Expired now: not sent when it comes due; the leased one is still taken over.
    expect(await stores.outbox.list({ status: 'queued' })).toEqual([]);
    expect((await stores.outbox.claimNext(at(41), CLAIM))?.id).toBe(ids.outbox.leased);
    expect(await stores.outbox.claimNext(at(41), CLAIM)).toBeNull();
  });

  it('replaces a record with the same identity when imported again, indexing it by its new state', async () => {
    const source = sqlite('source');
    await seed(source.stores());
    const exported = await all(source.archive(true));
    const target = redisAt();
    const into = target.archive();
    await into.restoreAll(exported, at(45));

    const booked = exported.find((record) => record.kind === 'appointment' && record.appointment.status === 'booked' && record.appointment.staffId === 'lead');
    if (booked?.kind !== 'appointment') throw new Error('no booked appointment exported');
    await into.restoreAll([{ kind: 'appointment', appointment: { ...booked.appointment, status: 'cancelled' } }], at(46));

    const stores = target.stores();
    expect(await stores.appointments.get(booked.appointment.id)).toMatchObject({ status: 'cancelled' });
    // Cancelled now, it no longer holds its slot.
    const { start, end } = booked.appointment;
    expect((await stores.appointments.book({ clientId: booked.appointment.clientId, serviceId: 'haircut', staffId: 'lead', start, end }, at(60))).ok).toBe(true);
    expect((await all(into)).filter((record) => record.kind === 'appointment')).toHaveLength(exported.filter((record) => record.kind === 'appointment').length + 1);
  });
});
