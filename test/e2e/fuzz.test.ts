// Thousands of generated requests, from a seeded generator, over real HTTP against the real server
// (SQLite in a temp dir, Twilio and Slack configured with test secrets and local stand-ins for their
// APIs, a second server with a MicrosoftAppId and a local token service): activities with mutated
// fields, Twilio webhooks signed and forged, Slack events, commands and clicks signed and unsigned.
// No answer is a 5xx, the health check stays 200 throughout, nothing escapes as an uncaught error,
// and every refusal is a 4xx whose body carries no stack, exception name or URL.
// A failure lists the request's index and a reproduction: rerun with the same SEED to get it again.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import { readSettings } from '../../bot/config/settings';
import { startServer, type RunningServer } from '../../bot/index';
import { createLogger } from '../../bot/log';
import { slackChannelOn } from '../../channels/slack/slack-channel';
import { signSlackRequest } from '../../channels/slack/verify-signature';
import { parseForm } from '../../channels/twilio/webhook-request';
import { startCaptureServer, type CaptureServer } from '../helpers/capture-server';
import { at } from '../helpers/frontdesk-harness';
import { startSlackCapture, type SlackCapture } from '../helpers/slack-capture';
import { generateSigningKey, signToken, startTokenIssuer, CHANNEL_ISSUER, EMULATOR_ISSUER, type TokenIssuer } from '../channels/botframework/openid-issuer';

const SEED = 20261202;
const ACTIVITY_REQUESTS = 1400;
const TWILIO_REQUESTS = 700;
const SLACK_REQUESTS = 700;
const TOKEN_REQUESTS = 250;
const HEALTH_EVERY = 50;
const CONCURRENCY = 4;

const TWILIO_TOKEN = 'fuzz0f1e2d3c4b5a69788796a5b4c3d2e1';
const TWILIO_ACCOUNT = `AC${'f'.repeat(32)}`;
const BUSINESS_NUMBER = '+15555550100';
const PUBLIC_URL = 'https://frontdesk.fuzz.test';
const SLACK_SECRET = 'fuzz-signing-secret-00000000000000';
const SLACK_TOKEN = 'xoxb-fuzz-0000-frontdesk';
const STAFF_CHANNEL = 'CFUZZSTAFF';
const CLIENT_CHANNEL = 'CFUZZCLIENT';
const APP_ID = '00000000-0000-0000-0000-0000000f022e';

/** mulberry32: a tiny seeded generator, so a failing request can be made again. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Gen {
  constructor(private readonly next: () => number) {}
  float(): number {
    return this.next();
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
}

const PIECES = ['a', 'Z', '9', ' ', 'é', 'ß', '你好', '🙂', '👩🏽‍🔧', '\u202e', '\u0000', '\u0007', '\uFEFF', '\uD800', 'ﷺ', 'Ω', '\n', '\t', '"', "'", '\\', '<b>', '&amp;', '%', '%ZZ', '+', '=', '&', '{', '[', 'null', '+1 (555) 010-0199', 'http://127.0.0.1:9/x', '<!here>', '*bold*', '${x}'];
const PHRASES = [
  'hi', 'book a haircut tomorrow at 3pm', 'can I come in friday after 2?', 'yes', 'no', 'cancel my appointment', 'move it to monday 10am',
  'are you open sunday?', 'talk to a person', 'STOP', 'START', 'HELP', 'Jordan', '1', '2', 'what are your hours', 'quiero una cita mañana',
  'feb 30 at 25:00', 'running 10 min late', 'the 32nd', 'urgent!! my tooth', '', '   ',
];

function junkString(g: Gen, maxPieces = 12): string {
  let out = '';
  for (let i = g.int(maxPieces) + 1; i > 0; i -= 1) out += g.pick(PIECES);
  return out;
}

/** Junk a header can carry: printable ASCII only (fetch refuses anything else before sending). */
function headerJunk(g: Gen): string {
  return Array.from({ length: 1 + g.int(80) }, () => String.fromCharCode(0x20 + g.int(0x5f))).join('').trim() || 'x';
}

function hugeString(g: Gen): string {
  return g.pick(['x', 'é', '🙂', 'ab ']).repeat(2_000 + g.int(60_000));
}

