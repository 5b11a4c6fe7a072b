// A question that can be asked again in another language. A prompt keeps the activity it was
// first asked with in dialog state and says it again when re-asked (after an aside, "help", or a
// request for another language), so a client who switched to Spanish after times were offered in
// English would hear the English offer again. The question is therefore rendered, when first asked,
// in every language the business offers; re-asked in another language than the first, the prompt
// says that language's version. What was said before the question (a notice, "that time was just
// taken") belongs to its turn and is not repeated in the other versions.
import type { Activity, TurnContext } from 'botbuilder';
import { TextPrompt, type PromptOptions } from 'botbuilder-dialogs';
import { languagesOf } from '../bot/domain/localized';
import type { Business, Language } from '../bot/domain/types';
import { languageInForce, speaking } from '../bot/text/speaking';

type Said = string | Partial<Activity>;

export interface SpokenPromptOptions extends PromptOptions {
  /** The language `prompt` and `retryPrompt` are said in. */
  saidIn?: Language;
  /** The question in the business's other languages, for asking it again in one of them. */
  inLanguages?: Partial<Record<Language, { prompt: Said; retryPrompt?: Said }>>;
}

/**
 * The options for a prompt whose question `ask(lead)` is built from the turn's catalogue: asked
 * now after `lead`, and kept without it in every other language the business offers. `retry` is
 * what a failed validation says instead, in the same languages.
 */
export function spokenPrompt(business: Business, ask: (lead: string) => Said, options: { lead?: string; retry?: () => Said } = {}): SpokenPromptOptions {
  const saidIn = languageInForce(business.language ?? 'en');
  const inLanguages: Partial<Record<Language, { prompt: Said; retryPrompt?: Said }>> = {};
  for (const language of languagesOf(business)) {
    if (language === saidIn) continue;
    inLanguages[language] = speaking(language, () => ({ prompt: ask(''), ...(options.retry ? { retryPrompt: options.retry() } : {}) }));
  }
  return { prompt: ask(options.lead ?? ''), ...(options.retry ? { retryPrompt: options.retry() } : {}), saidIn, inLanguages };
}

/** A text prompt that asks in the language of the turn it asks in, when its options carry that language's version. */
export class SpokenTextPrompt extends TextPrompt {
  protected override async onPrompt(context: TurnContext, state: unknown, options: SpokenPromptOptions, isRetry: boolean): Promise<void> {
    const language = languageInForce(options.saidIn ?? 'en');
    const version = language === options.saidIn ? undefined : options.inLanguages?.[language];
    return super.onPrompt(context, state, version ? { ...options, ...version } : options, isRetry);
  }
}
