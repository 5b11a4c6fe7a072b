// Spanish, as the turn reader reads it: the Spanish tables of this folder behind the same reading
// as English (bot/understanding/turn-language.ts).

import type { Business } from '../../domain/types';
import { findService, findServiceMentions, findStaff } from '../entities';
import { readImpossibleWhen } from '../impossible-when';
import type { IntentClues } from '../intent';
import { tokenize } from '../normalize';
import type { ReadingContext, TurnLanguage, TurnPatterns } from '../turn-language';
import type { Reading } from '../types';
import { readIntentEs } from './intent';
import { findNamedDayEs, findUrgentKeywordEs, isCatalogueQuestionEs, isComplaintEs, looksLikeQuestionEs, matchFaqEs } from './questions';
import { SPANISH_REPLIES } from './replies';
import { SPANISH_NAMES } from './services';
import { canonicalWhen, readWhenEs } from './when';
import { spanishForm } from './words';

/** A Spanish message read as a whole: intent, service, day and time, FAQ, staff. */
export function understandEs(text: string, ctx: ReadingContext): Reading {
  const raw = typeof text === 'string' ? text : '';
  const flat = spanishForm(raw);
  const when = readWhenEs(raw, ctx);
  const service = findService(flat, ctx.business, SPANISH_NAMES);
  const staff = findStaff(flat, ctx.business, SPANISH_NAMES);
  const faq = matchFaqEs(raw, ctx.business);
  const hasWhen = when.date !== null || when.time !== null || when.window !== null;
  const clues: IntentClues = { hasWhen, service, staff, faq };
  const intent = readIntentEs(raw, clues);
  return { intent, service, date: when.date, time: when.time, window: when.window, faq: intent === 'faq' ? faq : null, staff };
}

