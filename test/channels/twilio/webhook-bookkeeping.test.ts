// Once a turn has run for a MessageSid, a retry of that webhook must never run it again, even when a
// write after the turn fails: the real server over signed HTTP, with writes to the real SQLite file
// refused from a second connection (a trigger), as a full disk or a lock would refuse them.
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { DATA_FILE_NAME } from '../../../bot/store/sqlite';
import { ACCOUNT_SID, BUSINESS_NUMBER, messagesOf, newMessageSid, startTwilioTestServer, type Params, type TwilioTestServer } from './twilio-test-server';

const MESSAGES = '/api/twilio/messages';

function inbound(from: string, body: string): Params {
  return { MessageSid: newMessageSid(), AccountSid: ACCOUNT_SID, From: from, To: BUSINESS_NUMBER, Body: body, NumMedia: '0' };
}

function onDataFile(t: TwilioTestServer, sql: string): void {
  const db = new Database(path.join(t.settings.dataDir, DATA_FILE_NAME));
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

const REFUSE_CHOICES = `
  CREATE TRIGGER refuse_choice_insert BEFORE INSERT ON state_items
  WHEN NEW.key LIKE 'twilio/choices/%' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;
  CREATE TRIGGER refuse_choice_update BEFORE UPDATE ON state_items
  WHEN NEW.key LIKE 'twilio/choices/%' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;
  CREATE TRIGGER refuse_choice_delete BEFORE DELETE ON state_items
  WHEN OLD.key LIKE 'twilio/choices/%' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;`;

const REFUSE_DONE = `
  CREATE TRIGGER refuse_done BEFORE UPDATE ON inbound_messages
  WHEN NEW.state = 'done' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;`;

describe('Twilio webhook bookkeeping after a turn', () => {
  let t: TwilioTestServer;
  beforeEach(async () => {
    t = await startTwilioTestServer();
  });
  afterEach(async () => {
    await t.close();
  });

  /** How many messages from this number reached the bot (one per turn run). */
  async function turnsRunFor(from: string): Promise<number> {
    const client = await t.server.frontdesk.stores.clients.findByAddress(from);
    if (!client) return 0;
    return (await t.server.frontdesk.stores.messageLog.recentForClient(client.id, 100)).filter((m) => m.direction === 'in').length;
  }

  async function bookedFor(from: string): Promise<number> {
    const client = await t.server.frontdesk.stores.clients.findByAddress(from);
    return (await t.server.frontdesk.stores.appointments.list({ status: 'booked' })).filter((a) => a.clientId === client?.id).length;
  }

  it('books once when the reply that books cannot clear the numbered choices, however often Twilio retries', async () => {
    const from = '+15555550141';
    await t.text(from, 'haircut thursday at 3pm');
    expect((await t.text(from, 'Jordan')).messages.join('\n')).toMatch(/shall I book it\?/);
    // An earlier question left numbered choices behind (the dialogs' own questions number theirs in
    // the text, so a stored list comes from a reply with unnumbered buttons), so the booking turn
    // has to delete them.
    onDataFile(t, `INSERT INTO state_items (key, value, etag) VALUES ('twilio/choices/sms:${from}:${BUSINESS_NUMBER}', '{"values":["a","b"]}', 'x');`);
    onDataFile(t, REFUSE_CHOICES);
    const yes = inbound(from, 'yes');
    const first = await t.post(MESSAGES, yes);
    expect(first.status).toBe(200);
    const twiml = await first.text();
    expect(messagesOf(twiml)[0]).toMatch(/^You're booked/);
    for (let i = 0; i < 2; i++) {
      const retry = await t.post(MESSAGES, yes);
      expect(retry.status).toBe(200);
      expect(await retry.text()).toBe(twiml);
    }
    expect(await bookedFor(from)).toBe(1);
    expect(await turnsRunFor(from)).toBe(3);
  });

  it('gives a retry the turn\'s reply, and never runs it again, when the message cannot be marked done', async () => {
    const from = '+15555550142';
    onDataFile(t, REFUSE_DONE);
    const params = inbound(from, 'I want to book an appointment');
    const first = await t.post(MESSAGES, params);
    expect(first.status).toBe(200);
    const twiml = await first.text();
    expect(messagesOf(twiml)[0]).toMatch(/1\) Haircut/);

    const soon = await t.post(MESSAGES, params);
    expect(await soon.text()).toBe(twiml);
    // Past the time after which an unfinished claim counts as abandoned by a dead process.
    t.setNow('2026-03-10T10:05');
    const late = await t.post(MESSAGES, params);
    expect(late.status).toBe(200);
    expect(await late.text()).toBe(twiml);
    expect(await turnsRunFor(from)).toBe(1);
  });
});