function text(g: Gen): string {
  const roll = g.int(10);
  if (roll < 5) return g.pick(PHRASES);
  if (roll < 8) return junkString(g, 20);
  if (roll < 9) return `${g.pick(PHRASES)} ${junkString(g)}`;
  return hugeString(g);
}

function junkValue(g: Gen, depth = 0): unknown {
  const roll = g.int(depth > 3 ? 6 : 9);
  switch (roll) {
    case 0: return g.int(2 ** 31) - 2 ** 30;
    case 1: return g.float() * 1e6;
    case 2: return g.chance(0.5);
    case 3: return null;
    case 4: return junkString(g);
    case 5: return g.chance(0.1) ? hugeString(g) : '';
    case 6: return Array.from({ length: g.int(4) }, () => junkValue(g, depth + 1));
    case 7: {
      const out: Record<string, unknown> = {};
      for (let i = g.int(4); i > 0; i -= 1) out[junkString(g, 3)] = junkValue(g, depth + 1);
      return out;
    }
    default: {
      // Deep nesting, which parsers and loggers must survive.
      let nested: unknown = junkString(g);
      for (let i = 50 + g.int(500); i > 0; i -= 1) nested = g.chance(0.5) ? [nested] : { n: nested };
      return nested;
    }
  }
}

/** A value that is anything but a non-empty string. */
function notAString(g: Gen): unknown {
  return g.pick<() => unknown>([() => g.int(1000), () => ({}), () => [], () => null, () => true, () => [junkString(g)], () => ({ id: junkString(g) }), () => ''])();
}

/** Form-encodes text the way a browser would, lone surrogates included (encodeURIComponent throws on them). */
const formEncode = (value: string) => new URLSearchParams([['', value]]).toString().slice(1);

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

type Expectation = 'ok' | 'refused' | 'any';

interface Probe {
  label: string;
  expect: Expectation;
  send(): Promise<Response>;
  /** What to send again to see it fail (bodies cut short). */
  repro: string;
}

const cut = (s: string) => (s.length > 600 ? `${s.slice(0, 600)}… (${s.length} chars)` : s);

// ---------------------------------------------------------------------------------------------
// Bot Framework activities

interface ActivityTarget {
  url: string;
  serviceUrl: string;
}

let activityCounter = 0;

function baseActivity(g: Gen, target: ActivityTarget): Record<string, unknown> {
  activityCounter += 1;
  // A small pool of people, so conversations go on across requests and dialogs get deep.
  const user = `fuzz-user-${g.int(25)}`;
  return {
    type: 'message',
    id: `fuzz-${activityCounter}`,
    channelId: g.pick(['emulator', 'webchat', 'directline', 'msteams']),
    serviceUrl: target.serviceUrl,
    from: { id: user, name: g.chance(0.8) ? 'Robin' : junkString(g) },
    recipient: { id: 'frontdesk', name: 'Frontdesk' },
    conversation: { id: `conversation-${user}` },
    text: text(g),
    locale: g.pick(['en-US', 'es-ES', 'en', 'xx']),
    timestamp: new Date(Date.UTC(2026, 2, 10, 15, 0, g.int(3600))).toISOString(),
    deliveryMode: g.chance(0.7) ? 'expectReplies' : 'normal',
  };
}

