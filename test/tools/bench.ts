// `npm run bench`: what a turn costs, next to what the machine and botbuilder cost, in one run. Each
// row runs against its own server process (bench-server.ts, forked apart from the load generator and
// started as `npm start` starts the product: Node with tsx's require hook), which also hosts a bare
// restify route and a minimal botbuilder dialog bot (the peer). A benchmark, not a test: it
// prints figures and asserts nothing about them.
//
// The booking conversation also runs on Redis (bench-redis.ts: REDIS_URL, else 127.0.0.1:6379, a
// random key prefix of the run's own per row, deleted after): with one server process
// (redis-booking), and with two on one Redis (redis-booking-2), the load spread over both ports by
// one autocannon instance per process, run at once and summed. For those rows the bench also reads
// the CPU redis-server spends per turn (INFO cpu), and, with two processes, what the load
// generator's own CPU leaves of this machine's cores. No Redis answering: one line says so and the
// Redis rows are skipped.
//
// Options: --duration <s> (each timed run, default 10), --connections <n> (default 10; a row with two
// processes splits them between both), --warmup <s> (untimed load before each run, default 2),
// --conversations <n> (each row's server is topped up to this many distinct conversations before
// its RSS is read, default 10000; 0 skips), --only <name,...> (rows: bare, peer, first-sms, booking,
// faq, api-messages, redis-booking, redis-booking-2), --seed (each SQLite row again on a store seeded
// with 100,000 appointments, 1,000,000 logged messages and 50,000 clients; the Redis rows run on an
// empty prefix only), --profile <dir> (a V8 CPU profile of each server process over its timed run,
// <dir>/<row>.cpuprofile, <row>-p2 for a second process; test/tools/profile-top.ts prints its top
// frames).
import { fork, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import * as path from 'node:path';
import autocannon from 'autocannon';
import { DateTime } from 'luxon';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import type { Business } from '../../bot/domain/types';
import { DATA_FILE_NAME } from '../../bot/store/sqlite';
import { openBenchRedis, type BenchRedis } from './bench-redis';
import { seedStore, SEED_COUNTS } from './bench-seed';
import { AUTH_TOKEN, BENCH_HORIZON_DAYS, BENCH_START, benchBusiness, BUSINESS_NUMBER, PEER_PATH, PUBLIC_URL } from './bench-server';

const MESSAGES_PATH = '/api/twilio/messages';
const SERVER_ENTRY = path.join(__dirname, 'bench-server.ts');

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
// The load generator's side

interface ServerProcess {
  port: number;
  child: ChildProcess;
  /** CPU time and RSS now; `profile` starts the CPU profiler ('start') or stops it into a file. */
  usage(profile?: string): Promise<{ cpuMicros: number; rss: number }>;
  stop(): Promise<void>;
}

/** Where a row's server processes keep their data: a SQLite file each, or one Redis under a prefix. */
type Placement = { store: 'sqlite' } | { store: 'redis'; url: string; prefix: string };

/** The server process's environment: the Redis of a Redis row, and none (not even the caller's REDIS_URL) otherwise. */
function serverEnv(placement: Placement): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.REDIS_URL;
  delete env.REDIS_PREFIX;
  return placement.store === 'redis' ? { ...env, REDIS_URL: placement.url, REDIS_PREFIX: placement.prefix } : env;
}

