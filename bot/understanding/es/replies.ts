// Short replies in Spanish: a numbered choice, a name, "olvídalo", leaving the line, a greeting.
// The English readers still answer for what is written in English ("ok", "the second one").

import type { Position } from '../replies';
import * as english from '../replies';
import type { ReplyReaders } from '../turn-language';
import { spanishForm } from './words';

const form = (text: string): string => spanishForm(text).replace(/[.!?,]+$/g, '').trim();

const ABANDON =
  /^(?:oh\s+|ok\s+|bueno\s+|mejor\s+|no\s+)?(?:olvid[ae]lo|olvidate|olvidalo todo|olvida eso|dejalo|dejalo asi|deja eso|no importa|empe(?:zar|cemos) de nuevo|empezar otra vez|volver a empezar|desde el principio|desde cero|reiniciar|cancela eso|cancela esto|ya no quiero|mejor no)\b/;

export function isAbandon(text: string): boolean {
  return ABANDON.test(form(text)) || english.isAbandon(text);
}

/** A bare "cancela" or "cancel": inside a flow it means stop this flow. A bare "cancelar" is STOP. */
export function isBareCancel(text: string): boolean {
  return /^(?:cancela|anula|anular|cancel)$/.test(form(text));
}

export function isLeavingQueue(text: string): boolean {
  if (isAbandon(text) || isBareCancel(text)) return true;
  const flat = form(text);
  return (
    /\b(?:salir|salirme|sacame|quitame|borrame) (?:de )?(?:la )?(?:fila|cola|lista|lista de espera)\b/.test(flat) ||
    /^(?:ya no (?:lo )?(?:necesito|hace falta)|ya estoy bien|ya esta resuelto|no hace falta|ya no es necesario)\b/.test(flat) ||
    english.isLeavingQueue(text)
  );
}

export function isGreeting(text: string): boolean {
  return /^(?:hola|holi|buenas|buen dia|buenos dias|buenas tardes|buenas noches|que tal|saludos|hey|ey)(?:\s+(?:que tal|como estas|como esta))?[\s!.,]*$/.test(form(text)) || english.isGreeting(text);
}

export function isThanks(text: string): boolean {
  return /^(?:ok\s+|vale\s+|perfecto\s+|genial\s+|listo\s+)?(?:muchas\s+|mil\s+|muchisimas\s+)?gracias(?:\s+(?:por todo|de nuevo|otra vez|mil))?[\s!.]*$|^(?:te lo|se lo|les) agradezco\b/.test(form(text)) || english.isThanks(text);
}

const FILLER = /^(?:no se|nose|ni idea|no estoy segur[oa]|jaja+|jeje+|jiji+|ja|mm+|eh+|ehh+|este|pues|bueno|lo que sea|da igual|nada|igual|que|como|ok|vale|si|no|quizas|tal vez|a lo mejor|prueba|test)[\s.!?]*$/;

export function isFiller(text: string): boolean {
  return FILLER.test(form(text)) || english.isFiller(text);
}

const ORDINALS: Record<string, number> = {
  primero: 1, primera: 1, '1o': 1, '1a': 1, uno: 1, una: 1,
  segundo: 2, segunda: 2, '2o': 2, '2a': 2, dos: 2,
  tercero: 3, tercera: 3, '3o': 3, '3a': 3, tres: 3,
  cuarto: 4, cuarta: 4, '4o': 4, '4a': 4, cuatro: 4,
  quinto: 5, quinta: 5, '5o': 5, '5a': 5, cinco: 5,
};

// Words around a pick that change nothing: "la segunda esta bien", "la 2 por favor".
const COURTESY_TAIL = /(?:\s+(?:esta|me)?\s*(?:bien|perfecto|perfecta|sirve|va|vale|funciona))?(?:\s+(?:por favor|gracias))?$/;

/** "2", "la segunda", "opcion 2", "el 2": the 1-based number, or null. */
export function readChoice(text: string, count: number): number | null {
  const t = form(text).replace(COURTESY_TAIL, '').trim();
  let n: number | null = null;
  const digit = /^(?:#|no\.?\s*|numero\s+|opcion\s+|la\s+(?:opcion\s+)?|el\s+(?:numero\s+)?)?(\d{1,2})$/.exec(t);
  if (digit) n = Number(digit[1]);
  const word = /^(?:la\s+|el\s+)?(?:opcion\s+)?(\S+?)(?:\s+(?:opcion|hora|cita))?$/.exec(t);
  if (n === null && word && word[1]! in ORDINALS) n = ORDINALS[word[1]!]!;
  if (n === null) return english.readChoice(text, count);
  return n < 1 || n > count ? null : n;
}

export const isNumberOutOfRange = english.isNumberOutOfRange;

const NAME_LEAD = /^(?:(?:hola|buenas)[\s,!.]*)?(?:(?:me llamo|mi nombre es|soy|es|a nombre de|ponlo a nombre de|ponla a nombre de|esta a nombre de)\s+)/i;

/** A person's name from "me llamo Ana", "a nombre de Luis Pérez", "Ana". */
export function readName(text: string): string | null {
  return english.readName(text.trim().replace(NAME_LEAD, ''));
}

export function readPosition(text: string): Position | null {
  const t = form(text).replace(COURTESY_TAIL, '').trim();
  const m = /^(?:(?:ok|vale|bueno|si|mejor|prefiero|quiero|dame)[, ]+)?(?:la|el)\s+(?:de\s+)?(mas\s+temprano|mas\s+temprana|mas\s+pronto|antes|primera|primero|mas\s+tarde|mas\s+tardia|despues|ultima|ultimo)(?:\s+(?:hora|opcion|cita))?$/.exec(t);
  if (!m) return english.readPosition(text);
  if (/^ultim/.test(m[1]!)) return 'last';
  return /temprano|temprana|pronto|antes|primer/.test(m[1]!) ? 'earlier' : 'later';
}

// "me llamo Ana Pérez", "hola, soy María López, quiero reservar…": a name given outright.
const STATED_NAME = /^(?:(?:hola|buenas)[\s,!.]+)?(?:me llamo|mi nombre es)\s+([\p{L}][\p{L}\p{M}'’\-]*(?:\s+[\p{L}][\p{L}\p{M}'’\-]*)?)[\s.!]*$/iu;
const LEADING_NAME = /^(?:(?:hola|buenas)[\s,!.]+)?(?:me llamo|mi nombre es|soy)\s+(\p{Lu}[\p{L}\p{M}'’\-]*(?:\s+\p{Lu}[\p{L}\p{M}'’\-]*)?)\s*[,.;!-]\s*\S/iu;

export function statedName(text: string): string | null {
  const trimmed = text.trim();
  const m = STATED_NAME.exec(trimmed) ?? LEADING_NAME.exec(trimmed);
  if (!m) return english.statedName(text);
  if (!/^\p{Lu}/u.test(m[1]!) && !STATED_NAME.test(trimmed)) return null;
  return english.readName(m[1]!);
}

export const SPANISH_REPLIES: ReplyReaders = {
  isAbandon,
  isBareCancel,
  isLeavingQueue,
  isGreeting,
  isThanks,
  isFiller,
  readChoice,
  isNumberOutOfRange,
  readName,
  readPosition,
  statedName,
};
