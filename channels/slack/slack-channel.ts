// Slack, both sides: the staff console (cards, Claim/Resolve buttons, thread replies, the slash
// command) and Slack as a client channel (DMs to the app, Slack Connect channels). One bolt App
// behind our own receiver at POST /api/slack/events on the shared restify server.
import { App, webApi, type BlockAction, type ButtonAction } from '@slack/bolt';
import type { Request, Response } from 'restify';
import { staffMention } from './staff-mention';
import { DEFAULT_SEND_TIMEOUT_MS, DEFAULT_SLACK_API_URL } from '../../bot/config/settings';
import type { Business } from '../../bot/domain/types';
import type { Logger } from '../../bot/log';
import type { ChannelParts, TurnHost } from '../../bot/ports/channels';
import type { ChannelSender, SendOutcome } from '../../bot/ports/outbound';
import type { Stores } from '../../bot/ports/stores';
import type { HandoffService } from '../../bot/services/handoff-service';
import { SEND_TIMEOUT_CODE, isTimeoutError } from '../../bot/services/send-timeout';
import { SlackClientAdapter, CHOICE_ACTION, SLACK_CHANNEL_ID, type SlackFileRef } from './slack-client-adapter';
import { slackLogger } from './slack-logger';
import { SlackOnCallNotifier } from './on-call-notifier';
import { SlackReceiver } from './slack-receiver';
import { SlackStaffConsole } from './slack-staff-console';
import { enStaff } from '../../bot/text/en';
import { escapeMrkdwn } from '../../bot/text/mrkdwn';
import { StaffCommands, type StaffUpdateSender } from './staff-commands';
import { CLAIM_ACTION, RESOLVE_ACTION } from './ticket-card';

export { SLACK_EVENTS_PATH, slackChannelOn } from './slack-routes';

/** A slash command answer later than this would miss Slack's 3 seconds: ack first, answer after. */
const COMMAND_BUDGET_MS = 2000;

/** What the Slack channel needs before the core exists: where to reach Slack and the stores its console reads. */
export interface SlackPrepareOptions {
  botToken: string;
  staffChannel: string | null;
  apiUrl?: string;
  /** How long one Web API request may go unanswered (SEND_TIMEOUT_MS); the console and the sender share it. */
  sendTimeoutMs?: number;
  stores: Pick<Stores, 'clients' | 'messageLog' | 'handoffs'>;
  business: Business;
  logger: Logger;
}

/** The Slack pieces the core is built with: the Web API client, the staff console, the client adapter. */
export interface PreparedSlack {
  web: webApi.WebClient;
  console: SlackStaffConsole;
  adapter: SlackClientAdapter;
  staffChannel: string | null;
  clientOptions: webApi.WebClientOptions;
  botToken: string;
  /** The sender for Slack clients, the staff console (when there is a staff channel), the on-call DM. */
  parts: ChannelParts;
}

/** What the Slack channel needs from the core once it exists: nothing more. */
export interface SlackCore extends TurnHost {
  handoff: HandoffService;
  stores: Pick<Stores, 'clients' | 'messageLog' | 'inboundMessages'>;
  clock: () => Date;
  logger: Logger;
}

export interface SlackChannelOptions {
  signingSecret: string;
  clientChannels: readonly string[];
  /** The outbound layer for `/frontdesk text`; null leaves that command unavailable. */
  outbound?: StaffUpdateSender | null;
}

export interface SlackChannel {
  app: App;
  receiver: SlackReceiver;
  web: webApi.WebClient;
  console: SlackStaffConsole;
  adapter: SlackClientAdapter;
  /** The restify handler for POST /api/slack/events. */
  handle(req: Request, res: Response): Promise<void>;
  /** Resolves when every acknowledged request has been processed. */
  idle(): Promise<void>;
}

/** The fields of a Slack message event we read; the Events API sends many more. */
interface SlackMessageEvent {
  type: string;
  subtype?: string;
  channel?: string;
  channel_type?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts?: string;
  thread_ts?: string;
  files?: SlackFile[];
}

interface SlackFile {
  name?: string;
  title?: string;
  mimetype?: string;
  url_private?: string;
  permalink_public?: string;
  public_url_shared?: boolean;
}

