// What a client writing Spanish wants, with the same order of rules as in English: carrier
// keywords and short replies first, then the appointment verbs, then questions, then booking as
// the default for any message that names a service or a time. Matched against the folded form
// (words.ts), so "cancelación", "cancelacion" and "CANCELACIÓN" meet.

import type { IntentClues } from '../intent';
import { readIntent as readEnglishIntent } from '../intent';
import type { Intent } from '../types';
import { spanishForm } from './words';

// Words that may surround a keyword or a short reply without changing it ("alto por favor", "si gracias").
const FILLER = new Set('por favor gracias muchas ya ahora hola buenas oye mira pues bueno este eh ah y entonces senor senora ok'.split(' '));

// Opt-out words. A bare "cancelar" is the carrier's keyword (it stops messages); "cancelar mi cita"
// cancels an appointment. "para" alone is "stop!", but a preposition anywhere else.
const STOP_WORDS = new Set(['alto', 'parar', 'para', 'pare', 'paren', 'detener', 'deten', 'baja', 'cancelar', 'stop', 'stopall', 'unsubscribe', 'end', 'quit', 'revoke', 'optout', 'basta']);
const START_WORDS = new Set(['iniciar', 'inicio', 'alta', 'start', 'unstop', 'reanudar', 'reactivar', 'subscribe', 'resubscribe']);
const HELP_WORDS = new Set(['ayuda', 'info', 'informacion', 'help', 'menu', 'comandos']);

const YES = phrases(
  'si|sip|sii|claro|claro que si|vale|ok|okay|dale|va|sale|venga|perfecto|perfecta|de acuerdo|esta bien|bien|muy bien|genial|' +
    'excelente|correcto|exacto|eso|asi es|confirmo|confirmado|confirmada|confirmar|por supuesto|seguro|listo|lista|hecho|me parece bien|' +
    'me sirve|me viene bien|me queda bien|funciona|me funciona|bueno|obvio|adelante|reservalo|reservala|agendalo|si por favor|' +
    'si claro|si perfecto|si esta bien|si me sirve|si va|si dale|yes|yep|yeah|sure|fine|great|perfect|good|cool|k|oki|okis|chido|bacan|de una',
);
const NO = phrases(
  'no|nop|nope|nel|nah|para nada|no gracias|no me sirve|no puedo|ninguno|ninguna|ninguna de esas|ninguno de esos|no me funciona|' +
    'no me viene bien|no me queda bien|mejor no|tampoco|negativo|no esta bien|no es correcto|incorrecto|no asi no|no por ahora|' +
    'ahora no|todavia no|no quiero|no me interesa|no hace falta|no es necesario|nada|no nada',
);

function phrases(list: string): Set<string> {
  return new Set(list.split('|').map((p) => p.trim()));
}

/** True when the words are all phrases of `set`, with filler words around them. */
function coveredBy(words: string[], set: Set<string>): boolean {
  let i = 0;
  let matched = false;
  while (i < words.length) {
    let step = 0;
    for (let n = Math.min(5, words.length - i); n >= 1; n--) {
      if (set.has(words.slice(i, i + n).join(' '))) {
        step = n;
        break;
      }
    }
    if (step > 0) {
      matched = true;
      i += step;
    } else if (FILLER.has(words[i]!)) i += 1;
    else return false;
  }
  return matched;
}

const MESSAGES = '(?:mensajes?|textos?|sms|whatsapps?|notificaciones|recordatorios)';

