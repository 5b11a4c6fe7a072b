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
import { describeWithRedis } from '../helpers/redis';

const T0 = Date.parse('2026-03-02T14:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
/** Minutes after 2026-03-10T15:00Z as an ISO instant. */
const t = (minutes: number) => new Date(Date.parse('2026-03-10T15:00:00.000Z') + minutes * 60_000).toISOString();

/** A little of everything the archive carries, written through the ports as the bot writes it. */
async function seed(stores: Stores): Promise<{ moved: string; movedTo: string; dana: string }> {
  const dana = await stores.clients.findOrCreateByAddress('+15555550101', 'sms', at(0));
  await stores.clients.setName(dana.id, 'Dana Reyes');
  await stores.clients.setLanguage(dana.id, 'es');
  const lee = await stores.clients.findOrCreateByAddress('slack:U123', 'slack', at(1));
  await stores.clients.findOrCreateByAddress('emulator:user-3', 'emulator', at(2));

  const first = await stores.appointments.book({ clientId: dana.id, serviceId: 'haircut', staffId: 'lead', start: t(0), end: t(30) }, at(3));
  const second = await stores.appointments.book({ clientId: lee.id, serviceId: 'colour', staffId: 'lead', start: t(60), end: t(180) }, at(4));
  const third = await stores.appointments.book({ clientId: lee.id, serviceId: 'trim', staffId: 'second', start: t(300), end: t(315) }, at(5));
  if (!first.ok || !second.ok || !third.ok) throw new Error('seed bookings refused');
  // Moved earlier, so the new appointment starts before the one it replaced.
  const moved = await stores.appointments.reschedule(third.appointment.id, { staffId: 'second', start: t(200), end: t(215) }, at(6));
  if (!moved.ok) throw new Error('seed move refused');
  await stores.appointments.markConfirmed(first.appointment.id, at(7));
  await stores.appointments.markRunningLate(second.appointment.id, 10, at(8));
  const cancelled = await stores.appointments.book({ clientId: dana.id, serviceId: 'haircut', staffId: 'lead', start: t(400), end: t(430) }, at(9));
  if (!cancelled.ok) throw new Error('seed booking refused');
  await stores.appointments.cancel(cancelled.appointment.id, at(10));

  await stores.callbacks.add({ clientId: dana.id, reason: 'human', text: 'can I talk to someone' }, at(11));
  await stores.callbacks.add({ clientId: lee.id, reason: 'after_hours', text: 'call me back' }, at(12));
  await stores.consent.optOut('+15555550199', 'keyword', at(13));
  await stores.consent.markUnreachable?.('+15555550101', '30005', at(14));
  await stores.references.save(dana.id, 'sms', { channelId: 'sms', conversation: { id: 'a' } as never }, at(15));
  await stores.references.save(dana.id, 'whatsapp', { channelId: 'whatsapp', conversation: { id: 'b' } as never }, at(16));
  await stores.references.setPreferredChannel(dana.id, 'whatsapp', at(17));
  await stores.notices.claim(`first-contact:${dana.id}`, at(18));
  await stores.urgentAlerts.record(
    { clientId: lee.id, keyword: 'flood', text: 'water everywhere', openNow: false, onCallName: 'Sam', notified: ['sms'], outcome: 'on_call_notified' },
    at(19),
  );
  await stores.state.write({ 'sms/conversations/a': { dialogStack: [{ id: 'book' }], step: 2 }, 'sms/users/b': { seen: true } });
  return { moved: third.appointment.id, movedTo: moved.appointment.id, dana: dana.id };
}

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
    expect(new Set(exported.map((record) => record.kind))).toEqual(
      new Set(['client', 'appointment', 'callback', 'consent', 'reference', 'preferences', 'notice', 'urgent_alert', 'state']),
    );

    const target = redisAt();
    const into = target.archive();
    expect(await into.isEmpty()).toBe(true);
    await into.restoreAll(exported);
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
  });

  it('carries every record from Redis to a new SQLite file as it was, in one transaction', async () => {
    const source = redisAt();
    const ids = await seed(source.stores());
    const exported = await all(source.archive());

    const target = sqlite('target');
    const into = target.archive(false);
    expect(await into.isEmpty()).toBe(true);
    await into.restoreAll(exported);
    expect(await all(into)).toEqual(exported);

    const stores = target.stores();
    expect((await stores.appointments.reschedule(ids.moved, { staffId: 'second', start: t(200), end: t(215) }, at(31))).ok).toBe(true);
    expect(await stores.appointments.book({ clientId: ids.dana, serviceId: 'trim', staffId: 'lead', start: t(150), end: t(165) }, at(30))).toEqual({
      ok: false,
      reason: 'slot_taken',
    });
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
    await expect(into.restoreAll(broken)).rejects.toThrow(/FOREIGN KEY/);
    expect(await into.isEmpty()).toBe(true);
  });

  it('replaces a record with the same identity when imported again, indexing it by its new state', async () => {
    const source = sqlite('source');
    await seed(source.stores());
    const exported = await all(source.archive(true));
    const target = redisAt();
    const into = target.archive();
    await into.restoreAll(exported);

    const booked = exported.find((record) => record.kind === 'appointment' && record.appointment.status === 'booked' && record.appointment.staffId === 'lead');
    if (booked?.kind !== 'appointment') throw new Error('no booked appointment exported');
    await into.restoreAll([{ kind: 'appointment', appointment: { ...booked.appointment, status: 'cancelled' } }]);

    const stores = target.stores();
    expect(await stores.appointments.get(booked.appointment.id)).toMatchObject({ status: 'cancelled' });
    // Cancelled now, it no longer holds its slot.
    const { start, end } = booked.appointment;
    expect((await stores.appointments.book({ clientId: booked.appointment.clientId, serviceId: 'haircut', staffId: 'lead', start, end }, at(60))).ok).toBe(true);
    expect((await all(into)).filter((record) => record.kind === 'appointment')).toHaveLength(exported.filter((record) => record.kind === 'appointment').length + 1);
  });
});