/**
 * Files relayed to a client must be fetchable from outside Slack (Twilio downloads MMS media
 * itself). A file shared with a public link has one; a private file's url_private needs the bot
 * token, so it is not relayed and the sender is told how to share it.
 */
export function relayableFiles(files: readonly SlackFile[] | undefined): { media: SlackFileRef[]; privateNames: string[] } {
  const media: SlackFileRef[] = [];
  const privateNames: string[] = [];
  for (const file of files ?? []) {
    const name = file.name ?? file.title ?? 'file';
    if (file.public_url_shared && file.permalink_public) media.push({ name, mimetype: file.mimetype ?? 'application/octet-stream', url: file.permalink_public });
    else privateNames.push(name);
  }
  return { media, privateNames };
}

/** Slack message text as plain text for a client: entities decoded, links and mentions flattened. */
export function slackToPlain(text: string): string {
  return text
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/<(https?:[^>]+)>/g, '$1')
    .replace(/<mailto:[^|>]+\|([^>]+)>/g, '$1')
    .replace(/<[@#!][^|>]*\|([^>]+)>/g, '$1')
    .replace(/<![^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Client messages for Slack clients outside their turn: a DM from the app (or their channel). */
// Slack errors that the same message will meet again however often it is retried.
const PERMANENT_SLACK_ERRORS: ReadonlySet<string> = new Set([
  'channel_not_found', 'not_in_channel', 'is_archived', 'user_not_found', 'user_disabled', 'account_inactive',
  'cannot_dm_bot', 'invalid_auth', 'not_authed', 'token_revoked', 'missing_scope', 'msg_too_long', 'no_text', 'restricted_action',
]);

/** A failed Slack Web API call as an outcome: a platform error the same message meets again is permanent. */
export function slackOutcome(err: unknown): SendOutcome {
  const platform = (err as { data?: { error?: unknown } } | null)?.data?.error;
  const message = err instanceof Error ? err.message : String(err);
  if (typeof platform === 'string') return PERMANENT_SLACK_ERRORS.has(platform) ? { kind: 'permanent', code: platform, message } : { kind: 'retry', code: platform, message };
  return { kind: 'retry', code: isTimeoutError(err) ? SEND_TIMEOUT_CODE : 'network', message };
}

/**
 * The outbound queue's sender for Slack clients (`/frontdesk text`, reminders): consent and quiet
 * hours were checked when the message was queued and again before this is called.
 */
export function slackOutboundSender(adapter: SlackClientAdapter): ChannelSender {
  return {
    async send(message, reference) {
      try {
        const ts = await adapter.postProactive({ reference, address: message.address }, message.text, message.mediaUrls);
        return { kind: 'sent', providerId: ts || `slack:${message.id}`, segments: 1 };
      } catch (err) {
        return slackOutcome(err);
      }
    },
  };
}

/** The Slack pieces that the core takes as arguments; the bolt App comes later, in createSlackChannel. */
export function prepareSlack(options: SlackPrepareOptions): PreparedSlack {
  const { logger } = options;
  const apiUrl = options.apiUrl ?? DEFAULT_SLACK_API_URL;
  const boltLogger = slackLogger(logger);
  // A short retry policy: a staff click waits on these calls, and the defaults retry for 30 minutes.
  // Each request is cut off at the send timeout: by default the client waits for an answer forever.
  const clientOptions: webApi.WebClientOptions = {
    slackApiUrl: apiUrl,
    logger: boltLogger,
    retryConfig: { retries: 2, minTimeout: 200, maxTimeout: 2000 },
    timeout: options.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS,
  };
  const web = new webApi.WebClient(options.botToken, clientOptions);
  const staffConsole = new SlackStaffConsole({
    web,
    staffChannel: options.staffChannel,
    clients: options.stores.clients,
    messages: options.stores.messageLog,
    logger,
    business: options.business,
    activeTicket: (clientId) => options.stores.handoffs.activeForClient(clientId),
  });
  const adapter = new SlackClientAdapter(web);
  const parts: ChannelParts = {
    senders: [[SLACK_CHANNEL_ID, slackOutboundSender(adapter)]],
    onCallNotifiers: [slackOnCallNotifier(options.botToken, apiUrl, options.sendTimeoutMs, logger)],
    // Without a staff channel, handoffs queue but are posted nowhere in Slack.
    ...(options.staffChannel !== null ? { staffConsole, staffNotices: staffConsole } : {}),
  };
  return { web, console: staffConsole, adapter, staffChannel: options.staffChannel, clientOptions, botToken: options.botToken, parts };
}

/** The person on call, by a direct message from the app; needs only the bot token. */
export function slackOnCallNotifier(botToken: string, apiUrl: string, timeoutMs: number | undefined, logger: Logger): SlackOnCallNotifier {
  return new SlackOnCallNotifier({ token: botToken, apiUrl, logger, timeoutMs });
}

/** Slack's bolt App on our receiver, wired to the core: staff buttons, thread replies, client messages, the slash command. */
export function createSlackChannel(prepared: PreparedSlack, core: SlackCore, options: SlackChannelOptions): SlackChannel {
  const { logger, handoff, clock } = core;
  const { web, adapter, clientOptions } = prepared;
  const staffConsole = prepared.console;
  const boltLogger = clientOptions.logger ?? slackLogger(logger);

  // Who the app is in Slack, asked once and kept (bolt's own lookup repeats it on every event
  // when token verification is deferred, and crashes start-up when Slack is unreachable).
  let identity: Promise<{ botId: string; botUserId: string }> | null = null;
  const whoAmI = (): Promise<{ botId: string; botUserId: string }> => {
    identity ??= web.auth.test().then(
      (r) => ({ botId: r.bot_id ?? '', botUserId: r.user_id ?? '' }),
      (err: unknown) => {
        identity = null;
        throw err;
      },
    );
    return identity;
  };

  const receiver = new SlackReceiver({ signingSecret: options.signingSecret, deliveries: core.stores.inboundMessages, clock, logger });
  const app = new App({
    receiver,
    authorize: async () => ({ botToken: prepared.botToken, ...(await whoAmI()) }),
    clientOptions,
    logger: boltLogger,
    convoStore: false,
  });
  app.error(async (err) => {
    logger.error({ err, code: (err as { code?: string }).code }, 'Slack listener failed');
    // Rethrown so the receiver sees the delivery failed and lets Slack's retry run it again.
    throw err;
  });

  core.attach(adapter);
  const commands = new StaffCommands({ handoff, clients: core.stores.clients, messages: core.stores.messageLog, outbound: options.outbound ?? null });
  const clientChannels = new Set(options.clientChannels);

  const names = new Map<string, string>();
  const staffName = async (userId: string, fallback: string | undefined): Promise<string | null> => {
    const known = names.get(userId);
    if (known !== undefined) return known;
    try {
      const info = await web.users.info({ user: userId });
      const name = info.user?.profile?.display_name || info.user?.real_name || info.user?.name;
      if (name) {
        names.set(userId, name);
        return name;
      }
    } catch (err) {
      logger.debug({ err }, 'users.info failed; using the name from the request');
    }
    return fallback ?? null;
  };

  const ephemeral = async (channel: string, user: string, text: string, threadTs?: string): Promise<void> => {
    if (threadTs !== undefined) await web.chat.postEphemeral({ channel, user, text, thread_ts: threadTs });
    else await web.chat.postEphemeral({ channel, user, text });
  };

  app.action<BlockAction<ButtonAction>>(CLAIM_ACTION, async ({ ack, body, action }) => {
    await ack();
    const staffId = body.user.id;
    const name = await staffName(staffId, body.user.name);
    const result = await handoff.claim(action.value ?? '', staffId, name, clock());
    if (result.ok || !body.channel) return;
    const text =
      result.reason === 'already_claimed'
        ? enStaff.alreadyClaimed(staffMention(result.by, result.byName))
        : result.reason === 'not_found'
          ? enStaff.notFound
          : enStaff.notWaiting;
    await ephemeral(body.channel.id, staffId, text);
  });

  app.action<BlockAction<ButtonAction>>(RESOLVE_ACTION, async ({ ack, body, action }) => {
    await ack();
    const result = await handoff.resolve(action.value ?? '', body.user.id, clock());
    if (result.ok || !body.channel) return;
    await ephemeral(body.channel.id, body.user.id, result.reason === 'not_found' ? enStaff.notFound : enStaff.alreadyClosed);
  });

  app.action<BlockAction<ButtonAction>>(CHOICE_ACTION, async ({ ack, body, action }) => {
    await ack();
    const channel = body.channel?.id;
    if (!channel || !(channel.startsWith('D') || clientChannels.has(channel))) return;
    // Replace the buttons with the choice, so an old question cannot be answered twice.
    const message = body.message as { ts?: string; text?: string } | undefined;
    if (message?.ts) {
      const chosen = action.text.text;
      await web.chat.update({
        channel,
        ts: message.ts,
        text: message.text ?? '',
        blocks: [
          { type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(message.text ?? '') } },
          { type: 'context', elements: [{ type: 'mrkdwn', text: `→ ${escapeMrkdwn(chosen)}` }] },
        ],
      });
    }
    await adapter.receive(
      { channel, user: body.user.id, userName: body.user.name, text: action.value ?? '', ts: action.action_ts, isDirect: !clientChannels.has(channel) },
      (context) => core.handle(context),
    );
  });

  app.event('message', async ({ event }) => {
    const message = event as unknown as SlackMessageEvent;
    // Edits, deletions, joins and bot posts are not things anyone said to us.
    if (message.subtype !== undefined && message.subtype !== 'file_share') return;
    if (message.bot_id !== undefined || !message.user || !message.channel || !message.ts) return;
    const text = slackToPlain(message.text ?? '');

    if (message.channel === prepared.staffChannel) {
      if (message.thread_ts === undefined || message.thread_ts === message.ts) return;
      const ticket = await handoff.ticketForThread(message.channel, message.thread_ts);
      if (!ticket) return;
      const files = relayableFiles(message.files);
      const result = await handoff.staffReply(ticket.id, message.user, text, files.media.map((f) => f.url), clock());
      const tell = (t: string) => ephemeral(message.channel as string, message.user as string, t, message.thread_ts);
      if (result.ok) {
        if (!result.internal) for (const name of files.privateNames) await tell(enStaff.privateFile(name));
        return;
      }
      if (result.reason === 'not_owner') await tell(enStaff.claimToReply);
      else if (result.reason === 'not_active') await tell(enStaff.closedNoReply);
      else if (result.reason === 'send_failed') await tell(enStaff.sendFailed(result.detail));
      return;
    }

    const isDirect = message.channel_type === 'im';
    if (!isDirect && !clientChannels.has(message.channel)) return;
    // A client's files go to staff as they are; staff are in the same workspace.
    const files: SlackFileRef[] = (message.files ?? []).map((f) => ({
      name: f.name ?? 'file',
      mimetype: f.mimetype ?? 'application/octet-stream',
      url: (f.public_url_shared ? f.permalink_public : undefined) ?? f.url_private ?? '',
    }));
    await adapter.receive({ channel: message.channel, user: message.user, text, ts: message.ts, isDirect, files: files.filter((f) => f.url !== '') }, (context) => core.handle(context));
  });

  app.command('/frontdesk', async ({ ack, command }) => {
    if (prepared.staffChannel !== null && command.channel_id !== prepared.staffChannel) {
      await ack({ response_type: 'ephemeral', text: enStaff.commandStaffChannelOnly(prepared.staffChannel) });
      return;
    }
    const work = commands.run({ text: command.text, userId: command.user_id, channelId: command.channel_id }, clock());
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), COMMAND_BUDGET_MS);
    });
    const quick = await Promise.race([work, late]);
    clearTimeout(timer);
    if (quick !== null) {
      await ack({ response_type: 'ephemeral', text: quick });
      return;
    }
    await ack({ response_type: 'ephemeral', text: '…' });
    await ephemeral(command.channel_id, command.user_id, await work);
  });

  return {
    app,
    receiver,
    web,
    console: staffConsole,
    adapter,
    handle: (req, res) => receiver.handle(req, res),
    idle: () => receiver.idle(),
  };
}
