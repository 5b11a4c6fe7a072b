// A business that reads Spanish: the same dialogs, fed by the Spanish reader and speaking through
// the Spanish catalogue; every step understands what a Spanish-writing client sends and answers in
// Spanish, with the business's own words (service and staff names) in Spanish.
import { loadBusinessConfig } from '../../bot/config/business-config';
import { createHarness, type Harness } from '../helpers/frontdesk-harness';

// Tuesday 2026-03-10, 10:00 in New York (EDT since Sunday's change).
const TUESDAY_10AM = '2026-03-10T10:00';

describe('a conversation written in Spanish', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness(TUESDAY_10AM, { ...loadBusinessConfig(), language: 'es' });
  });
  afterEach(async () => {
    await h.close();
  });

  it('books, from the request through the name and the read-back to the yes', async () => {
    const ana = h.client('ana');
    const first = await ana.say('¿me pueden hacer un corte el jueves a las 3?');
    expect(first.join('\n')).toMatch(/¿A nombre de quién pongo la cita\?/);
    const second = await ana.say('me llamo Ana Pérez');
    expect(second).toContain('¡Gracias, Ana Pérez!');
    expect(second[second.length - 1]).toMatch(/^Corte de pelo con alguien de nuestro equipo, el jueves 12 de marzo a las 3:00 p\. m\. ¿Te lo reservo\?/);
    const done = await ana.say('sí, perfecto');
    expect(done[0]).toMatch(/^¡Listo, quedó reservado! Corte de pelo con /);
    const booked = await h.stores.appointments.list({ status: 'booked' });
    expect(booked.map((a) => [a.serviceId, a.start])).toEqual([['haircut', '2026-03-12T19:00:00.000Z']]);
  });

  it('moves to another time after a change of mind at the read-back, then cancels when asked', async () => {
    const luis = h.client('luis');
    const offer = await luis.say('quiero un arreglo de barba mañana x la tarde');
    expect(offer.join('\n')).toMatch(/Para el miércoles 11 de marzo tengo:\n1\) 12:00 p\. m\./);
    const picked = await luis.say('la primera');
    expect(picked.join('\n')).toMatch(/¿A nombre de quién pongo la cita\?/);
    const named = await luis.say('Luis');
    expect(named[named.length - 1]).toMatch(/^Arreglo de barba con .*, el miércoles 11 de marzo a las 12:00 p\. m\. ¿Te lo reservo\?/);
    const changed = await luis.say('mejor a las 4');
    expect(changed[changed.length - 1]).toMatch(/^Arreglo de barba con .*, el miércoles 11 de marzo a las 4:00 p\. m\. ¿Te lo reservo\?/);
    await luis.say('vale');
    expect((await h.stores.appointments.list({ status: 'booked' })).map((a) => a.start)).toEqual(['2026-03-11T20:00:00.000Z']);

    const asked = await luis.say('necesito cancelar mi cita');
    expect(asked.join('\n')).toMatch(/¿Cancelo tu cita: arreglo de barba/);
    await luis.say('sí');
    expect(await h.stores.appointments.list({ status: 'booked' })).toEqual([]);
  });

  it('answers a question and takes a bare CANCELAR as the carrier keyword', async () => {
    const eva = h.client('eva');
    const hours = await eva.say('¿a qué hora abren el sábado?');
    expect(hours.join('\n')).toMatch(/9:00 a\. m\./);
    const stopped = await eva.say('CANCELAR');
    expect(stopped.join('\n')).toBe('Ya no recibirás mensajes de Maple Street Salon. Responde ALTA para volver a suscribirte.');
  });
});
