// The bot's object graph: config -> stores -> services -> dialogs -> bot. Everything gets its
// dependencies through constructors, so tests build the same graph with a pinned clock and a
// temporary data directory.
import { ConversationState, type BotAdapter, type Middleware, type TurnContext } from 'botbuilder';
import { loadBusinessConfig } from './config/business-config';
import type { Settings } from './config/settings';
import { serviceUrlRuleFor } from './config/service-urls';
import type { Business } from './domain/types';
import { FrontdeskBot } from './frontdesk-bot';
import { createLogger, logTag, type Logger } from './log';
import { HandoffRelayMiddleware } from './middleware/handoff-relay';
import { IdentityMiddleware } from './middleware/identity';
import { HoursContextMiddleware } from './middleware/hours-context';
import { InputGuardMiddleware } from './middleware/input-guard';
import { MessageLogMiddleware } from './middleware/message-log';
import { TurnMetricsMiddleware } from './middleware/turn-metrics';
import { PromMetrics } from './services/metrics';
import type { ChannelParts } from './ports/channels';
import type { Stores } from './ports/stores';
import { HandoffService, noStaffConsole } from './services/handoff-service';
import { FaqAnswers } from './services/faq-answers';
import { NormsService } from './services/norms-service';
import { SchedulingService } from './services/scheduling-service';
import { ConsentMiddleware } from './middleware/consent';
import type { MessageSender } from './ports/outbound';
import { messageJobs } from './services/message-scheduler';
import { Scheduler } from './services/scheduler';
import { ReadinessService, isStoreUnavailable } from './services/readiness';
import { OutboundService, lineMessages, onCallTexts, type OutboundOptions } from './services/outbound-service';
import { ReminderService } from './services/reminder-service';
import { STORE_UNAVAILABLE } from './ports/stores';
import { openStores } from './store/open';
import { turnTexts } from './text/speaking';
import { languagesOf } from './domain/localized';
import type { Texts } from './text/en';
import { ReadingMiddleware } from './middleware/reading';
import { readerByLanguage } from './understanding/languages';
import type { TurnReader } from './understanding/turn';
import type { Expectation, Keyword } from './understanding/types';
import { MainDialog } from '../dialogs/main-dialog';
import type { DialogDeps } from '../dialogs/deps';

export interface FrontdeskOptions {
  settings: Settings;
  /** Overrides the config file (tests). */
  business?: Business;
  /** Overrides the store (tests, other implementations). */
  stores?: Stores;
  clock?: () => Date;
  logger?: Logger;
  /** The channels' senders and consoles (the composition root builds them first); tickets still queue without a console. */
  channels?: ChannelParts;
  /** A raw text-message sender for SMS and WhatsApp without a sender in `channels` (tests, the try-out). */
  sender?: MessageSender | null;
  /** How often the scheduler looks for due reminders and queued messages (default 1000 ms). */
  schedulerIntervalMs?: number;
  /** How often the scheduler ticks the handoff queue: moved-up messages, nudges, time-outs, round-robin (default 30 s). */
  handoffTickMs?: number;
  /** How long the loop may go without a successful pass before /readyz says it stalled (default 30 s, at least 10 intervals). */
  schedulerStaleAfterMs?: number;
  /** Overrides the outbound queue's options (retries, pool size) over those from settings (tests). */
  outbound?: Partial<OutboundOptions>;
  /** The reader of each turn's message (tests wrap it to count readings). */
  read?: TurnReader;
  /** GET /metrics includes the process's own (CPU, memory, event loop); `frontdesk start` turns it on. */
  processMetrics?: boolean;
}

