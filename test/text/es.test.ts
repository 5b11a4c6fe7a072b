// The Spanish catalogue: a Spanish value for every English key, the same placeholders, no English
// left in what a client reads, and dates and times written back in Spanish.
import type { QueuePlace, Rejection } from '../../bot/domain/outcomes';
import type { Business } from '../../bot/domain/types';
import { en, type Texts } from '../../bot/text/en';
import { es } from '../../bot/text/es';
import { formatClock, formatDay, formatWallClock, formatWhen, listAnd, listOr } from '../../bot/text/format';
import { textsFor } from '../../bot/text';
import { demoBusiness } from '../helpers/business';

const business: Business = demoBusiness();
const zone = business.zone;
const [haircut, color, blowout, beard, consultation] = business.services as [
  Business['services'][number],
  Business['services'][number],
  Business['services'][number],
  Business['services'][number],
  Business['services'][number],
];
const [lead, barber] = business.staff as [Business['staff'][number], Business['staff'][number]];
// Tuesday 2026-03-10 10:00 in New York (EDT since March 8); the appointment is Thursday at 3 PM.
const NOW = Date.parse('2026-03-10T14:00:00Z');
const AT = Date.parse('2026-03-12T19:00:00Z');
const LATER = Date.parse('2026-03-13T17:30:00Z'); // Friday 1:30 PM
const ONE_PM = Date.parse('2026-03-12T17:00:00Z'); // Thursday 1:00 PM
const place: QueuePlace = { number: 7, ahead: 3, estimateMinutes: 25, afterHours: false, opensAt: null };

type Sample<F> = F extends (...args: infer A) => unknown ? { args: A; shows: string[] } : { value: true };

/**
 * Each catalogue entry called with sample arguments, and what of those arguments the text must
 * show in any language: names, numbers, the business's details.
 */
