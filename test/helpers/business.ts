// Maple Street Salon, built by hand to match bot/config/demo-business.yaml, so domain tests do not
// depend on the config loader. Staff `days` in the YAML mean "the business's hours on those days".
import type { Business, ClockRange, Weekday, WeeklyHours } from '../../bot/domain/types';

const r = (from: string, to: string): ClockRange => ({ from, to });

export const DEMO_HOURS: WeeklyHours = {
  tue: [r('09:00', '19:00')],
  wed: [r('09:00', '19:00')],
  thu: [r('09:00', '19:00')],
  fri: [r('09:00', '19:00')],
  sat: [r('09:00', '17:00')],
};

/** The business's weekly hours restricted to the given days. */
export function hoursOnDays(hours: WeeklyHours, days: readonly Weekday[]): WeeklyHours {
  const out: WeeklyHours = {};
  for (const day of days) {
    const ranges = hours[day];
    if (ranges) out[day] = ranges.map((x) => ({ ...x }));
  }
  return out;
}

export function demoBusiness(): Business {
  return {
    name: 'Maple Street Salon',
    zone: 'America/New_York',
    address: '214 Maple Street, Springfield, NJ 07081',
    phone: '+1 973-555-0142',
    website: 'https://maplestreetsalon.example',
    currency: 'USD',
    hours: hoursOnDays(DEMO_HOURS, ['tue', 'wed', 'thu', 'fri', 'sat']),
    closures: [
      { date: '2026-11-26', name: 'Thanksgiving' },
      { date: '2026-12-25', name: 'Christmas' },
      { date: '2027-11-25', name: 'Thanksgiving' },
      { date: '2027-12-25', name: 'Christmas' },
    ],
    specialHours: [
      { date: '2026-12-24', name: 'Christmas Eve', hours: [r('09:00', '14:00')] },
      { date: '2027-12-24', name: 'Christmas Eve', hours: [r('09:00', '14:00')] },
    ],
    services: [
      {
        id: 'haircut',
        name: 'Haircut',
        minutes: 30,
        price: 45,
        aliases: ['cut', 'haircut', 'hair cut', 'trim', 'fade', 'taper', 'buzz', 'buzz cut', 'clipper cut', 'shape up', 'lineup', 'line up', 'bang trim', 'bangs', 'kids cut', 'mens cut', 'womens cut'],
      },
      {
        id: 'color',
        name: 'Color',
        minutes: 90,
        price: 120,
        aliases: ['color', 'colour', 'coloring', 'colouring', 'dye', 'hair dye', 'highlights', 'highlight', 'lowlights', 'balayage', 'ombre', 'roots', 'root touch up', 'touch up', 'gray coverage', 'grey coverage', 'foils', 'toner', 'tint'],
      },
      {
        id: 'blowout',
        name: 'Blowout',
        minutes: 45,
        price: 40,
        aliases: ['blowout', 'blow out', 'blow dry', 'blowdry', 'blow-dry', 'styling', 'style', 'blow and style'],
      },
      {
        id: 'beard-trim',
        name: 'Beard trim',
        minutes: 15,
        price: 20,
        aliases: ['beard trim', 'beard', 'beard cleanup', 'beard clean up', 'beard shape', 'mustache trim', 'moustache trim', 'shave', 'line my beard'],
      },
      {
        id: 'consultation',
        name: 'Consultation',
        minutes: 15,
        price: 0,
        aliases: ['consultation', 'consult', 'color consultation', 'talk about options', 'quick chat about my hair'],
      },
    ],
    staff: [
      {
        id: 'lead',
        name: 'Lead stylist',
        aliases: ['stylist', 'lead', 'lead stylist', 'senior stylist'],
        services: ['haircut', 'color', 'blowout', 'beard-trim', 'consultation'],
        hours: hoursOnDays(DEMO_HOURS, ['tue', 'wed', 'thu', 'fri', 'sat']),
      },
      {
        id: 'barber',
        name: 'Barber',
        aliases: ['barber'],
        services: ['haircut', 'blowout', 'beard-trim'],
        hours: hoursOnDays(DEMO_HOURS, ['wed', 'thu', 'fri', 'sat']),
      },
    ],
    faqs: [
      {
        id: 'hours',
        questions: ['what are your hours', 'when are you open', 'are you open today', 'what time do you close', 'what time do you open tomorrow', 'are you open on sunday'],
        keywords: ['hours', 'open', 'close', 'closing', 'opening'],
        answer: 'Our hours: {hours}. {today}',
      },
      {
        id: 'location',
        questions: ['where are you located', 'what is your address', 'how do i find you', 'directions to the salon'],
        keywords: ['address', 'located', 'location', 'where', 'directions', 'find'],
        answer: "We're at {address}. Directions and photos of the storefront: {website}",
      },
      {
        id: 'parking',
        questions: ['where can i park', 'is there parking', 'do you have a parking lot', 'is street parking free'],
        keywords: ['park', 'parking', 'lot', 'garage', 'car'],
        answer: "There's free parking in the lot behind the salon (enter from Elm Street), and metered street parking on Maple Street.",
      },
      {
        id: 'prices',
        questions: ['how much is a haircut', 'what are your prices', 'how much does color cost', 'price list', 'what do you charge'],
        keywords: ['price', 'prices', 'cost', 'costs', 'charge', 'much', 'rates', 'menu'],
        answer: 'Our prices: {prices}.',
      },
      {
        id: 'payment',
        questions: ['what payment do you take', 'do you take credit cards', 'can i pay with apple pay', 'do you accept cash', 'can i tip on card'],
        keywords: ['pay', 'payment', 'card', 'cards', 'cash', 'venmo', 'apple pay', 'tip', 'credit', 'debit'],
        answer: 'We take cash, all major credit and debit cards, Apple Pay and Google Pay. Tips can go on the card.',
      },
      {
        id: 'cancellation-policy',
        questions: ['what is your cancellation policy', 'is there a fee if i cancel', 'do you charge for no shows', 'how late can i cancel'],
        keywords: ['policy', 'fee', 'no show', 'no-show', 'late cancel', 'cancellation'],
        answer: 'Please cancel or move an appointment at least {late_cancel_hours} hours ahead. Cancelling later than that may carry a fee of half the service price, and a no-show is charged in full.',
      },
      {
        id: 'walk-ins',
        questions: ['do you take walk ins', 'can i just walk in', 'do i need an appointment'],
        keywords: ['walk in', 'walk-in', 'walk-ins', 'walkins', 'appointment needed'],
        answer: "Walk-ins are welcome when a chair is free, but appointments come first. Text me a day and time and I'll book you so you don't wait.",
      },
      {
        id: 'gift-cards',
        questions: ['do you sell gift cards', 'can i buy a gift certificate', 'gift card for my mom'],
        keywords: ['gift', 'gift card', 'gift cards', 'gift certificate', 'voucher'],
        answer: "Yes! Gift cards come in any amount from $25, at the front desk or on {website}. They never expire.",
      },
    ],
    policy: { minNoticeMinutes: 120, horizonDays: 60, slotStepMinutes: 15, lateCancelHours: 24 },
  };
}

/**
 * A one-chair business on the demo's services, for hours the demo does not have (night hours,
 * split shifts, other zones). Its single staff member `solo` works all open hours and does everything.
 */
export function oneChairBusiness(zone: string, hours: WeeklyHours, changes: Partial<Business> = {}): Business {
  const demo = demoBusiness();
  return {
    ...demo,
    name: 'One Chair',
    zone,
    hours,
    closures: [],
    specialHours: [],
    staff: [{ id: 'solo', name: 'Owner', aliases: [], services: demo.services.map((s) => s.id), hours }],
    policy: { minNoticeMinutes: 0, horizonDays: 400, slotStepMinutes: 15, lateCancelHours: 24 },
    ...changes,
  };
}
