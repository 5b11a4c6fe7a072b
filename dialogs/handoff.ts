// Entering the take-a-number queue from a conversation: the client hears their number, place and
// wait; on Bot Framework channels the host also gets a `handoff.initiate` event with the
// transcript, so a contact-centre host that speaks that protocol can take the conversation over.
// Every way into the line (asking for a person, a complaint, not being understood, an urgent
// message) comes through enterQueue, so the wording and the event are the same for all of them.
import { ActivityTypes, EventFactory, TurnContext, type Activity } from 'botbuilder';
import type { HandoffReason, LoggedMessage } from '../bot/ports/handoff';
import type { RequestResult } from '../bot/services/handoff-service';
import type { DialogDeps } from './deps';
import { clientChannelOf, clientOf, hoursOf } from '../bot/turn-state';

/** Channels that speak the Bot Framework protocol (and so its handoff events). */
export const BOT_FRAMEWORK_CHANNELS: ReadonlySet<string> = new Set(['emulator', 'webchat', 'msteams', 'directline', 'directlinespeech']);

/** How many of the client's latest messages go with the handoff event as its transcript. */
const TRANSCRIPT_MESSAGES = 20;

export interface EnterOptions {
  reason: HandoffReason;
  urgent?: boolean;
  /** Said before the place in line (e.g. an apology for a complaint). */
  intro?: string;
  /**
   * While closed the client hears when someone will text ("We're closed now. We open ..."); false
   * when the intro already says so (an urgent message nobody on call could take).
   */
  closedNotice?: boolean;
}

/** Puts the client of this turn in line (or reminds them of their place) and tells them. */
export async function enterQueue(context: TurnContext, deps: DialogDeps, options: EnterOptions): Promise<RequestResult> {
  const { texts, business, handoff } = deps;
  const activity = context.activity;
  const client = clientOf(context);
  const now = deps.clock();
  const result = await handoff.request(
    {
      clientId: client.id,
      channel: clientChannelOf(context),
      conversationId: activity.conversation?.id ?? '',
      reason: options.reason,
      urgent: options.urgent ?? false,
      text: typeof activity.text === 'string' ? activity.text : '',
    },
    now,
  );
  const place = handoff.placeOf(result);
  const hours = hoursOf(context, business, now);
  let told: string;
  if (!result.created) told = texts.queueAlreadyIn(place);
  else if (hours.open) told = texts.queueJoined(place, business);
  else {
    const closed = options.closedNotice === false ? null : texts.personAfterHours(deps.norms.openingText(hours, now));
    // The line's own reply says when we open: the after-hours notice would say it again later.
    await deps.norms.afterHoursToldOtherwise(conversationKey(context), hours, now);
    told = closed ? `${closed} ${texts.queuePlaceAfterHours(place)}` : texts.queuePlaceAfterHours(place);
  }
  await context.sendActivity(options.intro ? `${options.intro} ${told}` : told);

  if (result.created && BOT_FRAMEWORK_CHANNELS.has(activity.channelId ?? '')) {
    const history = await handoff.messageLog.recentForClient(client.id, TRANSCRIPT_MESSAGES);
    const transcript = { activities: history.filter((m) => !m.internal).map((m) => transcriptActivity(context, m)) };
    const event = EventFactory.createHandoffInitiation(
      context,
      {
        ticketId: result.ticket.id,
        number: result.ticket.number,
        reason: result.ticket.reason,
        urgent: result.ticket.urgent,
        position: result.position,
        estimateMinutes: result.estimateMinutes,
      },
      transcript as { activities: Activity[] },
    );
    await context.sendActivity(event);
  }
  return result;
}

function transcriptActivity(context: TurnContext, m: LoggedMessage): Partial<Activity> {
  const reference = TurnContext.getConversationReference(context.activity);
  const user = context.activity.from;
  const bot = context.activity.recipient;
  return {
    type: ActivityTypes.Message,
    id: m.id,
    text: m.text,
    timestamp: new Date(m.at),
    channelId: reference.channelId,
    conversation: reference.conversation,
    from: m.direction === 'in' ? user : { ...bot, role: m.author === 'staff' ? 'staff' : 'bot' },
    recipient: m.direction === 'in' ? bot : user,
    attachments: m.media.map((url) => ({ contentType: 'application/octet-stream', contentUrl: url })),
  };
}

/** The key a conversation's once-only notices are stored under: channel and conversation id. */
export function conversationKey(context: TurnContext): string {
  return `${context.activity.channelId ?? 'unknown'}:${context.activity.conversation?.id ?? ''}`;
}
