// Slack as a client channel: a DM to the app, or a message in a Slack Connect channel listed as a
// client channel, becomes a Bot Framework turn like any other channel's, through the same
// middleware and dialogs. Replies go out with chat.postMessage; choices become Block Kit buttons.
import {
  ActivityTypes,
  TurnContext,
  type Activity,
  type Attachment,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import type { webApi } from '@slack/bolt';
import { proveIdentity } from '../../bot/turn-state';
import { escapeMrkdwn } from '../../bot/text/mrkdwn';
import { imageBlocks, type Block } from './ticket-card';
import { ChannelAdapter } from '../shared/channel-adapter';

export const SLACK_CHANNEL_ID = 'slack';
/** Buttons for a reply's choices; a click comes back as a message turn carrying the choice's value. */
export const CHOICE_ACTION = /^frontdesk_choice_\d+$/;

/** Slack allows 25 elements in an actions block; a longer list stays numbered text only. */
const MAX_BUTTONS = 25;

export interface SlackFileRef {
  name: string;
  mimetype: string;
  /** A URL the rest of the world can fetch (public link or media proxy), else the Slack-only one. */
  url: string;
}

export interface SlackClientMessage {
  /** Slack channel id: a DM (D…) or a client channel (C…/G…). */
  channel: string;
  user: string;
  userName?: string;
  text: string;
  /** The message's ts: its id in Slack. */
  ts: string;
  isDirect: boolean;
  files?: SlackFileRef[];
}

/**
 * The Bot Framework conversation for a Slack client. In a shared channel several people from the
 * client's company talk at once, so each of them gets their own conversation (and dialog state).
 */
export function conversationIdFor(channel: string, user: string, isDirect: boolean): string {
  return isDirect ? channel : `${channel}:${user}`;
}

/** The Slack channel to post to for a Bot Framework conversation id. */
export function slackChannelOf(conversationId: string): string {
  return conversationId.split(':')[0] ?? conversationId;
}

/** A reply as Slack blocks: its text, its pictures, and its choices as buttons. */
export function replyBlocks(activity: Partial<Activity>): Block[] | undefined {
  const actions = activity.suggestedActions?.actions ?? [];
  const images = (activity.attachments ?? [])
    .filter((a: Attachment) => typeof a.contentUrl === 'string' && a.contentType.startsWith('image/'))
    .map((a) => a.contentUrl as string);
  if (actions.length === 0 && images.length === 0) return undefined;
  const blocks: Block[] = [];
  if (activity.text) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(activity.text) } });
  blocks.push(...imageBlocks(images, 'picture'));
  if (actions.length > 0 && actions.length <= MAX_BUTTONS) {
    blocks.push({
      type: 'actions',
      elements: actions.map((action, i) => ({
        type: 'button' as const,
        action_id: `frontdesk_choice_${i + 1}`,
        text: { type: 'plain_text' as const, text: String(action.title ?? action.value).slice(0, 75) },
        value: String(action.value ?? action.title).slice(0, 2000),
      })),
    });
  }
  return blocks;
}

export class SlackClientAdapter extends ChannelAdapter {
  constructor(private readonly web: webApi.WebClient) {
    super();
  }

  /** Runs one turn for a client's Slack message. */
  async receive(message: SlackClientMessage, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const seconds = Number.parseFloat(message.ts);
    const activity: Partial<Activity> = {
      type: ActivityTypes.Message,
      id: message.ts,
      channelId: SLACK_CHANNEL_ID,
      serviceUrl: SLACK_CHANNEL_ID,
      timestamp: Number.isFinite(seconds) ? new Date(seconds * 1000) : new Date(0),
      from: { id: message.user, name: message.userName ?? message.user },
      recipient: { id: 'frontdesk', name: 'Frontdesk' },
      conversation: {
        id: conversationIdFor(message.channel, message.user, message.isDirect),
        isGroup: !message.isDirect,
        conversationType: message.isDirect ? 'personal' : 'channel',
        name: message.channel,
      },
      text: message.text,
      attachments: (message.files ?? []).map((f) => ({ contentType: f.mimetype, contentUrl: f.url, name: f.name })),
      channelData: { slack: { channel: message.channel, ts: message.ts } },
    };
    const context = new TurnContext(this, activity);
    // The receiver checked Slack's signing secret: this is that Slack user, never a phone number.
    proveIdentity(context, { kind: 'user', channel: SLACK_CHANNEL_ID, userId: message.user });
    await this.runMiddleware(context, logic);
  }

  /**
   * A message outside a turn (a staff update, a reminder): into the client's saved conversation
   * (their DM or client channel), else to their user id, which opens the app's DM with them.
   * Returns the posted message's ts.
   */
  async postProactive(target: { reference: Partial<ConversationReference> | null; address: string }, text: string, media: readonly string[]): Promise<string> {
    const referenced = target.reference?.conversation?.id;
    const channel = referenced ? slackChannelOf(referenced) : target.address.replace(/^slack:/, '');
    const images = imageBlocks(media, 'picture');
    const posted =
      images.length > 0
        ? await this.web.chat.postMessage({ channel, text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(text) } }, ...images], unfurl_links: false })
        : await this.web.chat.postMessage({ channel, text, unfurl_links: false });
    return posted.ts ?? '';
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      const conversationId = activity.conversation?.id ?? context.activity.conversation?.id;
      if (activity.type !== ActivityTypes.Message || !conversationId || (!activity.text && !activity.attachments?.length)) {
        responses.push({ id: '' });
        continue;
      }
      const blocks = replyBlocks(activity);
      const text = activity.text ?? '';
      const channel = slackChannelOf(conversationId);
      const posted = blocks
        ? await this.web.chat.postMessage({ channel, text, blocks, unfurl_links: false })
        : await this.web.chat.postMessage({ channel, text, unfurl_links: false });
      responses.push({ id: posted.ts ?? '' });
    }
    return responses;
  }

  async updateActivity(_context: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse | void> {
    if (!activity.id || !activity.conversation?.id) throw new Error('slack_update_unaddressed: an update needs the message id and conversation');
    await this.web.chat.update({ channel: slackChannelOf(activity.conversation.id), ts: activity.id, text: activity.text ?? '' });
  }

  async deleteActivity(_context: TurnContext, reference: Partial<ConversationReference>): Promise<void> {
    if (!reference.activityId || !reference.conversation?.id) throw new Error('slack_delete_unaddressed: a delete needs the message id and conversation');
    await this.web.chat.delete({ channel: slackChannelOf(reference.conversation.id), ts: reference.activityId });
  }


}
