// Slack retries a delivery it thinks failed; the receiver claims each delivery id once. A delivery
// whose processing failed, or that arrived before the app could take it, must be processed when
// Slack retries it, and a processed one never again. Real HTTP with Slack's signatures, a real
// SQLite file (writes refused from a second connection with a trigger, as a full disk would).
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App } from '@slack/bolt';
import Database from 'better-sqlite3';
import * as restify from 'restify';
import { silentLogger } from '../../../bot/log';
import type { Stores } from '../../../bot/ports/stores';
import { DATA_FILE_NAME, openSqliteStores } from '../../../bot/store/sqlite';
import { SlackReceiver } from '../../../channels/slack/slack-receiver';
import { signSlackRequest } from '../../../channels/slack/verify-signature';
import { BOT_ID, BOT_USER_ID } from '../../helpers/slack-capture';
import { at } from '../../helpers/frontdesk-harness';
import { SIGNING_SECRET, STAFF_CHANNEL, startSlackTestServer, type SlackTestServer } from './slack-test-server';

let ts = 1773152200;
const nextTs = () => `${ts++}.000100`;

describe('a Slack delivery whose processing failed', () => {
  let s: SlackTestServer;
  beforeAll(async () => {
    s = await startSlackTestServer();
  });
  afterAll(async () => {
    await s.close();
  });

  function onDataFile(sql: string): void {
    const db = new Database(path.join(s.twilio.settings.dataDir, DATA_FILE_NAME));
    try {
      db.exec(sql);
    } finally {
      db.close();
    }
  }

  it("is processed when Slack retries it, and a processed one is not processed again", async () => {
    const DM = 'DCLIENT777';
    const ask = await s.event({ type: 'message', channel: DM, channel_type: 'im', user: 'UCLIENT777', text: 'can I talk to a person please', ts: nextTs() });
    expect(ask.status).toBe(200);
    await s.settle();
    const ticket = (await s.twilio.server.frontdesk.handoff.store.listWaiting())[0];
    const thread = ticket?.staffThread?.ts;
    expect(thread).toBeDefined();

    onDataFile(`
      CREATE TRIGGER refuse_staff_notes BEFORE INSERT ON message_log
      WHEN NEW.author = 'staff' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;`);
    const note = { type: 'message', channel: STAFF_CHANNEL, channel_type: 'channel', user: 'USTAFF0777', text: 'note: prefers mornings', ts: nextTs(), thread_ts: thread };
    const eventId = 'EvNOTE0777';
    expect((await s.event(note, { eventId })).status).toBe(200);
    await s.settle();
    expect(await s.twilio.server.frontdesk.stores.messageLog.search('prefers mornings', 5)).toEqual([]);

    onDataFile('DROP TRIGGER refuse_staff_notes;');
    expect((await s.event(note, { eventId, retryNum: 1 })).status).toBe(200);
    await s.settle();
    expect((await s.event(note, { eventId, retryNum: 2 })).status).toBe(200);
    await s.settle();
    const stored = await s.twilio.server.frontdesk.stores.messageLog.search('prefers mornings', 5);
    expect(stored.map((m) => [m.author, m.internal])).toEqual([['staff', true]]);
  });
});

describe('a Slack delivery that arrives before the app is ready', () => {
  let dir: string;
  let stores: Stores;
  let server: restify.Server;
  let url: string;
  let receiver: SlackReceiver;
  const now = at('2026-03-10T10:00');
  const clock = () => now;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'frontdesk-slack-receiver-'));
    stores = openSqliteStores({ file: path.join(dir, DATA_FILE_NAME) });
    server = restify.createServer({ handleUncaughtExceptions: false });
    server.use(restify.plugins.bodyParser({ mapParams: false }));
    receiver = new SlackReceiver({ signingSecret: SIGNING_SECRET, deliveries: stores.inboundMessages, clock, logger: silentLogger() });
    server.post('/slack', async (req: restify.Request, res: restify.Response) => receiver.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await stores.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (body: string, retryNum?: number) => {
    const timestamp = String(Math.floor(now.getTime() / 1000));
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': signSlackRequest(SIGNING_SECRET, timestamp, body),
    };
    if (retryNum !== undefined) headers['x-slack-retry-num'] = String(retryNum);
    return fetch(url, { method: 'POST', headers, body });
  };

  it('answers 503 and leaves the delivery unclaimed, so the retry is processed once the app is there', async () => {
    const body = JSON.stringify({
      type: 'event_callback',
      team_id: 'TFRONTDESK',
      api_app_id: 'AFRONTDESK',
      event_id: 'EvEARLY0001',
      authorizations: [{ team_id: 'TFRONTDESK', user_id: BOT_USER_ID, is_bot: true }],
      event: { type: 'message', channel: 'DEARLY0001', channel_type: 'im', user: 'UEARLY0001', text: 'hello', ts: nextTs() },
    });
    expect((await post(body)).status).toBe(503);

    const heard: string[] = [];
    const app = new App({ receiver, authorize: async () => ({ botToken: 'xoxb-test', botUserId: BOT_USER_ID, botId: BOT_ID }) });
    app.event('message', async ({ event }) => {
      heard.push(String((event as { text?: string }).text));
    });
    expect((await post(body, 1)).status).toBe(200);
    await receiver.idle();
    expect((await post(body, 2)).status).toBe(200);
    await receiver.idle();
    expect(heard).toEqual(['hello']);
  });
});
