// The conversation suite in Spanish, on both transports (signed Twilio SMS and Bot Framework's
// /api/messages): booking, moving, cancelling, hours and prices, a person, STOP, and a client who
// switches language mid-conversation. The demo business is English first and offers Spanish.
import type { Scenario } from './dsl';
import { runScenarios } from './runner';

const TUESDAY = '2026-03-10T10:00';
const kind = 'regression';
const haircutThursdayAt2 = { service: 'haircut', start: '2026-03-12T14:00' };

const scenarios: Scenario[] = [
  {
    name: 'a Spanish booking: service, day and time, then the name, read back and booked in Spanish',
    kind,
    now: TUESDAY,
    turns: [
      { say: 'hola, quiero reservar un corte el jueves a las 2', expect: { asks: 'name', notMentions: [/\bwhat name\b/i] } },
      { say: 'Ana López', expect: { asks: 'yes/no', mentions: ['Corte de pelo', 'jueves', '2:00 p. m.'], notMentions: [/\bReply\b/, /\bYes\b/] } },
      { say: 'sí', expect: { mentions: ['reservado', '2:00 p. m.'] } },
    ],
    store: { name: 'Ana López', booked: [haircutThursdayAt2] },
  },
  {
    name: 'a move to another day keeps the day the client named ("al viernes a las 11")',
    kind,
    now: TUESDAY,
    given: { name: 'Beto Ruiz', appointments: [haircutThursdayAt2] },
    turns: [
      { say: '¿puedo cambiar mi cita al viernes a las 11?', expect: { asks: 'yes/no', mentions: ['viernes 13 de marzo a las 11:00 a. m.'] } },
      { say: 'sí', expect: { mentions: ['viernes', '11:00 a. m.'] } },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-13T11:00' }] },
  },
  {
    name: 'a move from one day to another ("del jueves para el sábado a las 10")',
    kind,
    now: TUESDAY,
    given: { name: 'Carla Paz', appointments: [haircutThursdayAt2] },
    turns: [
      { say: 'quiero pasar mi cita del jueves para el sábado a las 10', expect: { asks: 'yes/no', mentions: ['sábado 14 de marzo', '10:00 a. m.'] } },
      { say: 'sí' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-14T10:00' }] },
  },
  {
    name: 'a cancellation asked in Spanish, confirmed with "sí", its choices numbered in Spanish over SMS',
    kind,
    now: TUESDAY,
    given: { name: 'Dora Gil', appointments: [haircutThursdayAt2] },
    turns: [
      { say: 'necesito cancelar mi cita', expect: { asks: 'yes/no', mentions: ['Cancelo'], notMentions: [/\bReply\b/, /\bcancel it\b/i, /\bkeep it\b/i] } },
      { say: 'sí', expect: { mentions: ['cancelada'] } },
    ],
    store: { booked: [], cancelled: [haircutThursdayAt2] },
  },
  {
    name: 'the price of a service asked by its Spanish word is said with its Spanish name',
    kind,
    now: TUESDAY,
    turns: [{ say: '¿cuánto cuesta un tinte?', expect: { mentions: ['Tinte', '$120'], notMentions: [/\bColor\b/, /\bis \$/] } }],
  },
  {
    name: 'the hours asked in Spanish',
    kind,
    now: TUESDAY,
    turns: [{ say: '¿cuál es su horario?', expect: { mentions: ['horario', 'a. m.', 'sáb'], notMentions: [/\bhours\b/i] } }],
  },
  {
    name: 'Saturday opening asked in Spanish',
    kind,
    now: TUESDAY,
    turns: [{ say: '¿a qué hora abren el sábado?', expect: { mentions: ['sábado', '9:00 a. m.'] } }],
  },
  {
    name: 'a person asked for in Spanish: a place in line, said in Spanish',
    kind,
    now: TUESDAY,
    turns: [{ say: 'quiero hablar con una persona', expect: { mentions: ['fila'], store: { handoff: 'waiting' } } }],
  },
  {
    name: 'STOP in Spanish (ALTO) is confirmed in Spanish, and ALTA resubscribes',
    kind,
    now: TUESDAY,
    transports: ['sms'],
    turns: [
      { say: 'hola, quiero información de precios por favor', expect: { mentions: ['precios'] } },
      { say: 'ALTO', expect: { mentions: ['Ya no recibirás mensajes', 'ALTA'] } },
      { say: 'hola', expect: { silent: true } },
      { say: 'ALTA', expect: { mentions: ['Volviste a suscribirte'] } },
    ],
  },
  {
    name: 'BAJA from a Spanish client unsubscribes with a Spanish confirmation',
    kind,
    now: TUESDAY,
    transports: ['sms'],
    turns: [
      { say: 'buenas tardes, ¿cuánto cuesta un corte de pelo?', expect: { mentions: ['$45'] } },
      { say: 'BAJA', expect: { mentions: ['Ya no recibirás mensajes'] } },
    ],
  },
  {
    name: 'a client who asks for Spanish gets an acknowledgement in Spanish, not a "did not understand"',
    kind,
    now: TUESDAY,
    turns: [
      { say: 'en español por favor', expect: { mentions: ['¡Claro!', 'español'], notMentions: ['no te entendí', /sorry/i] } },
      { say: 'corte mañana a las 3', expect: { asks: 'name' } },
    ],
  },
  {
    name: 'a client who switches to Spanish and back to English is acknowledged each time in the language asked for',
    kind,
    now: TUESDAY,
    turns: [
      { say: 'hi, how much is a haircut?', expect: { mentions: ['$45'] } },
      { say: '¿hablas español?', expect: { mentions: ['¡Claro!'], notMentions: ['no te entendí'] } },
      { say: '¿cuánto cuesta un secado?', expect: { mentions: ['Secado y peinado', '$40'] } },
      { say: 'english please', expect: { mentions: ['English it is'], notMentions: [/entend/, /not following/i, /line/] } },
      { say: 'book a haircut thursday at 2', expect: { asks: 'name' } },
      { say: 'Eva Soto', expect: { asks: 'yes/no', mentions: ['Haircut', '2:00 PM'] } },
      { say: 'yes', expect: { mentions: ["You're booked"] } },
    ],
    store: { booked: [haircutThursdayAt2], handoff: 'none' },
  },
  {
    name: 'a request for Spanish in the middle of a booking is acknowledged and the booking carries on',
    kind,
    now: TUESDAY,
    given: { name: 'Fer Díaz' },
    turns: [
      { say: 'quiero un corte el jueves a las 2', expect: { asks: 'yes/no' } },
      { say: 'english please', expect: { mentions: ['English it is'], asks: 'yes/no' } },
      { say: 'yes', expect: { mentions: ["You're booked"] } },
    ],
    store: { booked: [haircutThursdayAt2] },
  },
  {
    name: 'a client who asks for Spanish after times were offered in English is offered the same times again, in Spanish',
    kind,
    now: TUESDAY,
    given: { name: 'Gema Ríos' },
    transports: ['sms'],
    turns: [
      { say: 'can I get a haircut thursday afternoon?', expect: { asks: 'choice', mentions: ['Thu Mar 12', 'PM'] } },
      { say: 'en español por favor', expect: { asks: 'choice', mentions: ['¡Claro!', 'jueves', 'p. m.', 'Responde'], notMentions: [/\bReply\b/, /\bThu\b/, /\bPM\b/] } },
      { say: 'la primera', expect: { asks: 'yes/no', mentions: ['Corte de pelo', 'jueves'] } },
      { say: 'sí', expect: { mentions: ['reservado'] } },
    ],
    store: { booked: [{ service: 'haircut', start: 'offered:first' }] },
  },
  {
    name: 'a Spanish question in the middle of an English booking is answered in Spanish and the pending question asked again in Spanish',
    kind,
    now: TUESDAY,
    given: { name: 'Hugo Paz' },
    transports: ['sms'],
    turns: [
      { say: 'I want to book a haircut', expect: { asks: 'time' } },
      { say: '¿cuál es su horario?', expect: { asks: 'time', mentions: ['horario', '¿Cuándo quieres venir'], notMentions: [/\bWhen would you like\b/] } },
    ],
  },
  {
    name: 'a client asked for their name in English who asks for Spanish is asked for it again in Spanish',
    kind,
    now: TUESDAY,
    transports: ['sms'],
    turns: [
      { say: 'book a haircut thursday at 2', expect: { asks: 'name' } },
      { say: 'en español por favor', expect: { asks: 'name', mentions: ['¡Claro!', 'A nombre de quién'], notMentions: [/\bWhat name\b/i] } },
      { say: 'Juan Mora', expect: { asks: 'yes/no', mentions: ['Corte de pelo', 'jueves'] } },
      { say: 'sí', expect: { mentions: ['reservado'] } },
    ],
    store: { name: 'Juan Mora', booked: [haircutThursdayAt2] },
  },
  {
    name: 'a Spanish cancellation waiting for its yes, asked again in English after "english please"',
    kind,
    now: TUESDAY,
    given: { name: 'Lola Vega', appointments: [haircutThursdayAt2] },
    transports: ['sms'],
    turns: [
      { say: 'necesito cancelar mi cita', expect: { asks: 'yes/no', mentions: ['Cancelo'] } },
      { say: 'english please', expect: { asks: 'yes/no', mentions: ['English it is', 'Cancel your haircut', '(yes / no)'], notMentions: [/Cancelo/, /Responde/, /jueves/] } },
      { say: 'yes', expect: { mentions: ['cancelled'] } },
    ],
    store: { booked: [], cancelled: [haircutThursdayAt2] },
  },
  {
    name: 'a client who asks for English while a Spanish read-back waits is read it back again in English',
    kind,
    now: TUESDAY,
    given: { name: 'Iris Gómez' },
    transports: ['sms'],
    turns: [
      { say: 'quiero un corte el jueves a las 2', expect: { asks: 'yes/no', mentions: ['jueves'] } },
      { say: 'english please', expect: { asks: 'yes/no', mentions: ['English it is', 'Haircut', 'Thu Mar 12', '2:00 PM'], notMentions: [/jueves/, /\bCorte\b/] } },
      { say: 'yes', expect: { mentions: ["You're booked"] } },
    ],
    store: { booked: [haircutThursdayAt2] },
  },
];

runScenarios('Spanish conversations', scenarios);
