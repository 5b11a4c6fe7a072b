// The behaviour every store implementation owes the bot. Each implementation's test file calls
// `describeStoreContract` with a factory that opens a fresh, empty store; nothing here knows which
// implementation it is talking to.
import { ConversationState, TestAdapter } from 'botbuilder';
import type { Appointment, Client } from '../../bot/domain/types';
import type { NewAppointment, Stores } from '../../bot/ports/stores';
import { describeHandoffContract } from './handoff-contract';

export type OpenStore = () => Promise<{ stores: Stores; cleanup: () => Promise<void> }>;

const NOW = new Date('2026-03-02T14:00:00.000Z');
const LATER = new Date('2026-03-02T15:30:00.000Z');
const URL_SAFE_ID = /^[A-Za-z0-9_-]+$/;

/** Minutes after 2026-03-10T15:00Z (a Tuesday, 11:00 in New York) as an ISO instant. */
function t(minutes: number): string {
  return new Date(Date.parse('2026-03-10T15:00:00.000Z') + minutes * 60_000).toISOString();
}

export function describeStoreContract(name: string, open: OpenStore): void {
  describe(`${name} store contract`, () => {
    let stores: Stores;
    let cleanup: () => Promise<void>;
    let client: Client;
    let otherClient: Client;

    beforeEach(async () => {
      ({ stores, cleanup } = await open());
      client = await stores.clients.findOrCreateByAddress('+15555550101', 'sms', NOW);
      otherClient = await stores.clients.findOrCreateByAddress('emulator:user-2', 'emulator', NOW);
    });

    afterEach(async () => {
      await cleanup();
    });

    function slot(start: number, end: number, overrides: Partial<NewAppointment> = {}): NewAppointment {
      return { clientId: client.id, serviceId: 'haircut', staffId: 'lead', start: t(start), end: t(end), ...overrides };
    }

    async function mustBook(input: NewAppointment, now: Date = NOW): Promise<Appointment> {
      const result = await stores.appointments.book(input, now);
      if (!result.ok) throw new Error(`expected ${JSON.stringify(input)} to book, got ${result.reason}`);
      return result.appointment;
    }

    describe('appointments: book', () => {
      it('books a free slot and returns the stored appointment', async () => {
        const result = await stores.appointments.book(slot(0, 30), NOW);

        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.appointment).toEqual({
          id: expect.stringMatching(URL_SAFE_ID),
          clientId: client.id,
          serviceId: 'haircut',
          staffId: 'lead',
          start: t(0),
          end: t(30),
          status: 'booked',
          createdAt: NOW.toISOString(),
          updatedAt: NOW.toISOString(),
          rescheduledFrom: null,
          confirmedAt: null,
        });
        expect(await stores.appointments.get(result.appointment.id)).toEqual(result.appointment);
      });

      it('gives every appointment its own id', async () => {
        const ids = new Set<string>();
        for (let i = 0; i < 20; i += 1) ids.add((await mustBook(slot(i * 30, i * 30 + 30))).id);
        expect(ids.size).toBe(20);
      });

      // Existing booking: lead, [0, 30).
      it.each([
        ['the same time', 0, 30, 'lead', false],
        ['a start inside it', 15, 45, 'lead', false],
        ['an end inside it', -15, 15, 'lead', false],
        ['a slot that contains it', -60, 60, 'lead', false],
        ['a slot inside it', 10, 20, 'lead', false],
        ['a slot ending exactly when it starts', -30, 0, 'lead', true],
        ['a slot starting exactly when it ends', 30, 60, 'lead', true],
        ['the same time with another staff member', 0, 30, 'barber', true],
      ] as const)('against a booking of the lead stylist, %s is %s', async (_label, start, end, staffId, free) => {
        await mustBook(slot(0, 30));
        const result = await stores.appointments.book(slot(start, end, { staffId, clientId: otherClient.id }), LATER);
        expect(result.ok).toBe(free);
        if (!free) expect(result).toEqual({ ok: false, reason: 'slot_taken' });
      });

      it('writes nothing when the slot is taken', async () => {
        const first = await mustBook(slot(0, 30));
        await stores.appointments.book(slot(0, 30, { clientId: otherClient.id }), LATER);
        expect(await stores.appointments.list()).toEqual([first]);
      });

      it('lets a cancelled appointment free its slot', async () => {
        const first = await mustBook(slot(0, 30));
        await stores.appointments.cancel(first.id, NOW);
        const again = await stores.appointments.book(slot(0, 30, { clientId: otherClient.id }), LATER);
        expect(again.ok).toBe(true);
      });

      it('lets the old time of a rescheduled appointment be booked by someone else', async () => {
        const first = await mustBook(slot(0, 30));
        await stores.appointments.reschedule(first.id, { staffId: 'lead', start: t(120), end: t(150) }, NOW);
        const again = await stores.appointments.book(slot(0, 30, { clientId: otherClient.id }), LATER);
        expect(again.ok).toBe(true);
      });

      it('treats the two 1:30 AMs of 2026-11-01 in New York as different instants', async () => {
        // 01:30 EDT and 01:30 EST, an hour apart: the wall clock repeats, the instants do not.
        const firstOneThirty = { ...slot(0, 0), start: '2026-11-01T05:30:00.000Z', end: '2026-11-01T06:00:00.000Z' };
        const secondOneThirty = { ...slot(0, 0), start: '2026-11-01T06:30:00.000Z', end: '2026-11-01T07:00:00.000Z' };
        expect((await stores.appointments.book(firstOneThirty, NOW)).ok).toBe(true);
        expect((await stores.appointments.book(secondOneThirty, NOW)).ok).toBe(true);
        expect(await stores.appointments.book({ ...firstOneThirty, clientId: otherClient.id }, NOW)).toEqual({
          ok: false,
          reason: 'slot_taken',
        });
      });

      it('blocks 3:00 AM on 2026-03-08 in New York for an hour booked from 1:30 AM across the gap', async () => {
        // 01:30 EST is 06:30Z; clocks jump from 02:00 to 03:00, so 03:00 EDT is 07:00Z, inside the hour.
        await mustBook({ ...slot(0, 0), start: '2026-03-08T06:30:00.000Z', end: '2026-03-08T07:30:00.000Z' });
        const threeAm = { ...slot(0, 0), clientId: otherClient.id, start: '2026-03-08T07:00:00.000Z', end: '2026-03-08T07:30:00.000Z' };
        expect(await stores.appointments.book(threeAm, NOW)).toEqual({ ok: false, reason: 'slot_taken' });
      });

      it('refuses an appointment that does not end after it starts', async () => {
        await expect(stores.appointments.book(slot(30, 30), NOW)).rejects.toThrow();
        await expect(stores.appointments.book(slot(30, 0), NOW)).rejects.toThrow();
        expect(await stores.appointments.list()).toEqual([]);
      });

      it('books exactly one of many concurrent requests for the same slot', async () => {
        const racers = await Promise.all(
          Array.from({ length: 12 }, (_, i) =>
            stores.clients.findOrCreateByAddress(`+1555555020${i.toString().padStart(2, '0')}`, 'sms', NOW),
          ),
        );
        const results = await Promise.all(
          racers.map((racer, i) => stores.appointments.book(slot(i % 3, 30 + (i % 3), { clientId: racer.id }), NOW)),
        );

        const winners = results.filter((result) => result.ok);
        expect(winners).toHaveLength(1);
        expect(results.filter((result) => !result.ok)).toEqual(
          Array.from({ length: 11 }, () => ({ ok: false, reason: 'slot_taken' })),
        );
        expect(await stores.appointments.findBookedBetween(t(-60), t(60), 'lead')).toHaveLength(1);
      });
    });

    describe('appointments: reschedule', () => {
      it('books the new time as a new appointment and marks the old one rescheduled, in one step', async () => {
        const old = await mustBook(slot(0, 30));

        const result = await stores.appointments.reschedule(old.id, { staffId: 'barber', start: t(60), end: t(90) }, LATER);

        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.appointment).toEqual({
          id: expect.stringMatching(URL_SAFE_ID),
          clientId: client.id,
          serviceId: 'haircut',
          staffId: 'barber',
          start: t(60),
          end: t(90),
          status: 'booked',
          createdAt: LATER.toISOString(),
          updatedAt: LATER.toISOString(),
          rescheduledFrom: old.id,
          confirmedAt: null,
        });
        expect(result.appointment.id).not.toBe(old.id);
        expect(result.previous).toEqual({ ...old, status: 'rescheduled', updatedAt: LATER.toISOString() });
        expect(await stores.appointments.get(old.id)).toEqual(result.previous);
        expect(await stores.appointments.get(result.appointment.id)).toEqual(result.appointment);
      });

      it('changes the service when a new one is given', async () => {
        const old = await mustBook(slot(0, 30));
        const result = await stores.appointments.reschedule(
          old.id,
          { staffId: 'lead', start: t(60), end: t(150), serviceId: 'color' },
          LATER,
        );
        expect(result.ok && result.appointment.serviceId).toBe('color');
      });

      it('moves an appointment onto a time that overlaps its own old time', async () => {
        const old = await mustBook(slot(0, 30));
        const result = await stores.appointments.reschedule(old.id, { staffId: 'lead', start: t(15), end: t(45) }, LATER);
        expect(result.ok).toBe(true);
        expect(await stores.appointments.findBookedBetween(t(0), t(60), 'lead')).toEqual([
          expect.objectContaining({ start: t(15), end: t(45), rescheduledFrom: old.id }),
        ]);
      });

      it('leaves everything unchanged when the new time is taken', async () => {
        const old = await mustBook(slot(0, 30));
        await mustBook(slot(60, 90, { clientId: otherClient.id }));
        const before = await stores.appointments.list();

        const result = await stores.appointments.reschedule(old.id, { staffId: 'lead', start: t(75), end: t(105) }, LATER);

        expect(result).toEqual({ ok: false, reason: 'slot_taken' });
        expect(await stores.appointments.get(old.id)).toEqual(old);
        expect(await stores.appointments.list()).toEqual(before);
      });

      it('reports an unknown appointment as not found', async () => {
        const result = await stores.appointments.reschedule('apt_nosuchthing', { staffId: 'lead', start: t(0), end: t(30) }, NOW);
        expect(result).toEqual({ ok: false, reason: 'not_found' });
        expect(await stores.appointments.list()).toEqual([]);
      });

      type Retire = (s: Stores, id: string) => Promise<unknown>;
      const retirements: [string, Retire][] = [
        ['cancelled', (s, id) => s.appointments.cancel(id, NOW)],
        ['already rescheduled', (s, id) => s.appointments.reschedule(id, { staffId: 'lead', start: t(300), end: t(330) }, NOW)],
      ];
      it.each(retirements)('refuses to move an appointment that is %s', async (_label, retire) => {
        const old = await mustBook(slot(0, 30));
        await retire(stores, old.id);
        const before = await stores.appointments.list();

        const result = await stores.appointments.reschedule(old.id, { staffId: 'lead', start: t(60), end: t(90) }, LATER);

        expect(result).toEqual({ ok: false, reason: 'not_active' });
        expect(await stores.appointments.list()).toEqual(before);
      });
    });

    describe('appointments: staff chosen at commit', () => {
      it('gives the first staff member free then, in the order given', async () => {
        await mustBook(slot(0, 30, { clientId: otherClient.id }));
        const result = await stores.appointments.book(slot(0, 30, { otherStaffIds: ['barber'] }), LATER);
        expect(result).toMatchObject({ ok: true, existing: false, appointment: { staffId: 'barber', clientId: client.id } });
      });

      it('refuses with slot_taken and writes nothing when every staff member given is busy', async () => {
        await mustBook(slot(0, 30, { clientId: otherClient.id }));
        await mustBook(slot(0, 30, { clientId: otherClient.id, staffId: 'barber', serviceId: 'beard-trim', allowClientOverlap: true }), NOW);
        const before = await stores.appointments.list();
        expect(await stores.appointments.book(slot(0, 30, { otherStaffIds: ['barber'] }), LATER)).toEqual({ ok: false, reason: 'slot_taken' });
        expect(await stores.appointments.list()).toEqual(before);
      });

      it('books one of many concurrent requests per staff member free, each with its own staff member', async () => {
        const racers = await Promise.all(
          Array.from({ length: 12 }, (_, i) =>
            stores.clients.findOrCreateByAddress(`+1555555030${i.toString().padStart(2, '0')}`, 'sms', NOW),
          ),
        );
        const results = await Promise.all(
          racers.map((racer) => stores.appointments.book(slot(0, 30, { clientId: racer.id, otherStaffIds: ['barber'] }), NOW)),
        );
        const winners = results.filter((result) => result.ok);
        expect(winners.map((w) => w.ok && w.appointment.staffId).sort()).toEqual(['barber', 'lead']);
        expect(results.filter((result) => !result.ok)).toEqual(Array.from({ length: 10 }, () => ({ ok: false, reason: 'slot_taken' })));
      });

      it('moves an appointment to the next staff member free at the new time', async () => {
        const old = await mustBook(slot(0, 30));
        await mustBook(slot(60, 90, { clientId: otherClient.id }));
        const result = await stores.appointments.reschedule(old.id, { staffId: 'lead', otherStaffIds: ['barber'], start: t(60), end: t(90) }, LATER);
        expect(result).toMatchObject({ ok: true, existing: false, appointment: { staffId: 'barber', start: t(60), rescheduledFrom: old.id } });
      });
    });

    describe("appointments: the client's own bookings", () => {
      it('answers a repeated booking of the same client, service and start with the one already made, writing nothing', async () => {
        const first = await mustBook(slot(0, 30, { otherStaffIds: ['barber'] }));
        const before = await stores.appointments.list();
        const again = await stores.appointments.book(slot(0, 30, { otherStaffIds: ['barber'] }), LATER);
        expect(again).toEqual({ ok: true, appointment: first, existing: true });
        expect(await stores.appointments.list()).toEqual(before);
      });

      it('recognises the booking whichever of the staff allowed took it', async () => {
        const first = await mustBook(slot(0, 30, { staffId: 'barber' }));
        expect(await stores.appointments.book(slot(0, 30, { otherStaffIds: ['barber'] }), LATER)).toEqual({
          ok: true,
          appointment: first,
          existing: true,
        });
      });

      it('recognises a repeat of the same booking made concurrently: one appointment', async () => {
        const results = await Promise.all(
          Array.from({ length: 6 }, () => stores.appointments.book(slot(0, 30, { otherStaffIds: ['barber'] }), NOW)),
        );
        expect(results.filter((r) => r.ok && !r.existing)).toHaveLength(1);
        expect(results.filter((r) => r.ok && r.existing)).toHaveLength(5);
        expect(await stores.appointments.list()).toHaveLength(1);
      });

      it.each([
        ['a start inside it', 15, 45],
        ['a slot that contains it', -30, 60],
        ['the same time with the other staff member', 0, 30],
      ] as const)('refuses the client a second appointment overlapping their own (%s), naming it', async (_label, start, end) => {
        const own = await mustBook(slot(0, 30));
        const before = await stores.appointments.list();
        const result = await stores.appointments.book(slot(start, end, { staffId: 'barber', serviceId: 'beard-trim' }), LATER);
        expect(result).toEqual({ ok: false, reason: 'client_overlap', appointment: own });
        expect(await stores.appointments.list()).toEqual(before);
      });

      it('lets the client hold overlapping appointments when the business allows it', async () => {
        await mustBook(slot(0, 30));
        const result = await stores.appointments.book(slot(15, 45, { staffId: 'barber', serviceId: 'beard-trim', allowClientOverlap: true }), LATER);
        expect(result).toMatchObject({ ok: true, existing: false, appointment: { staffId: 'barber', serviceId: 'beard-trim' } });
      });

      it('does not count a cancelled appointment of the client, nor a touching one, as overlapping', async () => {
        const cancelled = await mustBook(slot(0, 30));
        await stores.appointments.cancel(cancelled.id, NOW);
        await mustBook(slot(30, 60));
        expect((await stores.appointments.book(slot(0, 30, { staffId: 'barber' }), LATER)).ok).toBe(true);
      });

      it('answers a repeated move with the appointment it was moved to, writing nothing', async () => {
        const old = await mustBook(slot(0, 30));
        const target = { staffId: 'lead', otherStaffIds: ['barber'], start: t(60), end: t(90) };
        const moved = await stores.appointments.reschedule(old.id, target, LATER);
        if (!moved.ok) throw new Error('expected the move to succeed');
        const before = await stores.appointments.list();
        const again = await stores.appointments.reschedule(old.id, target, LATER);
        expect(again).toEqual({ ok: true, appointment: moved.appointment, previous: moved.previous, existing: true });
        expect(await stores.appointments.list()).toEqual(before);
      });

      it('refuses moving an appointment onto another of the same client, but not onto its own old time', async () => {
        const first = await mustBook(slot(0, 30));
        const second = await mustBook(slot(60, 90));
        expect(await stores.appointments.reschedule(first.id, { staffId: 'barber', start: t(75), end: t(105) }, LATER)).toEqual({
          ok: false,
          reason: 'client_overlap',
          appointment: second,
        });
        expect((await stores.appointments.reschedule(first.id, { staffId: 'lead', start: t(15), end: t(45) }, LATER)).ok).toBe(true);
      });
    });

    describe('appointments: cancel and confirm', () => {
      it('cancels a booked appointment', async () => {
        const booked = await mustBook(slot(0, 30));
        const result = await stores.appointments.cancel(booked.id, LATER);
        const cancelled = { ...booked, status: 'cancelled', updatedAt: LATER.toISOString() };
        expect(result).toEqual({ ok: true, appointment: cancelled });
        expect(await stores.appointments.get(booked.id)).toEqual(cancelled);
      });

      it('refuses to cancel twice and reports an unknown appointment', async () => {
        const booked = await mustBook(slot(0, 30));
        await stores.appointments.cancel(booked.id, NOW);
        expect(await stores.appointments.cancel(booked.id, LATER)).toEqual({ ok: false, reason: 'not_active' });
        expect((await stores.appointments.get(booked.id))?.updatedAt).toBe(NOW.toISOString());
        expect(await stores.appointments.cancel('apt_nosuchthing', NOW)).toEqual({ ok: false, reason: 'not_found' });
      });

      it('records when the client confirmed, keeping the first confirmation', async () => {
        const booked = await mustBook(slot(0, 30));
        const confirmed = await stores.appointments.markConfirmed(booked.id, LATER);
        expect(confirmed).toEqual({ ...booked, confirmedAt: LATER.toISOString(), updatedAt: LATER.toISOString() });

        const again = await stores.appointments.markConfirmed(booked.id, new Date('2026-03-03T10:00:00.000Z'));
        expect(again?.confirmedAt).toBe(LATER.toISOString());
        expect((await stores.appointments.get(booked.id))?.confirmedAt).toBe(LATER.toISOString());
      });

      it('returns null when confirming or getting an unknown appointment', async () => {
        expect(await stores.appointments.markConfirmed('apt_nosuchthing', NOW)).toBeNull();
        expect(await stores.appointments.get('apt_nosuchthing')).toBeNull();
      });
    });

    describe('appointments: queries', () => {
      it('finds booked appointments overlapping a half-open range, by start, optionally for one staff member', async () => {
        const early = await mustBook(slot(0, 30));
        // One client holding two at once, as a business that allows it may have.
        const barber = await mustBook(slot(15, 45, { staffId: 'barber', allowClientOverlap: true }));
        const late = await mustBook(slot(60, 90));
        const cancelled = await mustBook(slot(30, 60, { allowClientOverlap: true }));
        await stores.appointments.cancel(cancelled.id, NOW);

        expect(await stores.appointments.findBookedBetween(t(0), t(120))).toEqual([early, barber, late]);
        expect(await stores.appointments.findBookedBetween(t(0), t(120), 'lead')).toEqual([early, late]);
        expect(await stores.appointments.findBookedBetween(t(30), t(60))).toEqual([barber]);
        expect(await stores.appointments.findBookedBetween(t(29), t(60), 'lead')).toEqual([early]);
        expect(await stores.appointments.findBookedBetween(t(90), t(120))).toEqual([]);
        expect(await stores.appointments.findBookedBetween(t(0), t(120), 'nobody')).toEqual([]);
      });

      it("lists a client's booked appointments that have not ended yet, soonest first", async () => {
        const now = new Date(t(40));
        const ended = await mustBook(slot(0, 30));
        // Overlapping appointments of one client, as a business that allows them may have.
        const endsNow = await mustBook(slot(10, 40, { staffId: 'barber', allowClientOverlap: true }));
        const inProgress = await mustBook(slot(30, 60, { allowClientOverlap: true }));
        const later = await mustBook(slot(300, 330));
        const soon = await mustBook(slot(120, 150));
        const cancelled = await mustBook(slot(400, 430));
        await stores.appointments.cancel(cancelled.id, NOW);
        await mustBook(slot(200, 230, { clientId: otherClient.id }));

        const upcoming = await stores.appointments.findUpcomingForClient(client.id, now);

        expect(upcoming).toEqual([inProgress, soon, later]);
        expect(upcoming).not.toContainEqual(ended);
        expect(upcoming).not.toContainEqual(endsNow);
        expect(await stores.appointments.findUpcomingForClient('cli_nosuchthing', now)).toEqual([]);
      });

      it('lists every appointment by start time, filtered by start range and status', async () => {
        const third = await mustBook(slot(120, 150));
        const first = await mustBook(slot(0, 30));
        const second = await mustBook(slot(60, 90));
        await stores.appointments.cancel(second.id, LATER);
        const cancelled = { ...second, status: 'cancelled', updatedAt: LATER.toISOString() };

        expect(await stores.appointments.list()).toEqual([first, cancelled, third]);
        expect(await stores.appointments.list({})).toEqual([first, cancelled, third]);
        expect(await stores.appointments.list({ from: t(60) })).toEqual([cancelled, third]);
        expect(await stores.appointments.list({ to: t(60) })).toEqual([first]);
        expect(await stores.appointments.list({ from: t(1), to: t(121) })).toEqual([cancelled, third]);
        expect(await stores.appointments.list({ status: 'booked' })).toEqual([first, third]);
        expect(await stores.appointments.list({ status: 'cancelled', from: t(0), to: t(200) })).toEqual([cancelled]);
        expect(await stores.appointments.list({ status: 'rescheduled' })).toEqual([]);
      });
    });

    describe('clients', () => {
      it('creates a client for a new address, without a name', async () => {
        const created = await stores.clients.findOrCreateByAddress('slack:U123', 'slack', LATER);
        expect(created).toEqual({
          id: expect.stringMatching(URL_SAFE_ID),
          address: 'slack:U123',
          channel: 'slack',
          name: null,
          language: null,
          createdAt: LATER.toISOString(),
        });
        expect(created.id).not.toBe(client.id);
        expect(await stores.clients.get(created.id)).toEqual(created);
        expect(await stores.clients.findByAddress('slack:U123')).toEqual(created);
      });

      it('returns the same record for the same address, however often and whenever it is asked', async () => {
        const again = await stores.clients.findOrCreateByAddress('+15555550101', 'whatsapp', LATER);
        expect(again).toEqual(client);
        expect(await stores.clients.list()).toHaveLength(2);
      });

      it('creates one record when many requests for a new address arrive at once', async () => {
        const results = await Promise.all(
          Array.from({ length: 15 }, () => stores.clients.findOrCreateByAddress('+15555550199', 'sms', LATER)),
        );
        expect(new Set(results.map((found) => found.id)).size).toBe(1);
        expect((await stores.clients.list()).filter((found) => found.address === '+15555550199')).toHaveLength(1);
      });

      it('remembers a name', async () => {
        const named = await stores.clients.setName(client.id, 'Dana Reyes');
        expect(named).toEqual({ ...client, name: 'Dana Reyes' });
        expect(await stores.clients.findByAddress(client.address)).toEqual(named);
        expect(await stores.clients.findOrCreateByAddress(client.address, 'sms', LATER)).toEqual(named);
      });

      it('knows no language for a new client, then remembers the one they write in, with their name', async () => {
        expect(client.language).toBeNull();
        await stores.clients.setName(client.id, 'Dana Reyes');
        const spanish = await stores.clients.setLanguage(client.id, 'es');
        expect(spanish).toEqual({ ...client, name: 'Dana Reyes', language: 'es' });
        expect(await stores.clients.get(client.id)).toEqual(spanish);
        expect((await stores.clients.setLanguage(client.id, 'en'))?.language).toBe('en');
        expect(await stores.clients.setLanguage('cli_nosuchthing', 'es')).toBeNull();
      });

      it('returns null for unknown clients', async () => {
        expect(await stores.clients.get('cli_nosuchthing')).toBeNull();
        expect(await stores.clients.findByAddress('+15555550000')).toBeNull();
        expect(await stores.clients.setName('cli_nosuchthing', 'Nobody')).toBeNull();
      });

      it('lists every client by creation time', async () => {
        const third = await stores.clients.findOrCreateByAddress('slack:U999', 'slack', LATER);
        expect(await stores.clients.list()).toEqual([client, otherClient, third]);
      });
    });

    describe('callback requests', () => {
      it('records a request as open and lists open requests oldest first', async () => {
        const first = await stores.callbacks.add({ clientId: client.id, reason: 'human', text: 'can I talk to someone' }, NOW);
        const second = await stores.callbacks.add({ clientId: otherClient.id, reason: 'human', text: 'a person please' }, LATER);

        expect(first).toEqual({
          id: expect.stringMatching(URL_SAFE_ID),
          clientId: client.id,
          reason: 'human',
          text: 'can I talk to someone',
          status: 'open',
          createdAt: NOW.toISOString(),
        });
        expect(second.id).not.toBe(first.id);
        expect(await stores.callbacks.listOpen()).toEqual([first, second]);
      });

      it('has no open requests at first', async () => {
        expect(await stores.callbacks.listOpen()).toEqual([]);
      });
    });

    describe('bot state storage', () => {
      it('reads back what was written, with an eTag, and only for keys that exist', async () => {
        await stores.state.write({ 'sms/conversations/a': { step: 2, slots: { service: 'haircut', when: null } } });

        const items = await stores.state.read(['sms/conversations/a', 'sms/conversations/missing']);

        expect(Object.keys(items)).toEqual(['sms/conversations/a']);
        expect(items['sms/conversations/a']).toEqual({
          step: 2,
          slots: { service: 'haircut', when: null },
          eTag: expect.any(String),
        });
        expect(await stores.state.read([])).toEqual({});
        expect(await stores.state.read(['never-written'])).toEqual({});
      });

      it('gives each write a new eTag', async () => {
        await stores.state.write({ k: { n: 1 } });
        const first = (await stores.state.read(['k'])).k;
        await stores.state.write({ k: { ...first, n: 2 } });
        const second = (await stores.state.read(['k'])).k;
        expect(second.n).toBe(2);
        expect(second.eTag).not.toBe(first.eTag);
      });

      it('refuses a write based on a stale eTag and keeps the newer value', async () => {
        await stores.state.write({ k: { n: 1 } });
        const seenByA = (await stores.state.read(['k'])).k;
        const seenByB = (await stores.state.read(['k'])).k;
        await stores.state.write({ k: { ...seenByA, n: 2 } });

        await expect(stores.state.write({ k: { ...seenByB, n: 3 } })).rejects.toThrow(Error);

        expect((await stores.state.read(['k'])).k.n).toBe(2);
      });

      it("always writes an item whose eTag is '*' or missing", async () => {
        await stores.state.write({ k: { n: 1 } });
        await stores.state.write({ k: { n: 2, eTag: '*' } });
        expect((await stores.state.read(['k'])).k.n).toBe(2);
        await stores.state.write({ k: { n: 3 } });
        expect((await stores.state.read(['k'])).k.n).toBe(3);
      });

      it('writes a new key even when the item carries an eTag', async () => {
        await stores.state.write({ fresh: { n: 1, eTag: 'from-somewhere-else' } });
        expect((await stores.state.read(['fresh'])).fresh.n).toBe(1);
      });

      it('deletes keys, ignoring ones that do not exist', async () => {
        await stores.state.write({ a: { n: 1 }, b: { n: 2 } });
        await stores.state.delete(['a', 'missing']);
        expect(await stores.state.read(['a', 'b'])).toEqual({ b: { n: 2, eTag: expect.any(String) } });
      });

      it('hands out copies, so changing what was read changes nothing stored', async () => {
        await stores.state.write({ k: { list: [1, 2] } });
        const read = (await stores.state.read(['k'])).k;
        read.list.push(3);
        expect((await stores.state.read(['k'])).k.list).toEqual([1, 2]);
      });

      it('keeps conversation state across turns when used by botbuilder', async () => {
        const conversationState = new ConversationState(stores.state);
        const counter = conversationState.createProperty<number>('turns');
        const adapter = new TestAdapter(async (context) => {
          const turns = (await counter.get(context, 0)) + 1;
          await counter.set(context, turns);
          await context.sendActivity(`turn ${turns}`);
          await conversationState.saveChanges(context);
        });

        await adapter.send('hi').assertReply('turn 1').send('again').assertReply('turn 2').send('more').assertReply('turn 3');
      });
    });

    describeMessageLogContract(() => stores);
    describeMessagingContract(() => stores);
    describeHandoffContract(() => stores);
  });
}

