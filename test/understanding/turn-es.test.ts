// Reading a turn written in Spanish: the same TurnReading as English, from the Spanish tables.
import { loadBusinessConfig } from '../../bot/config/business-config';
import { readerByLanguage, readerFor } from '../../bot/understanding/languages';
import { readTurn } from '../../bot/understanding/turn';
import type { Expectation, TurnReading } from '../../bot/understanding/types';

const business = loadBusinessConfig();
// Wednesday 2026-06-17, 10:00 in New York; the salon opens Tue-Fri 9-19 and Sat 9-17.
const now = new Date('2026-06-17T14:00:00Z');
const readEs = readerFor('es');
const read = (text: string, expecting: Expectation | null = null): TurnReading => readEs(text, { now, business, expecting });

describe('the reader is chosen by language', () => {
  test('a reader by language reads each turn in the client’s language, the business’s before it is known', () => {
    const read = readerByLanguage('en');
    expect(read('cancelar mi cita', { now, business }).intent).not.toBe('cancel');
    expect(read('cancelar mi cita', { now, business, language: 'es' }).intent).toBe('cancel');
    expect(read('cancel my appointment', { now, business, language: 'en' }).intent).toBe('cancel');
    expect(readerByLanguage('es')('mañana a las 3', { now, business, language: null })).toMatchObject({ date: '2026-06-18', time: '15:00' });
  });

  test('English stays the English reader, Spanish is its own', () => {
    expect(readerFor('en')).toBe(readTurn);
    expect(readerFor()).toBe(readTurn);
    expect(readerFor('es')).not.toBe(readTurn);
    expect(readerFor('en')('cancelar mi cita', { now, business }).intent).not.toBe('cancel');
    expect(readerFor('es')('cancelar mi cita', { now, business }).intent).toBe('cancel');
  });
});

describe('what a Spanish-writing client wants', () => {
  const table: Array<[string, Partial<TurnReading>]> = [
    ['quiero reservar un corte mañana a las 3', { intent: 'book', service: 'haircut', date: '2026-06-18', time: '15:00' }],
    ['¿me puedes agendar una cita para tinte el viernes?', { intent: 'book', service: 'color', date: '2026-06-19' }],
    ['hay lugar el sábado x la mañana?', { intent: 'book', date: '2026-06-20', window: { from: '09:00', to: '12:00' } }],
    ['arreglo de barba con el barbero el jueves a las 4', { intent: 'book', service: 'beard-trim', staff: 'barber', date: '2026-06-18', time: '16:00' }],
    ['con la estilista principal', { intent: 'book', staff: 'lead' }],
    ['quiero un haircut mñn pa las 11', { intent: 'book', service: 'haircut', date: '2026-06-18', time: '11:00' }],
    ['necesito cambiar mi cita', { intent: 'reschedule' }],
    ['¿puedo mover mi turno al viernes?', { intent: 'reschedule', date: '2026-06-19' }],
    ['reprogramar para el lunes', { intent: 'reschedule', date: '2026-06-22' }],
    ['cancelar mi cita', { intent: 'cancel', keyword: null }],
    ['quiero anular la reserva del viernes', { intent: 'cancel', date: '2026-06-19' }],
    ['no voy a poder ir mañana', { intent: 'cancel', date: '2026-06-18' }],
    ['¿cuándo es mi cita?', { intent: 'list' }],
    ['¿cuál es su horario?', { intent: 'faq', faq: 'hours' }],
    ['¿a qué hora abren el sábado?', { intent: 'faq', faq: 'hours', date: '2026-06-20' }],
    ['¿cuánto cuesta un corte?', { intent: 'faq', faq: 'prices', service: 'haircut' }],
    ['precio de las mechas', { intent: 'faq', faq: 'prices', service: 'color' }],
    ['¿dónde están?', { intent: 'faq', faq: 'location' }],
    ['¿tienen estacionamiento?', { intent: 'faq', faq: 'parking' }],
    ['¿aceptan efectivo?', { intent: 'faq', faq: 'payment' }],
    ['quiero hablar con una persona', { intent: 'human' }],
    ['¿eres un bot?', { intent: 'human' }],
    ['¿me pasas con alguien?', { intent: 'human' }],
    ['¿tengo algo reservado?', { intent: 'list' }],
    ['gracias, nos vemos el sábado', { intent: 'other', date: '2026-06-20' }],
    ['¿puedo llegar sin cita?', { intent: 'faq', faq: 'walk-ins' }],
  ];
  it.each(table)('reads %j', (text, expected) => {
    expect(read(text)).toMatchObject(expected);
  });
});