/** Mutations that leave a well-formed activity well-formed. */
const HARMLESS: Array<(a: Record<string, unknown>, g: Gen) => void> = [
  (a, g) => { a.text = hugeString(g); },
  (a, g) => { a.text = junkString(g, 40); },
  (a) => { a.text = null; },
  (a) => { delete a.text; },
  (a, g) => { a[junkString(g, 3)] = junkValue(g); },
  (a, g) => { a.extra = junkValue(g); a.value = junkValue(g); },
  (a, g) => { if (isObject(a.from)) a.from[junkString(g, 2)] = junkValue(g); },
  (a, g) => { if (isObject(a.conversation)) { a.conversation.isGroup = g.chance(0.5); a.conversation.tenantId = junkString(g); } },
  (a, g) => { if (isObject(a.from)) a.from.name = junkString(g, 30); },
  (a, g) => { a.entities = Array.from({ length: g.int(5) }, () => ({ type: junkString(g, 3), payload: junkValue(g) })); },
  (a, g) => { a.attachments = Array.from({ length: g.int(4) }, () => ({ contentType: g.pick(['image/png', 'application/vnd.microsoft.card.adaptive', junkString(g, 3)]), contentUrl: g.pick(['https://example.test/a.png', junkString(g)]), content: junkValue(g) })); },
  (a, g) => { a.type = 'conversationUpdate'; a.membersAdded = Array.from({ length: g.int(6) }, (_, i) => ({ id: i === 0 ? 'frontdesk' : `member-${g.int(100)}`, name: junkString(g) })); },
  (a, g) => { a.type = 'conversationUpdate'; a.membersRemoved = [{ id: `member-${g.int(100)}` }]; },
  (a, g) => { a.type = 'event'; a.name = g.pick(['handoff.status', 'webchat/join', junkString(g, 4)]); a.value = junkValue(g); },
  (a, g) => { a.type = g.pick(['typing', 'endOfConversation', 'messageReaction', 'installationUpdate', 'messageUpdate', 'messageDelete', 'contactRelationUpdate', 'handoff', 'trace', 'suggestion', 'command', 'commandResult', 'deleteUserData']); },
  (a, g) => { a.type = 'invoke'; a.name = g.pick(['adaptiveCard/action', 'signin/verifyState', junkString(g, 3)]); a.value = junkValue(g); },
  (a, g) => { a.channelData = { tenant: { id: junkString(g) }, junk: junkValue(g) }; },
  (a, g) => { a.replyToId = junkString(g, 6); },
  (a, g) => { a.localTimestamp = g.pick(['2026-03-10T10:00:00-05:00', '2026-03-10']); },
  (a) => { a.deliveryMode = 'expectReplies'; },
];

/** Mutations that make an activity malformed: it must be refused with a 4xx. */
const BREAKING: Array<(a: Record<string, unknown>, g: Gen) => void> = [
  (a, g) => { const field = g.pick(['from', 'recipient', 'conversation']); a[field] = { ...(isObject(a[field]) ? a[field] : {}), id: notAString(g) }; },
  (a, g) => { const field = g.pick(['from', 'recipient', 'conversation']); a[field] = { id: 'x'.repeat(513 + g.int(10_000)) }; },
  (a, g) => { delete a[g.pick(['type', 'from', 'recipient', 'conversation', 'serviceUrl', 'channelId'])]; },
  (a, g) => { a.serviceUrl = notAString(g); },
  (a, g) => { a.serviceUrl = g.pick(['ftp://127.0.0.1/x', 'not a url', 'javascript:alert(1)', '//127.0.0.1', `http://127.0.0.1/${'a'.repeat(3000)}`, 'file:///etc/passwd']); },
  (a, g) => { a.type = g.chance(0.5) ? notAString(g) : `${junkString(g, 3)}-not-a-type`; },
  (a, g) => { a.text = g.pick<unknown>([g.int(100), { a: 1 }, [junkString(g)], true]); },
  (a, g) => { a[g.pick(['attachments', 'entities', 'membersAdded', 'membersRemoved'])] = g.pick<unknown>([{}, junkString(g) || 'x', 7, { 0: { id: 'x' } }]); },
  (a) => { a.type = 'conversationUpdate'; a.membersAdded = Array.from({ length: 101 }, (_, i) => ({ id: `m${i}` })); },
  (a, g) => { a[g.pick(['from', 'recipient', 'conversation'])] = g.pick<unknown>([[{ id: 'x' }], 'x', 5, true]); },
  (a, g) => { a.timestamp = g.pick<unknown>(['yesterday', 1773154800, { at: 'now' }, '2026-99-99T99:99']); },
  (a, g) => { a.channelData = g.pick<unknown>(['x', 5, [1, 2]]); },
  (a, g) => { a.attachments = [{ contentUrl: junkString(g), content: junkValue(g) }]; },
  (a, g) => { a.deliveryMode = junkString(g, 3) + '!'; },
];

