// 3. Several requests in one text: each is answered or booked, none silently dropped.
import type { Scenario } from './dsl';
import { runScenarios } from './runner';

const TUESDAY = '2026-03-10T10:00';
const kind = 'several-requests';

const scenarios: Scenario[] = [
  // Two services at one time: booked back to back, in the order said.
  {
    name: 'a haircut and a beard trim thurs at 2, back to back',
    kind,
    now: TUESDAY,
    given: { name: 'Marco Ruiz' },
    turns: [
      { say: 'a haircut and a beard trim thurs at 2', expect: { asks: 'yes/no', mentions: ['Haircut', 'Beard trim', '2:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-12T14:00' }, { service: 'beard-trim', start: '2026-03-12T14:30' }] },
  },
  {
    name: 'a cut and a blowout friday at 11, back to back',
    kind,
    now: TUESDAY,
    given: { name: 'Priya Shah' },
    turns: [
      { say: 'can I get a cut and a blowout friday at 11', expect: { asks: 'yes/no', mentions: ['Haircut', 'Blowout', '11:00'] } },
      { say: 'yes please' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-13T11:00' }, { service: 'blowout', start: '2026-03-13T11:30' }] },
  },
  {
    name: 'beard trim plus haircut saturday 10am, in the order said',
    kind,
    now: TUESDAY,
    given: { name: 'Dev Patel' },
    turns: [
      { say: 'beard trim plus haircut saturday 10am', expect: { asks: 'yes/no', mentions: ['Haircut', 'Beard trim', '10:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'beard-trim', start: '2026-03-14T10:00' }, { service: 'haircut', start: '2026-03-14T10:15' }] },
  },
  {
    name: 'two services when the name is still to ask: both kept through the name question',
    kind,
    now: TUESDAY,
    turns: [
      { say: 'I need a color and a blowout on thursday at 11am', expect: { asks: 'name' } },
      { say: 'Lena Fox', expect: { asks: 'yes/no', mentions: ['Color', 'Blowout', '11:00'] } },
      { say: 'yes' },
    ],
    store: { name: 'Lena Fox', booked: [{ service: 'color', start: '2026-03-12T11:00' }, { service: 'blowout', start: '2026-03-12T12:30' }] },
  },
  // A question and a booking: the price said and the booking made.
  {
    name: 'how much is color? and can I book one sat at 10',
    kind,
    now: TUESDAY,
    given: { name: 'Jess Moreau' },
    turns: [
      { say: 'how much is color? and can I book one sat at 10', expect: { mentions: ['$120'], asks: 'yes/no' } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'color', start: '2026-03-14T10:00' }] },
  },
  {
    name: 'how much is a haircut and can I get one thursday at 3',
    kind,
    now: TUESDAY,
    given: { name: 'Omar Haddad' },
    turns: [
      { say: 'how much is a haircut and can I get one thursday at 3', expect: { mentions: ['$45', '3:00'], asks: 'yes/no' } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-12T15:00' }] },
  },
  {
    name: "what's the price of a beard trim, also book me one friday at noon",
    kind,
    now: TUESDAY,
    given: { name: 'Ravi Kumar' },
    turns: [
      { say: "what's the price of a beard trim, also book me one friday at noon", expect: { mentions: ['$20', '12:00'], asks: 'yes/no' } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'beard-trim', start: '2026-03-13T12:00' }] },
  },
  {
    name: 'is there parking? I would like a haircut friday at 10',
    kind,
    now: TUESDAY,
    given: { name: 'Nina Berg' },
    turns: [
      { say: "is there parking? I'd like a haircut friday at 10", expect: { mentions: [/\blot\b/i, '10:00'], asks: 'yes/no' } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-13T10:00' }] },
  },
  {
    name: 'what time do you close saturday, and a blowout that day at 3',
    kind,
    now: TUESDAY,
    given: { name: 'Carla Diaz' },
    turns: [
      { say: 'what time do you close saturday? and can I get a blowout that day at 3', expect: { mentions: ['5:00', '3:00'], asks: 'yes/no' } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'blowout', start: '2026-03-14T15:00' }] },
  },
  // A name and a booking in one text: the name is taken, not asked for.
  {
    name: "hi, I'm Maria Church, can I book a haircut thursday at 2",
    kind,
    now: TUESDAY,
    turns: [
      { say: "hi, I'm Maria Church, can I book a haircut thursday at 2", expect: { asks: 'yes/no', notAsks: ['name'], mentions: ['2:00'] } },
      { say: 'yes' },
    ],
    store: { name: 'Maria Church', booked: [{ service: 'haircut', start: '2026-03-12T14:00' }] },
  },
  // Two questions: both answered.
  {
    name: 'address and is there parking',
    kind,
    now: TUESDAY,
    turns: [{ say: 'address and is there parking', expect: { mentions: ['214 Maple Street', 'Elm Street'] } }],
  },
  {
    name: 'what are your hours and where are you located',
    kind,
    now: TUESDAY,
    turns: [{ say: 'what are your hours and where are you located?', expect: { mentions: ['9:00', '214 Maple Street'] } }],
  },
  {
    name: 'do you take cards? and is there parking?',
    kind,
    now: TUESDAY,
    turns: [{ say: 'do you take cards? and is there parking?', expect: { mentions: [/credit/i, /parking/i] } }],
  },
  {
    name: 'gift cards and the cancellation policy',
    kind,
    now: TUESDAY,
    turns: [{ say: 'do you sell gift cards, and what is your cancellation policy', expect: { mentions: ['$25', '24 hours'] } }],
  },
  {
    name: 'how much are a haircut and a color',
    kind,
    now: TUESDAY,
    turns: [{ say: 'how much are a haircut and a color?', expect: { mentions: ['$45', '$120'] } }],
  },
];

runScenarios('several requests in one text', scenarios);
