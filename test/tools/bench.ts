// `npm run bench`: what a turn costs, next to what the machine and botbuilder cost, in one run. Each
// row runs against its own server process (forked, apart from the load generator), which also hosts
// a bare restify route and a minimal botbuilder dialog bot (the peer). A benchmark, not a test: it
// prints figures and asserts nothing about them.
//
// Options: --duration <s> (each timed run, default 10), --connections <n> (default 10),
// --warmup <s> (untimed load before each run, default 2), --conversations <n> (each row's server is
// topped up to this many distinct conversations before its RSS is read, default 10000; 0 skips),
// --only <name,...> (rows: bare, peer, first-sms, booking, faq, api-messages), --seed (each row
// again on a store seeded with 100,000 appointments, 1,000,000 logged messages and 50,000 clients),
// --profile <dir> (a V8 CPU profile of each server process over its timed run, <dir>/<row>.cpuprofile;
// test/tools/profile-top.ts prints its top frames).
import { fork, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import autocannon from 'autocannon';
import { ActivityTypes, CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState, MemoryStorage } from 'botbuilder';
import { DialogSet, DialogTurnStatus, TextPrompt, WaterfallDialog, type DialogState } from 'botbuilder-dialogs';
import { DateTime } from 'luxon';
import type { Request, Response, Server } from 'restify';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import { loadBusinessConfig } from '../../bot/config/business-config';
import { readSettings } from '../../bot/config/settings';
import type { Business } from '../../bot/domain/types';
import { startServer } from '../../bot/index';
import { silentLogger } from '../../bot/log';
import { DATA_FILE_NAME } from '../../bot/store/sqlite';
import { seedStore, SEED_COUNTS } from './bench-seed';

const AUTH_TOKEN = 'bench-auth-token-0123456789abcdef';
const PUBLIC_URL = 'https://frontdesk.bench.invalid';
const BUSINESS_NUMBER = '+15555550100';
const MESSAGES_PATH = '/api/twilio/messages';
const PEER_PATH = '/bench/peer';
/** Bookings need a free seat each; two years ahead holds tens of thousands of 15-minute ones. */
const BENCH_HORIZON_DAYS = 730;
/**
 * The server's clock starts at this instant (a Tuesday, 10:00 in New York, the salon open) and runs
 * at the real rate, so every run reads the same hours whatever the time of day it is started.
 */
export const BENCH_START = Date.parse('2027-03-02T15:00:00Z');

// ---------------------------------------------------------------------------------------------
// Options

interface Options {
  duration: number;
  connections: number;
  warmup: number;
  conversations: number;
  only: Set<string> | null;
  seed: boolean;
  profile: string | null;
}

function numberFlag(name: string, fallback: number, { zero = false } = {}): number {
  const i = process.argv.indexOf(`--${name}`);
  const n = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(n) && (n > 0 || (zero && n === 0)) ? n : fallback;
}

function textFlag(name: string): string | null {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? null) : null;
}

