// A real Frontdesk (real SQLite file in a temp dir, real dialogs and understanding) driven through
// botbuilder's TestAdapter, with the clock pinned and movable.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { TestAdapter, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import { DateTime } from 'luxon';
import { loadBusinessConfig } from '../../bot/config/business-config';
import { readSettings } from '../../bot/config/settings';
import { createFrontdesk, type Frontdesk, type FrontdeskOptions } from '../../bot/app';
import { silentLogger } from '../../bot/log';
import { openSqliteStores } from '../../bot/store/sqlite';
import type { Business } from '../../bot/domain/types';
import type { Stores } from '../../bot/ports/stores';
import { provenFrom } from '../../bot/middleware/identity';
import { proveIdentity } from '../../bot/turn-state';

export const ZONE = 'America/New_York';

/** An instant from wall-clock time in the demo business's zone: "2026-03-10T10:00". */
export function at(local: string, zone = ZONE): Date {
  const dt = DateTime.fromISO(local, { zone });
  if (!dt.isValid) throw new Error(`bad local time ${local}`);
  return dt.toJSDate();
}

export interface Harness {
  frontdesk: Frontdesk;
  stores: Stores;
  business: Business;
  dataDir: string;
  setNow(local: string): void;
  now(): Date;
  /** A client on the test channel; `say` runs one turn and returns the bot's replies' texts. */
  client(userId: string): ClientSession;
  /** Opens a second Frontdesk (another process's view) on the same data file, with its own channels. */
  sibling(options?: HarnessChannels): Frontdesk;
  close(): Promise<void>;
}

export interface ClientSession {
  userId: string;
  say(text: string): Promise<string[]>;
  /** The full reply activities of the last turn. */
  lastActivities(): Partial<Activity>[];
}

/** The channel parts a harness's Frontdesk is built with: a raw text sender, senders and consoles. */
export type HarnessChannels = Pick<FrontdeskOptions, 'sender' | 'channels'>;

export function createHarness(startLocal: string, business: Business = loadBusinessConfig(), options: Pick<FrontdeskOptions, 'read'> & HarnessChannels = {}): Harness {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'frontdesk-dialogs-'));
  const file = path.join(dataDir, 'frontdesk.sqlite');
  const stores = openSqliteStores({ file });
  let current = at(startLocal, business.zone);
  const clock = () => current;
  const settings = readSettings({}, { dataDir });
  const frontdesk = createFrontdesk({ settings, business, stores, clock, logger: silentLogger(), ...options });
  const extra: Frontdesk[] = [];

  return {
    frontdesk,
    stores,
    business,
    dataDir,
    setNow: (local) => {
      current = at(local, business.zone);
    },
    now: clock,
    client: (userId) => sessionOn(frontdesk, userId),
    sibling: (channels = {}) => {
      const fd = createFrontdesk({ settings, business, stores: openSqliteStores({ file }), clock, logger: silentLogger(), ...channels });
      extra.push(fd);
      return fd;
    },
    close: async () => {
      for (const fd of extra) await fd.close();
      await frontdesk.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A client on the test channel. The test adapter vouches for its user the way a trusted channel
 * does (Twilio for a number, the terminal for its operator): a phone number reaches that phone's
 * client record, anything else is `test:<id>`.
 */
export function sessionOn(fd: Frontdesk, userId: string): ClientSession {
  const adapter = new TestAdapter(async (context) => fd.handle(context), {
    channelId: 'test',
    from: { id: userId, name: userId },
    conversation: { id: `conversation-${userId}`, isGroup: false, conversationType: 'personal', name: '' },
  });
  // Before the Frontdesk middleware, as an adapter proves identity before its turn runs.
  adapter.use(provingAs(userId));
  fd.attach(adapter);
  let last: Partial<Activity>[] = [];
  return {
    userId,
    async say(text: string) {
      await adapter.receiveActivity(text);
      last = adapter.activeQueue.splice(0);
      return last.filter((a) => a.type === 'message').map((a) => a.text ?? '');
    },
    lastActivities: () => last,
  };
}

/** Middleware that proves every turn's writer is `userId` on the test channel. */
export function provingAs(userId: string): Middleware {
  return {
    onTurn: async (context: TurnContext, next: () => Promise<void>) => {
      proveIdentity(context, provenFrom('test', userId));
      await next();
    },
  };
}
