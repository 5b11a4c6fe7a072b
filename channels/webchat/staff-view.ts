// The owner's and staff's page (GET /staff): the day and the week, the handoff queue, a client's
// history, and claiming, replying to and resolving a conversation. A business without Slack still
// has a staff console here. The login is FRONTDESK_ADMIN_TOKEN, exchanged for a signed session
// cookie (HttpOnly, SameSite=Strict, Secure behind https); every state-changing request carries the
// session's CSRF token in a header. Without the token set, the view is off and says how to turn it on.
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import type { Settings } from '../../bot/config/settings';
import { maskAddress } from '../../bot/domain/handoff';
import { languageForClient } from '../../bot/domain/localized';
import { isValidDate, localDateOf } from '../../bot/domain/time';
import type { Business, Client } from '../../bot/domain/types';
import type { Logger } from '../../bot/log';
import type { HandoffTicket, LoggedMessage } from '../../bot/ports/handoff';
import type { Stores } from '../../bot/ports/stores';
import { enStaff } from '../../bot/text/en';
import type { HandoffService } from '../../bot/services/handoff-service';
import { scheduleView, spanOfDays } from './schedule-view';
import { derive, newId, sameSecret, signToken, verifyToken, type TokenClaims } from './signed-token';
import { LoginFailures } from './login-failures';
import { PUBLIC_DIR, pagePolicy, sendStatic, staticFile } from './static-files';

export const STAFF_COOKIE = 'frontdesk_staff';
export const CSRF_HEADER = 'x-csrf-token';
export const STAFF_SESSION_SECONDS = 12 * 3600;
const HISTORY_MESSAGES = 50;
/** Wrong admin tokens one address may try in a window before its logins are refused for the rest of it. */
export const LOGIN_TRIES = 10;
const LOGIN_WINDOW_MS = 10 * 60_000;

/** What the staff view needs from the core: the queue, the stores it reads, the business, the clock. */
export interface StaffViewCore {
  handoff: HandoffService;
  stores: Pick<Stores, 'appointments' | 'clients' | 'messageLog'>;
  business: Business;
  clock: () => Date;
  logger: Logger;
}

interface Session {
  claims: TokenClaims;
  staffId: string;
  name: string;
  csrf: string;
}

/** A staff member's id in the queue: the name they logged in with, so two sessions of one person hold the same tickets. */
export function webStaffId(name: string): string {
  return `web:${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'staff'}`;
}

