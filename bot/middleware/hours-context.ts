// Business-hours context for the turn: open now (until when) or closed (since when, opening when),
// computed once from the config at the turn's `now`, so dialogs read it instead of working it out.
import type { Middleware, TurnContext } from 'botbuilder';
import { hoursContextAt, type HoursContext } from '../domain/norms';
import type { Business } from '../domain/types';

export const HOURS_KEY = Symbol('frontdesk.hours');

export class HoursContextMiddleware implements Middleware {
  constructor(
    private readonly business: Business,
    private readonly clock: () => Date,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    context.turnState.set(HOURS_KEY, hoursContextAt(this.business, this.clock().getTime()));
    await next();
  }
}

/** The turn's hours context; computed on the spot when the middleware did not run (a bare adapter). */
export function hoursOf(context: TurnContext, business: Business, now: Date): HoursContext {
  return (context.turnState.get(HOURS_KEY) as HoursContext | undefined) ?? hoursContextAt(business, now.getTime());
}