function activityProbe(g: Gen, target: ActivityTarget, authorization?: () => string | undefined): Probe {
  const a = baseActivity(g, target);
  for (let i = g.int(3); i > 0; i -= 1) g.pick(HARMLESS)(a, g);
  const breaks = g.chance(0.5);
  if (breaks) for (let i = 1 + g.int(2); i > 0; i -= 1) g.pick(BREAKING)(a, g);
  const body = JSON.stringify(a);
  const auth = authorization?.();
  // The bot handles no invokes: a well-formed one is refused with a 4xx, never a 5xx.
  const invoke = a.type === 'invoke';
  return {
    label: breaks ? 'malformed activity' : invoke ? 'invoke' : 'activity',
    expect: breaks ? 'refused' : invoke ? 'any' : 'ok',
    repro: `POST /api/messages ${auth ? `Authorization: ${auth.slice(0, 40)}… ` : ''}${cut(body)}`,
    send: () => fetch(`${target.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) }, body }),
  };
}

function rawMessagesProbe(g: Gen, target: ActivityTarget): Probe {
  const [contentType, body] = g.pick<[string, string]>([
    ['application/json', '{"type": "message", "text": '],
    ['application/json', `[${JSON.stringify(baseActivity(g, target))}]`],
    ['application/json', JSON.stringify(junkString(g))],
    ['application/json', String(g.int(1000))],
    ['application/json', 'null'],
    ['application/json', ''],
    ['application/json', `{"text": "${'\\ud800'.repeat(3)}", "serviceUrl": "http://127.0.0.1:9/${junkString(g)}"`],
    ['application/json', JSON.stringify({ deep: junkValue(g, 3) })],
    ['application/x-www-form-urlencoded', `type=message&text=${formEncode(text(g))}`],
    ['text/plain', junkString(g)],
    ['application/octet-stream', junkString(g)],
  ]);
  return {
    label: 'raw body to /api/messages',
    expect: 'refused',
    repro: `POST /api/messages (${contentType}) ${cut(body)}`,
    send: () => fetch(`${target.url}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body }),
  };
}

// ---------------------------------------------------------------------------------------------
// Twilio webhooks

type Params = Record<string, string | string[]>;

function encodeForm(params: Params): string {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
  return form.toString();
}

let twilioCounter = 0;

function twilioProbe(g: Gen, url: string): Probe {
  twilioCounter += 1;
  const route = g.chance(0.85) ? '/api/twilio/messages' : '/api/twilio/status';
  const phone = () => g.pick([`+1555555${String(1000 + g.int(30)).slice(-4)}`, `whatsapp:+1555555${String(1000 + g.int(30)).slice(-4)}`, junkString(g), '', `+${'9'.repeat(40)}`, 'whatsapp:']);
  const params: Params = {};
  const sid = g.pick([`SM${String(twilioCounter).padStart(32, '0')}`, `SM${String(twilioCounter).padStart(32, '0')}`, '', junkString(g), 'S'.repeat(100)]);
  if (g.chance(0.95)) params[g.chance(0.9) ? 'MessageSid' : 'SmsMessageSid'] = sid;
  if (g.chance(0.95)) params.From = phone();
  if (g.chance(0.95)) params.To = g.chance(0.8) ? BUSINESS_NUMBER : phone();
  params.AccountSid = TWILIO_ACCOUNT;
  if (g.chance(0.9)) params.Body = text(g);
  if (g.chance(0.3)) {
    const n = g.pick(['0', '1', '2', '10', '11', '-1', 'abc', '1e3', '1.5', '']);
    params.NumMedia = n;
    for (let i = 0; i < 3; i += 1) if (g.chance(0.6)) { params[`MediaUrl${i}`] = g.pick(['https://api.twilio.com/media/1', junkString(g), '']); params[`MediaContentType${i}`] = g.pick(['image/jpeg', junkString(g, 2)]); }
  }
  if (g.chance(0.2)) params.ProfileName = junkString(g);
  if (route === '/api/twilio/status') {
    params.MessageStatus = g.pick(['delivered', 'failed', 'undelivered', junkString(g, 2), '']);
    if (g.chance(0.5)) params.ErrorCode = g.pick(['21610', '30003', '30006', junkString(g, 2), '']);
  }
  for (let i = g.int(3); i > 0; i -= 1) params[g.pick(['a[b]', 'x.y', junkString(g, 2), 'Body'])] = g.chance(0.5) ? junkString(g) : [junkString(g), junkString(g)];

  const form = g.chance(0.9);
  let body: string | Buffer = form ? encodeForm(params) : g.pick([JSON.stringify(params), junkString(g), `Body=%E0%A4%A&From=${formEncode(phone())}`]);
  if (g.chance(0.05)) body = Buffer.concat([Buffer.from('Body='), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0]), Buffer.from(`&MessageSid=SMbad${twilioCounter}&From=%2B15555550199&To=%2B15555550100`)]);
  // Twilio signs the parameters as it would read them from this body.
  const signed = parseForm(Buffer.isBuffer(body) ? body.toString('utf8') : body);
  const signing = g.int(10);
  const headers: Record<string, string> = { 'content-type': form ? 'application/x-www-form-urlencoded' : g.pick(['application/json', 'text/plain', 'application/x-www-form-urlencoded']) };
  let forged = false;
  if (signing < 7) headers['x-twilio-signature'] = getExpectedTwilioSignature(TWILIO_TOKEN, `${PUBLIC_URL}${route}`, signed);
  else {
    forged = true;
    if (signing === 7) headers['x-twilio-signature'] = getExpectedTwilioSignature('another-account-token', `${PUBLIC_URL}${route}`, signed);
    else if (signing === 8) headers['x-twilio-signature'] = getExpectedTwilioSignature(TWILIO_TOKEN, `${PUBLIC_URL}/elsewhere`, signed);
  }
  const payload = body;
  return {
    label: forged ? 'forged Twilio webhook' : 'signed Twilio webhook',
    expect: forged ? 'refused' : 'any',
    repro: `POST ${route} ${JSON.stringify(headers)} ${cut(Buffer.isBuffer(payload) ? payload.toString('hex') : payload)}`,
    send: () => fetch(`${url}${route}`, { method: 'POST', headers, body: payload }),
  };
}

