// One dead endpoint holds up nobody else. The real server on a free port with its own background
// loop running; one Bot Framework client's serviceUrl is a local server that accepts every request
// and never answers, another client's answers at once, and Twilio's API is a local server behind
// TWILIO_API_URL. The clock starts at a pinned business-hours instant and runs at real speed, so
// the send timeout and the retry backoff (both shortened here) play out as they would.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { readSettings } from '../../bot/config/settings';
import { startServer, type RunningServer } from '../../bot/index';
import { createLogger } from '../../bot/log';
import type { QueuedMessage } from '../../bot/ports/messaging';
import { at } from '../helpers/frontdesk-harness';
import { activityAccepted, startScriptedServer, twilioCreated, type ScriptedRequest, type ScriptedServer } from '../helpers/scripted-server';
import { ACCOUNT_SID, AUTH_TOKEN, BUSINESS_NUMBER, PUBLIC_URL } from '../channels/twilio/twilio-test-server';

/** Long enough that everyone else's messages can be seen going out while the stuck send still hangs. */
const SEND_TIMEOUT_MS = 1500;
const MAX_ATTEMPTS = 2;
/** "Within a few seconds": a deadline to wait up to, not a speed being measured. */
const FEW_SECONDS = 4000;

let nextActivity = 1;

// Real timers: each test waits for timeouts and retries to play out (deadlines below, not speeds).
jest.setTimeout(20_000);