export interface Frontdesk {
  business: Business;
  stores: Stores;
  bot: FrontdeskBot;
  deps: DialogDeps;
  logger: Logger;
  /** The clock every turn and periodic job reads. */
  clock: () => Date;
  /** The take-a-number queue (claim, reply, resolve, tick) for staff consoles. */
  handoff: HandoffService;
  /** Hours, notices and urgent messages. */
  norms: NormsService;
  /** Every proactive message: consent, quiet hours, the throttled persistent queue. */
  outbound: OutboundService;
  reminders: ReminderService;
  /** Every periodic job (reminders, the outbox, the handoff tick); startServer starts it, close() stops it. */
  scheduler: Scheduler;
  /** Whether this process can take traffic: the store reads and writes, the loop passes (/readyz). */
  readiness: ReadinessService;
  /** What an operator scrapes at GET /metrics. */
  metrics: PromMetrics;
  /** Middleware every adapter runs before the bot, in order. */
  middleware: Middleware[];
  /** What the bot says, in the business's language. */
  texts: Texts;
  /** The carrier keyword a text is, for a channel deciding before any turn runs (STOP from a paused address). */
  keywordOf(text: string, now: Date): Keyword | null;
  /** The turn handler for adapters to call. */
  handle(context: TurnContext): Promise<void>;
  /** Wires the middleware and the error handler onto an adapter. */
  attach<A extends BotAdapter>(adapter: A): A;
  close(): Promise<void>;
}

