// 6. Manners: one statement of the next opening a turn; the after-hours notice said once, and never
// on HELP/STOP/START replies over SMS; a first SMS reply in one segment when it can be; offered
// times in order and spread; a refusal that names the close; "push my 3pm to 4" without asking which.
import type { Scenario } from './dsl';
import { runScenarios } from './runner';

const TUESDAY = '2026-03-10T10:00';
const TUESDAY_EVENING = '2026-03-10T20:30';
const kind = 'manners';
const CLOSED_NOTICE = /\bclosed\b/i;

const bothChairsTaken = (start: string) => ({
  othersBooked: [
    { service: 'haircut', start, staff: 'lead' },
    { service: 'haircut', start, staff: 'barber' },
  ],
});

const scenarios: Scenario[] = [
  // One statement of the next opening.
  {
    name: 'hi after closing: the next opening stated once',
    kind,
    now: TUESDAY_EVENING,
    turns: [{ say: 'hi', expect: { oneOpeningStated: true, mentions: ['9:00'] } }],
  },
  {
    name: 'asking for a person as the first message after closing: the next opening stated once',
    kind,
    now: TUESDAY_EVENING,
    turns: [{ say: 'can I talk to a person', expect: { oneOpeningStated: true, mentions: ['9:00'] } }],
    store: { handoff: 'waiting' },
  },
  {
    name: 'a booking as the first message after closing: the next opening stated once',
    kind,
    now: TUESDAY_EVENING,
    turns: [{ say: 'book a haircut thursday at 2', expect: { oneOpeningStated: true } }],
  },
  {
    name: 'hi on the spring-forward Sunday, closed all day: the next opening stated once',
    kind,
    now: '2026-03-08T11:00',
    turns: [{ say: 'hi', expect: { oneOpeningStated: true, mentions: [/tue/i, '9:00'] } }],
  },
  {
    name: 'are you open today, asked on a closed day: the next opening stated once',
    kind,
    now: '2026-11-01T12:00',
    turns: [{ say: 'are you open today?', expect: { oneOpeningStated: true, mentions: [/tue/i, '9:00'] } }],
  },
  // The after-hours notice, once.
  {
    name: 'the after-hours notice is not said again on the next question',
    kind,
    now: TUESDAY_EVENING,
    turns: [
      { say: 'hi', expect: { mentions: [CLOSED_NOTICE] } },
      { say: 'what are your prices', expect: { mentions: ['$45'], notMentions: [CLOSED_NOTICE] } },
    ],
  },
  {
    name: 'the after-hours notice is not repeated after leaving the queue',
    kind,
    now: TUESDAY_EVENING,
    turns: [
      { say: 'hi', expect: { mentions: [CLOSED_NOTICE] } },
      { say: 'can I talk to a person' },
      { say: 'never mind', expect: { notMentions: [CLOSED_NOTICE] } },
      { say: 'do you take walk ins?', expect: { notMentions: [CLOSED_NOTICE] } },
    ],
    store: { handoff: 'none' },
  },
  {
    name: 'HELP as the first text after closing carries no after-hours notice',
    kind,
    now: TUESDAY_EVENING,
    transports: ['sms'],
    turns: [{ say: 'HELP', expect: { mentions: ['STOP'], notMentions: [CLOSED_NOTICE] } }],
  },
  {
    name: 'STOP as the first text after closing carries no after-hours notice',
    kind,
    now: TUESDAY_EVENING,
    transports: ['sms'],
    turns: [{ say: 'STOP', expect: { notMentions: [CLOSED_NOTICE] } }],
  },
  {
    name: 'START after STOP, after closing, carries no after-hours notice',
    kind,
    now: TUESDAY_EVENING,
    transports: ['sms'],
    turns: [{ say: 'STOP' }, { say: 'START', expect: { notMentions: [CLOSED_NOTICE] } }],
  },
  // The first SMS reply in one segment.
  {
    name: 'the first SMS reply to hi fits one segment',
    kind,
    now: TUESDAY,
    transports: ['sms'],
    turns: [{ say: 'hi', expect: { firstSmsFitsOneSegment: true } }],
  },
  {
    name: 'the first SMS reply to hi after closing fits one segment',
    kind,
    now: TUESDAY_EVENING,
    transports: ['sms'],
    turns: [{ say: 'hi', expect: { firstSmsFitsOneSegment: true, mentions: ['9:00'] } }],
  },
  {
    name: 'the first SMS reply to an hours question fits one segment',
    kind,
    now: TUESDAY,
    transports: ['sms'],
    turns: [{ say: 'what are your hours?', expect: { firstSmsFitsOneSegment: true, mentions: ['9:00'] } }],
  },
  {
    name: 'the first SMS reply to an hours question after closing fits one segment',
    kind,
    now: TUESDAY_EVENING,
    transports: ['sms'],
    turns: [{ say: 'what time do you open tomorrow?', expect: { firstSmsFitsOneSegment: true, mentions: ['9:00'] } }],
  },
  // Offered times in order and spread.
  {
    name: 'a taken time: the alternatives are in time order and spread',
    kind,
    now: TUESDAY,
    given: { name: 'Vera Lind', ...bothChairsTaken('2026-03-12T14:00') },
    turns: [{ say: 'haircut thursday at 2', expect: { asks: 'choice', offersInOrderAndSpread: true } }],
  },
  {
    name: 'a day asked for without a time: its times are in order and spread',
    kind,
    now: TUESDAY,
    given: { name: 'Walt Ames' },
    turns: [{ say: 'haircut friday', expect: { asks: 'choice', offersInOrderAndSpread: true } }],
  },
  {
    // At a time the lead stylist is free, the lead stylist is offered instead (see carried context);
    // for a whole day, the barber's own next times are offered.
    name: 'the barber on his day off: the alternatives are in time order and spread',
    kind,
    now: TUESDAY,
    given: { name: 'Xena Cruz' },
    turns: [{ say: 'haircut with the barber next tuesday', expect: { offersInOrderAndSpread: true } }],
  },
  // A refusal names its reason.
  {
    name: 'a 90-minute color at 4 on a Saturday closing at 5: the reason names the close',
    kind,
    now: TUESDAY,
    given: { name: 'Yara Gold' },
    turns: [{ say: 'book a color saturday at 4', expect: { mentions: [/clos/i, /\b5\b|5:00/], notMentions: ['outside our hours'] } }],
    store: { booked: [] },
  },
  {
    name: 'a color at 6 on a Thursday closing at 7: the reason names the close',
    kind,
    now: TUESDAY,
    given: { name: 'Zack Hume' },
    turns: [{ say: 'color thursday at 6pm', expect: { mentions: [/clos/i, /\b7\b|7:00/], notMentions: ['outside our hours'] } }],
    store: { booked: [] },
  },
  {
    name: 'a refused late color: the alternatives offered are in order and spread',
    kind,
    now: TUESDAY,
    given: { name: 'Abe Kline' },
    turns: [{ say: 'book a color saturday at 4', expect: { offersInOrderAndSpread: true } }],
  },
  // Moving the one appointment meant, without asking which.
  {
    name: '"push my 3pm to 4" with one appointment at 3 PM',
    kind,
    now: TUESDAY,
    given: { name: 'Bo Fenn', appointments: [{ service: 'haircut', start: '2026-03-12T15:00' }] },
    turns: [
      { say: 'push my 3pm to 4', expect: { asks: 'yes/no', notAsks: ['which-appointment'], mentions: ['4:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-12T16:00' }] },
  },
  {
    name: '"push my 3pm to 4" with two appointments, one at 3 PM',
    kind,
    now: TUESDAY,
    given: {
      name: 'Cy Ober',
      appointments: [
        { service: 'haircut', start: '2026-03-12T15:00' },
        { service: 'beard-trim', start: '2026-03-14T11:00' },
      ],
    },
    turns: [
      { say: 'push my 3pm to 4', expect: { asks: 'yes/no', notAsks: ['which-appointment'], mentions: ['4:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-12T16:00' }, { service: 'beard-trim', start: '2026-03-14T11:00' }] },
  },
  {
    name: '"can you move my 3 o\'clock to 4:30" with one appointment at 3 PM',
    kind,
    now: TUESDAY,
    given: { name: 'Di Marsh', appointments: [{ service: 'blowout', start: '2026-03-13T15:00' }] },
    turns: [
      { say: "can you move my 3 o'clock to 4:30", expect: { asks: 'yes/no', notAsks: ['which-appointment'], mentions: ['4:30'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'blowout', start: '2026-03-13T16:30' }] },
  },
];

runScenarios('manners', scenarios);
