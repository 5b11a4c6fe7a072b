// The real server with Slack (and Twilio, for SMS clients) configured, Slack's Web API replaced by a
// capture server through SLACK_API_URL, and requests signed exactly as Slack signs them.
import { stringify } from 'node:querystring';
import { signSlackRequest } from '../../../channels/slack/verify-signature';
import { slackChannelOn, type SlackChannel } from '../../../channels/slack/slack-channel';
import { BOT_USER_ID, startSlackCapture, type SlackCapture } from '../../helpers/slack-capture';
import { startTwilioTestServer, type TwilioTestServer } from '../twilio/twilio-test-server';

export const SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
export const BOT_TOKEN = 'xoxb-1234-5678-frontdesktest';
export const STAFF_CHANNEL = 'CSTAFF0001';
export const CLIENT_CHANNEL = 'CCLIENT001';
export const TEAM = 'TFRONTDESK';

export interface SignOptions {
  /** Unix seconds; default: the server's (pinned) clock. */
  timestamp?: number;
  /** Overrides the computed signature (forgeries). */
  signature?: string;
  retryNum?: number;
}

export interface SlackTestServer {
  twilio: TwilioTestServer;
  slackApi: SlackCapture;
  channel: SlackChannel;
  url: string;
  nowSeconds(): number;
  /** POSTs a body to /api/slack/events signed as Slack would. */
  post(body: string, contentType: string, options?: SignOptions): Promise<Response>;
  /** An Events API delivery; returns once the request is answered. */
  event(event: Record<string, unknown>, options?: SignOptions & { eventId?: string }): Promise<Response>;
  /** A button click (block_actions) by `user` on a message. */
  click(action: { actionId: string; value: string; text?: string }, user: string, where: { channel: string; messageTs: string; messageText?: string }): Promise<Response>;
  /** `/frontdesk <text>` by `user`; returns the HTTP status and the acknowledged body. */
  command(text: string, user: string, channel?: string): Promise<{ status: number; body: { text?: string; response_type?: string } }>;
  /** Waits until every acknowledged Slack request has been processed. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

let counter = 0;
const nextId = (prefix: string) => `${prefix}${String(++counter).padStart(8, '0')}`;

export async function startSlackTestServer(): Promise<SlackTestServer> {
  const slackApi = await startSlackCapture();
  const twilio = await startTwilioTestServer({
    env: {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_STAFF_CHANNEL: STAFF_CHANNEL,
      SLACK_CLIENT_CHANNELS: CLIENT_CHANNEL,
      SLACK_API_URL: slackApi.url,
    },
  });
  const channel = slackChannelOn(twilio.server.server);
  if (!channel) throw new Error('the Slack channel was not mounted');
  const nowSeconds = () => Math.floor(twilio.server.frontdesk.deps.clock().getTime() / 1000);
  const url = `${twilio.server.url}/api/slack/events`;

  const post: SlackTestServer['post'] = (body, contentType, options = {}) => {
    const timestamp = String(options.timestamp ?? nowSeconds());
    const headers: Record<string, string> = {
      'content-type': contentType,
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': options.signature ?? signSlackRequest(SIGNING_SECRET, timestamp, body),
    };
    if (options.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(options.retryNum);
      headers['x-slack-retry-reason'] = 'http_timeout';
    }
    return fetch(url, { method: 'POST', headers, body });
  };

  return {
    twilio,
    slackApi,
    channel,
    url,
    nowSeconds,
    post,
    event(event, options = {}) {
      const body = JSON.stringify({
        token: 'legacy-verification-token',
        team_id: TEAM,
        api_app_id: 'AFRONTDESK',
        type: 'event_callback',
        event_id: options.eventId ?? nextId('Ev'),
        event_time: nowSeconds(),
        authorizations: [{ team_id: TEAM, user_id: BOT_USER_ID, is_bot: true }],
        event: { event_ts: event.ts, ...event },
      });
      return post(body, 'application/json', options);
    },
    click(action, user, where) {
      const payload = {
        type: 'block_actions',
        team: { id: TEAM, domain: 'frontdesk' },
        user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: TEAM },
        api_app_id: 'AFRONTDESK',
        token: 'legacy-verification-token',
        trigger_id: nextId('trigger.'),
        container: { type: 'message', message_ts: where.messageTs, channel_id: where.channel, is_ephemeral: false },
        channel: { id: where.channel, name: 'staff' },
        message: { type: 'message', ts: where.messageTs, text: where.messageText ?? '', user: BOT_USER_ID },
        response_url: 'http://127.0.0.1:9/response',
        actions: [
          {
            type: 'button',
            action_id: action.actionId,
            block_id: 'b1',
            value: action.value,
            text: { type: 'plain_text', text: action.text ?? action.value },
            action_ts: `${nowSeconds()}.${String(++counter).padStart(6, '0')}`,
          },
        ],
      };
      return post(stringify({ payload: JSON.stringify(payload) }), 'application/x-www-form-urlencoded');
    },
    async command(text, user, channelId = STAFF_CHANNEL) {
      const body = stringify({
        token: 'legacy-verification-token',
        team_id: TEAM,
        team_domain: 'frontdesk',
        channel_id: channelId,
        channel_name: 'staff',
        user_id: user,
        user_name: user.toLowerCase(),
        command: '/frontdesk',
        text,
        api_app_id: 'AFRONTDESK',
        response_url: 'http://127.0.0.1:9/commands/response',
        trigger_id: nextId('trigger.'),
      });
      const res = await post(body, 'application/x-www-form-urlencoded');
      const raw = await res.text();
      return { status: res.status, body: raw === '' ? {} : (JSON.parse(raw) as { text?: string }) };
    },
    settle: () => channel.idle(),
    async close() {
      await channel.idle();
      await twilio.close();
      await slackApi.close();
    },
  };
}