const SAMPLES: { [K in keyof Texts]: Sample<Texts[K]> } = {
  language: { value: true },
  when: { args: [AT, zone], shows: ['12', '3:00'] },
  clock: { args: [AT, zone], shows: ['3:00'] },
  day: { args: ['2026-03-12'], shows: ['12'] },
  greeting: { args: [business], shows: [business.name] },
  greetingClosed: { args: [business, 'OPENING'], shows: [business.name, 'OPENING'] },
  help: { args: [business], shows: [business.name] },
  fallback: { args: [], shows: [] },
  fallbackTwice: { args: [], shows: [] },
  emptyMessage: { args: [], shows: [] },
  tooLong: { args: [], shows: [] },
  thanks: { args: [], shows: [] },
  cancelledFlow: { args: [], shows: [] },
  nothingToCancel: { args: [], shows: [] },
  whichService: { args: [business.services, 'USD'], shows: ['1)', '5)', '$45', '$120'] },
  unknownService: { args: [[haircut, color]], shows: [] },
  whatTime: { args: [haircut], shows: [] },
  whatTimeReschedule: { args: [], shows: [] },
  askDay: { args: [], shows: [] },
  offerSlots: { args: ['DAYLABEL', ['TIME-A', 'TIME-B']], shows: ['DAYLABEL', '1) TIME-A', '2) TIME-B'] },
  offerAlternatives: { args: [['TIME-A', 'TIME-B', 'TIME-C']], shows: ['1) TIME-A', '3) TIME-C'] },
  noSlotsSoon: { args: [], shows: [] },
  noSlotsInWindow: { args: ['DAYLABEL'], shows: ['DAYLABEL'] },
  rejection: { args: [{ reason: 'too_far', horizonDays: 60, lastDate: '2026-05-09' }], shows: ['60', '9'] },
  didNotGetTime: { args: [], shows: [] },
  notAChoice: { args: [4], shows: ['4'] },
  askName: { args: [], shows: [] },
  badName: { args: [], shows: [] },
  niceToMeet: { args: ['Sam'], shows: ['Sam'] },
  butFreeThen: { args: ['CANNOT.', lead], shows: ['CANNOT'] },
  oneAfterAnother: { args: [haircut, [beard, blowout]], shows: [] },
  nextService: { args: [beard], shows: [] },
  readBack: { args: [haircut, barber, AT, zone], shows: ['12', '3:00'] },
  readBackReschedule: { args: [haircut, AT, LATER, null, zone], shows: ['12', '13', '3:00', '1:30'] },
  yesOrNo: { args: [], shows: [] },
  notBooked: { args: [], shows: [] },
  readBackSeveral: { args: [[{ service: haircut, at: AT }, { service: beard, at: AT + 1_800_000 }], null, zone], shows: ['3:00', '3:30', '12'] },
  bookedSeveral: {
    args: [[{ service: haircut, staff: lead, at: AT }, { service: beard, staff: barber, at: AT + 1_800_000 }], business],
    shows: [business.name, '3:00', '3:30', '12'],
  },
  booked: { args: [haircut, lead, AT, business], shows: [business.name, '12', '3:00'] },
  rescheduled: { args: [haircut, barber, LATER, zone], shows: ['13', '1:30'] },
  notRescheduled: { args: [], shows: [] },
  noUpcoming: { args: [], shows: [] },
  upcomingList: { args: [['ROW-A', 'ROW-B']], shows: ['ROW-A', 'ROW-B'] },
  appointmentLine: { args: [color, lead, AT, zone], shows: ['12', '3:00'] },
  whichAppointment: { args: [['ROW-A', 'ROW-B'], 'move'], shows: ['1) ROW-A', '2) ROW-B'] },
  nothingToChange: { args: ['cancel'], shows: [] },
  confirmCancel: { args: ['ROW-A', true, 24], shows: ['rOW-A', '24'] },
  cancelled: { args: ['ROW-A'], shows: ['rOW-A'] },
  keptAppointment: { args: [], shows: [] },
  callbackRecorded: { args: [business], shows: [business.name] },
  stopAcknowledged: { args: [business], shows: [business.name] },
  startAcknowledged: { args: [business], shows: [business.name] },
  optedOut: { args: [business], shows: [business.name] },
  optedIn: { args: [business], shows: [business.name] },
  keywordHelp: { args: [business], shows: [business.name, business.phone, business.website] },
  reminder: { args: [haircut, AT, NOW, business], shows: [business.name, '12', '3:00', 'C', 'R', 'X'] },
  reminderConfirmed: { args: ['ROW-A'], shows: ['ROW-A'] },
  runningLateNoted: { args: [], shows: [] },
  notSure: { args: [], shows: [] },
  error: { args: [], shows: [] },
  storeUnavailable: { args: [], shows: [] },
  flooding: { args: [], shows: [] },
  queueJoined: { args: [place, business], shows: ['7', '3', '25'] },
  queueAlreadyIn: { args: [place], shows: ['7', '3', '25'] },
  queueMovedUp: { args: [place], shows: ['3', '25'] },
  queueTakingLonger: { args: [], shows: [] },
  queueClaimed: { args: ['Dana', business], shows: ['Dana', business.name] },
  queueLeft: { args: [], shows: [] },
  queueBackWithAssistant: { args: [], shows: [] },
  queueTimedOut: { args: [business], shows: [business.name] },
  complaintHeard: { args: [], shows: [] },
  handoffNotUnderstood: { args: [], shows: [] },
  weeklyHours: { args: [[{ days: ['tue', 'wed', 'thu', 'fri'], ranges: [{ from: '09:00', to: '19:00' }] }], ['sun', 'mon']], shows: ['9:00', '7:00'] },
  rangesLabel: { args: [[{ start: ONE_PM, end: AT }], zone], shows: ['1:00', '3:00'] },
  opening: { args: [AT, NOW, zone], shows: ['3:00'] },
  openNowUntil: { args: [AT, zone, 'LABEL'], shows: ['3:00', 'LABEL'] },
  opensLaterToday: { args: [AT, 'RANGES', zone, null], shows: ['3:00', 'RANGES'] },
  closedRestOfToday: { args: ['OPENING'], shows: ['OPENING'] },
  closedWeekday: { args: ['2026-03-15', 'OPENING'], shows: ['OPENING'] },
  closedDay: { args: ['DAYTEXT', 'CLOSURE', 'OPENING'], shows: ['DAYTEXT', 'CLOSURE', 'OPENING'] },
  openDay: { args: ['DAYTEXT', 'RANGES', 'LABEL'], shows: ['DAYTEXT', 'RANGES', 'LABEL'] },
  dayText: { args: ['2026-03-12', '2026-03-10', '2026-03-11'], shows: ['12'] },
  closedFor: { args: ['CLOSURE', '2026-11-26', 'OPENING'], shows: ['CLOSURE', '26', 'OPENING'] },
  specialDay: { args: ['SPECIAL', '2026-12-24', 'RANGES'], shows: ['SPECIAL', '24', 'RANGES'] },
  upcomingClosures: { args: [[{ name: 'CLOSURE', date: '2026-11-26', ranges: null }, { name: 'SPECIAL', date: '2026-12-24', ranges: 'RANGES' }]], shows: ['CLOSURE', '26', 'SPECIAL', 'RANGES'] },
  servicePrice: { args: [color, 'USD'], shows: ['$120', '90'] },
  servicePriceOnly: { args: [haircut, 'USD'], shows: ['$45'] },
  priceList: { args: [[haircut, consultation], 'USD'], shows: ['$45'] },
  catalogue: { args: [[haircut, color], 'USD'], shows: ['$45', '$120', '30', '90'] },
  serviceList: { args: [[haircut, color], 'USD'], shows: ['$45', '$120'] },
  minutes: { args: [45], shows: ['45'] },
  faqMissOffer: { args: [], shows: [] },
  faqOnlyInEnglish: { args: [], shows: [] },
  offerDeclined: { args: [], shows: [] },
  afterHoursNotice: { args: ['OPENING'], shows: ['OPENING'] },
  personAfterHours: { args: ['OPENING'], shows: ['OPENING'] },
  urgentOnCallAlerted: { args: ['Alex'], shows: ['Alex'] },
  urgentNobodyReached: { args: ['OPENING', business], shows: ['OPENING', business.phone] },
  urgentInHours: { args: [business], shows: [business.name] },
  onCallAlert: { args: [business, 'Sam', 'MESSAGE'], shows: [business.name, 'Sam', 'MESSAGE'] },
  queuePlaceAfterHours: { args: [place], shows: ['7', '3'] },
  pickANumber: { args: [3], shows: ['3'] },
  bookingDropped: { args: [], shows: [] },
  sameTimeAsBefore: { args: [], shows: [] },
  notAName: { args: [], shows: [] },
  noSuchDay: { args: [2, 30, 2027], shows: ['30', '2027'] },
  noSuchTime: { args: ['25:00'], shows: ['25:00'] },
  languageSwitched: { args: [false], shows: [] },
  choiceList: { args: [['CHOICE-A', 'CHOICE-B']], shows: ['1) CHOICE-A', '2) CHOICE-B'] },
  yesButton: { args: [], shows: [] },
  noButton: { args: [], shows: [] },
  cancelItButton: { args: [], shows: [] },
  keepItButton: { args: [], shows: [] },
  serviceTitle: { args: [haircut], shows: [] },
};

