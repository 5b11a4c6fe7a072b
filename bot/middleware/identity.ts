// Client identity: every message is tied to one client record, found or created by the address the
// turn's channel proved. A phone number is an address only when the channel that carried the turn
// proved it (a signed Twilio webhook, the operator's own terminal); anything else is its channel
// plus its user id there, whatever the activity claims about itself.
import { ActivityTypes, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import { isE164 } from '../domain/phone';
import type { Client } from '../domain/types';
import type { ClientStore } from '../ports/stores';
import { clientIfKnown, provenIdentityOf, setClient, setClientChannel, type ProvenIdentity, type TurnIdentity } from '../turn-state';

/**
 * Channels whose own adapter proves who writes. A Bot Framework activity naming one of them did not
 * come from it ("sms" posted to /api/messages is not a Twilio webhook), so its identity is kept
 * apart under `botframework:`. An adapter that proves identities on a new channel adds it here.
 */
export const PROVING_CHANNELS: readonly string[] = ['sms', 'whatsapp', 'slack', 'console', 'webchat'];
const BOT_FRAMEWORK_PREFIX = 'botframework';

/** A proof for what a trusted channel knows of its user: a phone number when it is one. */
export function provenFrom(channel: string, id: string): ProvenIdentity {
  return isE164(id) ? { kind: 'phone', channel, phone: id } : { kind: 'user', channel, userId: id };
}

/**
 * The Bot Framework channel a turn's claimed channel id stands for: itself (`emulator`, `msteams`,
 * `directline`, so existing addresses stay), or `botframework:<id>` when it names a channel Frontdesk
 * proves itself or is not a plain name (a colon would let `a:b` + `c` pass for `a` + `b:c`).
 */
export function botFrameworkChannel(channelId: string | undefined): string {
  if (!channelId) return `${BOT_FRAMEWORK_PREFIX}:unknown`;
  const plain = /^[A-Za-z0-9._-]+$/.test(channelId);
  return plain && channelId !== BOT_FRAMEWORK_PREFIX && !PROVING_CHANNELS.includes(channelId) ? channelId : `${BOT_FRAMEWORK_PREFIX}:${channelId}`;
}

/** The identity of this turn's writer, or null when the activity names no one. */
export function identityOf(context: TurnContext): TurnIdentity | null {
  const proven = provenIdentityOf(context);
  if (proven?.kind === 'phone') return { address: proven.phone, channel: proven.channel, provenBy: 'channel' };
  if (proven?.kind === 'user') return { address: `${proven.channel}:${proven.userId}`, channel: proven.channel, provenBy: 'channel' };
  return unprovenIdentity(context.activity);
}

function unprovenIdentity(activity: Partial<Activity>): TurnIdentity | null {
  const id = activity.from?.id;
  if (typeof id !== 'string' || id === '') return null;
  const channel = botFrameworkChannel(activity.channelId);
  return { address: `${channel}:${id}`, channel, provenBy: 'bot_framework' };
}

/**
 * The client record of this turn's writer, found or created once a turn: the first middleware to
 * ask (the message log, then identity) looks it up and puts it in turn state, and any later one
 * takes it from there. Null when the turn is not a message or names no one.
 */
export async function resolveTurnClient(context: TurnContext, clients: ClientStore, now: () => Date): Promise<{ client: Client; identity: TurnIdentity } | null> {
  const identity = context.activity.type === ActivityTypes.Message ? identityOf(context) : null;
  if (!identity) return null;
  const known = clientIfKnown(context);
  if (known) return { client: known, identity };
  const client = await clients.findOrCreateByAddress(identity.address, identity.channel, now());
  setClient(context, client);
  setClientChannel(context, identity.channel);
  return { client, identity };
}

export class IdentityMiddleware implements Middleware {
  constructor(
    private readonly clients: ClientStore,
    private readonly clock: () => Date,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    await resolveTurnClient(context, this.clients, this.clock);
    await next();
  }
}
