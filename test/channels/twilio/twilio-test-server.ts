// The real server on a free port with the Twilio channel configured, a capture server standing in
// for Twilio's API, and requests signed with the twilio package's own signature helper.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import { readSettings, type Settings } from '../../../bot/config/settings';
import type { Business } from '../../../bot/domain/types';
import { startServer, type RunningServer } from '../../../bot/index';
import { silentLogger, type Logger } from '../../../bot/log';
import type { Stores } from '../../../bot/ports/stores';
import { startCaptureServer, type CaptureServer } from '../../helpers/capture-server';
import { at } from '../../helpers/frontdesk-harness';

export const AUTH_TOKEN = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
export const ACCOUNT_SID = `AC${'1'.repeat(32)}`;
export const PUBLIC_URL = 'https://frontdesk.example.test';
export const BUSINESS_NUMBER = '+15555550100';

export type Params = Record<string, string | string[]>;

export interface TwilioTestServer {
  server: RunningServer;
  settings: Settings;
  capture: CaptureServer;
  setNow(local: string): void;
  /** POSTs a form to `path`, signed for PUBLIC_URL + path unless told otherwise. */
  post(path: string, params: Params, options?: { signature?: string | null; signedUrl?: string; signedParams?: Params }): Promise<Response>;
  /** An inbound SMS (or WhatsApp, with a `whatsapp:` From); returns the response with its TwiML text. */
  text(from: string, body: string, extra?: Params): Promise<{ status: number; twiml: string; messages: string[] }>;
  close(): Promise<void>;
}

export function sign(url: string, params: Params, token = AUTH_TOKEN): string {
  return getExpectedTwilioSignature(token, url, params);
}

export function encodeForm(params: Params): string {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
  return form.toString();
}

/** The bodies of the <Message> elements of a TwiML document, unescaped. */
export function messagesOf(twiml: string): string[] {
  return Array.from(twiml.matchAll(/<Message>(?:<Body>)?([\s\S]*?)(?:<\/Body>)?(?:<Media>[\s\S]*?<\/Media>)*<\/Message>/g), (m) =>
    (m[1] ?? '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&'),
  );
}

let sidCounter = 0;
export function newMessageSid(): string {
  sidCounter += 1;
  return `SM${String(Date.now() % 1e9).padStart(9, '0')}${String(sidCounter).padStart(23, '0')}`;
}

export async function startTwilioTestServer(
  options: { startLocal?: string; business?: Business; env?: NodeJS.ProcessEnv; logger?: Logger; dataDir?: string; stores?: Stores } = {},
): Promise<TwilioTestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'frontdesk-twilio-'));
  const capture = await startCaptureServer();
  let now = at(options.startLocal ?? '2026-03-10T10:00');
  const settings = readSettings(
    {
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_PHONE_NUMBER: BUSINESS_NUMBER,
      TWILIO_API_URL: capture.url,
      PUBLIC_URL: PUBLIC_URL,
      ...options.env,
    },
    { dataDir, port: 0 },
  );
  const server = await startServer({ settings, business: options.business, stores: options.stores, clock: () => now, logger: options.logger ?? silentLogger() });

  const post: TwilioTestServer['post'] = async (route, params, opts = {}) => {
    const signature =
      opts.signature === undefined ? sign(opts.signedUrl ?? `${PUBLIC_URL}${route}`, opts.signedParams ?? params) : opts.signature;
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (signature !== null) headers['x-twilio-signature'] = signature;
    return fetch(`${server.url}${route}`, { method: 'POST', headers, body: encodeForm(params) });
  };

  return {
    server,
    settings,
    capture,
    setNow: (local) => {
      now = at(local);
    },
    post,
    async text(from, body, extra = {}) {
      const params: Params = {
        MessageSid: newMessageSid(),
        AccountSid: ACCOUNT_SID,
        From: from,
        To: from.startsWith('whatsapp:') ? `whatsapp:${BUSINESS_NUMBER}` : BUSINESS_NUMBER,
        Body: body,
        NumMedia: '0',
        ...extra,
      };
      const res = await post('/api/twilio/messages', params);
      const twiml = await res.text();
      return { status: res.status, twiml, messages: messagesOf(twiml) };
    },
    async close() {
      await server.close();
      await capture.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
