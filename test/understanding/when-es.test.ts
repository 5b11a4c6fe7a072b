// The Spanish time reader: Spanish words read with the same semantics as English ones, each text
// read at a pinned New York time, only the fields named in a case compared.
import { loadBusinessConfig } from '../../bot/config/business-config';
import type { Business } from '../../bot/domain/types';
import { readWhen, type WhenReading } from '../../bot/understanding/datetime';
import { canonicalWhen, readWhenEs } from '../../bot/understanding/es/when';
import { resolveNow, withZone } from '../../bot/understanding/reference';

const demo: Business = loadBusinessConfig();
const NY = 'America/New_York';
type Expected = Partial<Pick<WhenReading, 'date' | 'time' | 'window'>>;
type Case = [text: string, expected: Expected];
const nothing: Expected = { date: null, time: null, window: null };

function check(cases: Case[], now: string | Date, business: Business = demo): void {
  const at = typeof now === 'string' ? resolveNow(now, NY) : now;
  test.each(cases)(`%s (sent ${typeof now === 'string' ? now : now.toISOString()})`, (text, expected) => {
    const got = readWhenEs(text, { now: at, business });
    const picked = Object.fromEntries(Object.keys(expected).map((k) => [k, got[k as keyof Expected]]));
    expect(picked).toEqual(expected);
  });
}

// Wednesday 2026-06-17, 10:00 in New York; the salon opens Tue-Fri 9-19 and Sat 9-17.
const WED = '2026-06-17T10:00';

describe('"mañana" is tomorrow, "la mañana" the morning', () => {
  check(
    [
      ['mañana', { date: '2026-06-18', time: null, window: null }],
      ['manana', { date: '2026-06-18' }],
      ['mñn', { date: '2026-06-18' }],
      ['mañana por la mañana', { date: '2026-06-18', window: { from: '09:00', to: '12:00' } }],
      ['mñn x la mñn', { date: '2026-06-18', window: { from: '09:00', to: '12:00' } }],
      ['mañana a las 10 de la mañana', { date: '2026-06-18', time: '10:00' }],
      ['el viernes en la mañana', { date: '2026-06-19', window: { from: '09:00', to: '12:00' } }],
      ['esta mañana', { date: '2026-06-17', window: { from: '09:00', to: '12:00' } }],
      ['pasado mañana', { date: '2026-06-19' }],
    ],
    WED,
  );
});

describe('parts of the day from the business hours', () => {
  check(
    [
      ['en la tarde', { date: null, window: { from: '12:00', to: '17:00' } }],
      ['x la tarde', { window: { from: '12:00', to: '17:00' } }],
      ['mañana por la tarde', { date: '2026-06-18', window: { from: '12:00', to: '17:00' } }],
      ['el jueves de noche', { date: '2026-06-18', window: { from: '17:00', to: '19:00' } }],
      // Saturday closes at 17:00: its evening is empty, and "noche" reads as the shop day's last hours.
      ['esta noche', { date: '2026-06-17', window: { from: '17:00', to: '19:00' } }],
      ['el sábado a primera hora', { date: '2026-06-20', time: '09:00' }],
      ['mañana temprano', { date: '2026-06-18', window: { from: '09:00', to: '10:00' } }],
      ['el viernes a media mañana', { date: '2026-06-19', window: { from: '10:00', to: '11:00' } }],
      ['al mediodía', { time: '12:00' }],
      ['a medianoche', { time: '00:00' }],
      ['mañana al mediodía', { date: '2026-06-18', time: '12:00' }],
    ],
    WED,
  );
});

describe('a bare hour is read inside the business hours', () => {
  check(
    [
      ['a las 3', { time: '15:00' }],
      ['pa las 3', { time: '15:00' }],
      ['para las 11', { time: '11:00' }],
      ['a la una', { time: '13:00' }],
      ['a las 9', { time: '09:00' }],
      ['a las tres de la tarde', { time: '15:00' }],
      ['a las 8 de la noche', { time: '20:00' }],
      ['a las 6 de la mañana', { time: '06:00' }],
      ['a las 5 de la madrugada', { time: '05:00' }],
      ['a las 15 horas', { time: '15:00' }],
      ['a las 16:30', { time: '16:30' }],
      ['a las 3 y media', { time: '15:30' }],
      ['a las tres y cuarto', { time: '15:15' }],
      ['a las 4 y 20', { time: '16:20' }],
      ['a las ocho menos cuarto de la mañana', { time: '07:45' }],
      ['las doce menos cinco', { time: '11:55' }],
      ['cuarto para las 5', { time: '16:45' }],
      ['a las 5 en punto', { time: '17:00' }],
      ['a las 2.30', { time: '14:30' }],
      ['a las 10 h 10 pm', { time: '22:10' }],
      ['a las 3 y 20 por favor', { time: '15:20' }],
    ],
    WED,
  );
});