/** Staff read these (the business's own people): they stay English in every catalogue. */
const STAFF_FACING = new Set<keyof Texts>(['onCallAlert']);
/** The same in every language: a price alone, a "No" button. */
const SAME_IN_EVERY_LANGUAGE = new Set<keyof Texts>(['servicePriceOnly', 'noButton']);

function call(texts: Texts, key: keyof Texts): string {
  const sample = SAMPLES[key];
  if (!('args' in sample)) return String(texts[key]);
  return (texts[key] as (...a: unknown[]) => string)(...(sample.args as unknown[]));
}

const KEYS = Object.keys(en) as (keyof Texts)[];

// English words no Spanish client text may carry (the business's own name and address aside).
const ENGLISH_WORDS = [
  'the', 'you', 'your', "you're", 'please', 'sorry', 'thanks', 'reply', 'appointment', 'appointments', 'book', 'booked',
  'with', 'at', 'on', 'and', 'or', 'is', 'are', 'we', "we're", 'open', 'closed', 'today', 'tomorrow', 'minutes', 'hours',
  'line', 'person', 'team', 'never', 'mind', 'help', 'AM', 'PM', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun', 'March',
  'haircut', 'beard', 'trim', 'blowout', 'stylist', 'barber', 'Christmas', 'Thanksgiving', 'free', 'price',
];
const ENGLISH = new RegExp(`(^|[^\\p{L}'])(${ENGLISH_WORDS.join('|')})(?=$|[^\\p{L}'])`, 'iu');

