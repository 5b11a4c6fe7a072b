// Which language a client writes in, read with care: a short reply ("si", "ok", "3pm", a name, a
// number) says nothing about it, and a client who asks for a language ("en español", "english
// please") gets it. Anything else is decided by words only one of the languages uses, and a
// client already in one language is moved to the other only by a clear majority.

import type { Language } from '../../domain/types';
import { foldSpanish } from '../es/words';

// Asking for a language, in either language: "en español", "spanish please", "¿hablas español?",
// "switch to english", "prefiero inglés", or the language's name alone.
const SWITCH_TO = String.raw`\b(?:switch|change|go|move|cambia|cambiar|cambiemos|pasa|pasar|pasemos|prefiero|prefer|mejor)\s+(?:(?:back\s+)?(?:to|a|al|en)\s+|el\s+)?`;
const ASKS_SPANISH_TOO = new RegExp(`${SWITCH_TO}(?:espanol|spanish)\\b`);
const ASKS_ENGLISH_TOO = new RegExp(`${SWITCH_TO}(?:english|ingles)\\b`);
const ASKS_SPANISH = /\b(?:en|in)\s+espanol\b|\bespanol\s+(?:por\s+favor|porfa|pls|please)\b|\b(?:hablas?|habla|hablan|speak|speaks)\s+(?:en\s+)?(?:espanol|spanish)\b|\b(?:in\s+)?spanish\s+(?:please|pls|por\s+favor)\b|\bin\s+spanish\b|^\s*(?:espanol|spanish)[\s.!?]*$/;
const ASKS_ENGLISH = /\b(?:in|en)\s+(?:english|ingles)\b|\b(?:english|ingles)\s+(?:please|pls|por\s+favor|porfa)\b|\b(?:speak|speaks|hablas?|habla|hablan)\s+(?:en\s+)?(?:english|ingles)\b|^\s*(?:english|ingles)[\s.!?]*$/;

// Words that belong to one language only (folded: no accents). Words both use ("no", "me", "a",
// "ok", "hola" said by anyone, names, numbers) are in neither list.
const SPANISH_WORDS = new Set(
  (
    'de del la las el los que quiero quisiera queria necesito para por una unos unas mi mis tu su con sin pero porque como cuando donde ' +
    'cuanto cuanta cuesta esta estan estoy tengo tiene tienen hay puedo puede pueden podria manana tarde noche hoy ayer semana lunes martes ' +
    'miercoles jueves viernes sabado domingo cita turno reservar reserva cambiar mover cancelar gracias hola buenos buenas dias favor ' +
    'si tambien ahora despues antes mejor vale claro bueno corte pelo barba tinte precio horario abren cierran donde direccion ' +
    'hablar persona alguien ayuda quien cual es son muy mas otro otra dia hora horas minutos entonces ya aqui alli eso esto'
  ).split(' '),
);
const ENGLISH_WORDS = new Set(
  (
    'the i to is are you your can could would my for at on and what when where how do does did please thanks thank book appointment ' +
    'tomorrow today tonight morning afternoon evening week monday tuesday wednesday thursday friday saturday sunday haircut cut ' +
    'want need like get have has it this that with from about will just also cancel reschedule move change open close hours price ' +
    'much any there here yes yeah sure talk speak person someone help who which an of be been am was were'
  ).split(' '),
);
// Letters and marks only Spanish writes.
const SPANISH_MARKS = /[ñ¿¡áéíóú]/i;

/** How many words of each language the text has, and whether it has Spanish marks. */
function tally(text: string): { es: number; en: number; words: number } {
  const words = foldSpanish(text).replace(/[^a-z' ]+/g, ' ').split(/\s+/).filter((w) => w.length > 0);
  let es = SPANISH_MARKS.test(text) ? 1 : 0;
  let en = 0;
  for (const w of words) {
    if (SPANISH_WORDS.has(w)) es++;
    if (ENGLISH_WORDS.has(w)) en++;
  }
  return { es, en, words: words.length };
}

/** Words that may stand around a request for a language without asking anything else (folded). */
const AROUND_A_REQUEST = new Set(
  (
    'please pls plz por favor porfa porfavor ok okay ok hi hello hey hola buenas buenos dias tardes noches can could would will ' +
    'we you i me us lets let speak talk write text continue keep go switch change back to in en a al el the language idioma use ' +
    'prefer rather like want thanks thank gracias puedes puede pueden podemos podrias podria hablar hablas habla hablame hablan ' +
    'escribir escribeme escribirme escribe seguir sigamos seguimos continuar continua cambiar cambia cambiemos pasa pasar pasemos ' +
    'prefiero mejor quiero quisiera me mi si yes sure do does is are there hay que alguien someone anyone who quien solo just only ' +
    'now ahora from here aqui on mas more de del otra vez again english ingles spanish espanol'
  ).split(' '),
);

/** An explicit request for a language, and whether the message asks nothing else. */
export interface LanguageRequest {
  language: Language;
  /** The message is only the request ("en español por favor", "english please?"). */
  only: boolean;
}

/**
 * The language the text explicitly asks to be answered in ("en español por favor", "do you speak
 * spanish?", "switch to english"), or null when it asks for none or for both.
 */
export function languageRequest(text: string): LanguageRequest | null {
  if (typeof text !== 'string') return null;
  const flat = foldSpanish(text);
  const spanish = ASKS_SPANISH.test(flat) || ASKS_SPANISH_TOO.test(flat);
  const english = ASKS_ENGLISH.test(flat) || ASKS_ENGLISH_TOO.test(flat);
  if (spanish === english) return null;
  const words = flat.replace(/[^a-z' ]+/g, ' ').replace(/'/g, '').split(/\s+/).filter((w) => w.length > 0);
  return { language: spanish ? 'es' : 'en', only: words.every((w) => AROUND_A_REQUEST.has(w)) };
}

/**
 * The language the client's text is in, or null when it does not say (short replies, names,
 * numbers, a mix). `current` is the language the conversation is in: leaving it takes an explicit
 * request or a clear majority of the other language's words.
 */
export function detectLanguage(text: string, current: Language | null = null): Language | null {
  if (typeof text !== 'string') return null;
  const asked = languageRequest(text);
  if (asked) return asked.language;
  const { es, en, words } = tally(text);
  // "si", "ok", "Sam", "3pm", "2": too short to say.
  if (words < 2) return null;
  const need = (to: Language): number => (current !== null && current !== to ? 3 : 2);
  if (es >= need('es') && es >= 2 * en + 1) return 'es';
  if (en >= need('en') && en >= 2 * es + 1) return 'en';
  return null;
}
