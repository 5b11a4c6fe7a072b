// The handoff queue and message log part of the store contract (called from store-contract.ts).
import type { Client } from '../../bot/domain/types';
import type { HandoffTicket, NewTicket } from '../../bot/ports/handoff';
import type { Stores } from '../../bot/ports/stores';

const T0 = new Date('2026-03-10T15:00:00.000Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

export function describeHandoffContract(current: () => Stores): void {
  describe('handoff', () => {
    describeTickets(current);
  });
}

function describeTickets(current: () => Stores): void {
  let clients: Client[];

  beforeEach(async () => {
    clients = [];
    for (let i = 0; i < 6; i += 1) clients.push(await current().clients.findOrCreateByAddress(`+1555555020${i}`, 'sms', T0));
  });

  function ticketFor(i: number, overrides: Partial<NewTicket> = {}): NewTicket {
    const client = clients[i] as Client;
    return { clientId: client.id, channel: 'sms', conversationId: `conv-${i}`, reason: 'asked_for_person', urgent: false, ...overrides };
  }

  async function enqueue(i: number, at: Date, overrides: Partial<NewTicket> = {}): Promise<HandoffTicket> {
    const { ticket, created } = await current().handoffs.enqueue(ticketFor(i, overrides), at);
    expect(created).toBe(true);
    return ticket;
  }

  describe('handoff queue', () => {
    it('stores a new ticket as waiting with the next number and nothing claimed', async () => {
      const first = await enqueue(0, T0);
      const second = await enqueue(1, minutes(1));
      expect(second.number).toBe(first.number + 1);
      expect(first).toEqual({
        id: expect.stringMatching(/^[A-Za-z0-9_-]+$/),
        number: first.number,
        clientId: clients[0]?.id,
        channel: 'sms',
        conversationId: 'conv-0',
        reason: 'asked_for_person',
        urgent: false,
        state: 'waiting',
        createdAt: T0.toISOString(),
        claimedAt: null,
        claimedBy: null,
        claimedByName: null,
        resolvedAt: null,
        resolvedBy: null,
        lastNotifiedPosition: null,
        lastNotifiedAt: null,
        nudgedAt: null,
        staffThread: null,
      });
      expect(await current().handoffs.get(first.id)).toEqual(first);
      expect(await current().handoffs.get('tkt_missing')).toBeNull();
    });

    it('gives a client who asks again the place they already hold', async () => {
      const first = await enqueue(0, T0);
      const again = await current().handoffs.enqueue(ticketFor(0, { reason: 'complaint' }), minutes(5));
      expect(again).toEqual({ ticket: first, created: false });
      expect(await current().handoffs.listWaiting()).toHaveLength(1);
    });

    it('lets one of many simultaneous requests of one client create a ticket', async () => {
      const results = await Promise.all(Array.from({ length: 10 }, () => current().handoffs.enqueue(ticketFor(0), T0)));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.ticket.id)).size).toBe(1);
    });

    it('serves urgent tickets first, then first come first served, and numbers positions from 1', async () => {
      const a = await enqueue(0, T0);
      const b = await enqueue(1, minutes(1));
      const urgent = await enqueue(2, minutes(2), { urgent: true, reason: 'urgent' });
      const c = await enqueue(3, minutes(3));
      const laterUrgent = await enqueue(4, minutes(4), { urgent: true });
      const order = (await current().handoffs.listWaiting()).map((t) => t.id);
      expect(order).toEqual([urgent.id, laterUrgent.id, a.id, b.id, c.id]);
      const positions = await Promise.all(order.map((id) => current().handoffs.position(id)));
      expect(positions).toEqual([1, 2, 3, 4, 5]);
    });

    it('moves a waiting ticket marked urgent ahead of the non-urgent ones, and refuses one that is not waiting', async () => {
      const a = await enqueue(0, T0);
      const b = await enqueue(1, minutes(1));
      const c = await enqueue(2, minutes(2));
      const marked = await current().handoffs.markUrgent(c.id);
      expect(marked).toEqual({ ...c, urgent: true });
      expect((await current().handoffs.listWaiting()).map((t) => t.id)).toEqual([c.id, a.id, b.id]);
      expect(await current().handoffs.position(c.id)).toBe(1);
      expect(await current().handoffs.position(a.id)).toBe(2);
      await current().handoffs.claim(a.id, 'U1', null, minutes(3));
      expect(await current().handoffs.markUrgent(a.id)).toBeNull();
      expect(await current().handoffs.markUrgent('tkt_missing')).toBeNull();
      expect((await current().handoffs.get(a.id))?.urgent).toBe(false);
    });

    it('breaks a tie of one instant by ticket number', async () => {
      const a = await enqueue(0, T0);
      const b = await enqueue(1, T0);
      expect((await current().handoffs.listWaiting()).map((t) => t.id)).toEqual([a.id, b.id]);
      expect(await current().handoffs.position(b.id)).toBe(2);
    });

    it('has no position for a claimed or unknown ticket, and those behind move up', async () => {
      const a = await enqueue(0, T0);
      const b = await enqueue(1, minutes(1));
      expect((await current().handoffs.claim(a.id, 'U1', 'Sam', minutes(2))).ok).toBe(true);
      expect(await current().handoffs.position(a.id)).toBeNull();
      expect(await current().handoffs.position('tkt_missing')).toBeNull();
      expect(await current().handoffs.position(b.id)).toBe(1);
      expect((await current().handoffs.listClaimed()).map((t) => t.id)).toEqual([a.id]);
    });

    it('claims a waiting ticket for exactly one of many staff claiming at once', async () => {
      const ticket = await enqueue(0, T0);
      const staff = Array.from({ length: 12 }, (_, i) => `U${i}`);
      const results = await Promise.all(staff.map((id) => current().handoffs.claim(ticket.id, id, `Staff ${id}`, minutes(1))));
      const winners = results.filter((r) => r.ok);
      expect(winners).toHaveLength(1);
      const winner = winners[0];
      if (!winner?.ok) throw new Error('no winner');
      expect(winner.ticket).toMatchObject({ state: 'claimed', claimedAt: minutes(1).toISOString() });
      for (const loser of results.filter((r) => !r.ok)) {
        expect(loser).toEqual({ ok: false, reason: 'already_claimed', by: winner.ticket.claimedBy, byName: winner.ticket.claimedByName });
      }
      expect(await current().handoffs.get(ticket.id)).toEqual(winner.ticket);
    });

    it('refuses to claim an unknown or closed ticket', async () => {
      const ticket = await enqueue(0, T0);
      expect(await current().handoffs.claim('tkt_missing', 'U1', null, T0)).toEqual({ ok: false, reason: 'not_found' });
      await current().handoffs.abandon(ticket.id, minutes(1));
      expect(await current().handoffs.claim(ticket.id, 'U1', null, minutes(2))).toEqual({ ok: false, reason: 'not_waiting' });
    });

    it.each([
      ['resolve', 'resolved', 'U1'],
      ['abandon', 'abandoned', 'client'],
      ['markTimedOut', 'timed_out', 'system'],
    ] as const)('closes an active ticket with %s, once, freeing the client to ask again', async (method, state, by) => {
      const ticket = await enqueue(0, T0);
      const handoffs = current().handoffs;
      const close = (at: Date) => (method === 'resolve' ? handoffs.resolve(ticket.id, 'U1', at) : handoffs[method](ticket.id, at));
      const closed = await close(minutes(3));
      expect(closed).toEqual({ ok: true, ticket: expect.objectContaining({ state, resolvedAt: minutes(3).toISOString(), resolvedBy: by }) });
      expect(await close(minutes(4))).toEqual({ ok: false, reason: 'not_active' });
      expect(await handoffs.activeForClient(ticket.clientId)).toBeNull();
      expect(await handoffs.listWaiting()).toEqual([]);
      const again = await handoffs.enqueue(ticketFor(0), minutes(5));
      expect(again.created).toBe(true);
      expect(again.ticket.number).toBe(ticket.number + 1);
    });

    it('reports unknown tickets as not found when closing them', async () => {
      expect(await current().handoffs.resolve('tkt_missing', 'U1', T0)).toEqual({ ok: false, reason: 'not_found' });
      expect(await current().handoffs.abandon('tkt_missing', T0)).toEqual({ ok: false, reason: 'not_found' });
    });

    it('finds the active ticket of a client, claimed or waiting', async () => {
      const ticket = await enqueue(0, T0);
      expect((await current().handoffs.activeForClient(ticket.clientId))?.id).toBe(ticket.id);
      await current().handoffs.claim(ticket.id, 'U1', 'Sam', minutes(1));
      expect(await current().handoffs.activeForClient(ticket.clientId)).toMatchObject({ id: ticket.id, state: 'claimed', claimedBy: 'U1', claimedByName: 'Sam' });
      expect(await current().handoffs.activeForClient(clients[1]?.id ?? '')).toBeNull();
    });

    it('remembers the staff thread of a ticket and finds the ticket by it', async () => {
      const ticket = await enqueue(0, T0);
      await current().handoffs.setStaffThread(ticket.id, 'C123', '1700000000.000100');
      expect((await current().handoffs.get(ticket.id))?.staffThread).toEqual({ channel: 'C123', ts: '1700000000.000100' });
      expect((await current().handoffs.findByStaffThread('C123', '1700000000.000100'))?.id).toBe(ticket.id);
      expect(await current().handoffs.findByStaffThread('C123', '1700000000.000200')).toBeNull();
    });

    it('gives handling times of resolved tickets, newest first, up to the limit', async () => {
      const handoffs = current().handoffs;
      // Claimed at 1 minute past; resolved 5, 10 and 20 minutes after the claim, in that order.
      for (const [i, handled] of [5, 10, 20].entries()) {
        const ticket = await enqueue(i, T0);
        await handoffs.claim(ticket.id, 'U1', null, minutes(1));
        await handoffs.resolve(ticket.id, 'U1', minutes(1 + handled + i));
      }
      // An abandoned ticket never counts.
      const left = await enqueue(3, T0);
      await handoffs.claim(left.id, 'U1', null, minutes(1));
      await handoffs.abandon(left.id, minutes(90));
      expect(await handoffs.recentHandlingMillis(10)).toEqual([22, 11, 5].map((m) => m * 60_000));
      expect(await handoffs.recentHandlingMillis(2)).toEqual([22, 11].map((m) => m * 60_000));
      expect(await handoffs.recentHandlingMillis(0)).toEqual([]);
    });

    it('records what position the client was last told and when staff were nudged', async () => {
      const ticket = await enqueue(0, T0);
      await current().handoffs.markNotified(ticket.id, 3, minutes(1));
      await current().handoffs.markNudged(ticket.id, minutes(2));
      expect(await current().handoffs.get(ticket.id)).toMatchObject({
        lastNotifiedPosition: 3,
        lastNotifiedAt: minutes(1).toISOString(),
        nudgedAt: minutes(2).toISOString(),
      });
    });
  });

  describe('moved-up notices', () => {
    it('records a notice only for the caller who saw the last one; of concurrent callers exactly one wins', async () => {
      const ticket = await enqueue(0, T0);
      await current().handoffs.markNotified(ticket.id, 3, minutes(1));
      const seen = { position: 3, at: minutes(1).toISOString() };
      const results = await Promise.all(Array.from({ length: 5 }, () => current().handoffs.claimMovedUpNotice(ticket.id, seen, 2, minutes(6))));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await current().handoffs.get(ticket.id)).toMatchObject({ lastNotifiedPosition: 2, lastNotifiedAt: minutes(6).toISOString() });
      // What it saw is stale now.
      expect(await current().handoffs.claimMovedUpNotice(ticket.id, seen, 1, minutes(12))).toBe(false);
      expect(await current().handoffs.claimMovedUpNotice(ticket.id, { position: 2, at: minutes(6).toISOString() }, 1, minutes(12))).toBe(true);
    });

    it('records no notice for a ticket that no longer waits', async () => {
      const ticket = await enqueue(0, T0);
      await current().handoffs.markNotified(ticket.id, 2, minutes(1));
      await current().handoffs.claim(ticket.id, 'U1', null, minutes(2));
      expect(await current().handoffs.claimMovedUpNotice(ticket.id, { position: 2, at: minutes(1).toISOString() }, 1, minutes(6))).toBe(false);
    });
  });

  describe('round-robin rotation', () => {
    const kim = { consoleId: 'U1', name: 'Kim' };
    const lee = { consoleId: 'U2', name: 'Lee' };

    it('has no place before the first hand-out, then keeps the member last handed a ticket', async () => {
      expect(await current().handoffs.roundRobinCursor()).toBeNull();
      const first = await enqueue(0, T0);
      const second = await enqueue(1, T0);
      const claimed = await current().handoffs.claimInTurn(first.id, kim, null, minutes(1));
      expect(claimed).toMatchObject({ ok: true, ticket: { id: first.id, state: 'claimed', claimedBy: 'U1', claimedByName: 'Kim' } });
      expect(await current().handoffs.roundRobinCursor()).toBe('U1');
      expect((await current().handoffs.claimInTurn(second.id, lee, 'U1', minutes(2))).ok).toBe(true);
      expect(await current().handoffs.roundRobinCursor()).toBe('U2');
    });

    it('refuses a hand-out when the turn moved since it was read, changing nothing', async () => {
      const first = await enqueue(0, T0);
      const second = await enqueue(1, T0);
      expect((await current().handoffs.claimInTurn(first.id, kim, null, minutes(1))).ok).toBe(true);
      // A second process read the turn before the hand-out above.
      expect(await current().handoffs.claimInTurn(second.id, lee, null, minutes(1))).toEqual({ ok: false, reason: 'turn_moved' });
      expect((await current().handoffs.get(second.id))?.state).toBe('waiting');
      expect(await current().handoffs.roundRobinCursor()).toBe('U1');
    });

    it('refuses a second ticket to a member who holds one', async () => {
      const first = await enqueue(0, T0);
      const second = await enqueue(1, T0);
      expect((await current().handoffs.claim(first.id, 'U2', 'Lee', minutes(1))).ok).toBe(true);
      expect(await current().handoffs.claimInTurn(second.id, lee, null, minutes(2))).toEqual({ ok: false, reason: 'member_busy' });
      expect((await current().handoffs.get(second.id))?.state).toBe('waiting');
      expect(await current().handoffs.roundRobinCursor()).toBeNull();
    });

    it('reports a ticket taken or closed meanwhile, leaving the turn where it was', async () => {
      const taken = await enqueue(0, T0);
      const closed = await enqueue(1, T0);
      expect((await current().handoffs.claim(taken.id, 'U3', 'Max', minutes(1))).ok).toBe(true);
      await current().handoffs.abandon(closed.id, minutes(1));
      expect(await current().handoffs.claimInTurn(taken.id, kim, null, minutes(2))).toEqual({ ok: false, reason: 'already_claimed', by: 'U3', byName: 'Max' });
      expect(await current().handoffs.claimInTurn(closed.id, kim, null, minutes(2))).toEqual({ ok: false, reason: 'not_waiting' });
      expect(await current().handoffs.claimInTurn('tkt_missing', kim, null, minutes(2))).toEqual({ ok: false, reason: 'not_found' });
      expect(await current().handoffs.roundRobinCursor()).toBeNull();
    });

    it('lets one of many concurrent hand-outs in the same turn through', async () => {
      const tickets = [await enqueue(0, T0), await enqueue(1, T0), await enqueue(2, T0)];
      const members = [kim, lee, { consoleId: 'U3', name: 'Max' }];
      const results = await Promise.all(tickets.map((t, i) => current().handoffs.claimInTurn(t.id, members[i] as typeof kim, null, minutes(1))));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok && r.reason === 'turn_moved')).toHaveLength(2);
    });

    it('is one place for the whole queue, whatever the tickets do', async () => {
      const first = await enqueue(0, T0);
      const ticket = await enqueue(1, T0);
      expect((await current().handoffs.claimInTurn(first.id, { consoleId: 'U3', name: 'Max' }, null, T0)).ok).toBe(true);
      expect((await current().handoffs.claim(ticket.id, 'U1', 'Sam', minutes(1))).ok).toBe(true);
      expect(await current().handoffs.resolve(ticket.id, 'U1', minutes(2))).toMatchObject({ ok: true });
      expect(await current().handoffs.roundRobinCursor()).toBe('U3');
    });
  });

  describe('message history', () => {
    async function log(i: number, text: string, at: Date, extra: { direction?: 'in' | 'out'; author?: 'client' | 'bot' | 'staff'; media?: string[]; internal?: boolean } = {}) {
      const client = clients[i] as Client;
      return current().messageLog.append({
        clientId: client.id,
        channel: 'sms',
        direction: extra.direction ?? 'in',
        text,
        media: extra.media ?? [],
        at: at.toISOString(),
        author: extra.author ?? 'client',
        internal: extra.internal,
      });
    }

    it("returns a client's latest messages oldest first, in the order written within one instant", async () => {
      await log(0, 'one', T0);
      await log(0, 'two', minutes(1), { direction: 'out', author: 'bot' });
      await log(1, 'someone else', minutes(1));
      await log(0, 'three', minutes(2), { media: ['https://example.test/a.jpg'] });
      await log(0, 'four', minutes(2), { direction: 'out', author: 'staff', internal: true });
      const recent = await current().messageLog.recentForClient(clients[0]?.id ?? '', 3);
      expect(recent.map((m) => m.text)).toEqual(['two', 'three', 'four']);
      expect(recent[1]).toMatchObject({ direction: 'in', author: 'client', media: ['https://example.test/a.jpg'], internal: false });
      expect(recent[2]).toMatchObject({ direction: 'out', author: 'staff', internal: true });
      expect(await current().messageLog.recentForClient(clients[0]?.id ?? '', 0)).toEqual([]);
    });

    it('finds messages containing every word, as prefixes and in any case, newest first', async () => {
      await log(0, 'Is my car ready yet?', T0);
      await log(1, 'The CAR is ready for pickup', minutes(1), { direction: 'out', author: 'staff' });
      await log(2, 'ready to book a haircut', minutes(2));
      await log(3, 'café crème at the salon', minutes(3));
      const search = (q: string) => current().messageLog.search(q, 10).then((list) => list.map((m) => m.text));
      expect(await search('car ready')).toEqual(['The CAR is ready for pickup', 'Is my car ready yet?']);
      expect(await search('pick')).toEqual(['The CAR is ready for pickup']);
      expect(await search('cafe')).toEqual(['café crème at the salon']);
      expect(await search('ready')).toHaveLength(3);
      expect(await current().messageLog.search('ready', 1)).toHaveLength(1);
    });

    it('takes search punctuation and operators literally and finds nothing for no words', async () => {
      await log(0, 'NEAR the door OR the window', T0);
      expect((await current().messageLog.search('"door" OR (window', 10)).map((m) => m.text)).toEqual(['NEAR the door OR the window']);
      expect(await current().messageLog.search('*** ???', 10)).toEqual([]);
      expect(await current().messageLog.search('', 10)).toEqual([]);
    });
  });
}