function withoutBusinessDetails(text: string): string {
  return [business.name, business.address, business.website, business.phone].reduce((t, d) => t.split(d).join(''), text);
}

describe('the Spanish catalogue', () => {
  it('is the catalogue for es', () => {
    expect(textsFor('es')).toBe(es);
    expect(textsFor('en')).toBe(en);
    expect(es.language).toBe('es');
  });

  it('has a Spanish value for every English key, of the same kind, and no key English lacks', () => {
    expect(Object.keys(es).sort()).toEqual(KEYS.slice().sort());
    for (const key of KEYS) expect([key, typeof es[key]]).toEqual([key, typeof en[key]]);
    // The samples cover every key, so each is called below.
    expect(Object.keys(SAMPLES).sort()).toEqual(KEYS.slice().sort());
  });

  it.each(KEYS.filter((k) => 'args' in SAMPLES[k]))('keeps the placeholders of %s', (key) => {
    const sample = SAMPLES[key] as { shows: string[] };
    const spanish = call(es, key);
    for (const shown of sample.shows) {
      expect([key, call(en, key).toLowerCase().includes(shown.toLowerCase())]).toEqual([key, true]);
      expect([key, spanish.toLowerCase().includes(shown.toLowerCase())]).toEqual([key, true]);
    }
  });

  it.each(KEYS.filter((k) => 'args' in SAMPLES[k] && !STAFF_FACING.has(k) && k !== 'faqOnlyInEnglish'))('says %s in Spanish, with no English left', (key) => {
    const spanish = withoutBusinessDetails(call(es, key));
    expect(spanish.trim()).not.toBe('');
    expect([key, spanish.match(ENGLISH)?.[2] ?? null]).toEqual([key, null]);
    if (!SAME_IN_EVERY_LANGUAGE.has(key)) expect(spanish).not.toBe(withoutBusinessDetails(call(en, key)));
  });

  it('leads an English-only FAQ answer in with Spanish, and English needs no lead-in', () => {
    expect(es.faqOnlyInEnglish()).toMatch(/inglés/);
    expect(en.faqOnlyInEnglish()).toBe('');
  });

  it('keeps what staff read in English', () => {
    expect(es.onCallAlert(business, 'Sam', 'hola')).toBe(en.onCallAlert(business, 'Sam', 'hola'));
  });

  it('says every rejection in Spanish, with the business words in Spanish', () => {
    const thanksgiving = business.closures[0]!;
    const rejections: Rejection[] = [
      { reason: 'past' },
      { reason: 'too_soon', minNoticeMinutes: 120 },
      { reason: 'too_far', horizonDays: 60 },
      { reason: 'closed', date: '2026-11-26', closure: thanksgiving },
      { reason: 'closed', date: '2026-03-15', weekly: true },
      { reason: 'closed', date: '2026-03-14', weekly: false },
      { reason: 'before_opening', date: '2026-03-12', opensAt: Date.parse('2026-03-12T13:00:00Z'), zone },
      { reason: 'after_closing', date: '2026-03-12', closesAt: Date.parse('2026-03-12T23:00:00Z'), zone },
      { reason: 'runs_past_close', service: color, at: Date.parse('2026-03-12T22:00:00Z'), closesAt: Date.parse('2026-03-12T23:00:00Z'), zone },
      { reason: 'runs_into_break', service: color, at: AT, breakAt: AT + 3_600_000, zone, closure: null },
      { reason: 'outside_hours', date: '2026-03-12', hours: '9:00 AM–7:00 PM', reopensAt: AT, zone },
      { reason: 'outside_hours', date: '2026-03-12', hours: '9:00 AM–7:00 PM' },
      { reason: 'outside_hours', date: '2026-12-31', hours: '', closure: { date: '2026-12-31', name: "New Year's Eve", from: '15:00', to: '19:00', translations: { es: { name: 'Fin de Año' } } } },
      { reason: 'staff_off', staff: barber },
      { reason: 'nobody_in', service: beard },
      { reason: 'staff_does_not_offer', staff: barber, service: color },
      { reason: 'taken' },
      { reason: 'just_taken' },
      { reason: 'own_overlap', service: haircut, at: AT, zone, moveTo: null },
      { reason: 'own_overlap', service: haircut, at: AT, zone, moveTo: LATER },
    ];
    const said = rejections.map((r) => es.rejection(r));
    for (const text of said) expect([text, text.match(ENGLISH)?.[2] ?? null]).toEqual([text, null]);
    expect(said).toEqual([
      'Esa hora ya pasó.',
      'Necesitamos al menos 2 horas de aviso para reservar, así que esa hora es muy pronto.',
      'Solo reservamos hasta 60 días antes, así que esa fecha queda muy lejos.',
      'Estamos cerrados el jueves 26 de noviembre por Día de Acción de Gracias.',
      'Los domingos estamos cerrados.',
      'Estamos cerrados el sábado 14 de marzo.',
      'Es antes de que abramos: el jueves 12 de marzo abrimos a las 9:00 a. m.',
      'Es después de que cerramos: el jueves 12 de marzo cerramos a las 7:00 p. m.',
      'Una cita de tinte de 90 minutos a las 6:00 p. m. terminaría después de nuestro cierre, a las 7:00 p. m.',
      'Una cita de tinte de 90 minutos a las 3:00 p. m. se cruzaría con nuestro descanso, que empieza a las 4:00 p. m.',
      'A esa hora estamos cerrados el jueves 12 de marzo; volvemos a abrir a las 3:00 p. m.',
      'Esa hora está fuera de nuestro horario el jueves 12 de marzo.',
      'Estamos cerrados de 3:00 p. m. a 7:00 p. m. el jueves 31 de diciembre por Fin de Año.',
      'El barbero no trabaja a esa hora.',
      'A esa hora no hay nadie que haga arreglo de barba.',
      'El barbero no hace tinte.',
      'Esa hora ya está reservada.',
      'Perdón, alguien acaba de reservar esa hora.',
      'Ya tienes una cita de corte de pelo a las 3:00 p. m. ese día, y no puedo reservarte dos a la vez.',
      'Ya tienes una cita de corte de pelo a las 3:00 p. m. ese día. ¿La cambio para 1:30 p. m.? Responde sí, o elige otra hora.',
    ]);
  });
});

