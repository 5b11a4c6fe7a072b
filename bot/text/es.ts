// Every sentence the bot says to a client, in Spanish: friendly, tú, short like a text message, for
// clients in Latin America and the US. The same keys and arguments as the English catalogue
// (en.ts); the business's own words (service and staff names, closure names, FAQ answers) come in
// Spanish through textIn, falling back to the owner's English. What staff read (the on-call alert)
// stays English: staff are the business's.
import { DateTime } from 'luxon';
import { textIn } from '../domain/localized';
import type { Business, ClockRange, Closure, Language, Service, StaffMember, Weekday } from '../domain/types';
import type { QueuePlace, Rejection } from '../domain/outcomes';
import { en, type Texts } from './en';
import {
  formatClock as clockIn,
  formatDay as dayIn,
  formatMoney,
  formatWallClock,
  formatWeekday as weekdayIn,
  formatWeekdayAt,
  formatWhen as whenIn,
  listAnd as andIn,
  listOr as orIn,
  monthName,
  shortWeekday,
} from './format';

const ES: Language = 'es';
const when = (at: number, zone: string) => whenIn(at, zone, ES);
const clock = (at: number, zone: string) => clockIn(at, zone, ES);
const day = (date: string) => dayIn(date, ES);
const weekday = (date: string) => weekdayIn(date, ES);
const listOr = (items: string[]) => orIn(items, ES);
const listAnd = (items: string[]) => andIn(items, ES);

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "Corte de pelo" reads "corte de pelo" mid-sentence; an acronym ("CBD facial") keeps its capitals. */
function midSentence(s: string): string {
  const first = s.split(/\s+/)[0] ?? '';
  return first.length > 1 && first === first.toUpperCase() ? s : s.charAt(0).toLowerCase() + s.slice(1);
}

/** The service's Spanish name, as it starts a sentence. */
function serviceName(service: Service): string {
  return textIn(service, 'name', ES);
}

/** The service's Spanish name mid-sentence: "tu cita de corte de pelo". */
function service(s: Service): string {
  return midSentence(serviceName(s));
}

/** The staff member as the owner wrote them in Spanish: "la estilista principal", or a person's name. */
function staffLabel(staff: StaffMember): string {
  return textIn(staff, 'name', ES).trim();
}

function closureName(closure: Closure): string {
  return textIn(closure, 'name', ES);
}

/** "el jueves 12 de marzo": a date in a sentence takes its article. */
function onDay(date: string): string {
  return `el ${day(date)}`;
}

/** "a las 3:00 p. m." / "a la 1:00 p. m.". */
function atClock(at: number, zone: string): string {
  const hour = DateTime.fromMillis(at, { zone }).hour % 12 || 12;
  return `${hour === 1 ? 'a la' : 'a las'} ${clock(at, zone)}`;
}

function formatPrice(s: Pick<Service, 'price'>, currency: string): string {
  if (s.price === null) return 'precio a consultar';
  if (s.price === 0) return 'gratis';
  return formatMoney(s.price, currency, ES);
}

function serviceLine(s: Service, currency: string): string {
  return `${serviceName(s)} (${s.minutes} min, ${formatPrice(s, currency)})`;
}

/** Numbered choices, one a line, with the reply hint ("Responde 1, 2 o 3"). */
function numbered(choices: string[], tail?: string): string {
  const lines = choices.map((c, i) => `${i + 1}) ${c}`);
  const hint = choices.length === 1 ? 'Responde 1' : `Responde ${listOr(choices.map((_, i) => String(i + 1)))}`;
  return `${lines.join('\n')}\n${hint}${tail ? `, ${tail}` : '.'}`;
}

function hoursLabel(hours: number): string {
  return hours === 1 ? '1 hora' : `${hours} horas`;
}

function noticeLabel(minutes: number): string {
  return minutes % 60 === 0 ? hoursLabel(minutes / 60) : `${minutes} minutos`;
}

function waitLabel(minutes: number): string {
  if (minutes < 60) return minutes <= 1 ? 'un minuto' : `${minutes} minutos`;
  const hours = Math.round(minutes / 30) / 2;
  const whole = Math.floor(hours);
  const half = hours !== whole;
  if (whole === 1) return half ? 'una hora y media' : 'una hora';
  return `${whole} horas${half ? ' y media' : ''}`;
}

