// Failed turns over real HTTP to the real server: a store that cannot save gets the client an honest
// "we couldn't save that" and never "You're booked", logged once for the whole episode; any other
// failure gets the general apology and one log line that does not quote the conversation id. The
// turn-error handler itself never throws, whatever the activity holds.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { TestAdapter, type Activity } from 'botbuilder';
import { readSettings } from '../../bot/config/settings';
import { createFrontdesk, startServer, type RunningServer } from '../../bot/index';
import { createLogger, logTag } from '../../bot/log';
import { DATA_FILE_NAME } from '../../bot/store/sqlite';
import { en } from '../../bot/text/en';
import { at } from '../helpers/frontdesk-harness';
import { say } from '../helpers/bot-framework-client';

type LogLine = { level: number; msg: string; reason?: string; conversation?: string; channel?: string; err?: { message?: string } };

function logSink(): { lines: LogLine[]; stream: Writable } {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  return { lines, stream };
}

async function waitFor(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('failed turns over /api/messages', () => {
  let dataDir: string;
  let server: RunningServer;
  let log: ReturnType<typeof logSink>;
  const now = at('2026-03-10T10:00');

  beforeEach(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-store-failure-'));
    log = logSink();
    server = await startServer({ settings: readSettings({}, { dataDir, port: 0 }), clock: () => now, logger: createLogger('info', log.stream) });
  });

  afterEach(async () => {
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const file = () => path.join(dataDir, DATA_FILE_NAME);
  const episodes = () => log.lines.filter((l) => l.msg.startsWith('store unavailable'));

  it('answers a "yes" to a booking with an honest "couldn\'t save" while the data file is gone, and books it once a backup is restored', async () => {
    const user = 'web-store-down';
    await say(server, user, 'can I get a haircut thursday at 3pm?');
    expect((await say(server, user, 'Jordan')).at(-1)).toMatch(/^Haircut with .*, Thu Mar 12 at 3:00 PM — shall I book it\? \(yes \/ no\)$/);
    const backup = path.join(os.tmpdir(), `frontdesk-store-failure-backup-${process.pid}-${Date.now()}.sqlite`);
    const source = new Database(file(), { readonly: true });
    await source.backup(backup);
    source.close();

    try {
      // Deleted as an operator's `rm data/frontdesk.sqlite*` would: SQLite would keep writing to the unlinked file.
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file() + suffix, { force: true });
      for (const text of ['yes', 'yes please']) {
        const replies = await say(server, user, text);
        expect(replies).toEqual([en.storeUnavailable()]);
        expect(replies.join('\n')).not.toMatch(/booked/i);
      }
      expect(episodes()).toEqual([expect.objectContaining({ level: 50, reason: 'file_missing' })]);
      expect(log.lines.filter((l) => l.msg === 'turn failed')).toEqual([]);

      fs.copyFileSync(backup, file());
      expect((await say(server, user, 'yes'))[0]).toMatch(/^You're booked/);
      const restored = new Database(file(), { readonly: true });
      try {
        expect(restored.prepare("SELECT starts_at FROM appointments WHERE status = 'booked'").all()).toEqual([{ starts_at: '2026-03-12T19:00:00.000Z' }]);
      } finally {
        restored.close();
      }
      await waitFor(() => log.lines.some((l) => l.msg === 'store available again'), 'the recovery line');
      expect(episodes()).toHaveLength(1);
    } finally {
      fs.rmSync(backup, { force: true });
    }
  });

  it('answers any other failure with the general apology and logs it with a tag of the conversation, not the id', async () => {
    // A real failure inside the turn that is not the store being unavailable: a table disappears.
    const db = new Database(file());
    db.exec('ALTER TABLE consent RENAME TO consent_moved');
    db.close();

    expect(await say(server, 'web-broken', 'hi')).toEqual([en.error()]);
    const failed = log.lines.filter((l) => l.msg === 'turn failed');
    expect(failed).toEqual([expect.objectContaining({ level: 50, channel: 'emulator', conversation: logTag('conversation-web-broken') })]);
    expect(JSON.stringify(failed)).not.toContain('conversation-web-broken');
  });
});

describe('the turn-error handler', () => {
  it('still apologises and logs when the activity carries numbers and objects for ids', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-turn-error-'));
    const log = logSink();
    const frontdesk = createFrontdesk({ settings: readSettings({}, { dataDir }), clock: () => at('2026-03-10T10:00'), logger: createLogger('info', log.stream) });
    // /api/messages refuses such activities before a turn; a channel adapter that builds its own can still produce one.
    const adapter = frontdesk.attach(new TestAdapter(async (context) => frontdesk.handle(context)));
    try {
      const odd = [
        { type: 'message', text: 'hi', channelId: 7, from: { id: 42 }, conversation: { id: 99 } },
        { type: 'message', text: 'hi', from: { id: { nested: true } }, conversation: { id: { nested: true } } },
      ];
      for (const activity of odd) {
        // Deliberately not an Activity: the point is what the handler does with wrong types.
        await adapter.receiveActivity(activity as unknown as Partial<Activity>);
        const replies = adapter.activeQueue.splice(0).filter((a) => a.type === 'message').map((a) => a.text);
        expect(replies).toEqual([en.error()]);
      }
      const failed = log.lines.filter((l) => l.msg === 'turn failed');
      expect(failed.map((l) => l.conversation)).toEqual([logTag('99'), logTag('{"nested":true}')]);
      expect(failed[0]).toMatchObject({ channel: '7' });
    } finally {
      await frontdesk.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
