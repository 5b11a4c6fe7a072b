// Questions in Spanish. A business writes its FAQ entries, closures and urgent words in its config,
// in English and, in an es: block, in Spanish. A Spanish question is matched two ways, and the
// surer match wins: against the entries' own Spanish questions and keywords, and through a gloss
// onto the English ones (the Spanish words that say what is asked, "horario", "cuánto cuesta",
// "estacionamiento", written as the words an entry is indexed by, "hours", "how much",
// "parking"), so an entry without Spanish is still found. Only glossed words are kept in the
// gloss, so the Spanish words around them do not water the match down.

import { ownTextIn } from '../../domain/localized';
import type { Business } from '../../domain/types';
import { FAQ_THRESHOLD, scoreFaqs } from '../faq-index';
import { findNamedDay } from '../named-day';
import type { NamedDay } from '../types';
import { findUrgentKeyword } from '../urgent';
import { foldSpanish, spanishForm } from './words';

const GLOSS: Array<[RegExp, string]> = [
  [/\b(?:tarjetas? de regalo|certificados? de regalo|vales? de regalo|bonos? de regalo|bonos? regalo|tarjeta regalo)\b/g, 'gift card'],
  [/\bregalos?\b/g, 'gift'],
  [/\b(?:politicas? de cancelacion|cancelacion tardia|cancelar tarde)\b/g, 'cancellation policy'],
  [/\b(?:cobran|hay (?:un |algun )?(?:cargo|costo|recargo)|multa|penalizacion|recargo)\b(?=.*\b(?:cancel\w*|no (?:voy|llego|me presento)|falto)\b)/g, 'fee cancel'],
  [/\bque pasa si (?:cancelo|cancelamos|anulo)\b/g, 'what happens if i cancel'],
  [/\b(?:a ultima hora|a ultimo momento|con poco tiempo|tarde)\b(?=.*\bcancel)|\bcancel\w* (?:a ultima hora|a ultimo momento|con poco tiempo|tarde)\b/g, 'last minute late cancel'],
  [/\b(?:si no (?:voy|llego|me presento)|no show|faltar a la cita)\b/g, 'no show'],
  [/\bpoliticas?\b/g, 'policy'],
  [/\b(?:sin cita(?: previa)?|sin turno|sin reserva|sin hacer cita|llegar sin avisar)\b/g, 'walk in'],
  [/\b(?:horarios?|horas de atencion)\b/g, 'hours'],
  [/\b(?:a que hora|hasta que hora|desde que hora|hasta cuando)\b/g, 'what time'],
  [/\b(?:abren|abre|abierto|abiertos|abierta|abiertas|atienden|trabajan)\b/g, 'open'],
  [/\b(?:cierran|cierra|cerrado|cerrados|cerrada)\b/g, 'close'],
  [/\b(?:direccion|ubicacion|ubicados|ubicadas|ubicado|donde (?:estan|queda|quedan|se encuentran|los encuentro|es|esta)|como (?:llego|llegar)|indicaciones)\b/g, 'where located address directions'],
  [/\b(?:estacionamiento|aparcamiento|parqueo|parqueadero|parking|estacionar|estaciono|aparcar|aparco|cochera|donde (?:dejo|dejar) el (?:carro|coche|auto))\b/g, 'parking'],
  [/\b(?:lista de precios|precios?|tarifas?|costos?|cuanto (?:cuesta|cuestan|vale|valen|sale|salen|cobran|es|seria|serian)|que precio)\b/g, 'price how much'],
  [/\b(?:formas? de pago|pagos?|pagar|pago con|aceptan)\b/g, 'pay'],
  [/\b(?:tarjetas?|credito|debito)\b/g, 'card'],
  [/\b(?:efectivo|cash)\b/g, 'cash'],
  [/\bpropinas?\b/g, 'tip'],
  [/\b(?:transferencia|venmo|zelle|apple pay|google pay)\b/g, 'pay'],
  [/\b(?:cancelacion|cancelaciones)\b/g, 'cancellation'],
  // Days a business closes for and urgent words, as configs name them.
  [/\b(?:nochebuena|noche buena|vispera de navidad)\b/g, 'christmas eve'],
  [/\bnavidad\b/g, 'christmas'],
  [/\b(?:dia de )?accion de gracias\b/g, 'thanksgiving'],
  [/\bnochevieja\b/g, "new year's eve"],
  [/\bano nuevo\b/g, "new year's day"],
  [/\b(?:emergencia|emergencias)\b/g, 'emergency'],
  [/\b(?:urgente|urgencia)\b/g, 'urgent'],
  [/\breaccion alergica\b/g, 'allergic reaction'],
  [/\bquemadura(?: quimica)?\b/g, 'chemical burn'],
  [/\b(?:me quede (?:afuera|fuera)|no puedo entrar|quede encerrad[oa])\b/g, 'locked out'],
  // A negation stays, so "no es urgente" is not urgent in English either.
  [/\b(?:no|sin|nada)\b/g, 'not'],
];

