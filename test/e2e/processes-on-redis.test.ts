// Two real server processes (`frontdesk start`, each on its own port) on one real Redis, as they run
// behind a load balancer: every guarantee holds across them. Bookings racing for the same slots,
// one Twilio message delivered to both, reminders both schedulers see, and a process killed with
// SIGKILL while it holds a claim or is in the middle of bookings. Their clocks start on a pinned
// Tuesday (FRONTDESK_CLOCK_START); Twilio's Messages API is a local stand-in (TWILIO_API_URL).
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Stores } from '../../bot/ports/stores';
import { openRedisStores } from '../../bot/store/redis';
import { ACCOUNT_SID, AUTH_TOKEN, BUSINESS_NUMBER, PUBLIC_URL, encodeForm, messagesOf, sign } from '../channels/twilio/twilio-test-server';
import { deleteKeysUnder, redisServerBinary, startRedisServer, type StartedServer } from '../helpers/redis';
import { startSlackCapture, type SlackCapture } from '../helpers/slack-capture';
import { staffCall, staffLogin } from '../channels/webchat/webchat-client';
import { CLAIM_ACTION } from '../../channels/slack/ticket-card';

const ROOT = path.resolve(__dirname, '../..');
const MESSAGES = '/api/twilio/messages';
/** Tuesday 2026-03-10, 10:00 in New York: the processes' clocks start here. */
const CLOCK_START = '2026-03-10T10:00:00-04:00';
const SLACK_SECRET = '5c1f0e9a7b3d4e2f8a6b9c0d1e2f3a4b';
const SLACK_STAFF_CHANNEL = 'CSTAFF0001';
const ADMIN_TOKEN = 'front-desk-admin-token-for-tests';

/** Twilio's Messages API as these processes see it: creates answered 201, or held for a while first. */
interface TwilioStandIn {
  url: string;
  /** Each create that was answered 201 on a connection still open: To -> how many. */
  delivered: Map<string, number>;
  /** The bodies of those creates, To -> bodies in the order they were answered. */
  bodies: Map<string, string[]>;
  /** From now on, answer creates only after this many milliseconds (0: at once). */
  holdFor(ms: number): void;
  close(): Promise<void>;
}

async function startTwilioStandIn(): Promise<TwilioStandIn> {
  const delivered = new Map<string, number>();
  const bodies = new Map<string, string[]>();
  let hold = 0;
  let sid = 0;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const answer = () => {
        // A process killed meanwhile never hears the answer: Twilio's part is done, but it never learns it.
        if (res.destroyed || req.socket.destroyed) return;
        const to = form.get('To') ?? '';
        delivered.set(to, (delivered.get(to) ?? 0) + 1);
        bodies.set(to, [...(bodies.get(to) ?? []), form.get('Body') ?? '']);
        sid += 1;
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ sid: `SM${sid.toString(16).padStart(32, '0')}`, status: 'queued', to, num_segments: '1' }));
      };
      if (hold > 0) setTimeout(answer, hold);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    delivered,
    bodies,
    holdFor: (ms) => {
      hold = ms;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

interface BotProcess {
  url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  output(): string;
}

async function startBot(env: Record<string, string>): Promise<BotProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bot/frontdesk.cjs'), 'start'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 30_000;
  for (;;) {
    const port = /http:\/\/(?:127\.0\.0\.1|localhost):(\d+)/.exec(output)?.[1];
    if (port) return { url: `http://127.0.0.1:${port}`, child, exited, output: () => output };
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`frontdesk start did not come up:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let sids = 0;
const nextSid = (): string => `SM${randomBytes(8).toString('hex')}${String(++sids).padStart(16, '0')}`;

/** One inbound SMS, signed as Twilio signs it, to one process; the texts of its TwiML reply. */
async function text(bot: BotProcess, from: string, body: string, sid: string = nextSid()): Promise<{ status: number; messages: string[] }> {
  const params = { MessageSid: sid, AccountSid: ACCOUNT_SID, From: from, To: BUSINESS_NUMBER, Body: body, NumMedia: '0' };
  const res = await fetch(`${bot.url}${MESSAGES}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': sign(`${PUBLIC_URL}${MESSAGES}`, params) },
    body: encodeForm(params),
  });
  return { status: res.status, messages: messagesOf(await res.text()) };
}