const PATTERNS: TurnPatterns = {
  help: /^(?:ayuda|info|informacion|help)[\s.!?]*$/,
  serviceRequest: /\b(?:reservar|reserva|quiero|quisiera|necesito|agendar|hacer|hacerme|cambiar|cambia|mejor|en vez|en lugar|book|get)\b/,
  nameLead: /^(?:me llamo|mi nombre es|soy|es|a nombre de)\b/,
  // "mejor a las 4", "que tal 5", "cambialo a 3", "4 mejor": a change of mind with a bare hour.
  changeHour:
    /\b(?:mejor(?: a las?)?|que tal(?: a las?)?|y si(?: a las?)?|puede ser(?: a las?)?|cambia(?:lo|la|r)? a(?: las?)?|pasa(?:lo|la|r)? a(?: las?)?|pon(?:lo|la|er)? a(?: las?)?|muevelo a(?: las?)?|muevela a(?: las?)?|make it|how about)\s+(\d{1,2})(?::(\d{2}))?(?!\s*(?:[ap]\.?m|:|\d|%|\$|min|hora|personas|de la|dias?|semanas?))\b|\b(\d{1,2})(?::(\d{2}))?\s+(?:mejor|en vez|en lugar|instead)\b/,
  // "cambia mi cita de las 3 a las 4", "mueve mi turno del viernes al sabado". The appointment's
  // time never opens with the word that leads to the new one: in "cambiar mi cita al viernes a las
  // 11" all of "viernes a las 11" is the new time, not a Friday appointment moved to 11.
  moveFromTo:
    /^(.*?\b(?:cambiar|cambia|cambiame|mover|mueve|muevo|moveme|muevame|pasar|pasa|pasame|reprogramar|reprograma|reagendar|reagenda|correr|corre|move|push|change)\s+(?:mi|la|el|nuestra|my|the)\s+(?:(?:cita|turno|reserva|appointment)\s+)?(?:de(?:l)?\s+|for\s+)?)(?!(?:(?:cita|turno|reserva|appointment)\s+)?(?:a|al|para|hasta|to|pa)\s)(.+?)\s+(?:a|al|para|hasta|to)\s+(.+)$/,
  // "mueve mi cita de las 2 media hora mas tarde".
  moveBy:
    /\b(?:mover|mueve|muevo|correr|corre|pasar|pasa|atrasar|atrasa|adelantar|adelanta)\s+(?:mi|la|el)\s+(?:(?:cita|turno|reserva)\s+)?(?:de(?:l)?\s+)?(.+?)\s+(mas tarde|mas temprano|antes|despues)?\s*(?:por\s+)?((?:\d{1,3}|una?|media)\s*(?:horas?|hrs?|h|minutos?|mins?|min))\s*(mas tarde|mas temprano|antes|despues)?\b/,
  // "una hora mas tarde", "30 minutos antes", "media hora despues".
  shift: /\b(?:(\d{1,3})|(una?|1)|(media))\s*(horas?|hrs?|h|minutos?|mins?|min)\s+(mas tarde|despues|mas temprano|antes)\b/,
  hourUnit: /^h/,
  earlier: /^(?:mas temprano|antes)$/,
  nextWeekSameTime: /\bmisma hora\b.*\b(?:proxima semana|semana que viene|siguiente semana)\b|\b(?:proxima semana|semana que viene|siguiente semana)\b.*\bmisma hora\b/,
  also: /\b(?:tambien|ademas|otro|otra|also)\b/,
  changeCue: /\ben (?:vez|lugar)\b|\b(?:cambia|cambialo|cambiala|muevelo|muevela|pasalo|pasala)\b|^(?:oh |mm |eh |espera |perdon |no )*(?:en realidad|espera|perdon|ups|mejor)\b|\binstead\b/,
  // The Spanish time reader reads every short weekday ("sab", "vie"); nothing is left for this rule.
  bareWeekday: /(?!)/,
  anyStaff: /\b(?:cualquiera|cualquier (?:estilista|barbero|persona|peluquer[oa])|quien sea|me da igual|no importa quien|sin preferencia|(?:el|la) que (?:este|tenga|quede) (?:libre|disponible)|anyone|whoever)\b/,
  otherStaff: /\b(?:el otro|la otra|otra persona|otro (?:estilista|barbero|peluquero)|otra (?:estilista|peluquera)|alguien mas|alguien distinto|alguien diferente|someone else)\b/,
  followUp: /^(?:ok,?\s+|y\s+|entonces\s+)?(?:que tal|y (?:el|la|para|los|las|si)|what about|how about)\b|^y\s+(?:\S+\s+){0,3}\S+\s*\?$/,
  dayAfter: /\b(?:el\s+)?(?:dia\s+siguiente|dia\s+despues|al\s+otro\s+dia)\b(?!\s+(?:de\s+manana|\d))/,
  dayBefore: /\b(?:el\s+)?dia\s+(?:anterior|antes)\b/,
  split: /\?\s+|[.;!]\s+|\s+&\s+|,?\s+(?:y|tambi[eé]n|adem[aá]s)\s+(?=(?:¿\s*)?(?:es|son|tienen|hay|puedo|pueden|c[oó]mo|cu[aá]nto|cu[aá]nta|qu[eé]|d[oó]nde|cu[aá]ndo|cu[aá]l|quiero|quisiera|necesito|me|reservar|res[eé]rvame|agendar|tambi[eé]n|luego|por favor|alg[uú]na?)\b)/i,
  whenHint: /\d|\b(?:hoy|manana|lunes|martes|miercoles|jueves|viernes|sabado|domingo|lun|mar|mie|jue|vie|sab|dom|tarde|noche|proxim|semana|finde)/,
  late: /\b(?:llego|llegare|llegaremos|voy|vamos|estoy|voy a llegar|vamos a llegar)\s+(?:un poco\s+|un poquito\s+|unos\s+\d{1,3}\s+min(?:utos)?\s+|\d{1,3}\s+min(?:utos)?\s+)?(?:tarde|atrasad[oa]|retrasad[oa]|con retraso)\b|\b(?:me retraso|me atraso|me demoro|running late|late)\b/,
  notLate: /\b(?:cancel\w*|multa|cargo|politica)\b/,
  onMyWayIn: /\b(?:llego|llegamos|estoy (?:ahi|alli)|estare (?:ahi|alli)|llegare) en (\d{1,3})\s*(?:m|min|mins|minutos?)?\b/,
  minutes: /\b(\d{1,3})\s*(?:m|min|mins|minutos?)\b/,
  instead: /\ben (?:vez|lugar)\b|\bmejor\b|\binstead\b/,
};

/** The text is, word for word, one of a service's Spanish names or its own ("un corte" too). */
function isServiceNameEs(text: string, business: Business): boolean {
  const flat = tokenize(spanishForm(text)).join(' ').replace(/^(?:un|una|el|la|los|las|unos|unas) /, '');
  return business.services.some((s) => SPANISH_NAMES.service(s).some((n) => tokenize(n).join(' ') === flat));
}

export const SPANISH: TurnLanguage = {
  language: 'es',
  form: spanishForm,
  understand: understandEs,
  readIntent: readIntentEs,
  serviceMentions: (text, business) => findServiceMentions(spanishForm(text), business, SPANISH_NAMES),
  isServiceName: isServiceNameEs,
  matchFaq: matchFaqEs,
  looksLikeQuestion: looksLikeQuestionEs,
  isCatalogueQuestion: isCatalogueQuestionEs,
  isComplaint: isComplaintEs,
  findUrgentKeyword: findUrgentKeywordEs,
  // The impossible days and clocks are found in the time reader's own words ("30 february").
  readImpossibleWhen: (text) => readImpossibleWhen(canonicalWhen(text)),
  findNamedDay: findNamedDayEs,
  replies: SPANISH_REPLIES,
  patterns: PATTERNS,
  atClock: (hour, minute) => `a las ${hour}${minute ? `:${minute}` : ''}`,
  changeTo: (rest) => `cambialo a ${rest}`,
  onWeekday: (text) => text,
};
