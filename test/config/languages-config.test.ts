// The languages a business offers and its own words in them: `languages`, the `es:` blocks beside
// the English fields, and check-config's warnings for client-facing text left without Spanish.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../bot/cli';
import { DEMO_CONFIG_PATH, formatProblem, parseBusinessConfig, reviewConfigFile } from '../../bot/config/business-config';
import { languagesOf, textIn } from '../../bot/domain/localized';
import type { Business } from '../../bot/domain/types';

const demo = readFileSync(DEMO_CONFIG_PATH, 'utf8');

function parsed(text: string): Business {
  const r = parseBusinessConfig(text);
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.business;
}

function problems(text: string): string[] {
  const r = parseBusinessConfig(text);
  return r.ok ? [] : r.problems.map(formatProblem);
}

function warnings(text: string): string[] {
  return parseBusinessConfig(text).warnings.map(formatProblem);
}

function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`not in the text: ${needle}`);
  return text.slice(0, at).split('\n').length;
}

/** The demo with one line replaced (the line must be there). */
function edit(from: string, to: string, text = demo): string {
  if (!text.includes(from)) throw new Error(`not in the demo: ${from}`);
  return text.replace(from, to);
}

/** A small English-only business, as owners wrote them before Spanish. */
const ENGLISH_ONLY = `
business: { name: Tiny Fix, zone: America/New_York, address: 1 Main St, phone: "+1 555 0100", website: https://tiny.example }
hours: { mon: ["09:00-17:00"] }
closures:
  - { date: 2026-12-25, name: Christmas }
services:
  - { id: repair, name: Phone repair, minutes: 60, price: 80 }
staff:
  - { id: sam, name: Sam, services: all, days: [mon] }
faqs:
  - id: warranty
    questions: [do you give a warranty]
    answer: "Every repair has a 90-day warranty."
policies: { min_notice_minutes: 60, horizon_days: 30, slot_step_minutes: 30, late_cancel_hours: 12 }
`;