/** The English words a Spanish text asks about, in order; empty when it asks about nothing glossed. */
export function gloss(text: string): string {
  const flat = spanishForm(text);
  const found: Array<{ at: number; words: string }> = [];
  let rest = flat;
  for (const [pattern, words] of GLOSS) {
    rest = rest.replace(new RegExp(pattern.source, 'g'), (m: string, at: number) => {
      found.push({ at, words });
      return ' '.repeat(m.length);
    });
  }
  return found
    .sort((a, b) => a.at - b.at)
    .map((f) => f.words)
    .join(' ');
}

// Words that say nothing about which question is asked; question words ("donde", "cuanto") stay.
const STOPWORDS = new Set(
  ('de del la las el los lo un una unos unas y o a al en por para con sin que se me te le les mi mis tu tus su sus es son esta estan ' +
    'este esto eso hay ser muy mas ya si no hola buenas buenos gracias favor quiero quisiera necesito puedo pueden puede usted ustedes').split(' '),
);

/** The folded words of a Spanish text that may say what it asks. */
function content(text: string): string {
  return spanishForm(text)
    .replace(/[^a-z0-9 ]+/g, ' ')
    .split(/\s+/)
    .filter((w) => w !== '' && !STOPWORDS.has(w))
    .join(' ');
}

const views = new WeakMap<Business, Business>();

/**
 * The business in its own Spanish words: each FAQ entry with its Spanish questions and keywords,
 * each closure and special day with its Spanish name (none where the config gives none).
 */
function spanishView(business: Business): Business {
  const cached = views.get(business);
  if (cached) return cached;
  const view: Business = {
    ...business,
    faqs: business.faqs.map((f) => ({
      ...f,
      questions: (ownTextIn(f, 'questions', 'es') ?? []).map(content).filter((q) => q !== ''),
      keywords: (ownTextIn(f, 'keywords', 'es') ?? []).map(foldSpanish),
    })),
    closures: business.closures.map((c) => ({ ...c, name: foldSpanish(ownTextIn(c, 'name', 'es') ?? '') })),
    specialHours: business.specialHours.map((d) => ({ ...d, name: foldSpanish(ownTextIn(d, 'name', 'es') ?? '') })),
  };
  views.set(business, view);
  return view;
}

function best(text: string, business: Business): { id: string; score: number } | null {
  if (text.trim() === '') return null;
  return scoreFaqs(text, business)[0] ?? null;
}

/** The FAQ entry a Spanish text asks about, when one clears the threshold. */
export function matchFaqEs(text: string, business: Business): string | null {
  const own = best(content(text), spanishView(business));
  const glossed = best(gloss(text), business);
  const found = [own, glossed].filter((m): m is { id: string; score: number } => m !== null && m.score >= FAQ_THRESHOLD);
  found.sort((a, b) => b.score - a.score);
  return found[0]?.id ?? null;
}

