// Reminders in the language the client last wrote in, sent by the scheduler at their due time
// through the Twilio Messages API (a capture server), and Spanish replies to them: C, R, X and
// "voy 10 min tarde".
import { at } from '../helpers/frontdesk-harness';
import { startTwilioTestServer, type TwilioTestServer } from '../channels/twilio/twilio-test-server';

function sentTo(t: TwilioTestServer, phone: string, from: number): string[] {
  return t.capture.requests
    .slice(from)
    .filter((r) => r.method === 'POST' && /\/Messages\.json$/.test(r.path) && r.form.To === phone)
    .map((r) => String(r.form.Body ?? ''));
}

describe('reminders in the client’s last language', () => {
  let t: TwilioTestServer;

  beforeEach(async () => {
    t = await startTwilioTestServer({ startLocal: '2026-03-10T10:00' });
  });
  afterEach(async () => {
    await t.close();
  });

  async function bookInSpanish(phone: string): Promise<void> {
    await t.text(phone, 'quiero un corte el jueves a las 3 de la tarde');
    await t.text(phone, 'Ana');
    expect((await t.text(phone, 'sí')).messages.join('\n')).toMatch(/reservado/);
  }

  async function remind(phone: string): Promise<string[]> {
    t.setNow('2026-03-11T15:00');
    const seen = t.capture.requests.length;
    await t.server.frontdesk.scheduler.tick();
    return sentTo(t, phone, seen);
  }

  it('reminds a client who wrote Spanish in Spanish, and "C" confirms with a Spanish reply', async () => {
    const phone = '+15555550311';
    await bookInSpanish(phone);
    const reminders = await remind(phone);
    expect(reminders).toEqual([expect.stringMatching(/^Recordatorio: corte de pelo mañana \(jueves 12 de marzo\) a las 3:00 p\. m\..*Responde C para confirmar, R para cambiar la hora o X para cancelar\.$/)]);
    t.setNow('2026-03-11T15:10');
    expect((await t.text(phone, 'C')).messages[0]).toMatch(/^¡Gracias, quedó confirmada!/);
    const [appointment] = await t.server.frontdesk.stores.appointments.list();
    expect(appointment?.confirmedAt).toBe(at('2026-03-11T15:10').toISOString());
  });

  it('takes "voy 10 min tarde", R and X as Spanish replies to the reminder', async () => {
    const phone = '+15555550312';
    await bookInSpanish(phone);
    expect(await remind(phone)).toHaveLength(1);
    expect((await t.text(phone, 'voy 10 min tarde')).messages.join('\n')).toMatch(/Gracias por avisarnos/);
    expect((await t.text(phone, 'R')).messages.join('\n')).toMatch(/¿Qué día y hora prefieres\?/);
    expect((await t.text(phone, 'olvídalo')).messages.join('\n')).toMatch(/Sin problema/);
    const cancel = (await t.text(phone, 'X')).messages.join('\n');
    expect(cancel).toMatch(/¿Cancelo tu cita/);
    expect(cancel).toMatch(/Responde 1 o 2/);
    expect(cancel).not.toMatch(/Reply|Yes|keep it/);
    expect((await t.text(phone, 'sí')).messages.join('\n')).toMatch(/quedó cancelada/);
    expect(await t.server.frontdesk.stores.appointments.list({ status: 'booked' })).toEqual([]);
  });

  it('reminds a client who switched back to English in English', async () => {
    const phone = '+15555550313';
    await bookInSpanish(phone);
    expect((await t.text(phone, 'english please')).messages.join('\n')).toMatch(/English it is/);
    const reminders = await remind(phone);
    expect(reminders).toEqual([expect.stringMatching(/^Reminder: Haircut tomorrow \(Thu Mar 12\) at 3:00 PM at Maple Street Salon\. Reply C to confirm/)]);
  });

  it('sends in Spanish a reminder planned while the client wrote English, once they have written Spanish since', async () => {
    const phone = '+15555550314';
    await t.text(phone, 'I want a haircut thursday at 3pm');
    await t.text(phone, 'Ana');
    expect((await t.text(phone, 'yes')).messages.join('\n')).toMatch(/You're booked/);
    // Reminders are planned two days ahead: by Tuesday afternoon, Wednesday's is in the outbox, worded in English.
    t.setNow('2026-03-10T16:00');
    await t.server.frontdesk.scheduler.tick();
    const planned = await t.server.frontdesk.stores.outbox.list({ status: 'queued', kind: 'reminder' });
    expect(planned.map((m) => m.text)).toEqual([expect.stringMatching(/^Reminder: Haircut tomorrow/)]);

    t.setNow('2026-03-10T18:00');
    expect((await t.text(phone, 'hola, ¿a qué hora abren el sábado?')).messages.join('\n')).toMatch(/sábado/);
    const reminders = await remind(phone);
    expect(reminders).toEqual([expect.stringMatching(/^Recordatorio: corte de pelo mañana \(jueves 12 de marzo\) a las 3:00 p\. m\..*Responde C para confirmar/)]);
    t.setNow('2026-03-11T15:10');
    expect((await t.text(phone, 'C')).messages[0]).toMatch(/^¡Gracias, quedó confirmada!/);
  });
});
