// The Spanish time words, as a table of rewrites into the time reader's own phrases: "mañana por
// la mañana a las 3" is read as "tomorrow morning at 3", "las ocho menos cuarto de la tarde" as
// "7:45 in the afternoon", "el martes que viene" as "next tuesday". The pipeline after that is
// the shared one (./when/), so a bare hour is placed inside the business's hours and a day part on
// that day's opening and closing, as in English. chrono-node's Spanish parser reads the calendar
// dates the table leaves unread.
//
// Each row reads the folded text (see words.ts: no accents, shorthand spelled out); the order is
// the point: number words before clocks, "de la mañana" (the morning) before "mañana" (tomorrow).

import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import { readWhen, type WhenContext, type WhenReading } from '../when/read-when';
import { foldWeekend } from '../when/words';
import { MONTH, NUMBER_WORD, ORDINAL_WORD, SHORT_WEEKDAYS, WEEKDAY, monthName, numberWordValue, ordinalWordValue, spanishForm, weekdayName } from './words';

interface Rewrite {
  name: string;
  pattern: RegExp;
  to: string | ((m: RegExpExecArray) => string);
}

const B = '(?<![a-z0-9])';
const E = '(?![a-z0-9])';
const CLOCK = '\\d{1,2}(?::\\d{2})?';
const MERIDIEM = '(?:\\s*[ap]\\.?\\s?m\\.?)';
const UNIT_WORDS: Record<string, string> = {
  segundo: 'seconds', segundos: 'seconds', minuto: 'minutes', minutos: 'minutes', hora: 'hours', horas: 'hours', h: 'hours',
  dia: 'days', dias: 'days', semana: 'weeks', semanas: 'weeks', quincena: 'fortnight', quincenas: 'fortnights',
  mes: 'months', meses: 'months', ano: 'years', anos: 'years',
};
const UNIT = '(?:segundos?|minutos?|horas?|dias?|semanas?|quincenas?|mes(?:es)?|anos?)';
// Things a number counts, so "de dos a cuatro personas" stays people, not a range of hours.
const COUNTED_NOUNS: Record<string, string> = {
  persona: 'person', personas: 'people', gente: 'people', estudiantes: 'students', alumnos: 'students', estrellas: 'stars',
  monedas: 'coins', veces: 'times', vez: 'time', ninos: 'kids', adultos: 'adults', invitados: 'guests', dolares: 'dollars',
  pesos: 'dollars', euros: 'dollars',
};

const g = (m: RegExpExecArray, i: number): string => m[i] ?? '';

/** Digits for a number word or digits, as text. */
function digits(text: string): string {
  const t = text.trim();
  if (/^\d+$/.test(t)) return t;
  const v = numberWordValue(t);
  return v === null ? t : String(v);
}

/** "8 menos cuarto" -> "7:45", "las doce menos cinco" -> "11:55". */
function minus(hourText: string, minutes: number, meridiem = ''): string {
  const hour = Number(hourText);
  const before = hour === 0 || hour === 1 ? (hour === 1 ? 12 : 23) : hour - 1;
  return `${before}:${String(60 - minutes).padStart(2, '0')}${meridiem}`;
}

const COUNTED_AFTER = '(?!\\s*(?:people|person|students|stars|coins|times|kids|adults|guests|dollars)(?![a-z]))';
const DAY_PART_EN: Record<string, string> = { manana: 'morning', tarde: 'afternoon', noche: 'night', madrugada: 'early morning' };
const ENGLISH_UNIT = '(?:seconds|minutes|hours|days|weeks|fortnights?|months|years)';

const MONTH_NAMES_EN = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** "27/11" is the 27th of November: day first, unless the second number cannot be a month. */
function dayMonth(a: number, b: number, year: string | undefined, whole: string): string {
  const [day, month] = b > 12 && a <= 12 ? [b, a] : [a, b];
  if (month < 1 || month > 12 || day < 1 || day > 31) return whole;
  const fullYear = year === undefined ? '' : ` ${year.length === 2 ? `20${year}` : year}`;
  return ` ${day} ${MONTH_NAMES_EN[month - 1]}${fullYear} `;
}