describe('carrier keywords in Spanish', () => {
  it.each(['ALTO', 'alto', 'PARAR', 'Para', 'CANCELAR', 'cancelar', 'BAJA', 'DETENER', 'alto por favor', 'STOP', 'dejen de mandarme mensajes', 'quiero darme de baja'])(
    '%j stops messages',
    (text) => {
      expect(read(text)).toMatchObject({ intent: 'stop', keyword: 'stop' });
    },
  );
  it.each(['INICIAR', 'ALTA', 'alta por favor', 'START'])('%j starts them again', (text) => {
    expect(read(text)).toMatchObject({ intent: 'start', keyword: 'start' });
  });
  it.each(['AYUDA', 'ayuda', 'info', 'HELP'])('%j alone is HELP', (text) => {
    expect(read(text).keyword).toBe('help');
  });
  it.each([
    ['cancelar mi cita', 'cancel'],
    ['cancelar la cita del viernes', 'cancel'],
    ['para mañana a las 3', 'book'],
    ['necesito ayuda para reservar', 'book'],
  ])('%j is no carrier keyword (%s)', (text, intent) => {
    expect(read(text)).toMatchObject({ keyword: null, intent });
  });
  test('"para" inside a sentence stops nothing', () => {
    expect(read('no pare de reír jaja')).toMatchObject({ keyword: null });
    expect(read('no pare de reír jaja').intent).not.toBe('stop');
  });
});

describe('yes and no', () => {
  it.each(['sí', 'si', 'Si', 'SII', 'vale', 'ok', 'dale', 'claro', 'claro que sí', 'perfecto', 'de acuerdo', 'sí, por favor', 'perfecto gracias', 'va', 'sale', 'está bien'])(
    '%j is yes',
    (text) => {
      expect(read(text, { kind: 'yes_no' }).intent).toBe('yes');
    },
  );
  it.each(['no', 'No', 'no gracias', 'nop', 'no me sirve', 'mejor no', 'ninguna', 'ahora no'])('%j is no', (text) => {
    expect(read(text, { kind: 'yes_no' }).intent).toBe('no');
  });
  test('an opening yes with a change after it agrees and changes', () => {
    const r = read('sí, pero a las 4', { kind: 'yes_no' });
    expect(r).toMatchObject({ agrees: true, time: '16:00', change: true });
  });
});

describe('texting shorthand', () => {
  it.each([
    ['mñna x la tarde', { date: '2026-06-18', window: { from: '12:00', to: '17:00' } }],
    ['q hora abren mñn?', { intent: 'faq', faq: 'hours', date: '2026-06-18' }],
    ['xfa un corte pa las 3', { intent: 'book', service: 'haircut', time: '15:00' }],
    ['porfa tb un arreglo de barba', { service: 'beard-trim', also: true }],
  ] as Array<[string, Partial<TurnReading>]>)('reads %j', (text, expected) => {
    expect(read(text)).toMatchObject(expected);
  });
});

describe('answers to what the bot asked', () => {
  test('at a name prompt a name is a name, a request is not', () => {
    expect(read('me llamo Ana García', { kind: 'name' })).toMatchObject({ name: 'Ana García', intent: 'other' });
    expect(read('Lucía', { kind: 'name' }).name).toBe('Lucía');
    expect(read('Tarde', { kind: 'name' }).name).toBe('Tarde');
    expect(read('cancelar mi cita', { kind: 'name' }).name).toBeNull();
    expect(read('mañana a las 3', { kind: 'name' }).name).toBeNull();
    expect(read('un corte', { kind: 'name' }).name).toBeNull();
  });

  test('numbered times are picked by number, by time and by position', () => {
    const starts = [Date.parse('2026-06-18T14:00:00Z'), Date.parse('2026-06-18T15:30:00Z'), Date.parse('2026-06-18T19:00:00Z')];
    const expecting: Expectation = { kind: 'choice', count: 3, starts };
    expect(read('la segunda', expecting).choice).toBe(2);
    expect(read('2', expecting).choice).toBe(2);
    expect(read('opción 3 por favor', expecting).choice).toBe(3);
    expect(read('la de las 11:30', expecting).choice).toBe(2);
    expect(read('la más temprano', expecting).choice).toBe(1);
    expect(read('la última', expecting).choice).toBe(3);
    expect(read('5', expecting)).toMatchObject({ choice: null, choiceOutOfRange: true });
  });

  test('at a read-back a change of mind changes it', () => {
    const at = Date.parse('2026-06-18T19:00:00Z'); // Thursday 15:00 in New York
    expect(read('mejor a las 4', { kind: 'yes_no', at })).toMatchObject({ time: '16:00', change: true, changeCue: true });
    expect(read('mejor 4', { kind: 'yes_no', at })).toMatchObject({ time: '16:00', change: true });
    expect(read('una hora más tarde', { kind: 'yes_no', at })).toMatchObject({ date: '2026-06-18', time: '16:00' });
    expect(read('media hora antes', { kind: 'yes_no', at })).toMatchObject({ date: '2026-06-18', time: '14:30' });
    expect(read('a la misma hora la semana que viene', { kind: 'yes_no', at })).toMatchObject({ date: '2026-06-25', time: '15:00' });
    expect(read('con el barbero', { kind: 'yes_no', at })).toMatchObject({ staff: 'barber', change: true });
    expect(read('cualquiera está bien', { kind: 'yes_no', at }).anyStaff).toBe(true);
    expect(read('con la otra estilista', { kind: 'yes_no', at }).otherStaff).toBe(true);
  });
});

