// /api/messages with a MicrosoftAppId, over real HTTP, with the token service on a local port: every
// refusal is a 401 or a 403 with a generic body, and none waits on, or names, the metadata endpoint.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readSettings } from '../../../bot/config/settings';
import { startServer, type RunningServer } from '../../../bot/index';
import { silentLogger } from '../../../bot/log';
import { DEFAULT_AUTH_DEADLINE_MS } from '../../../channels/botframework/inbound-auth';
import { generateSigningKey, signToken, startTokenIssuer, CHANNEL_ISSUER, type TokenIssuer } from './openid-issuer';

const APP_ID = '00000000-0000-0000-0000-00000000f00d';
const OTHER_APP_ID = '00000000-0000-0000-0000-0000000beef0';
const SERVICE_URL = 'http://127.0.0.1:9/';

let nextId = 1;
function activity(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const n = nextId++;
  return {
    type: 'message',
    id: `a${n}`,
    channelId: 'webchat',
    serviceUrl: SERVICE_URL,
    from: { id: `user-${n}`, name: 'Robin' },
    recipient: { id: 'frontdesk', name: 'Frontdesk' },
    conversation: { id: `conversation-${n}` },
    text: 'are you open on saturday?',
    deliveryMode: 'expectReplies',
    ...overrides,
  };
}

