// Which catalogue a piece of work speaks: the turn's client's language, set once by the reading
// middleware around the rest of the turn, or a client's remembered language around a message
// sent outside any turn. Services and dialogs hold one `Texts` (turnTexts) and every sentence they
// take from it comes from the catalogue of the language in force where it is asked for.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Language } from '../domain/types';
import type { Texts } from './en';
import { textsFor } from './index';

const current = new AsyncLocalStorage<Language>();

/** Runs `work` with `language` as the language every turnTexts catalogue speaks inside it. */
export function speaking<T>(language: Language, work: () => T): T {
  return current.run(language, work);
}

/** The language in force here, or `fallback` outside any speaking(). */
export function languageInForce(fallback: Language): Language {
  return current.getStore() ?? fallback;
}

/** A catalogue that answers each key from the catalogue of the language in force (else `fallback`'s). */
export function turnTexts(fallback: Language): Texts {
  return new Proxy({} as Texts, {
    get(_target, key) {
      return (textsFor(languageInForce(fallback)) as unknown as Record<PropertyKey, unknown>)[key];
    },
    has(_target, key) {
      return key in textsFor(languageInForce(fallback));
    },
    ownKeys() {
      return Reflect.ownKeys(textsFor(languageInForce(fallback)));
    },
    getOwnPropertyDescriptor(_target, key) {
      const descriptor = Object.getOwnPropertyDescriptor(textsFor(languageInForce(fallback)), key);
      return descriptor ? { ...descriptor, configurable: true } : undefined;
    },
  });
}