function isStop(words: string[], flat: string): boolean {
  if (words.length > 0 && words.every((w) => STOP_WORDS.has(w) || FILLER.has(w)) && words.some((w) => STOP_WORDS.has(w))) return true;
  return (
    new RegExp(`\\b(?:dejen?|deja|dejar) de (?:escribirme|mandarme|enviarme|textearme)\\b`).test(flat) ||
    new RegExp(`\\bno (?:me )?(?:escriban|manden|envien|mandes|envies|escribas) mas\\b`).test(flat) ||
    new RegExp(`\\bno (?:quiero|deseo) (?:recibir|mas) (?:mas )?${MESSAGES}\\b`).test(flat) ||
    /\b(?:darme|dame|denme|dar) de baja\b/.test(flat) ||
    new RegExp(`\\b(?:alto|basta) (?:a )?(?:los )?${MESSAGES}\\b`).test(flat) ||
    /\b(?:stop|unsubscribe)\b/.test(flat) && words.length <= 3
  );
}

function isStart(words: string[], flat: string): boolean {
  if (words.length > 0 && words.every((w) => START_WORDS.has(w) || FILLER.has(w)) && words.some((w) => START_WORDS.has(w))) return true;
  return /\b(?:darme|dame|denme|dar) de alta\b/.test(flat) || new RegExp(`\\bvolver a recibir ${MESSAGES}\\b`).test(flat);
}

function isHelp(words: string[], flat: string): boolean {
  if (words.length > 0 && HELP_WORDS.has(words[0]!) && words.slice(1).every((w) => FILLER.has(w) || w === 'me' || w === 'necesito')) return true;
  return /\bque (?:puedes|puede|pueden) hacer\b|\bcomo funciona(?:s)?(?: esto)?\b|\bque (?:puedo|se puede) (?:pedir|decir|hacer aqui|escribir)\b|\bcuales son (?:mis|las) opciones\b/.test(flat);
}

const PERSON =
  '(?:(?:a |con )?(?:una |un |el |la |alguna |algun )?(?:persona|humano|humana|alguien|empleado|empleada|encargado|encargada|gerente|dueno|duena|recepcion|recepcionista|agente|operador|operadora|asesor|asesora|estilista|peluquero|peluquera|barbero)(?: real| de verdad)?)';

function isHuman(flat: string): boolean {
  if (new RegExp(`^${PERSON}(?: por favor)?$`).test(flat)) return true;
  return (
    new RegExp(`\\b(?:hablar|habla|hablo|platicar|chatear|comunicarme|comunicame|comunicarse|contactar) (?:con )?${PERSON}`).test(flat) ||
    new RegExp(`\\b(?:pasame|pasenme|paseme|pasas|pasan|ponme|pongame|pones|conectame|conectas|transfiereme|comunicas) (?:con|a)\\b`).test(flat) ||
    new RegExp(`\\bque me atienda ${PERSON}|\\b${PERSON} (?:me )?(?:puede|pueda) atender\\b`).test(flat) ||
    /\b(?:llamame|llamenme|me (?:pueden|puede|podrian|podria) llamar|me llaman|que me llamen|quiero que me llamen)\b/.test(flat) ||
    /\b(?:eres|es|esto es) (?:un )?(?:bot|robot|maquina|persona real|humano)\b/.test(flat) ||
    /\bpersona (?:real|de verdad)\b/.test(flat)
  );
}