function placeInLine(q: QueuePlace): string {
  return q.ahead === 0
    ? `Eres el número ${q.number} en la fila y sigues tú`
    : `Eres el número ${q.number} en la fila (${q.ahead === 1 ? 'hay 1 persona antes' : `hay ${q.ahead} personas antes`})`;
}

function ahead(n: number): string {
  return n === 1 ? '1 persona antes que tú' : `${n} personas antes que tú`;
}

/** "hoy (jueves 12 de marzo)" / "mañana (...)" / "el jueves 12 de marzo", counted in the business zone. */
function relativeDay(at: number, now: number, zone: string): string {
  const target = DateTime.fromMillis(at, { zone });
  const today = DateTime.fromMillis(now, { zone }).startOf('day');
  const label = day(target.toISODate()!);
  const offset = Math.round(target.startOf('day').diff(today, 'days').days);
  return offset === 0 ? `hoy (${label})` : offset === 1 ? `mañana (${label})` : `el ${label}`;
}

const VERBS: Record<'move' | 'cancel', string> = { move: 'cambiar', cancel: 'cancelar' };

function rejection(r: Rejection, zone?: string): string {
  void zone;
  switch (r.reason) {
    case 'past':
      return 'Esa hora ya pasó.';
    case 'too_soon':
      return `Necesitamos al menos ${noticeLabel(r.minNoticeMinutes)} de aviso para reservar, así que esa hora es muy pronto.`;
    case 'too_far':
      return r.lastDate
        ? `Solo reservamos hasta ${r.horizonDays} días antes (hasta el ${day(r.lastDate)}), así que esa fecha queda muy lejos.`
        : `Solo reservamos hasta ${r.horizonDays} días antes, así que esa fecha queda muy lejos.`;
    case 'closed':
      if (r.closure) return `Estamos cerrados ${onDay(r.date)} por ${closureName(r.closure)}.`;
      return r.weekly === false ? `Estamos cerrados ${onDay(r.date)}.` : `Los ${pluralWeekday(r.date)} estamos cerrados.`;
    case 'before_opening':
      return `Es antes de que abramos: ${onDay(r.date)} abrimos ${atClock(r.opensAt, r.zone)}.`;
    case 'after_closing':
      return `Es después de que cerramos: ${onDay(r.date)} cerramos ${atClock(r.closesAt, r.zone)}.`;
    case 'runs_past_close': {
      const why = r.closure ? ` (ese día cerramos temprano por ${closureName(r.closure)})` : '';
      return `${capitalize(serviceOfLength(r.service))} ${atClock(r.at, r.zone)} terminaría después de nuestro cierre, ${atClock(r.closesAt, r.zone)}${why}.`;
    }
    case 'runs_into_break': {
      const into = r.closure ? `el cierre por ${closureName(r.closure)}` : 'nuestro descanso';
      return `${capitalize(serviceOfLength(r.service))} ${atClock(r.at, r.zone)} se cruzaría con ${into}, que empieza ${atClock(r.breakAt, r.zone)}.`;
    }
    case 'outside_hours':
      if (r.closure?.from && r.closure.to) {
        return `Estamos cerrados de ${formatWallClock(r.closure.from, ES)} a ${formatWallClock(r.closure.to, ES)} ${onDay(r.date)} por ${closureName(r.closure)}.`;
      }
      // `hours` comes written in English; the reopening time says what the client needs.
      if (r.reopensAt !== undefined && r.zone) return `A esa hora estamos cerrados ${onDay(r.date)}; volvemos a abrir ${atClock(r.reopensAt, r.zone)}.`;
      return `Esa hora está fuera de nuestro horario ${onDay(r.date)}.`;
    case 'staff_off':
      return `${capitalize(staffLabel(r.staff))} no trabaja a esa hora.`;
    case 'nobody_in':
      return `A esa hora no hay nadie que haga ${service(r.service)}.`;
    case 'staff_does_not_offer':
      return `${capitalize(staffLabel(r.staff))} no hace ${service(r.service)}.`;
    case 'taken':
      return 'Esa hora ya está reservada.';
    case 'just_taken':
      return 'Perdón, alguien acaba de reservar esa hora.';
    case 'own_overlap':
      return r.moveTo === null
        ? `Ya tienes una cita de ${service(r.service)} ${atClock(r.at, r.zone)} ese día, y no puedo reservarte dos a la vez.`
        : `Ya tienes una cita de ${service(r.service)} ${atClock(r.at, r.zone)} ese día. ¿La cambio para ${clock(r.moveTo, r.zone)}? Responde sí, o elige otra hora.`;
  }
}