const REWRITES: Rewrite[] = [
  // Greetings are not times: "buenos dias", "buenas noches".
  { name: 'greetings', pattern: /(?<![a-z])buen(?:os|as)?\s+(dias?|tardes?|noches?)(?![a-z])/, to: (m) => `good ${/^d/.test(g(m, 1)) ? 'morning' : /^t/.test(g(m, 1)) ? 'afternoon' : 'night'}` },

  // "50,000", "3.500": an amount written with thousands separators is no clock or date.
  { name: 'thousands', pattern: /(?<![\d.,])(\d{1,3})((?:[.,]\d{3})+)(?![.,]?\d)/, to: (m) => `${g(m, 1)}${g(m, 2).replace(/[.,]/g, '')}` },
  // "mi cita de las 3", "mi turno del viernes": the appointment a client already has, as "my".
  { name: 'the appointment a client has', pattern: /(?<![a-z])(?:mi|su|nuestra|nuestro)\s+(?:cita|turno|reserva|hora)(?:\s+de\s+[a-z]+)?\s+(?:de|del|para)\s+(?=las?\s|el\s|\d|hoy|manana|lunes|martes|miercoles|jueves|viernes|sabado|domingo)/, to: 'my ' },
  // Numbers spelled out, and the years "dos mil veinte".
  { name: 'years in words', pattern: new RegExp(`${B}dos mil(?:\\s+(${NUMBER_WORD}))?${E}`), to: (m) => String(2000 + (m[1] ? (numberWordValue(m[1]) ?? 0) : 0)) },
  { name: "one o'clock", pattern: /(?<![a-z])(la|las|a|de|y)\s+una(?![a-z])/, to: (m) => `${g(m, 1)} 1` },
  { name: 'one and minutes', pattern: new RegExp(`${B}una(?=\\s+(?:y|menos)\\s+(?:${NUMBER_WORD}|media|cuarto)${E})`), to: '1' },
  { name: 'a, an', pattern: /(?<![a-z])(?:un|una)(?![a-z])/, to: 'a' },
  { name: 'a clock with a space after its colon', pattern: /(?<![\d:])(\d{1,2}):\s(\d{2})(?!\d)/, to: (m) => `${g(m, 1)}:${g(m, 2)}` },
  { name: 'number words', pattern: new RegExp(`${B}(${NUMBER_WORD})${E}`), to: (m) => digits(g(m, 1)) },
  { name: 'ordinal marks', pattern: /(?<![\d])(\d{1,2})(?:\.o|o|ro|ero|er|do|to|vo|no|mo)(?![a-z])/, to: (m) => `${g(m, 1)}th` },
  { name: 'ordinal words before a month', pattern: new RegExp(`${B}(${ORDINAL_WORD})(?=\\s+(?:de\\s+)?${MONTH}${E})`), to: (m) => `${ordinalWordValue(g(m, 1)) ?? g(m, 1)}th` },
  { name: 'counted things', pattern: new RegExp(`(?<=\\d(?:th)?\\s?)(${Object.keys(COUNTED_NOUNS).join('|')})${E}`), to: (m) => COUNTED_NOUNS[g(m, 1)] ?? g(m, 1) },

  // Ranges first, so "entre 3 y 5" is not 3:05.
  { name: 'between two hours', pattern: new RegExp(`${B}entre\\s+(?:las?\\s+)?(${CLOCK}${MERIDIEM}?)\\s+y\\s+(?:las?\\s+)?(${CLOCK})`), to: (m) => `between ${g(m, 1)} and ${g(m, 2)}` },

  // Minutes said with the hour: "y media", "y cuarto", "menos cuarto", "y 20", "en punto".
  { name: 'minutes to, after a meridiem', pattern: new RegExp(`${B}(\\d{1,2})(${MERIDIEM})\\s+menos\\s+(cuarto|\\d{1,2})${E}`), to: (m) => minus(g(m, 1), g(m, 3) === 'cuarto' ? 15 : Number(g(m, 3)), ` ${g(m, 2).trim()}`) },
  { name: 'minutes to, after a day part', pattern: /(?<![a-z0-9])(\d{1,2})\s+(de la (?:manana|tarde|noche))\s+menos\s+(cuarto|\d{1,2})(?![a-z0-9])/, to: (m) => `${minus(g(m, 1), g(m, 3) === 'cuarto' ? 15 : Number(g(m, 3)))} ${g(m, 2)}` },
  { name: 'minutes to', pattern: /(?<![a-z0-9:])(\d{1,2})\s+menos\s+(cuarto|\d{1,2})(?:\s+minutos)?(?![a-z0-9])/, to: (m) => minus(g(m, 1), g(m, 2) === 'cuarto' ? 15 : Number(g(m, 2))) },
  { name: 'half and quarter past, after a meridiem', pattern: new RegExp(`${B}(\\d{1,2})(${MERIDIEM})\\s+y\\s+(media|cuarto)${E}`), to: (m) => `${g(m, 1)}:${g(m, 3) === 'media' ? '30' : '15'} ${g(m, 2).trim()}` },
  { name: 'half and quarter past', pattern: /(?<![a-z0-9:])(\d{1,2})\s+y\s+(media|cuarto)(?![a-z0-9])/, to: (m) => `${g(m, 1)}:${g(m, 2) === 'media' ? '30' : '15'}` },
  {
    name: 'minutes past',
    pattern: new RegExp(`(?<![a-z0-9:])((?:a\\s+)?las?\\s+)?(\\d{1,2})\\s+y\\s+(\\d{1,2})(?:\\s+minutos)?(?![a-z0-9:])${COUNTED_AFTER}`),
    to: (m) => (Number(g(m, 2)) <= 24 && Number(g(m, 3)) < 60 && (m[1] !== undefined || Number(g(m, 3)) >= 5) ? `${g(m, 1)}${g(m, 2)}:${g(m, 3).padStart(2, '0')}` : m[0]),
  },
  { name: 'hour zero minutes', pattern: /(?<![a-z0-9:])(\d{1,2})\s+(?:cero|zero|0)\s+(\d)(?![a-z0-9:])/, to: (m) => `${g(m, 1)}:0${g(m, 2)}` },
  { name: 'minutes before an hour', pattern: /(?<![a-z0-9])(?:faltan\s+)?(cuarto|\d{1,2})\s+(?:minutos?\s+)?para\s+(?:las?\s+)?(\d{1,2}(?::\d{2})?)(?![a-z0-9])/, to: (m) => `${g(m, 1) === 'cuarto' ? 'quarter' : `${g(m, 1)} minutes`} to ${g(m, 2)}` },
  { name: 'minutes after an hour', pattern: /(?<![a-z0-9])(cuarto|media|\d{1,2})\s+(?:minutos?\s+)?pasad[ao]s\s+(?:de\s+)?(?:las?\s+)?(\d{1,2}(?::\d{2})?(?:\s?h\s?\d{2})?)(?![a-z0-9])/, to: (m) => `${g(m, 1) === 'cuarto' ? 'quarter' : g(m, 1) === 'media' ? 'half' : `${g(m, 1)} minutes`} past ${g(m, 2)}` },
  { name: "o'clock", pattern: /(?<![a-z])en\s+punto(?![a-z])/, to: "o'clock" },
  { name: 'hours written after a clock: "a las 15 horas", "3:00 h"', pattern: /(?<![a-z0-9])((?:a\s+)?las?\s+\d{1,2}(?::\d{2})?)\s+(?:horas|hrs|h)(?![a-z0-9])/, to: (m) => g(m, 1) },
  { name: 'hours written "hs"', pattern: /(?<![a-z0-9:])(\d{1,2})(:\d{2})?\s?hs(?![a-z])/, to: (m) => `${g(m, 1)}${m[2] ?? ':00'}` },
  { name: '10 h 10', pattern: /(?<![a-z0-9])(\d{1,2})\s?h\s?(\d{2})(?![a-z0-9])/, to: (m) => `${g(m, 1)}:${g(m, 2)}` },

  // Noon and midnight.
  { name: 'a clock at midday', pattern: new RegExp(`${B}(${CLOCK})\\s+(?:del|de)\\s+medio\\s?dia${E}`), to: (m) => `${g(m, 1)} pm` },
  { name: 'noon', pattern: /(?<![a-z])(?:(a|al|el|cerca\s+del?|alrededor\s+del?|hacia\s+el|sobre\s+el)\s+)?medio\s?dia(?![a-z])/, to: (m) => (/^(?:a|al)$/.test(g(m, 1)) ? 'at noon' : m[1] && !/^el$/.test(g(m, 1)) ? 'around noon' : 'noon') },
  { name: 'midnight', pattern: /(?<![a-z])(a\s+)?(?:la\s+)?media\s?noche(?![a-z])/, to: (m) => (m[1] ? 'at midnight' : 'midnight') },

  // Parts of the day: "la mañana" is the morning, "mañana" alone is tomorrow.
  { name: 'mid-morning, mid-afternoon', pattern: /(?<![a-z])(?:a\s+)?media\s+(manana|tarde)(?![a-z])/, to: (m) => (g(m, 1) === 'manana' ? 'mid-morning' : 'mid afternoon') },
  { name: 'early on a day', pattern: new RegExp(`${B}(manana|hoy|${WEEKDAY})\\.?\\s+(?:bien\\s+|muy\\s+)?temprano${E}`), to: (m) => `${g(m, 1)} in the early morning` },
  { name: 'tomorrow morning, afternoon, night', pattern: /(?<![a-z])manana\s+(?:(?:por|en|a|de)\s+la\s+)?(manana|tarde|noche)(?![a-z])/, to: (m) => `tomorrow ${DAY_PART_EN[g(m, 1)]}` },
  { name: 'this morning, afternoon, night', pattern: /(?<![a-z])(?:de\s+)?est[ae]\s+(manana|tarde|noche|madrugada)(?![a-z])/, to: (m) => (g(m, 1) === 'noche' ? 'tonight' : `this ${DAY_PART_EN[g(m, 1)]}`) },
  { name: 'a day part after a day', pattern: new RegExp(`${B}(hoy|${WEEKDAY})\\.?\\s+(?:(?:por|en|a|de)\\s+la\\s+)?(manana|tarde|noche)${E}`), to: (m) => `${g(m, 1)} ${DAY_PART_EN[g(m, 2)]}` },
  { name: 'in the morning, afternoon, at night', pattern: /(?<![a-z])(?:(?:por|en|a|de|durante)\s+)?la\s+(manana|tarde|noche|madrugada)(?![a-z])/, to: (m) => (g(m, 1) === 'noche' ? 'at night' : `in the ${DAY_PART_EN[g(m, 1)]}`) },
  { name: 'at night, said short', pattern: /(?<![a-z])(?:de|en|por)\s+(noche|madrugada)(?![a-z])/, to: (m) => (g(m, 1) === 'noche' ? 'at night' : 'in the early morning') },
  { name: 'an hour with "tarde" or "noche" right after it', pattern: new RegExp(`${B}(${CLOCK}${MERIDIEM}?)\\s+(tarde|noche)${E}`), to: (m) => `${g(m, 1)} ${g(m, 2) === 'tarde' ? 'in the afternoon' : 'at night'}` },
  { name: 'first thing', pattern: /(?<![a-z])(?:a\s+|en\s+)?(?:la\s+)?primera\s+hora(?:\s+de\s+la\s+manana)?(?![a-z])/, to: 'first thing' },
  { name: 'last thing', pattern: /(?<![a-z])(?:a\s+)?ultima\s+hora(?![a-z])/, to: 'end of the day' },
  { name: 'end of a day', pattern: new RegExp(`${B}(?:al\\s+|a\\s+|hacia\\s+el\\s+|el\\s+)?(?:final|fin|finalizar)\\s+(?:del|de|el)\\s+(?:(?:dia\\s+de\\s+)?(manana|hoy|este\\s+${WEEKDAY}|${WEEKDAY})|dia)${E}`), to: (m) => (m[1] ? `end of ${g(m, 1).replace(/[a-z]+$/, (w) => weekdayName(w) ?? w)}` : 'end of the day') },
  { name: 'lunchtime', pattern: /(?<![a-z])(?:a\s+|en\s+)?(?:la\s+)?hora\s+(?:del\s+almuerzo|de\s+comer|de\s+la\s+comida)(?![a-z])/, to: 'lunchtime' },
  { name: 'after work', pattern: /(?<![a-z])(?:despues\s+del|al\s+salir\s+del)\s+trabajo(?![a-z])/, to: 'after work' },

  // Days.
  { name: 'the day after tomorrow', pattern: /(?<![a-z])(?:el\s+)?(?:pasado\s+manana|dia\s+despues\s+de\s+manana)(?![a-z])/, to: 'the day after tomorrow' },
  { name: 'the next day', pattern: /(?<![a-z])(?:el|al)\s+(?:dia\s+siguiente|proximo\s+dia|siguiente\s+dia)(?![a-z])/, to: 'the next day' },
  { name: 'as soon as possible', pattern: /(?<![a-z])(?:tan\s+pronto\s+como\s+(?:sea\s+posible|puedas?|podamos|pueda)|lo\s+(?:mas|antes)\s+pronto\s+posible|lo\s+antes\s+posible|cuanto\s+antes|en\s+este\s+momento|ahora\s+mismo|hoy\s+mismo)(?![a-z])/, to: 'asap' },
  { name: 'for the day', pattern: /(?<![a-z])(?:en|por)\s+el\s+dia(?![a-z])(?!\s+(?:de|del|\d|siguiente))/, to: 'for the day' },
  { name: 'today', pattern: /(?<![a-z])(?:de\s+)?hoy(?![a-z])/, to: 'today' },
  { name: 'tomorrow', pattern: /(?<![a-z])(?:de\s+)?manana(?![a-z])/, to: 'tomorrow' },
  { name: 'yesterday', pattern: /(?<![a-z])ayer(?![a-z])/, to: 'yesterday' },
  { name: 'the weekend', pattern: /(?<![a-z])(?:(este|el\s+proximo|el\s+que\s+viene|el)\s+)?fin\s+de\s+semana(\s+que\s+viene|\s+proximo)?(?![a-z])/, to: (m) => (/proximo|viene/.test(m[0]) ? 'next weekend' : 'this weekend') },
  { name: 'the nth weekday of a month', pattern: new RegExp(`${B}(?:el\\s+)?(primer|primero|segundo|tercer|tercero|cuarto|ultimo)\\s+(${WEEKDAY})\\s+(?:de|del)\\s+(?:(?:este|el)\\s+)?(${MONTH}|mes\\s+que\\s+viene|proximo\\s+mes)${E}`), to: (m) => `the ${({ primer: 'first', primero: 'first', segundo: 'second', tercer: 'third', tercero: 'third', cuarto: 'fourth', ultimo: 'last' } as Record<string, string>)[g(m, 1)]} ${weekdayName(g(m, 2))} of ${monthName(g(m, 3)) ?? 'next month'}` },
  { name: 'a weekday of next week', pattern: new RegExp(`${B}(?:el\\s+)?(${WEEKDAY})\\.?\\s+(?:de\\s+)?(?:la\\s+)?(?:(?:proxima|siguiente)\\s+semana|semana\\s+(?:que\\s+viene|siguiente|proxima))${E}`), to: (m) => `${weekdayName(g(m, 1))} next week` },
  { name: 'a weekday of this week', pattern: new RegExp(`${B}(?:el\\s+)?(${WEEKDAY})\\.?\\s+de\\s+esta\\s+semana${E}`), to: (m) => `${weekdayName(g(m, 1))} this week` },
  { name: 'this coming weekday', pattern: new RegExp(`${B}(?:el\\s+)?este\\s+(?:proximo\\s+)?(${WEEKDAY})${E}`), to: (m) => `this coming ${weekdayName(g(m, 1))}` },
  { name: 'next weekday', pattern: new RegExp(`${B}(?:el\\s+|del\\s+)?(?:proximo|siguiente)\\s+(${WEEKDAY})${E}|${B}(?:el\\s+|del\\s+)?(${WEEKDAY})\\.?\\s+(?:que\\s+viene|proximo|siguiente)${E}`), to: (m) => `next ${weekdayName(g(m, 1) || g(m, 2))}` },
  // "el martes 6", "jue 15": a weekday with a number after it names that day of the month.
  { name: 'a weekday and its day of the month', pattern: new RegExp(`${B}(?:el\\s+)?(${WEEKDAY})\\.?\\s+(?:el\\s+)?(?:dia\\s+)?(\\d{1,2})(?![\\d:/-]|\\.\\d|\\s*(?:[ap]\\.?m|h(?![a-z])|horas?|de\\s+la|o'clock|in\\s+the|at\\s+night|de\\s+${MONTH}|${MONTH}))`), to: (m) => ` on ${weekdayName(g(m, 1))} the ${g(m, 2)}th ` },
  // After "my" (the appointment being moved) the day stays next to it: "my friday".
  { name: 'a weekday', pattern: new RegExp(`${B}(?:el|los|del|en|para\\s+el)?\\s*(${WEEKDAY})\\.?${E}`), to: (m) => (/\bmy\s*$/.test(m.input.slice(0, m.index)) ? `${weekdayName(g(m, 1))} ` : ` on ${weekdayName(g(m, 1))} `) },
  { name: 'a weekday sent alone, in two letters', pattern: new RegExp(`^\\s*(${Object.keys(SHORT_WEEKDAYS).join('|')})\\.?\\s*$`), to: (m) => SHORT_WEEKDAYS[g(m, 1)] ?? m[0] },
  { name: 'tuesday as "mar" where it is not March', pattern: /(?<!\d\s?|(?<![a-z])del?\s)(?<![a-z])mar(?![a-z0-9])(?!\.?\s*(?:\d|de\s+\d))/, to: 'on tuesday' },

  // Calendar dates, day before month.
  { name: 'a day of a month of a year', pattern: new RegExp(`(?<![\\d/-])${B}(?:el\\s+)?(?:dia\\s+)?(\\d{1,2})(?:th)?\\s*(?:de\\s+|del\\s+|[-/.]\\s?)?(${MONTH})\\.?(?:\\s*(?:de|del|,|[-/])?\\s*((?:19|20)\\d{2}))?${E}`), to: (m) => ` ${g(m, 1)} ${monthName(g(m, 2))}${m[3] ? ` ${g(m, 3)}` : ''} ` },
  { name: 'a month, then its day', pattern: new RegExp(`${B}(?:en\\s+|el\\s+)?(${MONTH})\\.?,?\\s+(?:el\\s+)?(\\d{1,2})(?:th)?(?:\\s*(?:,|de|del)?\\s*((?:19|20)\\d{2}))?${E}(?!\\s*(?::|[ap]\\.?m))`), to: (m) => ` ${monthName(g(m, 1))} ${g(m, 2)}th${m[3] ? ` ${g(m, 3)}` : ''} ` },
  { name: 'a month name between numbers', pattern: new RegExp(`(?<=[-/]\\s?)(${MONTH})${E}|${B}(${MONTH})${E}(?=\\s*[-/]|\\s+(?:19|20)\\d{2})`), to: (m) => monthName(g(m, 1) || g(m, 2)) ?? m[0] },
  { name: 'a day of a month in numbers: "el 21 del 3"', pattern: /(?<![a-z0-9])(?:el|del|al|para\s+el|dia)\s+(\d{1,2})\s+del\s+(\d{1,2})(?![\d:])/, to: (m) => dayMonth(Number(g(m, 1)), Number(g(m, 2)), undefined, m[0]) },
  { name: 'day-month after "el" or "en"', pattern: /(?<![a-z0-9])(?:el|en|del|para\s+el|proximo)\s+(\d{1,2})[-.](\d{1,2})(?![\w/]|[.,:-]\d)/, to: (m) => dayMonth(Number(g(m, 1)), Number(g(m, 2)), undefined, m[0]) },
  {
    name: 'day/month, day/month/year',
    pattern: /(?<![\w.,/:$-])(\d{1,2})\s?([/.-])\s?(\d{1,2})(?:\2((?:19|20)?\d{2}))?(?![\w/]|[.,:-]\d|\s*(?:[ap]\.?m|horas|h(?![a-z])))/,
    to: (m) => {
      const [a, sep, b, year] = [Number(g(m, 1)), g(m, 2), Number(g(m, 3)), m[4]];
      // A dash or a dot between numbers that could be hours is a range or a clock ("3-5", "15.30").
      if (sep !== '/' && year === undefined && !(sep === '-' && a > 12 && b <= 12)) return m[0];
      return dayMonth(a, b, year, m[0]);
    },
  },
  { name: 'of next month', pattern: /(?<![a-z])(?:del|de)\s+(?:mes\s+que\s+viene|proximo\s+mes|mes\s+proximo|siguiente\s+mes|mes\s+siguiente)(?![a-z])/, to: ' of next month' },
  { name: 'the day of this month', pattern: /(?<![a-z0-9])(?:(?:el|del|para\s+el|al)\s+)?(?:dia\s+)?(\d{1,2})(?:th)?\s+(?:de\s+)?este\s+mes(?![a-z])/, to: (m) => ` the ${g(m, 1)}th of this month ` },
  {
    name: 'a day of the month',
    pattern: new RegExp(`(?<![a-z0-9])(?:(el|del|para\\s+el|al|dia)\\s+)(?:dia\\s+)?(\\d{1,2})(?:th)?(?![\\d:./-])(?!\\s*(?:[ap]\\.?m|horas?|h(?![a-z])|minutos?|dias?|semanas?|mes|anos?|%|y\\s))${COUNTED_AFTER}`),
    to: (m) => (Number(g(m, 2)) >= 1 && Number(g(m, 2)) <= 31 ? ` the ${g(m, 2)}th ` : m[0]),
  },
  { name: 'a day of the month in words', pattern: new RegExp(`${B}(?:el\\s+)?dia\\s+(${ORDINAL_WORD})${E}`), to: (m) => ` the ${ordinalWordValue(g(m, 1))}th ` },
  { name: 'a day of the month as an ordinal', pattern: /(?<![a-z0-9])(?:el|del|para\s+el|al)\s+(\d{1,2}th)(?![a-z0-9])/, to: (m) => ` the ${g(m, 1)} ` },

  // Amounts of time.
  { name: 'an hour and a half', pattern: /(?<![a-z0-9])(\d{1,2}|a)\s+horas?\s+y\s+media(?![a-z])/, to: (m) => `${g(m, 1) === 'a' ? '1' : g(m, 1)} and a half hours` },
  { name: 'half an hour', pattern: /(?<![a-z])media\s+hora(?![a-z])/, to: 'half an hour' },
  { name: 'from now', pattern: /(?<![a-z])(?:a\s+partir\s+de|desde)\s+ahora(?![a-z])/, to: 'from now' },
  { name: 'units after an amount', pattern: new RegExp(`(?<=\\d\\s?|(?<![a-z])a\\s)(${UNIT})${E}`), to: (m) => UNIT_WORDS[g(m, 1)] ?? g(m, 1) },
  { name: 'counted from a day', pattern: new RegExp(`${B}(?:dentro\\s+de\\s+|en\\s+)?(\\d{1,3}|a)\\s+(${ENGLISH_UNIT})\\s+(?:a\\s+partir(?:\\s+de)?|despues(?:\\s+de)?|desde)\\s+(?=today|tomorrow)`), to: (m) => `${g(m, 1)} ${g(m, 2)} from ` },
  { name: 'in an amount', pattern: new RegExp(`${B}(?:dentro\\s+de|en)\\s+(?:unos\\s+|unas\\s+)?(\\d{1,3}\\s+and\\s+a\\s+half|half\\s+an|\\d{1,3}|a)\\s*(${ENGLISH_UNIT}|hour|h|min)${E}`), to: (m) => `in ${g(m, 1)} ${g(m, 2) === 'h' ? 'hours' : g(m, 2) === 'min' ? 'minutes' : g(m, 2)}` },
  { name: 'an amount later', pattern: new RegExp(`${B}(\\d{1,3}|a)\\s+(${ENGLISH_UNIT})\\s+(?:despues|mas\\s+tarde)${E}`), to: (m) => `${g(m, 1)} ${g(m, 2)} later` },
  { name: 'an amount ago', pattern: new RegExp(`${B}hace\\s+(\\d{1,3}|a)\\s+(${ENGLISH_UNIT})${E}`), to: (m) => `${g(m, 1)} ${g(m, 2)} ago` },

  // Clock lead-ins and windows.
  { name: 'from one hour to another', pattern: new RegExp(`${B}(?:de|desde)\\s+(?:las?\\s+)?(${CLOCK}${MERIDIEM}?)\\s+(?:a|hasta)\\s+(?:las?\\s+)?(${CLOCK})${COUNTED_AFTER}`), to: (m) => `from ${g(m, 1)} to ${g(m, 2)}` },
  { name: 'no later than', pattern: new RegExp(`${B}(?:no\\s+mas\\s+tarde\\s+de|a\\s+mas\\s+tardar\\s+a)\\s+(?:las?\\s+)?(?=\\d)`), to: 'no later than ' },
  { name: 'after an hour', pattern: new RegExp(`${B}(?:despues\\s+de|a\\s+partir\\s+de|desde)\\s+(?:las?\\s+)?(?=\\d|noon)`), to: 'after ' },
  { name: 'before an hour', pattern: new RegExp(`${B}antes\\s+de\\s+(?:las?\\s+)?(?=\\d|noon)`), to: 'before ' },
  { name: 'until an hour', pattern: new RegExp(`${B}hasta\\s+(?:las?\\s+)?(?=\\d|noon)`), to: 'until ' },
  { name: 'around an hour', pattern: new RegExp(`${B}(?:cerca\\s+de|alrededor\\s+de|a\\s+eso\\s+de|sobre|hacia|como\\s+a)\\s+(?:las?\\s+)(?=\\d)`), to: 'around ' },
  { name: 'at an hour', pattern: new RegExp(`${B}(?:a|al|para|pa)\\s+(?:las?|los)\\s+(?=\\d)|${B}(?:para|pa)\\s+(?=\\d{1,2}(?::\\d{2})?${MERIDIEM}?${E})`), to: 'at ' },
  { name: 'at an hour, the article alone', pattern: new RegExp(`${B}las?\\s+(?=(?:[01]?\\d|2[0-4])(?::\\d{2})?${E})`), to: 'at ' },
  { name: 'midnight as 24', pattern: /(?<=(?:^|\s)at\s)24(?::00)?(?![\d:])/, to: 'midnight' },
  { name: 'at an hour, after a day', pattern: new RegExp(`(?<=(?:today|tomorrow|day|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\\dth)\\s)a\\s+(?=\\d)`), to: 'at ' },
  { name: 'to, in a range of hours', pattern: new RegExp(`(?<=\\d${MERIDIEM}?)\\s+(?:a|hasta)\\s+(?=\\d)`), to: ' to ' },
  { name: 'by, about', pattern: new RegExp(`${B}(?:como|tipo)\\s+(?=\\d)`), to: 'around ' },
  { name: 'a clock of a day: "a las 7 del 15"', pattern: /(?<=\d(?:\s?[ap]\.?m\.?)?(?:\s+(?:in the (?:morning|afternoon)|at night))?)\s+(?:del|de)\s+(?=the |today|tomorrow|next |this |on )/, to: ' ' },
];