async function startServerProcess(dataDir: string, placement: Placement): Promise<ServerProcess> {
  const child = fork(SERVER_ENTRY, ['--data', dataDir], {
    execArgv: ['--require', require.resolve('tsx/cjs')],
    env: serverEnv(placement),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
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

/** A row of the table: a scenario, and where its server processes keep their data. */
interface RowPlan {
  /** What --only selects. */
  name: string;
  scenario: Scenario;
  /** How many server processes share one Redis; absent, one process on its own SQLite file. */
  redisProcesses?: 1 | 2;
}

function rowPlans(business: Business): RowPlan[] {
  const all = scenarios(business);
  const booking = all.find((s) => s.name === 'booking');
  if (!booking) throw new Error('the booking scenario is missing');
  return [
    ...all.map((scenario) => ({ name: scenario.name, scenario })),
    { name: 'redis-booking', scenario: booking, redisProcesses: 1 },
    { name: 'redis-booking-2', scenario: booking, redisProcesses: 2 },
  ];
}

interface Figures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  failed: number;
  wrong: number;
  /** The server processes' CPU over the timed run (all of them together), per turn. */
  cpuMsPerTurn: number;
  /** Each server process's RSS at the end. */
  rssMb: number[];
  conversations: number;
  /** redis-server's CPU over the timed run, per turn (Redis rows only). */
  redisMsPerTurn: number | null;
  /** Redis commands over the timed run per turn, by command, most first (INFO commandstats; Redis rows only). */
  redisCommandsPerTurn: Array<[string, number]> | null;
  /** redis-server's CPU a second over the idle second just before the timed run: other clients, the bots' own polling. */
  redisIdleMsPerSecond: number | null;
  /**
   * Cores busy over the timed run: the server processes together, the load generator, redis-server,
   * and the whole machine (every process on it, these included).
   */
  cores: { servers: number; loadGenerator: number; redis: number | null; machine: number };
}

/** The machine's busy and total CPU time so far, all cores together (ms). */
function machineCpu(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    busy += times.user + times.nice + times.sys + times.irq;
    total += times.user + times.nice + times.sys + times.irq + times.idle;
  }
  return { busy, total };
}

/** Each command's calls between two INFO commandstats readings, per turn, most first. */
function commandsPerTurn(before: Map<string, number>, after: Map<string, number>, turns: number): Array<[string, number]> {
  return [...after]
    .map(([name, calls]): [string, number] => [name, (calls - (before.get(name) ?? 0)) / turns])
    .filter(([, perTurn]) => perTurn > 0)
    .sort((a, b) => b[1] - a[1]);
}

/** How long the bench leaves Redis without load to see what it spends meanwhile. */
const REDIS_IDLE_SAMPLE_MS = 1000;

/** What autocannon returns with skipAggregateResult: its counts, and its histograms still encoded. */
interface RawResult {
  totalCompletedRequests: number;
  samples: number;
}

/**
 * How autocannon sums its own workers' results (latency histograms merged, errors added); the
 * module exports it, @types/autocannon does not declare it.
 */
const aggregateResult = (autocannon as unknown as { aggregateResult(results: RawResult[], opts: { url: string }): autocannon.Result }).aggregateResult;

interface LoadRun {
  connections: number;
  duration?: number;
  /** Requests in all (whole conversations), instead of a duration. */
  amount?: number;
}

interface Throughput {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  failed: number;
}

/** Load that walks through conversations in order; each connection holds one conversation at a time. */
function loadOne(base: string, scenario: Scenario, counter: { next: number; wrong: number }, run: LoadRun): Promise<RawResult> {
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
  const instance = autocannon({ url: base, connections: Math.min(run.connections, run.amount ?? Infinity), ...timing, requests, skipAggregateResult: true });
  return instance as unknown as Promise<RawResult>;
}

/** The i-th of k near-equal whole shares of n. */
function share(n: number, k: number, i: number): number {
  return Math.floor(n / k) + (i < n % k ? 1 : 0);
}

/**
 * The load spread over the server processes: one autocannon instance per process, all at once, the
 * connections (or the conversations of an amount) shared between them, and the results summed as
 * autocannon sums its workers'. All instances draw conversations from one counter, so none repeats.
 */
async function load(bases: string[], scenario: Scenario, counter: { next: number; wrong: number }, run: LoadRun): Promise<Throughput> {
  const parts = bases
    .map((base, i) => ({
      base,
      connections: share(run.connections, bases.length, i),
      amount: run.amount === undefined ? undefined : share(run.amount / scenario.turns, bases.length, i) * scenario.turns,
    }))
    .filter((part) => part.connections > 0 && part.amount !== 0);
  const raws = await Promise.all(parts.map((part) => loadOne(part.base, scenario, counter, { ...run, connections: part.connections, amount: part.amount })));
  const result = aggregateResult(raws, { url: bases[0] ?? '' });
  return {
    // The mean of each instance's per-second counts (autocannon's requests.average), added up.
    requestsPerSecond: raws.reduce((sum, raw) => sum + (raw.samples > 0 ? raw.totalCompletedRequests / raw.samples : 0), 0),
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: raws.reduce((sum, raw) => sum + raw.totalCompletedRequests, 0),
    failed: result.non2xx + result.errors,
  };
}

async function measure(plan: RowPlan, dataDirs: string[], placement: Placement, redis: BenchRedis | null, options: Options, tag: string): Promise<Figures> {
  const { scenario } = plan;
  const servers: ServerProcess[] = [];
  try {
    for (const dataDir of dataDirs) servers.push(await startServerProcess(dataDir, placement));
    const bases = servers.map((server) => `http://127.0.0.1:${server.port}`);
    const counter = { next: 0, wrong: 0 };
    // One conversation alone on each process first: a row whose replies are wrong measures nothing.
    for (const [i, base] of bases.entries()) {
      const probe = { next: 900_000_000 + i, wrong: 0 };
      await load([base], scenario, probe, { connections: 1, amount: scenario.turns });
      if (probe.wrong > 0) process.stderr.write(`warning: ${plan.name}${tag}: a lone conversation got unexpected replies\n`);
    }
    if (options.warmup > 0) await load(bases, scenario, counter, { connections: options.connections, duration: options.warmup });
    const profileFile = (i: number) => (options.profile ? path.join(options.profile, `${plan.name}${tag}${i > 0 ? `-p${i + 1}` : ''}.cpuprofile`) : undefined);
    let redisIdleMsPerSecond: number | null = null;
    if (redis) {
      const idleFrom = await redis.cpuSeconds();
      const idleStarted = performance.now();
      await new Promise((resolve) => setTimeout(resolve, REDIS_IDLE_SAMPLE_MS));
      redisIdleMsPerSecond = ((await redis.cpuSeconds()) - idleFrom) * 1e6 / (performance.now() - idleStarted);
    }
    const before = await Promise.all(servers.map((server) => server.usage(options.profile ? 'start' : undefined)));
    const redisBefore = redis ? await redis.cpuSeconds() : null;
    const callsBefore = redis ? await redis.commandCalls() : null;
    const machineBefore = machineCpu();
    const generatorBefore = process.cpuUsage();
    const startedAt = performance.now();
    counter.wrong = 0;
    const result = await load(bases, scenario, counter, { connections: options.connections, duration: options.duration });
    const wallMicros = (performance.now() - startedAt) * 1000;
    const generator = process.cpuUsage(generatorBefore);
    const machineAfter = machineCpu();
    const redisAfter = redis ? await redis.cpuSeconds() : null;
    const callsAfter = redis ? await redis.commandCalls() : null;
    const after = await Promise.all(servers.map((server, i) => server.usage(profileFile(i))));
    const wrong = counter.wrong;
    const turnsTimed = result.total;
    // Top up to the number of distinct conversations whose memory the RSS figure is about.
    const missing = options.conversations - counter.next;
    if (scenario.name !== 'bare' && missing > 0) {
      await load(bases, scenario, counter, { connections: options.connections, amount: missing * scenario.turns });
    }
    const final = await Promise.all(servers.map((server) => server.usage()));
    const serverMicros = after.reduce((sum, a, i) => sum + a.cpuMicros - (before[i]?.cpuMicros ?? 0), 0);
    const redisSeconds = redisBefore !== null && redisAfter !== null ? redisAfter - redisBefore : null;
    return {
      requestsPerSecond: result.requestsPerSecond,
      p50: result.p50,
      p99: result.p99,
      total: turnsTimed,
      failed: result.failed,
      wrong,
      cpuMsPerTurn: turnsTimed > 0 ? serverMicros / 1000 / turnsTimed : NaN,
      rssMb: final.map((f) => f.rss / 1024 / 1024),
      conversations: scenario.name === 'bare' ? 0 : counter.next,
      redisMsPerTurn: redisSeconds !== null && turnsTimed > 0 ? (redisSeconds * 1000) / turnsTimed : null,
      redisCommandsPerTurn: callsBefore && callsAfter && turnsTimed > 0 ? commandsPerTurn(callsBefore, callsAfter, turnsTimed) : null,
      redisIdleMsPerSecond,
      cores: {
        servers: serverMicros / wallMicros,
        loadGenerator: (generator.user + generator.system) / wallMicros,
        redis: redisSeconds !== null ? (redisSeconds * 1e6) / wallMicros : null,
        machine: (cpus().length * (machineAfter.busy - machineBefore.busy)) / Math.max(1, machineAfter.total - machineBefore.total),
      },
    };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

function freshDataDir(template: string | null): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'frontdesk-bench-'));
  if (template) copyFileSync(template, path.join(dir, DATA_FILE_NAME));
  return dir;
}