// ---------------------------------------------------------------------------------------------
// Slack events, commands and clicks

let slackCounter = 0;

function slackProbe(g: Gen, url: string, nowSeconds: number): Probe {
  slackCounter += 1;
  const id = (prefix: string) => g.pick([`${prefix}${String(slackCounter).padStart(8, '0')}`, `${prefix}${String(g.int(20)).padStart(8, '0')}`, junkString(g, 2)]);
  const user = () => g.pick<unknown>([`UFUZZ${g.int(8)}`, `UFUZZ${g.int(8)}`, 'UFRONTDESK', junkString(g, 2), 5, null]);
  const channel = () => g.pick<unknown>([`D0FUZZ${g.int(5)}`, STAFF_CHANNEL, CLIENT_CHANNEL, junkString(g, 2), 'CELSEWHERE', { id: 'C1' }, 7]);
  const ts = () => g.pick<unknown>([`1773150000.${String(g.int(999999)).padStart(6, '0')}`, junkString(g, 2), 12, null]);

  let contentType = 'application/json';
  let body: string;
  const kind = g.int(10);
  if (kind < 4) {
    const event: Record<string, unknown> = g.chance(0.8)
      ? { type: g.pick(['message', 'message', 'app_mention', 'reaction_added', 'member_joined_channel', junkString(g, 2)]), user: user(), channel: channel(), text: text(g), ts: ts() }
      : (junkValue(g) as Record<string, unknown>);
    if (isObject(event)) {
      if (g.chance(0.3)) event.thread_ts = ts();
      if (g.chance(0.15)) event.subtype = g.pick(['file_share', 'message_changed', 'bot_message', junkString(g, 2)]);
      if (g.chance(0.15)) event.files = g.pick<unknown>([[{ name: junkString(g), url_private: 'https://files.slack.test/a', mimetype: 'image/png' }], junkValue(g)]);
      if (g.chance(0.1)) event.channel_type = g.pick(['im', 'channel', junkString(g, 2)]);
      if (g.chance(0.1)) event.item = junkValue(g);
      if (g.chance(0.1)) event.bot_id = 'BFRONTDESK';
    }
    body = JSON.stringify({
      type: 'event_callback',
      team_id: 'TFUZZ',
      api_app_id: 'AFUZZ',
      event_id: id('Ev'),
      event_time: nowSeconds,
      ...(g.chance(0.8) ? { authorizations: g.chance(0.9) ? [{ team_id: 'TFUZZ', user_id: 'UFRONTDESK', is_bot: true }] : junkValue(g) } : {}),
      event,
    });
  } else if (kind < 5) {
    body = JSON.stringify({ type: 'url_verification', token: 'legacy', challenge: junkValue(g) });
  } else if (kind < 7) {
    contentType = 'application/x-www-form-urlencoded';
    const actionId = g.pick(['frontdesk_claim', 'frontdesk_resolve', 'frontdesk_choice_1', 'frontdesk_choice_99', junkString(g, 2)]);
    const payload = g.chance(0.85)
      ? {
          type: g.pick(['block_actions', 'block_actions', 'view_submission', 'shortcut', 'message_action', 'block_suggestion', junkString(g, 2)]),
          ...(g.chance(0.9) ? { user: g.chance(0.85) ? { id: user(), name: junkString(g, 2), team_id: 'TFUZZ' } : junkValue(g) } : {}),
          ...(g.chance(0.8) ? { team: g.chance(0.9) ? { id: 'TFUZZ' } : junkValue(g) } : {}),
          ...(g.chance(0.7) ? { channel: g.chance(0.8) ? { id: channel(), name: 'x' } : junkValue(g) } : {}),
          ...(g.chance(0.6) ? { message: { ts: ts(), text: junkString(g) } } : {}),
          ...(g.chance(0.2) ? { view: junkValue(g) } : {}),
          trigger_id: id('trigger.'),
          actions: g.chance(0.85)
            ? [{ type: 'button', action_id: actionId, block_id: 'b', value: g.chance(0.8) ? junkString(g, 3) : junkValue(g), text: { type: 'plain_text', text: junkString(g, 3) }, action_ts: `${nowSeconds}.000${g.int(999)}` }]
            : junkValue(g),
        }
      : junkValue(g);
    body = g.chance(0.9) ? `payload=${formEncode(JSON.stringify(payload))}` : `payload=${g.pick(['%7B', '%5B1%5D', '"x"', formEncode(junkString(g))])}`;
  } else if (kind < 9) {
    contentType = 'application/x-www-form-urlencoded';
    body = encodeForm({
      command: g.chance(0.9) ? '/frontdesk' : junkString(g, 2),
      text: g.pick(['queue', 'resolve T1', `history ${junkString(g, 2)}`, `text +15555550123 ${text(g)}`, 'help', junkString(g, 5), '']),
      user_id: String(user()),
      channel_id: String(channel()),
      team_id: 'TFUZZ',
      trigger_id: String(id('trigger.')),
      response_url: 'http://127.0.0.1:9/commands',
    });
  } else {
    contentType = g.pick(['application/json', 'text/plain', 'application/x-www-form-urlencoded']);
    body = g.pick(['{"type": "event_callback", "event": ', '[1,2]', '"x"', 'a=b&c', junkString(g), JSON.stringify(junkValue(g))]);
  }

  const signing = g.int(10);
  const timestamp = signing === 7 ? String(nowSeconds - 3600) : String(nowSeconds);
  const headers: Record<string, string> = { 'content-type': contentType };
  let refused = false;
  if (signing < 7 || signing === 7) {
    headers['x-slack-request-timestamp'] = timestamp;
    headers['x-slack-signature'] = signSlackRequest(SLACK_SECRET, timestamp, body);
    refused = signing === 7;
  } else if (signing === 8) {
    headers['x-slack-request-timestamp'] = timestamp;
    headers['x-slack-signature'] = signSlackRequest('another-secret', timestamp, body);
    refused = true;
  } else {
    refused = true;
  }
  return {
    label: refused ? 'unsigned or forged Slack request' : 'signed Slack request',
    expect: refused ? 'refused' : 'any',
    repro: `POST /api/slack/events ${JSON.stringify(headers)} ${cut(body)}`,
    send: () => fetch(url, { method: 'POST', headers, body }),
  };
}

