// One text catalogue per language; the business's language picks the one the bot speaks.
import { ownTextIn } from '../domain/localized';
import type { Faq, Language } from '../domain/types';
import { en, type Texts } from './en';
import { es } from './es';

const CATALOGUES: Record<Language, Texts> = { en, es };

export function textsFor(language: Language = 'en'): Texts {
  return CATALOGUES[language];
}

/** What to say for an FAQ entry in a language, before its `{values}` are filled in. */
export interface FaqAnswerText {
  /** The owner's answer template, in `language`. */
  template: string;
  /** The language the template is written in: its `{values}` are written in that language too. */
  language: Language;
  /** Said first, in the language asked for, when the answer is only in English; null otherwise. */
  leadIn: string | null;
}

/**
 * The answer to `faq` for a client reading `language`: the owner's own answer in that language, or
 * the English one after a short lead-in in theirs ("Esta respuesta la tenemos solo en inglés:").
 */
export function faqAnswerText(faq: Faq, language: Language): FaqAnswerText {
  const own = ownTextIn(faq, 'answer', language);
  if (own !== undefined) return { template: own, language, leadIn: null };
  return { template: faq.answer, language: 'en', leadIn: textsFor(language).faqOnlyInEnglish() || null };
}
