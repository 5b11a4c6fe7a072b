// The staff console in Slack: one card per ticket in the staff channel, redrawn as the ticket
// changes, with the conversation in the card's thread. It also passes on what staff should know
// without taking a conversation over (a client running late), in the client's thread if they have
// an open one, else in the staff channel.
import type { webApi } from '@slack/bolt';
import { maskAddress } from '../../bot/domain/handoff';
import { languageForClient } from '../../bot/domain/localized';
import type { Appointment, Business, Client } from '../../bot/domain/types';
import type { Logger } from '../../bot/log';
import type { HandoffTicket, MessageLog, StaffConsole, TicketOpenedInfo } from '../../bot/ports/handoff';
import type { StaffNotices } from '../../bot/ports/staff-notices';
import type { ClientStore } from '../../bot/ports/stores';
import { formatWhen } from '../../bot/text/en';
import { enStaff } from '../../bot/text/en';
import { escapeMrkdwn } from '../../bot/text/mrkdwn';
import { clientLabel, displayAddress, imageBlocks, ticketCard, type Block } from './ticket-card';

/** How many of the client's messages from before the ticket a redrawn card shows (as when posted). */
const CARD_MESSAGES = 5;

export interface SlackStaffConsoleDeps {
  web: webApi.WebClient;
  /** Where cards go; without one the console posts nothing (tickets still queue). */
  staffChannel: string | null;
  clients: ClientStore;
  messages: MessageLog;
  logger: Logger;
  /** For notices about appointments (service names, the business zone); notices are skipped without it. */
  business?: Business;
  /** The client's open ticket, so a notice lands in the conversation staff are already looking at. */
  activeTicket?: (clientId: string) => Promise<HandoffTicket | null>;
}

export class SlackStaffConsole implements StaffConsole, StaffNotices {
  constructor(private readonly deps: SlackStaffConsoleDeps) {}

  get staffChannel(): string | null {
    return this.deps.staffChannel;
  }

  async ticketOpened(ticket: HandoffTicket, info: TicketOpenedInfo): Promise<{ channel: string; ts: string } | null> {
    const channel = this.deps.staffChannel;
    if (channel === null) return null;
    const card = ticketCard({
      ticket,
      clientName: info.clientName,
      maskedAddress: info.maskedAddress,
      language: info.language,
      position: info.position,
      estimateMinutes: info.estimateMinutes,
      lastMessages: info.lastMessages,
      media: info.media,
    });
    const posted = await this.deps.web.chat.postMessage({ channel, text: card.text, blocks: card.blocks, unfurl_links: false, unfurl_media: false });
    if (!posted.ts) return null;
    this.deps.logger.info({ ticket: ticket.id, number: ticket.number }, 'handoff card posted to Slack');
    return { channel: posted.channel ?? channel, ts: posted.ts };
  }

  async clientMessage(ticket: HandoffTicket, text: string, media: string[]): Promise<void> {
    const place = await this.placeFor(ticket);
    if (place === null) return;
    const blocks: Block[] = [{ type: 'section', text: { type: 'mrkdwn', text: enStaff.clientSays(text) } }, ...imageBlocks(media, enStaff.picture)];
    await this.deps.web.chat.postMessage({ ...place, text: enStaff.clientSays(text), blocks, unfurl_links: false, unfurl_media: false });
  }

  async ticketChanged(ticket: HandoffTicket): Promise<void> {
    if (ticket.staffThread === null) return;
    const client = await this.deps.clients.get(ticket.clientId);
    // Redraw the card as it was posted: the messages up to the request, not the thread since.
    const before = (await this.deps.messages.recentForClient(ticket.clientId, 50)).filter((m) => m.at <= ticket.createdAt && !m.internal);
    const lastMessages = before.slice(-CARD_MESSAGES);
    const card = ticketCard({
      ticket,
      clientName: client?.name ?? null,
      maskedAddress: client ? maskAddress(client.address) : '',
      language: languageForClient(client, this.deps.business ?? {}),
      position: null,
      estimateMinutes: null,
      lastMessages,
      media: lastMessages.flatMap((m) => m.media),
    });
    await this.deps.web.chat.update({ channel: ticket.staffThread.channel, ts: ticket.staffThread.ts, text: card.text, blocks: card.blocks });
  }

  async nudge(ticket: HandoffTicket, waitedMinutes: number): Promise<void> {
    const place = await this.placeFor(ticket);
    if (place === null) return;
    const client = await this.deps.clients.get(ticket.clientId);
    const who = clientLabel(client?.name ?? null, client ? maskAddress(client.address) : '');
    const text = enStaff.nudge(ticket.number, who, waitedMinutes);
    // Broadcast from the thread: the channel sees it, and the thread keeps the whole story.
    if (place.thread_ts !== undefined) await this.deps.web.chat.postMessage({ channel: place.channel, thread_ts: place.thread_ts, reply_broadcast: true, text });
    else await this.deps.web.chat.postMessage({ channel: place.channel, text });
  }

  async clientRunningLate(notice: { appointment: Appointment; client: Client; minutes: number | null }, _now: Date): Promise<void> {
    const { business } = this.deps;
    if (!business) return;
    const { appointment, client, minutes } = notice;
    const ticket = this.deps.activeTicket ? await this.deps.activeTicket(client.id) : null;
    const place = ticket ? await this.placeFor(ticket) : this.deps.staffChannel === null ? null : { channel: this.deps.staffChannel };
    if (place === null) return;
    const service = business.services.find((s) => s.id === appointment.serviceId)?.name ?? appointment.serviceId;
    const staff = business.staff.find((m) => m.id === appointment.staffId)?.name ?? null;
    const when = `${formatWhen(Date.parse(appointment.start), business.zone)}${staff ? ` with ${staff}` : ''}`;
    const masked = displayAddress(maskAddress(client.address));
    const who = client.name ? `${escapeMrkdwn(client.name)}${masked ? ` (${masked})` : ''}` : masked || enStaff.unknownClient;
    await this.deps.web.chat.postMessage({ ...place, text: enStaff.staffRunningLate(who, escapeMrkdwn(service), when, minutes), unfurl_links: false });
    this.deps.logger.info({ appointment: appointment.id, inThread: place.thread_ts !== undefined }, 'late client passed to Slack');
  }

  private async placeFor(ticket: HandoffTicket): Promise<{ channel: string; thread_ts?: string } | null> {
    if (ticket.staffThread) return { channel: ticket.staffThread.channel, thread_ts: ticket.staffThread.ts };
    return this.deps.staffChannel === null ? null : { channel: this.deps.staffChannel };
  }
}