/** Runs `work` over `items`, `limit` at a time. */
async function inBatches<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index] as T, index);
      }
    }),
  );
}

/** A claim button click on a ticket's card by a Slack user, to one process, signed as Slack signs it (v0, HMAC-SHA256 of `v0:ts:body`). */
async function slackClaim(bot: BotProcess, user: string, ticket: { id: string; staffThread: { ts: string } | null }, nowSeconds: number): Promise<number> {
  const payload = {
    type: 'block_actions',
    team: { id: 'TFRONTDESK', domain: 'frontdesk' },
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'TFRONTDESK' },
    api_app_id: 'AFRONTDESK',
    token: 'legacy-verification-token',
    trigger_id: `trigger.${randomBytes(6).toString('hex')}`,
    container: { type: 'message', message_ts: ticket.staffThread?.ts ?? '', channel_id: SLACK_STAFF_CHANNEL, is_ephemeral: false },
    channel: { id: SLACK_STAFF_CHANNEL, name: 'staff' },
    message: { type: 'message', ts: ticket.staffThread?.ts ?? '', text: '' },
    response_url: 'http://127.0.0.1:9/response',
    actions: [{ type: 'button', action_id: CLAIM_ACTION, block_id: 'b1', value: ticket.id, text: { type: 'plain_text', text: 'Claim' }, action_ts: `${nowSeconds}.000001` }],
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const timestamp = String(nowSeconds);
  const signature = `v0=${createHmac('sha256', SLACK_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  const res = await fetch(`${bot.url}/api/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature },
    body,
  });
  await res.text();
  return res.status;
}

