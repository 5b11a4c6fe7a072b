// The searchable history: every message a client sends and every reply the bot sends in a turn is
// written to the message log. Staff replies and proactive notices are logged where they are sent
// (the handoff service), because they go out outside the client's turn.
import { ActivityTypes, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import type { Logger } from '../log';
import type { MessageLog } from '../ports/handoff';
import type { ClientStore } from '../ports/stores';
import { resolveTurnClient } from './identity';

/** URLs of the pictures and files that came with a message. */
export function mediaOf(activity: Partial<Activity>): string[] {
  return (activity.attachments ?? [])
    .map((a) => a.contentUrl)
    .filter((url): url is string => typeof url === 'string' && url !== '');
}

export class MessageLogMiddleware implements Middleware {
  constructor(
    private readonly log: MessageLog,
    private readonly clients: ClientStore,
    private readonly clock: () => Date,
    private readonly logger: Logger,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const activity = context.activity;
    // Proactive turns (ContinueConversation events) carry staff replies and notices that the
    // handoff service logs itself; only conversations the client started are logged here.
    const resolved = await resolveTurnClient(context, this.clients, this.clock);
    if (!resolved) {
      await next();
      return;
    }
    const { client } = resolved;
    const channel = resolved.identity.channel;
    const text = typeof activity.text === 'string' ? activity.text : '';
    // The turn goes on while its lines are written (in order); it ends only once they are. A store
    // that commits in groups writes them with the turn's other bookkeeping, and a read of the log
    // meanwhile (a ticket's transcript) still finds them.
    const written: Promise<void>[] = [];
    written.push(this.append({ clientId: client.id, channel, direction: 'in', text, media: mediaOf(activity), at: this.clock().toISOString(), author: 'client' }));

    context.onSendActivities(async (_ctx, activities, sendNext) => {
      const responses = await sendNext();
      for (const sent of activities) {
        if (sent.type !== ActivityTypes.Message) continue;
        written.push(
          this.append({
            clientId: client.id,
            channel,
            direction: 'out',
            text: sent.text ?? '',
            media: mediaOf(sent),
            at: this.clock().toISOString(),
            author: 'bot',
          }),
        );
      }
      return responses;
    });
    try {
      await next();
    } finally {
      await Promise.all(written);
    }
  }

  /** A history write that fails must not cost the client their answer. */
  private async append(message: Parameters<MessageLog['append']>[0]): Promise<void> {
    try {
      await this.log.append(message);
    } catch (err) {
      this.logger.error({ err, direction: message.direction }, 'could not write the message log');
    }
  }
}