interface Row {
  plan: RowPlan;
  /** empty or seeded: the SQLite file; redis, redis×2: one or two processes on one Redis. */
  store: string;
  figures: Figures;
}

/** The SQLite store a row's ratio columns compare with: the peer and the bare route do not touch Redis. */
function sqliteStoreOf(store: string): string {
  return store === 'seeded' ? 'seeded' : 'empty';
}

function table(rows: Row[], byName: (name: string, store: string) => Figures | undefined): string {
  const cols = ['req/s', 'p50 ms', 'p99 ms', 'CPU ms/turn', 'RSS MB', 'convs', 'x peer', 'bare / it', 'failed/wrong', 'Redis ms/turn', 'gen cores'];
  const widths = [8, 8, 8, 12, 10, 8, 8, 10, 13, 14, 10];
  const head = `${'row'.padEnd(38)}${'store'.padEnd(9)}${cols.map((c, i) => c.padEnd(widths[i] ?? 8)).join('')}`;
  const lines = [head, '-'.repeat(head.length)];
  for (const { plan, store, figures: f } of rows) {
    const peer = byName('peer', sqliteStoreOf(store));
    const bare = byName('bare', sqliteStoreOf(store));
    const cells = [
      f.requestsPerSecond.toFixed(0),
      String(f.p50),
      String(f.p99),
      f.cpuMsPerTurn.toFixed(3),
      f.rssMb.map((mb) => mb.toFixed(0)).join('+'),
      String(f.conversations),
      peer && peer.requestsPerSecond > 0 ? (f.requestsPerSecond / peer.requestsPerSecond).toFixed(2) : '-',
      bare && f.requestsPerSecond > 0 ? (bare.requestsPerSecond / f.requestsPerSecond).toFixed(1) : '-',
      `${f.failed}/${f.wrong}`,
      f.redisMsPerTurn !== null ? f.redisMsPerTurn.toFixed(3) : '-',
      f.cores.loadGenerator.toFixed(2),
    ];
    lines.push(`${plan.scenario.label.padEnd(38)}${store.padEnd(9)}${cells.map((c, i) => c.padEnd(widths[i] ?? 8)).join('')}`);
  }
  return lines.join('\n');
}