const APPOINTMENT = '(?:cita|citas|turno|turnos|reserva|reservas|reservacion|hora|appointment|appt)';
const CANCEL_WORD = /\b(?:cancelar|cancela|cancelo|cancele|cancelen|cancelame|cancelarla|cancelarlo|cancelacion|anular|anula|anulo|anule|anulen|anulame|anularla|cancel)\b/;
const RESCHEDULE_WORD = /\b(?:reprogramar|reprograma|reprogramo|reprogramame|reagendar|reagenda|reagendo|reagendame|posponer|pospon|pospongo|aplazar|aplaza|aplazo|reschedule)\b/;
const MOVE_VERB = new RegExp(
  `\\b(?:cambiar|cambia|cambio|cambiame|cambiarla|cambiarlo|mover|mueve|muevo|moverla|moverlo|muevame|pasar|pasa|paso|pasarla|pasarlo|pasame|adelantar|adelanta|adelantame|atrasar|atrasa|atrasame|retrasar|retrasa|retrasame|correr|corre|correrla)\\b` +
    `(?: (?:mi|mis|nuestra|nuestro)\\b| (?:la|el|las|los|para|a|al|de|del|un|una)? ?(?:${APPOINTMENT}|para|a|al|otro|otra|mas|\\d|hoy|manana|lunes|martes|miercoles|jueves|viernes|sabado|domingo)\\b)`,
);
const MISS_IT = /\bno (?:voy a |vamos a )?(?:poder |podre |podremos |puedo |podemos )?(?:ir|llegar|asistir|acudir|venir|presentarme)\b|\bno (?:ire|iremos|llegare|asistire|vendre)\b/;
const NO_LONGER_WORKS = /\b(?:ya )?no (?:puedo|podre|podemos|me sirve|me viene bien|me queda bien|me funciona)\b|\bya no\b/;
const MAKE_IT_INSTEAD = /\b(?:mejor|en vez|en lugar|otro dia|otra hora|otro horario|que tal|y si|puede ser)\b/;
const POLICY_QUESTION = /\b(?:si cancelo|si no voy|si no llego|politica|multa|cargo|cobran|cobra|penalizacion|con cuanto tiempo|cuanto tiempo antes|que pasa si|hay (?:un |algun )?(?:cargo|costo))\b/;

const LIST = new RegExp(
  `\\b(?:cuando|a que hora|que dia|que fecha) (?:es|era|tengo) (?:mi|la) (?:proxima )?${APPOINTMENT}\\b|\\btengo (?:una |alguna |algun )?${APPOINTMENT}\\b(?!.*\\b(?:quiero|quisiera|reservar|agendar|sacar|pedir|para)\\b)|` +
    `\\b(?:mis|mi proxima|mis proximas) ${APPOINTMENT}\\b|\\bque ${APPOINTMENT} tengo\\b|\\btengo algo (?:reservado|agendado|apartado|programado)\\b|\\bestoy (?:anotad[oa]|apuntad[oa]|reservad[oa]|agendad[oa])\\b|\\b(?:ver|revisar|confirmar|recordarme) (?:mi|mis) ${APPOINTMENT}\\b`,
);

const AVAILABILITY = /\b(?:disponibilidad|disponible|disponibles|libre|libres|hueco|huecos|espacio|lugar|cupo|cupos|turnos? libres?|horarios? libres?|tienen algo|hay algo|me pueden atender|me atienden)\b/;
const BOOK_VERB = new RegExp(
  `\\b(?:reservar|reserva|reservame|reservo|agendar|agenda|agendame|agendo|apartar|aparta|apartame|programar|programa|programame|book|sacar|pedir|hacer|hacerme|quiero|quisiera|queria|necesito|me gustaria|puedo ir|puedo pasar|puedo llegar|ir a|pasar por)\\b.*\\b(?:${APPOINTMENT}|corte|servicio)\\b|` +
    `\\b(?:reservar|reservame|agendar|agendame|apartar|apartame|programar|programame|book)\\b|\\b(?:cita|citas|turno|turnos|reserva|reservacion|appointment|appt)\\b`,
);
const HOURS_QUESTION = /\b(?:estan|esta|estaran|abren|abre|abriran|cierran|cierra|cerraran) (?:abiertos?|cerrados?)?\b|\b(?:a que hora|hasta que hora|hasta cuando|desde que hora) (?:abren|cierran|abre|cierra|atienden|estan)\b|\bhorario\b/;
const FAREWELL = /\b(?:nos vemos|nos vemos el|te veo|los veo|hasta luego|hasta pronto|hasta manana|hasta el|ahi nos vemos|alli nos vemos|alla nos vemos|see you)\b/;
const QUESTION_WORD = /^(?:que|cual|cuales|cuando|donde|como|cuanto|cuanta|cuantos|quien|por que|tienen|hay|puedo|pueden|abren|aceptan|es|estan|hacen|hasta)\b/;