function readOptions(): Options {
  const only = textFlag('only');
  const profile = textFlag('profile');
  return {
    duration: numberFlag('duration', 10),
    connections: numberFlag('connections', 10),
    warmup: numberFlag('warmup', 2, { zero: true }),
    conversations: numberFlag('conversations', 10_000, { zero: true }),
    only: only ? new Set(only.split(',').map((s) => s.trim())) : null,
    seed: process.argv.includes('--seed'),
    profile: profile ? path.resolve(profile) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// The business: the demo salon, with a horizon long enough that every bench booking has a seat.

export function benchBusiness(): Business {
  const demo = loadBusinessConfig(null);
  return { ...demo, policy: { ...demo.policy, horizonDays: BENCH_HORIZON_DAYS } };
}

/** Distinct free 15-minute times, from the day after tomorrow on, as a client would ask for them. */
function bookableTimes(business: Business, count: number): string[] {
  const closed = new Set([...business.closures.map((c) => c.date), ...business.specialHours.map((s) => s.date)]);
  const out: string[] = [];
  let day = DateTime.fromMillis(BENCH_START, { zone: business.zone }).startOf('day').plus({ days: 2 });
  const last = day.plus({ days: BENCH_HORIZON_DAYS - 3 });
  while (out.length < count && day < last) {
    const weekday = day.weekday; // 1 = Monday
    const closes = weekday >= 2 && weekday <= 5 ? 19 : weekday === 6 ? 17 : 0;
    if (closes > 0 && !closed.has(day.toISODate() ?? '')) {
      for (let minutes = 9 * 60; minutes + 15 <= closes * 60 && out.length < count; minutes += 15) {
        const at = day.plus({ minutes });
        out.push(`beard trim on ${at.toFormat('LLLL d yyyy')} at ${at.toFormat('h:mma').toLowerCase()}`);
      }
    }
    day = day.plus({ days: 1 });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The server process

/** A minimal botbuilder bot as Microsoft's samples build one: memory state, a dialog set, a waterfall. */
function mountPeer(server: Server): void {
  const conversationState = new ConversationState(new MemoryStorage());
  const dialogs = new DialogSet(conversationState.createProperty<DialogState>('dialogState'));
  dialogs.add(new TextPrompt('text'));
  dialogs.add(
    new WaterfallDialog('booking', [
      async (step) => step.prompt('text', 'What name should I put the appointment under?'),
      async (step) => {
        (step.values as Record<string, unknown>).name = step.result;
        return step.prompt('text', `Thanks, ${String(step.result)}! Haircut Fri at 3:00 PM, shall I book it? (yes / no)`);
      },
      async (step) => {
        await step.context.sendActivity(String(step.result).toLowerCase() === 'yes' ? `You're booked, ${String((step.values as Record<string, unknown>).name)}.` : 'No problem.');
        return step.endDialog();
      },
    ]),
  );
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  server.post(PEER_PATH, async (req: Request, res: Response) => {
    await adapter.process(req, res, async (context) => {
      if (context.activity.type !== ActivityTypes.Message) return;
      const dc = await dialogs.createContext(context);
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) await dc.beginDialog('booking');
      await conversationState.saveChanges(context);
    });
  });
}

async function serve(): Promise<void> {
  const dataDir = textFlag('data');
  if (!dataDir) throw new Error('--serve needs --data <dir>');
  const settings = readSettings({ TWILIO_AUTH_TOKEN: AUTH_TOKEN, PUBLIC_URL }, { dataDir, port: 0, logLevel: 'silent' });
  const offset = BENCH_START - Date.now();
  const running = await startServer({ settings, business: benchBusiness(), logger: silentLogger(), clock: () => new Date(Date.now() + offset) });
  // Only in the bench process: the floor a restify route costs on this machine, and the peer.
  running.server.get('/bench/ping', async (_req: Request, res: Response) => {
    res.send(200, { ok: true });
  });
  mountPeer(running.server);
  const stop = async () => {
    await running.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('disconnect', () => void stop());
  const profiler = new Session();
  profiler.connect();
  const post = (method: string) =>
    new Promise<unknown>((resolve, reject) => profiler.post(method, (error, result) => (error ? reject(error) : resolve(result))));
  // Asked by the load generator: CPU and memory now; a CPU profile of the timed run only.
  process.on('message', (m: { usage?: number; profile?: 'start' | string }) => {
    if (typeof m?.usage !== 'number') return;
    void (async () => {
      if (m.profile === 'start') await post('Profiler.enable').then(() => post('Profiler.start'));
      else if (typeof m.profile === 'string') {
        const { profile } = (await post('Profiler.stop')) as { profile: unknown };
        writeFileSync(m.profile, JSON.stringify(profile));
      }
      const cpu = process.cpuUsage();
      process.send?.({ usage: m.usage, cpuMicros: cpu.user + cpu.system, rss: process.memoryUsage().rss });
    })();
  });
  process.send?.({ port: running.port });
}

// ---------------------------------------------------------------------------------------------
// The load generator's side

interface ServerProcess {
  port: number;
  child: ChildProcess;
  /** CPU time and RSS now; `profile` starts the CPU profiler ('start') or stops it into a file. */
  usage(profile?: string): Promise<{ cpuMicros: number; rss: number }>;
  stop(): Promise<void>;
}

async function startServerProcess(dataDir: string): Promise<ServerProcess> {
  const child = fork(__filename, ['--serve', '--data', dataDir], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port?: number }) => (typeof m?.port === 'number' ? resolve(m.port) : reject(new Error('no port'))));
    child.once('exit', (code) => reject(new Error(`the server process exited (${code})`)));
  });
  let asked = 0;
  return {
    port,
    child,
    usage: (profile) =>
      new Promise((resolve) => {
        const id = ++asked;
        const onMessage = (m: { usage?: number; cpuMicros: number; rss: number }) => {
          if (m?.usage !== id) return;
          child.off('message', onMessage);
          resolve({ cpuMicros: m.cpuMicros, rss: m.rss });
        };
        child.on('message', onMessage);
        child.send({ usage: id, profile });
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function sign(params: Record<string, string>): autocannon.Request {
  const signature = getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_URL}${MESSAGES_PATH}`, params);
  return {
    method: 'POST',
    path: MESSAGES_PATH,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(params).toString(),
  };
}

/** One message of one phone number, signed as Twilio signs it. */
function smsRequest(number: number, messageId: string, body: string): autocannon.Request {
  return sign({
    MessageSid: `SM${messageId.padStart(32, '0')}`,
    AccountSid: `AC${'0'.repeat(32)}`,
    From: `+1444${String(number).padStart(7, '0')}`,
    To: BUSINESS_NUMBER,
    Body: body,
    NumMedia: '0',
  });
}

function activityRequest(urlPath: string, conversation: number, turn: number, text: string): autocannon.Request {
  return {
    method: 'POST',
    path: urlPath,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      id: `a${conversation}-${turn}`,
      channelId: 'emulator',
      serviceUrl: 'http://localhost:9',
      from: { id: `bench-user-${conversation}` },
      recipient: { id: 'frontdesk' },
      conversation: { id: `bench-conversation-${conversation}` },
      deliveryMode: 'expectReplies',
      text,
    }),
  };
}

/** A row: the requests of one conversation, in order, and what each reply must contain to count as right. */
interface Scenario {
  name: string;
  label: string;
  /** Requests per conversation (1 for single turns). */
  turns: number;
  request(conversation: number, turn: number): autocannon.Request;
  expect: RegExp[];
}

function scenarios(business: Business): Scenario[] {
  // Every bench row starts numbering at a different place, so no phone number or id repeats.
  const times = bookableTimes(business, 40_000);
  return [
    {
      name: 'bare',
      label: 'bare restify route (GET)',
      turns: 1,
      request: () => ({ method: 'GET', path: '/bench/ping', headers: {} }),
      expect: [/ok/],
    },
    {
      name: 'peer',
      label: 'peer: botbuilder waterfall, 3 turns',
      turns: 3,
      request: (c, t) => activityRequest(PEER_PATH, c, t, ['hi, can I book a haircut', 'Sam', 'yes'][t] ?? ''),
      expect: [/What name/, /shall I book/, /booked/],
    },
    {
      name: 'first-sms',
      label: 'first SMS of a booking (Twilio)',
      turns: 1,
      request: (c) => smsRequest(c, `f${c}`, 'haircut friday at 3'),
      expect: [/<Message>/],
    },
    {
      name: 'booking',
      label: 'booking conversation, 3 SMS',
      turns: 3,
      request: (c, t) => smsRequest(1_000_000 + c, `b${c}-${t}`, [times[c % times.length] ?? '', 'Sam', 'yes'][t] ?? ''),
      expect: [/name/i, /book it/, /booked/],
    },
    {
      name: 'faq',
      label: 'FAQ "what are your hours" (Twilio)',
      turns: 1,
      request: (c) => smsRequest(2_000_000 + c, `q${c}`, 'what are your hours'),
      expect: [/hours/i],
    },
    {
      name: 'api-messages',
      label: '/api/messages, expectReplies',
      turns: 1,
      request: (c) => activityRequest('/api/messages', c, 0, 'haircut friday at 3'),
      expect: [/activities/],
    },
  ];
}

interface Figures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  failed: number;
  wrong: number;
  cpuMsPerTurn: number;
  rssMb: number;
  conversations: number;
}

/** Load that walks through conversations in order; each connection holds one conversation at a time. */
function load(base: string, scenario: Scenario, counter: { next: number; wrong: number }, run: { connections: number; duration?: number; amount?: number }) {
  const requests: autocannon.Request[] = Array.from({ length: scenario.turns }, (_, turn) => ({
    setupRequest: (_req: autocannon.Request, context: Record<string, number>) => {
      if (turn === 0) context.conversation = counter.next++;
      return scenario.request(context.conversation ?? 0, turn);
    },
    onResponse: (status: number, body: string) => {
      const pattern = scenario.expect[turn];
      if (status !== 200 || (pattern && !pattern.test(body))) counter.wrong += 1;
    },
  })) as autocannon.Request[];
  const timing = run.amount !== undefined ? { amount: run.amount } : { duration: run.duration ?? 1 };
  return autocannon({ url: base, connections: Math.min(run.connections, run.amount ?? Infinity), ...timing, requests });
}

async function measure(scenario: Scenario, dataDir: string, options: Options, tag: string): Promise<Figures> {
  const server = await startServerProcess(dataDir);
  try {
    const base = `http://127.0.0.1:${server.port}`;
    const counter = { next: 0, wrong: 0 };
    // One conversation alone first: a row whose replies are wrong measures nothing.
    const probe = { next: 900_000_000, wrong: 0 };
    await load(base, scenario, probe, { connections: 1, amount: scenario.turns });
    if (probe.wrong > 0) process.stderr.write(`warning: ${scenario.name}${tag}: a lone conversation got unexpected replies\n`);
    if (options.warmup > 0) await load(base, scenario, counter, { connections: options.connections, duration: options.warmup });
    const before = await server.usage(options.profile ? 'start' : undefined);
    counter.wrong = 0;
    const result = await load(base, scenario, counter, { connections: options.connections, duration: options.duration });
    const after = await server.usage(options.profile ? path.join(options.profile, `${scenario.name}${tag}.cpuprofile`) : undefined);
    const wrong = counter.wrong;
    const turnsTimed = result.requests.total;
    // Top up to the number of distinct conversations whose memory the RSS figure is about.
    const missing = options.conversations - counter.next;
    if (scenario.name !== 'bare' && missing > 0) {
      await load(base, scenario, counter, { connections: options.connections, amount: missing * scenario.turns });
    }
    const final = await server.usage();
    return {
      requestsPerSecond: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      total: turnsTimed,
      failed: result.non2xx + result.errors,
      wrong,
      cpuMsPerTurn: turnsTimed > 0 ? (after.cpuMicros - before.cpuMicros) / 1000 / turnsTimed : NaN,
      rssMb: final.rss / 1024 / 1024,
      conversations: scenario.name === 'bare' ? 0 : counter.next,
    };
  } finally {
    await server.stop();
  }
}

function freshDataDir(template: string | null): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'frontdesk-bench-'));
  if (template) copyFileSync(template, path.join(dir, DATA_FILE_NAME));
  return dir;
}

