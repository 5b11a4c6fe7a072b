// What every dialog needs, handed in through constructors by bot/index.ts.
import type { TurnContext } from 'botbuilder';
import type { Business, Client } from '../bot/domain/types';
import type { CallbackStore, ClientStore } from '../bot/ports/stores';
import type { HandoffService } from '../bot/services/handoff-service';
import type { SchedulingService } from '../bot/services/scheduling-service';
import type { Texts } from '../bot/text/en';
import type { Reading } from '../bot/understanding/types';

export interface DialogDeps {
  business: Business;
  scheduling: SchedulingService;
  clients: ClientStore;
  callbacks: CallbackStore;
  texts: Texts;
  /** The current time; pinned in tests. */
  clock: () => Date;
  understand: (text: string, ctx: { now: Date; business: Business }) => Reading;
  /** The take-a-number queue for talking to a person. */
  handoff: HandoffService;
}

/** turnState key under which the identity middleware leaves the client record. */
export const CLIENT_KEY = Symbol('frontdesk.client');

export function clientOf(context: TurnContext): Client {
  const client = context.turnState.get(CLIENT_KEY) as Client | undefined;
  if (!client) throw new Error('frontdesk_identity_missing: the identity middleware did not run for this turn');
  return client;
}
