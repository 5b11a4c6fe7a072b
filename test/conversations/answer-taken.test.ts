// 1. An answer to "What name should I put the appointment under?" is the name, even when the name
// is an ordinary word (Church, Price, Will, Hope) or short enough to look like a command.
import type { AppointmentFact, Scenario } from './dsl';
import { runScenarios } from './runner';

const TUESDAY = '2026-03-10T10:00';

/** Asks for a booking, answers the name question with `answer`, confirms; `name` is what is on record. */
function givesName(answer: string, name: string, request: string, booked: AppointmentFact[], readBack: string[]): Scenario {
  return {
    name: `"${answer}" after "${request}"`,
    kind: 'answer-taken',
    now: TUESDAY,
    turns: [
      { say: request, expect: { asks: 'name' } },
      { say: answer, expect: { asks: 'yes/no', notAsks: ['name'], mentions: [name.split(' ')[0] ?? name, ...readBack], store: { booked: [] } } },
      { say: 'yes', expect: { notAsks: ['name', 'yes/no'] } },
    ],
    store: { booked, name },
  };
}

const haircutThursdayAt2 = { request: 'book a haircut thursday at 2', booked: [{ service: 'haircut', start: '2026-03-12T14:00' }], readBack: ['2:00'] };
const colorFridayAt10 = { request: 'can I get a color friday at 10am', booked: [{ service: 'color', start: '2026-03-13T10:00' }], readBack: ['10:00', 'Color'] };
const beardSaturdayAt11 = { request: 'beard trim saturday 11', booked: [{ service: 'beard-trim', start: '2026-03-14T11:00' }], readBack: ['11:00'] };
const blowoutWednesdayAt3 = { request: "I'd like a blowout tomorrow at 3pm", booked: [{ service: 'blowout', start: '2026-03-11T15:00' }], readBack: ['3:00', 'Blowout'] };

const scenarios: Scenario[] = [
  // Surnames that are ordinary words.
  { ...givesName('Maria Church', 'Maria Church', haircutThursdayAt2.request, haircutThursdayAt2.booked, haircutThursdayAt2.readBack) },
  { ...givesName('Tom Price', 'Tom Price', colorFridayAt10.request, colorFridayAt10.booked, colorFridayAt10.readBack) },
  { ...givesName('Ana Hall', 'Ana Hall', beardSaturdayAt11.request, beardSaturdayAt11.booked, beardSaturdayAt11.readBack) },
  { ...givesName('Rosa Parks', 'Rosa Parks', blowoutWednesdayAt3.request, blowoutWednesdayAt3.booked, blowoutWednesdayAt3.readBack) },
  { ...givesName('Dan Cost', 'Dan Cost', haircutThursdayAt2.request, haircutThursdayAt2.booked, haircutThursdayAt2.readBack) },
  { ...givesName('Lee Early', 'Lee Early', colorFridayAt10.request, colorFridayAt10.booked, colorFridayAt10.readBack) },
  { ...givesName('Sam Booker', 'Sam Booker', beardSaturdayAt11.request, beardSaturdayAt11.booked, beardSaturdayAt11.readBack) },
  { ...givesName('Courtney Love', 'Courtney Love', blowoutWednesdayAt3.request, blowoutWednesdayAt3.booked, blowoutWednesdayAt3.readBack) },
  { ...givesName('Doris Day', 'Doris Day', haircutThursdayAt2.request, haircutThursdayAt2.booked, haircutThursdayAt2.readBack) },
  { ...givesName('Adam Rich', 'Adam Rich', colorFridayAt10.request, colorFridayAt10.booked, colorFridayAt10.readBack) },
  // First names that are ordinary words, alone or with a surname that is one too.
  { ...givesName('Summer', 'Summer', beardSaturdayAt11.request, beardSaturdayAt11.booked, beardSaturdayAt11.readBack) },
  { ...givesName('Will', 'Will', haircutThursdayAt2.request, haircutThursdayAt2.booked, haircutThursdayAt2.readBack) },
  { ...givesName('June', 'June', blowoutWednesdayAt3.request, blowoutWednesdayAt3.booked, blowoutWednesdayAt3.readBack) },
  { ...givesName('Hope', 'Hope', colorFridayAt10.request, colorFridayAt10.booked, colorFridayAt10.readBack) },
  { ...givesName('Sunny', 'Sunny', beardSaturdayAt11.request, beardSaturdayAt11.booked, beardSaturdayAt11.readBack) },
  { ...givesName('Summer Day', 'Summer Day', haircutThursdayAt2.request, haircutThursdayAt2.booked, haircutThursdayAt2.readBack) },
  { ...givesName('Will Early', 'Will Early', blowoutWednesdayAt3.request, blowoutWednesdayAt3.booked, blowoutWednesdayAt3.readBack) },
  { ...givesName('Hope Church', 'Hope Church', colorFridayAt10.request, colorFridayAt10.booked, colorFridayAt10.readBack) },
  // Names that are also months, days, money or booking words.
  { ...givesName('May', 'May', haircutThursdayAt2.request, haircutThursdayAt2.booked, haircutThursdayAt2.readBack) },
  { ...givesName('April Parks', 'April Parks', colorFridayAt10.request, colorFridayAt10.booked, colorFridayAt10.readBack) },
  { ...givesName('Penny Price', 'Penny Price', beardSaturdayAt11.request, beardSaturdayAt11.booked, beardSaturdayAt11.readBack) },
  { ...givesName('Bill Cost', 'Bill Cost', blowoutWednesdayAt3.request, blowoutWednesdayAt3.booked, blowoutWednesdayAt3.readBack) },
  { ...givesName('Chase Booker', 'Chase Booker', haircutThursdayAt2.request, haircutThursdayAt2.booked, haircutThursdayAt2.readBack) },
  { ...givesName('Tuesday Hall', 'Tuesday Hall', colorFridayAt10.request, colorFridayAt10.booked, colorFridayAt10.readBack) },
  // The name said in a sentence.
  { ...givesName("it's June Price", 'June Price', haircutThursdayAt2.request, haircutThursdayAt2.booked, haircutThursdayAt2.readBack) },
  { ...givesName('name is Sunny Hall', 'Sunny Hall', beardSaturdayAt11.request, beardSaturdayAt11.booked, beardSaturdayAt11.readBack) },
  // Short names are names, not commands or answers.
  { ...givesName('Jo', 'Jo', blowoutWednesdayAt3.request, blowoutWednesdayAt3.booked, blowoutWednesdayAt3.readBack) },
  { ...givesName('Ty', 'Ty', haircutThursdayAt2.request, haircutThursdayAt2.booked, haircutThursdayAt2.readBack) },
  { ...givesName('Al', 'Al', beardSaturdayAt11.request, beardSaturdayAt11.booked, beardSaturdayAt11.readBack) },
  { ...givesName('Bo', 'Bo', haircutThursdayAt2.request, haircutThursdayAt2.booked, haircutThursdayAt2.readBack) },
  { ...givesName('Max', 'Max', colorFridayAt10.request, colorFridayAt10.booked, colorFridayAt10.readBack) },
];

runScenarios('answers taken for the question asked', scenarios);
