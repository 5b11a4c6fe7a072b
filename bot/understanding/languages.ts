// One reader per language: a language is its own tables behind the same TurnReading, chosen by the
// business's language when the object graph is built.
import type { Language } from '../domain/types';
import { readTurn, type TurnReader } from './turn';

const READERS: Record<Language, TurnReader> = { en: readTurn };

export function readerFor(language: Language = 'en'): TurnReader {
  return READERS[language];
}
