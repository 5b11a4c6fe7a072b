// `npm run bench`: webhook throughput of the Twilio channel next to a bare restify route, measured
// in the same run on the same server (run in a child process, apart from the load generator). A benchmark, not a test: it prints figures and asserts
// nothing about them. Options: --duration <s> (each run, default 10), --connections <n> (default 10).
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import autocannon from 'autocannon';
import type { Request, Response } from 'restify';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import { readSettings } from '../../bot/config/settings';
import { startServer } from '../../bot/index';
import { silentLogger } from '../../bot/log';

const AUTH_TOKEN = 'bench-auth-token-0123456789abcdef';
const PUBLIC_URL = 'https://frontdesk.bench.invalid';
const BUSINESS_NUMBER = '+15555550100';
const MESSAGES_PATH = '/api/twilio/messages';

interface Figures {
  label: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
}

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const n = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/** Signed webhook bodies, each a new client's first turn of a booking conversation. */
function signedBodies(count: number): Array<{ body: string; signature: string }> {
  const url = `${PUBLIC_URL}${MESSAGES_PATH}`;
  return Array.from({ length: count }, (_, i) => {
    const params = {
      MessageSid: `SM${i.toString(16).padStart(32, '0')}`,
      AccountSid: `AC${'0'.repeat(32)}`,
      From: `+1444${String(i).padStart(7, '0')}`,
      To: BUSINESS_NUMBER,
      Body: 'haircut friday at 3',
      NumMedia: '0',
    };
    return { body: new URLSearchParams(params).toString(), signature: getExpectedTwilioSignature(AUTH_TOKEN, url, params) };
  });
}

async function measure(label: string, options: autocannon.Options): Promise<Figures> {
  const result = await autocannon(options);
  return {
    label,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** The server side, in its own process so the load generator does not share its CPU. */
async function serve(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'frontdesk-bench-'));
  const settings = readSettings({ TWILIO_AUTH_TOKEN: AUTH_TOKEN, PUBLIC_URL }, { dataDir, port: 0, logLevel: 'silent' });
  const running = await startServer({ settings, logger: silentLogger() });
  // Only in the bench process: the floor a restify route costs on this machine.
  running.server.get('/bench/ping', async (_req: Request, res: Response) => {
    res.send(200, { ok: true });
  });
  const stop = async () => {
    await running.close();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('disconnect', () => void stop());
  process.send?.({ port: running.port });
}

async function startServerProcess(): Promise<{ port: number; child: ChildProcess }> {
  const child = fork(__filename, ['--serve'], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port?: number }) => (typeof m?.port === 'number' ? resolve(m.port) : reject(new Error('no port'))));
    child.once('exit', (code) => reject(new Error(`the server process exited (${code})`)));
  });
  return { port, child };
}

async function main(): Promise<void> {
  const duration = flag('duration', 10);
  const connections = flag('connections', 10);
  const { port, child } = await startServerProcess();

  try {
    const base = `http://127.0.0.1:${port}`;
    // Enough distinct messages that none repeats (a repeat would be answered from the dedupe record).
    const bodies = signedBodies(50_000);
    let next = 0;
    let exhausted = false;
    const webhookRequest = (): autocannon.Request => {
      const item = bodies[next % bodies.length];
      if (next >= bodies.length) exhausted = true;
      next += 1;
      return {
        method: 'POST',
        path: MESSAGES_PATH,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': item?.signature ?? '' },
        body: item?.body ?? '',
      };
    };

    const probe = webhookRequest();
    const check = await fetch(`${base}${MESSAGES_PATH}`, { method: 'POST', headers: probe.headers as Record<string, string>, body: probe.body });
    const twiml = await check.text();
    if (check.status !== 200 || !twiml.includes('<Message>')) throw new Error(`the webhook did not answer with TwiML: ${check.status} ${twiml}`);

    process.stdout.write(`Frontdesk bench: ${connections} connections, ${duration} s a run, server process on ${base}\n`);
    const ping = await measure('bare restify route (GET /bench/ping)', { url: `${base}/bench/ping`, connections, duration });
    const turn = await measure('signed Twilio webhook, one booking turn', {
      url: base,
      connections,
      duration,
      requests: [{ setupRequest: () => webhookRequest() }],
    });

    const rows = [ping, turn];
    const pad = (s: string, n: number) => s.padEnd(n);
    process.stdout.write(`\n${pad('', 42)}${pad('req/s', 10)}${pad('p50 ms', 9)}${pad('p99 ms', 9)}${pad('requests', 10)}non-2xx/errors\n`);
    for (const r of rows) {
      process.stdout.write(
        `${pad(r.label, 42)}${pad(r.requestsPerSecond.toFixed(0), 10)}${pad(String(r.p50), 9)}${pad(String(r.p99), 9)}${pad(String(r.total), 10)}${r.non2xx}/${r.errors}\n`,
      );
    }
    const ratio = turn.requestsPerSecond > 0 ? ping.requestsPerSecond / turn.requestsPerSecond : Infinity;
    process.stdout.write(`\nratio: the bare route serves ${ratio.toFixed(1)}x the webhook turns per second`);
    process.stdout.write(` (p50 ${ping.p50} ms vs ${turn.p50} ms, p99 ${ping.p99} ms vs ${turn.p99} ms)\n`);
    if (exhausted) process.stdout.write('note: the prepared messages ran out and some were repeats, answered from the dedupe record\n');
  } finally {
    child.kill('SIGTERM');
  }
}

(process.argv.includes('--serve') ? serve() : main()).catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 1;
});
