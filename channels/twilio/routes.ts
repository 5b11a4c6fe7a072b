// Twilio's two webhooks on the restify server: inbound messages (a turn, answered with TwiML) and
// delivery status callbacks. Both check X-Twilio-Signature before anything else happens, and both
// refuse to run (503) rather than accept unsigned traffic when no auth token is configured.
import type { Request, Response, Server } from 'restify';
import type { Settings } from '../../bot/config/settings';
import { logTag, type Logger } from '../../bot/log';
import type { ChannelParts, TurnHost } from '../../bot/ports/channels';
import type { MessageSender } from '../../bot/ports/outbound';
import type { Stores } from '../../bot/ports/stores';
import type { Texts } from '../../bot/text/en';
import type { Keyword } from '../../bot/understanding/types';
import { WebhookClaims } from '../shared/webhook-claim';
import { FloodGuard } from './flood-guard';
import { TwilioMessageSender } from './message-sender';
import { TWILIO_OPTED_OUT, twilioOutboxSender } from './outbox-sender';
import { DEFAULT_TWILIO_API_URL, TwilioMessagesClient } from './messages-client';
import { TwilioAdapter } from './twilio-adapter';
import { EMPTY_TWIML, toTwiml } from './twiml';
import { hasValidSignature, one, parseForm, readInbound, splitAddress, type WebhookParams } from './webhook-request';

export const TWILIO_MESSAGES_PATH = '/api/twilio/messages';
export const TWILIO_STATUS_PATH = '/api/twilio/status';

/** Twilio gives up on a webhook after 15 s; a claim older than this belongs to a process that died. */
const STALE_CLAIM_MS = 2 * 60_000;
/** How long a duplicate that arrives mid-turn waits for the first one's reply. */
const DUPLICATE_WAIT_MS = 10_000;

/** The carrier says the number cannot take messages: landline, unknown, or blocked by the carrier. */
export const UNREACHABLE_CODES: ReadonlySet<string> = new Set(['30003', '30005', '30006']);
/** The recipient replied STOP to the sending number at the carrier or Twilio level. */
export const OPTED_OUT_CODE = TWILIO_OPTED_OUT;

export interface TwilioChannel {
  adapter: TwilioAdapter;
  /** The raw provider sender, or null without TWILIO_ACCOUNT_SID. */
  sender: MessageSender | null;
  floodGuard: FloodGuard;
}

export interface TwilioRouteOptions {
  /** The raw text-message sender the composition root built (Twilio's; null without an account). */
  sender: MessageSender | null;
  floodGuard?: FloodGuard;
}

/** What the Twilio sender needs: where it records what it sent and heard, a clock, a logger. */
export interface TwilioSenderDeps {
  stores: Pick<Stores, 'inboundMessages' | 'deliveries'>;
  clock: () => Date;
  logger: Logger;
}

/** What the Twilio routes need from the core once it exists. */
export interface TwilioCore extends TurnHost, TwilioSenderDeps {
  stores: Pick<Stores, 'inboundMessages' | 'deliveries' | 'consent' | 'state'>;
  texts: Pick<Texts, 'flooding'>;
  /** The carrier keyword a text is (STOP from a paused address is still honoured). */
  keywordOf(text: string, now: Date): Keyword | null;
}

/** The Twilio channel's part of the core: its sender for SMS and WhatsApp, when an account is configured. */
export function twilioParts(sender: TwilioMessageSender | null): ChannelParts {
  if (!sender) return {};
  const outbox = twilioOutboxSender(sender);
  return { senders: [['sms', outbox], ['whatsapp', outbox]] };
}

/** The raw Twilio sender for these settings, or null when no account or sender is configured. */
export function createTwilioSender(settings: Settings, deps: TwilioSenderDeps): TwilioMessageSender | null {
  if (!settings.twilioAccountSid || !settings.twilioAuthToken) return null;
  if (!settings.twilioPhoneNumber && !settings.twilioMessagingServiceSid) return null;
  const client = new TwilioMessagesClient({
    accountSid: settings.twilioAccountSid,
    authToken: settings.twilioAuthToken,
    apiUrl: settings.twilioApiUrl ?? DEFAULT_TWILIO_API_URL,
    timeoutMs: settings.sendTimeoutMs,
  });
  return new TwilioMessageSender(
    client,
    {
      phoneNumber: settings.twilioPhoneNumber,
      messagingServiceSid: settings.twilioMessagingServiceSid,
      statusCallbackUrl: settings.publicUrl ? `${settings.publicUrl}${TWILIO_STATUS_PATH}` : undefined,
      whatsappTemplateSid: settings.twilioWhatsappTemplateSid,
    },
    { inbound: deps.stores.inboundMessages, deliveries: deps.stores.deliveries },
    deps.clock,
    deps.logger,
  );
}

function sendTwiml(res: Response, twiml: string): void {
  res.sendRaw(200, twiml, { 'content-type': 'text/xml; charset=utf-8' });
}

