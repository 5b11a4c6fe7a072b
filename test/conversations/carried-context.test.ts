// 4. Follow-ups carry the context of the turn before: "what about saturday?" after an hours
// question is about Saturday's hours; a day and time said with a staff member who does not do the
// service are kept when the client takes someone else.
import type { Scenario } from './dsl';
import { runScenarios } from './runner';

const TUESDAY = '2026-03-10T10:00';
const kind = 'carried-context';

const scenarios: Scenario[] = [
  // Hours, one day then another.
  {
    name: 'are you open sunday? then what about saturday?',
    kind,
    now: TUESDAY,
    turns: [
      { say: 'are you open sunday?', expect: { mentions: [/closed|not open/i] } },
      { say: 'what about saturday?', expect: { mentions: ['9:00', '5:00'], notAsks: ['name', 'yes/no'] } },
    ],
  },
  {
    name: 'are you open monday? and tuesday?',
    kind,
    now: '2026-03-12T10:00',
    turns: [
      { say: 'are you open monday', expect: { mentions: [/closed|not open/i] } },
      { say: 'and tuesday?', expect: { mentions: ['9:00', '7:00'], notAsks: ['name', 'yes/no'] } },
    ],
  },
  {
    name: 'what time do you close friday? and saturday?',
    kind,
    now: TUESDAY,
    turns: [
      { say: 'what time do you close on friday', expect: { mentions: ['7:00'] } },
      { say: 'and saturday?', expect: { mentions: ['5:00'], notAsks: ['name', 'yes/no'] } },
    ],
  },
  {
    name: 'after closing: are you open sunday? then what about saturday?',
    kind,
    now: '2026-03-10T20:30',
    turns: [
      { say: 'are you open sunday?', expect: { mentions: [/closed|not open/i] } },
      { say: 'what about saturday?', expect: { mentions: ['9:00', '5:00'], notAsks: ['name', 'yes/no'] } },
    ],
  },
  {
    name: 'are you open today? on a Saturday, then what about tomorrow?',
    kind,
    now: '2026-03-14T10:00',
    turns: [
      { say: 'are you open today?', expect: { mentions: ['5:00'] } },
      { say: 'what about tomorrow?', expect: { mentions: [/closed|not open/i], notAsks: ['name', 'yes/no'] } },
    ],
  },
  {
    name: 'hours on saturday, then a haircut then at 10',
    kind,
    now: TUESDAY,
    given: { name: 'Ivy Chen' },
    turns: [
      { say: 'what are your hours on saturday?', expect: { mentions: ['5:00'] } },
      { say: 'ok book me a haircut then at 10', expect: { asks: 'yes/no', mentions: [/sat/i, '10:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-14T10:00' }] },
  },
  // A staff member who does not do the service: told who does, day and time kept.
  {
    name: 'a color with the barber at 3 tomorrow, then "ok the other stylist then"',
    kind,
    now: TUESDAY,
    given: { name: 'Bea Lopez' },
    turns: [
      { say: 'can I get a color with the barber at 3 tomorrow', expect: { mentions: [/lead stylist/i] } },
      { say: 'ok the other stylist then', expect: { asks: 'yes/no', mentions: ['Color', /wed/i, '3:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'color', start: '2026-03-11T15:00', staff: 'lead' }] },
  },
  {
    name: 'a color with the barber at 3 tomorrow, then "anyone is fine"',
    kind,
    now: TUESDAY,
    given: { name: 'Tara Singh' },
    turns: [
      { say: 'color with the barber tomorrow at 3pm please', expect: { mentions: [/lead stylist/i] } },
      { say: 'anyone is fine', expect: { asks: 'yes/no', mentions: ['Color', /wed/i, '3:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'color', start: '2026-03-11T15:00', staff: 'lead' }] },
  },
  {
    name: 'told who does it keeps the day and time in the same reply',
    kind,
    now: TUESDAY,
    given: { name: 'Mia Rossi' },
    turns: [{ say: 'consultation with the barber friday at 11', expect: { mentions: [/lead stylist/i, /fri/i, '11:00'] } }],
  },
  {
    name: 'a consultation with the barber friday at 11, then "fine, the lead stylist"',
    kind,
    now: TUESDAY,
    given: { name: 'Zoe Adams' },
    turns: [
      { say: 'consultation with the barber friday at 11' },
      // The lead stylist was read back: agreeing with the same person is a yes.
      { say: 'fine, the lead stylist', expect: { mentions: ['Consultation', /fri/i, '11:00'] } },
    ],
    store: { booked: [{ service: 'consultation', start: '2026-03-13T11:00', staff: 'lead' }] },
  },
  {
    name: 'the barber on a day he does not work, then "anyone is fine"',
    kind,
    now: '2026-03-12T10:00',
    given: { name: 'Leo Grant' },
    turns: [
      { say: 'haircut with the barber next tuesday at 3', expect: { mentions: [/tue/i] } },
      { say: 'anyone is fine', expect: { asks: 'yes/no', mentions: [/tue/i, '3:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-17T15:00', staff: 'lead' }] },
  },
  // A service talked about, then booked as "one".
  {
    name: 'how much is a blowout? then book one friday at 11',
    kind,
    now: TUESDAY,
    given: { name: 'Ella Stone' },
    turns: [
      { say: 'how much is a blowout?', expect: { mentions: ['$40'] } },
      { say: 'ok book one for friday at 11', expect: { asks: 'yes/no', mentions: ['Blowout', '11:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'blowout', start: '2026-03-13T11:00' }] },
  },
  {
    name: 'do you do beard trims? then can I get one thursday at 4',
    kind,
    now: TUESDAY,
    given: { name: 'Hugo Lane' },
    turns: [
      { say: 'do you do beard trims?' },
      { say: 'can I get one thursday at 4', expect: { asks: 'yes/no', mentions: ['Beard trim', '4:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'beard-trim', start: '2026-03-12T16:00' }] },
  },
  // Day and time given in separate turns.
  {
    name: 'a haircut, then thursday, then 2pm',
    kind,
    now: TUESDAY,
    given: { name: 'Kai Brooks' },
    turns: [
      { say: 'I want a haircut' },
      { say: 'thursday' },
      { say: '2pm', expect: { asks: 'yes/no', mentions: [/thu/i, '2:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-12T14:00' }] },
  },
  {
    name: 'a question in the middle of booking, then the booking goes on',
    kind,
    now: TUESDAY,
    given: { name: 'Nora West' },
    turns: [
      { say: 'book a blowout friday' },
      { say: 'wait, how much is it?', expect: { mentions: ['$40'] } },
      { say: 'ok 3pm', expect: { asks: 'yes/no', mentions: ['Blowout', /fri/i, '3:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'blowout', start: '2026-03-13T15:00' }] },
  },
];

runScenarios('follow-ups with carried context', scenarios);
