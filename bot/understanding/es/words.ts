// Spanish words as clients type them: accents folded away (many phones drop them), texting
// shorthand spelled out, and number words. Every Spanish table matches the folded form, so
// "mañana", "manana" and "mñn" meet.

/** Lower case, accents and ñ folded ("mañana" -> "manana"), ¿ and ¡ gone, ordinal marks kept as "o". */
export function foldSpanish(text: string): string {
  return text
    .toLowerCase()
    .replace(/[º°]/g, 'o')
    .replace(/ª/g, 'a')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[¿¡]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Texting shorthand, word for word, in the folded form. */
const SHORTHAND: Record<string, string> = {
  mnn: 'manana', mna: 'manana', mnna: 'manana', mnan: 'manana', mana: 'manana',
  xfa: 'por favor', xfavor: 'por favor', porfa: 'por favor', porfis: 'por favor', plis: 'por favor', pf: 'por favor', pfv: 'por favor',
  q: 'que', k: 'que', ke: 'que', xq: 'porque', pq: 'porque', xk: 'porque',
  tb: 'tambien', tmb: 'tambien', tmbn: 'tambien', tbn: 'tambien',
  x: 'por', pa: 'para', d: 'de', dl: 'del',
  dsps: 'despues', dps: 'despues', desp: 'despues',
  grax: 'gracias', grs: 'gracias', grcs: 'gracias', grasias: 'gracias', graciass: 'gracias',
  finde: 'fin de semana', hrs: 'horas', hr: 'hora', mins: 'minutos', min: 'minutos',
  msj: 'mensaje', tqm: 'te quiero', ntp: 'no te preocupes', bn: 'bien', ps: 'pues', nd: 'nada',
  sta: 'esta', stoy: 'estoy', toy: 'estoy', kiero: 'quiero', qiero: 'quiero', kero: 'quiero',
  sip: 'si', sii: 'si', siii: 'si', vale: 'vale', dale: 'dale', ok: 'ok', okey: 'ok', oki: 'ok', okis: 'ok',
  cita: 'cita', hla: 'hola', ola: 'hola', bno: 'bueno', bueno: 'bueno',
};

/**
 * The folded text with shorthand spelled out, word by word. A message that is one letter alone
 * ("k", "x") is left as written: it is a reply ("ok", a reminder's "X"), not shorthand.
 */
export function expandShorthand(folded: string): string {
  const words = folded.split(' ');
  if (words.length === 1 && /^[a-z]$/.test(folded.replace(/[.!?]+$/, ''))) return folded;
  return folded.replace(/(?<![a-z0-9])[a-z]+(?![a-z0-9])/g, (w) => SHORTHAND[w] ?? w);
}

/** The folded, expanded form every Spanish rule reads. */
export function spanishForm(text: string): string {
  return expandShorthand(foldSpanish(text));
}

const UNITS: Record<string, number> = {
  cero: 0, uno: 1, un: 1, una: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9,
};
const TEENS: Record<string, number> = {
  diez: 10, once: 11, doce: 12, trece: 13, catorce: 14, quince: 15, dieciseis: 16, diecisiete: 17, dieciocho: 18, diecinueve: 19,
  veinte: 20, veintiuno: 21, veintiun: 21, veintiuna: 21, veintidos: 22, veintitres: 23, veinticuatro: 24, veinticinco: 25,
  veintiseis: 26, veintisiete: 27, veintiocho: 28, veintinueve: 29,
};
const TENS: Record<string, number> = { treinta: 30, cuarenta: 40, cincuenta: 50 };

const alt = (words: string[]): string => [...words].sort((a, b) => b.length - a.length).join('|');

/** A cardinal 0..59 in words, in the folded form: "tres", "quince", "treinta y cinco", "veintiuno". */
export const NUMBER_WORD = `(?:(?:${alt(Object.keys(TENS))})(?:\\s+y\\s+(?:${alt(Object.keys(UNITS).filter((u) => u !== 'cero' && u !== 'un'))}))?|${alt([...Object.keys(TEENS), ...Object.keys(UNITS)])})`;

/** The value of a number word (folded), or null. */
export function numberWordValue(text: string): number | null {
  const t = text.trim().replace(/\s+/g, ' ');
  if (t in UNITS) return UNITS[t]!;
  if (t in TEENS) return TEENS[t]!;
  if (t in TENS) return TENS[t]!;
  const m = /^(treinta|cuarenta|cincuenta) y (\w+)$/.exec(t);
  if (m && m[2]! in UNITS && UNITS[m[2]!]! > 0) return TENS[m[1]!]! + UNITS[m[2]!]!;
  return null;
}

/** Ordinal day words ("primero", "segundo", "vigesimo segundo"), folded, with their values. */
const ORDINAL_UNITS: Record<string, number> = {
  primero: 1, primer: 1, primera: 1, segundo: 2, segunda: 2, tercero: 3, tercer: 3, tercera: 3, cuarto: 4, quinto: 5,
  sexto: 6, septimo: 7, octavo: 8, noveno: 9, decimo: 10,
};
export const ORDINAL_WORD = `(?:(?:vigesimo|trigesimo)\\s+(?:${alt(Object.keys(ORDINAL_UNITS))})|vigesimo|trigesimo|${alt(Object.keys(ORDINAL_UNITS))})`;

export function ordinalWordValue(text: string): number | null {
  const parts = text.trim().split(/\s+/);
  const base = parts[0] === 'vigesimo' ? 20 : parts[0] === 'trigesimo' ? 30 : 0;
  const unit = base > 0 ? parts[1] : parts[0];
  if (unit === undefined) return base || null;
  const value = ORDINAL_UNITS[unit];
  return value === undefined ? null : base + value;
}

/** Months, folded: full names and the short forms people write. */
export const MONTHS: Array<[string, string]> = [
  ['enero', 'january'], ['ene', 'january'], ['febrero', 'february'], ['feb', 'february'], ['marzo', 'march'],
  ['abril', 'april'], ['abr', 'april'], ['mayo', 'may'], ['junio', 'june'], ['jun', 'june'], ['julio', 'july'], ['jul', 'july'],
  ['agosto', 'august'], ['ago', 'august'], ['septiembre', 'september'], ['setiembre', 'september'], ['sept', 'september'],
  ['sep', 'september'], ['set', 'september'], ['octubre', 'october'], ['oct', 'october'], ['noviembre', 'november'],
  ['nov', 'november'], ['diciembre', 'december'], ['dic', 'december'],
];
export const MONTH = `(?:${alt(MONTHS.map(([w]) => w))})`;
export const monthName = (word: string): string | null => MONTHS.find(([w]) => w === word.replace(/\.$/, ''))?.[1] ?? null;

/** Weekdays, folded, with the short forms that are safe anywhere ("mie", "jue", "vie"). */
export const WEEKDAYS: Array<[string, string]> = [
  ['lunes', 'monday'], ['lun', 'monday'], ['martes', 'tuesday'], ['miercoles', 'wednesday'], ['mier', 'wednesday'], ['mie', 'wednesday'],
  ['jueves', 'thursday'], ['jue', 'thursday'], ['viernes', 'friday'], ['vie', 'friday'], ['sabado', 'saturday'], ['sab', 'saturday'],
  ['domingo', 'sunday'], ['dom', 'sunday'],
];
export const WEEKDAY = `(?:${alt(WEEKDAYS.map(([w]) => w))})`;
export const weekdayName = (word: string): string | null => WEEKDAYS.find(([w]) => w === word.replace(/\.$/, ''))?.[1] ?? null;
/** Two-letter weekday forms ("lu", "ma", "mx"): a day only when sent alone, as they are words too. */
export const SHORT_WEEKDAYS: Record<string, string> = {
  lu: 'monday', ma: 'tuesday', mi: 'wednesday', mx: 'wednesday', ju: 'thursday', vi: 'friday', sa: 'saturday', do: 'sunday', mar: 'tuesday',
};