/** "los martes": Spanish weekdays take no plural ending except sábado and domingo. */
function pluralWeekday(date: string): string {
  const name = weekday(date);
  return name.endsWith('s') ? name : `${name}s`;
}

/** "Un color de 90 minutos": the length said with the service, whatever its gender. */
function serviceOfLength(s: Service): string {
  return `una cita de ${service(s)} de ${s.minutes} minutos`;
}

/**
 * "a. m." and "p. m." end in a period: at the end of a sentence that period is the sentence's, so
 * "a las 3:00 p. m.." is written "a las 3:00 p. m.". One rule for every sentence of the catalogue.
 */
function closeSentences(text: string): string {
  return text.replace(/([ap]\. m\.)\./g, '$1');
}

function tidied(texts: Texts): Texts {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(texts)) {
    out[key] = typeof value === 'function' ? (...args: unknown[]) => closeSentences((value as (...a: unknown[]) => string)(...args)) : value;
  }
  return out as Texts;
}

const spanish: Texts = {
  language: ES,
  when,
  clock,
  day,

  greeting: (b: Business) =>
    `¡Hola! Soy el asistente de texto de ${b.name}. Puedo reservar, cambiar o cancelar citas y contestar preguntas. ¿En qué te ayudo?`,
  greetingClosed: (b: Business, opening: string | null) =>
    `¡Hola! Aquí el asistente de texto de ${b.name}. Ahora estamos cerrados${opening ? ` y abrimos ${opening}` : ''}, pero puedo reservar, cambiar o cancelar citas y contestar preguntas. ¿En qué te ayudo?`,
  help: (b: Business) =>
    `Puedo reservar una cita ("corte el viernes a las 3"), cambiarla o cancelarla ("cambia mi cita al sábado", "cancelar"), ` +
    `decirte qué tienes reservado ("¿cuándo es mi cita?") y contestar preguntas sobre ${b.name} (horario, precios, estacionamiento). ` +
    `Escribe "olvídalo" para empezar de nuevo, o "hablar con una persona" para comunicarte con nuestro equipo.`,
  fallback: () =>
    `Perdón, no te entendí. Puedo reservar, cambiar o cancelar una cita, o contarte nuestro horario y precios. Escribe "ayuda" para más, o "hablar con una persona".`,
  fallbackTwice: () =>
    `Sigo sin entenderte, perdón. ¿Quieres que alguien de nuestro equipo te escriba? Responde "hablar con una persona", o dime qué quieres reservar.`,
  emptyMessage: () => `Me llegó un mensaje vacío. ¿En qué te puedo ayudar?`,
  tooLong: () => `¡Qué mensaje tan largo! Leí la primera parte.`,
  thanks: () => `¡De nada! Cualquier cosa, escríbeme.`,
  cancelledFlow: () => `Sin problema, lo dejamos ahí. ¿Qué más puedo hacer por ti?`,
  nothingToCancel: () => `No hay nada en curso. ¿En qué te ayudo?`,

  // Booking
  whichService: (services: Service[], currency: string) =>
    `¿Qué te gustaría reservar?\n${numbered(services.map((s) => serviceLine(s, currency)), 'o escribe el servicio.')}`,
  unknownService: (services: Service[]) =>
    `Perdón, no conozco ese servicio. Tenemos ${listOr(services.map(service))}. ¿Cuál te gustaría?`,
  whatTime: (s: Service) => `¿Cuándo quieres venir para tu cita de ${service(s)}? Con un día y una hora es perfecto ("el viernes a las 3").`,
  whatTimeReschedule: () => `¿Qué día y hora prefieres?`,
  askDay: () => `¿Qué día te gustaría?`,
  offerSlots: (dayLabel: string, times: string[]) => `Para el ${dayLabel} tengo:\n${numbered(times, 'o dime otra hora.')}`,
  offerAlternatives: (times: string[]) => `Las horas libres más cercanas son:\n${numbered(times, 'o dime otra hora.')}`,
  noSlotsSoon: () =>
    `No encontré ninguna hora libre en las fechas en que reservamos. ¿Quieres que alguien de nuestro equipo te escriba? Responde "hablar con una persona".`,
  noSlotsInWindow: (dayLabel: string) => `El ${dayLabel} no hay nada libre a esa hora.`,
  rejection,
  didNotGetTime: () => `Perdón, no entendí el día o la hora. Prueba algo como "el sábado a las 10" o "mañana en la tarde".`,
  notAChoice: (count: number) => `Responde con un número del 1 al ${count}, o dime otra hora.`,
  askName: () => `¡Ya casi! ¿A nombre de quién pongo la cita?`,
  badName: () => `Perdón, ¿a nombre de quién la pongo? Con tu nombre basta.`,
  niceToMeet: (name: string) => `¡Gracias, ${name}!`,
  butFreeThen: (cannot: string, other: StaffMember) => `${cannot.replace(/(?<![ap]\. m)\.$/, '')}, pero ${staffLabel(other)} sí está libre.`,
  oneAfterAnother: (first: Service, then: Service[]) =>
    `Te los reservo uno tras otro: primero tu ${service(first)} y luego ${listAnd(then.map((s) => `tu ${service(s)}`))}.`,
  nextService: (s: Service) => `Ahora tu ${service(s)}, justo después:`,
  readBack: (s: Service, staff: StaffMember | null, at: number, zone: string) =>
    `${serviceName(s)} con ${staff ? staffLabel(staff) : 'alguien de nuestro equipo'}, el ${when(at, zone)}. ¿Te lo reservo? (sí / no)`,
  readBackReschedule: (s: Service, fromAt: number, toAt: number, staff: StaffMember | null, zone: string) =>
    `¿Cambio tu ${service(s)} del ${when(fromAt, zone)} al ${when(toAt, zone)}${staff ? ` con ${staffLabel(staff)}` : ''}? (sí / no)`,
  yesOrNo: () => `Responde sí o no, por favor.`,
  notBooked: () => `Listo, no lo reservé. Dime otra hora, o escribe "olvídalo".`,
  readBackSeveral: (items: { service: Service; at: number }[], staff: StaffMember | null, zone: string) =>
    `${items.map((it, i) => `${i === 0 ? serviceName(it.service) : service(it.service)} ${atClock(it.at, zone)}`).join(', luego ')}, ` +
    `el ${day(DateTime.fromMillis(items[0]!.at, { zone }).toISODate()!)}, con ${staff ? staffLabel(staff) : 'alguien de nuestro equipo'}. ¿Te los reservo? (sí / no)`,
  bookedSeveral: (items: { service: Service; staff: StaffMember; at: number }[], b: Business) =>
    items.length === 1
      ? `¡Listo, quedó reservado! ${serviceName(items[0]!.service)} con ${staffLabel(items[0]!.staff)}, el ${when(items[0]!.at, b.zone)} en ${b.name}. ¡Te esperamos!`
      : `¡Listo, quedó reservado en ${b.name}! ${capitalize(items.map((it) => `${service(it.service)} con ${staffLabel(it.staff)} ${atClock(it.at, b.zone)}`).join(', luego '))}, ` +
        `el ${day(DateTime.fromMillis(items[0]!.at, { zone: b.zone }).toISODate()!)}. ¡Te esperamos! Escríbeme cuando quieras para cambiar o cancelar.`,
  booked: (s: Service, staff: StaffMember, at: number, b: Business) =>
    `¡Listo, quedó reservado! ${serviceName(s)} con ${staffLabel(staff)}, el ${when(at, b.zone)} en ${b.name}. ¡Te esperamos! Escríbeme cuando quieras para cambiar o cancelar.`,
  rescheduled: (s: Service, staff: StaffMember, at: number, zone: string) =>
    `¡Hecho! Tu ${service(s)} quedó para el ${when(at, zone)} con ${staffLabel(staff)}. Tu hora anterior quedó libre.`,
  notRescheduled: () => `Está bien, dejé tu cita como estaba.`,

  // Appointments of the client
  noUpcoming: () => `No tienes citas próximas. ¿Quieres reservar una?`,
  upcomingList: (lines: string[]) =>
    lines.length === 1 ? `Tu próxima cita: ${lines[0]}.` : `Tus próximas citas:\n${lines.map((l) => `- ${l}`).join('\n')}`,
  appointmentLine: (s: Service, staff: StaffMember, at: number, zone: string) => `${serviceName(s)} con ${staffLabel(staff)}, el ${when(at, zone)}`,
  whichAppointment: (lines: string[], verb: 'move' | 'cancel') => `¿Qué cita quieres ${VERBS[verb]}?\n${numbered(lines)}`,
  nothingToChange: (verb: 'move' | 'cancel') => `No veo citas próximas para ${VERBS[verb]}. ¿Quieres reservar una?`,
  confirmCancel: (line: string, late: boolean, lateCancelHours: number) =>
    `¿Cancelo tu cita: ${midSentence(line)}?${late ? ` Ojo: faltan menos de ${hoursLabel(lateCancelHours)}, así que podría aplicarse un cargo por cancelación tardía.` : ''} (sí / no)`,
  cancelled: (line: string) => `Tu cita quedó cancelada: ${midSentence(line)}. ¡Esperamos verte otro día!`,
  keptAppointment: () => `Está bien, tu cita sigue igual.`,

  // People
  callbackRecorded: (b: Business) =>
    `Le pedí al equipo de ${b.name} que te contacte; alguien te escribirá pronto. ¿Te ayudo con algo mientras tanto?`,
  stopAcknowledged: (b: Business) => `Está bien, lo dejo aquí. Escríbele a ${b.name} cuando nos necesites.`,
  startAcknowledged: (b: Business) => `¡Qué bueno tenerte de vuelta en ${b.name}! ¿En qué te ayudo?`,

  // Consent (carrier keywords) and reminders
  optedOut: (b: Business) => `Ya no recibirás mensajes de ${b.name}. Responde ALTA para volver a suscribirte.`,
  optedIn: (b: Business) =>
    `Volviste a suscribirte a los mensajes de ${b.name}. Responde ALTO para darte de baja o AYUDA para obtener ayuda. ¿En qué te ayudo?`,
  keywordHelp: (b: Business) =>
    `${b.name}: por mensaje de texto puedo reservar, cambiar o cancelar citas y contestar preguntas. ` +
    `Para hablar con una persona, llama al ${b.phone} o visita ${b.website}. Pueden aplicarse tarifas de mensajes y datos. Responde ALTO para darte de baja.`,
  reminder: (s: Service, at: number, now: number, b: Business) =>
    `Recordatorio: ${service(s)} ${relativeDay(at, now, b.zone)} ${atClock(at, b.zone)} en ${b.name}. Responde C para confirmar, R para cambiar la hora o X para cancelar.`,
  reminderConfirmed: (line: string) => `¡Gracias, quedó confirmada! ${line}. ¡Te esperamos!`,
  runningLateNoted: () => `Gracias por avisarnos; se lo decimos al equipo.`,
  notSure: () => `No tengo la respuesta a eso. ¿Quieres que le pregunte a alguien? Responde "hablar con una persona".`,
  error: () => `Perdón, algo falló de nuestro lado. Inténtalo de nuevo en un momento.`,
  storeUnavailable: () => `Perdón, no pudimos guardar eso ahora mismo. Inténtalo de nuevo en un minuto.`,
  flooding: () => `Me estás enviando muchos mensajes; voy a hacer una pausa de unos minutos.`,

  // Talking to a person (the take-a-number queue)
  queueJoined: (q: QueuePlace, b: Business) => {
    const wait =
      q.afterHours && q.opensAt !== null
        ? `. Ahora estamos cerrados y abrimos el ${when(q.opensAt, b.zone)}, así que la espera será de más o menos ${waitLabel(q.estimateMinutes)}`
        : q.ahead === 0
          ? ''
          : `, más o menos ${waitLabel(q.estimateMinutes)} de espera`;
    return `${placeInLine(q)}${wait}. Puedes seguir escribiendo aquí; una persona te contestará. Escribe "olvídalo" para volver con el asistente.`;
  },
  queueAlreadyIn: (q: QueuePlace) =>
    q.state === 'claimed'
      ? `Ya estás con nuestro equipo; te contestarán aquí.`
      : `Ya estás en la fila: número ${q.number}, ${q.ahead === 0 ? 'sigues tú' : `${ahead(q.ahead)}, más o menos ${waitLabel(q.estimateMinutes)} de espera`}. Una persona te contestará aquí.`,
  queueMovedUp: (q: QueuePlace) =>
    q.ahead === 0
      ? `¡Buenas noticias! Sigues tú en la fila. Una persona te contestará pronto.`
      : `Avanzaste en la fila: ahora hay ${ahead(q.ahead)}, más o menos ${waitLabel(q.estimateMinutes)} de espera.`,
  queueTakingLonger: () => `Perdón, esto está tardando más de lo normal. Sigues en la fila y alguien te contestará aquí lo antes posible.`,
  queueClaimed: (staffName: string | null, b: Business) =>
    `${staffName ? `${staffName}, de ${b.name},` : `Alguien de ${b.name}`} ya está aquí y te contestará en este chat.`,
  queueLeft: () => `Listo, saliste de la fila. Estás otra vez con el asistente. ¿En qué te ayudo?`,
  queueBackWithAssistant: () => `Estás otra vez con el asistente. ¿Te ayudo con algo más?`,
  queueTimedOut: (b: Business) =>
    `Perdón, nadie de ${b.name} pudo atenderte a tiempo. Estás otra vez con el asistente; escribe "hablar con una persona" para volver a la fila.`,
  complaintHeard: () => `Siento mucho lo que pasó. Ya le aviso a alguien de nuestro equipo para que te ayude.`,
  handoffNotUnderstood: () => `Sigo sin entenderte, perdón, así que le paso tu mensaje a una persona.`,

  // Hours, closures and computed answers
  weeklyHours: (groups: Array<{ days: Weekday[]; ranges: ClockRange[] }>, closed: Weekday[]) => {
    const span = (days: Weekday[]) =>
      days.length === 1 ? shortWeekday(days[0]!, ES) : `${shortWeekday(days[0]!, ES)}–${shortWeekday(days[days.length - 1]!, ES)}`;
    const parts = groups.map((g) => `${span(g.days)} ${g.ranges.map((r) => `${formatWallClock(r.from, ES)}–${formatWallClock(r.to, ES)}`).join(', ')}`);
    return `${parts.join(', ')}${closed.length > 0 ? `; cerrado ${listAnd(closed.map((d) => shortWeekday(d, ES)))}` : ''}`;
  },
  rangesLabel: (ranges: Array<{ start: number; end: number }>, zone: string) =>
    listAnd(ranges.map((r) => `${clock(r.start, zone)}–${clock(r.end, zone)}`)),
  opening: (at: number, from: number, zone: string, now: number = from) => {
    const target = DateTime.fromMillis(at, { zone });
    const today = DateTime.fromMillis(now, { zone }).startOf('day');
    const offset = Math.round(target.startOf('day').diff(today, 'days').days);
    if (offset === 0) return `hoy ${atClock(at, zone)}`;
    if (offset === 1) return `mañana ${atClock(at, zone)}`;
    return at - from < 6 * 86_400_000 ? `el ${formatWeekdayAt(at, zone, ES)}` : `el ${when(at, zone)}`;
  },
  openNowUntil: (until: number, zone: string, label: string | null) =>
    `Ahora estamos abiertos, hasta ${clockArticle(until, zone)} de hoy${label ? ` (horario de ${label})` : ''}.`,
  opensLaterToday: (at: number, ranges: string, zone: string, label: string | null) =>
    `Hoy abrimos ${atClock(at, zone)} (${label ? `horario de ${label}: ` : 'horario: '}${ranges}).`,
  closedRestOfToday: (opening: string | null) => `Ya cerramos por hoy.${opening ? ` Abrimos ${opening}.` : ''}`,
  closedWeekday: (date: string, opening: string | null) => `Los ${pluralWeekday(date)} estamos cerrados.${opening ? ` Abrimos ${opening}.` : ''}`,
  closedDay: (dayText: string, name: string | null, opening: string | null) =>
    `Estamos cerrados ${dayText}${name ? ` por ${name}` : ''}.${opening ? ` Abrimos ${opening}.` : ''}`,
  openDay: (dayText: string, ranges: string, label: string | null) => `Abrimos ${dayText}${label ? ` (${label})` : ''}, ${ranges}.`,
  dayText: (date: string, today: string, tomorrow: string) => (date === today ? 'hoy' : date === tomorrow ? 'mañana' : onDay(date)),
  closedFor: (name: string, date: string, opening: string | null) =>
    `Estamos cerrados por ${name} (${day(date)}).${opening ? ` Abrimos ${opening}.` : ''}`,
  specialDay: (name: string, date: string, ranges: string) => `En ${name} (${day(date)}) abrimos ${ranges}.`,
  upcomingClosures: (items: Array<{ name: string; date: string; ranges: string | null }>) =>
    items.length === 0
      ? 'no hay cierres próximos'
      : listAnd(items.map((c) => `${c.name} (${day(c.date)}${c.ranges ? `, ${c.ranges}` : ', cerrado'})`)),
  // The owner's name carries no article ("Corte de pelo cuesta" is not Spanish) and its gender is
  // unknown, so the service leads the answer as a label.
  servicePrice: (s: Service, currency: string) =>
    s.price === null
      ? `${serviceName(s)}: unos ${s.minutes} minutos; pregúntanos el precio.`
      : `${serviceName(s)}: ${formatPrice(s, currency)}, dura unos ${s.minutes} minutos.`,
  servicePriceOnly: (s: Service, currency: string) => formatPrice(s, currency),
  priceList: (services: Service[], currency: string) => services.map((s) => `${serviceName(s)} ${formatPrice(s, currency)}`).join(', '),
  catalogue: (services: Service[], currency: string) =>
    `Tenemos ${listAnd(services.map((s) => `${midSentence(serviceLine(s, currency))}`))}. ¿Quieres reservar algo?`,
  serviceList: (services: Service[], currency: string) => services.map((s) => serviceLine(s, currency)).join(', '),
  minutes: (n: number) => `${n} minutos`,
  faqMissOffer: () => `No tengo la respuesta a eso. ¿Quieres que le pregunte a alguien?`,
  faqOnlyInEnglish: () => `Esta respuesta la tenemos solo en inglés:`,
  offerDeclined: () => `¡Está bien! ¿Te ayudo con algo más?`,

  // Norms: after hours, first contact, urgent messages
  afterHoursNotice: (opening: string | null) => `Ahora estamos cerrados${opening ? ` y abrimos ${opening}` : ''}; igual te puedo ayudar por mensaje.`,
  personAfterHours: (opening: string | null) =>
    `Ahora estamos cerrados.${opening ? ` Abrimos ${opening};` : ''} Te puse en la fila y alguien te escribirá entonces.`,
  urgentOnCallAlerted: (name: string) => `Le avisé a ${name}, nuestra persona de guardia; se comunicará contigo en breve.`,
  urgentNobodyReached: (opening: string | null, b: Business) =>
    `Perdón, no pude localizar a nadie de guardia ahora. Marqué tu mensaje como urgente para que sea lo primero que vea nuestro equipo${opening ? ` cuando abramos ${opening}` : ''}. Si no puede esperar, llama al ${b.phone}.`,
  urgentInHours: (b: Business) =>
    `Lo marqué como urgente y te puse al frente de la fila; alguien de ${b.name} te escribirá enseguida.`,
  /** Staff read it (SMS or Slack): English, as every staff text is. */
  onCallAlert: en.onCallAlert,

  queuePlaceAfterHours: (q: QueuePlace) => `${placeInLine(q)}. Escribe "olvídalo" para volver con el asistente.`,

  // Odd replies inside a flow
  pickANumber: (count: number) => `Responde con un número del 1 al ${count}.`,
  bookingDropped: () => `Listo, dejé esa reserva.`,
  sameTimeAsBefore: () => `Esa es la hora que ya tienes.`,
  notAName: () => `Perdón, necesito un nombre para la cita (con tu nombre basta).`,

  // A day or time the client wrote that does not exist
  noSuchDay: (month: number | null, dayOfMonth: number, year: number | null) =>
    month === null
      ? `Ningún mes tiene día ${dayOfMonth}. ¿Qué día querías?`
      : `No existe el ${dayOfMonth} de ${monthName(month, ES)}${year === null ? '' : ` de ${year}`}. ¿Qué día querías?`,
  noSuchTime: (written: string) => `${written} no es una hora del reloj. ¿Qué hora te queda bien?`,

  // Switching language
  languageSwitched: (continuing: boolean) => (continuing ? `¡Claro! Seguimos en español.` : `¡Claro! Seguimos en español. ¿En qué te ayudo?`),

  // Buttons and choices
  choiceList: (choices: string[]) => numbered(choices),
  yesButton: () => `Sí`,
  noButton: () => `No`,
  cancelItButton: () => `Sí, cancélala`,
  keepItButton: () => `No, la mantengo`,
  serviceTitle: (s: Service) => serviceName(s),
};

/** "las 7:00 p. m." / "la 1:00 p. m.": a clock after "hasta". */
function clockArticle(at: number, zone: string): string {
  return atClock(at, zone).replace(/^a /, '');
}

export const es: Texts = tidied(spanish);
