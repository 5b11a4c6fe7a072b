// One reader per language: a language is its own table behind the same TurnReading (English in
// bot/understanding, Spanish in bot/understanding/es), chosen by language. This registry is the
// one place that knows every language, so the shared machinery never imports a language's tables.
import type { Language } from '../../domain/types';
import { ENGLISH } from '../english';
import { SPANISH } from '../es/language';
import { makeTurnReader, readTurn, type TurnReader } from '../turn';
import type { ReadingContext, TurnLanguage } from '../turn-language';
import type { Reading } from '../types';

export { detectLanguage, languageRequest, type LanguageRequest } from './detect';

const TABLES: Record<Language, TurnLanguage> = { en: ENGLISH, es: SPANISH };
const READERS: Record<Language, TurnReader> = { en: readTurn, es: makeTurnReader(SPANISH) };

export function readerFor(language: Language = 'en'): TurnReader {
  return READERS[language];
}

/**
 * A reader that reads each turn in the language its context names (the client's, once known),
 * and in `fallback` (the business's) before that.
 */
export function readerByLanguage(fallback: Language = 'en'): TurnReader {
  return (text, ctx) => READERS[ctx.language ?? fallback](text, ctx);
}

/** The message read as a whole in a language (what `frontdesk understand` prints and the evaluation scores). */
export function understanderFor(language: Language = 'en'): (text: string, ctx: ReadingContext) => Reading {
  return TABLES[language].understand;
}