describe('several requests and follow-ups', () => {
  test('a move names the appointment and the new time', () => {
    expect(read('cambia mi cita de las 3 a las 4')).toMatchObject({ intent: 'reschedule', time: '16:00', from: { date: null, time: '15:00' } });
    expect(read('mueve mi cita del viernes al sábado')).toMatchObject({ intent: 'reschedule', date: '2026-06-20', from: { date: '2026-06-19', time: null } });
  });
  test('a price question and a booking are two requests', () => {
    const r = read('¿cuánto cuesta el tinte? y quiero reservar uno el sábado a las 10');
    expect(r.parts.map((p) => p.intent)).toEqual(['faq', 'book']);
    expect(r.faqs).toEqual(['prices']);
  });
  test('"¿y el sábado?" asks the last question again', () => {
    expect(read('¿y el sábado?')).toMatchObject({ followUp: true, date: '2026-06-20' });
    expect(read('¿que tal el viernes?')).toMatchObject({ followUp: true, date: '2026-06-19' });
  });
  test('a closure named in Spanish is found on the business calendar', () => {
    expect(read('¿abren en navidad?').namedDay).toEqual({ name: 'Christmas', date: '2026-12-25' });
  });
});

describe('replies to a reminder and other flags', () => {
  it.each([
    ['C', { kind: 'confirm' }],
    ['X', { kind: 'cancel' }],
    ['sí, ahí estaré', { kind: 'confirm' }],
    ['llego 10 minutos tarde', { kind: 'late', minutes: 10 }],
    ['voy un poco tarde', { kind: 'late', minutes: null }],
    ['llego en 15', { kind: 'late', minutes: 15 }],
    ['tengo que cancelar', { kind: 'cancel' }],
  ])('%j', (text, reply) => {
    expect(read(text).reminderReply).toEqual(reply);
  });
  test('greetings, thanks, never mind, complaints, urgent words and impossible days', () => {
    expect(read('hola').greeting).toBe(true);
    expect(read('¡muchas gracias!')).toMatchObject({ thanks: true, intent: 'other' });
    expect(read('olvídalo').abandon).toBe(true);
    expect(read('quiero salir de la fila').leaveQueue).toBe(true);
    expect(read('pésimo servicio, quiero un reembolso').complaint).toBe(true);
    expect(read('sin quejas, todo bien').complaint).toBe(false);
    expect(read('es una emergencia').urgent).toBe('emergencia');
    expect(read('no es urgente').urgent).toBeNull();
    expect(read('el 30 de febrero').impossible).toMatchObject({ kind: 'day', month: 2, day: 30 });
    expect(read('¿qué servicios tienen?').catalogue).toBe(true);
    expect(read('¿abren el domingo?').question).toBe(true);
  });
});

describe('the business’s own Spanish words, and a business without them', () => {
  // The demo's config gives Spanish names, questions and urgent words; strip them to see the
  // reader fall back on the Spanish words for what the English ones say.
  const englishOnly = {
    ...business,
    services: business.services.map(({ translations: _t, ...s }) => s),
    staff: business.staff.map(({ translations: _t, ...m }) => m),
    faqs: business.faqs.map(({ translations: _t, ...f }) => f),
    closures: business.closures.map(({ translations: _t, ...c }) => c),
    norms: business.norms && { ...business.norms, translations: undefined },
  };
  const readIn = (b: typeof business, text: string): TurnReading => readEs(text, { now, business: b });

  test('a service, an FAQ and an urgent word the config names only in Spanish', () => {
    expect(readIn(business, 'un matizador el viernes').service).toBe('color');
    expect(readIn(business, '¿venden certificados?')).toMatchObject({ intent: 'faq', faq: 'gift-cards' });
    expect(readIn(business, 'me quedé afuera').urgent).toBe('me quedé afuera');
  });

  test('without Spanish in the config, the Spanish words for the English names still find them', () => {
    expect(readIn(englishOnly, 'quiero un corte de pelo y un tinte')).toMatchObject({ service: 'haircut', services: ['haircut', 'color'] });
    expect(readIn(englishOnly, 'con el barbero').staff).toBe('barber');
    expect(readIn(englishOnly, '¿cuánto cuesta un secado?')).toMatchObject({ intent: 'faq', faq: 'prices', service: 'blowout' });
    expect(readIn(englishOnly, '¿tienen estacionamiento?')).toMatchObject({ intent: 'faq', faq: 'parking' });
    expect(readIn(englishOnly, 'es una emergencia').urgent).toBe('emergency');
    expect(readIn(englishOnly, '¿abren en navidad?').namedDay).toEqual({ name: 'Christmas', date: '2026-12-25' });
  });
});
