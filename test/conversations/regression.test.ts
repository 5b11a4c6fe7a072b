// 7. What already works and must keep working: booking, cancelling, moving, answers to questions,
// STOP/START/HELP over SMS, a person on request, and "never mind" in the middle of a flow.
import type { Scenario } from './dsl';
import { runScenarios } from './runner';

const TUESDAY = '2026-03-10T10:00';
const kind = 'regression';

/** A one-turn question whose answer must carry `facts`. */
const faq = (say: string, ...facts: (string | RegExp)[]): Scenario => ({
  name: `answers "${say}"`,
  kind,
  now: TUESDAY,
  turns: [{ say, expect: { mentions: facts, notAsks: ['name', 'yes/no'] } }],
});

const scenarios: Scenario[] = [
  // Booking.
  {
    name: 'a plain booking: service, day and time in one text, then the name',
    kind,
    now: TUESDAY,
    turns: [
      { say: 'book a haircut thursday at 2', expect: { asks: 'name' } },
      { say: 'Grace Okafor', expect: { asks: 'yes/no', mentions: ['Haircut', /thu/i, '2:00'] } },
      { say: 'yes', expect: { mentions: [/booked/i, '2:00'] } },
    ],
    store: { name: 'Grace Okafor', booked: [{ service: 'haircut', start: '2026-03-12T14:00' }] },
  },
  {
    name: 'a booking a step at a time: service, then day and time, then the name',
    kind,
    now: TUESDAY,
    turns: [
      { say: "I'd like to book an appointment", expect: { asks: 'choice' } },
      { say: 'color' },
      { say: 'friday at 10am' },
      { say: 'Henry Vance', expect: { asks: 'yes/no', mentions: ['Color', /fri/i, '10:00'] } },
      { say: 'yes' },
    ],
    store: { name: 'Henry Vance', booked: [{ service: 'color', start: '2026-03-13T10:00', staff: 'lead' }] },
  },
  {
    name: 'a booking with the barber by name',
    kind,
    now: TUESDAY,
    given: { name: 'Ian Cross' },
    turns: [
      { say: 'beard trim with the barber saturday at 11', expect: { asks: 'yes/no', mentions: [/barber/i, '11:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'beard-trim', start: '2026-03-14T11:00', staff: 'barber' }] },
  },
  {
    name: 'no at the read-back books nothing',
    kind,
    now: TUESDAY,
    given: { name: 'Jill Park' },
    turns: [{ say: 'blowout thursday at 4', expect: { asks: 'yes/no' } }, { say: 'no' }],
    store: { booked: [] },
  },
  {
    name: 'a closed day is refused',
    kind,
    now: TUESDAY,
    given: { name: 'Kurt Neal' },
    turns: [{ say: 'haircut sunday at 2', expect: { mentions: [/closed|not open/i], notAsks: ['yes/no'] } }],
    store: { booked: [] },
  },
  {
    name: 'a holiday closure is refused',
    kind,
    now: '2026-12-22T10:00',
    given: { name: 'Lara Quinn' },
    turns: [{ say: 'haircut on december 25 at 10', expect: { mentions: [/christmas/i], notAsks: ['yes/no'] } }],
    store: { booked: [] },
  },
  {
    name: 'a booking across the spring-forward weekend',
    kind,
    now: '2026-03-07T16:00',
    given: { name: 'Milo Hart' },
    turns: [
      { say: 'haircut tuesday at 10am', expect: { asks: 'yes/no', mentions: ['Mar 10', '10:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-10T10:00' }] },
  },
  // Cancelling and moving.
  {
    name: 'cancel my appointment, then yes',
    kind,
    now: TUESDAY,
    given: { name: 'Nell Frost', appointments: [{ service: 'haircut', start: '2026-03-12T14:00' }] },
    turns: [
      { say: 'cancel my appointment', expect: { asks: 'yes/no', mentions: [/thu/i, '2:00'] } },
      { say: 'yes', expect: { mentions: [/cancel/i] } },
    ],
    store: { booked: [], cancelled: [{ service: 'haircut', start: '2026-03-12T14:00' }] },
  },
  {
    name: 'cancel my appointment, then no keeps it',
    kind,
    now: TUESDAY,
    given: { name: 'Otto Brand', appointments: [{ service: 'color', start: '2026-03-13T10:00', staff: 'lead' }] },
    turns: [{ say: 'I need to cancel', expect: { asks: 'yes/no' } }, { say: 'no' }],
    store: { booked: [{ service: 'color', start: '2026-03-13T10:00' }] },
  },
  {
    name: 'move my haircut to friday at 3, then yes',
    kind,
    now: TUESDAY,
    given: { name: 'Pam Hoyt', appointments: [{ service: 'haircut', start: '2026-03-12T14:00' }] },
    turns: [
      { say: 'move my haircut to friday at 3', expect: { asks: 'yes/no', mentions: [/fri/i, '3:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-13T15:00' }] },
  },
  {
    name: 'reschedule, then the new time, then yes',
    kind,
    now: TUESDAY,
    given: { name: 'Rex Lowe', appointments: [{ service: 'blowout', start: '2026-03-12T11:00' }] },
    turns: [
      { say: 'can I reschedule my appointment?', expect: { asks: 'time' } },
      { say: 'saturday at 11', expect: { asks: 'yes/no', mentions: [/sat/i, '11:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'blowout', start: '2026-03-14T11:00' }] },
  },
  {
    name: 'what appointments do I have',
    kind,
    now: TUESDAY,
    given: { name: 'Sue Tate', appointments: [{ service: 'haircut', start: '2026-03-12T14:00' }] },
    turns: [{ say: 'when is my appointment?', expect: { mentions: [/thu/i, '2:00'] } }],
    store: { booked: [{ service: 'haircut', start: '2026-03-12T14:00' }] },
  },
  // Answers to questions.
  faq('what are your hours?', '9:00', '7:00', '5:00'),
  faq('where are you located', '214 Maple Street'),
  faq('is there parking', 'Elm Street'),
  faq('how much is a haircut', '$45'),
  faq('do you take apple pay', 'Apple Pay'),
  faq('do you sell gift cards', '$25'),
  faq('can I just walk in?', /walk-ins/i),
  faq('what is your cancellation policy', '24 hours'),
  // SMS keywords.
  {
    name: 'HELP over SMS says who we are, how to reach a person and how to stop',
    kind,
    now: TUESDAY,
    transports: ['sms'],
    turns: [{ say: 'HELP', expect: { mentions: ['Maple Street Salon', '973-555-0142', 'STOP'] } }],
  },
  {
    name: 'STOP over SMS: nothing more is sent until START',
    kind,
    now: TUESDAY,
    transports: ['sms'],
    turns: [
      { say: 'hi' },
      { say: 'STOP' },
      { say: 'what are your hours?', expect: { silent: true } },
      { say: 'START' },
      { say: 'what are your hours?', expect: { mentions: ['9:00'] } },
    ],
  },
  // A person on request.
  {
    name: 'asking for a person puts the client in line',
    kind,
    now: TUESDAY,
    turns: [{ say: 'can I talk to a real person?', expect: { mentions: [/number 1|next in line/i] } }],
    store: { handoff: 'waiting' },
  },
  {
    name: 'never mind while waiting for a person leaves the line',
    kind,
    now: TUESDAY,
    turns: [{ say: 'talk to a human' }, { say: 'never mind', expect: { mentions: [/assistant/i] } }],
    store: { handoff: 'none' },
  },
  // Never mind in the middle of a flow.
  {
    name: 'never mind at the name question books nothing and does not ask again',
    kind,
    now: TUESDAY,
    turns: [
      { say: 'book a haircut thursday at 2', expect: { asks: 'name' } },
      { say: 'never mind', expect: { notAsks: ['name', 'yes/no'] } },
      { say: 'what are your hours?', expect: { mentions: ['9:00'], notAsks: ['name'] } },
    ],
    store: { booked: [], name: null },
  },
  {
    name: 'never mind at the read-back books nothing',
    kind,
    now: TUESDAY,
    given: { name: 'Tom Vick' },
    turns: [
      { say: 'color friday at 10', expect: { asks: 'yes/no' } },
      { say: 'never mind', expect: { notAsks: ['yes/no'] } },
    ],
    store: { booked: [] },
  },
  {
    name: 'never mind while choosing a time books nothing',
    kind,
    now: TUESDAY,
    given: { name: 'Ula Reyes' },
    turns: [
      { say: 'haircut friday', expect: { asks: 'choice' } },
      { say: 'never mind', expect: { notAsks: ['choice', 'yes/no'] } },
    ],
    store: { booked: [] },
  },
  {
    name: 'never mind while cancelling keeps the appointment',
    kind,
    now: TUESDAY,
    given: { name: 'Val Soto', appointments: [{ service: 'haircut', start: '2026-03-12T14:00' }] },
    turns: [{ say: 'cancel my appointment', expect: { asks: 'yes/no' } }, { say: 'never mind' }],
    store: { booked: [{ service: 'haircut', start: '2026-03-12T14:00' }] },
  },
];

runScenarios('existing behaviour', scenarios);
