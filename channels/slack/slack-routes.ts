// What the composition root needs of Slack: its channel parts and its route. The Slack channel
// itself (@slack/bolt, its Web API client and their dependencies, some megabytes of every process's
// heap) is loaded only when SLACK_BOT_TOKEN is set; without it the route answers 503 as before.
import type { Request, Response, Server } from 'restify';
import { DEFAULT_SLACK_API_URL, type Settings } from '../../bot/config/settings';
import type { ChannelParts } from '../../bot/ports/channels';
import type { PreparedSlack, SlackChannel, SlackCore, SlackPrepareOptions } from './slack-channel';
import type { StaffUpdateSender } from './staff-commands';

export const SLACK_EVENTS_PATH = '/api/slack/events';

/** The Slack channel's module, loaded at its first use. */
function slackChannelModule(): typeof import('./slack-channel') {
  return require('./slack-channel') as typeof import('./slack-channel');
}

const mounted = new WeakMap<Server, SlackChannel>();

/** The Slack channel mounted on a server, if Slack is configured (tests wait on it). */
export function slackChannelOn(server: Server): SlackChannel | undefined {
  return mounted.get(server);
}

/** What the Slack settings give before the core exists: the on-call DM with a bot token alone, everything with a signing secret too. */
export function slackParts(
  settings: Settings,
  base: Pick<SlackPrepareOptions, 'stores' | 'business' | 'logger'>,
): { prepared: PreparedSlack | null; parts: ChannelParts } {
  if (!settings.slackBotToken) return { prepared: null, parts: {} };
  const slack = slackChannelModule();
  const apiUrl = settings.slackApiUrl ?? DEFAULT_SLACK_API_URL;
  if (!settings.slackSigningSecret) {
    return { prepared: null, parts: { onCallNotifiers: [slack.slackOnCallNotifier(settings.slackBotToken, apiUrl, settings.sendTimeoutMs, base.logger)] } };
  }
  if (!settings.slackStaffChannel) base.logger.warn('SLACK_STAFF_CHANNEL is not set: handoffs will not be posted to Slack');
  const prepared = slack.prepareSlack({
    ...base,
    botToken: settings.slackBotToken,
    staffChannel: settings.slackStaffChannel ?? null,
    apiUrl,
    sendTimeoutMs: settings.sendTimeoutMs,
  });
  return { prepared, parts: prepared.parts };
}

/**
 * Mounts POST /api/slack/events. Without a bot token and signing secret the route still exists
 * and answers 503 with what to set.
 */
export function mountSlackRoutes(
  server: Server,
  prepared: PreparedSlack | null,
  core: SlackCore,
  settings: Settings,
  outbound: StaffUpdateSender | null,
): SlackChannel | null {
  if (!prepared || !settings.slackSigningSecret) {
    server.post(SLACK_EVENTS_PATH, async (_req: Request, res: Response) => {
      res.send(503, {
        error: 'slack_not_configured',
        message: 'Slack is not set up on this server: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (see README, "Slack staff console").',
      });
    });
    return null;
  }
  const channel = slackChannelModule().createSlackChannel(prepared, core, {
    signingSecret: settings.slackSigningSecret,
    clientChannels: settings.slackClientChannels ?? [],
    // The outbound layer: consent, quiet hours, the queue.
    outbound,
  });
  server.post(SLACK_EVENTS_PATH, async (req: Request, res: Response) => {
    try {
      await channel.handle(req, res);
    } catch (err) {
      core.logger.error({ err }, 'Slack request failed');
      if (!res.headersSent) res.send(500, { error: 'slack_internal_error' });
    }
  });
  mounted.set(server, channel);
  return channel;
}