async function eventually(check: () => Promise<boolean> | boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const FIRST = 'Ana Ben Cara Dev Eli Fay Gus Hana Ivan Jade Kai Lena Milo Nina Omar Pia Quinn Rosa Sam Tia Uma Vic Wes Xena Yara Zoe Abe Bea Cy Dina Ed Flo Gil Hal Ida Jon Kit Lou Max Ned'.split(' ');
const LAST = 'Reyes Shah Moreau Patel Kim Novak Silva Fox Ortiz Lee Brown Costa Haas Ito Jansen Kowal Lind Marsh Nagy Olsen Price Quist Rossi Stone Tran'.split(' ');
/** A different plausible name for each of 1,000 clients. */
const nameOf = (i: number): string => `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`;
const phone = (group: number, i: number): string => `+1555${String(group).padStart(2, '0')}${String(i).padStart(5, '0')}`;
const BOOKED = /^You're booked/;

const describeWithRedis = redisServerBinary ? describe : describe.skip;

describeWithRedis(`two frontdesk processes on one Redis${redisServerBinary ? '' : ' (skipped: redis-server is not on PATH)'}`, () => {
  let redis: StartedServer;
  let twilio: TwilioStandIn;
  let dataDir: string;
  let prefix: string;
  let bots: BotProcess[];
  let stores: Stores;
  let slack: SlackCapture;
  /** When the processes' clocks were at CLOCK_START (they run at real speed from there). */
  let startedAt: number;

  const env = (): Record<string, string> => ({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'error',
    REDIS_URL: redis.url,
    REDIS_PREFIX: prefix,
    FRONTDESK_CLOCK_START: CLOCK_START,
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_PHONE_NUMBER: BUSINESS_NUMBER,
    TWILIO_API_URL: twilio.url,
    PUBLIC_URL,
    OUTBOUND_RATE_PER_SECOND: '100',
    SEND_TIMEOUT_MS: '2000',
    OUTBOUND_LEASE_MS: '3000',
    SHUTDOWN_GRACE_MS: '1000',
    SLACK_BOT_TOKEN: 'xoxb-1234-5678-frontdesk-processes',
    SLACK_SIGNING_SECRET: SLACK_SECRET,
    SLACK_STAFF_CHANNEL,
    SLACK_API_URL: slack.url,
    FRONTDESK_ADMIN_TOKEN: ADMIN_TOKEN,
  });

  beforeAll(async () => {
    redis = await startRedisServer(redisServerBinary as string);
  }, 20_000);
  afterAll(async () => {
    await redis.stop();
  });

  beforeEach(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'frontdesk-processes-'));
    prefix = `fd-processes-${randomBytes(4).toString('hex')}`;
    twilio = await startTwilioStandIn();
    slack = await startSlackCapture();
    startedAt = Date.now();
    bots = [await startBot(env()), await startBot(env())];
    stores = openRedisStores({ url: redis.url, prefix });
  }, 60_000);

  afterEach(async () => {
    for (const bot of bots) {
      if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGTERM');
      await bot.exited;
    }
    await stores.close();
    await deleteKeysUnder(redis.url, prefix);
    await twilio.close();
    await slack.close();
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('books exactly the capacity when 1,000 confirmations race for 20 slots over both processes', async () => {
    // Thursday 9:00 to 13:30, every half hour: ten times, two staff members each do haircuts.
    const times = ['9am', '9:30am', '10am', '10:30am', '11am', '11:30am', '12pm', '12:30pm', '1pm', '1:30pm'];
    const clients = Array.from({ length: 1000 }, (_, i) => ({ phone: phone(1, i), time: times[i % times.length] as string, bot: bots[i % 2] as BotProcess }));
    await inBatches(clients, 24, async (c, i) => {
      await text(c.bot, c.phone, `haircut thursday at ${c.time}`);
      const readBack = await text(bots[(i + 1) % 2] as BotProcess, c.phone, nameOf(i));
      expect(readBack.messages.join('\n')).toMatch(/shall I book it\?/);
    });
    // Every "yes" at once, each to the process that did not take the name.
    const answers = await Promise.all(clients.map((c, i) => text(bots[i % 2] as BotProcess, c.phone, 'yes')));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const told = answers.filter((a) => BOOKED.test(a.messages[0] ?? '')).length;

    const booked = await stores.appointments.list({ status: 'booked' });
    expect(booked).toHaveLength(20);
    expect(told).toBe(20);
    // No staff member holds one slot twice, no client two appointments.
    expect(new Set(booked.map((a) => `${a.staffId}@${a.start}`)).size).toBe(20);
    expect(new Set(booked.map((a) => a.clientId)).size).toBe(20);
    // Everyone else hears the time just went and is offered others.
    for (const answer of answers.filter((a) => !BOOKED.test(a.messages[0] ?? ''))) expect(answer.messages.join('\n')).toMatch(/just (been )?(taken|booked)|no longer free|taken/i);
  }, 240_000);

  it('runs one turn for one Twilio message delivered to both processes', async () => {
    const from = phone(2, 1);
    const sid = nextSid();
    const [a, b] = await Promise.all([text(bots[0]!, from, 'haircut thursday at 3pm', sid), text(bots[1]!, from, 'haircut thursday at 3pm', sid)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const client = await stores.clients.findByAddress(from);
    const logged = await stores.messageLog.recentForClient(client!.id, 20);
    expect(logged.filter((m) => m.direction === 'in').map((m) => m.text)).toEqual(['haircut thursday at 3pm']);
    // The one that ran the turn answered it; the other answered the same reply, or nothing.
    const replies = [a.messages, b.messages].filter((m) => m.length > 0);
    expect(replies.length).toBeGreaterThanOrEqual(1);
    for (const reply of replies) expect(reply).toEqual(replies[0]);
  }, 60_000);

  it('gives a waiting ticket to exactly one of two staff claiming it at once through different processes', async () => {
    // Ten clients ask for a person, half on each process; each ticket's card goes to the staff channel.
    const phones = Array.from({ length: 10 }, (_, i) => phone(6, i));
    await Promise.all(phones.map((p, i) => text(bots[i % 2]!, p, 'can I talk to a person please')));
    await eventually(async () => (await stores.handoffs.listWaiting()).filter((t) => t.staffThread !== null).length === 10, 20_000, 'ten tickets with cards');
    const tickets = await stores.handoffs.listWaiting();
    const nowSeconds = () => Math.floor((Date.parse(CLOCK_START) + Date.now() - startedAt) / 1000);
    // Slack names staff by their display name.
    slack.users.set('USTAFF0001', { name: 'Ana', realName: 'Ana Ortiz' });
    slack.users.set('USTAFF0002', { name: 'Ben', realName: 'Ben Shah' });
    const web = [await staffLogin(bots[0]!, ADMIN_TOKEN, 'Dana'), await staffLogin(bots[1]!, ADMIN_TOKEN, 'Dana')];

    const owners = new Map<string, string>();
    for (const [i, ticket] of tickets.entries()) {
      const since = slack.calls.length;
      const [first, second] = Math.floor(i / 2) % 2 === 0 ? [bots[0]!, bots[1]!] : [bots[1]!, bots[0]!];
      // Even tickets: two Slack users, one on each process. Odd ones: a Slack user on one, the staff view on the other.
      const slackOnly = i % 2 === 0;
      const [a, b] = await Promise.all([
        slackClaim(first, 'USTAFF0001', ticket, nowSeconds()),
        slackOnly ? slackClaim(second, 'USTAFF0002', ticket, nowSeconds()) : staffCall(second, 'POST', `/api/staff/tickets/${ticket.id}/claim`, web[bots.indexOf(second)]!, {}),
      ]);
      expect(a).toBe(200);
      await eventually(async () => (await stores.handoffs.get(ticket.id))?.state === 'claimed', 10_000, `ticket ${ticket.number} to be claimed`);
      const owner = (await stores.handoffs.get(ticket.id))!;
      owners.set(ticket.id, owner.claimedBy!);
      if (slackOnly) {
        expect(b).toBe(200);
        expect(['USTAFF0001', 'USTAFF0002']).toContain(owner.claimedBy);
        const loser = owner.claimedBy === 'USTAFF0001' ? 'USTAFF0002' : 'USTAFF0001';
        const told = await slack.waitFor('chat.postEphemeral', (args) => args.user === loser, since);
        expect(told.args.text).toBe(`This conversation is already claimed by <@${owner.claimedBy}>.`);
      } else {
        const webAnswer = b as Awaited<ReturnType<typeof staffCall>>;
        expect(['USTAFF0001', 'web:dana']).toContain(owner.claimedBy);
        if (owner.claimedBy === 'USTAFF0001') {
          expect(webAnswer).toEqual({ status: 409, body: expect.objectContaining({ reason: 'already_claimed', byName: 'Ana' }) });
        } else {
          expect(webAnswer.status).toBe(200);
          const told = await slack.waitFor('chat.postEphemeral', (args) => args.user === 'USTAFF0001', since);
          expect(told.args.text).toBe('This conversation is already claimed by Dana.');
        }
      }
      // The card shows the one owner.
      await slack.waitFor('chat.update', (args) => args.ts === ticket.staffThread?.ts && JSON.stringify(args.blocks ?? '').includes('Claimed'), since);
    }

    // Each client hears once who took their conversation, and no loser is told twice.
    await eventually(() => phones.every((p) => (twilio.bodies.get(p) ?? []).some((body) => /is here and will reply/.test(body))), 20_000, 'every client to hear who took it');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    for (const ticket of tickets) {
      const owner = (await stores.handoffs.get(ticket.id))!;
      expect(owner).toMatchObject({ state: 'claimed', claimedBy: owners.get(ticket.id) });
      const client = (await stores.clients.get(owner.clientId))!;
      const heard = (twilio.bodies.get(client.address) ?? []).filter((body) => /is here and will reply/.test(body));
      expect(heard).toHaveLength(1);
      expect(heard[0]!.startsWith(`${owner.claimedByName} from `)).toBe(true);
    }
    const slackLosses = tickets.filter((t, i) => i % 2 === 0 || owners.get(t.id) === 'web:dana').length;
    expect(slack.callsTo('chat.postEphemeral')).toHaveLength(slackLosses);
    expect((await stores.handoffs.listClaimed()).map((t) => t.id).sort()).toEqual(tickets.map((t) => t.id).sort());
  }, 120_000);

  /** Appointments (Wednesday before 10:00, a quarter hour each) whose day-before reminders are due when the clocks start. */
  async function dueReminders(count: number, group: number): Promise<string[]> {
    const phones: string[] = [];
    // Booked on the Sunday before: the reminders' times came after the bookings.
    const now = new Date(Date.parse(CLOCK_START) - 2 * 24 * 3600_000);
    for (let i = 0; i < count; i++) {
      const address = phone(group, i);
      const client = await stores.clients.findOrCreateByAddress(address, 'sms', now);
      await stores.references.setPreferredChannel(client.id, 'sms', now);
      const start = new Date(Date.parse('2026-03-11T14:00:00.000Z') - (Math.floor(i / 2) + 1) * 15 * 60_000);
      const result = await stores.appointments.book(
        { clientId: client.id, serviceId: 'beard-trim', staffId: i % 2 === 0 ? 'lead' : 'barber', start: start.toISOString(), end: new Date(start.getTime() + 15 * 60_000).toISOString() },
        now,
      );
      expect(result.ok).toBe(true);
      phones.push(address);
    }
    return phones;
  }

  it('sends each of 50 due reminders exactly once with both schedulers running', async () => {
    const phones = await dueReminders(50, 3);
    await eventually(() => phones.every((p) => (twilio.delivered.get(p) ?? 0) >= 1), 30_000, 'every reminder to be sent');
    // A few more passes of both schedulers: nothing goes twice.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(phones.map((p) => twilio.delivered.get(p))).toEqual(phones.map(() => 1));
    const reminders = await stores.outbox.list({ kind: 'reminder' });
    expect(reminders.map((m) => m.status)).toEqual(phones.map(() => 'sent'));
  }, 60_000);

  it('hands on what a process held when it was killed: the other sends the rest after the lease, none twice, none lost', async () => {
    // Sends take a second and a half to be answered: a process killed meanwhile holds claims it never finishes.
    twilio.holdFor(1500);
    const phones = await dueReminders(50, 4);
    const [doomed, survivor] = bots as [BotProcess, BotProcess];
    await eventually(async () => (await stores.outbox.list({ status: 'sending' })).length > 0, 20_000, 'sends to be under way');
    doomed.child.kill('SIGKILL');
    expect(await doomed.exited).toBeNull();
    twilio.holdFor(0);

    await eventually(() => phones.every((p) => (twilio.delivered.get(p) ?? 0) >= 1), 40_000, 'every reminder to reach Twilio');
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect(phones.filter((p) => twilio.delivered.get(p) !== 1)).toEqual([]);
    expect((await stores.outbox.list({ kind: 'reminder' })).filter((m) => m.status !== 'sent').map((m) => [m.address, m.status, m.reason])).toEqual([]);
    expect(survivor.child.exitCode).toBeNull();
  }, 90_000);

  it('keeps every booking a client was told about when a process is killed mid-load, and recognises the rest on retry', async () => {
    const [doomed, survivor] = bots as [BotProcess, BotProcess];
    const times = ['9am', '10am', '11am', '12pm', '1pm', '2pm', '3pm', '4pm'];
    const clients = Array.from({ length: 60 }, (_, i) => ({ phone: phone(5, i), time: times[i % times.length] as string }));
    await inBatches(clients, 12, async (c, i) => {
      await text(doomed, c.phone, `haircut friday at ${c.time}`);
      await text(doomed, c.phone, nameOf(i));
    });
    const told = new Set<string>();
    const yeses = clients.map((c) =>
      text(doomed, c.phone, 'yes').then(
        (answer) => {
          if (BOOKED.test(answer.messages[0] ?? '')) told.add(c.phone);
        },
        () => undefined,
      ),
    );
    // Killed while the confirmations are in flight.
    await eventually(() => told.size >= 3, 20_000, 'the first confirmations');
    doomed.child.kill('SIGKILL');
    await Promise.all(yeses);

    const byClient = async (address: string) => {
      const client = await stores.clients.findByAddress(address);
      return client ? (await stores.appointments.findUpcomingForClient(client.id, new Date(CLOCK_START))).filter((a) => a.status === 'booked') : [];
    };
    // Told means kept.
    for (const address of told) expect(await byClient(address)).toHaveLength(1);
    // Each client not told says yes again on the other process: a booking made before the kill is
    // recognised as theirs, and one not made is made now or refused; no client ends with two.
    for (const c of clients.filter((x) => !told.has(x.phone))) {
      const before = await byClient(c.phone);
      const retry = await text(survivor, c.phone, 'yes');
      const after = await byClient(c.phone);
      expect(after.length).toBeLessThanOrEqual(1);
      if (before.length === 1) {
        const listing = BOOKED.test(retry.messages[0] ?? '') ? retry : await text(survivor, c.phone, 'what appointments do I have?');
        expect(listing.messages.join('\n')).toMatch(/Fri(day)?,? Mar 13/);
        expect(after.map((a) => a.id)).toEqual(before.map((a) => a.id));
      }
    }
    const booked = await stores.appointments.list({ status: 'booked' });
    expect(new Set(booked.map((a) => `${a.staffId}@${a.start}`)).size).toBe(booked.length);
  }, 180_000);
});
