// The web chat: a page on this server (GET /) with Microsoft's Web Chat talking to the bot through
// our own routes instead of Azure's Direct Line. Each browser holds an identity the server issued
// and signed (POST /api/webchat/session); a turn is POST /api/webchat/turn, answered with its
// replies; everything outside a turn comes down GET /api/webchat/stream (server-sent events) from
// the identity's mailbox. GET /widget.js puts the same chat on another site, whose origin must be
// on FRONTDESK_ALLOWED_ORIGINS.
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import type { Settings } from '../../bot/config/settings';
import type { Logger } from '../../bot/log';
import type { ChannelParts, TurnHost } from '../../bot/ports/channels';
import type { Stores } from '../../bot/ports/stores';
import { checkOrigin, corsHeaders } from './cors';
import { WebchatMailbox, type MailboxEntry } from './mailbox';
import { newId, signToken, verifyToken, type TokenClaims } from './signed-token';
import { signingKey } from './signing-key';
import { PUBLIC_DIR, lazyFile, pagePolicy, sendStatic, staticFile, webChatBundlePath } from './static-files';
import { WebchatAdapter, WEBCHAT_CHANNEL_ID, type PostedActivity } from './webchat-adapter';
import { webchatSender } from './webchat-sender';

export const WEBCHAT_PATHS = {
  session: '/api/webchat/session',
  turn: '/api/webchat/turn',
  stream: '/api/webchat/stream',
} as const;

/** How long a chat identity lives without the page renewing it; past half of it a visit renews it. */
export const CHAT_TOKEN_SECONDS = 30 * 24 * 3600;
/** The longest message the page may post; the input guard cuts texts further. */
const MAX_TEXT = 4000;
/** Open streams one identity may hold (a few tabs), so one page cannot hold a process's sockets. */
const STREAMS_PER_IDENTITY = 5;
/** How often an open stream looks for what another process put in its mailbox, and keeps proxies from closing it. */
const STREAM_POLL_MS = 2000;
const STREAM_PING_MS = 15_000;

export interface PreparedWebchat {
  key: Buffer;
  mailbox: WebchatMailbox;
  adapter: WebchatAdapter;
  parts: ChannelParts;
}

/** What the web chat needs from the core: a turn host, the business's name, the clock. */
export interface WebchatCore extends TurnHost {
  business: { name: string };
  clock: () => Date;
  logger: Logger;
}

/** The web chat's pieces before the core: its signing key, mailbox and adapter, and the outbox's sender for `webchat`. */
export function webchatParts(settings: Settings, base: { stores: Pick<Stores, 'state'>; clock: () => Date }): PreparedWebchat {
  const key = signingKey(settings.webchatSecret, settings.dataDir);
  const mailbox = new WebchatMailbox(base.stores.state, base.clock);
  const adapter = new WebchatAdapter(mailbox, base.clock);
  return { key, mailbox, adapter, parts: { senders: [[WEBCHAT_CHANNEL_ID, webchatSender(mailbox)]] } };
}

