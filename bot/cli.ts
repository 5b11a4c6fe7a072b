// `frontdesk start | chat | understand | check-config | appointments | export | import | eval`
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as readline from 'node:readline';
import { reviewConfigFile, formatProblem, loadBusinessConfig, ConfigError, DEMO_CONFIG_PATH } from './config/business-config';
import { readSettings, type Settings } from './config/settings';
import { createFrontdesk } from './app';
import { silentLogger } from './log';
import { guardText, MAX_TEXT_LENGTH } from './middleware/input-guard';
import { archiveHeader, countsOf, exportRecords, importRecords, parseArchive } from './store/archive';
import { openStores, openStoresForReading, storeLocation } from './store/open';
import { understanderFor } from './understanding/languages';
import { resolveNow, withZone } from './understanding/reference';
import { LANGUAGES, type Business, type Language } from './domain/types';
import { formatWhen } from './text/en';
import { ConsoleAdapter } from '../channels/console/console-adapter';

const USAGE = `frontdesk — a text-message front desk for small service businesses

Usage:
  frontdesk start [--config FILE] [--port N]     run the server (Bot Framework endpoint on /api/messages)
  frontdesk chat [--as NAME_OR_PHONE] [--config FILE]
                                                 talk to the bot as a client in this terminal
  frontdesk understand [--config F] [--now ISO] [--tz ZONE] [--lang en|es] [TEXT]
                                                 print how a message is read, as JSON; with no TEXT,
                                                 read JSON lines {"text", "now"?} from stdin; like the
                                                 server, reads only the first ${MAX_TEXT_LENGTH} characters;
                                                 --lang reads in that language (default: the business's)
  frontdesk check-config FILE                    check a business config; exit 1 on problems
  frontdesk appointments [--json] [--from ISO] [--to ISO]
                                                 list booked appointments from the store (only reads:
                                                 exits 1 when DATA_DIR, or REDIS_PREFIX on REDIS_URL,
                                                 holds no Frontdesk data)
  frontdesk export [--out FILE]                  write every record of the store (clients, appointments, callbacks,
                                                 consent, references, notices, urgent alerts, handoff tickets,
                                                 the message log, the outbox, webhook receipts, delivery status
                                                 and conversation state) as JSON lines to FILE (a new file) or
                                                 stdout (only reads)
  frontdesk import FILE [--merge]                write an export into the store (DATA_DIR, or REDIS_URL and
                                                 REDIS_PREFIX); refuses a store holding any data unless --merge,
                                                 which replaces records with the same id
  frontdesk eval [--eval-dir DIR] [--json]       score the understanding on the evaluation sets

Environment: PORT (3978), DATA_DIR (./data), REDIS_URL and REDIS_PREFIX (the store on Redis instead of
DATA_DIR), FRONTDESK_CONFIG (demo business when unset), LOG_LEVEL,
MicrosoftAppId / MicrosoftAppPassword / MicrosoftAppType / MicrosoftAppTenantId (Bot Framework).`;

type Out = { out: (s: string) => void; err: (s: string) => void };
const stdio: Out = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

export async function main(argv: string[], io: Out = stdio): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
      return start(rest);
    case 'chat':
      return chat(rest);
    case 'understand':
      return understandCommand(rest, io);
    case 'check-config':
      return checkConfig(rest, io);
    case 'appointments':
      return appointments(rest, io);
    case 'export':
      return exportCommand(rest, io);
    case 'import':
      return importCommand(rest, io);
    case 'eval': {
      // Loaded on demand: only this command needs the evaluation code.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const evalModule = require('./eval') as { main(argv: string[]): Promise<number> };
      return evalModule.main(rest);
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.out(`${USAGE}\n`);
      return command === undefined ? 1 : 0;
    default:
      io.err(`frontdesk: unknown command "${command}"\n\n${USAGE}\n`);
      return 1;
  }
}

