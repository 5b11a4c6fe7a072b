// `/frontdesk queue | resolve | history | text`: the staff console's slash command. Each command
// returns the text to show the caller (ephemeral); nothing here knows about HTTP or acks.
import { maskAddress } from '../../bot/domain/handoff';
import type { HandoffTicket, MessageLog } from '../../bot/ports/handoff';
import type { ClientStore } from '../../bot/ports/stores';
import type { HandoffService } from '../../bot/services/handoff-service';
import type { Client } from '../../bot/domain/types';
import { enStaff } from '../../bot/text/en';
import { slackTime } from '../../bot/text/mrkdwn';
import { staffMention } from './staff-mention';
import { clientLabel, displayAddress } from './ticket-card';

/**
 * The part of the outbound layer (bot/services/outbound-service) the console uses: consent and
 * quiet hours are checked there, and the message waits in its queue until it may go out.
 */
export interface StaffUpdateSender {
  sendProactive(
    request: { clientId: string; text: string; kind: string; respectQuietHours?: boolean },
    now: Date,
  ): Promise<
    | { status: 'queued' | 'duplicate'; message: { notBefore: string; channel: string } }
    | { status: 'suppressed' | 'expired' | 'unreachable' | 'deferred'; reason: string }
  >;
}

export interface StaffCommand {
  text: string;
  userId: string;
  channelId: string;
}

export interface StaffCommandsDeps {
  handoff: HandoffService;
  clients: ClientStore;
  messages: MessageLog;
  /** Null when no outbound layer is configured: `text` then says so. */
  outbound: StaffUpdateSender | null;
}

const HISTORY_LIMIT = 10;

function who(client: Client | null): string {
  return client ? clientLabel(client.name, maskAddress(client.address)) : enStaff.unknownClient;
}

export class StaffCommands {
  constructor(private readonly deps: StaffCommandsDeps) {}

  async run(command: StaffCommand, now: Date): Promise<string> {
    const [verb = '', ...rest] = command.text.trim().split(/\s+/);
    const args = rest.join(' ');
    switch (verb.toLowerCase()) {
      case 'queue':
      case 'q':
        return this.queue(now);
      case 'resolve':
        return this.resolve(args, command.userId, now);
      case 'history':
        return this.history(args);
      case 'text':
        return this.text(args, now);
      default:
        return enStaff.commandUsage;
    }
  }

  private async queue(now: Date): Promise<string> {
    const waiting = await this.deps.handoff.waiting(now);
    const claimed = await this.deps.handoff.store.listClaimed();
    const lines: string[] = [];
    if (waiting.length === 0) lines.push(enStaff.queueEmpty);
    else {
      lines.push(enStaff.queueHeader(waiting.length));
      for (const entry of waiting) {
        const name = entry.client?.name ?? enStaff.unknownClient;
        lines.push(enStaff.queueLine(entry.position, entry.ticket.number, name, displayAddress(entry.maskedAddress), entry.ticket.channel, entry.waitedMinutes, entry.ticket.urgent));
      }
    }
    if (claimed.length > 0) {
      lines.push(enStaff.inProgressHeader);
      for (const ticket of claimed) lines.push(enStaff.inProgressLine(ticket.number, who(await this.deps.clients.get(ticket.clientId)), staffMention(ticket.claimedBy, ticket.claimedByName)));
    }
    return lines.join('\n');
  }

  private async resolve(args: string, userId: string, now: Date): Promise<string> {
    const active: HandoffTicket[] = [...(await this.deps.handoff.store.listWaiting()), ...(await this.deps.handoff.store.listClaimed())];
    let ticket: HandoffTicket | undefined;
    const numberText = /^#?(\d+)$/.exec(args.trim())?.[1];
    if (numberText !== undefined) {
      ticket = active.find((t) => t.number === Number(numberText));
      if (!ticket) return enStaff.resolveNoSuch(Number(numberText));
    } else {
      // Slash commands carry no thread, so "this conversation" is the one the caller holds.
      const mine = active.filter((t) => t.state === 'claimed' && t.claimedBy === userId);
      if (mine.length !== 1) return enStaff.resolveWhich;
      ticket = mine[0];
    }
    if (!ticket) return enStaff.resolveWhich;
    const closed = await this.deps.handoff.resolve(ticket.id, userId, now);
    return closed.ok ? enStaff.resolved(ticket.number) : enStaff.alreadyClosed;
  }

  private async history(args: string): Promise<string> {
    const query = args.trim();
    if (query === '') return enStaff.historyUsage;
    const words = /^words\s+(.+)$/i.exec(query)?.[1];
    if (words !== undefined) {
      const found = await this.deps.messages.search(words, HISTORY_LIMIT);
      const lines = [enStaff.searchHeader(words, found.length)];
      const names = new Map<string, string>();
      for (const m of found) {
        if (!names.has(m.clientId)) names.set(m.clientId, who(await this.deps.clients.get(m.clientId)));
        const author = m.author === 'client' ? (names.get(m.clientId) ?? enStaff.unknownClient) : enStaff.author(m.author);
        lines.push(enStaff.historyLine(m.at, author, m.text, m.internal === true));
      }
      return lines.join('\n');
    }
    const found = await this.deps.handoff.history(query, HISTORY_LIMIT);
    if (!found) return enStaff.historyNoClient(query);
    const name = who(found.client);
    if (found.messages.length === 0) return enStaff.historyNone(name);
    const lines = [enStaff.historyHeader(found.client.name ?? enStaff.unknownClient, displayAddress(maskAddress(found.client.address)))];
    for (const m of found.messages) lines.push(enStaff.historyLine(m.at, m.author === 'client' ? name : enStaff.author(m.author), m.text, m.internal === true));
    return lines.join('\n');
  }

  private async text(args: string, now: Date): Promise<string> {
    const match = /^(\S+)\s+([\s\S]+)$/.exec(args.trim());
    if (!match) return enStaff.textUsage;
    const [, target = '', message = ''] = match;
    const outbound = this.deps.outbound;
    if (!outbound) return enStaff.textUnavailable;
    const client = await this.deps.handoff.findClient(target);
    if (!client) return enStaff.textNoClient(target);
    const name = who(client);
    const outcome = await outbound.sendProactive({ clientId: client.id, text: message.trim(), kind: 'staff_update', respectQuietHours: true }, now);
    switch (outcome.status) {
      case 'queued':
      case 'duplicate': {
        const due = Date.parse(outcome.message.notBefore);
        const detail = due > now.getTime() ? `waits for the end of quiet hours and goes out ${slackTime(outcome.message.notBefore)} on ${outcome.message.channel}` : `is on its way on ${outcome.message.channel}`;
        return enStaff.textQueued(name, detail);
      }
      case 'suppressed':
      case 'deferred':
        return enStaff.textNotSent(name, 'they opted out of messages (STOP)');
      case 'expired':
        return enStaff.textNotSent(name, 'it is quiet hours for them');
      case 'unreachable':
        return enStaff.textNotSent(name, 'there is no way to reach them');
    }
  }
}
