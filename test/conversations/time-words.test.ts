// 5. Everyday time words ("after work", "first thing", "lunchtime", "end of the day"), a weekday
// said after closing on that weekday, and picks among offered times ("the later one", "the 3:30 one").
import type { Scenario } from './dsl';
import { runScenarios } from './runner';

const TUESDAY = '2026-03-10T10:00';
const kind = 'time-words';
const AM = /\b\d{1,2}:\d{2}\s?AM\b/;

/** Both chairs taken for a haircut at `start`, so asking for it gets other times offered. */
const bothChairsTaken = (start: string) => ({
  othersBooked: [
    { service: 'haircut', start, staff: 'lead' },
    { service: 'haircut', start, staff: 'barber' },
  ],
});

const scenarios: Scenario[] = [
  // Day parts.
  {
    name: 'haircut thursday after work: evening times only',
    kind,
    now: TUESDAY,
    given: { name: 'Ben Ortiz' },
    turns: [{ say: 'can I get a haircut thursday after work', expect: { mentions: [/\b[56]:\d{2}\s?PM\b/], notMentions: [AM] } }],
  },
  {
    name: 'friday first thing',
    kind,
    now: TUESDAY,
    given: { name: 'Cleo Park' },
    turns: [
      { say: 'haircut friday first thing', expect: { asks: 'yes/no', mentions: ['9:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-13T09:00' }] },
  },
  {
    name: 'sat first thing',
    kind,
    now: TUESDAY,
    given: { name: 'Drew Hart' },
    turns: [
      { say: 'beard trim sat first thing', expect: { asks: 'yes/no', mentions: [/sat/i, '9:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'beard-trim', start: '2026-03-14T09:00' }] },
  },
  {
    name: 'end of the day thursday: the last times before 7',
    kind,
    now: TUESDAY,
    given: { name: 'Eve Long' },
    turns: [{ say: 'haircut thursday at the end of the day', expect: { mentions: [/\b6:[0-3]\d\s?PM\b/], notMentions: [AM] } }],
  },
  {
    name: 'end of the day saturday: the last times before 5',
    kind,
    now: TUESDAY,
    given: { name: 'Finn Cole' },
    turns: [{ say: 'end of the day saturday for a haircut', expect: { mentions: [/\b4:[0-3]\d\s?PM\b/], notMentions: [AM, /\b6:\d{2}\s?PM\b/] } }],
  },
  {
    name: 'lunchtime friday',
    kind,
    now: TUESDAY,
    given: { name: 'Gia Moss' },
    turns: [{ say: 'blowout friday lunchtime', expect: { mentions: [/\b(12|1):\d{2}\s?PM\b/], notMentions: [AM, /\b[4-6]:\d{2}\s?PM\b/] } }],
  },
  {
    name: 'tomorrow morning',
    kind,
    now: TUESDAY,
    given: { name: 'Hal Reed' },
    turns: [{ say: 'haircut tomorrow morning', expect: { mentions: [AM], notMentions: [/\b\d{1,2}:\d{2}\s?PM\b/] } }],
  },
  {
    name: 'a color this evening',
    kind,
    now: TUESDAY,
    given: { name: 'Isla Kerr' },
    turns: [{ say: 'any chance of a color this evening?', expect: { mentions: [/\b5:\d{2}\s?PM\b/], notMentions: [AM] } }],
  },
  {
    name: 'something after 4 on thursday',
    kind,
    now: TUESDAY,
    given: { name: 'Vic Lamb' },
    turns: [{ say: 'haircut thursday, anything after 4?', expect: { mentions: [/\b[4-6]:\d{2}\s?PM\b/], notMentions: [AM, /\b(12|1|2|3):\d{2}\s?PM\b/] } }],
  },
  {
    name: 'the earliest you have friday',
    kind,
    now: TUESDAY,
    given: { name: 'Wren Solis' },
    turns: [
      { say: "what's the earliest you have friday for a haircut", expect: { mentions: ['9:00'] } },
    ],
  },
  // Clock words.
  {
    name: 'a quarter past 3 thursday',
    kind,
    now: TUESDAY,
    given: { name: 'Jay Fox' },
    turns: [
      { say: 'haircut a quarter past 3 thursday', expect: { asks: 'yes/no', mentions: ['3:15'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-12T15:15' }] },
  },
  {
    name: 'noon on friday',
    kind,
    now: TUESDAY,
    given: { name: 'Kim Vo' },
    turns: [
      { say: 'haircut at noon on friday', expect: { asks: 'yes/no', mentions: ['12:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-13T12:00' }] },
  },
  // A weekday said on that weekday after closing is next week's.
  {
    name: '"tuesday at 9" on a Tuesday evening after closing means next Tuesday',
    kind,
    now: '2026-03-10T20:00',
    given: { name: 'Lou Baker' },
    turns: [
      { say: 'haircut tuesday at 9', expect: { asks: 'yes/no', mentions: ['Mar 17', '9:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-17T09:00' }] },
  },
  {
    name: '"saturday at 10" on a Saturday evening means next Saturday',
    kind,
    now: '2026-03-14T18:30',
    given: { name: 'Meg Ward' },
    turns: [
      { say: 'beard trim saturday at 10', expect: { asks: 'yes/no', mentions: ['Mar 21', '10:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'beard-trim', start: '2026-03-21T10:00' }] },
  },
  {
    name: 'next tuesday at 10, said on a Thursday',
    kind,
    now: '2026-03-12T10:00',
    given: { name: 'Ned Shaw' },
    turns: [
      { say: 'haircut next tuesday at 10', expect: { asks: 'yes/no', mentions: ['Mar 17', '10:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-17T10:00' }] },
  },
  // Across a DST change (America/New_York springs forward 2026-03-08, falls back 2026-11-01).
  {
    name: 'tuesday first thing, said on the spring-forward Sunday',
    kind,
    now: '2026-03-08T10:00',
    given: { name: 'Oona Hill' },
    turns: [
      { say: 'haircut tuesday first thing', expect: { asks: 'yes/no', mentions: [/tue/i, '9:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-10T09:00' }] },
  },
  {
    name: 'tuesday at 9, said on the fall-back Sunday',
    kind,
    now: '2026-11-01T12:00',
    given: { name: 'Pia Nash' },
    turns: [
      { say: 'haircut tuesday at 9', expect: { asks: 'yes/no', mentions: ['Nov 3', '9:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-11-03T09:00' }] },
  },
  {
    name: 'sat first thing, said on the fall-back Sunday',
    kind,
    now: '2026-11-01T12:00',
    given: { name: 'Quinn Ray' },
    turns: [
      { say: 'sat first thing for a blowout', expect: { asks: 'yes/no', mentions: ['Nov 7', '9:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'blowout', start: '2026-11-07T09:00' }] },
  },
  // Picks among offered times.
  {
    name: 'the later one, at an offer of times',
    kind,
    now: TUESDAY,
    given: { name: 'Rae Dunn', ...bothChairsTaken('2026-03-12T14:00') },
    turns: [
      { say: 'haircut thursday at 2', expect: { asks: 'choice' } },
      { say: 'the later one', expect: { asks: 'yes/no' } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: 'offered:latest' }] },
  },
  {
    name: 'the earlier one, at an offer of times',
    kind,
    now: TUESDAY,
    given: { name: 'Sol Ibarra', ...bothChairsTaken('2026-03-12T14:00') },
    turns: [
      { say: 'haircut thursday at 2', expect: { asks: 'choice' } },
      { say: 'the earlier one please', expect: { asks: 'yes/no' } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: 'offered:earliest' }] },
  },
  {
    name: 'the last one, at an offer of a day\'s times',
    kind,
    now: TUESDAY,
    given: { name: 'Tess Yu' },
    turns: [
      { say: 'haircut friday', expect: { asks: 'choice' } },
      { say: 'the last one', expect: { asks: 'yes/no' } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: 'offered:last' }] },
  },
  {
    name: 'the 3:30 one, at an offer of times',
    kind,
    now: TUESDAY,
    given: { name: 'Uma Byrne', ...bothChairsTaken('2026-03-12T15:00') },
    turns: [
      { say: 'haircut thursday at 3', expect: { asks: 'choice', mentions: ['3:30'] } },
      { say: 'the 3:30 one', expect: { asks: 'yes/no', mentions: ['3:30'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-12T15:30' }] },
  },
];

runScenarios('everyday time words', scenarios);
