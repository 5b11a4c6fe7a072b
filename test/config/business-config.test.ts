import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ConfigError,
  DEMO_CONFIG_PATH,
  FAQ_PLACEHOLDERS,
  checkConfigFile,
  formatProblem,
  loadBusinessConfig,
  parseBusinessConfig,
} from '../../bot/config/business-config';

// A small valid business; each broken case below edits one spot of it, so the line numbers in the
// expected messages can be read straight off this text.
const BASE = `business:
  name: Corner Barbers
  zone: America/Chicago
  address: 1 Main St
  phone: "+1 312-555-0100"
  website: https://corner.example
hours:
  tue: ["09:00-17:00"]
  wed: ["09:00-12:00", "13:00-17:00"]
  fri: ["18:00-02:00"]
closures:
  - { date: 2026-12-25, name: Christmas }
  - { date: 2026-12-31, name: New Year's Eve, from: "12:00", to: "24:00" }
special_hours:
  - { date: 2026-12-24, name: Christmas Eve, hours: ["09:00-13:00"] }
services:
  - id: cut
    name: Cut
    minutes: 30
    price: 25
    aliases: [haircut]
  - id: shave
    name: Shave
    minutes: 20
    price: 15
staff:
  - id: sam
    name: Sam
    services: all
    days: [tue, wed]
  - id: kim
    name: Kim
    services: [shave]
    hours:
      fri: ["20:00-01:00"]
faqs:
  - id: prices
    questions: [how much]
    keywords: [price]
    answer: "Cut {price:cut}. All: {prices}"
policies:
  min_notice_minutes: 60
  horizon_days: 30
  slot_step_minutes: 15
  late_cancel_hours: 12
`;

function edit(from: string, to: string): string {
  if (!BASE.includes(from)) throw new Error(`test set-up: '${from}' is not in the base config`);
  return BASE.replace(from, to);
}

function problemsOf(text: string): string[] {
  const result = parseBusinessConfig(text);
  if (result.ok) return [];
  return result.problems.map(formatProblem);
}