/** "no gracias" / "si, perfecto": a yes or a no first, and nothing else of weight. */
function leadingReply(words: string[], flat: string, clues: IntentClues): 'yes' | 'no' | null {
  if (clues.hasWhen || clues.service !== null || clues.staff !== null || clues.faq !== null) return null;
  const rest = words.slice(1).join(' ');
  if (CANCEL_WORD.test(rest) || RESCHEDULE_WORD.test(rest) || /\b(?:pero|excepto|aunque|mejor|por que|que|cuando|como)\b/.test(rest)) return null;
  const first = words[0]!;
  if (first === 'si' || first === 'claro' || first === 'vale' || first === 'dale' || first === 'perfecto') return 'yes';
  if (first === 'no' || first === 'nop' || first === 'nel') return /^no (?:me )?(?:puedo|podre|voy)/.test(flat) ? null : 'no';
  return null;
}

/** Cancel, move or book with the appointment verbs; null when the text names none. */
function appointmentVerb(flat: string, clues: IntentClues): Intent | null {
  const cancelWord = CANCEL_WORD.test(flat);
  const rescheduleWord = RESCHEDULE_WORD.test(flat);
  if ((cancelWord || rescheduleWord) && POLICY_QUESTION.test(flat) && clues.faq !== null) return 'faq';
  if (rescheduleWord) return 'reschedule';
  if (MOVE_VERB.test(flat) && !cancelWord) return 'reschedule';
  if (cancelWord || MISS_IT.test(flat)) {
    // "no puedo el jueves, mejor el sabado": a new time after the complaint is a move.
    if (MAKE_IT_INSTEAD.test(flat) && clues.hasWhen) return 'reschedule';
    return 'cancel';
  }
  if (NO_LONGER_WORKS.test(flat) && MAKE_IT_INSTEAD.test(flat) && clues.hasWhen) return 'reschedule';
  return null;
}

export function readIntentEs(text: string, clues: IntentClues): Intent {
  const flat = spanishForm(text).replace(/[^a-z0-9:' ]+/g, ' ').replace(/\s+/g, ' ').trim();
  let words = flat === '' ? [] : flat.split(' ');
  let lead = 0;
  while (lead < words.length - 1 && FILLER.has(words[lead]!) && !YES.has(words[lead]!)) lead++;
  words = words.slice(lead);
  if (words.length === 0) return 'other';
  const core = words.join(' ');
  if (isStop(words, core)) return 'stop';
  if (isStart(words, core)) return 'start';
  if (coveredBy(words, YES)) return 'yes';
  if (coveredBy(words, NO)) return 'no';
  if (isHelp(words, core)) return 'help';
  if (isHuman(core)) return 'human';
  const verb = appointmentVerb(core, clues);
  if (verb) return verb;
  if (LIST.test(core)) return 'list';
  const availability = AVAILABILITY.test(core);
  if (clues.faq !== null) {
    // "corte el sabado por la manana?": a service and a time without a question word is a booking.
    const bookingLike = availability || (BOOK_VERB.test(core) && clues.hasWhen) || (clues.service !== null && clues.hasWhen && !QUESTION_WORD.test(core) && !POLICY_QUESTION.test(core));
    if (!bookingLike || HOURS_QUESTION.test(core)) return 'faq';
  }
  const reply = leadingReply(words, core, clues);
  if (reply) return reply;
  // "gracias, nos vemos el sábado" closes a conversation; it does not ask for a new booking.
  if (FAREWELL.test(core) && !BOOK_VERB.test(core) && !availability && clues.service === null) return YES.has(words[0]!) ? 'yes' : 'other';
  if (availability || BOOK_VERB.test(core)) return 'book';
  if (clues.service !== null || clues.hasWhen) return 'book';
  if (clues.staff !== null && /\bcon\b/.test(core)) return 'book';
  if (/\bayuda\b/.test(core)) return 'help';
  // A text in English inside a Spanish conversation is still read.
  const english = readEnglishIntent(text, clues);
  return english === 'other' ? 'other' : english;
}