function cookieOf(req: Request, name: string): string | null {
  for (const part of (req.header('cookie') ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}

export function mountStaffView(server: Server, core: StaffViewCore, settings: Settings, signing: Buffer): void {
  const { handoff, stores, business, clock, logger } = core;
  const adminToken = settings.adminToken;
  const secure = settings.publicUrl?.startsWith('https:') ?? false;
  // Bound to the admin token: changing FRONTDESK_ADMIN_TOKEN ends every session made with the old one.
  const key = adminToken === null ? null : Buffer.from(derive(signing, `staff-session:${adminToken}`));
  const page = staticFile(path.join(PUBLIC_DIR, 'staff.html'), (t) => t.replaceAll('{{BUSINESS}}', business.name.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)));
  server.get('/staff', async (req: Request, res: Response) =>
    sendStatic(req, res, page, { 'content-security-policy': pagePolicy([]), 'cache-control': 'no-cache', 'x-frame-options': 'DENY' }),
  );

  const sessionOf = (req: Request): Session | null => {
    if (key === null) return null;
    const token = cookieOf(req, STAFF_COOKIE);
    if (!token) return null;
    const check = verifyToken(key, token, 'staff', clock().getTime());
    if (!check.ok) return null;
    const name = check.claims.name ?? 'Staff';
    return { claims: check.claims, staffId: webStaffId(name), name, csrf: derive(key, `csrf:${check.claims.sub}`) };
  };

  type Handler = (req: Request, res: Response, session: Session) => Promise<void> | void;
  /** Off: 503 saying how to turn it on. No or a bad session: 401. A write without the session's CSRF token: 403. */
  const guarded = (write: boolean, handler: Handler) => async (req: Request, res: Response) => {
    res.header('cache-control', 'no-store');
    if (key === null) {
      res.send(503, offBody());
      return;
    }
    const session = sessionOf(req);
    if (!session) {
      res.send(401, { error: 'frontdesk_staff_login_required', message: 'log in on /staff with FRONTDESK_ADMIN_TOKEN' });
      return;
    }
    if (write && !sameSecret(req.header(CSRF_HEADER) ?? '', session.csrf)) {
      res.send(403, { error: 'frontdesk_csrf_refused', message: `a state-changing request needs the ${CSRF_HEADER} header from GET /api/staff/session` });
      return;
    }
    await handler(req, res, session);
  };

  const failures = new LoginFailures(LOGIN_TRIES, LOGIN_WINDOW_MS);
  server.post('/api/staff/login', async (req: Request, res: Response) => {
    res.header('cache-control', 'no-store');
    if (key === null || adminToken === null) {
      res.send(503, offBody());
      return;
    }
    const caller = req.socket?.remoteAddress ?? 'unknown';
    const nowMs = clock().getTime();
    if (failures.throttled(caller, nowMs)) {
      res.send(429, { error: 'frontdesk_staff_login_throttled', message: 'too many wrong tokens from this address; try again in a few minutes' });
      return;
    }
    const body = (req.body ?? {}) as { token?: unknown; name?: unknown };
    const given = typeof body.token === 'string' ? body.token : '';
    if (!sameSecret(given, adminToken)) {
      failures.record(caller, nowMs);
      logger.warn('staff view login refused: wrong token');
      res.send(401, { error: 'frontdesk_staff_login_refused', message: 'that is not the admin token' });
      return;
    }
    const name = (typeof body.name === 'string' ? body.name.trim() : '').slice(0, 40) || 'Staff';
    const now = Math.floor(clock().getTime() / 1000);
    const claims: TokenClaims = { kind: 'staff', sub: newId(), iat: now, exp: now + STAFF_SESSION_SECONDS, name };
    res.header('set-cookie', sessionCookie(signToken(key, claims), STAFF_SESSION_SECONDS, secure));
    res.send(200, { name, staffId: webStaffId(name), csrf: derive(key, `csrf:${claims.sub}`), business: business.name, zone: business.zone });
  });

  server.post('/api/staff/logout', guarded(true, (_req, res) => {
    res.header('set-cookie', sessionCookie('', 0, secure));
    res.send(200, { ok: true });
  }));

  server.get('/api/staff/session', guarded(false, (_req, res, session) => {
    res.send(200, { name: session.name, staffId: session.staffId, csrf: session.csrf, business: business.name, zone: business.zone });
  }));

  server.get('/api/staff/schedule', guarded(false, async (req, res) => {
    const now = clock();
    const query = queryOf(req);
    const asked = query.get('from');
    const from = asked !== null && isValidDate(asked) ? asked : localDateOf(now.getTime(), business.zone);
    const days = query.get('days') === '7' ? 7 : 1;
    const span = spanOfDays(business, from, days);
    const appointments = await stores.appointments.list({ from: span.from, to: span.to, status: 'booked' });
    const clients = new Map<string, Client>();
    for (const a of appointments) {
      if (clients.has(a.clientId)) continue;
      const client = await stores.clients.get(a.clientId);
      if (client) clients.set(client.id, client);
    }
    res.send(200, scheduleView(business, from, days, appointments, clients, now));
  }));

  server.get('/api/staff/queue', guarded(false, async (_req, res, session) => {
    const now = clock();
    const waiting = await handoff.waiting(now);
    const claimed = await handoff.store.listClaimed();
    const who = await whoOf(claimed.map((t) => t.clientId));
    res.send(200, {
      now: now.toISOString(),
      waiting: waiting.map((w) => ({ ...ticketSummary(w.ticket, w.client, business), position: w.position, waitedMinutes: w.waitedMinutes })),
      claimed: claimed.map((t) => ({ ...ticketSummary(t, who.get(t.clientId) ?? null, business), mine: t.claimedBy === session.staffId })),
    });
  }));

  server.get('/api/staff/tickets/:id', guarded(false, async (req, res, session) => {
    const ticket = await handoff.store.get(String(req.params.id));
    if (!ticket) {
      res.send(404, { error: 'frontdesk_ticket_not_found', message: 'no such conversation' });
      return;
    }
    const client = await stores.clients.get(ticket.clientId);
    const messages = await stores.messageLog.recentForClient(ticket.clientId, HISTORY_MESSAGES);
    res.send(200, { ticket: { ...ticketSummary(ticket, client, business), mine: ticket.claimedBy === session.staffId }, messages: messages.map(messageView) });
  }));

  const ticketAction = (act: (ticket: string, session: Session, body: Record<string, unknown>) => Promise<{ ok: true } | { ok: false; reason: string; byName?: string | null }>) =>
    guarded(true, async (req, res, session) => {
      const result = await act(String(req.params.id), session, (req.body ?? {}) as Record<string, unknown>);
      if (result.ok) res.send(200, { ok: true });
      else res.send(result.reason === 'not_found' ? 404 : result.reason === 'empty' ? 400 : 409, { error: `frontdesk_ticket_${result.reason}`, reason: result.reason, byName: result.byName ?? null });
    });

  server.post('/api/staff/tickets/:id/claim', ticketAction(async (id, session) => {
    const result = await handoff.claim(id, session.staffId, session.name, clock());
    return result.ok ? { ok: true } : { ok: false, reason: result.reason, byName: result.reason === 'already_claimed' ? result.byName : null };
  }));

  server.post('/api/staff/tickets/:id/reply', ticketAction(async (id, session, body) => {
    const text = typeof body.text === 'string' ? body.text.trim().slice(0, 4000) : '';
    if (text === '') return { ok: false, reason: 'empty' };
    const result = await handoff.staffReply(id, session.staffId, text, [], clock());
    return result.ok ? { ok: true } : { ok: false, reason: result.reason };
  }));

  server.post('/api/staff/tickets/:id/resolve', ticketAction(async (id, session) => {
    const result = await handoff.resolve(id, session.staffId, clock());
    return result.ok ? { ok: true } : { ok: false, reason: result.reason };
  }));

  // The same look-ups as Slack's `/frontdesk history`: a client by phone, address or name, and messages by words.
  server.get('/api/staff/history', guarded(false, async (req, res) => {
    const q = (queryOf(req).get('q') ?? '').trim().slice(0, 200);
    if (q === '') {
      res.send(400, { error: 'frontdesk_bad_request', message: 'search with ?q=<phone, name or words>' });
      return;
    }
    const found = await handoff.history(q, HISTORY_MESSAGES);
    const matches = await stores.messageLog.search(q, 20);
    const who = await whoOf(matches.map((m) => m.clientId));
    res.send(200, {
      client: found ? { id: found.client.id, who: labelOf(found.client), channel: found.client.channel } : null,
      messages: found ? found.messages.map(messageView) : [],
      matches: matches.map((m) => ({ ...messageView(m), who: labelOf(who.get(m.clientId) ?? null) })),
    });
  }));

  async function whoOf(ids: readonly string[]): Promise<Map<string, Client>> {
    const out = new Map<string, Client>();
    for (const id of new Set(ids)) {
      const client = await stores.clients.get(id);
      if (client) out.set(id, client);
    }
    return out;
  }
}

/** The query string, read here: the host parses bodies, not queries. */
function queryOf(req: Request): URLSearchParams {
  return new URL(req.url ?? '/', 'http://frontdesk.invalid').searchParams;
}

function offBody() {
  return {
    error: 'frontdesk_staff_view_off',
    message: 'The staff view is off. Set FRONTDESK_ADMIN_TOKEN (at least 16 characters) in the environment and restart Frontdesk, then log in on /staff with it.',
  };
}

function sessionCookie(value: string, maxAge: number, secure: boolean): string {
  return `${STAFF_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
}

function labelOf(client: Client | null): string {
  if (!client) return '';
  return client.name ?? maskAddress(client.address);
}

/** A ticket as the page lists it; `language` is the one the client is answered in, `languageName` its name for staff. */
function ticketSummary(ticket: HandoffTicket, client: Client | null, business: Business) {
  const language = languageForClient(client, business);
  return {
    id: ticket.id,
    number: ticket.number,
    who: labelOf(client),
    language,
    languageName: enStaff.languageName(language),
    channel: ticket.channel,
    reason: ticket.reason,
    urgent: ticket.urgent,
    state: ticket.state,
    createdAt: ticket.createdAt,
    claimedAt: ticket.claimedAt,
    claimedByName: ticket.claimedByName,
  };
}

function messageView(m: LoggedMessage) {
  return { id: m.id, at: m.at, direction: m.direction, author: m.author, text: m.text, internal: m.internal === true, channel: m.channel };
}
