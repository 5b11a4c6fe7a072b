// What Twilio posts to our webhooks: the form parameters exactly as signed, the signature check,
// and the inbound message read out of them.
// The webhooks module alone: the package root loads every Twilio API resource.
import { validateRequest } from 'twilio/lib/webhooks/webhooks';
import type { InboundMedia } from '../../bot/ports/inbound-log';
import type { TextChannel } from './sms-render';

/** Form parameters; a repeated name keeps every value (Twilio signs all of them). */
export type WebhookParams = Record<string, string | string[]>;

/**
 * Parses a form-encoded body as Twilio signed it. The signature covers every POST parameter by its
 * literal name and decoded value, so the raw body is parsed here rather than taking a framework's
 * nested-object reading of it (which renames `a[b]` keys and caps the count).
 */
export function parseForm(body: string): WebhookParams {
  const params: WebhookParams = {};
  for (const [name, value] of new URLSearchParams(body)) {
    const existing = params[name];
    if (existing === undefined) params[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else params[name] = [existing, value];
  }
  return params;
}

/**
 * Whether the request carries Twilio's signature for this URL and these parameters. `url` is the
 * public URL Twilio was given (PUBLIC_URL + path + query), not the one this process sees behind a
 * proxy. An absent signature is never valid.
 */
export function hasValidSignature(authToken: string, signature: string | undefined, url: string, params: WebhookParams): boolean {
  if (!signature) return false;
  try {
    return validateRequest(authToken, signature, url, params);
  } catch {
    // validateRequest throws on a URL it cannot parse; that is a refusal, not a crash.
    return false;
  }
}

export function one(params: WebhookParams, name: string): string | undefined {
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
}

/** "whatsapp:+1555..." -> { channel: 'whatsapp', address: '+1555...' }. */
export function splitAddress(raw: string): { channel: TextChannel; address: string } {
  const trimmed = raw.trim();
  if (/^whatsapp:/i.test(trimmed)) return { channel: 'whatsapp', address: trimmed.replace(/^whatsapp:/i, '') };
  return { channel: 'sms', address: trimmed };
}

export interface InboundTextMessage {
  messageSid: string;
  accountSid: string | null;
  channel: TextChannel;
  /** The client: bare E.164 (or whatever Twilio sent when it is not a phone number). */
  from: string;
  /** Our number the client wrote to, bare. */
  to: string;
  body: string;
  media: InboundMedia[];
  /** WhatsApp profile name, when Twilio sends one. */
  profileName: string | null;
}

/** MMS carries at most ten media; anything claiming more is not a real Twilio request. */
const MAX_MEDIA = 10;

export type InboundParse = { ok: true; message: InboundTextMessage } | { ok: false; problem: string };

export function readInbound(params: WebhookParams): InboundParse {
  const messageSid = one(params, 'MessageSid') ?? one(params, 'SmsMessageSid');
  const from = one(params, 'From');
  const to = one(params, 'To');
  if (!messageSid || messageSid.length > 64) return { ok: false, problem: 'MessageSid is missing' };
  if (!from || !to) return { ok: false, problem: 'From and To are required' };
  const sender = splitAddress(from);
  const numMedia = Number(one(params, 'NumMedia') ?? '0');
  if (!Number.isInteger(numMedia) || numMedia < 0 || numMedia > MAX_MEDIA) return { ok: false, problem: 'NumMedia is not 0 to 10' };
  const media: InboundMedia[] = [];
  for (let i = 0; i < numMedia; i += 1) {
    const url = one(params, `MediaUrl${i}`);
    if (!url) continue;
    media.push({ url, contentType: one(params, `MediaContentType${i}`) ?? 'application/octet-stream' });
  }
  return {
    ok: true,
    message: {
      messageSid,
      accountSid: one(params, 'AccountSid') ?? null,
      channel: sender.channel,
      from: sender.address,
      to: splitAddress(to).address,
      body: one(params, 'Body') ?? '',
      media,
      profileName: one(params, 'ProfileName') ?? null,
    },
  };
}