/** Inbound message receipts and delivery status (the Twilio channel's records). */
function describeMessageLogContract(current: () => Stores): void {
  const T0 = new Date('2026-03-02T14:00:00.000Z');
  const seconds = (n: number) => new Date(T0.getTime() + n * 1000);
  const message = (messageId: string, address = '+15555550101', channel = 'sms') => ({
    messageId,
    channel,
    address,
    media: [] as Array<{ contentType: string; url: string }>,
  });

  describe('inbound messages', () => {
    it('lets exactly one of many concurrent claims for one message id through', async () => {
      const log = current().inboundMessages;
      const results = await Promise.all(Array.from({ length: 10 }, () => log.claim(message('SM1'), T0, 60_000)));
      expect(results.filter((r) => r.claimed)).toHaveLength(1);
      expect(results.filter((r) => !r.claimed).map((r) => (r.claimed ? null : r.record.state))).toEqual(Array(9).fill('processing'));
    });

    it('returns the stored response to a claim after the message is done', async () => {
      const log = current().inboundMessages;
      expect(await log.claim(message('SM2'), T0, 60_000)).toEqual({ claimed: true });
      await log.complete('SM2', '<Response><Message>hi</Message></Response>', seconds(1));

      const again = await log.claim(message('SM2'), seconds(500), 60_000);
      expect(again).toEqual({
        claimed: false,
        record: {
          messageId: 'SM2',
          channel: 'sms',
          address: '+15555550101',
          media: [],
          state: 'done',
          response: '<Response><Message>hi</Message></Response>',
          receivedAt: T0.toISOString(),
          completedAt: seconds(1).toISOString(),
        },
      });
    });

    it('hands an unfinished claim to a later claim only once it is stale', async () => {
      const log = current().inboundMessages;
      await log.claim(message('SM3'), T0, 60_000);
      expect((await log.claim(message('SM3'), seconds(59), 60_000)).claimed).toBe(false);
      expect((await log.claim(message('SM3'), seconds(61), 60_000)).claimed).toBe(true);
      expect((await log.claim(message('SM3'), seconds(62), 60_000)).claimed).toBe(false);
    });

    it('never hands a finished message to another claim, however old', async () => {
      const log = current().inboundMessages;
      await log.claim(message('SM4'), T0, 60_000);
      await log.complete('SM4', '<Response/>', T0);
      expect((await log.claim(message('SM4'), seconds(86_400), 60_000)).claimed).toBe(false);
    });

    it('lets a released claim run again, but release leaves finished messages alone', async () => {
      const log = current().inboundMessages;
      await log.claim(message('SM5'), T0, 60_000);
      await log.release('SM5');
      expect(await log.get('SM5')).toBeNull();
      expect((await log.claim(message('SM5'), seconds(1), 60_000)).claimed).toBe(true);
      await log.complete('SM5', '<Response/>', seconds(2));
      await log.release('SM5');
      expect(await log.get('SM5')).toMatchObject({ state: 'done', response: '<Response/>' });
    });

    it('keeps the media that came with a message', async () => {
      const log = current().inboundMessages;
      const media = [
        { contentType: 'image/jpeg', url: 'https://api.example.test/Media/ME1' },
        { contentType: 'video/mp4', url: 'https://api.example.test/Media/ME2' },
      ];
      await log.claim({ ...message('SM6'), media }, T0, 60_000);
      expect((await log.get('SM6'))?.media).toEqual(media);
      expect(await log.get('SM-unknown')).toBeNull();
    });

    it('tells when an address last wrote on a channel', async () => {
      const log = current().inboundMessages;
      expect(await log.lastReceivedAt('+15555550101', 'whatsapp')).toBeNull();
      await log.claim(message('SM7', '+15555550101', 'whatsapp'), T0, 60_000);
      await log.claim(message('SM8', '+15555550101', 'whatsapp'), seconds(30), 60_000);
      await log.claim(message('SM9', '+15555550101', 'sms'), seconds(60), 60_000);
      await log.claim(message('SM10', '+15555550199', 'whatsapp'), seconds(90), 60_000);
      expect(await log.lastReceivedAt('+15555550101', 'whatsapp')).toBe(seconds(30).toISOString());
    });
  });

  describe('deliveries', () => {
    const report = (providerId: string, status: string, extra: { errorCode?: string; unreachable?: boolean; address?: string } = {}) => ({
      providerId,
      address: extra.address ?? '+15555550101',
      channel: 'sms',
      status,
      errorCode: extra.errorCode ?? null,
      unreachable: extra.unreachable ?? false,
    });

    it('follows a sent message to delivered', async () => {
      const log = current().deliveries;
      await log.recordSent({ providerId: 'SMa', address: '+15555550101', channel: 'sms', kind: 'reminder', status: 'queued' }, T0);
      await log.recordStatus(report('SMa', 'sent'), seconds(1));
      const record = await log.recordStatus(report('SMa', 'delivered'), seconds(2));
      expect(record).toEqual({
        providerId: 'SMa',
        address: '+15555550101',
        channel: 'sms',
        kind: 'reminder',
        status: 'delivered',
        errorCode: null,
        unreachable: false,
        createdAt: T0.toISOString(),
        updatedAt: seconds(2).toISOString(),
      });
      expect(await log.get('SMa')).toEqual(record);
    });

    it('ignores a report that arrives after a later stage', async () => {
      const log = current().deliveries;
      await log.recordStatus(report('SMb', 'delivered'), seconds(2));
      const late = await log.recordStatus(report('SMb', 'sent'), seconds(3));
      expect(late).toMatchObject({ status: 'delivered', updatedAt: seconds(2).toISOString() });
    });

    it('keeps the status of a report that beat the send record, and adds the kind', async () => {
      const log = current().deliveries;
      await log.recordStatus(report('SMc', 'delivered'), seconds(1));
      await log.recordSent({ providerId: 'SMc', address: '+15555550101', channel: 'sms', kind: 'staff_reply', status: 'queued' }, seconds(2));
      expect(await log.get('SMc')).toMatchObject({ status: 'delivered', kind: 'staff_reply' });
    });

    it('marks an address unreachable by its latest finished delivery', async () => {
      const log = current().deliveries;
      expect(await log.isUnreachable('+15555550101')).toBe(false);
      await log.recordStatus(report('SMd', 'undelivered', { errorCode: '30005', unreachable: true }), seconds(1));
      expect(await log.get('SMd')).toMatchObject({ errorCode: '30005', unreachable: true });
      expect(await log.isUnreachable('+15555550101')).toBe(true);
      expect(await log.isUnreachable('+15555550199')).toBe(false);
      await log.recordStatus(report('SMe', 'sent'), seconds(2));
      expect(await log.isUnreachable('+15555550101')).toBe(true);
      await log.recordStatus(report('SMe', 'delivered'), seconds(3));
      expect(await log.isUnreachable('+15555550101')).toBe(false);
    });
  });
}

