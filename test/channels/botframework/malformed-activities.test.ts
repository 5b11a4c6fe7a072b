// /api/messages without a MicrosoftAppId (the Emulator's way), over real HTTP: an activity of the
// wrong shape is a 400 with one generic body, and nothing of it reaches the bot or the store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readSettings } from '../../../bot/config/settings';
import { startServer, type RunningServer } from '../../../bot/index';
import { silentLogger } from '../../../bot/log';
import { at } from '../../helpers/frontdesk-harness';

const GENERIC_400 = { error: 'frontdesk_bad_request', message: 'malformed activity' };

let nextId = 1;
function activity(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const n = nextId++;
  return {
    type: 'message',
    id: `m${n}`,
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9',
    from: { id: `user-${n}`, name: 'Robin' },
    recipient: { id: 'frontdesk', name: 'Frontdesk' },
    conversation: { id: `conversation-${n}` },
    text: 'hi',
    deliveryMode: 'expectReplies',
    ...overrides,
  };
}

describe('malformed activities on /api/messages', () => {
  let dataDir: string;
  let server: RunningServer;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'frontdesk-bf-shape-'));
    server = await startServer({ settings: readSettings({}, { dataDir, port: 0 }), clock: () => at('2026-03-10T10:00'), logger: silentLogger() });
  });

  afterAll(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const send = async (body: string, contentType = 'application/json') => {
    const res = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body });
    return { status: res.status, text: await res.text() };
  };

  it.each<[string, Record<string, unknown>]>([
    ['a serviceUrl that is an object', { serviceUrl: {} }],
    ['a serviceUrl that is not http(s)', { serviceUrl: 'javascript:alert(1)' }],
    ['a numeric from.id', { from: { id: 5 } }],
    ['a numeric conversation.id', { conversation: { id: 7 } }],
    ['a recipient that is a number', { recipient: 3 }],
    ['text that is an object', { text: { a: 1 } }],
    ['a numeric type', { type: 5 }],
    ['an unknown type', { type: 'banana' }],
    ['membersAdded that is a string', { type: 'conversationUpdate', membersAdded: 'x' }],
    ['a numeric channelId', { channelId: 4 }],
    ['entities that are a string', { entities: 'x' }],
    ['attachments that are an object', { attachments: {} }],
    ['a timestamp that is no date', { timestamp: 'soonish' }],
    ['a conversation id of 10,000 characters', { conversation: { id: 'c'.repeat(10_000) } }],
    ['no from', { from: undefined }],
  ])('answers 400 with the generic body for %s', async (_label, overrides) => {
    const res = await send(JSON.stringify(activity(overrides)));
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toEqual(GENERIC_400);
  });

  it.each<[string, string, string]>([
    ['a JSON array', '[1,2,3]', 'application/json'],
    ['a JSON string', '"hello"', 'application/json'],
    ['JSON cut off', '{"type": "message", "text": ', 'application/json'],
    ['a form body', 'type=message&text=hi', 'application/x-www-form-urlencoded'],
    ['plain text', 'hello', 'text/plain'],
  ])('answers 4xx without internals for %s', async (_label, body, contentType) => {
    const res = await send(body, contentType);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.text).not.toMatch(/TypeError|SyntaxError|\bat .*:\d+|https?:/);
  });

  it('stores nothing from refused activities and still answers well-formed ones', async () => {
    await send(JSON.stringify(activity({ from: { id: 5 } })));
    expect(await server.frontdesk.stores.clients.list()).toHaveLength(0);
    const res = await send(JSON.stringify(activity({ text: 'are you open on saturday?' })));
    expect(res.status).toBe(200);
    expect((JSON.parse(res.text) as { activities: unknown[] }).activities.length).toBeGreaterThan(0);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