describe('days and dates', () => {
  check(
    [
      ['hoy', { date: '2026-06-17' }],
      ['el viernes', { date: '2026-06-19' }],
      ['sáb', { date: '2026-06-20' }],
      ['el martes que viene', { date: '2026-06-23' }],
      ['el próximo jueves', { date: '2026-06-25' }],
      ['este viernes', { date: '2026-06-19' }],
      ['el miércoles de la semana que viene', { date: '2026-06-24' }],
      ['el 26 de junio', { date: '2026-06-26' }],
      ['el veintiséis de junio', { date: '2026-06-26' }],
      ['el 2 de julio a las 11', { date: '2026-07-02', time: '11:00' }],
      ['el primero de julio', { date: '2026-07-01' }],
      ['el 1.º de julio', { date: '2026-07-01' }],
      ['julio 4, 2027', { date: '2027-07-04' }],
      // Day first: 5/7 is the 5th of July, and 12/05 the 12th of May.
      ['el 5/7', { date: '2026-07-05' }],
      ['el 12/05', { date: '2027-05-12' }],
      ['24/6 a las 10', { date: '2026-06-24', time: '10:00' }],
      ['el 15', { date: '2026-07-15' }],
      ['el día 20', { date: '2026-06-20' }],
      ['el martes 23', { date: '2026-06-23' }],
      ['el 21 del 7', { date: '2026-07-21' }],
      ['este fin de semana', { date: '2026-06-20' }],
      ['el primer viernes de julio', { date: '2026-07-03' }],
      ['el 5 del mes que viene', { date: '2026-07-05' }],
      ['a las 15hs', { time: '15:00' }],
      // chrono-node's Spanish parser reads what the table leaves: a day range's first day.
      ['estaré fuera 19-20 de noviembre', { date: '2026-11-19' }],
    ],
    WED,
  );
});

describe('amounts of time and windows', () => {
  check(
    [
      ['en 3 días', { date: '2026-06-20' }],
      ['dentro de dos semanas', { date: '2026-07-01' }],
      ['en 2 horas', { date: '2026-06-17', time: '12:00' }],
      ['en media hora', { date: '2026-06-17', time: '10:30' }],
      ['dos días a partir de mañana', { date: '2026-06-20' }],
      ['después de las 3', { window: { from: '15:00', to: '19:00' } }],
      ['antes de las 11', { window: { from: '09:00', to: '11:00' } }],
      ['entre las 12 y las 2', { window: { from: '12:00', to: '14:00' } }],
      ['de 3 a 5', { window: { from: '15:00', to: '17:00' } }],
      ['de 3 a 5 por favor', { window: { from: '15:00', to: '17:00' } }],
      ['el jueves a partir de las 4', { date: '2026-06-18', window: { from: '16:00', to: '19:00' } }],
    ],
    WED,
  );
});

describe('what only looks like a time', () => {
  check(
    [
      ['buenos días', nothing],
      ['buenas noches', nothing],
      ['somos 3 personas', nothing],
      ['de dos a cuatro personas', nothing],
      ['cuesta 50,000 pesos', nothing],
      ['mi número es 555-1212', nothing],
      ['llego tarde', nothing],
      ['que tengas un buen día', nothing],
      ['una hora', nothing],
      ['tengo 2 hijos', nothing],
    ],
    WED,
  );
});

test('a 5,000-character message is read without trouble, from its start', () => {
  const got = readWhenEs('bla '.repeat(1250) + 'mañana a las 3', { now: resolveNow(WED, NY), business: demo });
  expect(got).toMatchObject({ date: null, time: null });
});

describe('daylight-saving days in America/New_York', () => {
  describe('spring forward (2026-03-08)', () => {
    check(
      [
        ['mañana a las 10', { date: '2026-03-08', time: '10:00' }],
        ['el domingo', { date: '2026-03-08' }],
        ['mañana por la mañana', { date: '2026-03-08', window: { from: '09:00', to: '12:00' } }],
      ],
      '2026-03-07T11:00',
    );
    // 01:30 EST plus two hours is 04:30 EDT: the 2 o'clock hour does not exist that night.
    check([['en 2 horas', { date: '2026-03-08', time: '04:30' }]], '2026-03-08T01:30');
  });
  describe('fall back (2026-11-01)', () => {
    check(
      [
        ['hoy a las 3', { date: '2026-11-01', time: '15:00' }],
        ['mañana en la mañana', { date: '2026-11-02', window: { from: '09:00', to: '12:00' } }],
      ],
      '2026-11-01T09:00',
    );
    // 00:30 EDT plus two hours is 01:30 EST, the second 1:30 of the night.
    check([['dentro de 2 horas', { date: '2026-11-01', time: '01:30' }]], '2026-11-01T00:30');
  });
});

describe('the business zone decides the day, never the host zone', () => {
  // 01:00 UTC on the 18th is still 9 pm on the 17th in New York.
  check([['mañana a las 3 de la tarde', { date: '2026-06-18', time: '15:00' }]], new Date('2026-06-18T01:00:00Z'));
  // At UTC-2 the same instant is 23:00 on the 17th, and two hours later 01:00 on the 18th.
  check([['mañana', { date: '2026-06-18' }]], new Date('2026-06-18T01:00:00Z'), withZone(demo, 'UTC-2'));
  check([['mañana', { date: '2026-06-19' }]], new Date('2026-06-18T03:00:00Z'), withZone(demo, 'UTC-2'));
  // A calendar date chrono reads is the same in any host zone.
  check([['estaré fuera 19-20 de noviembre', { date: '2026-11-19' }]], new Date('2026-06-18T01:00:00Z'));
});

describe('the Spanish words become the time reader’s own phrases', () => {
  test.each([
    ['mañana por la mañana a las 3', 'tomorrow morning at 3'],
    ['x la tarde', 'in the afternoon'],
    ['el martes que viene', 'next tuesday'],
    ['a las ocho menos cuarto', 'at 7:45'],
  ])('%s -> %s', (spanish, canonical) => {
    expect(canonicalWhen(spanish)).toBe(canonical);
  });

  test('a Spanish text read in its own words and an English one read alike agree', () => {
    const now = resolveNow(WED, NY);
    const es = readWhenEs('el jueves después de las 3', { now, business: demo });
    const en = readWhen('thursday after 3', { now, business: demo });
    expect([es.date, es.time, es.window]).toEqual([en.date, en.time, en.window]);
  });
});
