import { loadBusinessConfig } from '../../bot/config/business-config';
import { findService, findStaff } from '../../bot/understanding/entities';
import { dentalPractice } from '../helpers/dental-practice';

const salon = loadBusinessConfig();

// A second, unrelated business: nothing in the matchers may depend on the salon's ids or words.
const dentist = dentalPractice(salon);

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