describe('the demo business file', () => {
  const business = loadBusinessConfig();

  it('loads as Maple Street Salon in New York', () => {
    expect(business.name).toBe('Maple Street Salon');
    expect(business.zone).toBe('America/New_York');
    expect(business.currency).toBe('USD');
    expect(business.address).toMatch(/Maple Street/);
    expect(business.phone).not.toBe('');
    expect(business.website).toMatch(/^https:\/\//);
  });

  it('is open Tuesday to Saturday and closed Sunday and Monday', () => {
    expect(business.hours).toEqual({
      tue: [{ from: '09:00', to: '19:00' }],
      wed: [{ from: '09:00', to: '19:00' }],
      thu: [{ from: '09:00', to: '19:00' }],
      fri: [{ from: '09:00', to: '19:00' }],
      sat: [{ from: '09:00', to: '17:00' }],
    });
  });

  it('closes for Thanksgiving and Christmas and opens short on Christmas Eve', () => {
    const thanksgiving = { es: { name: 'Día de Acción de Gracias' } };
    const christmas = { es: { name: 'Navidad' } };
    expect(business.closures).toEqual([
      { date: '2026-11-26', name: 'Thanksgiving', translations: thanksgiving },
      { date: '2026-12-25', name: 'Christmas', translations: christmas },
      { date: '2027-11-25', name: 'Thanksgiving', translations: thanksgiving },
      { date: '2027-12-25', name: 'Christmas', translations: christmas },
    ]);
    expect(business.specialHours).toEqual([
      { date: '2026-12-24', name: 'Christmas Eve', hours: [{ from: '09:00', to: '14:00' }], translations: { es: { name: 'Nochebuena' } } },
      { date: '2027-12-24', name: 'Christmas Eve', hours: [{ from: '09:00', to: '14:00' }], translations: { es: { name: 'Nochebuena' } } },
    ]);
  });

  it('offers the five services with their minutes and prices', () => {
    expect(business.services.map((s) => [s.id, s.name, s.minutes, s.price])).toEqual([
      ['haircut', 'Haircut', 30, 45],
      ['color', 'Color', 90, 120],
      ['blowout', 'Blowout', 45, 40],
      ['beard-trim', 'Beard trim', 15, 20],
      ['consultation', 'Consultation', 15, 0],
    ]);
    const haircut = business.services.find((s) => s.id === 'haircut');
    expect(haircut?.aliases).toEqual(expect.arrayContaining(['cut', 'trim', 'fade']));
    const color = business.services.find((s) => s.id === 'color');
    expect(color?.aliases).toEqual(expect.arrayContaining(['highlights', 'balayage', 'roots', 'dye']));
  });

  it("gives each staff member the business's hours on their working days", () => {
    const [lead, barber] = business.staff;
    expect(lead?.id).toBe('lead');
    expect(lead?.name).toBe('Lead stylist');
    expect(lead?.services).toEqual(['haircut', 'color', 'blowout', 'beard-trim', 'consultation']);
    expect(lead?.hours).toEqual(business.hours);
    expect(barber?.id).toBe('barber');
    expect(barber?.services).toEqual(['haircut', 'blowout', 'beard-trim']);
    expect(barber?.hours).toEqual({
      wed: [{ from: '09:00', to: '19:00' }],
      thu: [{ from: '09:00', to: '19:00' }],
      fri: [{ from: '09:00', to: '19:00' }],
      sat: [{ from: '09:00', to: '17:00' }],
    });
  });

  it('answers the eight FAQs', () => {
    expect(business.faqs.map((f) => f.id)).toEqual([
      'hours',
      'location',
      'parking',
      'prices',
      'payment',
      'cancellation-policy',
      'walk-ins',
      'gift-cards',
    ]);
    for (const faq of business.faqs) {
      expect(faq.questions.length).toBeGreaterThan(0);
      expect(faq.answer).not.toBe('');
    }
  });

  it('has the booking policies of the issue', () => {
    expect(business.policy).toEqual({
      minNoticeMinutes: 120,
      horizonDays: 60,
      slotStepMinutes: 15,
      lateCancelHours: 24,
      allowOverlappingBookings: false,
    });
  });

  it('passes check-config with no problems', () => {
    expect(checkConfigFile(DEMO_CONFIG_PATH)).toEqual([]);
  });
});

describe('a valid config', () => {
  const result = parseBusinessConfig(BASE);
  if (!result.ok) throw new Error(`base config should be valid:\n${result.problems.map(formatProblem).join('\n')}`);
  const business = result.business;

  it('keeps a range that runs past midnight', () => {
    expect(business.hours.fri).toEqual([{ from: '18:00', to: '02:00' }]);
    expect(business.staff[1]?.hours).toEqual({ fri: [{ from: '20:00', to: '01:00' }] });
  });

  it('keeps several ranges a day, and leaves unlisted days closed', () => {
    expect(business.hours.wed).toEqual([
      { from: '09:00', to: '12:00' },
      { from: '13:00', to: '17:00' },
    ]);
    expect(business.hours.mon).toBeUndefined();
  });

  it('reads a closure for part of a day', () => {
    expect(business.closures[1]).toEqual({ date: '2026-12-31', name: "New Year's Eve", from: '12:00', to: '24:00' });
  });

  it('expands services: all to every service id', () => {
    expect(business.staff[0]?.services).toEqual(['cut', 'shave']);
    expect(business.staff[0]?.aliases).toEqual([]);
  });

  it('speaks English unless the business says otherwise, and refuses a language it does not speak', () => {
    expect(business.language).toBe('en');
    const english = parseBusinessConfig(edit('zone: America/Chicago', 'zone: America/Chicago\n  language: en'));
    expect(english.ok && english.business.language).toBe('en');
    const klingon = parseBusinessConfig(edit('zone: America/Chicago', 'zone: America/Chicago\n  language: tlh'));
    expect(klingon.ok).toBe(false);
    expect(klingon.ok ? [] : klingon.problems.map((p) => `${p.path}: ${p.message}`)).toEqual(["business.language: expected a language Frontdesk speaks (en, es), got 'tlh'"]);
  });

  it('defaults the currency to USD and missing lists to empty', () => {
    expect(business.currency).toBe('USD');
    expect(business.services[1]?.aliases).toEqual([]);
  });

  it('does not let one client hold overlapping appointments unless allow_overlapping_bookings says so', () => {
    expect(business.policy.allowOverlappingBookings).toBe(false);
    const allowed = parseBusinessConfig(edit('  late_cancel_hours: 12\n', '  late_cancel_hours: 12\n  allow_overlapping_bookings: true\n'));
    expect(allowed.ok && allowed.business.policy.allowOverlappingBookings).toBe(true);
    const refused = parseBusinessConfig(edit('  late_cancel_hours: 12\n', '  late_cancel_hours: 12\n  allow_overlapping_bookings: false\n'));
    expect(refused.ok && refused.business.policy.allowOverlappingBookings).toBe(false);
  });

  it('reads an empty price as "ask us"', () => {
    const r = parseBusinessConfig(edit('    price: 15\n', '    price:\n'));
    expect(r.ok && r.business.services[1]?.price).toBeNull();
  });

  it('accepts one range written without a list, and a range with an en dash', () => {
    const r = parseBusinessConfig(edit('  tue: ["09:00-17:00"]', '  tue: "9:00 – 17:00"'));
    expect(r.ok && r.business.hours.tue).toEqual([{ from: '09:00', to: '17:00' }]);
  });

  it('accepts ranges that touch end to start', () => {
    const r = parseBusinessConfig(edit('"09:00-12:00", "13:00-17:00"', '"09:00-12:00", "12:00-17:00"'));
    expect(r.ok).toBe(true);
  });

  it('follows YAML anchors, so one day can reuse another', () => {
    const r = parseBusinessConfig(edit('  tue: ["09:00-17:00"]\n', '  tue: &day ["09:00-17:00"]\n  thu: *day\n'));
    expect(r.ok && r.business.hours.thu).toEqual([{ from: '09:00', to: '17:00' }]);
  });

  it('lists exactly the FAQ placeholders the answers may use', () => {
    expect([...FAQ_PLACEHOLDERS].sort()).toEqual(
      ['address', 'closures', 'hours', 'late_cancel_hours', 'next_opening', 'name', 'phone', 'prices', 'services', 'today', 'website'].sort(),
    );
  });
});

describe('a broken config', () => {
  it.each<[string, string, string, string[]]>([
    ['minutes that are not a number', '    minutes: 30\n', "    minutes: '30m'\n", [
      "services[0].minutes: expected a whole number of minutes, got '30m' (line 19)",
    ]],
    ['minutes with a fraction', '    minutes: 30\n', '    minutes: 30.5\n', [
      'services[0].minutes: expected a whole number of minutes, got 30.5 (line 19)',
    ]],
    ['zero minutes', '    minutes: 20\n', '    minutes: 0\n', ['services[1].minutes: must be at least 1 minute, got 0 (line 24)']],
    ['negative minutes', '    minutes: 20\n', '    minutes: -20\n', ['services[1].minutes: must be at least 1 minute, got -20 (line 24)']],
    ['a negative price', '    price: 25\n', '    price: -5\n', ['services[0].price: must be at least 0, got -5 (line 20)']],
    ['a price with a currency sign', '    price: 25\n', "    price: '$25'\n", [
      `services[0].price: expected a price (a number; 0 for free, empty for "ask us"), got '$25' (line 20)`,
    ]],
    ['a missing price', '    price: 25\n', '', [
      'services[0].price: missing: expected a price (a number; 0 for free, empty for "ask us") (line 17)',
    ]],
    ['a service id with spaces', '  - id: shave\n', '  - id: hot shave\n', [
      "services[1].id: expected an id of lowercase letters, digits and hyphens (like beard-trim), got 'hot shave' (line 22)",
      "staff[1].services[0]: unknown service 'shave'; known: cut (line 33)",
    ]],
    ['an unknown time zone', 'zone: America/Chicago', 'zone: America/Chicgo', [
      "business.zone: unknown time zone 'America/Chicgo'; did you mean 'America/Chicago'? (line 3)",
    ]],
    ['a zone that is nothing like one', 'zone: America/Chicago', 'zone: Central', [
      "business.zone: unknown time zone 'Central'; use an IANA name like America/New_York (line 3)",
    ]],
    ['February 30th', 'date: 2026-12-25', 'date: 2026-02-30', ["closures[0].date: '2026-02-30' is not a real date (line 12)"]],
    ['a thirteenth month', 'date: 2026-12-24', 'date: 2026-13-01', ["special_hours[0].date: '2026-13-01' is not a real date (line 15)"]],
    ['a date in words', 'date: 2026-12-25', 'date: Dec 25', [
      "closures[0].date: expected a date like 2026-11-26, got 'Dec 25' (line 12)",
    ]],
    ['an hour past 23', '["09:00-17:00"]', '["09:00-25:00"]', [
      "hours.tue[0]: '25:00' is not a time of day (00:00 to 24:00) in '09:00-25:00' (line 8)",
    ]],
    ['a range that is not a range', '["09:00-17:00"]', '["9 to 5"]', [
      "hours.tue[0]: expected a time range like '09:00-17:00', got '9 to 5' (line 8)",
    ]],
    ['a range whose ends are equal', '["09:00-17:00"]', '["09:00-09:00"]', [
      "hours.tue[0]: '09:00-09:00' starts and ends at the same time (line 8)",
    ]],
    ['ranges on one day that overlap', '"13:00-17:00"]', '"11:30-17:00"]', [
      "hours.wed[1]: '11:30-17:00' overlaps '09:00-12:00' (line 9)",
    ]],
    ['overlapping special hours', '["09:00-13:00"]', '["09:00-13:00", "12:00-14:00"]', [
      "special_hours[0].hours[1]: '12:00-14:00' overlaps '09:00-13:00' (line 15)",
    ]],
    ['a late-night range overlapping the next morning', '  fri: ["18:00-02:00"]', '  fri: ["18:00-02:00"]\n  sat: ["01:00-03:00"]', [
      "hours.sat[0]: '01:00-03:00' overlaps fri's '18:00-02:00' (line 11)",
    ]],
    ['Sunday night running into Monday morning', '  fri: ["18:00-02:00"]', '  fri: ["18:00-02:00"]\n  sun: ["20:00-01:30"]\n  mon: "01:00-04:00"', [
      "hours.sun[0]: '20:00-01:30' overlaps mon's '01:00-04:00' (line 11)",
    ]],
    ['a closure with from but no to', ', from: "12:00", to: "24:00" }', ', from: "12:00" }', [
      'closures[1]: give both from and to for part of a day, or neither for the whole day (line 13)',
    ]],
    ['a closure that ends before it starts', 'from: "12:00", to: "24:00"', 'from: "12:00", to: "11:00"', [
      'closures[1].to: must be later than from (12:00) (line 13)',
    ]],
    ['a duplicate service id', '  - id: shave\n', '  - id: cut\n', [
      "services[1].id: duplicate id 'cut' (also services[0]) (line 22)",
      "staff[1].services[0]: unknown service 'shave'; known: cut (line 33)",
    ]],
    ['a duplicate staff id', '  - id: kim\n', '  - id: sam\n', ["staff[1].id: duplicate id 'sam' (also staff[0]) (line 31)"]],
    ['duplicate special hours for one date', '  - { date: 2026-12-24, name: Christmas Eve, hours: ["09:00-13:00"] }\n',
      '  - { date: 2026-12-24, name: Christmas Eve, hours: ["09:00-13:00"] }\n  - { date: 2026-12-24, name: Eve, hours: [] }\n', [
        "special_hours[1].date: duplicate special hours for '2026-12-24' (also special_hours[0]) (line 16)",
      ]],
    ['a staff member naming an unknown service', 'services: [shave]', 'services: [shave, shaves]', [
      "staff[1].services[1]: unknown service 'shaves'; did you mean 'shave'? (line 33)",
    ]],
    ['a staff member naming a service nobody knows', 'services: [shave]', 'services: [shave, perm]', [
      "staff[1].services[1]: unknown service 'perm'; known: cut, shave (line 33)",
    ]],
    ['a staff member with no services', 'services: [shave]', 'services: []', [
      'staff[1].services: lists no services; name at least one service id, or write all (line 33)',
    ]],
    ['a malformed id inside a staff services list', 'services: [shave]', 'services: [shave, Hot Shave]', [
      "staff[1].services[1]: expected an id of lowercase letters, digits and hyphens (like beard-trim), got 'Hot Shave' (line 33)",
    ]],
    ['a staff services value that is neither a list nor all', 'services: all', 'services: everything', [
      "staff[0].services: expected a list of service ids or the word all, got 'everything' (line 29)",
    ]],
    ['an unknown weekday in days', 'days: [tue, wed]', 'days: [tue, weds]', [
      "staff[0].days[1]: unknown weekday 'weds'; did you mean 'wed'? (line 30)",
    ]],
    ['both days and hours', '    days: [tue, wed]\n', '    days: [tue, wed]\n    hours: { tue: ["09:00-12:00"] }\n', [
      'staff[0].hours: give either days or hours, not both (line 31)',
    ]],
    ['neither days nor hours', '    days: [tue, wed]\n', '', [
      'staff[0]: missing: give days (like [tue, wed]) or hours (a weekly map like the business hours) (line 27)',
    ]],
    ['an FAQ placeholder for a service that does not exist', '{price:cut}', '{price:perm}', [
      'faqs[0].answer: unknown value {price:perm}; known: {name}, {address}, {phone}, {website}, {hours}, {today}, ' +
        '{prices}, {services}, {late_cancel_hours}, {closures}, {next_opening}, {price:cut}, {price:shave}, {duration:cut}, {duration:shave} (line 40)',
    ]],
    ['an FAQ placeholder that is not known', 'All: {prices}', 'All: {menu}', [
      'faqs[0].answer: unknown value {menu}; known: {name}, {address}, {phone}, {website}, {hours}, {today}, ' +
        '{prices}, {services}, {late_cancel_hours}, {closures}, {next_opening}, {price:cut}, {price:shave}, {duration:cut}, {duration:shave} (line 40)',
    ]],
    ['a duplicate FAQ id', '    answer: "Cut {price:cut}. All: {prices}"\n',
      '    answer: "Cut {price:cut}. All: {prices}"\n  - id: prices\n    questions: [price list]\n    answer: "{prices}"\n', [
        "faqs[1].id: duplicate id 'prices' (also faqs[0]) (line 41)",
      ]],
    ['an FAQ with no questions', '    questions: [how much]\n', '', ['faqs[0].questions: missing: expected a list of questions (line 37)']],
    ['a horizon of zero days', 'horizon_days: 30', 'horizon_days: 0', ['policies.horizon_days: must be at least 1 day, got 0 (line 43)']],
    ['a slot step of hours', 'slot_step_minutes: 15', 'slot_step_minutes: 500', [
      'policies.slot_step_minutes: must be at most 240 minutes, got 500 (line 44)',
    ]],
    ['a negative notice', 'min_notice_minutes: 60', 'min_notice_minutes: -1', [
      'policies.min_notice_minutes: must be at least 0 minutes, got -1 (line 42)',
    ]],
    ['a late-cancel window in words', 'late_cancel_hours: 12', 'late_cancel_hours: a day', [
      "policies.late_cancel_hours: expected a number of hours, got 'a day' (line 45)",
    ]],
    ['a missing policy', '  horizon_days: 30\n', '', ['policies.horizon_days: missing: expected a whole number of days (line 41)']],
    ['an overlap policy in words', '  late_cancel_hours: 12\n', '  late_cancel_hours: 12\n  allow_overlapping_bookings: sometimes\n', [
      "policies.allow_overlapping_bookings: expected true or false, got 'sometimes' (line 46)",
    ]],
    ['a misspelt overlap policy', '  late_cancel_hours: 12\n', '  late_cancel_hours: 12\n  allow_overlaping_bookings: true\n', [
      "policies.allow_overlaping_bookings: unknown key; did you mean 'allow_overlapping_bookings'? (line 46)",
    ]],
    ['an empty minutes value', '    minutes: 20\n', '    minutes:\n', [
      'services[1].minutes: expected a whole number of minutes, got an empty value (line 24)',
    ]],
    ['a list where a map belongs', '  tue: ["09:00-17:00"]\n  wed: ["09:00-12:00", "13:00-17:00"]\n  fri: ["18:00-02:00"]\n', '  - "09:00-17:00"\n', [
      'hours: expected a map of weekdays (mon..sun) to time ranges, got a list (line 8)',
    ]],
  ])('reports %s', (_name, from, to, expected) => {
    expect(problemsOf(edit(from, to))).toEqual(expected);
  });

  it('reports a service that no staff member performs', () => {
    const text = edit('services: all', 'services: [cut]').replace('services: [shave]', 'services: [cut]');
    expect(problemsOf(text)).toEqual(["services[1].id: no staff member performs 'shave'; add it to someone's services (line 22)"]);
  });

  it.each<[string, string, string, string]>([
    ['a misspelt weekday', '  tue: ["09:00-17:00"]', '  tues: ["09:00-17:00"]', "hours.tues: unknown key; did you mean 'tue'? (line 8)"],
    ['a weekday written in full', '  wed: ["09:00-12:00"', '  wednesday: ["09:00-12:00"', "hours.wednesday: unknown key; did you mean 'wed'? (line 9)"],
    ['a misspelt section', 'special_hours:', 'specal_hours:', "specal_hours: unknown key; did you mean 'special_hours'? (line 14)"],
    ['a singular for a plural key', 'policies:', 'policy:', "policy: unknown key; did you mean 'policies'? (line 41)"],
    ['a misspelt service field', '    minutes: 30\n', '    minutes: 30\n    alias: [trim]\n', "services[0].alias: unknown key; did you mean 'aliases'? (line 20)"],
    ['a key with nothing close', '  website: https://corner.example\n', '  website: https://corner.example\n  instagram: cornerbarbers\n',
      'business.instagram: unknown key (line 7)'],
  ])('reports an unknown key: %s', (_name, from, to, expected) => {
    expect(problemsOf(edit(from, to))).toContain(expected);
  });

  it('says a section that was renamed is both unknown and missing', () => {
    expect(problemsOf(edit('policies:', 'policy:'))).toEqual([
      'policies: missing: expected the booking policies',
      "policy: unknown key; did you mean 'policies'? (line 41)",
    ]);
  });

  it('reports every problem at once, in file order', () => {
    const text = edit('zone: America/Chicago', 'zone: Mars/Olympus')
      .replace('    minutes: 30\n', "    minutes: '30m'\n")
      .replace('days: [tue, wed]', 'days: [tue, wed, funday]')
      .replace('{price:cut}', '{price:perm}')
      .replace('horizon_days: 30', 'horizon_days: -3');
    const problems = problemsOf(text);
    expect(problems).toHaveLength(5);
    expect(problems.map((p) => /^[^:]+/.exec(p)?.[0])).toEqual([
      'business.zone',
      'services[0].minutes',
      'staff[0].days[2]',
      'faqs[0].answer',
      'policies.horizon_days',
    ]);
    expect(problems.map((p) => Number(/\(line (\d+)\)$/.exec(p)?.[1]))).toEqual([3, 19, 30, 40, 43]);
  });

  it.each<[string, string, string]>([
    ['an unclosed list', 'business:\n  name: [Corner\nhours: {}\n', 'YAML syntax error: '],
    ['a duplicate key', 'business:\n  name: A\n  name: B\n', 'YAML syntax error: Map keys must be unique (line 3)'],
    ['a tab for indentation', 'business:\n\tname: A\n', 'YAML syntax error: '],
  ])('reports a YAML syntax error: %s', (_name, text, expected) => {
    const result = parseBusinessConfig(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const lines = result.problems.map(formatProblem);
    expect(lines[0]?.startsWith(expected)).toBe(true);
    for (const p of result.problems) {
      expect(p.path).toBe('');
      expect(p.line).toEqual(expect.any(Number));
    }
  });

  it('points a syntax error at its line', () => {
    const result = parseBusinessConfig(edit('    minutes: 20\n', '    minutes: [20\n'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.line).toBeGreaterThanOrEqual(24);
  });

  it('says an empty file is empty', () => {
    expect(problemsOf('')).toEqual(['the file is empty; start from the demo business file']);
    expect(problemsOf('# only a comment\n')).toEqual(['the file is empty; start from the demo business file']);
  });

  it('says a file that is a list is not a config', () => {
    expect(problemsOf('- a\n- b\n')).toEqual([
      'expected a map with business, hours, services, staff, faqs and policies, got a list (line 1)',
    ]);
  });
});

describe('config files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-config-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads the demo business when no file is given', () => {
    expect(loadBusinessConfig(null).name).toBe('Maple Street Salon');
    expect(loadBusinessConfig(undefined).name).toBe('Maple Street Salon');
  });

  it('loads a given file', () => {
    const file = path.join(dir, 'corner.yaml');
    writeFileSync(file, BASE);
    expect(loadBusinessConfig(file).name).toBe('Corner Barbers');
    expect(checkConfigFile(file)).toEqual([]);
  });

  it('throws a ConfigError listing every problem for an invalid file', () => {
    const file = path.join(dir, 'broken.yaml');
    writeFileSync(file, edit('    minutes: 30\n', "    minutes: '30m'\n").replace('horizon_days: 30', 'horizon_days: 0'));
    let caught: unknown;
    try {
      loadBusinessConfig(file);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const err = caught as ConfigError;
    expect(err.code).toBe('frontdesk_config_invalid');
    expect(err.problems.map(formatProblem)).toEqual([
      "services[0].minutes: expected a whole number of minutes, got '30m' (line 19)",
      'policies.horizon_days: must be at least 1 day, got 0 (line 43)',
    ]);
    expect(err.message).toContain(file);
    expect(err.message).toContain("services[0].minutes: expected a whole number of minutes, got '30m' (line 19)");
    expect(checkConfigFile(file)).toEqual(err.problems);
  });

  it('names a missing file clearly', () => {
    const file = path.join(dir, 'nope.yaml');
    expect(() => loadBusinessConfig(file)).toThrow(`config file not found: ${file}`);
    expect(() => loadBusinessConfig(file)).toThrow(expect.objectContaining({ code: 'frontdesk_config_not_found' }));
    expect(checkConfigFile(file).map(formatProblem)).toEqual([`config file not found: ${file}`]);
  });

  it('reports a YAML syntax error in a file with its line', () => {
    const file = path.join(dir, 'syntax.yaml');
    writeFileSync(file, 'business:\n  name: A\n  name: B\n');
    expect(checkConfigFile(file).map(formatProblem)).toEqual(['YAML syntax error: Map keys must be unique (line 3)']);
  });
});

describe('formatProblem', () => {
  it.each([
    [{ path: 'services[2].minutes', message: "expected a whole number of minutes, got '30m'", line: 41 },
      "services[2].minutes: expected a whole number of minutes, got '30m' (line 41)"],
    [{ path: 'policies', message: 'missing: expected the booking policies', line: null }, 'policies: missing: expected the booking policies'],
    [{ path: '', message: 'YAML syntax error: Map keys must be unique', line: 3 }, 'YAML syntax error: Map keys must be unique (line 3)'],
  ])('formats %j', (problem, expected) => {
    expect(formatProblem(problem)).toBe(expected);
  });
});
