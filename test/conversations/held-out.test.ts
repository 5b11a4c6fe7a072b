// Held-out conversations: the same seven kinds as the other files, phrased the way clients actually
// text (shorthand, typos, lower case, emoji, run-on messages), with other names, services, staff,
// days and times of the demo salon, and both DST weekends. Judged by the store and the facts in the
// replies, never by wording.
import type { AppointmentFact, Scenario } from './dsl';
import { runScenarios } from './runner';

const TUESDAY = '2026-03-10T10:00';
const THURSDAY = '2026-03-12T10:00';
const AM = /\b\d{1,2}:\d{2}\s?AM\b/;
const PM = /\b\d{1,2}:\d{2}\s?PM\b/;

/** Books with `request`, answers the name question with `answer`, confirms with `yes`. */
function named(answer: string, name: string | undefined, request: string, booked: AppointmentFact[], readBack: (string | RegExp)[], yes = 'yes'): Scenario {
  return {
    name: `"${answer}" at the name question after "${request}"`,
    kind: 'answer-taken',
    now: TUESDAY,
    turns: [
      { say: request, expect: { asks: 'name' } },
      { say: answer, expect: { asks: 'yes/no', notAsks: ['name'], mentions: readBack, store: { booked: [] } } },
      { say: yes, expect: { notAsks: ['name', 'yes/no'] } },
    ],
    store: name === undefined ? { booked } : { booked, name },
  };
}

/** Both chairs taken for a haircut at `start`. */
const bothChairsTaken = (start: string) => ({
  othersBooked: [
    { service: 'haircut', start, staff: 'lead' },
    { service: 'haircut', start, staff: 'barber' },
  ],
});