/** A closure or special day named in Spanish, by its Spanish name or a gloss onto the English one. */
export function findNamedDayEs(text: string, business: Business, now: Date): NamedDay | null {
  const own = findNamedDay(spanishForm(text), spanishView(business), now);
  if (own) {
    const day = [...business.closures, ...business.specialHours].find((d) => d.date === own.date && d.name);
    if (day?.name) return { name: day.name, date: own.date };
  }
  return findNamedDay(`${spanishForm(text)} ${gloss(text)}`, business, now);
}

/** The owner's urgent word the text names: one of the config's Spanish ones, or an English one (glossed too). */
export function findUrgentKeywordEs(text: string, business: Business): string | null {
  const flat = spanishForm(text);
  const norms = business.norms;
  const spanish = norms ? (ownTextIn(norms, 'urgentKeywords', 'es') ?? []) : [];
  const english = norms?.urgentKeywords ?? [];
  return spanish.find((k) => findUrgentKeyword(flat, [foldSpanish(k)]) !== null) ?? findUrgentKeyword(flat, english) ?? findUrgentKeyword(gloss(text), english);
}

const QUESTION_START = /^(?:que|cual|cuales|cuando|donde|como|cuanto|cuanta|cuantos|cuantas|quien|por que|tienen|tiene|hay|puedo|pueden|puede|podria|abren|aceptan|es|son|estan|hacen|hasta|a que)\b/;

/** A question to the business: "¿abren el domingo?", "cuánto cuesta un corte". */
export function looksLikeQuestionEs(text: string): boolean {
  const raw = typeof text === 'string' ? text.trim() : '';
  const flat = spanishForm(raw);
  if (flat.split(' ').length < 2) return false;
  return raw.endsWith('?') || raw.startsWith('¿') || QUESTION_START.test(flat);
}

export function isCatalogueQuestionEs(text: string): boolean {
  const flat = spanishForm(text);
  return (
    /\b(?:que|cuales) (?:tipos? de |clases? de )?(?:servicios|tratamientos)\b/.test(flat) ||
    /\bque (?:hacen|ofrecen|servicios tienen)\b/.test(flat) ||
    /\b(?:lista|menu|carta) de servicios\b|\bque puedo (?:reservar|pedir)\b/.test(flat)
  );
}

const DISSATISFIED = [
  'pesimo', 'pesima', 'horrible', 'terrible', 'fatal', 'queja', 'quejarme', 'reclamo', 'reclamacion', 'reembolso', 'grosero', 'grosera',
  'maleducado', 'maleducada', 'arruinaron', 'arruino', 'estropearon', 'desastre', 'decepcionado', 'decepcionada', 'molesto', 'molesta',
  'enojado', 'enojada', 'furioso', 'furiosa', 'indignado', 'indignada', 'estafa', 'inaceptable', 'quemaron', 'lastimaron',
];
const NEGATORS = new Set(['no', 'nada', 'ni', 'sin', 'nunca', 'tampoco']);

/** The text complains about the business or a visit ("pésimo servicio", "quiero un reembolso"). */
export function isComplaintEs(text: string): boolean {
  const flat = spanishForm(text).replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (flat === '' || /\bsin (?:quejas|problemas)\b/.test(flat)) return false;
  if (/\b(?:mal|mala|malisimo|malisima) (?:servicio|atencion|corte|trabajo|experiencia|trato)\b|\bno (?:estoy|quede) (?:content[oa]|satisfech[oa]|conforme)\b|\bnunca (?:vuelvo|volvere|mas vuelvo)\b|\b(?:quiero|exijo) (?:mi dinero|un reembolso|que me devuelvan)\b/.test(flat)) return true;
  const words = flat.split(' ');
  return words.some((w, i) => DISSATISFIED.includes(w) && !words.slice(Math.max(0, i - 2), i).some((b) => NEGATORS.has(b)));
}