function table(rows: Array<{ scenario: Scenario; store: string; figures: Figures }>, byName: (name: string, store: string) => Figures | undefined): string {
  const cols = ['req/s', 'p50 ms', 'p99 ms', 'CPU ms/turn', 'RSS MB', 'convs', 'x peer', 'bare / it', 'failed/wrong'];
  const widths = [8, 8, 8, 12, 8, 8, 8, 10, 12];
  const head = `${'row'.padEnd(38)}${'store'.padEnd(8)}${cols.map((c, i) => c.padEnd(widths[i] ?? 8)).join('')}`;
  const lines = [head, '-'.repeat(head.length)];
  for (const { scenario, store, figures: f } of rows) {
    const peer = byName('peer', store);
    const bare = byName('bare', store);
    const cells = [
      f.requestsPerSecond.toFixed(0),
      String(f.p50),
      String(f.p99),
      f.cpuMsPerTurn.toFixed(3),
      f.rssMb.toFixed(0),
      String(f.conversations),
      peer && peer.requestsPerSecond > 0 ? (f.requestsPerSecond / peer.requestsPerSecond).toFixed(2) : '-',
      bare && f.requestsPerSecond > 0 ? (bare.requestsPerSecond / f.requestsPerSecond).toFixed(1) : '-',
      `${f.failed}/${f.wrong}`,
    ];
    lines.push(`${scenario.label.padEnd(38)}${store.padEnd(8)}${cells.map((c, i) => c.padEnd(widths[i] ?? 8)).join('')}`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const options = readOptions();
  if (options.profile) mkdirSync(options.profile, { recursive: true });
  const business = benchBusiness();
  const chosen = scenarios(business).filter((s) => !options.only || options.only.has(s.name));
  if (chosen.length === 0) throw new Error(`--only names none of: ${scenarios(business).map((s) => s.name).join(', ')}`);
  const work = mkdtempSync(path.join(tmpdir(), 'frontdesk-bench-work-'));
  try {
    let template: string | null = null;
    if (options.seed) {
      template = path.join(work, DATA_FILE_NAME);
      const started = Date.now();
      seedStore(template, business, new Date(BENCH_START));
      process.stdout.write(
        `seeded ${SEED_COUNTS.appointments} appointments, ${SEED_COUNTS.messages} logged messages, ${SEED_COUNTS.clients} clients in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
      );
    }
    process.stdout.write(
      `Frontdesk bench: ${options.connections} connections, ${options.duration} s a run after ${options.warmup} s of warm-up, ` +
        `a server process per row, RSS after ${options.conversations} conversations\n`,
    );
    const rows: Array<{ scenario: Scenario; store: string; figures: Figures }> = [];
    for (const scenario of chosen) {
      for (const store of options.seed ? ['empty', 'seeded'] : ['empty']) {
        const dataDir = freshDataDir(store === 'seeded' ? template : null);
        try {
          const figures = await measure(scenario, dataDir, options, store === 'seeded' ? '-seeded' : '');
          rows.push({ scenario, store, figures });
          process.stdout.write(`  ${scenario.name} (${store}): ${figures.requestsPerSecond.toFixed(0)} req/s\n`);
        } finally {
          rmSync(dataDir, { recursive: true, force: true });
        }
      }
    }
    const byName = (name: string, store: string) => rows.find((r) => r.scenario.name === name && r.store === store)?.figures;
    process.stdout.write(`\n${table(rows, byName)}\n`);
    process.stdout.write(
      '\nreq/s counts turns (a 3-SMS conversation is 3). CPU ms/turn: the server process\'s user + system CPU over the timed run, per request.\n' +
        'x peer: req/s over the peer\'s; bare / it: how many times this row\'s req/s the bare route serves. failed: non-2xx and socket errors;\n' +
        'wrong: replies without what the turn should say (a taken slot, an apology).\n',
    );
    if (options.seed) {
      for (const scenario of chosen) {
        const empty = byName(scenario.name, 'empty');
        const seeded = byName(scenario.name, 'seeded');
        if (empty && seeded && empty.requestsPerSecond > 0) {
          process.stdout.write(`seeded / empty, ${scenario.name}: ${(seeded.requestsPerSecond / empty.requestsPerSecond).toFixed(2)} of the req/s\n`);
        }
      }
    }
    if (options.profile) process.stdout.write(`CPU profiles in ${options.profile}\n`);
  } finally {
    if (existsSync(work)) rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  (process.argv.includes('--serve') ? serve() : main()).catch((error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
