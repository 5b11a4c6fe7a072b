// The bench's server process: Frontdesk's server on the bench business, plus a bare restify route and
// the peer (a minimal botbuilder dialog bot) on the same host. test/tools/bench.ts forks it the way
// `npm start` runs the product (Node with tsx's require hook, as bot/frontdesk.cjs does), so its CPU
// and memory are the product's, without the load generator's modules or tsx's command-line loader.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { ActivityTypes, CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState, MemoryStorage } from 'botbuilder';
import { DialogSet, DialogTurnStatus, TextPrompt, WaterfallDialog, type DialogState } from 'botbuilder-dialogs';
import type { Request, Response, Server } from 'restify';
import { loadBusinessConfig } from '../../bot/config/business-config';
import { readSettings } from '../../bot/config/settings';
import type { Business } from '../../bot/domain/types';
import { startServer } from '../../bot/index';
import { silentLogger } from '../../bot/log';

export const AUTH_TOKEN = 'bench-auth-token-0123456789abcdef';
export const PUBLIC_URL = 'https://frontdesk.bench.invalid';
export const BUSINESS_NUMBER = '+15555550100';
export const PEER_PATH = '/bench/peer';
/** Bookings need a free seat each; two years ahead holds tens of thousands of 15-minute ones. */
export const BENCH_HORIZON_DAYS = 730;
/**
 * The server's clock starts at this instant (a Tuesday, 10:00 in New York, the salon open) and runs
 * at the real rate, so every run reads the same hours whatever the time of day it is started.
 */
export const BENCH_START = Date.parse('2027-03-02T15:00:00Z');

// ---------------------------------------------------------------------------------------------
// The business: the demo salon, with a horizon long enough that every bench booking has a seat.

export function benchBusiness(): Business {
  const demo = loadBusinessConfig(null);
  return { ...demo, policy: { ...demo.policy, horizonDays: BENCH_HORIZON_DAYS } };
}

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
  const dataDir = process.argv[process.argv.indexOf('--data') + 1];
  if (!process.argv.includes('--data') || !dataDir) throw new Error('the bench server needs --data <dir>');
  // REDIS_URL and REDIS_PREFIX reach a server process only when its row is on Redis (serverEnv).
  const redis = process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL, REDIS_PREFIX: process.env.REDIS_PREFIX ?? '' } : {};
  const settings = readSettings({ TWILIO_AUTH_TOKEN: AUTH_TOKEN, PUBLIC_URL, ...redis }, { dataDir, port: 0, logLevel: 'silent' });
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


if (require.main === module) {
  serve().catch((error: unknown) => {
    process.stderr.write(`bench server failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