/** Redis's CPU per turn less what it spent a second with the bench idle (other clients, the bots' polling). */
function redisNetMsPerTurn(f: Figures): number | null {
  if (f.redisMsPerTurn === null || f.redisIdleMsPerSecond === null || f.requestsPerSecond <= 0) return null;
  return Math.max(0, f.redisMsPerTurn - f.redisIdleMsPerSecond / f.requestsPerSecond);
}

/** What the Redis rows say: Redis's CPU per turn and what one Redis core serves, and two processes against one. */
function redisNotes(byName: (name: string, store: string) => Figures | undefined): string[] {
  const sqlite = byName('booking', 'empty');
  const one = byName('redis-booking', 'redis');
  const two = byName('redis-booking-2', 'redis×2');
  const notes: string[] = [];
  if (sqlite && one && sqlite.requestsPerSecond > 0) {
    notes.push(`redis / sqlite, booking, one process: ${(one.requestsPerSecond / sqlite.requestsPerSecond).toFixed(2)} of the req/s`);
  }
  const measured = ([['one process', one], ['two processes', two]] as const).filter(([, f]) => f && f.redisMsPerTurn !== null);
  if (measured.length > 0) notes.push("Redis CPU per booking turn (redis-server's used_cpu_user + used_cpu_sys over the timed run, per turn):");
  for (const [what, f] of measured) {
    if (!f || f.redisMsPerTurn === null) continue;
    const net = redisNetMsPerTurn(f);
    notes.push(
      `  ${what}: ${f.redisMsPerTurn.toFixed(3)} ms` +
        (net !== null ? `; ${net.toFixed(3)} ms less what Redis spent with the bench idle (${(f.redisIdleMsPerSecond ?? 0).toFixed(1)} ms/s over the second before)` : ''),
    );
    if (f.redisCommandsPerTurn) {
      const total = f.redisCommandsPerTurn.reduce((sum, [, n]) => sum + n, 0);
      const most = f.redisCommandsPerTurn.slice(0, 6).map(([name, n]) => `${name} ${n.toFixed(1)}`);
      notes.push(`    ${total.toFixed(0)} Redis commands a turn (INFO commandstats), most: ${most.join(', ')}`);
    }
  }
  if (one && one.redisMsPerTurn !== null && one.redisMsPerTurn > 0) {
    const net = redisNetMsPerTurn(one) ?? one.redisMsPerTurn;
    const perSecond = one.requestsPerSecond * net;
    const served = (msPerTurn: number) => (msPerTurn > 0 ? String(Math.floor(1000 / (one.requestsPerSecond * msPerTurn))) : 'unbounded');
    notes.push(
      `  at one process's ${one.requestsPerSecond.toFixed(0)} turns/s that is ${perSecond.toFixed(0)} ms of Redis CPU a second: one Redis core ` +
        `(Redis runs commands on one thread) serves about ${served(net)} bot processes at that rate (${served(one.redisMsPerTurn)} counting the idle background too)`,
    );
    notes.push('  INFO cpu counts all of redis-server, every client and its own housekeeping included: on a Redis others use meanwhile it reads high');
  }
  if (one && two && one.requestsPerSecond > 0) {
    const cores = availableParallelism();
    const { servers, loadGenerator, machine } = two.cores;
    const redis = two.cores.redis ?? 0;
    const others = Math.max(0, machine - servers - loadGenerator - redis);
    notes.push(`two processes / one, booking on Redis: ${(two.requestsPerSecond / one.requestsPerSecond).toFixed(2)} of the req/s`);
    notes.push(
      `  cores busy over the two-process run: bot processes ${servers.toFixed(2)}, load generator ${loadGenerator.toFixed(2)} (its process.cpuUsage()), ` +
        `Redis ${redis.toFixed(2)}, other processes ${others.toFixed(2)}: the machine ${machine.toFixed(2)} of ${cores}`,
    );
    notes.push(
      machine >= cores * 0.85
        ? `  the cores are full: the second process shares this machine's ${cores} with the first, the load generator, Redis and whatever else runs here, ` +
            `so the ratio shows the machine's limit, not Redis's (it used ${redis.toFixed(2)} of a core); with the load generator and Redis elsewhere it would approach 2`
        : `  the cores were not full (${machine.toFixed(2)} of ${cores}): the limit was elsewhere (too few connections to keep both processes busy, ` +
            'or turns waiting on Redis); try more --connections',
    );
    if (others > 0.25) notes.push(`  other processes took ${others.toFixed(2)} cores meanwhile: these figures are not the bench's alone; take them on a quiet machine`);
  }
  return notes;
}