/** The Spanish text in the time reader's own phrases. */
export function canonicalWhen(text: string): string {
  // As the time reader does, a very long text is read from its start only.
  let out = ` ${spanishForm(text.length > 2000 ? text.slice(0, 2000) : text)} `;
  for (const row of REWRITES) {
    out = out.replace(new RegExp(row.pattern.source, 'g'), (...args: unknown[]) => {
      const at = args.findIndex((a) => typeof a === 'number');
      const match = Object.assign(args.slice(0, at) as string[], { index: args[at] as number, input: out }) as unknown as RegExpExecArray;
      return typeof row.to === 'string' ? row.to : row.to(match);
    });
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** Reads the date, time or window of a Spanish text, in the business's zone. */
export function readWhenEs(text: string, ctx: WhenContext): WhenReading {
  const reading = readWhen(foldWeekend(canonicalWhen(text)), ctx);
  if (reading.date !== null) return reading;
  const date = chronoDate(text, ctx);
  return date ? { ...reading, date } : reading;
}

/** A calendar date chrono-node's Spanish parser reads with a certain day and month, or null. */
function chronoDate(text: string, ctx: WhenContext): string | null {
  if (!/\d/.test(text) || !new RegExp(`${MONTH}`).test(spanishForm(text))) return null;
  const offset = DateTime.fromJSDate(ctx.now, { zone: ctx.business.zone }).offset;
  let results: chrono.ParsedResult[];
  try {
    results = chrono.es.casual.parse(text, { instant: ctx.now, timezone: offset }, { forwardDate: true });
  } catch {
    return null;
  }
  const found = results.find((r) => r.start.isCertain('day') && r.start.isCertain('month') && /\d/.test(r.text));
  if (!found) return null;
  const { year, month, day } = { year: found.start.get('year'), month: found.start.get('month'), day: found.start.get('day') };
  if (year === null || month === null || day === null) return null;
  const date = DateTime.utc(year, month, day);
  return date.isValid ? date.toISODate() : null;
}
