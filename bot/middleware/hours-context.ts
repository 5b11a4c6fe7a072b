// Business-hours context for the turn: open now (until when) or closed (since when, opening when),
// computed once from the config at the turn's `now`, so dialogs read it instead of working it out.
import type { Middleware, TurnContext } from 'botbuilder';
import { hoursContextAt } from '../domain/norms';
import type { Business } from '../domain/types';
import { setHours } from '../turn-state';

export class HoursContextMiddleware implements Middleware {
  constructor(
    private readonly business: Business,
    private readonly clock: () => Date,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    setHours(context, hoursContextAt(this.business, this.clock().getTime()));
    await next();
  }
}
