// The round-robin's place lives in the store: two Frontdesks on one SQLite file (two processes)
// hand waiting clients out in one rotation, and a Frontdesk opened again on the file after a
// restart carries on where the last one stopped instead of starting over with the first member.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createFrontdesk, type Frontdesk } from '../../bot/app';
import { loadBusinessConfig } from '../../bot/config/business-config';
import { readSettings } from '../../bot/config/settings';
import type { Business } from '../../bot/domain/types';
import { silentLogger } from '../../bot/log';
import { at } from '../helpers/frontdesk-harness';

describe('handoff round-robin across processes and restarts', () => {
  let dataDir: string;
  const open: Frontdesk[] = [];
  // Neither member has a shift pattern, so both are always eligible; only the rotation decides.
  const business: Business = {
    ...loadBusinessConfig(),
    handoff: {
      roundRobin: [
        { consoleId: 'U2', name: 'Kim', staffId: null },
        { consoleId: 'U3', name: 'Lee', staffId: null },
        { consoleId: 'U4', name: 'Max', staffId: null },
      ],
    },
  };
  let now = at('2026-03-10T10:00', business.zone);

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-rotation-'));
    now = at('2026-03-10T10:00', business.zone);
  });
  afterEach(async () => {
    for (const fd of open.splice(0)) await fd.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** A Frontdesk as a process opens it: its own connection to the data file in dataDir. */
  function openProcess(): Frontdesk {
    const fd = createFrontdesk({ settings: readSettings({}, { dataDir }), business, clock: () => now, logger: silentLogger() });
    open.push(fd);
    return fd;
  }

  async function close(fd: Frontdesk): Promise<void> {
    open.splice(open.indexOf(fd), 1);
    await fd.close();
  }

  /** A client asks for a person on `fd`, the tick on `ticking` hands them out; who got them, and then they are done. */
  async function handOut(fd: Frontdesk, ticking: Frontdesk, phone: string): Promise<string | null> {
    now = new Date(now.getTime() + 60_000);
    const client = await fd.stores.clients.findOrCreateByAddress(phone, 'sms', now);
    const { ticket } = await fd.handoff.request(
      { clientId: client.id, channel: 'sms', conversationId: `sms-${phone}`, reason: 'asked_for_person', urgent: false, text: 'a person please' },
      now,
    );
    expect((await ticking.handoff.tick(now)).assigned).toBe(1);
    const claimed = await ticking.stores.handoffs.get(ticket.id);
    expect(claimed?.state).toBe('claimed');
    // Done with the client, so the member is free again and only the rotation decides the next one.
    await ticking.handoff.resolve(ticket.id, claimed?.claimedBy ?? '', now, { tellClient: false });
    return claimed?.claimedByName ?? null;
  }

  it('continues one rotation when two processes share the file', async () => {
    const first = openProcess();
    const second = openProcess();
    expect(await handOut(first, first, '+15555550191')).toBe('Kim');
    expect(await handOut(second, second, '+15555550192')).toBe('Lee');
    expect(await handOut(first, first, '+15555550193')).toBe('Max');
    expect(await handOut(second, first, '+15555550194')).toBe('Kim');
    expect(await handOut(first, second, '+15555550195')).toBe('Lee');
    expect(await first.stores.handoffs.roundRobinCursor()).toBe('U3');
  });

  it('carries on after a restart instead of starting again with the first member', async () => {
    const before = openProcess();
    expect(await handOut(before, before, '+15555550191')).toBe('Kim');
    expect(await handOut(before, before, '+15555550192')).toBe('Lee');
    await close(before);

    const after = openProcess();
    expect(await after.stores.handoffs.roundRobinCursor()).toBe('U3');
    expect(await handOut(after, after, '+15555550193')).toBe('Max');
    expect(await handOut(after, after, '+15555550194')).toBe('Kim');
  });

  it('starts again from the first member when the one it stopped at has left the rotation', async () => {
    const fd = openProcess();
    // U9 took a ticket in turn when it was still in the rotation, and has left it since.
    const client = await fd.stores.clients.findOrCreateByAddress('+15555550190', 'sms', now);
    const { ticket } = await fd.stores.handoffs.enqueue(
      { clientId: client.id, channel: 'sms', conversationId: 'sms-left', reason: 'asked_for_person', urgent: false },
      now,
    );
    expect((await fd.stores.handoffs.claimInTurn(ticket.id, { consoleId: 'U9', name: 'Gone' }, null, now)).ok).toBe(true);
    await fd.handoff.resolve(ticket.id, 'U9', now, { tellClient: false });
    expect(await handOut(fd, fd, '+15555550191')).toBe('Kim');
  });

  it('gives each member at most one ticket when two processes tick at the same moment', async () => {
    const first = openProcess();
    const second = openProcess();
    const tickets: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const client = await first.stores.clients.findOrCreateByAddress(`+1555555017${i}`, 'sms', now);
      const { ticket } = await first.handoff.request(
        { clientId: client.id, channel: 'sms', conversationId: `sms-${i}`, reason: 'asked_for_person', urgent: false, text: 'a person please' },
        now,
      );
      tickets.push(ticket.id);
    }
    const [a, b] = await Promise.all([first.handoff.tick(now), second.handoff.tick(now)]);
    // Three members, each free: three tickets handed out between both processes, one per member.
    expect(a.assigned + b.assigned).toBe(3);
    const claimed = await first.stores.handoffs.listClaimed();
    expect(claimed.map((t) => t.claimedBy).sort()).toEqual(['U2', 'U3', 'U4']);
    // Served in order: the first three in line, the rest still waiting.
    expect(claimed.map((t) => t.id).sort()).toEqual(tickets.slice(0, 3).sort());
    expect((await first.stores.handoffs.listWaiting()).map((t) => t.id)).toEqual(tickets.slice(3));
  });
});
