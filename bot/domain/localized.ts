// The business's own words (service and staff names, FAQ answers, closure names, notices) in a
// language. The plain fields are the English text; `translations` holds other languages' versions
// of some of them. Everything that speaks a language picks through `textIn`, so the fallback to
// English is one rule.
import type { Business, Language, Translations } from './types';

/** The fields of `T` that its `translations` may give in another language. */
export type TranslatedKey<T> = T extends { translations?: Translations<infer F> } ? keyof F & keyof T : never;

interface Translatable {
  translations?: Translations<object>;
}

function blank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

/**
 * The item's own text for `key` in `language`, or undefined when the owner gave none there. English
 * is the plain field.
 */
export function ownTextIn<T extends Translatable, K extends keyof T & TranslatedKey<T>>(item: T, key: K, language: Language): T[K] | undefined {
  if (language === 'en') return blank(item[key]) ? undefined : item[key];
  const own = (item.translations?.[language] as Partial<Record<K, T[K]>> | undefined)?.[key];
  return blank(own) ? undefined : own;
}

/** The item's text for `key` in `language`, falling back to the English field. */
export function textIn<T extends Translatable, K extends keyof T & TranslatedKey<T>>(item: T, key: K, language: Language): T[K] {
  return ownTextIn(item, key, language) ?? item[key];
}

/** The languages clients are answered in: the ones offered, or the business's own language. */
export function languagesOf(business: Pick<Business, 'language' | 'languages'>): Language[] {
  const own = business.language ?? 'en';
  return business.languages && business.languages.length > 0 ? [...business.languages] : [own];
}

/** The language a client is answered in: the one they last wrote in, when the business offers it, else the business's own. */
export function languageForClient(client: { language: Language | null } | null | undefined, business: Pick<Business, 'language' | 'languages'>): Language {
  const language = client?.language ?? null;
  return language !== null && languagesOf(business).includes(language) ? language : (business.language ?? 'en');
}