function settingsFrom(values: { config?: string; port?: string }): Settings {
  const overrides: Partial<Settings> = {};
  if (values.config) overrides.configPath = values.config;
  const settings = readSettings(undefined, overrides);
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: expected a port number, got '${values.port}'`);
    settings.port = port;
  }
  return settings;
}

async function start(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { config: { type: 'string' }, port: { type: 'string' } } });
  const settings = settingsFrom(values);
  // Loaded here so the other commands never load the HTTP stack.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startServer } = require('./index') as typeof import('./index');
  const running = await startServer({ settings, processMetrics: true });
  const stop = async () => {
    await running.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  const name = running.frontdesk.business.name;
  // The chat page first: it is what someone trying Frontdesk opens.
  const page = running.url.replace('//127.0.0.1:', '//localhost:');
  process.stdout.write(
    `Open ${page} to chat with ${name} (staff view: ${page}/staff).\n` +
      `${name} is answering on ${running.url}/api/messages (health: ${running.url}/healthz, ready: ${running.url}/readyz). Ctrl+C stops it.\n`,
  );
  return new Promise<number>(() => undefined);
}

async function chat(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { config: { type: 'string' }, as: { type: 'string' } } });
  const settings = settingsFrom(values);
  const frontdesk = createFrontdesk({ settings, logger: silentLogger() });
  const who = values.as ?? 'guest';
  const adapter = frontdesk.attach(new ConsoleAdapter({ as: who }));
  process.stdout.write(`Chatting with ${frontdesk.business.name} as "${who}". Type a message; Ctrl+D ends.\n`);
  try {
    await adapter.listen((context) => frontdesk.handle(context));
  } finally {
    await frontdesk.close();
  }
  return 0;
}

async function understandCommand(args: string[], io: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { config: { type: 'string' }, now: { type: 'string' }, tz: { type: 'string' }, lang: { type: 'string' } },
  });
  let business: Business = loadBusinessConfig(values.config ?? readSettings().configPath);
  if (values.tz) business = withZone(business, values.tz);
  if (values.lang !== undefined && !(LANGUAGES as readonly string[]).includes(values.lang)) {
    io.err(`frontdesk: --lang must be one of ${LANGUAGES.join(', ')}, got "${values.lang}"\n`);
    return 2;
  }
  const understand = understanderFor((values.lang as Language | undefined) ?? business.language ?? 'en');
  // The same cut as the input guard's, so a message reads here exactly as the server reads it.
  const read = (raw: string, where: string, now?: string) => {
    const { text, truncated } = guardText(raw);
    if (truncated) io.err(`frontdesk: ${where} is longer than ${MAX_TEXT_LENGTH} characters; read the first ${MAX_TEXT_LENGTH}, as the server does\n`);
    return understand(text, { now: resolveNow(now ?? values.now, business.zone), business });
  };

  if (positionals.length > 0) {
    io.out(`${JSON.stringify(read(positionals.join(' '), 'the text'))}\n`);
    return 0;
  }
  const rl = readline.createInterface({ input: process.stdin, terminal: false });
  let status = 0;
  let lineNumber = 0;
  for await (const line of rl) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    try {
      const input = JSON.parse(line) as { text?: unknown; now?: unknown };
      if (typeof input.text !== 'string') throw new Error('each line needs a "text" string');
      const now = typeof input.now === 'string' ? input.now : undefined;
      io.out(`${JSON.stringify(read(input.text, `the text on line ${lineNumber}`, now))}\n`);
    } catch (err) {
      // Keep one output line per input line so callers can zip them.
      io.out(`${JSON.stringify({ error: (err as Error).message })}\n`);
      status = 1;
    }
  }
  return status;
}

function checkConfig(args: string[], io: Out): number {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const file = positionals[0];
  if (!file) {
    io.err(`usage: frontdesk check-config FILE   (the demo business is ${DEMO_CONFIG_PATH})\n`);
    return 2;
  }
  const { problems, warnings } = reviewConfigFile(file);
  for (const p of problems) io.out(`${formatProblem(p)}\n`);
  for (const w of warnings) io.out(`warning: ${formatProblem(w)}\n`);
  const counted = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  if (problems.length === 0) {
    io.out(warnings.length === 0 ? `${file}: OK\n` : `${file}: OK, with ${counted(warnings.length, 'warning')}\n`);
    return 0;
  }
  io.out(`${counted(problems.length, 'problem')}${warnings.length === 0 ? '' : ` and ${counted(warnings.length, 'warning')}`} in ${file}\n`);
  return 1;
}

async function appointments(args: string[], io: Out): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { json: { type: 'boolean' }, from: { type: 'string' }, to: { type: 'string' }, config: { type: 'string' }, all: { type: 'boolean' } },
  });
  const settings = settingsFrom(values);
  const business = loadBusinessConfig(settings.configPath);
  const stores = await openStoresForReading(settings, silentLogger());
  try {
    const from = values.from ? resolveNow(values.from, business.zone).toISOString() : undefined;
    const to = values.to ? resolveNow(values.to, business.zone).toISOString() : undefined;
    const list = await stores.appointments.list({ from, to, status: values.all ? undefined : 'booked' });
    const clients = new Map((await stores.clients.list()).map((c) => [c.id, c]));
    const rows = list.map((a) => {
      const client = clients.get(a.clientId);
      return {
        id: a.id,
        client: { name: client?.name ?? null, address: client?.address ?? null },
        service: a.serviceId,
        staff: business.staff.find((s) => s.id === a.staffId)?.name ?? a.staffId,
        start: a.start,
        end: a.end,
        status: a.status,
        confirmed: a.confirmedAt !== null,
      };
    });
    if (values.json) {
      io.out(`${JSON.stringify(rows, null, 2)}\n`);
      return 0;
    }
    if (rows.length === 0) {
      io.out('No appointments.\n');
      return 0;
    }
    for (const r of rows) {
      io.out(`${formatWhen(Date.parse(r.start), business.zone)}  ${r.service}  ${r.staff}  ${r.client.name ?? '(no name)'}  ${r.status}  ${r.id}\n`);
    }
    return 0;
  } finally {
    await stores.close();
  }
}

async function exportCommand(args: string[], io: Out): Promise<number> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' }, config: { type: 'string' } } });
  const settings = settingsFrom(values);
  if (values.out !== undefined && existsSync(values.out)) {
    io.err(`frontdesk export: ${values.out} exists; name a new file\n`);
    return 1;
  }
  // As a listing does: a DATA_DIR without data, or a REDIS_PREFIX holding nothing, is an error.
  await (await openStoresForReading(settings, silentLogger())).close();
  const records = await exportRecords(settings);
  const text = `${[archiveHeader(new Date()), ...records.map((record) => JSON.stringify(record))].join('\n')}\n`;
  // Addresses are phone numbers: the file is for its owner only.
  if (values.out !== undefined) writeFileSync(values.out, text, { mode: 0o600, flag: 'wx' });
  else io.out(text);
  io.err(`exported ${countsOf(records)} from ${storeLocation(settings)}\n`);
  return 0;
}

async function importCommand(args: string[], io: Out): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { merge: { type: 'boolean' }, config: { type: 'string' } } });
  const [file] = positionals;
  if (file === undefined || positionals.length > 1) {
    io.err('usage: frontdesk import FILE [--merge]\n');
    return 2;
  }
  const records = parseArchive(readFileSync(file, 'utf8'));
  const settings = settingsFrom(values);
  const where = storeLocation(settings);
  const stores = openStores(settings, silentLogger());
  try {
    const outcome = await importRecords(settings, records, { merge: values.merge ?? false, stores, now: new Date() });
    if (!outcome.ok) {
      const why =
        outcome.reason === 'not_empty'
          ? `the store at ${where} already holds data; --merge adds these records to it (replacing those with the same id)`
          : outcome.reason === 'unknown_clients'
            ? `records name clients that neither ${file} nor the store has: ${outcome.clientIds.join(', ')}`
            : `client ${outcome.clientId}'s address already belongs to client ${outcome.heldBy} in the store`;
      io.err(`frontdesk import: nothing imported: ${why}\n`);
      return 1;
    }
  } finally {
    await stores.close();
  }
  io.out(`imported ${countsOf(records)} into ${where}\n`);
  return 0;
}

/** Runs a command line and sets the process exit code; errors become one clear message. */
export async function run(argv: string[]): Promise<void> {
  try {
    process.exitCode = await main(argv);
  } catch (err) {
    if (err instanceof ConfigError) {
      for (const p of err.problems) process.stderr.write(`${formatProblem(p)}\n`);
    } else {
      process.stderr.write(`frontdesk: ${(err as Error).message}\n`);
    }
    process.exitCode = 1;
  }
}

if (require.main === module) void run(process.argv.slice(2));
