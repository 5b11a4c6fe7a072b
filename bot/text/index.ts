// One text catalogue per language; the business's language picks the one the bot speaks.
import type { Language } from '../domain/types';
import { en, type Texts } from './en';

// A language the reader knows before its catalogue is written speaks English meanwhile.
const CATALOGUES: Partial<Record<Language, Texts>> = { en };

export function textsFor(language: Language = 'en'): Texts {
  return CATALOGUES[language] ?? en;
}
