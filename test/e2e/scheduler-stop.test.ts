// The whole server's periodic jobs and their one stop: startServer on a free port with a temp data
// directory and fast intervals, the jobs left to run by their own timers (a waiting client handed
// out by the round-robin, the notice sent through the outbox, readiness counting the passes), then
// close(): every timer created while the server ran has been cleared or has fired, and none is left.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadBusinessConfig } from '../../bot/config/business-config';
import { readSettings } from '../../bot/config/settings';
import type { Business } from '../../bot/domain/types';
import { startServer, type RunningServer } from '../../bot/index';
import { silentLogger } from '../../bot/log';
import type { MessageSender, OutboundMessage, SendResult } from '../../bot/ports/outbound';
import { at } from '../helpers/frontdesk-harness';

/** The text-message provider's side (the third-party boundary): records what it was asked to send. */
class RecordingSender implements MessageSender {
  readonly sent: OutboundMessage[] = [];
  async send(message: OutboundMessage): Promise<SendResult> {
    this.sent.push(message);
    return { ok: true, providerId: `SM${this.sent.length}`, segments: 1 };
  }
}

/**
 * Every timer created through the globals while installed: intervals until cleared, time-outs until
 * they fire or are cleared. Node's own are still the ones created; this only keeps the books.
 */
function timerBooks() {
  const realSetTimeout = global.setTimeout;
  const realSetInterval = global.setInterval;
  const realClearTimeout = global.clearTimeout;
  const realClearInterval = global.clearInterval;
  const live = new Map<unknown, { kind: 'interval' | 'timeout'; ms: number; stack: string }>();
  let intervals = 0;
  const where = () => (new Error().stack ?? '').split('\n').filter((line) => /^\s+at /.test(line) && !line.includes('node_modules')).slice(1, 5).join('\n');

  const spies = [
    jest.spyOn(global, 'setInterval').mockImplementation(((fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
      const handle = realSetInterval(fn, ms, ...args);
      intervals += 1;
      live.set(handle, { kind: 'interval', ms: ms ?? 0, stack: where() });
      return handle;
    }) as typeof setInterval),
    jest.spyOn(global, 'setTimeout').mockImplementation(((fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
      const handle: NodeJS.Timeout = realSetTimeout(() => {
        live.delete(handle);
        fn(...args);
      }, ms);
      live.set(handle, { kind: 'timeout', ms: ms ?? 0, stack: where() });
      return handle;
    }) as typeof setTimeout),
    jest.spyOn(global, 'clearInterval').mockImplementation(((handle?: NodeJS.Timeout) => {
      live.delete(handle);
      realClearInterval(handle);
    }) as typeof clearInterval),
    jest.spyOn(global, 'clearTimeout').mockImplementation(((handle?: NodeJS.Timeout) => {
      live.delete(handle);
      realClearTimeout(handle);
    }) as typeof clearTimeout),
  ];
  return {
    get intervalsCreated() {
      return intervals;
    },
    live: () => [...live.values()],
    restore: () => spies.forEach((s) => s.mockRestore()),
  };
}

async function eventually(done: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('stopping the server stops every periodic job', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-scheduler-'));
  });
  afterEach(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs reminders, the handoff tick and the outbox on their own timers, and close() leaves no timer behind', async () => {
    const business: Business = {
      ...loadBusinessConfig(),
      handoff: { roundRobin: [{ consoleId: 'U2', name: 'Kim', staffId: null }] },
    };
    const now = at('2026-03-10T10:00', business.zone);
    const sender = new RecordingSender();
    const books = timerBooks();
    let server: RunningServer | null = null;
    try {
      server = await startServer({
        settings: readSettings({}, { dataDir, port: 0 }),
        business,
        clock: () => now,
        logger: silentLogger(),
        sender,
        schedulerIntervalMs: 15,
        handoffTickMs: 25,
      });
      const { frontdesk } = server;
      expect(frontdesk.scheduler.jobNames).toEqual(['reminders', 'handoff', 'outbox']);
      expect(frontdesk.scheduler.activeTimers).toBe(3);

      const client = await frontdesk.stores.clients.findOrCreateByAddress('+15555550181', 'sms', now);
      const { ticket } = await frontdesk.handoff.request(
        { clientId: client.id, channel: 'sms', conversationId: 'sms-conversation', reason: 'asked_for_person', urgent: false, text: 'a person please' },
        now,
      );

      // Nothing here ticks by hand: the handoff job hands the ticket to Kim, the outbox sends her notice.
      await eventually(async () => (await frontdesk.stores.handoffs.get(ticket.id))?.state === 'claimed', 'the handoff job to hand out the ticket');
      expect(await frontdesk.stores.handoffs.get(ticket.id)).toMatchObject({ claimedBy: 'U2', claimedByName: 'Kim' });
      await eventually(() => sender.sent.some((m) => /Kim/.test(m.text)), 'the outbox job to send the notice');
      expect(frontdesk.scheduler.lastSuccessfulTick()).not.toBeNull();
      expect(await frontdesk.readiness.check()).toEqual({ ok: true });

      await server.close();
      server = null;
      expect(frontdesk.scheduler.activeTimers).toBe(0);
      // One interval per job; nothing created while the server ran is still waiting to fire.
      expect(books.intervalsCreated).toBe(3);
      expect(books.live()).toEqual([]);

      // And nothing runs after: no pass reaches the closed store or the sender.
      const sent = sender.sent.length;
      await new Promise((resolve) => setTimeout(resolve, 80));
      expect(sender.sent).toHaveLength(sent);
    } finally {
      books.restore();
      if (server) await server.close();
    }
  });
});