export function createFrontdesk(options: FrontdeskOptions): Frontdesk {
  const { settings } = options;
  const logger = options.logger ?? createLogger(settings.logLevel);
  const business = options.business ?? loadBusinessConfig(settings.configPath);
  const stores = options.stores ?? openStores(settings, logger);
  const clock = options.clock ?? clockFrom(settings.clockStart);
  // Every sentence comes from the catalogue of the language in force: the turn's, or the client's a message goes to.
  const texts = turnTexts(business.language ?? 'en');
  const channels = options.channels ?? {};

  const metrics = new PromMetrics({ handoffs: stores.handoffs, clock, processMetrics: options.processMetrics ?? false });
  const scheduling = new SchedulingService(business, stores.appointments, metrics);
  const outbound = new OutboundService({
    business,
    clients: stores.clients,
    consent: stores.consent,
    references: stores.references,
    outbox: stores.outbox,
    senders: channels.senders,
    sender: options.sender ?? null,
    logger,
    metrics,
    // Reminders are worded as they go: the client may have changed language since one was planned.
    wordingAtSend: (message, now): Promise<string | null> => reminders.wordingAtSend(message, now),
    options: {
      ratePerSecond: settings.outboundRatePerSecond ?? business.messaging?.ratePerSecond ?? undefined,
      sendTimeoutMs: settings.sendTimeoutMs,
      leaseMs: settings.outboundLeaseMs,
      ...options.outbound,
    },
  });
  const reminders = new ReminderService({
    business,
    appointments: stores.appointments,
    clients: stores.clients,
    outbox: stores.outbox,
    outbound,
    texts,
    logger,
    staff: channels.staffNotices,
  });
  const handoff = new HandoffService({
    business,
    tickets: stores.handoffs,
    messages: stores.messageLog,
    clients: stores.clients,
    console: channels.staffConsole ?? noStaffConsole,
    // Staff replies and queue updates go out like every proactive message: the one outbox.
    messenger: lineMessages(outbound, clock),
    texts,
    logger,
  });
  const schedulerIntervalMs = options.schedulerIntervalMs ?? 1000;
  // Reminders, then the handoff tick, then the outbox: in one tick() what the first two queue goes out.
  const messages = messageJobs({ reminders, outbound }, { intervalMs: schedulerIntervalMs });
  const scheduler = new Scheduler([messages.reminders, handoff.tickJob(options.handoffTickMs), messages.outbox], clock, logger);
  const readiness = new ReadinessService({
    store: stores,
    loop: scheduler,
    loopStaleAfterMs: options.schedulerStaleAfterMs ?? Math.max(30_000, 10 * schedulerIntervalMs),
    metrics,
  });
  // The person on call: each channel's own way (a Slack DM), and a text through the one pipe when texts can go out.
  const notifiers = [...(channels.onCallNotifiers ?? [])];
  if (outbound.reaches('sms') && !notifiers.some((n) => n.channel === 'sms')) notifiers.push(onCallTexts(outbound, clock));
  const norms = new NormsService({
    business,
    notices: stores.notices,
    alerts: stores.urgentAlerts,
    callbacks: stores.callbacks,
    handoff,
    notifiers,
    texts,
    logger,
  });
  const read = options.read ?? readerByLanguage(business.language ?? 'en');
  const conversationState = new ConversationState(stores.state);
  const expecting = conversationState.createProperty<Expectation | null>('expecting');
  const deps: DialogDeps = {
    business,
    scheduling,
    clients: stores.clients,
    callbacks: stores.callbacks,
    texts,
    clock,
    expecting,
    handoff,
    reminders,
    rememberBookingChannel: (clientId, channel, now) => stores.references.setPreferredChannel(clientId, channel, now),
    answers: new FaqAnswers(business, texts),
    norms,
    metrics,
  };
  const bot = new FrontdeskBot(conversationState, new MainDialog(deps), business, texts);
  // DESIGN order: message log, identity, reading, consent, handoff relay, hours context.
  const middleware: Middleware[] = [
    new TurnMetricsMiddleware(metrics),
    new InputGuardMiddleware(),
    new MessageLogMiddleware(stores.messageLog, stores.clients, clock, logger),
    new IdentityMiddleware(stores.clients, clock),
    new ReadingMiddleware({ business, clock, expecting, read, clients: stores.clients }),
    new ConsentMiddleware({ consent: stores.consent, references: stores.references, conversationState, business, texts, clock, logger, serviceUrls: serviceUrlRuleFor(settings) }),
    // The consent middleware saves conversation references, so the relay need not.
    new HandoffRelayMiddleware(handoff, texts, clock, logger, { clients: stores.clients, norms }),
    new HoursContextMiddleware(business, clock),
  ];

  const attach = <A extends BotAdapter>(adapter: A): A => {
    for (const m of middleware) adapter.use(m);
    // Whatever the activity holds (numbers or objects for ids, no conversation at all), this handler
    // must not throw: a throw here is the one failure the client never hears about.
    adapter.onTurnError = async (context, error) => {
      const storeDown = isStoreUnavailable(error);
      if (storeDown) metrics.storeError('turn');
      try {
        const where = turnLogFields(context);
        // The store logs its own failure once per episode; one line per turn would bury it.
        if (storeDown) logger.debug({ ...where, code: STORE_UNAVAILABLE }, 'turn failed: the store cannot save');
        else logger.error({ err: error, ...where }, 'turn failed');
      } catch {
        // Nothing left to log with; the apology below still goes out.
      }
      try {
        await context.sendActivity(storeDown ? texts.storeUnavailable() : texts.error());
      } catch (sendError) {
        try {
          logger.error({ err: sendError }, 'could not tell the client about a failed turn');
        } catch {
          // As above: a handler that throws would leave the adapter to answer with the raw error.
        }
      }
    };
    return adapter;
  };

  return {
    business,
    stores,
    bot,
    deps,
    logger,
    clock,
    handoff,
    outbound,
    reminders,
    scheduler,
    readiness,
    norms,
    metrics,
    middleware,
    texts,
    // Before any turn, the client's language is not known: a keyword in any language offered counts.
    keywordOf: (text, now) => {
      for (const language of languagesOf(business)) {
        const keyword = read(text, { now, business, language }).keyword;
        if (keyword) return keyword;
      }
      return null;
    },
    handle: (context) => bot.run(context),
    attach,
    close: async () => {
      await scheduler.stop();
      await stores.close();
    },
  };
}


/** An id from the wire as text for a log line, whatever JSON put there. */
function idText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return '[unprintable]';
  }
}

/** Where a failed turn happened, for its log line; text channels' conversation ids carry both phone numbers, so only a tag of it. */
function turnLogFields(context: TurnContext): { channel?: string; conversation?: string } {
  const activity = (context as Partial<TurnContext> | undefined)?.activity;
  const conversation = idText(activity?.conversation?.id);
  return { channel: idText(activity?.channelId), conversation: conversation === undefined ? undefined : logTag(conversation) };
}

/** The real clock, or one that starts at `start` and runs at real speed from when the process built it. */
export function clockFrom(start: Date | null): () => Date {
  if (start === null) return () => new Date();
  const offset = start.getTime() - Date.now();
  return () => new Date(Date.now() + offset);
}
