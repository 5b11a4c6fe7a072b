// The Block Kit card a handoff ticket gets in the staff channel, for each state of the ticket.
// Pure: the same input always gives the same card, so an update can redraw it from the store.
import type { types } from '@slack/bolt';
import type { Language } from '../../bot/domain/types';
import type { HandoffTicket, LoggedMessage } from '../../bot/ports/handoff';
import { enStaff } from '../../bot/text/en';
import { escapeMrkdwn } from '../../bot/text/mrkdwn';
import { staffMention } from './staff-mention';

export type Block = types.KnownBlock;

export const CLAIM_ACTION = 'frontdesk_claim';
export const RESOLVE_ACTION = 'frontdesk_resolve';

/** Slack refuses a section over 3,000 characters; one long text must not hide the others. */
const MAX_MESSAGE_CHARS = 280;
const MAX_IMAGES = 3;

export interface TicketCardInput {
  ticket: HandoffTicket;
  clientName: string | null;
  maskedAddress: string;
  /** The language the client is answered in. */
  language: Language;
  /** Place in line while waiting; null once it left the line. */
  position: number | null;
  estimateMinutes: number | null;
  lastMessages: readonly LoggedMessage[];
  media: readonly string[];
}

export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** Who the client is, for staff: their name, else their masked number or Slack mention. */
export function clientLabel(name: string | null, maskedAddress: string): string {
  if (name) return name;
  return displayAddress(maskedAddress) || enStaff.unknownClient;
}

/** A Slack client's address (`slack:U123`) reads better as a mention. */
export function displayAddress(maskedAddress: string): string {
  const slackUser = /^slack:(U[A-Z0-9]+)$/.exec(maskedAddress);
  return slackUser ? `<@${slackUser[1]}>` : maskedAddress;
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= MAX_MESSAGE_CHARS ? flat : `${flat.slice(0, MAX_MESSAGE_CHARS - 1)}…`;
}

/** Only http(s) URLs can be image blocks; Slack fetches them itself. */
export function imageBlocks(urls: readonly string[], altText: string): Block[] {
  return urls
    .filter((u) => /^https?:\/\//i.test(u))
    .slice(0, MAX_IMAGES)
    .map((url) => ({ type: 'image', image_url: url, alt_text: altText }));
}

/** The resolver's name is kept only as the owner's: a staff-view resolver who also claimed it. */
function resolverName(ticket: HandoffTicket): string | null {
  return ticket.resolvedBy !== null && ticket.resolvedBy === ticket.claimedBy ? ticket.claimedByName : null;
}

function statusLine(input: TicketCardInput): string {
  const { ticket } = input;
  switch (ticket.state) {
    case 'waiting':
      return enStaff.waitingSince(ticket.createdAt);
    case 'claimed': {
      const owner = staffMention(ticket.claimedBy, ticket.claimedByName);
      return owner ? enStaff.claimedBy(owner) : enStaff.closed('claimed', null);
    }
    default:
      return enStaff.closed(ticket.state, staffMention(ticket.resolvedBy, resolverName(ticket)));
  }
}

export function ticketCard(input: TicketCardInput): SlackMessage {
  const { ticket } = input;
  const who = clientLabel(input.clientName, input.maskedAddress);
  const reason = enStaff.reason(ticket.reason);
  const fields = [
    { type: 'mrkdwn' as const, text: `*Client*\n${escapeMrkdwn(input.clientName ?? enStaff.unknownClient)}` },
    { type: 'mrkdwn' as const, text: `*Number*\n${displayAddress(input.maskedAddress) || '—'}` },
    { type: 'mrkdwn' as const, text: `*Channel*\n${escapeMrkdwn(ticket.channel)}` },
    { type: 'mrkdwn' as const, text: `*Language*\n${enStaff.languageName(input.language)}` },
    { type: 'mrkdwn' as const, text: `*Reason*\n${escapeMrkdwn(reason)}${ticket.urgent ? ' 🚨' : ''}` },
  ];
  if (ticket.state === 'waiting' && input.position !== null) {
    fields.push({ type: 'mrkdwn', text: `*Place in line*\n${enStaff.placeInLine(input.position, input.estimateMinutes)}` });
  }

  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: enStaff.cardTitle(ticket.number, input.clientName ?? enStaff.unknownClient, ticket.urgent).slice(0, 150) } },
    { type: 'section', fields },
  ];
  if (input.lastMessages.length > 0) {
    const lines = input.lastMessages.map((m) => `*${enStaff.author(m.author)}:* ${escapeMrkdwn(clip(m.text)) || '_(picture)_'}`);
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*${enStaff.lastMessages}*\n${lines.join('\n')}` } });
  }
  blocks.push(...imageBlocks(input.media, enStaff.picture));
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: statusLine(input) }] });

  const buttons: Block = {
    type: 'actions',
    block_id: `frontdesk_ticket_${ticket.id}`,
    elements: [],
  };
  if (ticket.state === 'waiting') {
    buttons.elements.push({ type: 'button', action_id: CLAIM_ACTION, style: 'primary', value: ticket.id, text: { type: 'plain_text', text: enStaff.claimButton } });
  }
  if (ticket.state === 'waiting' || ticket.state === 'claimed') {
    buttons.elements.push({ type: 'button', action_id: RESOLVE_ACTION, value: ticket.id, text: { type: 'plain_text', text: enStaff.resolveButton } });
    blocks.push(buttons);
  }

  return { text: enStaff.cardFallback(ticket.number, who, ticket.channel, reason), blocks };
}
