// What a turn carries in `context.turnState` between the channel adapter, the middleware and the
// dialogs, and the one way to write and read each of it. Adapters and middleware write, dialogs
// read; both import this file and not each other. Keys that one file alone writes and reads (the
// router's memory and closed-hours greeting in dialogs/main-dialog.ts, the booking flow's inner
// context in dialogs/book-dialog.ts, the replies a Twilio webhook collects in
// channels/twilio/twilio-adapter.ts) stay private to that file.
import type { TurnContext } from 'botbuilder';
import { hoursContextAt, type HoursContext } from './domain/norms';
import type { Business, Client, Language } from './domain/types';
import type { TurnReading } from './understanding/types';

const PROVEN_IDENTITY = Symbol('frontdesk.provenIdentity');
const CLIENT = Symbol('frontdesk.client');
const CLIENT_CHANNEL = Symbol('frontdesk.clientChannel');
const HOURS = Symbol('frontdesk.hours');
const KEYWORD_HELP_SENT = Symbol('frontdesk.keywordHelpSent');
const REROUTE = Symbol('frontdesk.reroute');
const READING = Symbol('frontdesk.reading');
const LANGUAGE = Symbol('frontdesk.language');
const LANGUAGE_ASKED = Symbol('frontdesk.languageAsked');

/** For the reading middleware: the turn's message, read once. */
export function setReading(context: TurnContext, reading: TurnReading): void {
  context.turnState.set(READING, Object.freeze(reading));
}

/** The reading of this turn's message; everything after the reading middleware takes it from here, never the text. */
export function readingOf(context: TurnContext): TurnReading {
  const reading = context.turnState.get(READING) as TurnReading | undefined;
  if (!reading) throw new Error('frontdesk_reading_missing: the reading middleware did not run for this turn');
  return reading;
}

/** For the reading middleware: the language this turn is read and answered in. */
export function setLanguage(context: TurnContext, language: Language): void {
  context.turnState.set(LANGUAGE, language);
}

/** The language this turn is read and answered in (the client's, or the business's before it is known). */
export function languageOf(context: TurnContext, fallback: Language): Language {
  return (context.turnState.get(LANGUAGE) as Language | undefined) ?? fallback;
}

/** A message that asked, in so many words, to be answered in a language the business offers. */
export interface LanguageAsked {
  language: Language;
  /** The message asks nothing else ("en español por favor"): it is acknowledged in that language. */
  only: boolean;
}

/** For the reading middleware: the message asked for this turn's language explicitly. */
export function setLanguageAsked(context: TurnContext, asked: LanguageAsked): void {
  context.turnState.set(LANGUAGE_ASKED, Object.freeze({ ...asked }));
}

/** The explicit request for a language this turn's message made, or null. */
export function languageAskedOf(context: TurnContext): LanguageAsked | null {
  return (context.turnState.get(LANGUAGE_ASKED) as LanguageAsked | undefined) ?? null;
}

/**
 * Who a channel adapter vouches for, put into turn state before the middleware runs. Only the
 * adapter that checked the request (Twilio's signature, Slack's signing secret) or owns the
 * conversation (the terminal) may set it; nothing in the activity can.
 */
export type ProvenIdentity =
  /** The channel proved this number: SMS and WhatsApp from one phone reach one client. */
  | { kind: 'phone'; channel: string; phone: string }
  /** The channel proved this user id, which is only ever an identity on that channel. */
  | { kind: 'user'; channel: string; userId: string };

export interface TurnIdentity {
  /** The client's address: bare E.164 for a proven phone, `channel:userId` otherwise. */
  address: string;
  /** The channel the client is reached on, which keys their conversation reference. */
  channel: string;
  /**
   * `channel`: one of Frontdesk's own adapters proved it. `bot_framework`: it came through the Bot
   * Framework endpoint (or an adapter that proves nothing), so only the channel and its user id
   * are known, and its conversation reference names a service the bot calls back.
   */
  provenBy: 'channel' | 'bot_framework';
}

/** For channel adapters: vouch for who is writing in this turn. */
export function proveIdentity(context: TurnContext, identity: ProvenIdentity): void {
  context.turnState.set(PROVEN_IDENTITY, identity);
}

/** What the turn's channel adapter proved, if anything; bot/middleware/identity.ts reads it into a TurnIdentity. */
export function provenIdentityOf(context: TurnContext): ProvenIdentity | undefined {
  return context.turnState.get(PROVEN_IDENTITY) as ProvenIdentity | undefined;
}

/** For the identity middleware: the client record this turn's writer resolved to. */
export function setClient(context: TurnContext, client: Client): void {
  context.turnState.set(CLIENT, client);
}

/** For the identity middleware: the channel the turn's client is reached on (their identity's, not what the activity claims). */
export function setClientChannel(context: TurnContext, channel: string): void {
  context.turnState.set(CLIENT_CHANNEL, channel);
}

/**
 * The channel to reach this turn's client on later (a ticket's, a reminder's): the one their
 * identity was proven on, so Azure's Web Chat (`botframework:webchat`) is never taken for
 * Frontdesk's own; the activity's channel id when the identity middleware did not run.
 */
export function clientChannelOf(context: TurnContext): string {
  return (context.turnState.get(CLIENT_CHANNEL) as string | undefined) ?? context.activity.channelId ?? 'unknown';
}

/** The turn's client, or undefined when the identity middleware found no one (not a message, no sender). */
export function clientIfKnown(context: TurnContext): Client | undefined {
  return context.turnState.get(CLIENT) as Client | undefined;
}

/** The turn's client, for dialogs, which only run on a message the identity middleware tied to one. */
export function clientOf(context: TurnContext): Client {
  const client = clientIfKnown(context);
  if (!client) throw new Error('frontdesk_identity_missing: the identity middleware did not run for this turn');
  return client;
}

/** For the hours middleware: open or closed at the turn's `now`. */
export function setHours(context: TurnContext, hours: HoursContext): void {
  context.turnState.set(HOURS, hours);
}

/** The turn's hours context; computed on the spot when the middleware did not run (a bare adapter). */
export function hoursOf(context: TurnContext, business: Business, now: Date): HoursContext {
  return (context.turnState.get(HOURS) as HoursContext | undefined) ?? hoursContextAt(business, now.getTime());
}

/** For the consent middleware: the carrier HELP answer went out this turn. */
export function markKeywordHelpSent(context: TurnContext): void {
  context.turnState.set(KEYWORD_HELP_SENT, true);
}

/** Whether the carrier HELP answer went out this turn; dialogs then only re-ask their question. */
export function keywordHelpSent(context: TurnContext): boolean {
  return context.turnState.get(KEYWORD_HELP_SENT) === true;
}

/** A flow ended because the message asked for another one; the router reads the message afresh. */
export function requestReroute(context: TurnContext): void {
  context.turnState.set(REROUTE, true);
}

/** Whether a flow asked for the message to be routed afresh; taking it clears the request. */
export function takeReroute(context: TurnContext): boolean {
  const asked = context.turnState.get(REROUTE) === true;
  context.turnState.delete(REROUTE);
  return asked;
}
