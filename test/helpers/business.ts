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

const THANKSGIVING_ES = { es: { name: 'Día de Acción de Gracias' } };
const CHRISTMAS_ES = { es: { name: 'Navidad' } };

export function demoBusiness(): Business {
  return {
    name: 'Maple Street Salon',
    zone: 'America/New_York',
    address: '214 Maple Street, Springfield, NJ 07081',
    phone: '+1 973-555-0142',
    website: 'https://maplestreetsalon.example',
    currency: 'USD',
    language: 'en',
    languages: ['en', 'es'],
    hours: hoursOnDays(DEMO_HOURS, ['tue', 'wed', 'thu', 'fri', 'sat']),
    closures: [
      { date: '2026-11-26', name: 'Thanksgiving', translations: THANKSGIVING_ES },
      { date: '2026-12-25', name: 'Christmas', translations: CHRISTMAS_ES },
      { date: '2027-11-25', name: 'Thanksgiving', translations: THANKSGIVING_ES },
      { date: '2027-12-25', name: 'Christmas', translations: CHRISTMAS_ES },
    ],
    specialHours: [
      { date: '2026-12-24', name: 'Christmas Eve', hours: [r('09:00', '14:00')], translations: { es: { name: 'Nochebuena' } } },
      { date: '2027-12-24', name: 'Christmas Eve', hours: [r('09:00', '14:00')], translations: { es: { name: 'Nochebuena' } } },
    ],
    services: [
      {
        id: 'haircut',
        name: 'Haircut',
        minutes: 30,
        price: 45,
        aliases: ['cut', 'haircut', 'hair cut', 'trim', 'fade', 'taper', 'buzz', 'buzz cut', 'clipper cut', 'shape up', 'lineup', 'line up', 'bang trim', 'bangs', 'kids cut', 'mens cut', 'womens cut'],
        translations: { es: { name: 'Corte de pelo', aliases: ['corte', 'corte de pelo', 'corte de cabello', 'recorte', 'despunte', 'degradado', 'fade', 'fleco', 'corte de niño'] } },
      },
      {
        id: 'color',
        name: 'Color',
        minutes: 90,
        price: 120,
        aliases: ['color', 'colour', 'coloring', 'colouring', 'dye', 'hair dye', 'highlights', 'highlight', 'lowlights', 'balayage', 'ombre', 'roots', 'root touch up', 'touch up', 'gray coverage', 'grey coverage', 'foils', 'toner', 'tint'],
        translations: { es: { name: 'Tinte', aliases: ['color', 'tinte', 'tintura', 'mechas', 'reflejos', 'rayitos', 'balayage', 'raíces', 'retoque de raíz', 'canas', 'matizador'] } },
      },
      {
        id: 'blowout',
        name: 'Blowout',
        minutes: 45,
        price: 40,
        aliases: ['blowout', 'blow out', 'blow dry', 'blowdry', 'blow-dry', 'styling', 'style', 'blow and style'],
        translations: { es: { name: 'Secado y peinado', aliases: ['secado', 'brushing', 'cepillado', 'peinado', 'planchado'] } },
      },
      {
        id: 'beard-trim',
        name: 'Beard trim',
        minutes: 15,
        price: 20,
        aliases: ['beard trim', 'beard', 'beard cleanup', 'beard clean up', 'beard shape', 'mustache trim', 'moustache trim', 'shave', 'line my beard'],
        translations: { es: { name: 'Arreglo de barba', aliases: ['barba', 'arreglo de barba', 'recorte de barba', 'perfilado de barba', 'bigote', 'afeitado', 'rasurado'] } },
      },
      {
        id: 'consultation',
        name: 'Consultation',
        minutes: 15,
        price: 0,
        aliases: ['consultation', 'consult', 'color consultation', 'talk about options', 'quick chat about my hair'],
        translations: { es: { name: 'Consulta', aliases: ['consulta', 'asesoría', 'consulta de color', 'valoración'] } },
      },
    ],
    staff: [
      {
        id: 'lead',
        name: 'Lead stylist',
        aliases: ['stylist', 'lead', 'lead stylist', 'senior stylist'],
        translations: { es: { name: 'la estilista principal', aliases: ['estilista', 'estilista principal', 'la jefa'] } },
        services: ['haircut', 'color', 'blowout', 'beard-trim', 'consultation'],
        hours: hoursOnDays(DEMO_HOURS, ['tue', 'wed', 'thu', 'fri', 'sat']),
      },
      {
        id: 'barber',
        name: 'Barber',
        aliases: ['barber'],
        translations: { es: { name: 'el barbero', aliases: ['barbero'] } },
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
        translations: {
          es: {
            questions: ['cuál es su horario', 'a qué hora abren', 'están abiertos hoy', 'a qué hora cierran', 'abren el domingo'],
            keywords: ['horario', 'horarios', 'abren', 'abierto', 'abiertos', 'cierran'],
            answer: 'Nuestro horario: {hours}. {today}',
          },
        },
      },
      {
        id: 'location',
        questions: ['where are you located', 'what is your address', 'how do i find you', 'directions to the salon'],
        keywords: ['address', 'located', 'location', 'where', 'directions', 'find'],
        answer: "We're at {address}. Directions and photos of the storefront: {website}",
        translations: {
          es: {
            questions: ['dónde están', 'cuál es la dirección', 'cómo llego al salón'],
            keywords: ['dirección', 'donde', 'ubicación', 'llegar'],
            answer: 'Estamos en {address}. Cómo llegar y fotos de la entrada: {website}',
          },
        },
      },
      {
        id: 'parking',
        questions: ['where can i park', 'is there parking', 'do you have a parking lot', 'is street parking free'],
        keywords: ['park', 'parking', 'lot', 'garage', 'car'],
        answer: "There's free parking in the lot behind the salon (enter from Elm Street), and metered street parking on Maple Street.",
        translations: {
          es: {
            questions: ['dónde me estaciono', 'hay estacionamiento', 'tienen parqueo'],
            keywords: ['estacionamiento', 'estacionar', 'parqueo', 'parquear', 'carro'],
            answer: 'Hay estacionamiento gratis en el lote detrás del salón (entrada por Elm Street) y con parquímetro en Maple Street.',
          },
        },
      },
      {
        id: 'prices',
        questions: ['how much is a haircut', 'what are your prices', 'how much does color cost', 'price list', 'what do you charge'],
        keywords: ['price', 'prices', 'cost', 'costs', 'charge', 'much', 'rates', 'menu'],
        answer: 'Our prices: {prices}.',
        translations: {
          es: {
            questions: ['cuánto cuesta un corte', 'cuáles son sus precios', 'cuánto cobran'],
            keywords: ['precio', 'precios', 'cuesta', 'cuestan', 'cobran', 'cuánto'],
            answer: 'Nuestros precios: {prices}.',
          },
        },
      },
      {
        id: 'payment',
        questions: ['what payment do you take', 'do you take credit cards', 'can i pay with apple pay', 'do you accept cash', 'can i tip on card'],
        keywords: ['pay', 'payment', 'card', 'cards', 'cash', 'venmo', 'apple pay', 'tip', 'credit', 'debit'],
        answer: 'We take cash, all major credit and debit cards, Apple Pay and Google Pay. Tips can go on the card.',
        translations: {
          es: {
            questions: ['cómo puedo pagar', 'aceptan tarjeta', 'aceptan efectivo'],
            keywords: ['pagar', 'pago', 'tarjeta', 'tarjetas', 'efectivo', 'propina'],
            answer: 'Aceptamos efectivo, tarjetas de crédito y débito, Apple Pay y Google Pay. La propina la puedes dejar en la tarjeta.',
          },
        },
      },
      {
        id: 'cancellation-policy',
        questions: ['what is your cancellation policy', 'is there a fee if i cancel', 'do you charge for no shows', 'how late can i cancel'],
        keywords: ['policy', 'fee', 'no show', 'no-show', 'late cancel', 'cancellation'],
        answer: 'Please cancel or move an appointment at least {late_cancel_hours} hours ahead. Cancelling later than that may carry a fee of half the service price, and a no-show is charged in full.',
        translations: {
          es: {
            questions: ['cuál es su política de cancelación', 'cobran si cancelo'],
            keywords: ['política', 'cargo', 'cancelación', 'multa'],
            answer: 'Si necesitas cancelar o cambiar tu cita, avísanos con al menos {late_cancel_hours} horas. Si cancelas después, puede haber un cargo de la mitad del precio, y si no vienes se cobra completo.',
          },
        },
      },
      {
        id: 'walk-ins',
        questions: ['do you take walk ins', 'can i just walk in', 'do i need an appointment'],
        keywords: ['walk in', 'walk-in', 'walk-ins', 'walkins', 'appointment needed'],
        answer: "Walk-ins are welcome when a chair is free, but appointments come first. Text me a day and time and I'll book you so you don't wait.",
        translations: {
          es: {
            questions: ['puedo ir sin cita', 'necesito cita', 'atienden sin cita'],
            keywords: ['sin cita', 'necesito cita'],
            answer: 'Puedes venir sin cita si hay una silla libre, pero las citas van primero. Mándame un día y una hora y te reservo para que no esperes.',
          },
        },
      },
      {
        id: 'gift-cards',
        questions: ['do you sell gift cards', 'can i buy a gift certificate', 'gift card for my mom'],
        keywords: ['gift', 'gift card', 'gift cards', 'gift certificate', 'voucher'],
        answer: "Yes! Gift cards come in any amount from $25, at the front desk or on {website}. They never expire.",
        translations: {
          es: {
            questions: ['venden tarjetas de regalo', 'tienen certificados de regalo'],
            keywords: ['regalo', 'tarjeta de regalo', 'certificado'],
            answer: '¡Sí! Tenemos tarjetas de regalo desde $25, en la recepción o en {website}. No vencen nunca.',
          },
        },
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