async function main(): Promise<void> {
  const options = readOptions();
  if (options.profile) mkdirSync(options.profile, { recursive: true });
  const business = benchBusiness();
  const plans = rowPlans(business);
  let chosen = plans.filter((p) => !options.only || options.only.has(p.name));
  if (chosen.length === 0) throw new Error(`--only names none of: ${plans.map((p) => p.name).join(', ')}`);
  let redis: BenchRedis | null = null;
  if (chosen.some((p) => p.redisProcesses !== undefined)) {
    const opened = await openBenchRedis();
    if ('unreachable' in opened) {
      const skipped = chosen.filter((p) => p.redisProcesses !== undefined).map((p) => p.name);
      process.stdout.write(`Redis rows skipped (${skipped.join(', ')}): ${opened.unreachable}; set REDIS_URL to run them\n`);
      chosen = chosen.filter((p) => p.redisProcesses === undefined);
      if (chosen.length === 0) return;
    } else {
      redis = opened;
      // Stopped with Ctrl-C: the row's keys go too (the server processes stop when their channel closes).
      process.once('SIGINT', () => {
        void opened.close().finally(() => process.exit(130));
      });
    }
  }
  const work = mkdtempSync(path.join(tmpdir(), 'frontdesk-bench-work-'));
  try {
    let template: string | null = null;
    if (options.seed && chosen.some((p) => p.redisProcesses === undefined)) {
      template = path.join(work, DATA_FILE_NAME);
      const started = Date.now();
      seedStore(template, business, new Date(BENCH_START));
      process.stdout.write(
        `seeded ${SEED_COUNTS.appointments} appointments, ${SEED_COUNTS.messages} logged messages, ${SEED_COUNTS.clients} clients in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
      );
    }
    process.stdout.write(
      `Frontdesk bench: ${options.connections} connections, ${options.duration} s a run after ${options.warmup} s of warm-up, ` +
        `a server process per row (two for redis×2), RSS after ${options.conversations} conversations` +
        `${redis ? `, Redis at ${redis.where}` : ''}\n`,
    );
    const rows: Row[] = [];
    for (const plan of chosen) {
      const stores = plan.redisProcesses === 2 ? ['redis×2'] : plan.redisProcesses === 1 ? ['redis'] : options.seed ? ['empty', 'seeded'] : ['empty'];
      for (const store of stores) {
        const dataDirs = Array.from({ length: plan.redisProcesses ?? 1 }, () => freshDataDir(store === 'seeded' ? template : null));
        const prefix = redis && plan.redisProcesses !== undefined ? redis.rowPrefix(plan.name) : null;
        const placement: Placement = redis && prefix ? { store: 'redis', url: redis.url, prefix } : { store: 'sqlite' };
        try {
          const tag = store === 'seeded' ? '-seeded' : '';
          const figures = await measure(plan, dataDirs, placement, prefix ? redis : null, options, tag);
          rows.push({ plan, store, figures });
          process.stdout.write(`  ${plan.name} (${store}): ${figures.requestsPerSecond.toFixed(0)} req/s\n`);
        } finally {
          if (redis && prefix) await redis.deleteRow(prefix);
          for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
        }
      }
    }
    const byName = (name: string, store: string) => rows.find((r) => r.plan.name === name && r.store === store)?.figures;
    process.stdout.write(`\n${table(rows, byName)}\n`);
    process.stdout.write(
      '\nreq/s counts turns (a 3-SMS conversation is 3). CPU ms/turn: the server process\'s user + system CPU over the timed run, per request\n' +
        '(both processes\' together for redis×2). RSS: each process\'s. x peer: req/s over the peer\'s; bare / it: how many times this row\'s\n' +
        'req/s the bare route serves. failed: non-2xx and socket errors; wrong: replies without what the turn should say (a taken slot, an\n' +
        'apology). store: empty and seeded are the SQLite file; redis is one process on Redis, redis×2 two on one Redis. Redis ms/turn:\n' +
        'redis-server\'s CPU over the timed run, per request. gen cores: the load generator\'s own CPU over the timed run, in cores.\n',
    );
    const notes = redisNotes(byName);
    if (notes.length > 0) process.stdout.write(`\n${notes.join('\n')}\n`);
    if (options.seed) {
      for (const plan of chosen) {
        const empty = byName(plan.name, 'empty');
        const seeded = byName(plan.name, 'seeded');
        if (empty && seeded && empty.requestsPerSecond > 0) {
          process.stdout.write(`seeded / empty, ${plan.name}: ${(seeded.requestsPerSecond / empty.requestsPerSecond).toFixed(2)} of the req/s\n`);
        }
      }
    }
    if (options.profile) process.stdout.write(`CPU profiles in ${options.profile}\n`);
  } finally {
    if (existsSync(work)) rmSync(work, { recursive: true, force: true });
    await redis?.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
