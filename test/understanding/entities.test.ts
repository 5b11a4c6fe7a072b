import { loadBusinessConfig } from '../../bot/config/business-config';
import type { Business } from '../../bot/domain/types';
import { findService, findStaff } from '../../bot/understanding/entities';

const salon = loadBusinessConfig();

// A second, unrelated business: nothing in the matchers may depend on the salon's ids or words.
const dentist: Business = {
  ...salon,
  name: 'Harbor Dental',
  services: [
    { id: 'cleaning', name: 'Cleaning', minutes: 45, price: 95, aliases: ['teeth cleaning', 'hygiene visit', 'checkup'] },
    { id: 'whitening', name: 'Whitening', minutes: 60, price: 250, aliases: ['teeth whitening', 'bleaching'] },
    { id: 'filling', name: 'Filling', minutes: 30, price: 150, aliases: ['cavity', 'tooth filling'] },
  ],
  staff: [
    { id: 'dr-okafor', name: 'Dr. Okafor', aliases: ['okafor', 'the dentist'], services: ['filling'], hours: {} },
    { id: 'maya', name: 'Maya', aliases: ['hygienist', 'the hygienist'], services: ['cleaning', 'whitening'], hours: {} },
  ],
  faqs: [
    {
      id: 'insurance',
      questions: ['do you take my insurance', 'are you in network with delta', 'which insurance plans do you accept'],
      keywords: ['insurance', 'in network', 'coverage', 'dental plan'],
      answer: 'We take most plans.',
    },
    {
      id: 'emergencies',
      questions: ['do you see emergencies', 'i have a toothache what do i do', 'my tooth broke'],
      keywords: ['emergency', 'toothache', 'pain', 'broken tooth'],
      answer: 'Call us right away.',
    },
    {
      id: 'kids',
      questions: ['do you see children', 'what age can kids start coming'],
      keywords: ['kids', 'children', 'child', 'pediatric'],
      answer: 'From age 3.',
    },
  ],
};

describe('finding the service a message names', () => {
  const table: Array<[string, string | null]> = [
    ['can I get a haircut', 'haircut'],
    ['Hair cut friday', 'haircut'],
    ['hair-cut please', 'haircut'],
    ['two haircuts for my boys', 'haircut'],
    ['just a trim', 'haircut'],
    ['need a fade', 'haircut'],
    ['shape up and a beard trim', 'haircut'],
    ['beard trim and a cut', 'beard-trim'],
    ["my husband's beard needs a cleanup", 'beard-trim'],
    ['beard clean up', 'beard-trim'],
    ['highlights', 'color'],
    ['Balayage next week', 'color'],
    ['balayge next week', 'color'],
    ['hilights on tuesday', 'color'],
    ['my roots are showing', 'color'],
    ['root touch up', 'color'],
    ['colour', 'color'],
    ['grey coverage', 'color'],
    ['blow dry', 'blowout'],
    ['blowdry', 'blowout'],
    ['blow-dry for a wedding', 'blowout'],
    ['a blowout', 'blowout'],
    ['can you style my hair', 'blowout'],
    ['a color consultation', 'consultation'],
    ['consult first', 'consultation'],
    ['my lifestyle is busy', null],
    ['can you share the address', null],
    ['what shape is the parking lot', null],
    ['a cute place', null],
    ['the lead stylist', null],
    ['', null],
    ['🙂', null],
  ];

  it.each(table)('reads %j as %j', (text, service) => {
    expect(findService(text, salon)).toBe(service);
  });

  it("reads another business's services from its own names and aliases", () => {
    expect(findService('teeth cleaning next tuesday', dentist)).toBe('cleaning');
    expect(findService('I think I have a cavity', dentist)).toBe('filling');
    expect(findService('whitning', dentist)).toBe('whitening');
    expect(findService('a haircut', dentist)).toBeNull();
  });
});

describe('finding the staff member a message names', () => {
  const table: Array<[string, string | null]> = [
    ['with the barber', 'barber'],
    ['Barber on saturday', 'barber'],
    ['can the lead stylist do it', 'lead'],
    ['with my stylist', 'lead'],
    ['haircut at 3', null],
    ['', null],
  ];

  it.each(table)('reads %j as %j', (text, staff) => {
    expect(findStaff(text, salon)).toBe(staff);
  });

  it('reads staff names with punctuation in them', () => {
    expect(findStaff('is Dr. Okafor in on monday', dentist)).toBe('dr-okafor');
    expect(findStaff('with the hygienist', dentist)).toBe('maya');
  });
});
