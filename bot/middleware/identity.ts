// Client identity: every message is tied to one client record, found or created by address.
import { ActivityTypes, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import type { ClientStore } from '../ports/stores';
import { CLIENT_KEY } from '../../dialogs/deps';

/**
 * The address a client is known by: a phone number stays bare (E.164) so SMS and WhatsApp reach one
 * client; anything else is qualified by its channel.
 */
export function addressOf(activity: Partial<Activity>): string {
  const id = activity.from?.id ?? 'anonymous';
  const phone = id.replace(/^whatsapp:/, '');
  if (/^\+[1-9]\d{6,14}$/.test(phone)) return phone;
  return `${activity.channelId ?? 'unknown'}:${id}`;
}

export class IdentityMiddleware implements Middleware {
  constructor(
    private readonly clients: ClientStore,
    private readonly clock: () => Date,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const activity = context.activity;
    if (activity.type === ActivityTypes.Message && activity.from?.id) {
      const client = await this.clients.findOrCreateByAddress(addressOf(activity), activity.channelId ?? 'unknown', this.clock());
      context.turnState.set(CLIENT_KEY, client);
    }
    await next();
  }
}
