// The reading middleware: right after identity, each message is read once, with what the bot is
// waiting for, and the reading is left in turn state. Middleware, dialogs and channels take it from
// there with readingOf(context) and never read the text themselves.
import { ActivityTypes, type Middleware, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import type { Business } from '../domain/types';
import type { Expectation, TurnReading } from './types';
import { readTurn, type TurnReader } from './turn';

const READING_KEY = Symbol('frontdesk.reading');

/** The reading of this turn's message; a turn without one (not a message) reads as empty text. */
export function readingOf(context: TurnContext): TurnReading {
  const reading = context.turnState.get(READING_KEY) as TurnReading | undefined;
  if (!reading) throw new Error('frontdesk_reading_missing: the reading middleware did not run for this turn');
  return reading;
}

export interface ReadingMiddlewareDeps {
  business: Business;
  clock: () => Date;
  /** Where the step that asked a question left its expectation (conversation state). */
  expecting: StatePropertyAccessor<Expectation | null>;
  /** The reader; tests wrap it to count readings. */
  read?: TurnReader;
}

export class ReadingMiddleware implements Middleware {
  private readonly read: TurnReader;

  constructor(private readonly deps: ReadingMiddlewareDeps) {
    this.read = deps.read ?? readTurn;
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (context.activity.type === ActivityTypes.Message) {
      const expecting = (await this.deps.expecting.get(context, null)) ?? null;
      const text = typeof context.activity.text === 'string' ? context.activity.text : '';
      const reading = this.read(text, { now: this.deps.clock(), business: this.deps.business, expecting });
      context.turnState.set(READING_KEY, Object.freeze(reading));
    }
    await next();
  }
}