/** Consent, conversation references, the outbound queue and reminders. */
function describeMessagingContract(current: () => Stores): void {
  const T0 = new Date('2026-03-09T14:00:00.000Z');
  const seconds = (n: number) => new Date(T0.getTime() + n * 1000);
  const iso = (n: number) => seconds(n).toISOString();

  describe('consent', () => {
    it('treats an address it never heard of as opted in', async () => {
      expect(await current().consent.isOptedOut('+15555550101')).toBe(false);
      expect(await current().consent.get?.('+15555550101')).toBeNull();
    });

    it('opts an address out and back in, recording source and time', async () => {
      const consent = current().consent;
      await consent.optOut('+15555550101', 'keyword', seconds(0));
      expect(await consent.isOptedOut('+15555550101')).toBe(true);
      expect(await consent.isOptedOut('+15555550102')).toBe(false);
      expect(await consent.get?.('+15555550101')).toEqual({ address: '+15555550101', status: 'opted_out', source: 'keyword', changedAt: iso(0) });
      await consent.optIn('+15555550101', 'keyword', seconds(5));
      expect(await consent.isOptedOut('+15555550101')).toBe(false);
      expect(await consent.get?.('+15555550101')).toMatchObject({ status: 'opted_in', changedAt: iso(5) });
    });

    it('keeps the first opt-out when STOP comes twice', async () => {
      const consent = current().consent;
      await consent.optOut('+15555550101', 'keyword', seconds(0));
      await consent.optOut('+15555550101', 'carrier', seconds(9));
      expect(await consent.get?.('+15555550101')).toMatchObject({ status: 'opted_out', source: 'keyword', changedAt: iso(0) });
    });

    it('notes an unreachable address without opting it out, and forgets it on opt-in', async () => {
      const consent = current().consent;
      await consent.markUnreachable?.('+15555550101', '30005', seconds(1));
      expect(await consent.isOptedOut('+15555550101')).toBe(false);
      expect(await consent.get?.('+15555550101')).toMatchObject({ unreachable: { code: '30005', at: iso(1) } });
      await consent.optIn('+15555550101', 'keyword', seconds(2));
      expect((await consent.get?.('+15555550101'))?.unreachable).toBeUndefined();
    });
  });

  describe('conversation references and preferences', () => {
    it('keeps the latest reference per channel and lists channels by recent use', async () => {
      const stores = current();
      const client = await stores.clients.findOrCreateByAddress('+15555550111', 'sms', T0);
      await stores.references.save(client.id, 'sms', { channelId: 'sms', conversation: { id: 'a' } as never }, seconds(0));
      await stores.references.save(client.id, 'whatsapp', { channelId: 'whatsapp', conversation: { id: 'b' } as never }, seconds(1));
      await stores.references.save(client.id, 'sms', { channelId: 'sms', conversation: { id: 'c' } as never }, seconds(2));
      expect(await stores.references.get(client.id, 'sms')).toEqual({ channelId: 'sms', conversation: { id: 'c' } });
      expect(await stores.references.get(client.id, 'emulator')).toBeNull();
      expect(await stores.references.channels(client.id)).toEqual(['sms', 'whatsapp']);
    });

    it('records a preferred channel, none until then', async () => {
      const stores = current();
      const client = await stores.clients.findOrCreateByAddress('+15555550112', 'sms', T0);
      expect(await stores.references.preferences(client.id)).toEqual({ preferredChannel: null, zone: null });
      await stores.references.setPreferredChannel(client.id, 'whatsapp', seconds(1));
      expect(await stores.references.preferences(client.id)).toEqual({ preferredChannel: 'whatsapp', zone: null });
    });
  });

  describe('outbound queue', () => {
    const message = (overrides: Partial<import('../../bot/ports/messaging').NewOutbound> = {}) => ({
      address: '+15555550101',
      channel: 'sms',
      senderKey: 'sms',
      kind: 'reminder',
      text: 'hello',
      notBefore: iso(0),
      ...overrides,
    });
    const claim = { workerId: 'w1', leaseMs: 60_000, minIntervalMs: 1000 };

    it('stores a message once per dedupe key', async () => {
      const outbox = current().outbox;
      const first = await outbox.enqueue(message({ dedupeKey: 'k1' }), seconds(0));
      const again = await outbox.enqueue(message({ dedupeKey: 'k1', text: 'other' }), seconds(1));
      expect(first.created).toBe(true);
      expect(again).toEqual({ created: false, message: first.message });
      expect(await outbox.list()).toHaveLength(1);
      expect(await outbox.findByDedupeKey('k1')).toEqual(first.message);
    });

    it('hands out due messages oldest first, one per sender per interval', async () => {
      const outbox = current().outbox;
      const a = (await outbox.enqueue(message({ text: 'a' }), seconds(0))).message;
      const b = (await outbox.enqueue(message({ text: 'b', address: '+15555550102' }), seconds(0))).message;
      await outbox.enqueue(message({ text: 'later', address: '+15555550103', notBefore: iso(100) }), seconds(0));
      const w = (await outbox.enqueue(message({ text: 'w', address: '+15555550104', channel: 'whatsapp', senderKey: 'whatsapp' }), seconds(0))).message;

      expect((await outbox.claimNext(seconds(1), claim))?.id).toBe(a.id);
      // The sms sender is busy until 2 s; the WhatsApp sender is not.
      expect((await outbox.claimNext(seconds(1.5), claim))?.id).toBe(w.id);
      expect(await outbox.claimNext(seconds(1.9), claim)).toBeNull();
      const second = await outbox.claimNext(seconds(2), claim);
      expect(second).toMatchObject({ id: b.id, status: 'sending', attempts: 1 });
      expect(await outbox.claimNext(seconds(50), claim)).toBeNull();
    });

    it('hands out what a client is waiting for ahead of other clients\' older messages, keeping each client\'s own order', async () => {
      const outbox = current().outbox;
      await outbox.enqueue(message({ text: 'r1', address: '+15555550111' }), seconds(0));
      const r2 = (await outbox.enqueue(message({ text: 'r2', address: '+15555550112' }), seconds(0))).message;
      // The second client's own reminder came first: their staff reply waits behind it.
      const reply = (await outbox.enqueue(message({ text: 'reply', address: '+15555550112', kind: 'staff_reply', priority: 'now' }), seconds(0))).message;
      await outbox.enqueue(message({ text: 'notice', address: '+15555550113', kind: 'queue_update', priority: 'now' }), seconds(0));
      expect([r2.priority, reply.priority]).toEqual(['normal', 'now']);
      const order: string[] = [];
      for (let i = 1; i <= 4; i++) {
        const claimed = await outbox.claimNext(seconds(i), claim);
        if (!claimed) break;
        order.push(claimed.text);
        await outbox.markSent(claimed.id, 'w1', `P${i}`, seconds(i));
      }
      expect(order).toEqual(['notice', 'r1', 'r2', 'reply']);
      expect((await outbox.get(r2.id))?.sentAt).toBe(seconds(3).toISOString());
    });

    it('spaces claims by the gap given for each sender key, none for a key without one', async () => {
      const outbox = current().outbox;
      const perKey = { ...claim, minIntervalMs: (key: string) => (key === 'sms' ? 1000 : 0) };
      const s1 = (await outbox.enqueue(message({ text: 's1' }), seconds(0))).message;
      const s2 = (await outbox.enqueue(message({ text: 's2', address: '+15555550102' }), seconds(0))).message;
      const c1 = (await outbox.enqueue(message({ text: 'c1', address: 'slack:U1', channel: 'slack', senderKey: 'slack' }), seconds(0))).message;
      const c2 = (await outbox.enqueue(message({ text: 'c2', address: 'slack:U2', channel: 'slack', senderKey: 'slack' }), seconds(0))).message;
      const at = seconds(1);
      const claimed = [await outbox.claimNext(at, perKey), await outbox.claimNext(at, perKey), await outbox.claimNext(at, perKey), await outbox.claimNext(at, perKey)];
      expect(claimed.map((m) => m?.id ?? null)).toEqual([s1.id, c1.id, c2.id, null]);
      expect((await outbox.claimNext(seconds(2), perKey))?.id).toBe(s2.id);
    });

    it('never gives one message to two concurrent claimers', async () => {
      const outbox = current().outbox;
      for (let i = 0; i < 5; i++) await outbox.enqueue(message({ text: `m${i}`, address: `+1555555020${i}`, senderKey: `s${i}` }), seconds(0));
      const claims = await Promise.all(
        Array.from({ length: 10 }, (_, i) => outbox.claimNext(seconds(1), { ...claim, workerId: `w${i}` })),
      );
      const ids = claims.filter((c) => c !== null).map((c) => c!.id);
      expect(ids).toHaveLength(5);
      expect(new Set(ids).size).toBe(5);
    });

    it('finishes a claim as sent, retry or failed only for the worker holding it', async () => {
      const outbox = current().outbox;
      const m = (await outbox.enqueue(message(), seconds(0))).message;
      await outbox.claimNext(seconds(1), claim);
      expect(await outbox.markSent(m.id, 'someone-else', 'SM1', seconds(2))).toBe(false);
      expect(await outbox.markRetry(m.id, 'w1', 'network', seconds(30), seconds(2))).toBe(true);
      expect(await outbox.get(m.id)).toMatchObject({ status: 'queued', reason: 'network', notBefore: iso(30) });
      expect(await outbox.claimNext(seconds(29), claim)).toBeNull();
      expect((await outbox.claimNext(seconds(30), claim))?.attempts).toBe(2);
      expect(await outbox.markSent(m.id, 'w1', 'SM1', seconds(31))).toBe(true);
      expect(await outbox.get(m.id)).toMatchObject({ status: 'sent', providerId: 'SM1', sentAt: iso(31), reason: null });
    });

    it('gives a claim whose lease ran out (a crashed sender) to another worker', async () => {
      const outbox = current().outbox;
      const m = (await outbox.enqueue(message(), seconds(0))).message;
      await outbox.claimNext(seconds(1), claim);
      expect(await outbox.claimNext(seconds(30), { ...claim, workerId: 'w2' })).toBeNull();
      expect(await outbox.claimNext(seconds(61), { ...claim, workerId: 'w2' })).toMatchObject({ id: m.id, attempts: 2 });
      expect(await outbox.markSent(m.id, 'w1', 'SM1', seconds(62))).toBe(false);
    });

    it('holds a message sent but not recorded where no lease expiry hands it out again, and can still mark it sent', async () => {
      const outbox = current().outbox;
      const m = (await outbox.enqueue(message(), seconds(0))).message;
      await outbox.claimNext(seconds(1), claim);
      expect(await outbox.holdSent(m.id, 'someone-else', 'SM1', seconds(2))).toBe(false);
      expect(await outbox.holdSent(m.id, 'w1', 'SM1', seconds(2))).toBe(true);
      expect(await outbox.get(m.id)).toMatchObject({ status: 'sending', reason: 'sent_unrecorded', providerId: 'SM1' });
      expect(await outbox.claimNext(seconds(3600), { ...claim, workerId: 'w2' })).toBeNull();
      expect(await outbox.markSent(m.id, 'w1', 'SM1', seconds(3601))).toBe(true);
      expect(await outbox.get(m.id)).toMatchObject({ status: 'sent', attempts: 1, reason: null });
    });

    it("hands out none of an address's messages while another of its messages is sending, and the next once that one is done", async () => {
      const outbox = current().outbox;
      const first = (await outbox.enqueue(message({ text: 'first' }), seconds(0))).message;
      // A different sender: only the rule for one address can hold the second back.
      const second = (await outbox.enqueue(message({ text: 'second', channel: 'whatsapp', senderKey: 'whatsapp' }), seconds(0))).message;
      const other = (await outbox.enqueue(message({ text: 'other', address: '+15555550102', senderKey: 'other' }), seconds(0))).message;
      expect((await outbox.claimNext(seconds(1), claim))?.id).toBe(first.id);
      expect((await outbox.claimNext(seconds(1), { ...claim, workerId: 'w2' }))?.id).toBe(other.id);
      expect(await outbox.claimNext(seconds(5), { ...claim, workerId: 'w2' })).toBeNull();
      await outbox.markSent(first.id, 'w1', 'SM1', seconds(5));
      expect((await outbox.claimNext(seconds(5), { ...claim, workerId: 'w2' }))?.id).toBe(second.id);
    });

    it("keeps an address's later message behind an earlier one waiting for its retry, and other addresses' messages not", async () => {
      const outbox = current().outbox;
      const first = (await outbox.enqueue(message({ text: 'first' }), seconds(0))).message;
      await outbox.claimNext(seconds(1), claim);
      await outbox.markRetry(first.id, 'w1', 'timeout', seconds(30), seconds(2));
      const second = (await outbox.enqueue(message({ text: 'second', senderKey: 'other' }), seconds(3))).message;
      const other = (await outbox.enqueue(message({ text: 'other', address: '+15555550102', senderKey: 'other' }), seconds(3))).message;
      expect((await outbox.claimNext(seconds(4), claim))?.id).toBe(other.id);
      expect(await outbox.claimNext(seconds(10), claim)).toBeNull();
      expect((await outbox.claimNext(seconds(30), claim))).toMatchObject({ id: first.id, attempts: 2 });
      await outbox.markDone(first.id, 'w1', 'failed', 'timeout', seconds(31));
      expect((await outbox.claimNext(seconds(31), claim))?.id).toBe(second.id);
    });

    it("keeps an address's later message behind an earlier one whose sender died mid-send, until that one is taken over", async () => {
      const outbox = current().outbox;
      const first = (await outbox.enqueue(message({ text: 'first' }), seconds(0))).message;
      await outbox.enqueue(message({ text: 'second', senderKey: 'other' }), seconds(0));
      await outbox.claimNext(seconds(1), claim);
      expect(await outbox.claimNext(seconds(30), { ...claim, workerId: 'w2' })).toBeNull();
      // The lease ran out: the first one is taken over before the second goes.
      expect(await outbox.claimNext(seconds(62), { ...claim, workerId: 'w2' })).toMatchObject({ id: first.id, attempts: 2 });
    });

    it("lets a message held as sent but unrecorded hold back none of the address's later messages", async () => {
      const outbox = current().outbox;
      const first = (await outbox.enqueue(message({ text: 'first' }), seconds(0))).message;
      const second = (await outbox.enqueue(message({ text: 'second', senderKey: 'other' }), seconds(0))).message;
      await outbox.claimNext(seconds(1), claim);
      await outbox.holdSent(first.id, 'w1', 'SM1', seconds(2));
      expect((await outbox.claimNext(seconds(3), claim))?.id).toBe(second.id);
    });

    it("does not hold an address's due message behind its own message planned for later", async () => {
      const outbox = current().outbox;
      await outbox.enqueue(message({ text: 'tomorrow', notBefore: iso(3600) }), seconds(0));
      const now = (await outbox.enqueue(message({ text: 'now' }), seconds(1))).message;
      expect((await outbox.claimNext(seconds(2), claim))?.id).toBe(now.id);
    });

    it('records a suppressed message without ever handing it out', async () => {
      const outbox = current().outbox;
      await outbox.enqueue(message({ status: 'suppressed', reason: 'opted_out' }), seconds(0));
      expect(await outbox.claimNext(seconds(10), claim)).toBeNull();
      expect(await outbox.list({ status: 'suppressed' })).toEqual([expect.objectContaining({ reason: 'opted_out' })]);
    });
  });

  describe('outbox: reminders are its rows', () => {
    const claim = { workerId: 'w1', leaseMs: 60_000, minIntervalMs: 0 };
    const reminder = (clientId: string, key: string, notBefore = iso(0)) => ({
      dedupeKey: key,
      clientId,
      address: '+15555550121',
      channel: 'sms',
      senderKey: 'sms',
      kind: 'reminder',
      text: 'Reminder',
      notBefore,
    });

    it('keeps one row per dedupe key, however often it is planned', async () => {
      const outbox = current().outbox;
      expect((await outbox.enqueue(reminder('c1', 'reminder:a1:before-1440', iso(100)), seconds(0))).created).toBe(true);
      expect((await outbox.enqueue(reminder('c1', 'reminder:a1:before-1440', iso(200)), seconds(1))).created).toBe(false);
      expect((await outbox.list({ kind: 'reminder' })).map((m) => [m.dedupeKey, m.notBefore])).toEqual([['reminder:a1:before-1440', iso(100)]]);
    });

    it('withdraws a queued message, never one being sent or finished', async () => {
      const outbox = current().outbox;
      const queued = (await outbox.enqueue(reminder('c1', 'reminder:a1:k', iso(100)), seconds(0))).message;
      const sending = (await outbox.enqueue({ ...reminder('c2', 'reminder:a2:k'), address: '+15555550122' }, seconds(0))).message;
      await outbox.claimNext(seconds(1), claim);
      expect(await outbox.withdraw(sending.id, 'appointment_changed', seconds(2))).toBe(false);
      expect(await outbox.withdraw(queued.id, 'appointment_changed', seconds(2))).toBe(true);
      expect(await outbox.withdraw(queued.id, 'appointment_changed', seconds(3))).toBe(false);
      expect(await outbox.get(queued.id)).toMatchObject({ status: 'expired', reason: 'appointment_changed' });
      expect(await outbox.markSent(sending.id, 'w1', 'SM1', seconds(3))).toBe(true);
      expect(await outbox.claimNext(seconds(500), { ...claim, workerId: 'w2' })).toBeNull();
    });

    it('finds the message of a kind last sent to a client, only once it is sent', async () => {
      const outbox = current().outbox;
      const first = (await outbox.enqueue(reminder('c1', 'reminder:a1:k'), seconds(0))).message;
      await outbox.enqueue({ ...reminder('c1', 'staff:1'), kind: 'staff_reply' }, seconds(0));
      const since = { clientId: 'c1', kind: 'reminder', since: seconds(0) };
      expect(await outbox.lastSent(since)).toBeNull();
      await outbox.claimNext(seconds(1), claim);
      expect(await outbox.lastSent(since)).toBeNull();
      expect(await outbox.markSent(first.id, 'w1', 'SM1', seconds(2))).toBe(true);
      const staff = await outbox.claimNext(seconds(3), claim);
      await outbox.markSent(staff!.id, 'w1', 'SM2', seconds(4));
      expect(await outbox.lastSent(since)).toMatchObject({ id: first.id, sentAt: iso(2) });
      expect(await outbox.lastSent({ ...since, since: seconds(3) })).toBeNull();
      expect(await outbox.lastSent({ ...since, clientId: 'c2' })).toBeNull();
    });
  });

  describe('appointments: running late', () => {
    it('records minutes late on the appointment', async () => {
      const stores = current();
      const client = await stores.clients.findOrCreateByAddress('+15555550131', 'sms', T0);
      const booked = await stores.appointments.book(
        { clientId: client.id, serviceId: 'haircut', staffId: 'lead', start: iso(3600), end: iso(5400) },
        T0,
      );
      if (!booked.ok) throw new Error('could not book');
      expect(booked.appointment.runningLate).toBeUndefined();
      const late = await stores.appointments.markRunningLate(booked.appointment.id, 10, seconds(5));
      expect(late?.runningLate).toEqual({ minutes: 10, reportedAt: iso(5) });
      expect((await stores.appointments.get(booked.appointment.id))?.runningLate).toEqual({ minutes: 10, reportedAt: iso(5) });
      expect(await stores.appointments.markRunningLate('apt_missing', null, seconds(5))).toBeNull();
    });
  });
}
