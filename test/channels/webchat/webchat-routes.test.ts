// The web chat and the staff view over real HTTP: the real server on a free port with a temporary
// data directory, spoken to as the page speaks to it (a signed identity, turns, the event stream)
// and as staff do (the admin token for a session cookie, the CSRF header on every write).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readSettings } from '../../../bot/config/settings';
import { startServer, type RunningServer } from '../../../bot/index';
import { silentLogger } from '../../../bot/log';
import { signToken } from '../../../channels/webchat/signed-token';
import { SECRET_FILE } from '../../../channels/webchat/signing-key';
import { LOGIN_TRIES } from '../../../channels/webchat/staff-view';
import { at } from '../../helpers/frontdesk-harness';
import { openSession, openStream, say, staffCall, staffLogin, turn } from './webchat-client';

const ADMIN_TOKEN = 'staff-token-for-tests-0123456789';
const ALLOWED = 'https://maple-street.example';

describe('the web chat', () => {
  let dataDir: string;
  let server: RunningServer;
  let now = at('2026-03-10T10:00');

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'frontdesk-webchat-'));
    server = await startServer({
      settings: readSettings({ FRONTDESK_ADMIN_TOKEN: ADMIN_TOKEN, FRONTDESK_ALLOWED_ORIGINS: ALLOWED }, { dataDir, port: 0 }),
      clock: () => now,
      logger: silentLogger(),
    });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(() => {
    now = at('2026-03-10T10:00');
  });

  describe('identity', () => {
    it('issues each browser its own signed identity, kept in the data directory key, and the client is webchat:<id>', async () => {
      const a = await openSession(server);
      const b = await openSession(server);
      expect(a.status).toBe(200);
      expect(a.body.userId).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(b.body.userId).not.toBe(a.body.userId);
      expect(readFileSync(path.join(dataDir, SECRET_FILE), 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);

      const replies = await say(server, a.body.token, 'hi');
      expect(replies.length).toBeGreaterThan(0);
      const client = await server.frontdesk.stores.clients.findByAddress(`webchat:${a.body.userId}`);
      expect(client).toMatchObject({ channel: 'webchat' });
    });

    it('keeps a valid identity on a new visit, and renews it for the same id past half its life', async () => {
      const first = await openSession(server);
      const again = await openSession(server, first.body.token);
      expect(again.body).toMatchObject({ userId: first.body.userId, token: first.body.token });
      now = new Date(now.getTime() + 20 * 24 * 3600_000);
      const renewed = await openSession(server, first.body.token);
      expect(renewed.body.userId).toBe(first.body.userId);
      expect(renewed.body.token).not.toBe(first.body.token);
      expect(Date.parse(renewed.body.expiresAt)).toBeGreaterThan(Date.parse(first.body.expiresAt));
    });

    it.each([
      ['no identity', (_t: string) => null],
      ['a forged id under a real signature', (t: string) => `${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(t.split('.')[0]!, 'base64url').toString()), sub: 'AAAAAAAAAAAAAAAAAAAAAA' })).toString('base64url')}.${t.split('.')[1]}`],
      ['an identity signed with another key', (t: string) => signToken(Buffer.from('x'.repeat(64)), JSON.parse(Buffer.from(t.split('.')[0]!, 'base64url').toString()))],
      ['a staff session presented as a chat identity', (t: string) => t.replace(/^[^.]+/, Buffer.from(JSON.stringify({ kind: 'staff', sub: 'AAAAAAAAAAAAAAAAAAAAAA', iat: 0, exp: 4102444800 })).toString('base64url'))],
      ['garbage', (_t: string) => 'not-a-token'],
    ])('refuses a turn with %s (401), and runs nothing', async (_name, make) => {
      const { body } = await openSession(server);
      const before = (await server.frontdesk.stores.clients.list()).length;
      const res = await turn(server, make(body.token), { type: 'message', text: 'hi' });
      expect(res.status).toBe(401);
      expect((await server.frontdesk.stores.clients.list()).length).toBe(before);
    });

    it('refuses an expired identity, and a new visit gets a new one', async () => {
      const { body } = await openSession(server);
      now = new Date(now.getTime() + 31 * 24 * 3600_000);
      expect((await turn(server, body.token, { type: 'message', text: 'hi' })).status).toBe(401);
      const fresh = await openSession(server, body.token);
      expect(fresh.body.userId).not.toBe(body.userId);
      expect((await turn(server, fresh.body.token, { type: 'message', text: 'hi' })).status).toBe(200);
    });
  });

  describe('turns', () => {
    it('greets on the first hello and answers a booking request with its times as buttons', async () => {
      const { body } = await openSession(server);
      const hello = await turn(server, body.token, { type: 'conversationUpdate' });
      expect(hello.replies.map((r) => r.text).join(' ')).toContain('Maple Street Salon');
      const booking = await turn(server, body.token, { type: 'message', text: 'can I get a haircut tomorrow afternoon?' });
      expect(booking.status).toBe(200);
      const offer = booking.replies.find((r) => r.suggestedActions);
      expect(offer?.suggestedActions?.actions.length).toBeGreaterThan(0);
      expect(offer?.suggestedActions?.actions[0]).toMatchObject({ type: 'messageBack', title: expect.stringMatching(/\d:\d\d/) });
    });

    it.each([
      ['no text', { type: 'message' }],
      ['blank text', { type: 'message', text: '   ' }],
      ['text too long', { type: 'message', text: 'x'.repeat(4001) }],
      ['another type', { type: 'invoke', name: 'x' }],
    ])('answers 400 to a turn with %s', async (_name, posted) => {
      const { body } = await openSession(server);
      expect((await turn(server, body.token, posted)).status).toBe(400);
    });
  });

  describe('the stream', () => {
    async function handedOff(): Promise<{ token: string; userId: string; ticketId: string }> {
      const { body } = await openSession(server);
      await say(server, body.token, 'I want to talk to a person');
      const client = await server.frontdesk.stores.clients.findByAddress(`webchat:${body.userId}`);
      const ticket = await server.frontdesk.handoff.activeFor(client!.id);
      expect(ticket).not.toBeNull();
      return { token: body.token, userId: body.userId, ticketId: ticket!.id };
    }

    it("delivers a staff reply to the client's open stream, and not to another identity's", async () => {
      const client = await handedOff();
      const other = await openSession(server);
      const stream = await openStream(server, client.token);
      const otherStream = await openStream(server, other.body.token);
      expect(stream.status).toBe(200);
      try {
        expect((await server.frontdesk.handoff.claim(client.ticketId, 'web:dana', 'Dana', now)).ok).toBe(true);
        expect(await server.frontdesk.handoff.staffReply(client.ticketId, 'web:dana', 'Hi, this is Dana. How can I help?', [], now)).toMatchObject({ ok: true });
        const events = await stream.waitFor(2);
        expect(events.map((e) => e.data.text)).toEqual([expect.stringContaining('Dana'), 'Hi, this is Dana. How can I help?']);
        expect(events.map((e) => e.event)).toEqual(['activity', 'activity']);
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(otherStream.events).toEqual([]);
        const sent = (await server.frontdesk.stores.outbox.list({ address: `webchat:${client.userId}` })).map((m) => m.status);
        expect(sent).toEqual(['sent', 'sent']);
      } finally {
        stream.close();
        otherStream.close();
      }
    });

    it('keeps what comes while no page is open and gives it on connect, once; a reconnect resumes after its last event', async () => {
      const client = await handedOff();
      await server.frontdesk.handoff.claim(client.ticketId, 'web:dana', 'Dana', now);
      await server.frontdesk.handoff.staffReply(client.ticketId, 'web:dana', 'Are you still there?', [], now);
      expect((await server.frontdesk.stores.outbox.list({ address: `webchat:${client.userId}` })).every((m) => m.status === 'sent')).toBe(true);

      const first = await openStream(server, client.token);
      const kept = await first.waitFor(2);
      expect(kept.map((e) => e.data.text)).toEqual([expect.stringContaining('Dana'), 'Are you still there?']);
      first.close();

      const later = await openStream(server, client.token);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(later.events).toEqual([]);
      later.close();

      const resumed = await openStream(server, client.token, kept[0]!.id!);
      expect((await resumed.waitFor(1)).map((e) => e.data.text)).toEqual(['Are you still there?']);
      resumed.close();
    });

    it('refuses a stream without an identity', async () => {
      const res = await fetch(`${server.url}/api/webchat/stream`);
      expect(res.status).toBe(401);
    });
  });

  describe('CORS', () => {
    it('answers a preflight from an allowed site with its origin', async () => {
      const res = await fetch(`${server.url}/api/webchat/turn`, {
        method: 'OPTIONS',
        headers: { origin: ALLOWED, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
      expect(res.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    });

    it('lets an allowed site open a session, with its origin in the answer', async () => {
      const res = await openSession(server, undefined, ALLOWED);
      expect(res.status).toBe(200);
    });

    it.each(['https://evil.example', 'http://maple-street.example', 'null'])('refuses %s outright (403), preflight and request', async (origin) => {
      const pre = await fetch(`${server.url}/api/webchat/session`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
      expect(pre.status).toBe(403);
      expect(pre.headers.get('access-control-allow-origin')).toBeNull();
      const res = await openSession(server, undefined, origin);
      expect(res.status).toBe(403);
    });

    it('takes the page served by this server (its own origin)', async () => {
      const res = await openSession(server, undefined, server.url);
      expect(res.status).toBe(200);
    });
  });

  describe('the staff view', () => {
    const ADMIN_ROUTES: Array<['GET' | 'POST', string]> = [
      ['GET', '/api/staff/session'],
      ['GET', '/api/staff/schedule'],
      ['GET', '/api/staff/queue'],
      ['GET', '/api/staff/history?q=haircut'],
      ['GET', '/api/staff/tickets/t1'],
      ['POST', '/api/staff/tickets/t1/claim'],
      ['POST', '/api/staff/tickets/t1/reply'],
      ['POST', '/api/staff/tickets/t1/resolve'],
      ['POST', '/api/staff/logout'],
    ];

    it('refuses a wrong admin token (401) and sets no cookie', async () => {
      const login = await staffLogin(server, 'wrong-token-wrong-token');
      expect(login.status).toBe(401);
      expect(login.setCookie).toBeNull();
    });

    it('gives a session cookie that is HttpOnly and SameSite=Strict for the right token', async () => {
      const login = await staffLogin(server, ADMIN_TOKEN);
      expect(login.status).toBe(200);
      expect(login.setCookie).toMatch(/HttpOnly/);
      expect(login.setCookie).toMatch(/SameSite=Strict/);
      expect(login.setCookie).not.toMatch(/Secure/);
      expect(login.csrf).toEqual(expect.any(String));
    });

    it.each(ADMIN_ROUTES)('answers %s %s with 401 without a session, and with a forged or chat cookie', async (method, route) => {
      expect((await staffCall(server, method, route, {})).status).toBe(401);
      expect((await staffCall(server, method, route, { cookie: 'frontdesk_staff=eyJ9.abc' })).status).toBe(401);
      const chat = await openSession(server);
      expect((await staffCall(server, method, route, { cookie: `frontdesk_staff=${chat.body.token}` })).status).toBe(401);
    });

    it.each(ADMIN_ROUTES.filter(([method]) => method === 'POST'))('answers %s %s with 403 without the CSRF token, or with another session\'s', async (method, route) => {
      const mine = await staffLogin(server, ADMIN_TOKEN);
      const theirs = await staffLogin(server, ADMIN_TOKEN, 'Sam');
      expect((await staffCall(server, method, route, { cookie: mine.cookie }, {})).status).toBe(403);
      expect((await staffCall(server, method, route, { cookie: mine.cookie, csrf: theirs.csrf }, {})).status).toBe(403);
    });

    it('claims, replies to and resolves a conversation from the page, and shows the day with the booking', async () => {
      const chat = await openSession(server);
      await say(server, chat.body.token, 'I want to talk to a person');
      const staff = await staffLogin(server, ADMIN_TOKEN);
      const queue = await staffCall(server, 'GET', '/api/staff/queue', staff);
      const waiting = queue.body.waiting as Array<{ id: string; channel: string; position: number }>;
      const mine = waiting.find((w) => w.channel === 'webchat')!;
      expect(mine).toBeDefined();
      expect((await staffCall(server, 'POST', `/api/staff/tickets/${mine.id}/reply`, staff, { text: 'hello' })).body).toMatchObject({ reason: 'not_owner' });
      expect((await staffCall(server, 'POST', `/api/staff/tickets/${mine.id}/claim`, staff, {})).status).toBe(200);
      expect((await staffCall(server, 'POST', `/api/staff/tickets/${mine.id}/claim`, staff, {})).status).toBe(409);
      expect((await staffCall(server, 'POST', `/api/staff/tickets/${mine.id}/reply`, staff, { text: 'Hello from the desk' })).status).toBe(200);
      const ticket = await staffCall(server, 'GET', `/api/staff/tickets/${mine.id}`, staff);
      expect((ticket.body.messages as Array<{ text: string; author: string }>).map((m) => m.text)).toContain('Hello from the desk');
      expect((await staffCall(server, 'POST', `/api/staff/tickets/${mine.id}/resolve`, staff, {})).status).toBe(200);

      const history = await staffCall(server, 'GET', `/api/staff/history?q=${encodeURIComponent('desk')}`, staff);
      expect((history.body.matches as Array<{ text: string }>).map((m) => m.text)).toContain('Hello from the desk');

      const client = await server.frontdesk.stores.clients.findByAddress(`webchat:${chat.body.userId}`);
      const booked = await server.frontdesk.stores.appointments.book(
        { clientId: client!.id, serviceId: 'haircut', staffId: 'barber', start: at('2026-03-11T14:00').toISOString(), end: at('2026-03-11T14:30').toISOString() },
        now,
      );
      expect(booked.ok).toBe(true);
      const day = await staffCall(server, 'GET', '/api/staff/schedule?from=2026-03-11', staff);
      const days = day.body.days as Array<{ date: string; open: Array<{ from: number; to: number }>; staff: Array<{ id: string; appointments: Array<{ from: number; to: number; service: string }> }> }>;
      expect(days).toHaveLength(1);
      expect(days[0]).toMatchObject({ date: '2026-03-11', open: [{ from: 9 * 60, to: 19 * 60 }] });
      expect(days[0]!.staff.find((m) => m.id === 'barber')!.appointments).toEqual([expect.objectContaining({ from: 14 * 60, to: 14 * 60 + 30, service: 'Haircut' })]);
      const week = await staffCall(server, 'GET', '/api/staff/schedule?from=2026-03-10&days=7', staff);
      expect((week.body.days as unknown[]).length).toBe(7);
    });
  });
});

describe('staff logins with wrong tokens', () => {
  let dataDir: string;
  let server: RunningServer;
  let now = at('2026-03-10T10:00');

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'frontdesk-webchat-throttle-'));
    server = await startServer({ settings: readSettings({ FRONTDESK_ADMIN_TOKEN: ADMIN_TOKEN }, { dataDir, port: 0 }), clock: () => now, logger: silentLogger() });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`refuses every login from an address after ${LOGIN_TRIES} wrong tokens (429), the right one too, until the window passes`, async () => {
    for (let i = 0; i < LOGIN_TRIES; i += 1) expect((await staffLogin(server, `wrong-token-number-${i}-xxxx`)).status).toBe(401);
    expect((await staffLogin(server, ADMIN_TOKEN)).status).toBe(429);
    now = new Date(now.getTime() + 11 * 60_000);
    expect((await staffLogin(server, ADMIN_TOKEN)).status).toBe(200);
  });
});

describe('the staff view without FRONTDESK_ADMIN_TOKEN', () => {
  let dataDir: string;
  let server: RunningServer;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'frontdesk-webchat-off-'));
    server = await startServer({ settings: readSettings({}, { dataDir, port: 0 }), clock: () => at('2026-03-10T10:00'), logger: silentLogger() });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is off: every admin route says how to turn it on, and no login works', async () => {
    for (const route of ['/api/staff/session', '/api/staff/queue', '/api/staff/schedule']) {
      const res = await staffCall(server, 'GET', route, {});
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ error: 'frontdesk_staff_view_off', message: expect.stringContaining('FRONTDESK_ADMIN_TOKEN') });
    }
    expect((await staffLogin(server, 'anything-at-all-long-enough')).status).toBe(503);
    const page = await fetch(`${server.url}/staff`);
    expect(page.status).toBe(200);
  });

  it('marks the session cookie Secure when PUBLIC_URL is https', async () => {
    const secureDir = mkdtempSync(path.join(tmpdir(), 'frontdesk-webchat-secure-'));
    const secure = await startServer({
      settings: readSettings({ FRONTDESK_ADMIN_TOKEN: ADMIN_TOKEN, PUBLIC_URL: 'https://bot.example' }, { dataDir: secureDir, port: 0 }),
      clock: () => at('2026-03-10T10:00'),
      logger: silentLogger(),
    });
    try {
      const login = await staffLogin(secure, ADMIN_TOKEN);
      expect(login.setCookie).toMatch(/; Secure/);
    } finally {
      await secure.close();
      rmSync(secureDir, { recursive: true, force: true });
    }
  });
});