// ---------------------------------------------------------------------------------------------
// Tokens on a server with a MicrosoftAppId

function tokenHeader(g: Gen, issuer: TokenIssuer, serviceUrl: string): { authorization: string | undefined; valid: boolean } {
  const now = Math.floor(Date.now() / 1000);
  const claims = () => ({ iss: g.pick([CHANNEL_ISSUER, EMULATOR_ISSUER, junkString(g, 2)]), aud: g.pick<unknown>([APP_ID, junkString(g, 2), 7, [APP_ID]]), serviceurl: g.pick<unknown>([serviceUrl, junkString(g)]), appid: g.pick<unknown>([APP_ID, junkString(g, 2)]), ver: g.pick<unknown>(['1.0', '2.0', 3, junkString(g, 1)]), exp: g.pick<unknown>([now + 600, now - 6000, junkString(g, 1), null]), nbf: g.pick<unknown>([now - 60, now + 6000, undefined]) });
  switch (g.int(8)) {
    case 0: return { authorization: undefined, valid: false };
    case 1: return { authorization: headerJunk(g), valid: false };
    case 2: return { authorization: `Bearer ${headerJunk(g)}`, valid: false };
    case 3: return { authorization: `Bearer ${Buffer.from(JSON.stringify(junkValue(g))).toString('base64url')}.${Buffer.from(JSON.stringify(junkValue(g))).toString('base64url')}.${headerJunk(g)}`, valid: false };
    case 4: return { authorization: `Bearer ${signToken(claims(), issuer.key)}`, valid: false };
    case 5: return { authorization: `Bearer ${issuer.channelToken({ appId: APP_ID, serviceUrl, key: generateSigningKey(g.chance(0.5) ? issuer.key.kid : 'forged') })}`, valid: false };
    default: return { authorization: `Bearer ${issuer.channelToken({ appId: APP_ID, serviceUrl })}`, valid: true };
  }
}

