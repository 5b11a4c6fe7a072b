// The web chat as a botbuilder adapter: a turn posted by the page (already tied to its signed
// identity) runs through the same middleware and dialogs as every channel, and the replies made
// during it are collected and answered in the HTTP response, as a Bot Framework expectReplies
// request is. Outside a turn the replies go to the identity's mailbox, which its stream delivers.
import { ActivityTypes, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder';
import { proveIdentity } from '../../bot/turn-state';
import { ChannelAdapter } from '../shared/channel-adapter';
import type { WebchatMailbox } from './mailbox';

export const WEBCHAT_CHANNEL_ID = 'webchat';
export const BOT_ACCOUNT = { id: 'frontdesk', name: 'Frontdesk', role: 'bot' } as const;

const TURN_REPLIES = Symbol('webchatTurnReplies');

/** What the page may post: a message (typed or a suggested action's value), or its first hello. */
export type PostedActivity = { type: 'message'; text: string; clientActivityId?: string } | { type: 'conversationUpdate' };

/** A reply as the page renders it: text and its suggested actions as buttons. */
export interface ChatReply {
  id: string;
  type: 'message';
  text: string;
  /** messageBack: the page shows the button's title as the client's message and posts its value. */
  suggestedActions?: { actions: Array<{ type: 'messageBack'; title: string; text: string; displayText: string }> };
  timestamp: string;
}

/** Every web chat identity has one conversation, named for it. */
export function conversationIdOf(identityId: string): string {
  return `webchat:${identityId}`;
}

export function identityIdOfAddress(address: string): string | null {
  const match = /^webchat:([A-Za-z0-9_-]{16,64})$/.exec(address);
  return match ? match[1]! : null;
}

export class WebchatAdapter extends ChannelAdapter {
  private counter = 0;

  constructor(
    private readonly mailbox: WebchatMailbox,
    private readonly clock: () => Date,
  ) {
    super();
  }

  /** Runs one turn for the identity and answers the messages it made, in order. */
  async receive(identityId: string, posted: PostedActivity, logic: (context: TurnContext) => Promise<void>): Promise<ChatReply[]> {
    const now = this.clock();
    const user = { id: identityId, name: identityId, role: 'user' };
    const activity: Partial<Activity> =
      posted.type === 'message'
        ? { type: ActivityTypes.Message, text: posted.text, textFormat: 'plain', channelData: posted.clientActivityId ? { clientActivityID: posted.clientActivityId } : undefined }
        : { type: ActivityTypes.ConversationUpdate, membersAdded: [user] };
    Object.assign(activity, {
      id: this.nextId(),
      channelId: WEBCHAT_CHANNEL_ID,
      serviceUrl: WEBCHAT_CHANNEL_ID,
      timestamp: now,
      localTimestamp: now,
      from: user,
      recipient: BOT_ACCOUNT,
      conversation: { id: conversationIdOf(identityId), isGroup: false, conversationType: 'personal', name: WEBCHAT_CHANNEL_ID },
    });
    const replies: Partial<Activity>[] = [];
    const context = new TurnContext(this, activity);
    // The route checked the identity's signature: the server issued this id, the page did not choose it.
    proveIdentity(context, { kind: 'user', channel: WEBCHAT_CHANNEL_ID, userId: identityId });
    context.turnState.set(TURN_REPLIES, replies);
    await this.runMiddleware(context, logic);
    return replies.flatMap((reply) => {
      const rendered = chatReplyOf(reply, this.nextId(), this.clock());
      return rendered ? [rendered] : [];
    });
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const collected = context.turnState.get(TURN_REPLIES) as Partial<Activity>[] | undefined;
    if (collected) {
      collected.push(...activities);
      return activities.map(() => ({ id: this.nextId() }));
    }
    // A continued conversation (no page waiting on this request): into the mailbox.
    const identityId = identityIdOfAddress(context.activity.conversation?.id ?? '');
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type !== ActivityTypes.Message || identityId === null) {
        responses.push({ id: '' });
        continue;
      }
      const id = this.nextId();
      await this.mailbox.put(identityId, { messageId: id, text: activity.text ?? '', media: [] });
      responses.push({ id });
    }
    return responses;
  }

  async updateActivity(): Promise<void> {
    throw new Error('frontdesk_webchat_unsupported: messages on the web chat cannot be edited');
  }

  async deleteActivity(_context: TurnContext, _reference: Partial<ConversationReference>): Promise<void> {
    throw new Error('frontdesk_webchat_unsupported: messages on the web chat cannot be deleted');
  }

  private nextId(): string {
    this.counter += 1;
    return `${this.clock().getTime().toString(36)}-${this.counter.toString(36)}`;
  }
}

/** A reply the page can show, or null for what it has no use for (events, typing). */
export function chatReplyOf(activity: Partial<Activity>, id: string, now: Date): ChatReply | null {
  if ((activity.type ?? ActivityTypes.Message) !== ActivityTypes.Message) return null;
  const actions = (activity.suggestedActions?.actions ?? []).map((a) => {
    const title = String(a.title ?? a.value ?? '');
    return { type: 'messageBack' as const, title, text: String(a.value ?? a.title ?? ''), displayText: title };
  });
  return {
    id,
    type: 'message',
    text: activity.text ?? '',
    ...(actions.length > 0 ? { suggestedActions: { actions } } : {}),
    timestamp: now.toISOString(),
  };
}