export function mountTwilioRoutes(server: Server, core: TwilioCore, settings: Settings, options: TwilioRouteOptions): TwilioChannel {
  const { logger, stores, clock } = core;
  const { sender } = options;
  const floodGuard = options.floodGuard ?? new FloodGuard();
  const adapter = core.attach(
    new TwilioAdapter({
      sender,
      storage: stores.state,
      serviceUrl: settings.twilioApiUrl ?? DEFAULT_TWILIO_API_URL,
      logger,
    }),
  );
  const claims = new WebhookClaims({
    store: stores.inboundMessages,
    clock,
    logger,
    staleAfterMs: STALE_CLAIM_MS,
    duplicateWaitMs: DUPLICATE_WAIT_MS,
    logFields: (messageSid) => ({ messageSid }),
    messages: {
      notRecorded: 'Twilio message answered but its reply could not be stored; kept in memory for retries',
      notReleased: 'could not release a failed Twilio message; its retries get no reply until the claim goes stale',
    },
  });

  /** The verified form parameters, or null once the response (503 or 403) has been sent. */
  const verified = (req: Request, res: Response): WebhookParams | null => {
    const { twilioAuthToken: token, publicUrl } = settings;
    if (!token || !publicUrl) {
      res.send(503, {
        error: 'frontdesk_twilio_not_configured',
        message: 'Set TWILIO_AUTH_TOKEN and PUBLIC_URL to accept Twilio webhooks; unsigned requests are never accepted.',
      });
      return null;
    }
    const params = parseForm(typeof req.rawBody === 'string' ? req.rawBody : '');
    // Twilio signs the URL it was given: the public one, with the query string it called.
    const url = `${publicUrl}${req.url ?? req.getPath()}`;
    const signature = req.header('x-twilio-signature') || undefined;
    if (!hasValidSignature(token, signature, url, params)) {
      logger.warn({ route: req.getPath(), signed: signature !== undefined }, 'refused a Twilio webhook with a bad signature');
      res.send(403, { error: 'frontdesk_twilio_bad_signature', message: 'X-Twilio-Signature does not match this request' });
      return null;
    }
    return params;
  };

  server.post(TWILIO_MESSAGES_PATH, async (req: Request, res: Response) => {
    const params = verified(req, res);
    if (!params) return;
    const parsed = readInbound(params);
    if (!parsed.ok) {
      res.send(400, { error: 'frontdesk_twilio_bad_request', message: parsed.problem });
      return;
    }
    const message = parsed.message;
    const now = clock();
    const claim = await claims.claim(
      { messageId: message.messageSid, channel: message.channel, address: message.from, media: message.media },
      now,
    );
    // A retry of a message already claimed gets its reply, or nothing rather than a second turn.
    if (!claim.claimed) {
      sendTwiml(res, claim.response ?? EMPTY_TWIML);
      return;
    }

    const outcome = await claim.run(async () => {
      const verdict = floodGuard.check(message.from, now);
      if (verdict !== 'pass' && !isOptOut(message.body, now)) {
        if (verdict === 'warn') logger.warn({ address: logTag(message.from), channel: message.channel }, 'pausing a flooding address');
        return verdict === 'warn' ? toTwiml([{ body: core.texts.flooding(), mediaUrls: [] }]) : EMPTY_TWIML;
      }
      const reply = await adapter.processMessage(message, now, (context) => core.handle(context));
      return toTwiml(reply.messages);
    });
    if (!outcome.ok) {
      // The turn itself reports its errors to the client; this is the store or storage failing.
      logger.error({ err: outcome.error, messageSid: message.messageSid }, 'Twilio message failed');
      res.send(500, { error: 'frontdesk_twilio_failed', message: 'the message could not be processed' });
      return;
    }
    // The turn has run: whatever failed after it, the client gets its replies with a 200 and the
    // claim is never given back, so a retry can only ever get this reply.
    logger.info({ messageSid: message.messageSid, channel: message.channel, media: message.media.length }, 'Twilio message answered');
    sendTwiml(res, outcome.response);
  });

  /** STOP (or a loose form of it) is honoured even from a paused address: an opt-out is never dropped. */
  const isOptOut = (text: string, now: Date): boolean =>
    core.keywordOf(text, now) === 'stop';

  server.post(TWILIO_STATUS_PATH, async (req: Request, res: Response) => {
    const params = verified(req, res);
    if (!params) return;
    const messageSid = one(params, 'MessageSid') ?? one(params, 'SmsSid');
    const status = one(params, 'MessageStatus') ?? one(params, 'SmsStatus');
    const to = one(params, 'To');
    if (!messageSid || !status || !to) {
      res.send(400, { error: 'frontdesk_twilio_bad_request', message: 'MessageSid, MessageStatus and To are required' });
      return;
    }
    const { channel, address } = splitAddress(to);
    const errorCode = one(params, 'ErrorCode')?.trim() || null;
    const unreachable = errorCode !== null && UNREACHABLE_CODES.has(errorCode);
    const now = clock();
    await stores.deliveries.recordStatus({ providerId: messageSid, address, channel, status, errorCode, unreachable }, now);
    if (errorCode === OPTED_OUT_CODE) await stores.consent.optOut(address, 'carrier', now);
    if (unreachable && errorCode !== null) await stores.consent.markUnreachable?.(address, errorCode, now);
    logger.info({ messageSid, status, errorCode }, 'Twilio delivery status');
    res.send(204);
  });

  return { adapter, sender, floodGuard };
}