async function post(server: RunningServer, body: Record<string, unknown>, authorization?: string): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await fetch(`${server.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization === undefined ? {} : { authorization }) },
    body: JSON.stringify(body),
  });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

/** Nothing of the internals: no exception names, no stack, no URL (the metadata endpoint above all). */
function expectGeneric(text: string): void {
  expect(text).not.toMatch(/error:|TypeError|FetchError|\bat .*:\d+|https?:|openid|ENOTFOUND|ECONNREFUSED/i);
}

async function startWithIssuer(metadataUrl: string): Promise<{ server: RunningServer; close(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'frontdesk-bf-auth-'));
  const server = await startServer({
    settings: readSettings(
      {
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'not-a-real-secret',
        ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
        ToBotFromEmulatorOpenIdMetadataUrl: metadataUrl,
        // The replies' serviceUrl is this machine, which only the test's own allow-list admits.
        BOT_SERVICE_URL_HOSTS: 'http://127.0.0.1',
      },
      { dataDir, port: 0 },
    ),
    logger: silentLogger(),
  });
  return {
    server,
    close: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

describe('Bot Framework tokens on /api/messages', () => {
  let issuer: TokenIssuer;
  let running: { server: RunningServer; close(): Promise<void> };
  let server: RunningServer;

  beforeAll(async () => {
    issuer = await startTokenIssuer();
    running = await startWithIssuer(issuer.metadataUrl);
    server = running.server;
  });

  afterAll(async () => {
    await running.close();
    await issuer.close();
  });

  it('refuses tokens it can judge without the signing keys before fetching any', async () => {
    const now = Math.floor(Date.now() / 1000);
    const cases: Array<[string, string | undefined, number]> = [
      ['no Authorization header', undefined, 401],
      ['an empty header', '', 401],
      ['a header without a scheme', 'garbage', 401],
      ['Bearer and garbage', 'Bearer garbage', 401],
      ['another scheme', `Basic ${Buffer.from('a:b').toString('base64')}`, 401],
      ['a token of another issuer', `Bearer ${signToken({ iss: 'https://issuer.example.test', aud: APP_ID, serviceurl: SERVICE_URL, exp: now + 600 }, issuer.key)}`, 401],
      ['an expired token', `Bearer ${issuer.channelToken({ appId: APP_ID, serviceUrl: SERVICE_URL, claims: { exp: now - 3600, nbf: now - 7200 } })}`, 401],
      ['a token not valid yet', `Bearer ${issuer.channelToken({ appId: APP_ID, serviceUrl: SERVICE_URL, claims: { nbf: now + 3600 } })}`, 401],
      ['a token for another bot', `Bearer ${issuer.channelToken({ appId: OTHER_APP_ID, serviceUrl: SERVICE_URL })}`, 403],
      ['an Emulator token for another bot', `Bearer ${issuer.emulatorToken({ appId: OTHER_APP_ID })}`, 403],
      ['a token for another service URL', `Bearer ${issuer.channelToken({ appId: APP_ID, serviceUrl: 'https://smba.trafficmanager.net/emea/' })}`, 403],
    ];
    for (const [label, authorization, status] of cases) {
      const res = await post(server, activity(), authorization);
      expect({ label, status: res.status }).toEqual({ label, status });
      expect(JSON.parse(res.text)).toEqual(
        status === 401
          ? { error: 'frontdesk_unauthorized', message: 'the request is not authorized' }
          : { error: 'frontdesk_forbidden', message: 'the token is not for this bot' },
      );
      if (status === 401) expect(res.headers.get('www-authenticate')).toBe('Bearer');
    }
    expect(issuer.requests).toEqual([]);
    expect(await server.frontdesk.stores.clients.list()).toHaveLength(0);
  });

  it('answers a turn for a token signed with the published key', async () => {
    const res = await post(server, activity(), `Bearer ${issuer.channelToken({ appId: APP_ID, serviceUrl: SERVICE_URL })}`);
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text) as { activities: Array<{ type: string; text?: string }> };
    expect(body.activities.filter((a) => a.type === 'message').length).toBeGreaterThan(0);
    expect(issuer.requests.length).toBeGreaterThan(0);
  });

  it('answers a turn for an Emulator token signed with the published key', async () => {
    const res = await post(server, activity({ channelId: 'emulator' }), `Bearer ${issuer.emulatorToken({ appId: APP_ID })}`);
    expect(res.status).toBe(200);
  });

  it('refuses a forged token (right claims, signed with another key under the published kid) with 401', async () => {
    const forger = generateSigningKey(issuer.key.kid);
    const clients = (await server.frontdesk.stores.clients.list()).length;
    for (const token of [
      issuer.channelToken({ appId: APP_ID, serviceUrl: SERVICE_URL, key: forger }),
      issuer.emulatorToken({ appId: APP_ID, key: forger }),
    ]) {
      const res = await post(server, activity(), `Bearer ${token}`);
      expect(res.status).toBe(401);
      expect(JSON.parse(res.text)).toEqual({ error: 'frontdesk_unauthorized', message: 'the request is not authorized' });
    }
    expect(await server.frontdesk.stores.clients.list()).toHaveLength(clients);
  });

  it('refuses a token signed with a key the token service never published with 401', async () => {
    const res = await post(server, activity(), `Bearer ${issuer.channelToken({ appId: APP_ID, serviceUrl: SERVICE_URL, key: generateSigningKey('unknown-kid') })}`);
    expect(res.status).toBe(401);
    expectGeneric(res.text);
  });

  it('refuses a token whose signature was cut off or altered with 401', async () => {
    const token = issuer.channelToken({ appId: APP_ID, serviceUrl: SERVICE_URL });
    const [head, claims] = token.split('.');
    const tampered = `${head}.${Buffer.from(JSON.stringify({ iss: CHANNEL_ISSUER, aud: APP_ID, serviceurl: SERVICE_URL, exp: Math.floor(Date.now() / 1000) + 600, name: 'admin' })).toString('base64url')}.${token.split('.')[2]}`;
    for (const authorization of [`Bearer ${head}.${claims}.`, `Bearer ${tampered}`, `Bearer ${head}.${claims}.AAAA`]) {
      const res = await post(server, activity(), authorization);
      expect(res.status).toBe(401);
      expectGeneric(res.text);
    }
  });
});

describe('Bot Framework tokens when the token service cannot be reached', () => {
  it('answers 401 with a generic body, naming no URL, when the metadata endpoint refuses connections', async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const issuer = await startTokenIssuer();
    const running = await startWithIssuer(`http://127.0.0.1:${port}/.well-known/openidconfiguration`);
    try {
      const res = await post(running.server, activity(), `Bearer ${issuer.channelToken({ appId: APP_ID, serviceUrl: SERVICE_URL })}`);
      expect(res.status).toBe(401);
      expect(JSON.parse(res.text)).toEqual({ error: 'frontdesk_unauthorized', message: 'the request is not authorized' });
      expectGeneric(res.text);
      expect((await fetch(`${running.server.url}/healthz`)).status).toBe(200);
    } finally {
      await running.close();
      await issuer.close();
    }
  });

  it('answers 401 once the deadline passes when the metadata endpoint never answers, and runs no turn later', async () => {
    const hanging = await startTokenIssuer({ hang: true });
    const running = await startWithIssuer(hanging.metadataUrl);
    try {
      const started = Date.now();
      const res = await post(running.server, activity(), `Bearer ${hanging.channelToken({ appId: APP_ID, serviceUrl: SERVICE_URL })}`);
      expect(res.status).toBe(401);
      expectGeneric(res.text);
      // A wait deadline, not a speed claim: the answer came from the deadline, not a socket timeout.
      expect(Date.now() - started).toBeLessThan(DEFAULT_AUTH_DEADLINE_MS + 5_000);
      expect(hanging.requests.length).toBeGreaterThan(0);
      // The metadata request ends now; the check it belonged to was already given up.
      await hanging.close();
      expect((await fetch(`${running.server.url}/healthz`)).status).toBe(200);
      expect(await running.server.frontdesk.stores.clients.list()).toHaveLength(0);
    } finally {
      await hanging.close().catch(() => undefined);
      await running.close();
    }
  }, DEFAULT_AUTH_DEADLINE_MS + 15_000);
});

describe('Bot Framework tokens and key endorsements', () => {
  it('refuses with 401 a token whose key is endorsed for other channels only', async () => {
    const issuer = await startTokenIssuer({ endorsements: ['msteams'] });
    const running = await startWithIssuer(issuer.metadataUrl);
    try {
      const refused = await post(running.server, activity({ channelId: 'webchat' }), `Bearer ${issuer.channelToken({ appId: APP_ID, serviceUrl: SERVICE_URL })}`);
      expect(refused.status).toBe(401);
      expectGeneric(refused.text);
      const accepted = await post(running.server, activity({ channelId: 'msteams' }), `Bearer ${issuer.channelToken({ appId: APP_ID, serviceUrl: SERVICE_URL })}`);
      expect(accepted.status).toBe(200);
    } finally {
      await running.close();
      await issuer.close();
    }
  });
});
