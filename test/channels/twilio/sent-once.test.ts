// A message Twilio accepted counts as sent even when recording the delivery fails afterwards:
// otherwise the outbound queue retries it and the client gets the same text twice.
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { DATA_FILE_NAME } from '../../../bot/store/sqlite';
import { startTwilioTestServer, type TwilioTestServer } from './twilio-test-server';

describe('a proactive text whose delivery record cannot be written', () => {
  let t: TwilioTestServer;
  beforeAll(async () => {
    t = await startTwilioTestServer();
  });
  afterAll(async () => {
    await t.close();
  });

  it('is sent once and marked sent', async () => {
    const { frontdesk } = t.server;
    const to = '+15555550195';
    const queued = await frontdesk.outbound.sendProactive({ address: to, text: 'Your color is ready to book.', kind: 'staff_reply', respectQuietHours: false }, frontdesk.deps.clock());
    expect(queued.status).toBe('queued');

    // The bookkeeping table goes away under the running server: a real write failure after the API call.
    const db = new Database(path.join(t.settings.dataDir, DATA_FILE_NAME));
    db.exec('ALTER TABLE deliveries RENAME TO deliveries_moved');
    db.close();

    for (const local of ['2026-03-10T10:00:01', '2026-03-10T10:02', '2026-03-10T10:10', '2026-03-10T11:00']) {
      t.setNow(local);
      await frontdesk.outbound.drain(frontdesk.deps.clock());
    }
    expect(t.capture.requests.filter((r) => r.form.To === to)).toHaveLength(1);
    if (queued.status !== 'queued') return;
    expect(await frontdesk.stores.outbox.get(queued.message.id)).toMatchObject({ status: 'sent', attempts: 1 });
  });
});