/** The chat identity a request bears (Authorization: Bearer), or why not. */
export function chatIdentityOf(req: Request, key: Buffer, nowMs: number): { ok: true; claims: TokenClaims } | { ok: false; reason: string } {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')?.[1];
  if (!bearer) return { ok: false, reason: 'missing' };
  return verifyToken(key, bearer, 'chat', nowMs);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface MountedWebchat {
  /** Ends every open stream (a stream never ends by itself, and the HTTP server's close waits for every open response). */
  closeStreams(): void;
}

export function mountWebchatRoutes(server: Server, prepared: PreparedWebchat, core: WebchatCore, settings: Settings): MountedWebchat {
  const { key, mailbox, adapter } = prepared;
  const { logger, clock } = core;
  core.attach(adapter);
  const allowed = settings.allowedOrigins;
  const business = escapeHtml(core.business.name);
  const html = { 'content-security-policy': pagePolicy([]), 'cache-control': 'no-cache' };
  const chatPage = staticFile(path.join(PUBLIC_DIR, 'index.html'), (t) => t.replaceAll('{{BUSINESS}}', business));
  const assets = new Map(['chat.js', 'chat-page.js', 'chat.css', 'strings.js', 'staff.js', 'staff.css'].map((name) => [name, staticFile(path.join(PUBLIC_DIR, name))]));
  const widget = staticFile(path.join(PUBLIC_DIR, 'widget.js'));
  const bundle = lazyFile(() => staticFile(webChatBundlePath()));

  server.get('/', async (req: Request, res: Response) => sendStatic(req, res, chatPage, html));
  server.get('/favicon.ico', async (_req: Request, res: Response) => {
    res.send(204);
  });
  server.get('/webchat/vendor/webchat.js', async (req: Request, res: Response) => sendStatic(req, res, bundle(), { 'cache-control': 'public, max-age=86400' }));
  server.get('/webchat/:file', async (req: Request, res: Response) => {
    const file = assets.get(String(req.params.file));
    if (!file) {
      res.send(404, { error: 'frontdesk_not_found', message: 'no such file' });
      return;
    }
    sendStatic(req, res, file, { 'cache-control': 'no-cache' });
  });
  // Loaded by a script tag on another site: no CORS needed to load it, only for its calls back.
  server.get('/widget.js', async (req: Request, res: Response) => sendStatic(req, res, widget, { 'cache-control': 'no-cache', 'cross-origin-resource-policy': 'cross-origin' }));

  /** Refuses other sites' pages, answers CORS for the allowed ones; false when the request is done. */
  const originGate = (req: Request, res: Response): boolean => {
    const check = checkOrigin(req, allowed, settings.publicUrl);
    if (!check.ok) {
      logger.info({ route: req.getPath() }, 'refused a web chat request from an origin not on FRONTDESK_ALLOWED_ORIGINS');
      res.send(403, { error: 'frontdesk_origin_refused', message: 'this site may not use the chat: add its origin to FRONTDESK_ALLOWED_ORIGINS' });
      return false;
    }
    if (check.cors) corsHeaders(res, check.cors);
    return true;
  };
  const identityGate = (req: Request, res: Response): TokenClaims | null => {
    const identity = chatIdentityOf(req, key, clock().getTime());
    if (!identity.ok) {
      res.send(401, { error: 'frontdesk_chat_identity_refused', message: `a chat identity from ${WEBCHAT_PATHS.session} is needed (${identity.reason})` });
      return null;
    }
    return identity.claims;
  };

  for (const route of Object.values(WEBCHAT_PATHS)) {
    server.opts(route, async (req: Request, res: Response) => {
      if (!originGate(req, res)) return;
      res.send(204);
    });
  }

  server.post(WEBCHAT_PATHS.session, async (req: Request, res: Response) => {
    if (!originGate(req, res)) return;
    const nowMs = clock().getTime();
    const held = chatIdentityOf(req, key, nowMs);
    const nowSeconds = Math.floor(nowMs / 1000);
    // A valid identity is kept, and renewed for the same id once half its life is gone; any other (forged, expired) is replaced by a new one.
    let claims: TokenClaims;
    let token: string;
    if (held.ok && held.claims.exp - nowSeconds > CHAT_TOKEN_SECONDS / 2) {
      claims = held.claims;
      token = (req.header('authorization') ?? '').replace(/^Bearer\s+/i, '');
    } else {
      claims = { kind: 'chat', sub: held.ok ? held.claims.sub : newId(), iat: nowSeconds, exp: nowSeconds + CHAT_TOKEN_SECONDS };
      token = signToken(key, claims);
    }
    res.header('cache-control', 'no-store');
    res.send(200, { token, userId: claims.sub, expiresAt: new Date(claims.exp * 1000).toISOString(), business: core.business.name });
  });

  server.post(WEBCHAT_PATHS.turn, async (req: Request, res: Response) => {
    if (!originGate(req, res)) return;
    const claims = identityGate(req, res);
    if (!claims) return;
    const posted = postedActivityOf(req.body);
    if (!posted) {
      res.send(400, { error: 'frontdesk_bad_request', message: `post { "type": "message", "text": "..." } (at most ${MAX_TEXT} characters)` });
      return;
    }
    const activities = await adapter.receive(claims.sub, posted, (context) => core.handle(context));
    res.header('cache-control', 'no-store');
    res.send(200, { activities });
  });

  const streams = new Set<{ end(): void }>();
  const perIdentity = new Map<string, number>();
  server.get(WEBCHAT_PATHS.stream, async (req: Request, res: Response) => {
    if (!originGate(req, res)) return;
    const claims = identityGate(req, res);
    if (!claims) return;
    const id = claims.sub;
    if ((perIdentity.get(id) ?? 0) >= STREAMS_PER_IDENTITY) {
      res.send(429, { error: 'frontdesk_too_many_streams', message: 'this chat has too many open streams; close a tab' });
      return;
    }
    const lastEventId = /^\d+$/.test(req.header('last-event-id') ?? '') ? Number(req.header('last-event-id')) : null;
    perIdentity.set(id, (perIdentity.get(id) ?? 0) + 1);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    res.write('retry: 3000\n\n');

    let seen = lastEventId;
    let open = true;
    let busy: Promise<void> = Promise.resolve();
    const pump = (): void => {
      busy = busy.then(async () => {
        if (!open) return;
        try {
          const entries = await mailbox.after(id, seen);
          if (!open || entries.length === 0) return;
          for (const entry of entries) res.write(eventOf(entry));
          seen = entries[entries.length - 1]!.seq;
          await mailbox.markDelivered(id, seen);
        } catch (err) {
          logger.warn({ err }, 'web chat stream could not read its mailbox');
        }
      });
    };
    const stopWatching = mailbox.watch(id, pump);
    const poll = setInterval(pump, STREAM_POLL_MS);
    const ping = setInterval(() => res.write(': ping\n\n'), STREAM_PING_MS);
    const stream = {
      end: () => {
        if (!open) return;
        open = false;
        stopWatching();
        clearInterval(poll);
        clearInterval(ping);
        streams.delete(stream);
        const left = (perIdentity.get(id) ?? 1) - 1;
        if (left <= 0) perIdentity.delete(id);
        else perIdentity.set(id, left);
        res.end();
      },
    };
    streams.add(stream);
    req.on('close', () => stream.end());
    pump();
  });

  const closeStreams = (): void => {
    for (const stream of [...streams]) stream.end();
  };
  // An open stream never ends by itself, and the HTTP server's close waits for every open response.
  const close = server.close.bind(server);
  server.close = ((...args: Parameters<Server['close']>) => {
    closeStreams();
    return close(...args);
  }) as Server['close'];
  return { closeStreams };
}

/** One mailbox entry as a server-sent event: its seq is the event id the page resumes from. */
function eventOf(entry: MailboxEntry): string {
  const activity = {
    id: `mailbox-${entry.seq}`,
    type: 'message',
    text: entry.text,
    timestamp: entry.at,
    ...(entry.media.length > 0 ? { attachments: entry.media.map((url) => ({ contentType: mediaType(url), contentUrl: url, name: url.split('/').pop() ?? 'file' })) } : {}),
  };
  return `id: ${entry.seq}\nevent: activity\ndata: ${JSON.stringify(activity)}\n\n`;
}

function mediaType(url: string): string {
  const ext = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(url)?.[1]?.toLowerCase();
  return ext === 'png' ? 'image/png' : ext === 'jpg' || ext === 'jpeg' ? 'image/jpeg' : ext === 'gif' ? 'image/gif' : 'application/octet-stream';
}

function postedActivityOf(body: unknown): PostedActivity | null {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as Record<string, unknown>;
  if (b.type === 'conversationUpdate') return { type: 'conversationUpdate' };
  if (b.type !== 'message' || typeof b.text !== 'string' || b.text.length > MAX_TEXT || b.text.trim() === '') return null;
  const clientActivityId = typeof b.clientActivityId === 'string' && b.clientActivityId.length <= 100 ? b.clientActivityId : undefined;
  return { type: 'message', text: b.text, ...(clientActivityId ? { clientActivityId } : {}) };
}