describe('languages in the config', () => {
  it('reads the demo as offering English and Spanish, English first', () => {
    const business = parsed(demo);
    expect(business.language).toBe('en');
    expect(business.languages).toEqual(['en', 'es']);
    expect(languagesOf(business)).toEqual(['en', 'es']);
  });

  it('keeps an English-only file valid: one language, no translations, no warnings', () => {
    const business = parsed(ENGLISH_ONLY);
    expect(business.languages).toBeUndefined();
    expect(languagesOf(business)).toEqual(['en']);
    expect(business.services[0]).not.toHaveProperty('translations');
    expect(business.faqs[0]).not.toHaveProperty('translations');
    expect(warnings(ENGLISH_ONLY)).toEqual([]);
  });

  it('offers only the business language when languages is left out', () => {
    const spanishFirst = parsed(edit('  language: en          # the language the business speaks first\n  languages: [en, es]   # the languages clients are answered in\n', '  language: es\n'));
    expect(languagesOf(spanishFirst)).toEqual(['es']);
  });

  it('refuses a language offered twice, an empty list, an unknown one, and a business language not offered', () => {
    expect(problems(edit('languages: [en, es]', 'languages: [en, es, en]'))).toEqual([
      `business.languages[2]: en is listed twice (line ${lineOf(demo, 'languages: [en, es]')})`,
    ]);
    expect(problems(edit('languages: [en, es]', 'languages: []'))).toEqual([
      `business.languages: lists no languages; leave it out to speak only the business language (line ${lineOf(demo, 'languages: [en, es]')})`,
    ]);
    expect(problems(edit('languages: [en, es]', 'languages: [en, fr]'))).toEqual([
      `business.languages[1]: expected a language Frontdesk speaks (en, es), got 'fr' (line ${lineOf(demo, 'languages: [en, es]')})`,
    ]);
    expect(problems(edit('languages: [en, es]', 'languages: [es]'))).toEqual([
      `business.language: 'en' is not among the languages offered (es) (line ${lineOf(demo, 'language: en ')})`,
    ]);
  });

  it('carries the Spanish words of services, staff, FAQs, closures, special days and norms', () => {
    const business = parsed(edit('norms:\n  first_contact: ""\n', 'norms:\n  first_contact: "Hi, this is the salon line."\n  es: { first_contact: "Hola, esta es la línea del salón." }\n'));
    const [haircut] = business.services;
    expect(textIn(haircut!, 'name', 'es')).toBe('Corte de pelo');
    expect(textIn(haircut!, 'aliases', 'es')).toContain('corte de cabello');
    expect(textIn(haircut!, 'name', 'en')).toBe('Haircut');
    expect(textIn(business.staff.find((m) => m.id === 'barber')!, 'name', 'es')).toBe('el barbero');
    const parking = business.faqs.find((f) => f.id === 'parking')!;
    expect(textIn(parking, 'answer', 'es')).toMatch(/^Hay estacionamiento gratis/);
    expect(textIn(parking, 'questions', 'es')).toContain('hay estacionamiento');
    expect(textIn(business.closures[0]!, 'name', 'es')).toBe('Día de Acción de Gracias');
    expect(textIn(business.specialHours[0]!, 'name', 'es')).toBe('Nochebuena');
    expect(textIn(business.norms!, 'firstContact', 'es')).toBe('Hola, esta es la línea del salón.');
    expect(textIn(business.norms!, 'urgentKeywords', 'es')).toContain('emergencia');
  });

  it('falls back to English for what a Spanish block leaves out', () => {
    const business = parsed(edit('    es: { name: Consulta, aliases: [consulta, asesoría, consulta de color, valoración] }\n', '    es: { aliases: [consulta] }\n'));
    const consultation = business.services.find((s) => s.id === 'consultation')!;
    expect(textIn(consultation, 'name', 'es')).toBe('Consultation');
    expect(textIn(consultation, 'aliases', 'es')).toEqual(['consulta']);
  });

  it('checks a Spanish block as strictly as the English: unknown keys, empty text, unknown FAQ values', () => {
    expect(problems(edit('es: { name: Navidad } }\n  - { date: 2027-11-25', 'es: { nombre: Navidad } }\n  - { date: 2027-11-25'))).toEqual([
      `closures[1].es.nombre: unknown key (line ${lineOf(demo, '{ date: 2026-12-25')})`,
    ]);
    expect(problems(edit('es: { name: Secado y peinado,', 'es: { name: "",'))[0]).toMatch(/^services\[2\]\.es\.name: expected the service name, got '' \(line \d+\)$/);
    const answer = '      answer: "Nuestros precios: {prices}."';
    expect(problems(edit(answer, '      answer: "Nuestros precios: {precios}."'))).toEqual([
      expect.stringMatching(new RegExp(`^faqs\\[3\\]\\.es\\.answer: unknown value \\{precios\\}; known: .* \\(line ${lineOf(demo, answer)}\\)$`)),
    ]);
    expect(problems(edit('  - { date: 2026-12-25, name: Christmas, es: { name: Navidad } }', '  - { date: 2026-12-25, name: Christmas, fr: { name: Noël } }'))).toEqual([
      expect.stringMatching(/^closures\[1\]\.fr: unknown key/),
    ]);
  });

  it('warns, with path and line, about client-facing text without Spanish when Spanish is offered', () => {
    const text = ENGLISH_ONLY.replace('website: https://tiny.example }', 'website: https://tiny.example, languages: [en, es] }').replace(
      'staff:\n',
      'special_hours:\n  - { date: 2026-12-24, name: Christmas Eve, hours: ["09:00-12:00"] }\nstaff:\n  - { id: tech, name: Lead technician, services: all, days: [mon] }\n',
    ) + 'norms:\n  first_contact: "Hi, this is Tiny Fix."\n';
    expect(warnings(text)).toEqual([
      `closures[0].name: 'Christmas' has no Spanish version; add es: { name: ... } to closures[0] (line ${lineOf(text, '{ date: 2026-12-25')})`,
      `services[0].name: 'Phone repair' has no Spanish version; add es: { name: ... } to services[0] (line ${lineOf(text, '{ id: repair')})`,
      `special_hours[0].name: 'Christmas Eve' has no Spanish version; add es: { name: ... } to special_hours[0] (line ${lineOf(text, '{ date: 2026-12-24')})`,
      // A person's name (Sam) reads the same in Spanish; a role does not.
      `staff[0].name: 'Lead technician' has no Spanish version; add es: { name: ... } to staff[0] (line ${lineOf(text, '{ id: tech')})`,
      `faqs[0].answer: 'Every repair has a 90-day warranty.' has no Spanish version; add es: { answer: ... } to faqs[0] (line ${lineOf(text, 'answer: "Every')})`,
      `norms.first_contact: 'Hi, this is Tiny Fix.' has no Spanish version; add es: { first_contact: ... } to norms (line ${lineOf(text, 'first_contact:')})`,
    ]);
  });

  it('gives the demo Spanish for everything a client reads, so it has no warnings', () => {
    expect(reviewConfigFile(DEMO_CONFIG_PATH)).toEqual({ problems: [], warnings: [] });
    const dropped = edit('    es:\n      questions: [venden tarjetas de regalo, tienen certificados de regalo]\n', '    fr_later:\n      questions: [venden tarjetas de regalo, tienen certificados de regalo]\n');
    expect(warnings(dropped.replace(/\n {4}fr_later:[\s\S]*?No vencen nunca\."\n/, '\n'))).toEqual([
      expect.stringMatching(/^faqs\[7\]\.answer: 'Yes! Gift cards come in any amount fr\.\.\.' has no Spanish version; add es: \{ answer: \.\.\. \} to faqs\[7\] \(line \d+\)$/),
    ]);
  });
});

describe('frontdesk check-config with Spanish offered', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'frontdesk-languages-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function checkConfig(text: string): Promise<{ status: number; out: string }> {
    const file = path.join(dir, `config-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(file, text);
    let out = '';
    const status = await main(['check-config', file], { out: (s) => (out += s), err: (s) => (out += s) });
    return { status, out: out.replace(file, 'FILE') };
  }

  it('prints each warning and still passes the file', async () => {
    const text = ENGLISH_ONLY.replace('website: https://tiny.example }', 'website: https://tiny.example, languages: [en, es] }');
    const r = await checkConfig(text);
    expect(r.status).toBe(0);
    expect(r.out.split('\n')).toEqual([
      `warning: closures[0].name: 'Christmas' has no Spanish version; add es: { name: ... } to closures[0] (line ${lineOf(text, '{ date: 2026-12-25')})`,
      `warning: services[0].name: 'Phone repair' has no Spanish version; add es: { name: ... } to services[0] (line ${lineOf(text, '{ id: repair')})`,
      `warning: faqs[0].answer: 'Every repair has a 90-day warranty.' has no Spanish version; add es: { answer: ... } to faqs[0] (line ${lineOf(text, 'answer: "Every')})`,
      'FILE: OK, with 3 warnings',
      '',
    ]);
  });

  it('passes an English-only file with no warnings, and fails on problems with the warnings counted', async () => {
    expect(await checkConfig(ENGLISH_ONLY)).toEqual({ status: 0, out: 'FILE: OK\n' });
    const broken = ENGLISH_ONLY.replace('website: https://tiny.example }', 'website: https://tiny.example, languages: [en, es] }').replace('minutes: 60, price', 'minutes: 6h, price');
    const r = await checkConfig(broken);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/^services\[0\]\.minutes: expected a whole number of minutes, got '6h' \(line \d+\)\n/);
    expect(r.out.trim().split('\n').pop()).toBe('1 problem and 3 warnings in FILE');
  });
});