function tokenProbe(g: Gen, target: ActivityTarget, issuer: TokenIssuer): Probe {
  const { authorization, valid } = tokenHeader(g, issuer, target.serviceUrl);
  const probe = activityProbe(g, target, () => authorization);
  // A token junk or not, the shape is checked first; a well-formed activity then stands on its token.
  if (probe.expect === 'ok' && !valid) return { ...probe, label: 'activity with a bad token', expect: 'refused' };
  return probe;
}

// ---------------------------------------------------------------------------------------------

/** A stand-in Bot Framework channel: takes every reply a turn posts to its serviceUrl. */
async function startChannelStub(): Promise<{ url: string; replies: () => number; close(): Promise<void> }> {
  let replies = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      replies += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `reply-${replies}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    replies: () => replies,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

const INTERNALS = /\bat [^\s]+ \(|\bat .*:\d+:\d+|TypeError|ReferenceError|SyntaxError|RangeError|FetchError|https?:\/\//;

describe('fuzzing every inbound route over HTTP', () => {
  let failuresInside: string[] = [];
  const errorLogs: Array<{ msg?: string; err?: { type?: string; message?: string } }> = [];
  const escaped: unknown[] = [];
  const onEscape = (error: unknown) => escaped.push(error);
  let dataDir: string;
  let authDataDir: string;
  let server: RunningServer;
  let authServer: RunningServer;
  let twilioApi: CaptureServer;
  let slackApi: SlackCapture;
  let channel: Awaited<ReturnType<typeof startChannelStub>>;
  let issuer: TokenIssuer;
  const clock = () => at('2026-03-10T10:00');

  beforeAll(async () => {
    process.on('uncaughtException', onEscape);
    process.on('unhandledRejection', onEscape);
    dataDir = mkdtempSync(path.join(tmpdir(), 'frontdesk-fuzz-'));
    authDataDir = mkdtempSync(path.join(tmpdir(), 'frontdesk-fuzz-auth-'));
    twilioApi = await startCaptureServer();
    slackApi = await startSlackCapture();
    channel = await startChannelStub();
    issuer = await startTokenIssuer();
    const logger = createLogger('error', { write: (line: string) => void errorLogs.push(JSON.parse(line) as (typeof errorLogs)[number]) });
    server = await startServer({
      settings: readSettings(
        {
          TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
          TWILIO_ACCOUNT_SID: TWILIO_ACCOUNT,
          TWILIO_PHONE_NUMBER: BUSINESS_NUMBER,
          TWILIO_API_URL: twilioApi.url,
          PUBLIC_URL,
          SLACK_BOT_TOKEN: SLACK_TOKEN,
          SLACK_SIGNING_SECRET: SLACK_SECRET,
          SLACK_STAFF_CHANNEL: STAFF_CHANNEL,
          SLACK_CLIENT_CHANNELS: CLIENT_CHANNEL,
          SLACK_API_URL: slackApi.url,
        },
        { dataDir, port: 0 },
      ),
      clock,
      logger,
    });
    authServer = await startServer({
      settings: readSettings(
        {
          MicrosoftAppId: APP_ID,
          MicrosoftAppPassword: 'not-a-real-secret',
          ToBotFromChannelOpenIdMetadataUrl: issuer.metadataUrl,
          ToBotFromEmulatorOpenIdMetadataUrl: issuer.metadataUrl,
          BOT_SERVICE_URL_HOSTS: 'http://127.0.0.1',
        },
        { dataDir: authDataDir, port: 0 },
      ),
      clock,
      logger,
    });
  });

  afterAll(async () => {
    await server?.close();
    await authServer?.close();
    await Promise.all([twilioApi?.close(), slackApi?.close(), channel?.close(), issuer?.close()]);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(authDataDir, { recursive: true, force: true });
    process.off('uncaughtException', onEscape);
    process.off('unhandledRejection', onEscape);
  });

  it(`answers ${ACTIVITY_REQUESTS + TWILIO_REQUESTS + SLACK_REQUESTS + TOKEN_REQUESTS} generated requests (seed ${SEED}) with no 5xx, generic refusals and a healthy server`, async () => {
    const g = new Gen(mulberry32(SEED));
    const open: ActivityTarget = { url: server.url, serviceUrl: channel.url };
    const guarded: ActivityTarget = { url: authServer.url, serviceUrl: channel.url };
    const nowSeconds = Math.floor(clock().getTime() / 1000);
    const probes: Probe[] = [];
    for (let i = 0; i < ACTIVITY_REQUESTS; i += 1) probes.push(g.chance(0.9) ? activityProbe(g, open) : rawMessagesProbe(g, open));
    for (let i = 0; i < TWILIO_REQUESTS; i += 1) probes.push(twilioProbe(g, server.url));
    for (let i = 0; i < SLACK_REQUESTS; i += 1) probes.push(slackProbe(g, `${server.url}/api/slack/events`, nowSeconds));
    for (let i = 0; i < TOKEN_REQUESTS; i += 1) probes.push(tokenProbe(g, guarded, issuer));
    // Interleaved, so one channel's traffic runs alongside another's.
    for (let i = probes.length - 1; i > 0; i -= 1) {
      const j = g.int(i + 1);
      [probes[i], probes[j]] = [probes[j] as Probe, probes[i] as Probe];
    }

    const problems: string[] = [];
    const statuses = new Map<string, number>();
    const run = async (index: number): Promise<void> => {
      const probe = probes[index] as Probe;
      let status: number;
      let body: string;
      try {
        const res = await probe.send();
        status = res.status;
        body = await res.text();
      } catch (error) {
        problems.push(`#${index} ${probe.label}: no answer (${String(error)})\n  ${probe.repro}`);
        return;
      }
      const key = `${probe.label} ${status}`;
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
      const refusal = status >= 400 && status < 500;
      const wrong =
        status >= 500 ||
        (probe.expect === 'ok' && (status < 200 || status > 299)) ||
        (probe.expect === 'refused' && !refusal) ||
        (refusal && INTERNALS.test(body));
      if (wrong) problems.push(`#${index} ${probe.label}: expected ${probe.expect}, got ${status} ${cut(body)}\n  ${probe.repro}`);
    };

    for (let start = 0; start < probes.length; start += HEALTH_EVERY) {
      const end = Math.min(start + HEALTH_EVERY, probes.length);
      let next = start;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < end) await run(next++);
        }),
      );
      for (const target of [server, authServer]) {
        const health = await fetch(`${target.url}/healthz`).then((r) => r.status, (e: unknown) => String(e));
        if (health !== 200) problems.push(`/healthz answered ${health} after request #${end - 1}`);
      }
    }
    // Slack events are acknowledged before they are processed: wait for the processing too.
    await slackChannelOn(server.server)?.idle();

    // Every kind of traffic got through somewhere: the generator is not refusing everything.
    expect(statuses.get('activity 200')).toBeGreaterThan(100);
    expect(statuses.get('signed Twilio webhook 200')).toBeGreaterThan(50);
    expect(statuses.get('signed Slack request 200')).toBeGreaterThan(50);
    expect(problems.slice(0, 20)).toEqual([]);
    expect(escaped).toEqual([]);
    failuresInside = errorLogs.map((l) => `${l.msg ?? ''}: ${l.err?.type ?? ''} ${l.err?.message ?? ''}`);
  }, 180_000);

  // Turns that failed inside the bot still answer politely (the test above), but they are bugs.
  // Known today: replies on the app-id server need a token from Microsoft's login endpoint, which
  // this test does not stand in for (network_error), and a Slack payload of some generated shape
  // reaches a listener that reads `.id` of null. When both are fixed this fails: make it `it`.
  it.failing('logs no failure inside the bot or a Slack listener for the generated requests', () => {
    expect(failuresInside.slice(0, 20)).toEqual([]);
  });
});
