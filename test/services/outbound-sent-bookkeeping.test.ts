// A message the provider accepted must not go out again because the queue could not record it as
// sent: the real server, a capture server standing in for Twilio, and a real SQLite file whose
// writes are refused from the outside (a trigger added by a second connection, as a disk or lock
// problem would refuse them).
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { DATA_FILE_NAME } from '../../bot/store/sqlite';
import { startTwilioTestServer, type TwilioTestServer } from '../channels/twilio/twilio-test-server';

function onDataFile(t: TwilioTestServer, sql: string): void {
  const db = new Database(path.join(t.settings.dataDir, DATA_FILE_NAME));
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

const REFUSE_MARKING_SENT = `
  CREATE TRIGGER refuse_marking_sent BEFORE UPDATE OF status ON outbound_messages
  WHEN NEW.status = 'sent' BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END;`;

describe('a proactive text that cannot be marked sent after the provider accepted it', () => {
  let t: TwilioTestServer;
  beforeEach(async () => {
    t = await startTwilioTestServer();
  });
  afterEach(async () => {
    await t.close();
  });

  async function queue(to: string): Promise<string> {
    const { frontdesk } = t.server;
    const queued = await frontdesk.outbound.sendProactive(
      { address: to, text: 'Your color is ready to book.', kind: 'staff_reply', respectQuietHours: false },
      frontdesk.deps.clock(),
    );
    if (queued.status !== 'queued') throw new Error(`expected the message to be queued, got ${queued.status}`);
    return queued.message.id;
  }

  it('is sent once, even after its claim would have expired, and is never claimed again', async () => {
    const { frontdesk } = t.server;
    const to = '+15555550196';
    const id = await queue(to);
    onDataFile(t, REFUSE_MARKING_SENT);

    for (const local of ['2026-03-10T10:00:01', '2026-03-10T10:02', '2026-03-10T10:10', '2026-03-10T11:00']) {
      t.setNow(local);
      await frontdesk.outbound.drain(frontdesk.deps.clock());
    }
    expect(t.capture.requests.filter((r) => r.form.To === to)).toHaveLength(1);
    expect(await frontdesk.stores.outbox.get(id)).toMatchObject({ status: 'sending', attempts: 1, reason: 'sent_unrecorded' });
  });

  it('is marked sent on a later drain of the same process once the store takes writes again, without sending again', async () => {
    const { frontdesk } = t.server;
    const to = '+15555550197';
    const id = await queue(to);
    onDataFile(t, REFUSE_MARKING_SENT);
    t.setNow('2026-03-10T10:00:01');
    await frontdesk.outbound.drain(frontdesk.deps.clock());

    onDataFile(t, 'DROP TRIGGER refuse_marking_sent;');
    t.setNow('2026-03-10T10:05');
    await frontdesk.outbound.drain(frontdesk.deps.clock());
    expect(t.capture.requests.filter((r) => r.form.To === to)).toHaveLength(1);
    expect(await frontdesk.stores.outbox.get(id)).toMatchObject({ status: 'sent', attempts: 1, providerId: expect.stringMatching(/^SM/) });
  });
});