const scenarios: Scenario[] = [
  // ---- 1. answers taken for the question asked -------------------------------------------------
  named('Hunter Cash', 'Hunter Cash', 'pls book me a fade wed at 4pm', [{ service: 'haircut', start: '2026-03-11T16:00' }], ['Hunter', '4:00'], 'yep'),
  named('Robin Card', 'Robin Card', 'can i get highlights fri 10am', [{ service: 'color', start: '2026-03-13T10:00' }], ['Robin', 'Color', '10:00'], 'yes please'),
  named('Dawn Knight', 'Dawn Knight', 'beard cleanup thurs 3pm', [{ service: 'beard-trim', start: '2026-03-12T15:00' }], ['Dawn', '3:00'], 'sure'),
  named("my name's Penny Lane", 'Penny Lane', 'blow dry on saturday at 1', [{ service: 'blowout', start: '2026-03-14T13:00' }], ['Penny', '1:00'], 'ok'),
  named('Grant Walker', 'Grant Walker', 'i need a trim tmrw at 11', [{ service: 'haircut', start: '2026-03-11T11:00' }], ['Grant', '11:00'], 'yup'),
  named("it's Lily 😊", 'Lily', 'haircut thursday 5pm', [{ service: 'haircut', start: '2026-03-12T17:00' }], ['Lily', '5:00'], 'yes'),
  named('Parker Gift', 'Parker Gift', 'consult friday at 2', [{ service: 'consultation', start: '2026-03-13T14:00' }], ['Parker', '2:00'], 'yes'),
  // Lower case: the name is taken whatever its case (what case it is kept in is not judged).
  {
    ...named('rob banks', undefined, 'buzz cut sat 10am', [{ service: 'haircut', start: '2026-03-14T10:00' }], [/rob/i, '10:00'], 'yes'),
  },
  named('Ed', 'Ed', 'shave wed 2pm', [{ service: 'beard-trim', start: '2026-03-11T14:00' }], ['Ed', '2:00'], 'yes'),

  // ---- 2. a change of mind at the read-back ----------------------------------------------------
  {
    name: '"nah make it 5 pls" at the read-back of a haircut thurs @ 2',
    kind: 'change-of-mind',
    now: TUESDAY,
    given: { name: 'Luis Ortega' },
    turns: [
      { say: 'haircut thurs @ 2', expect: { asks: 'yes/no', mentions: ['2:00'] } },
      { say: 'nah make it 5 pls', expect: { asks: 'yes/no', mentions: ['5:00', /thu/i], store: { booked: [] } } },
      { say: 'yep' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-12T17:00' }] },
  },
  {
    name: '"hmm actually sat would be better" at the read-back of a blowout fri 10am',
    kind: 'change-of-mind',
    now: TUESDAY,
    given: { name: 'Kara Mills' },
    turns: [
      { say: 'blowout fri 10am', expect: { asks: 'yes/no' } },
      { say: 'hmm actually sat would be better', expect: { asks: 'yes/no', mentions: [/sat/i, '10:00'], store: { booked: [] } } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'blowout', start: '2026-03-14T10:00' }] },
  },
  {
    name: '"oops i meant a haircut" at the read-back of a beard trim tmrw at noon',
    kind: 'change-of-mind',
    now: TUESDAY,
    given: { name: 'Theo Banks' },
    turns: [
      { say: 'beard trim tmrw at noon', expect: { asks: 'yes/no', mentions: ['12:00'] } },
      { say: 'oops i meant a haircut', expect: { asks: 'yes/no', mentions: ['Haircut', '12:00'], store: { booked: [] } } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-11T12:00' }] },
  },
  {
    name: '"can we do 9:30 instead?" at the read-back of a color thurs 11am',
    kind: 'change-of-mind',
    now: TUESDAY,
    given: { name: 'Rina Cho' },
    turns: [
      { say: 'colour thurs 11am', expect: { asks: 'yes/no' } },
      { say: 'can we do 9:30 instead?', expect: { asks: 'yes/no', mentions: ['9:30', /thu/i], store: { booked: [] } } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'color', start: '2026-03-12T09:30' }] },
  },
  {
    name: '"actually the barber is fine" at the read-back of a haircut with the lead stylist',
    kind: 'change-of-mind',
    now: TUESDAY,
    given: { name: 'Wes Dalton' },
    turns: [
      { say: 'haircut with the lead stylist friday at 3', expect: { asks: 'yes/no', mentions: ['3:00'] } },
      { say: 'actually the barber is fine', expect: { asks: 'yes/no', mentions: [/barber/i, '3:00'], store: { booked: [] } } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-13T15:00', staff: 'barber' }] },
  },
  {
    name: '"could we go an hour later" at the read-back of a cut sat 1pm',
    kind: 'change-of-mind',
    now: TUESDAY,
    given: { name: 'Mae Foster' },
    turns: [
      { say: 'cut sat 1pm', expect: { asks: 'yes/no' } },
      { say: 'could we go an hour later', expect: { asks: 'yes/no', mentions: [/sat/i, '2:00'], store: { booked: [] } } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-14T14:00' }] },
  },
  {
    name: '"same time next week instead" at the read-back of a haircut thursday at 2',
    kind: 'change-of-mind',
    now: TUESDAY,
    given: { name: 'Jonah Reyes' },
    turns: [
      { say: 'haircut thursday at 2', expect: { asks: 'yes/no' } },
      { say: 'same time next week instead', expect: { asks: 'yes/no', mentions: ['Mar 19', '2:00'], store: { booked: [] } } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-19T14:00' }] },
  },
  {
    name: '"actually make it 3" while the name is being asked',
    kind: 'change-of-mind',
    now: TUESDAY,
    turns: [
      { say: 'book a blowout thursday at 1', expect: { asks: 'name' } },
      { say: 'actually make it 3', expect: { store: { booked: [] } } },
      { say: 'Kim Lee', expect: { asks: 'yes/no', mentions: ['3:00', /thu/i] } },
      { say: 'yes' },
    ],
    store: { name: 'Kim Lee', booked: [{ service: 'blowout', start: '2026-03-12T15:00' }] },
  },

  // ---- 3. several requests in one text ---------------------------------------------------------
  {
    name: 'hey how much is a beard trim and a blowout',
    kind: 'several-requests',
    now: TUESDAY,
    turns: [{ say: 'hey how much is a beard trim and a blowout', expect: { mentions: ['$20', '$40'] } }],
  },
  {
    name: 'do u take venmo? also where r u',
    kind: 'several-requests',
    now: TUESDAY,
    turns: [{ say: 'do u take venmo? also where r u', expect: { mentions: [/cash|card/i, '214 Maple Street'] } }],
  },
  {
    name: 'need a haircut and beard sat 11am thx: booked back to back',
    kind: 'several-requests',
    now: TUESDAY,
    given: { name: 'Andre Silva' },
    turns: [
      { say: 'need a haircut and beard sat 11am thx', expect: { asks: 'yes/no', mentions: ['Haircut', 'Beard trim', '11:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-14T11:00' }, { service: 'beard-trim', start: '2026-03-14T11:30' }] },
  },
  {
    name: 'whats ur address & can i get a blowout tmrw at 2',
    kind: 'several-requests',
    now: TUESDAY,
    given: { name: 'Sofia Marin' },
    turns: [
      { say: 'whats ur address & can i get a blowout tmrw at 2', expect: { mentions: ['214 Maple Street', '2:00'], asks: 'yes/no' } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'blowout', start: '2026-03-11T14:00' }] },
  },
  {
    name: "hey it's Sam Rivera, color this friday at 10?",
    kind: 'several-requests',
    now: TUESDAY,
    turns: [
      { say: "hey it's Sam Rivera, color this friday at 10?", expect: { asks: 'yes/no', notAsks: ['name'], mentions: ['Color', '10:00'] } },
      { say: 'yes' },
    ],
    store: { name: 'Sam Rivera', booked: [{ service: 'color', start: '2026-03-13T10:00' }] },
  },
  {
    name: 'parking? gift cards?',
    kind: 'several-requests',
    now: TUESDAY,
    turns: [{ say: 'parking? gift cards?', expect: { mentions: ['Elm Street', '$25'] } }],
  },
  {
    name: 'do i need an appointment or can i walk in, and when do you close today',
    kind: 'several-requests',
    now: TUESDAY,
    turns: [{ say: 'do i need an appointment or can i walk in, and when do you close today', expect: { mentions: [/walk-ins/i, '7:00'] } }],
  },
  {
    name: 'a consult and a colour on friday at 2, the consult first',
    kind: 'several-requests',
    now: TUESDAY,
    given: { name: 'Ines Duarte' },
    turns: [
      { say: 'could i do a consult and then a colour on friday at 2', expect: { asks: 'yes/no', mentions: ['Consultation', 'Color', '2:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'consultation', start: '2026-03-13T14:00' }, { service: 'color', start: '2026-03-13T14:15' }] },
  },

  // ---- 4. follow-ups with carried context ------------------------------------------------------
  {
    name: 'r u open sat? then how about sun',
    kind: 'carried-context',
    now: TUESDAY,
    turns: [
      { say: 'r u open sat', expect: { mentions: ['5:00'] } },
      { say: 'how about sun', expect: { mentions: [/closed|not open/i], notAsks: ['name', 'yes/no'] } },
    ],
  },
  {
    name: 'when do u close tmrw, on a Thursday, then "and the day after?"',
    kind: 'carried-context',
    now: THURSDAY,
    turns: [
      { say: 'when do u close tmrw', expect: { mentions: ['7:00'] } },
      { say: 'and the day after?', expect: { mentions: ['5:00'], notAsks: ['name', 'yes/no'] } },
    ],
  },
  {
    name: 'how much for a colour? then "ok can i book that for thurs at 10"',
    kind: 'carried-context',
    now: TUESDAY,
    given: { name: 'Hana Sato' },
    turns: [
      { say: 'how much for a colour?', expect: { mentions: ['$120'] } },
      { say: 'ok can i book that for thurs at 10', expect: { asks: 'yes/no', mentions: ['Color', '10:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'color', start: '2026-03-12T10:00' }] },
  },
  {
    name: 'a consult with the barber thurs 1pm, then "sure, her then" to the lead stylist offered',
    kind: 'carried-context',
    now: TUESDAY,
    given: { name: 'Cora Bell' },
    turns: [
      { say: 'consult with the barber thurs 1pm', expect: { mentions: [/lead stylist/i, 'Consultation', /thu/i, '1:00'] } },
      // The read-back already names the lead stylist, so taking her is a yes to it.
      { say: 'sure, her then', expect: { notAsks: ['yes/no', 'name'] } },
    ],
    store: { booked: [{ service: 'consultation', start: '2026-03-12T13:00', staff: 'lead' }] },
  },
  {
    name: 'a beard trim with the barber on tuesday, his day off, then "ok whoever is free" to the lead stylist offered',
    kind: 'carried-context',
    now: THURSDAY,
    given: { name: 'Raj Mehta' },
    turns: [
      { say: 'beard trim w/ the barber tues at 2', expect: { mentions: [/tue/i, '2:00', /lead stylist/i] } },
      { say: 'ok whoever is free', expect: { notAsks: ['yes/no', 'name'] } },
    ],
    store: { booked: [{ service: 'beard-trim', start: '2026-03-17T14:00', staff: 'lead' }] },
  },
  {
    name: 'a card question in the middle of choosing a time, then the time',
    kind: 'carried-context',
    now: TUESDAY,
    given: { name: 'Olga Petrov' },
    turns: [
      { say: 'haircut thurs', expect: { asks: 'choice' } },
      { say: 'do you take cards btw?', expect: { mentions: [/credit/i] } },
      { say: '2pm then', expect: { asks: 'yes/no', mentions: ['Haircut', /thu/i, '2:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-12T14:00' }] },
  },
  {
    name: 'what time do you open saturday? then "book me a beard trim right when you open"',
    kind: 'carried-context',
    now: TUESDAY,
    given: { name: 'Felix Moon' },
    turns: [
      { say: 'what time do you open saturday?', expect: { mentions: ['9:00'] } },
      { say: 'book me a beard trim right when you open then', expect: { asks: 'yes/no', mentions: [/sat/i, '9:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'beard-trim', start: '2026-03-14T09:00' }] },
  },
  {
    name: 'just booked, then "can u make that 4 instead"',
    kind: 'carried-context',
    now: TUESDAY,
    given: { name: 'Bea Nunez' },
    turns: [
      { say: 'haircut friday at 2', expect: { asks: 'yes/no' } },
      { say: 'yes', expect: { store: { booked: [{ service: 'haircut', start: '2026-03-13T14:00' }] } } },
      { say: 'oh wait can u make that 4 instead', expect: { asks: 'yes/no', mentions: [/fri/i, '4:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-13T16:00' }] },
  },

  // ---- 5. everyday time words ------------------------------------------------------------------
  {
    name: 'haircut 2moro at 3',
    kind: 'time-words',
    now: TUESDAY,
    given: { name: 'Nico Vega' },
    turns: [
      { say: 'haircut 2moro at 3', expect: { asks: 'yes/no', mentions: [/wed/i, '3:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-11T15:00' }] },
  },
  {
    name: 'tmrw afternoon: afternoon times only',
    kind: 'time-words',
    now: TUESDAY,
    given: { name: 'Ada Quist' },
    turns: [{ say: 'any openings tmrw afternoon for a blowout?', expect: { mentions: [/\b(12|[1-4]):\d{2}\s?PM\b/], notMentions: [AM] } }],
  },
  {
    name: 'beard trim thurs around 5ish',
    kind: 'time-words',
    now: TUESDAY,
    given: { name: 'Gus Ferreira' },
    turns: [
      { say: 'beard trim thurs around 5ish', expect: { asks: 'yes/no', mentions: [/thu/i, '5:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'beard-trim', start: '2026-03-12T17:00' }] },
  },
  {
    name: 'saturday late morning: morning times only',
    kind: 'time-words',
    now: TUESDAY,
    given: { name: 'Lena Ward' },
    turns: [{ say: 'haircut saturday late morning?', expect: { mentions: [/\b1[01]:\d{2}\s?AM\b/], notMentions: [PM] } }],
  },
  {
    name: 'the day after tomorrow at 11',
    kind: 'time-words',
    now: TUESDAY,
    given: { name: 'Rosa Lind' },
    turns: [
      { say: 'can i come in the day after tomorrow at 11 for a cut', expect: { asks: 'yes/no', mentions: [/thu/i, '11:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-12T11:00' }] },
  },
  {
    name: 'on the 13th at 4:45pm',
    kind: 'time-words',
    now: TUESDAY,
    given: { name: 'Tomas Beck' },
    turns: [
      { say: 'blowout on the 13th at 4:45pm', expect: { asks: 'yes/no', mentions: ['Mar 13', '4:45'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'blowout', start: '2026-03-13T16:45' }] },
  },
  {
    name: 'a date written 3/19 @ 10',
    kind: 'time-words',
    now: TUESDAY,
    given: { name: 'Mina Rao' },
    turns: [
      { say: 'haircut 3/19 @ 10', expect: { asks: 'yes/no', mentions: ['Mar 19', '10:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-19T10:00' }] },
  },
  {
    name: 'a 24-hour time: friday 1630',
    kind: 'time-words',
    now: TUESDAY,
    given: { name: 'Jan Kowal' },
    turns: [
      { say: 'haircut friday 1630', expect: { asks: 'yes/no', mentions: ['4:30'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-13T16:30' }] },
  },
  {
    name: 'tonight, asked on a Tuesday morning: evening times only',
    kind: 'time-words',
    now: TUESDAY,
    given: { name: 'Ivo Stark' },
    turns: [{ say: 'can i get a haircut tonight', expect: { mentions: [/\b[5-6]:\d{2}\s?PM\b/], notMentions: [AM] } }],
  },
  {
    name: 'this wknd: Saturday',
    kind: 'time-words',
    now: TUESDAY,
    given: { name: 'Zara Holt' },
    turns: [{ say: 'anything this wknd for a beard trim?', expect: { mentions: [/sat/i], notMentions: [/sun/i] } }],
  },
  {
    name: 'half past nine tuesday, said the day before the fall-back',
    kind: 'time-words',
    now: '2026-10-31T12:00',
    given: { name: 'Cal Young' },
    turns: [
      { say: 'haircut tue at half past nine', expect: { asks: 'yes/no', mentions: ['Nov 3', '9:30'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-11-03T09:30' }] },
  },
  {
    name: 'wed 6:45pm, said the day before the spring-forward',
    kind: 'time-words',
    now: '2026-03-07T15:00',
    given: { name: 'Dee Rowe' },
    turns: [
      { say: 'beard trim wed 6:45pm', expect: { asks: 'yes/no', mentions: ['Mar 11', '6:45'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'beard-trim', start: '2026-03-11T18:45' }] },
  },
  {
    name: 'tmrw first thing, said on the spring-forward Sunday night: Monday is closed, nothing booked',
    kind: 'time-words',
    now: '2026-03-08T21:00',
    given: { name: 'Pip Archer' },
    turns: [{ say: 'haircut tmrw first thing', expect: { mentions: [/closed|not open/i], notAsks: ['yes/no'] } }],
    store: { booked: [] },
  },
  {
    name: '"1st one is good" at an offer of times',
    kind: 'time-words',
    now: TUESDAY,
    given: { name: 'Roy Alder', ...bothChairsTaken('2026-03-13T11:00') },
    turns: [
      { say: 'haircut fri at 11', expect: { asks: 'choice' } },
      { say: '1st one is good', expect: { asks: 'yes/no' } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: 'offered:first' }] },
  },
  {
    name: '"the latest u have" at an offer of times',
    kind: 'time-words',
    now: TUESDAY,
    given: { name: 'Liv Crane', ...bothChairsTaken('2026-03-12T16:00') },
    turns: [
      { say: 'haircut thurs at 4', expect: { asks: 'choice' } },
      { say: 'the latest one u have', expect: { asks: 'yes/no' } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: 'offered:latest' }] },
  },

  // ---- 6. manners -------------------------------------------------------------------------------
  {
    name: 'hey 👋 on a Friday night: the next opening stated once',
    kind: 'manners',
    now: '2026-03-13T21:15',
    turns: [{ say: 'hey 👋', expect: { oneOpeningStated: true, mentions: ['9:00'] } }],
  },
  {
    name: 'the first SMS reply to "what time do u open sat?" fits one segment',
    kind: 'manners',
    now: TUESDAY,
    transports: ['sms'],
    turns: [{ say: 'what time do u open sat?', expect: { firstSmsFitsOneSegment: true, mentions: ['9:00'] } }],
  },
  {
    name: '"move my fri appt to sat at 11" with two appointments moves the Friday one without asking',
    kind: 'manners',
    now: TUESDAY,
    given: {
      name: 'Ula Berg',
      appointments: [
        { service: 'haircut', start: '2026-03-12T14:00' },
        { service: 'blowout', start: '2026-03-13T15:00' },
      ],
    },
    turns: [
      { say: 'move my fri appt to sat at 11', expect: { asks: 'yes/no', notAsks: ['which-appointment'], mentions: [/sat/i, '11:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-12T14:00' }, { service: 'blowout', start: '2026-03-14T11:00' }] },
  },
  {
    name: '"cancel the thursday one" with two appointments cancels it without asking which',
    kind: 'manners',
    now: TUESDAY,
    given: {
      name: 'Vik Soren',
      appointments: [
        { service: 'beard-trim', start: '2026-03-12T10:00' },
        { service: 'haircut', start: '2026-03-14T12:00' },
      ],
    },
    turns: [
      { say: 'pls cancel the thursday one', expect: { asks: 'yes/no', notAsks: ['which-appointment'], mentions: [/thu/i] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-14T12:00' }], cancelled: [{ service: 'beard-trim', start: '2026-03-12T10:00' }] },
  },
  {
    name: '"push my 2pm back half an hour"',
    kind: 'manners',
    now: TUESDAY,
    given: { name: 'Wynn Lowry', appointments: [{ service: 'haircut', start: '2026-03-13T14:00' }] },
    turns: [
      { say: 'can you push my 2pm back half an hour', expect: { asks: 'yes/no', notAsks: ['which-appointment'], mentions: ['2:30'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-13T14:30' }] },
  },
  {
    name: '"thx!" after a booking asks nothing more',
    kind: 'manners',
    now: TUESDAY,
    given: { name: 'Ari Stone' },
    turns: [
      { say: 'beard trim fri at 3', expect: { asks: 'yes/no' } },
      { say: 'yes' },
      { say: 'thx!', expect: { notAsks: ['yes/no', 'name', 'choice', 'time'] } },
    ],
    store: { booked: [{ service: 'beard-trim', start: '2026-03-13T15:00' }] },
  },

  // ---- 7. regression ----------------------------------------------------------------------------
  {
    name: 'cancel my appt pls, then "yes pls"',
    kind: 'regression',
    now: TUESDAY,
    given: { name: 'Nia Hart', appointments: [{ service: 'color', start: '2026-03-13T11:00', staff: 'lead' }] },
    turns: [
      { say: 'cancel my appt pls', expect: { asks: 'yes/no', mentions: [/fri/i, '11:00'] } },
      { say: 'yes pls' },
    ],
    store: { booked: [], cancelled: [{ service: 'color', start: '2026-03-13T11:00' }] },
  },
  {
    name: '"nvm" at the read-back books nothing',
    kind: 'regression',
    now: TUESDAY,
    given: { name: 'Oren Falk' },
    turns: [
      { say: 'blowout thurs at 6pm', expect: { asks: 'yes/no' } },
      { say: 'nvm', expect: { notAsks: ['yes/no'] } },
    ],
    store: { booked: [] },
  },
  {
    name: 'can i speak to someone pls: in line for a person',
    kind: 'regression',
    now: TUESDAY,
    turns: [{ say: 'can i speak to someone pls', expect: { mentions: [/number 1|next in line/i] } }],
    store: { handoff: 'waiting' },
  },
  {
    name: "when's my next appt",
    kind: 'regression',
    now: TUESDAY,
    given: { name: 'Pru Dale', appointments: [{ service: 'blowout', start: '2026-03-14T13:00' }] },
    turns: [{ say: "when's my next appt?", expect: { mentions: [/sat/i, '1:00'] } }],
    store: { booked: [{ service: 'blowout', start: '2026-03-14T13:00' }] },
  },
  {
    name: 'a haircut on thanksgiving is refused',
    kind: 'regression',
    now: '2026-11-20T10:00',
    given: { name: 'Quin Abbot' },
    turns: [{ say: 'haircut on thanksgiving at 10?', expect: { mentions: [/thanksgiving/i], notAsks: ['yes/no'] } }],
    store: { booked: [] },
  },
  {
    name: 'christmas eve at 1pm books inside the short hours',
    kind: 'regression',
    now: '2026-12-21T10:00',
    given: { name: 'Rhea Cole' },
    turns: [
      { say: 'haircut christmas eve at 1pm', expect: { asks: 'yes/no', mentions: ['Dec 24', '1:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-12-24T13:00' }] },
  },

  // ---- more of each kind: typos, capitals, emoji, run-on texts ----------------------------------
  named('Faith Monday', 'Faith Monday', 'HAIRCUT FRIDAY AT 3', [{ service: 'haircut', start: '2026-03-13T15:00' }], ['Faith', '3:00'], 'YES'),
  named('Noel Morning', 'Noel Morning', 'balayage sat 9am', [{ service: 'color', start: '2026-03-14T09:00' }], ['Noel', 'Color', '9:00'], 'yes'),
  {
    name: '"haircutt thrusday at 2": typos in the service and the day',
    kind: 'time-words',
    now: TUESDAY,
    given: { name: 'Abby Finch' },
    turns: [
      { say: 'haircutt thrusday at 2', expect: { asks: 'yes/no', mentions: ['Haircut', /thu/i, '2:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-12T14:00' }] },
  },
  {
    name: '"blowout tomorow at 10": a misspelt tomorrow',
    kind: 'time-words',
    now: TUESDAY,
    given: { name: 'Bria Knox' },
    turns: [
      { say: 'blowout tomorow at 10', expect: { asks: 'yes/no', mentions: [/wed/i, '10:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'blowout', start: '2026-03-11T10:00' }] },
  },
  {
    name: '"beard trim wensday 4pm": a misspelt weekday',
    kind: 'time-words',
    now: TUESDAY,
    given: { name: 'Cole Dunn' },
    turns: [
      { say: 'beard trim wensday 4pm', expect: { asks: 'yes/no', mentions: [/wed/i, '4:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'beard-trim', start: '2026-03-11T16:00' }] },
  },
  {
    name: 'emoji around a booking, and 👍 at the read-back',
    kind: 'answer-taken',
    now: TUESDAY,
    given: { name: 'Dina Park' },
    turns: [
      { say: '💇‍♀️ blowout sat at 12 pls 🙏', expect: { asks: 'yes/no', mentions: ['Blowout', /sat/i, '12:00'] } },
      { say: '👍', expect: { notAsks: ['yes/no'] } },
    ],
    store: { booked: [{ service: 'blowout', start: '2026-03-14T12:00' }] },
  },
  {
    name: 'a long run-on request for a beard trim friday around 1',
    kind: 'several-requests',
    now: TUESDAY,
    given: { name: 'Eli Stroud' },
    turns: [
      {
        say: 'hi so i was wondering if i could maybe come in for a beard trim on friday around 1 if thats ok with you guys',
        expect: { asks: 'yes/no', mentions: ['Beard trim', /fri/i, '1:00'] },
      },
      { say: 'yeah sounds good' },
    ],
    store: { booked: [{ service: 'beard-trim', start: '2026-03-13T13:00' }] },
  },
  {
    name: '"no thanks" at the read-back books nothing',
    kind: 'regression',
    now: TUESDAY,
    given: { name: 'Fay Lomax' },
    turns: [
      { say: 'consultation thurs 10:30am', expect: { asks: 'yes/no' } },
      { say: 'no thanks', expect: { notAsks: ['yes/no'] } },
    ],
    store: { booked: [] },
  },
  {
    name: '"actually the barber, and make it 3" changes who and when at once',
    kind: 'change-of-mind',
    now: TUESDAY,
    given: { name: 'Gil Harper' },
    turns: [
      { say: 'haircut friday at 1', expect: { asks: 'yes/no' } },
      { say: 'actually the barber, and make it 3', expect: { asks: 'yes/no', mentions: [/barber/i, '3:00', /fri/i], store: { booked: [] } } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-13T15:00', staff: 'barber' }] },
  },
  {
    name: '"wait make it a colour" at the read-back of a blowout',
    kind: 'change-of-mind',
    now: TUESDAY,
    given: { name: 'Hal Ibsen' },
    turns: [
      { say: 'blowout wed at 11', expect: { asks: 'yes/no' } },
      { say: 'wait make it a colour', expect: { asks: 'yes/no', mentions: ['Color', '11:00'], store: { booked: [] } } },
      { say: 'ok yes' },
    ],
    store: { booked: [{ service: 'color', start: '2026-03-11T11:00', staff: 'lead' }] },
  },
  {
    name: '"cancel my thursday appt and book me saturday at 10 instead" moves it',
    kind: 'several-requests',
    now: TUESDAY,
    given: { name: 'Iris Quade', appointments: [{ service: 'haircut', start: '2026-03-12T14:00' }] },
    turns: [
      { say: 'cancel my thursday appt and book me saturday at 10 instead', expect: { asks: 'yes/no', mentions: [/sat/i, '10:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-14T10:00' }] },
  },
  {
    name: 'how much is a colour? then "and a blowout?"',
    kind: 'carried-context',
    now: TUESDAY,
    turns: [
      { say: 'how much is a colour?', expect: { mentions: ['$120'] } },
      { say: 'and a blowout?', expect: { mentions: ['$40'], notAsks: ['yes/no', 'name'] } },
    ],
  },
  {
    name: 'u guys open mondays? then "ok tues then, cut at 10"',
    kind: 'carried-context',
    now: THURSDAY,
    given: { name: 'Jude Amari' },
    turns: [
      { say: 'u guys open mondays?', expect: { mentions: [/closed|not open/i] } },
      { say: 'ok tues then, cut at 10', expect: { asks: 'yes/no', mentions: ['Mar 17', '10:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-17T10:00' }] },
  },
  {
    name: 'a quarter to 5 friday',
    kind: 'time-words',
    now: TUESDAY,
    given: { name: 'Kit Morrow' },
    turns: [
      { say: 'haircut quarter to 5 friday', expect: { asks: 'yes/no', mentions: ['4:45'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-13T16:45' }] },
  },
  {
    name: 'next sat at noonish, said on a Thursday',
    kind: 'time-words',
    now: THURSDAY,
    given: { name: 'Lars Engel' },
    turns: [
      { say: 'blowout next sat noonish', expect: { mentions: [/sat/i, '12:00'] } },
    ],
  },
  {
    name: 'march 20th 10am, written out',
    kind: 'time-words',
    now: TUESDAY,
    given: { name: 'Mira Olsen' },
    turns: [
      { say: 'can i book a cut for march 20th 10am', expect: { asks: 'yes/no', mentions: ['Mar 20', '10:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-20T10:00' }] },
  },
  {
    name: 'tue at 10am, said in the repeated hour of the fall-back night',
    kind: 'time-words',
    now: '2026-11-01T01:30',
    given: { name: 'Nils Varga' },
    turns: [
      { say: 'beard trim tue at 10am', expect: { asks: 'yes/no', mentions: ['Nov 3', '10:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'beard-trim', start: '2026-11-03T10:00' }] },
  },
  {
    name: 'tuesday at 9, said just after the clocks spring forward',
    kind: 'time-words',
    now: '2026-03-08T03:30',
    given: { name: 'Opal Reid' },
    turns: [
      { say: 'tuesday at 9 for a haircut pls', expect: { asks: 'yes/no', mentions: ['Mar 10', '9:00'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-10T09:00' }] },
  },
  {
    name: 'wednesday after the fall-back, end of the day',
    kind: 'time-words',
    now: '2026-10-31T11:00',
    given: { name: 'Pax Hollis' },
    turns: [{ say: 'haircut wed end of day', expect: { mentions: ['Nov 4', /\b6:[0-3]\d\s?PM\b/], notMentions: [AM] } }],
  },
  {
    name: 'where do i park lol',
    kind: 'regression',
    now: TUESDAY,
    turns: [{ say: 'where do i park lol', expect: { mentions: ['Elm Street'] } }],
  },
  {
    name: 'CAN I TALK TO A HUMAN PLS, in capitals',
    kind: 'regression',
    now: TUESDAY,
    turns: [{ say: 'CAN I TALK TO A HUMAN PLS', expect: { mentions: [/number 1|next in line/i] } }],
    store: { handoff: 'waiting' },
  },
  {
    name: 'a hi after closing with a booking in it: the next opening stated once',
    kind: 'manners',
    now: '2026-03-12T22:00',
    given: { name: 'Quill Baxter' },
    turns: [{ say: 'hiii can i get a cut tmrw morning', expect: { oneOpeningStated: true, mentions: [AM] } }],
  },
  {
    name: 'a day with no time gets its times offered in order and spread',
    kind: 'manners',
    now: TUESDAY,
    given: { name: 'Rue Calder' },
    turns: [{ say: 'any beard trim slots thurs?', expect: { offersInOrderAndSpread: true } }],
  },
  {
    name: '"#1" at an offer of times',
    kind: 'time-words',
    now: TUESDAY,
    given: { name: 'Sage Lund', ...bothChairsTaken('2026-03-13T15:00') },
    turns: [
      { say: 'haircut fri 3pm', expect: { asks: 'choice' } },
      { say: '#1', expect: { asks: 'yes/no' } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: 'offered:first' }] },
  },
  {
    name: '"earliest pls" at an offer of times',
    kind: 'time-words',
    now: TUESDAY,
    given: { name: 'Tate Oduya', ...bothChairsTaken('2026-03-12T12:00') },
    turns: [
      { say: 'haircut thurs at noon', expect: { asks: 'choice' } },
      { say: 'earliest pls', expect: { asks: 'yes/no' } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: 'offered:earliest' }] },
  },
  {
    name: '"how about 30 mins earlier" at the read-back',
    kind: 'change-of-mind',
    now: TUESDAY,
    given: { name: 'Umi Sato' },
    turns: [
      { say: 'beard trim thurs at 3', expect: { asks: 'yes/no' } },
      { say: 'how about 30 mins earlier', expect: { asks: 'yes/no', mentions: [/thu/i, '2:30'], store: { booked: [] } } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'beard-trim', start: '2026-03-12T14:30' }] },
  },
  {
    name: '"yes but w/ the barber" at the read-back',
    kind: 'change-of-mind',
    now: TUESDAY,
    given: { name: 'Vance Orr' },
    turns: [
      { say: 'haircut sat at 2', expect: { asks: 'yes/no' } },
      { say: 'yes but w/ the barber', expect: { mentions: [/barber/i] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-14T14:00', staff: 'barber' }] },
  },
  {
    name: '"can i also get a beard trim right after" at the read-back of a haircut',
    kind: 'several-requests',
    now: TUESDAY,
    given: { name: 'Wade Pruitt' },
    turns: [
      { say: 'haircut friday at 4', expect: { asks: 'yes/no' } },
      { say: 'can i also get a beard trim right after', expect: { asks: 'yes/no', mentions: ['Haircut', 'Beard trim', '4:30'] } },
      { say: 'yes' },
    ],
    store: { booked: [{ service: 'haircut', start: '2026-03-13T16:00' }, { service: 'beard-trim', start: '2026-03-13T16:30' }] },
  },
  {
    name: 'whats the cost of a consult and do u do walk ins',
    kind: 'several-requests',
    now: TUESDAY,
    turns: [{ say: 'whats the cost of a consult and do u do walk ins', expect: { mentions: [/free|\$0/i, /walk-ins/i] } }],
  },
  {
    name: '"sounds good!" at the read-back books',
    kind: 'regression',
    now: TUESDAY,
    given: { name: 'Xavi Roldan' },
    turns: [
      { say: 'color wed 1pm', expect: { asks: 'yes/no' } },
      { say: 'sounds good!', expect: { notAsks: ['yes/no'] } },
    ],
    store: { booked: [{ service: 'color', start: '2026-03-11T13:00' }] },
  },
];

runScenarios('held-out conversations', scenarios);
