// While a client waits for, or is held by, staff, the bot stays quiet: their messages go to the
// staff console instead of the dialogs. Carrier keywords (STOP, HELP, ...) still pass through,
// and "never mind" takes the client out of the line and back to the bot. An urgent message from a
// client still waiting is relayed too, and also moves them to the front of the line (and, after
// hours, wakes the person on call), as it would have before they joined.
import { ActivityTypes, TurnContext, type Middleware } from 'botbuilder';
import type { Client } from '../domain/types';
import type { HandoffTicket } from '../ports/handoff';
import type { Logger } from '../log';
import type { ConversationReferenceStore } from '../ports/messaging';
import type { ClientStore } from '../ports/stores';
import type { HandoffService } from '../services/handoff-service';
import type { NormsService } from '../services/norms-service';
import type { Texts } from '../text/en';
import { readingOf } from '../turn-state';
import { identityOf } from './identity';
import { clientChannelOf, clientIfKnown } from '../turn-state';
import { mediaOf } from './message-log';

/** The Bot Framework event a host sends about a conversation handed to it. */
export const HANDOFF_STATUS = 'handoff.status';

/** Staff id recorded for tickets a Bot Framework host accepted or completed. */
export const HOST_STAFF_ID = 'bot-framework-host';

/** Where the relay saves each client's latest conversation reference, for staff replies later. */
export interface RelayOptions {
  references?: ConversationReferenceStore;
  clients: ClientStore;
  /** Urgent keywords and the on-call rotation; without it urgent messages in line are only relayed. */
  norms?: NormsService;
}

export class HandoffRelayMiddleware implements Middleware {
  constructor(
    private readonly handoff: HandoffService,
    private readonly texts: Texts,
    private readonly clock: () => Date,
    private readonly logger: Logger,
    private readonly options: RelayOptions,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const activity = context.activity;
    if (activity.type === ActivityTypes.Event && activity.name === HANDOFF_STATUS) {
      await this.onHandoffStatus(context);
      return;
    }
    const client = clientIfKnown(context);
    if (activity.type !== ActivityTypes.Message || !client) {
      await next();
      return;
    }
    await this.rememberReference(context, client);
    const ticket = await this.handoff.activeFor(client.id);
    if (!ticket) {
      await next();
      return;
    }
    const reading = readingOf(context);
    // Staff read what the client wrote, as written.
    const text = typeof activity.text === 'string' ? activity.text : '';
    // Carrier keywords are answered by the consent middleware (or the dialogs), never swallowed here.
    if (reading.keyword) {
      await next();
      return;
    }
    if (reading.leaveQueue) {
      const left = await this.handoff.leave(client.id, this.clock());
      if (left.ok) {
        await context.sendActivity(this.texts.queueLeft());
        return;
      }
    }
    this.logger.debug({ ticket: ticket.id, length: text.length }, 'relaying a client message to staff');
    await this.handoff.relayFromClient(ticket, text, mediaOf(activity));
    await this.urgentWhileWaiting(context, client, ticket, text);
  }

  /**
   * Staff holding the conversation read the message in their thread; a client still waiting goes
   * to the front of the line, and after hours the person on call is alerted. Once a ticket is
   * urgent, later urgent words change nothing (the on-call person is not woken on every message).
   */
  private async urgentWhileWaiting(context: TurnContext, client: Client, ticket: HandoffTicket, text: string): Promise<void> {
    const norms = this.options.norms;
    if (!norms || ticket.state !== 'waiting' || ticket.urgent) return;
    const keyword = readingOf(context).urgent;
    if (!keyword) return;
    const now = this.clock();
    await this.handoff.markUrgent(ticket.id, now);
    const activity = context.activity;
    const result = await norms.handleUrgent(
      {
        clientId: client.id,
        label: client.name ? `${client.name} (${client.address})` : client.address,
        channel: clientChannelOf(context),
        conversationId: activity.conversation?.id ?? '',
      },
      text,
      keyword,
      now,
      // Already in line and now marked urgent: only the client is left to tell.
      async (said) => {
        await context.sendActivity(said);
        return 'queued';
      },
    );
    if (result.reply) await context.sendActivity(result.reply);
  }

  /**
   * A Bot Framework host that took the conversation over reports back: accepted (a person has it),
   * completed (the bot takes over again) or failed (no one could; the bot takes over again).
   */
  private async onHandoffStatus(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const value = (activity.value ?? {}) as { state?: unknown; message?: unknown };
    const state = typeof value.state === 'string' ? value.state.toLowerCase() : '';
    const identity = identityOf(context);
    const client = identity ? await this.options.clients.findByAddress(identity.address) : null;
    const ticket = client ? await this.handoff.activeFor(client.id) : null;
    if (!ticket) {
      this.logger.info({ state, channel: activity.channelId }, 'handoff status for a conversation not in the queue');
      return;
    }
    const now = this.clock();
    if (state === 'accepted') {
      if (ticket.state === 'waiting') await this.handoff.claim(ticket.id, HOST_STAFF_ID, null, now);
      return;
    }
    if (state === 'completed') {
      const resolved = await this.handoff.resolve(ticket.id, HOST_STAFF_ID, now, { tellClient: false });
      if (resolved.ok) await context.sendActivity(this.texts.queueBackWithAssistant());
      return;
    }
    if (state === 'failed') {
      const abandoned = await this.handoff.abandon(ticket.id, now);
      if (abandoned.ok) await context.sendActivity(this.texts.queueBackWithAssistant());
      return;
    }
    this.logger.warn({ state }, 'unknown handoff status');
  }

  private async rememberReference(context: TurnContext, client: Client): Promise<void> {
    if (!this.options.references) return;
    try {
      await this.options.references.save(client.id, clientChannelOf(context), TurnContext.getConversationReference(context.activity), this.clock());
    } catch (err) {
      this.logger.error({ err }, 'could not save a conversation reference');
    }
  }
}
