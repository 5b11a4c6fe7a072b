// Reaching a client outside their turn, on the channel they use: each channel registers a
// transport (the Bot Framework adapter continues a saved conversation; SMS and WhatsApp go
// through the outbound layer; Slack posts a DM). The handoff service only sees ClientMessenger.
import type { BotAdapter, ConversationReference } from 'botbuilder';
import type { Logger } from '../log';
import type { ConsentStore } from '../ports/consent';
import type { ClientMessageOptions, ClientMessenger, ClientSendResult } from '../ports/handoff';
import type { ConversationReferenceStore } from '../ports/messaging';
import type { ClientStore } from '../ports/stores';

export interface ClientTransportMessage {
  clientId: string;
  /** The client's address: E.164 for phones, `channel:userId` otherwise. */
  address: string;
  channel: string;
  /** The latest saved conversation reference on this channel, when there is one. */
  reference: Partial<ConversationReference> | null;
  text: string;
  media: string[];
  kind: string;
}

export interface ClientTransport {
  send(message: ClientTransportMessage): Promise<ClientSendResult>;
}

/** A transport that continues the saved conversation through a botbuilder adapter. */
export function adapterTransport(adapter: BotAdapter, botAppId: string): ClientTransport {
  return {
    async send(message) {
      if (!message.reference?.conversation) return { ok: false, reason: 'no_conversation_reference' };
      await adapter.continueConversationAsync(botAppId, message.reference, async (context) => {
        await context.sendActivity({
          type: 'message',
          text: message.text,
          attachments: message.media.map((url) => ({ contentType: contentTypeOf(url), contentUrl: url })),
        });
      });
      return { ok: true };
    },
  };
}

/** What outboundTransport needs of the outbound service (consent, queue, rate). */
export interface ProactiveQueue {
  sendProactive(
    request: { clientId: string; channel: string; text: string; kind: string; mediaUrls: string[]; respectQuietHours: boolean },
    now: Date,
  ): Promise<{ status: string; reason?: string }>;
}

/**
 * A transport through the outbound service: consent is checked (an opted-out client gets nothing)
 * and the message queued for the client's channel. Quiet hours do not hold these back: the client
 * asked for a person and is waiting for the answer.
 */
export function outboundTransport(outbound: ProactiveQueue, clock: () => Date): ClientTransport {
  return {
    async send(message) {
      const outcome = await outbound.sendProactive(
        { clientId: message.clientId, channel: message.channel, text: message.text, kind: message.kind, mediaUrls: message.media, respectQuietHours: false },
        clock(),
      );
      if (outcome.status === 'queued' || outcome.status === 'duplicate') return { ok: true };
      return { ok: false, reason: outcome.reason ?? outcome.status };
    },
  };
}

function contentTypeOf(url: string): string {
  const ext = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(url)?.[1]?.toLowerCase();
  const known: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', pdf: 'application/pdf' };
  return (ext && known[ext]) ?? 'application/octet-stream';
}

export class ChannelClientMessenger implements ClientMessenger {
  private readonly transports = new Map<string, ClientTransport>();
  private fallback: ClientTransport | null = null;

  constructor(
    private readonly clients: ClientStore,
    private readonly references: ConversationReferenceStore,
    private readonly logger: Logger,
    private readonly consent: Pick<ConsentStore, 'isOptedOut'>,
  ) {}

  /** Messages for clients on these channels go through this transport. */
  useChannel(channels: string | readonly string[], transport: ClientTransport): void {
    for (const channel of typeof channels === 'string' ? [channels] : channels) this.transports.set(channel, transport);
  }

  /** Any channel without its own transport (Bot Framework channels: Web Chat, Teams, Emulator). */
  useFallback(transport: ClientTransport): void {
    this.fallback = transport;
  }

  async sendToClient(clientId: string, text: string, options: ClientMessageOptions): Promise<ClientSendResult> {
    const client = await this.clients.get(clientId);
    if (!client) return { ok: false, reason: 'unknown_client' };
    const channel = options.channel ?? client.channel;
    let transport = this.transports.get(channel) ?? this.fallback;
    // A channel's own transport posts at once, so consent is checked here for every channel; the
    // fallback (the outbound layer) then records the suppressed attempt.
    if (await this.consent.isOptedOut(client.address)) {
      this.logger.info({ client: clientId, channel, kind: options.kind }, 'client message suppressed: opted out');
      if (!this.fallback) return { ok: false, reason: 'opted_out' };
      transport = this.fallback;
    }
    if (!transport) return { ok: false, reason: 'no_transport' };
    try {
      return await transport.send({
        clientId,
        address: client.address,
        channel,
        reference: await this.references.get(clientId, channel),
        text,
        media: options.media ?? [],
        kind: options.kind,
      });
    } catch (err) {
      this.logger.error({ err, channel, kind: options.kind }, 'sending to a client failed');
      return { ok: false, reason: 'send_error' };
    }
  }
}
