// 2. A change of mind at the read-back ("...shall I book it? (yes / no)") changes the booking,
// which is read back again; only then does "yes" book, and it books the new one.
import type { AppointmentFact, Fact, Scenario } from './dsl';
import { runScenarios } from './runner';

const TUESDAY = '2026-03-10T10:00';

/** Reaches the read-back with `request`, changes it with `change`, confirms. */
function changes(request: string, change: string, readBack: Fact[], booked: AppointmentFact[], extra: Partial<Scenario> = {}): Scenario {
  return {
    name: `"${change}" at the read-back of "${request}"`,
    kind: 'change-of-mind',
    now: TUESDAY,
    given: { name: 'Alex Moreno' },
    turns: [
      { say: request, expect: { asks: 'yes/no' } },
      { say: change, expect: { asks: 'yes/no', mentions: readBack, store: { booked: [] } } },
      { say: 'yes', expect: { notAsks: ['yes/no'] } },
    ],
    store: { booked },
    ...extra,
  };
}

const scenarios: Scenario[] = [
  // Another time the same day.
  changes('book a haircut thursday at 2', 'actually make it 4', ['4:00', /thu/i], [{ service: 'haircut', start: '2026-03-12T16:00' }]),
  changes('book a haircut thursday at 2', 'wait no, can we do 1 instead', ['1:00', /thu/i], [{ service: 'haircut', start: '2026-03-12T13:00' }]),
  changes('blowout friday at 11am', 'actually 3:30 would be better', ['3:30', /fri/i], [{ service: 'blowout', start: '2026-03-13T15:30' }]),
  changes('can I get a beard trim saturday at 10', 'oh sorry, make that 12', ['12:00', /sat/i], [{ service: 'beard-trim', start: '2026-03-14T12:00' }]),
  changes('color thursday at 10am', 'hmm can we say half past 11 instead', ['11:30', /thu/i], [{ service: 'color', start: '2026-03-12T11:30' }]),
  changes('haircut thursday at 2', 'no, make it 4', ['4:00', /thu/i], [{ service: 'haircut', start: '2026-03-12T16:00' }]),
  changes('beard trim friday at 1pm', 'can we push it to 2 instead', ['2:00', /fri/i], [{ service: 'beard-trim', start: '2026-03-13T14:00' }]),
  // Another day, the same time.
  changes('book a haircut thursday at 2', 'hmm what about friday', [/fri/i, '2:00'], [{ service: 'haircut', start: '2026-03-13T14:00' }]),
  changes('haircut wednesday at 5pm', 'sorry, I meant saturday', [/sat/i, '5:00'], [], {
    // Saturday closes at 5: the change is read as Saturday and refused for the close, not booked.
    turns: [
      { say: 'haircut wednesday at 5pm', expect: { asks: 'yes/no' } },
      { say: 'sorry, I meant saturday', expect: { mentions: [/sat/i, /clos/i], notAsks: ['yes/no'], store: { booked: [] } } },
    ],
  }),
  changes('blowout thursday at 10', 'can we do the same time on friday instead', [/fri/i, '10:00'], [{ service: 'blowout', start: '2026-03-13T10:00' }]),
  // Another service, the same time.
  changes('book a haircut thursday at 2', 'make it a beard trim instead', ['Beard trim', '2:00'], [{ service: 'beard-trim', start: '2026-03-12T14:00' }]),
  changes('haircut friday at 10', 'actually can it be a color', ['Color', '10:00'], [{ service: 'color', start: '2026-03-13T10:00', staff: 'lead' }]),
  changes('beard trim saturday at 11', 'on second thought a blowout please', ['Blowout', '11:00'], [{ service: 'blowout', start: '2026-03-14T11:00' }]),
  // Another person.
  changes('haircut thursday at 3', 'actually with the barber please', [/barber/i, '3:00'], [{ service: 'haircut', start: '2026-03-12T15:00', staff: 'barber' }]),
  // Day and time together.
  changes('book a haircut thursday at 2', 'no wait, saturday at 10 works better', [/sat/i, '10:00'], [{ service: 'haircut', start: '2026-03-14T10:00' }]),
  // While moving an appointment.
  changes('move my haircut to friday at 3', 'actually make it 5', [/fri/i, '5:00'], [{ service: 'haircut', start: '2026-03-13T17:00' }], {
    name: '"actually make it 5" at the read-back of a move',
    given: { name: 'Alex Moreno', appointments: [{ service: 'haircut', start: '2026-03-12T14:00' }] },
    turns: [
      { say: 'move my haircut to friday at 3', expect: { asks: 'yes/no', mentions: ['3:00'] } },
      { say: 'actually make it 5', expect: { asks: 'yes/no', mentions: [/fri/i, '5:00'], store: { booked: [{ service: 'haircut', start: '2026-03-12T14:00' }] } } },
      { say: 'yes', expect: { notAsks: ['yes/no'] } },
    ],
  }),
];

runScenarios('a change of mind at the read-back', scenarios);
