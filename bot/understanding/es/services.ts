// Services and staff as clients name them in Spanish. The names a Spanish client uses come from one
// function, spanishServiceNames: the business's own Spanish names and aliases (its config's es:
// block), its English ones (clients mix languages: "un haircut mañana"), and the Spanish words for
// the kind of service those names say ("corte de pelo" for a haircut, "tinte" for color), so a
// business without Spanish in its config is still understood. Everything is in the folded form (no
// accents), as the Spanish reader reads the text.

import { ownTextIn } from '../../domain/localized';
import type { Service, StaffMember } from '../../domain/types';
import { ENGLISH_NAMES, type EntityNames } from '../entities';
import { tokenize } from '../normalize';
import { foldSpanish } from './words';

/** Spanish words for a kind of service, keyed by a word or phrase of the service's own names. */
const SERVICE_WORDS: Array<[string, string[]]> = [
  ['haircut', ['corte', 'corte de pelo', 'corte de cabello', 'cortarme el pelo', 'cortar el pelo', 'cortarme el cabello', 'recorte', 'pelado']],
  ['cut', ['corte', 'corte de pelo', 'corte de cabello', 'cortarme el pelo']],
  ['trim', ['despunte', 'despuntar', 'recorte']],
  ['fade', ['degradado', 'desvanecido']],
  ['bangs', ['flequillo', 'fleco', 'cerquillo']],
  ['color', ['color', 'tinte', 'tintura', 'coloracion', 'tenido', 'tenirme', 'tenir', 'pintarme el pelo']],
  ['colour', ['color', 'tinte', 'tintura', 'coloracion']],
  ['dye', ['tinte', 'tintura', 'tenido']],
  ['highlights', ['mechas', 'reflejos', 'rayitos', 'luces']],
  ['balayage', ['balayage', 'balayage']],
  ['roots', ['raices', 'retoque de raiz', 'retoque de raices']],
  ['gray coverage', ['canas', 'cubrir canas', 'cobertura de canas']],
  ['blowout', ['secado', 'brushing', 'peinado', 'cepillado', 'marcado']],
  ['blow dry', ['secado', 'brushing', 'cepillado']],
  ['styling', ['peinado', 'arreglo']],
  ['beard', ['barba', 'arreglo de barba', 'perfilado de barba', 'recorte de barba', 'perfilar la barba']],
  ['beard trim', ['arreglo de barba', 'recorte de barba', 'perfilado de barba']],
  ['shave', ['afeitado', 'afeitar', 'afeitada', 'rasurado', 'rasurada']],
  ['mustache trim', ['bigote', 'arreglo de bigote']],
  ['consultation', ['consulta', 'asesoria', 'valoracion', 'cita de consulta']],
  ['consult', ['consulta', 'asesoria']],
  ['manicure', ['manicura', 'manicure', 'unas de las manos']],
  ['pedicure', ['pedicura', 'pedicure', 'unas de los pies']],
  ['nails', ['unas', 'unas acrilicas', 'gelish']],
  ['massage', ['masaje', 'masajes']],
  ['facial', ['facial', 'limpieza facial', 'tratamiento facial']],
  ['wax', ['depilacion', 'cera', 'depilado']],
  ['eyebrows', ['cejas', 'depilacion de cejas', 'diseno de cejas']],
  ['lashes', ['pestanas', 'extension de pestanas']],
  ['perm', ['permanente']],
  ['cleaning', ['limpieza']],
  ['checkup', ['revision', 'chequeo', 'control']],
  ['repair', ['reparacion', 'arreglo']],
];

const STAFF_WORDS: Array<[string, string[]]> = [
  ['stylist', ['estilista', 'peluquero', 'peluquera']],
  ['lead stylist', ['estilista principal', 'jefa', 'jefe', 'la jefa', 'el jefe', 'estilista jefe']],
  ['senior stylist', ['estilista senior']],
  ['barber', ['barbero', 'barbera']],
  ['owner', ['dueno', 'duena']],
  ['manager', ['gerente', 'encargado', 'encargada']],
];

/** Spanish words a typo must never turn into a service ("muchas" is not "mechas"). */
const COMMON_WORDS = new Set(
  (
    'muchas mucho mucha muchos gracias favor quiero quisiera puedo puede pueden tengo tiene tienen donde cuando cuanto cuanta precio ' +
    'precios horas cita citas otro otra otros mejor despues antes ahora bueno buena claro perfecto tambien barato barata caro cara ' +
    'corto corta cortos carta parte noche noches tarde tardes manana mananas lunes martes miercoles jueves viernes sabado domingo ' +
    'semana semanas hola buenas buenos tiempo temprano luego siempre nunca nadie alguien persona personas sabes saber mismo misma ' +
    'cerca lejos abren cierran abierto cerrado horario horarios estan estas estamos pasado pasada proximo proxima siguiente cancelar ' +
    'cambiar mover reservar agendar llegar llego tarde primero primera segundo segunda tercero ultima ultimo media medio cuarto ' +
    'pelo cabello cosas cosa nada todo todos todas'
  ).split(' '),
);

function hasPhrase(names: string[], key: string): boolean {
  const need = tokenize(key).join(' ');
  return names.some((n) => ` ${tokenize(n).join(' ')} `.includes(` ${need} `));
}

function withSpanish(configured: string[], own: string[], table: Array<[string, string[]]>): string[] {
  const spanish = table.filter(([key]) => hasPhrase(own, key)).flatMap(([, words]) => words);
  return [...new Set([...configured, ...own].map(foldSpanish).concat(spanish))].filter((n) => n.trim() !== '');
}

/** The names the business's config gives an item in Spanish. */
function configured(item: Service | StaffMember): string[] {
  return [ownTextIn(item, 'name', 'es') ?? '', ...(ownTextIn(item, 'aliases', 'es') ?? [])];
}

/**
 * The names a Spanish-writing client may use for a service: its Spanish and English names and
 * aliases from the config, and the Spanish words for what they name.
 */
export function spanishServiceNames(service: Service): string[] {
  return withSpanish(configured(service), ENGLISH_NAMES.service(service), SERVICE_WORDS);
}

export function spanishStaffNames(member: StaffMember): string[] {
  return withSpanish(configured(member), ENGLISH_NAMES.staff(member), STAFF_WORDS);
}

export const SPANISH_NAMES: EntityNames = {
  service: spanishServiceNames,
  staff: spanishStaffNames,
  commonWords: new Set([...ENGLISH_NAMES.commonWords, ...COMMON_WORDS]),
};