describe('an unreachable Bot Framework serviceUrl', () => {
  let dataDir: string;
  let server: RunningServer;
  let silent: ScriptedServer;
  let working: ScriptedServer;
  let twilio: ScriptedServer;
  const lines: string[] = [];
  /** What the bot said to whom, per conversation id, as the channels received it. */
  const textsTo = (s: ScriptedServer, user: string) =>
    s.requests.filter((r) => r.path.startsWith(`/v3/conversations/conversation-${user}/activities`)).map((r) => (JSON.parse(r.body) as { text?: string }).text);

  async function post(user: string, serviceUrl: string, activity: Record<string, unknown>, signal?: AbortSignal): Promise<Response> {
    return fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: `m${nextActivity++}`,
        channelId: 'emulator',
        serviceUrl,
        from: { id: user, name: user },
        recipient: { id: 'frontdesk', name: 'Frontdesk' },
        conversation: { id: `conversation-${user}` },
        timestamp: new Date().toISOString(),
        ...activity,
      }),
      signal,
    });
  }

  /** A first message with the replies in the response body, so the client's conversation is saved without calling its serviceUrl. */
  async function meet(user: string, serviceUrl: string): Promise<string> {
    const res = await post(user, serviceUrl, { text: 'hi', deliveryMode: 'expectReplies' });
    expect(res.status).toBe(200);
    const client = await server.frontdesk.stores.clients.findByAddress(`emulator:${user}`);
    if (!client) throw new Error(`no client for ${user}`);
    return client.id;
  }

  async function waitForStatus(id: string, status: QueuedMessage['status'], withinMs: number): Promise<QueuedMessage> {
    const end = Date.now() + withinMs;
    for (;;) {
      const message = await server.frontdesk.stores.outbox.get(id);
      if (message?.status === status) return message;
      if (Date.now() > end) throw new Error(`message ${id} is ${message?.status}/${message?.reason}, not ${status}, after ${withinMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  const queued = (outcome: { status: string; message?: QueuedMessage }): QueuedMessage => {
    if (outcome.status !== 'queued' || !outcome.message) throw new Error(`not queued: ${outcome.status}`);
    return outcome.message;
  };

  beforeEach(async () => {
    lines.length = 0;
    dataDir = mkdtempSync(path.join(tmpdir(), 'frontdesk-e2e-stuck-'));
    silent = await startScriptedServer(() => 'never');
    let accepted = 0;
    working = await startScriptedServer(() => activityAccepted(++accepted));
    let created = 0;
    twilio = await startScriptedServer(() => twilioCreated(++created));
    const settings = readSettings(
      {
        TWILIO_ACCOUNT_SID: ACCOUNT_SID,
        TWILIO_AUTH_TOKEN: AUTH_TOKEN,
        TWILIO_PHONE_NUMBER: BUSINESS_NUMBER,
        TWILIO_API_URL: twilio.url,
        PUBLIC_URL,
        SEND_TIMEOUT_MS: String(SEND_TIMEOUT_MS),
        OUTBOUND_RATE_PER_SECOND: '10',
      },
      { dataDir, port: 0 },
    );
    const start = at('2026-03-10T10:00').getTime();
    const startedAt = Date.now();
    const logger = createLogger(
      'info',
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString('utf8'));
          done();
        },
      }),
    );
    server = await startServer({
      settings,
      clock: () => new Date(start + (Date.now() - startedAt)),
      logger,
      schedulerIntervalMs: 50,
      outbound: { retryBaseMs: 200, maxAttempts: MAX_ATTEMPTS },
    });
  });

  afterEach(async () => {
    await server.close();
    await Promise.all([silent.close(), working.close(), twilio.close()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("holds up no other client's messages: staff replies and reminders by SMS and to another Bot Framework client go out while its message is retried and finally marked failed", async () => {
    const { frontdesk } = server;
    const stuckClient = await meet('web-stuck', silent.url);
    const okClient = await meet('web-ok', working.url);
    const now = () => frontdesk.deps.clock();

    const stuck = queued(await frontdesk.outbound.sendProactive({ clientId: stuckClient, text: 'Sam here: we can fit you in at 4', kind: 'staff_reply', respectQuietHours: false }, now()));
    await silent.waitForRequests(1, FEW_SECONDS);
    // While that send hangs, everyone else's messages are queued behind it.
    await frontdesk.outbound.sendProactive({ clientId: okClient, text: 'Sam here: your colour is ready', kind: 'staff_reply', respectQuietHours: false }, now());
    await frontdesk.outbound.sendProactive({ address: '+15555550181', text: 'Reminder: Haircut tomorrow at 3:00 PM', kind: 'reminder' }, now());
    await frontdesk.outbound.sendProactive({ address: '+15555550182', text: "You're next in line", kind: 'queue_update', respectQuietHours: false }, now());

    await working.waitForRequests(1, FEW_SECONDS, (r) => r.answeredAt !== null);
    const sms = await twilio.waitForRequests(2, FEW_SECONDS, (r) => r.answeredAt !== null);
    expect(textsTo(working, 'web-ok')).toEqual(['Sam here: your colour is ready']);
    expect(sms.map((r) => new URLSearchParams(r.body).get('To')).sort()).toEqual(['+15555550181', '+15555550182']);
    // ...all while the stuck message is still on its first attempt, its send not yet given up.
    expect(await frontdesk.stores.outbox.get(stuck.id)).toMatchObject({ status: 'sending', attempts: 1 });
    expect(silent.requests.every((r: ScriptedRequest) => r.answeredAt === null)).toBe(true);

    // The process still serves turns meanwhile.
    const turn = await post('web-walkin', working.url, { text: 'what are your hours', deliveryMode: 'expectReplies' });
    expect(turn.status).toBe(200);

    // The stuck message is tried again after its backoff, and given up after its last attempt.
    const failed = await waitForStatus(stuck.id, 'failed', MAX_ATTEMPTS * SEND_TIMEOUT_MS + FEW_SECONDS);
    expect(failed).toMatchObject({ reason: 'timeout', attempts: MAX_ATTEMPTS });
    expect(textsTo(silent, 'web-stuck')).toEqual(Array.from({ length: MAX_ATTEMPTS }, () => 'Sam here: we can fit you in at 4'));

    const timeouts = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'proactive send timed out');
    expect(timeouts).toHaveLength(MAX_ATTEMPTS);
    expect(timeouts.every((l) => l.level === 40 && l.outbound === stuck.id && l.channel === 'emulator')).toBe(true);
    expect(lines.filter((l) => l.includes('timed out')).join('\n')).not.toMatch(/web-stuck|fit you in/);
  });

  it("sends a client's second message only after their first, even when the first needed a retry", async () => {
    const { frontdesk } = server;
    let asked = 0;
    // The first request gets no answer; every later one is accepted.
    const flaky = await startScriptedServer(() => (++asked === 1 ? 'never' : activityAccepted(asked)));
    try {
      const client = await meet('web-order', flaky.url);
      const now = () => frontdesk.deps.clock();
      const first = queued(await frontdesk.outbound.sendProactive({ clientId: client, text: 'first: we have a cancellation', kind: 'staff_reply', respectQuietHours: false }, now()));
      const second = queued(await frontdesk.outbound.sendProactive({ clientId: client, text: 'second: it is at 2pm', kind: 'staff_reply', respectQuietHours: false }, now()));

      const requests = await flaky.waitForRequests(3, FEW_SECONDS * 2);
      await waitForStatus(second.id, 'sent', FEW_SECONDS);
      expect(textsTo(flaky, 'web-order')).toEqual(['first: we have a cancellation', 'first: we have a cancellation', 'second: it is at 2pm']);
      // The second went out only once the retried first had its answer.
      expect(requests[2]!.at).toBeGreaterThanOrEqual(requests[1]!.answeredAt ?? Infinity);
      expect(await frontdesk.stores.outbox.get(first.id)).toMatchObject({ status: 'sent', attempts: 2 });
      expect(await frontdesk.stores.outbox.get(second.id)).toMatchObject({ status: 'sent', attempts: 1 });
    } finally {
      await flaky.close();
    }
  });

  it('ends a turn whose replies go to a serviceUrl that never answers: the HTTP response comes back', async () => {
    const res = await post('web-turn', silent.url, { text: 'hi there' }, AbortSignal.timeout(FEW_SECONDS * 2));
    expect(typeof res.status).toBe('number');
    await res.text();
    // The bound came from the send timeout: the reply was attempted and abandoned.
    expect(silent.requests.filter((r) => r.path.startsWith('/v3/conversations/conversation-web-turn/')).length).toBeGreaterThanOrEqual(1);
  });
});
