// Twilio's two webhooks on the restify server: inbound messages (a turn, answered with TwiML) and
// delivery status callbacks. Both check X-Twilio-Signature before anything else happens, and both
// refuse to run (503) rather than accept unsigned traffic when no auth token is configured.
import { createHash } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { Frontdesk } from '../../bot/app';
import type { Settings } from '../../bot/config/settings';
import type { MessageSender } from '../../bot/ports/outbound';
import { FloodGuard } from './flood-guard';
import { TwilioMessageSender } from './message-sender';
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
const DUPLICATE_POLL_MS = 50;
/** Tries at storing a turn's reply before it is kept in this process only. */
const COMPLETE_TRIES = 3;
const COMPLETE_PAUSE_MS = 20;
/** Replies kept in memory because the store refused them; oldest dropped beyond this many. */
const UNSTORED_REPLIES_MAX = 1000;

/** The carrier says the number cannot take messages: landline, unknown, or blocked by the carrier. */
export const UNREACHABLE_CODES: ReadonlySet<string> = new Set(['30003', '30005', '30006']);
/** The recipient replied STOP to the sending number at the carrier or Twilio level. */
export const OPTED_OUT_CODE = '21610';

export interface TwilioChannel {
  adapter: TwilioAdapter;
  /** The raw provider sender, or null without TWILIO_ACCOUNT_SID. */
  sender: TwilioMessageSender | null;
  floodGuard: FloodGuard;
}

export interface TwilioRouteOptions {
  /** Sender for proactive messages through the adapter (default: the raw Twilio sender). */
  proactiveSender?: MessageSender | null;
  floodGuard?: FloodGuard;
}

/** The raw Twilio sender for these settings, or null when no account or sender is configured. */
export function createTwilioSender(settings: Settings, frontdesk: Frontdesk): TwilioMessageSender | null {
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
    { inbound: frontdesk.stores.inboundMessages, deliveries: frontdesk.stores.deliveries },
    frontdesk.deps.clock,
    frontdesk.logger,
  );
}

/** A short, stable tag for an address in logs, which must not carry the number itself. */
function addressTag(address: string): string {
  return createHash('sha256').update(address).digest('hex').slice(0, 10);
}

function sendTwiml(res: Response, twiml: string): void {
  res.sendRaw(200, twiml, { 'content-type': 'text/xml; charset=utf-8' });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function mountTwilioRoutes(server: Server, frontdesk: Frontdesk, settings: Settings, options: TwilioRouteOptions = {}): TwilioChannel {
  const { logger, stores } = frontdesk;
  const clock = frontdesk.deps.clock;
  const sender = createTwilioSender(settings, frontdesk);
  const floodGuard = options.floodGuard ?? new FloodGuard();
  const adapter = frontdesk.attach(
    new TwilioAdapter({
      sender: options.proactiveSender !== undefined ? options.proactiveSender : sender,
      storage: stores.state,
      serviceUrl: settings.twilioApiUrl ?? DEFAULT_TWILIO_API_URL,
      logger,
    }),
  );
  /**
   * Replies of turns that ran but could not be stored as done (MessageSid -> TwiML): a retry reaching
   * this process gets the reply instead of a second turn, even after the claim would count as stale.
   */
  const unstoredReplies = new Map<string, string>();

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
    const kept = unstoredReplies.get(message.messageSid);
    if (kept !== undefined) {
      sendTwiml(res, kept);
      return;
    }
    const now = clock();
    const claim = await stores.inboundMessages.claim(
      { messageId: message.messageSid, channel: message.channel, address: message.from, media: message.media },
      now,
      STALE_CLAIM_MS,
    );
    if (!claim.claimed) {
      sendTwiml(res, await replyOfDuplicate(message.messageSid, claim.record.response));
      return;
    }

    let twiml: string;
    const verdict = floodGuard.check(message.from, now);
    if (verdict !== 'pass' && !isOptOut(message.body, now)) {
      if (verdict === 'warn') logger.warn({ address: addressTag(message.from), channel: message.channel }, 'pausing a flooding address');
      twiml = verdict === 'warn' ? toTwiml([{ body: frontdesk.texts.flooding(), mediaUrls: [] }]) : EMPTY_TWIML;
    } else {
      try {
        const reply = await adapter.processMessage(message, now, (context) => frontdesk.handle(context));
        twiml = toTwiml(reply.messages);
      } catch (error) {
        // The turn itself reports its errors to the client; this is the store or storage failing.
        await stores.inboundMessages.release(message.messageSid).catch(() => undefined);
        logger.error({ err: error, messageSid: message.messageSid }, 'Twilio message failed');
        res.send(500, { error: 'frontdesk_twilio_failed', message: 'the message could not be processed' });
        return;
      }
    }
    // From here on the turn has run: whatever fails, the client gets its replies with a 200 and the
    // claim is never released, so a retry can only ever get this reply.
    await completeClaim(message.messageSid, twiml);
    logger.info({ messageSid: message.messageSid, channel: message.channel, media: message.media.length }, 'Twilio message answered');
    sendTwiml(res, twiml);
  });

  const completeClaim = async (messageSid: string, twiml: string): Promise<void> => {
    let lastError: unknown = null;
    for (let attempt = 1; attempt <= COMPLETE_TRIES; attempt += 1) {
      try {
        await stores.inboundMessages.complete(messageSid, twiml, clock());
        return;
      } catch (error) {
        lastError = error;
        if (attempt < COMPLETE_TRIES) await sleep(COMPLETE_PAUSE_MS * attempt);
      }
    }
    unstoredReplies.set(messageSid, twiml);
    if (unstoredReplies.size > UNSTORED_REPLIES_MAX) {
      const oldest = unstoredReplies.keys().next().value;
      if (oldest !== undefined) unstoredReplies.delete(oldest);
    }
    logger.error({ err: lastError, messageSid }, 'Twilio message answered but its reply could not be stored; kept in memory for retries');
  };

  /** STOP (or a loose form of it) is honoured even from a paused address: an opt-out is never dropped. */
  const isOptOut = (text: string, now: Date): boolean =>
    frontdesk.keywordOf(text, now) === 'stop';

  /** A retry of a message already claimed: its reply, waiting a little if the first is mid-turn. */
  const replyOfDuplicate = async (messageSid: string, response: string | null): Promise<string> => {
    if (response !== null) return response;
    const deadline = Date.now() + DUPLICATE_WAIT_MS;
    while (Date.now() < deadline) {
      await sleep(DUPLICATE_POLL_MS);
      const kept = unstoredReplies.get(messageSid);
      if (kept !== undefined) return kept;
      const record = await stores.inboundMessages.get(messageSid);
      if (record?.response != null) return record.response;
      if (!record) break;
    }
    // Still running (or failed): answer nothing rather than run the turn twice.
    return EMPTY_TWIML;
  };

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
