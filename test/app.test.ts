// A turn that fails is logged without the client's number or words: on text channels the
// conversation id carries both phone numbers, so the error line must not quote it.
import { Writable } from 'node:stream';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { createLogger } from '../bot/log';
import { DATA_FILE_NAME } from '../bot/store/sqlite';
import { BUSINESS_NUMBER, startTwilioTestServer, type TwilioTestServer } from './channels/twilio/twilio-test-server';

describe('a failed turn', () => {
  const lines: string[] = [];
  let t: TwilioTestServer;
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter((l) => l !== ''));
        done();
      },
    });
    t = await startTwilioTestServer({ logger: createLogger('info', sink) });
  });
  afterAll(async () => {
    await t.close();
  });

  it('tells the client, and logs the failure without phone numbers or the message', async () => {
    // A real store failure inside the turn: the consent table disappears under the running server.
    const db = new Database(path.join(t.settings.dataDir, DATA_FILE_NAME));
    db.exec('ALTER TABLE consent RENAME TO consent_moved');
    db.close();

    const from = '+15555550190';
    const reply = await t.text(from, 'book me a haircut tomorrow at 3 please');
    expect(reply.status).toBe(200);
    expect(reply.messages).toEqual(['Sorry, something went wrong on our side. Please try again in a moment.']);

    const failed = lines.filter((l) => l.includes('turn failed'));
    expect(failed).toHaveLength(1);
    for (const line of lines) {
      expect(line).not.toContain(from.slice(2));
      expect(line).not.toContain(BUSINESS_NUMBER.slice(2));
      expect(line).not.toContain('haircut tomorrow');
    }
  });
});
