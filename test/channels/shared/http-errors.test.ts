// The answers restify gives on its own (a body that is not JSON, one over the cap, an unknown route,
// a wrong method) over real HTTP: a status and a short generic body, never the parser's words or
// the request quoted back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readSettings } from '../../../bot/config/settings';
import { startServer, type RunningServer } from '../../../bot/index';
import { silentLogger } from '../../../bot/log';

describe('restify error answers', () => {
  let dataDir: string;
  let server: RunningServer;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'frontdesk-http-errors-'));
    server = await startServer({ settings: readSettings({}, { dataDir, port: 0 }), logger: silentLogger() });
  });

  afterAll(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const request = async (route: string, init: RequestInit) => {
    const res = await fetch(`${server.url}${route}`, init);
    return { status: res.status, body: (await res.json()) as unknown };
  };

  it('answers JSON that does not parse with 400 and no word of the parser or the body', async () => {
    const res = await request('/api/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"serviceUrl": "https://evil.example.test/x' });
    expect(res).toEqual({ status: 400, body: { error: 'frontdesk_bad_request', message: 'malformed request' } });
  });

  it('answers a body over the size cap with 413', async () => {
    const res = await request('/api/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'x'.repeat(1024 * 1024 + 10) }) });
    expect(res).toEqual({ status: 413, body: { error: 'frontdesk_payload_too_large', message: 'request body too large' } });
  });

  it('answers an unknown route with 404 without naming it', async () => {
    const res = await request('/api/https%3A%2F%2Fevil.example.test', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res).toEqual({ status: 404, body: { error: 'frontdesk_not_found', message: 'no such route' } });
  });

  it('answers a wrong method with 405', async () => {
    const res = await request('/api/messages', { method: 'GET' });
    expect(res).toEqual({ status: 405, body: { error: 'frontdesk_method_not_allowed', message: 'method not allowed on this route' } });
  });
});
