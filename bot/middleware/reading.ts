// The reading middleware: right after identity, each message is read once, with what the bot is
// waiting for, and the reading is left in turn state. Middleware, dialogs and channels take it from
// there with readingOf(context) and never read the text themselves; this is the one middleware
// that runs a reader. The reading also decides the
// language of the turn: the client's remembered one, unless what they wrote says another the
// business offers (detectLanguage); the rest of the turn speaks it, and the client record keeps it.
// A message that asks for a language in so many words is marked in turn state (setLanguageAsked),
// so one that asks nothing else is acknowledged rather than taken for a message not understood.
import { ActivityTypes, type Middleware, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { languageForClient, languagesOf } from '../domain/localized';
import type { Business, Language } from '../domain/types';
import type { ClientStore } from '../ports/stores';
import { speaking } from '../text/speaking';
import { clientIfKnown, setClient, setLanguage, setLanguageAsked, setReading } from '../turn-state';
import { detectLanguage, languageRequest, readerByLanguage } from '../understanding/languages';
import type { TurnReader } from '../understanding/turn';
import type { Expectation } from '../understanding/types';

export interface ReadingMiddlewareDeps {
  business: Business;
  clock: () => Date;
  /** Where the step that asked a question left its expectation (conversation state). */
  expecting: StatePropertyAccessor<Expectation | null>;
  /** The reader; tests wrap it to count readings. */
  read?: TurnReader;
  /** Where a client's language is remembered. */
  clients: Pick<ClientStore, 'setLanguage'>;
}


export class ReadingMiddleware implements Middleware {
  private readonly read: TurnReader;

  private readonly offered: readonly Language[];

  constructor(private readonly deps: ReadingMiddlewareDeps) {
    this.read = deps.read ?? readerByLanguage(deps.business.language ?? 'en');
    this.offered = languagesOf(deps.business);
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    let language = languageForClient(clientIfKnown(context), this.deps.business);
    if (context.activity.type === ActivityTypes.Message) {
      const text = typeof context.activity.text === 'string' ? context.activity.text : '';
      language = await this.languageFor(context, text, language);
      const expecting = (await this.deps.expecting.get(context, null)) ?? null;
      const reading = this.read(text, { now: this.deps.clock(), business: this.deps.business, expecting, language });
      setReading(context, reading);
    }
    setLanguage(context, language);
    await speaking(language, next);
  }

  /** The turn's language: a switch the text asks for or clearly shows (to one the business offers) is remembered. */
  private async languageFor(context: TurnContext, text: string, current: Language): Promise<Language> {
    const client = clientIfKnown(context);
    const asked = languageRequest(text);
    if (asked && this.offered.includes(asked.language)) setLanguageAsked(context, asked);
    const detected = detectLanguage(text, client?.language ?? null);
    if (detected === null || !this.offered.includes(detected)) return current;
    if (client && client.language !== detected) {
      const updated = await this.deps.clients.setLanguage(client.id, detected);
      if (updated) setClient(context, updated);
    }
    return detected;
  }
}