describe('dates and times in Spanish', () => {
  it('writes days, months, clocks and lists through the es locale, with plain spaces', () => {
    expect(formatWhen(AT, zone, 'es')).toBe('jueves 12 de marzo a las 3:00 p. m.');
    expect(formatWhen(ONE_PM, zone, 'es')).toBe('jueves 12 de marzo a la 1:00 p. m.');
    expect(formatWhen(AT, zone)).toBe('Thu Mar 12 at 3:00 PM');
    expect(formatClock(Date.parse('2026-03-12T13:00:00Z'), zone, 'es')).toBe('9:00 a. m.');
    expect(formatDay('2026-12-24', 'es')).toBe('jueves 24 de diciembre');
    expect(formatWallClock('24:00', 'es')).toBe('12:00 a. m.');
    expect(formatWallClock('24:00')).toBe('12:00 AM');
    expect(listOr(['1', '2', '3'], 'es')).toBe('1, 2 o 3');
    expect(listOr(['7', '8'], 'es')).toBe('7 u 8');
    expect(listAnd(['a', 'b', 'c'], 'es')).toBe('a, b y c');
    expect(listAnd(['a', 'b', 'c'])).toBe('a, b and c');
  });

  it('reads a booking back and confirms it in Spanish, with the Spanish names of service and staff', () => {
    expect(es.readBack(haircut, lead, AT, zone)).toBe('Corte de pelo con la estilista principal, el jueves 12 de marzo a las 3:00 p. m. ¿Te lo reservo? (sí / no)');
    expect(es.booked(beard, barber, AT, business)).toBe(
      '¡Listo, quedó reservado! Arreglo de barba con el barbero, el jueves 12 de marzo a las 3:00 p. m. en Maple Street Salon. ¡Te esperamos! Escríbeme cuando quieras para cambiar o cancelar.',
    );
    expect(es.readBackSeveral([{ service: haircut, at: AT }, { service: beard, at: AT + 1_800_000 }], null, zone)).toBe(
      'Corte de pelo a las 3:00 p. m., luego arreglo de barba a las 3:30 p. m., el jueves 12 de marzo, con alguien de nuestro equipo. ¿Te los reservo? (sí / no)',
    );
  });

  it('reminds in Spanish, counting today and tomorrow in the business zone', () => {
    const wednesdayEvening = Date.parse('2026-03-11T23:30:00Z'); // 7:30 PM in New York, 5 AM Thursday in Kolkata
    expect(es.reminder(haircut, AT, wednesdayEvening, business)).toBe(
      'Recordatorio: corte de pelo mañana (jueves 12 de marzo) a las 3:00 p. m. en Maple Street Salon. Responde C para confirmar, R para cambiar la hora o X para cancelar.',
    );
    expect(es.reminder(haircut, AT, NOW, business)).toMatch(/^Recordatorio: corte de pelo el jueves 12 de marzo a las 3:00 p\. m\./);
  });

  it('says when we open next and our hours in Spanish', () => {
    const saturdayNine = Date.parse('2026-03-14T13:00:00Z');
    expect(es.opening(saturdayNine, NOW, zone)).toBe('el sábado a las 9:00 a. m.');
    expect(es.opening(AT, Date.parse('2026-03-11T23:30:00Z'), zone)).toBe('mañana a las 3:00 p. m.');
    expect(es.opening(Date.parse('2026-03-31T13:00:00Z'), NOW, zone)).toBe('el martes 31 de marzo a las 9:00 a. m.');
    expect(es.closedRestOfToday(es.opening(saturdayNine, NOW, zone))).toBe('Ya cerramos por hoy. Abrimos el sábado a las 9:00 a. m.');
    expect(
      es.weeklyHours([{ days: ['tue', 'wed', 'thu', 'fri'], ranges: [{ from: '09:00', to: '19:00' }] }, { days: ['sat'], ranges: [{ from: '09:00', to: '17:00' }] }], ['sun', 'mon']),
    ).toBe('mar–vie 9:00 a. m.–7:00 p. m., sáb 9:00 a. m.–5:00 p. m.; cerrado dom y lun');
    expect(es.noSuchDay(2, 30, null)).toBe('No existe el 30 de febrero. ¿Qué día querías?');
  });

  it('answers STOP, START and HELP in Spanish with the Spanish keywords', () => {
    expect(es.optedOut(business)).toBe('Ya no recibirás mensajes de Maple Street Salon. Responde ALTA para volver a suscribirte.');
    expect(es.optedIn(business)).toMatch(/ALTO .*AYUDA/);
    expect(es.keywordHelp(business)).toMatch(/llama al \+1 973-555-0142 .*Responde ALTO para darte de baja\.$/);
  });
});
