// A store holding every kind of record an archive carries, written through the ports as the bot
// writes them, for the tests that move data between stores (`frontdesk export` / `import`).
import type { LoggedMessage } from '../../bot/ports/handoff';
import type { NewOutbound } from '../../bot/ports/messaging';
import type { Stores } from '../../bot/ports/stores';

const T0 = Date.parse('2026-03-02T14:00:00.000Z');
export const at = (minutes: number) => new Date(T0 + minutes * 60_000);
/** Minutes after 2026-03-10T15:00Z as an ISO instant. */
export const t = (minutes: number) => new Date(Date.parse('2026-03-10T15:00:00.000Z') + minutes * 60_000).toISOString();

/** Every kind of record an archive carries. */
export const EVERY_KIND = [
  'client', 'appointment', 'callback', 'consent', 'reference', 'preferences', 'notice', 'urgent_alert', 'handoff_ticket',
  'handoff_rotation', 'message', 'outbox', 'send_slot', 'inbound_message', 'delivery', 'state',
];
export const SMS_SENDER = 'sms:+15550001111';
export const CLAIM = { workerId: 'worker-1', leaseMs: 60_000, minIntervalMs: 0 };

export interface Seeded {
  moved: string;
  movedTo: string;
  dana: string;
  lee: string;
  tickets: { resolved: string; claimed: string; waiting: string };
  outbox: { sent: string; leased: string; held: string; reminder: string };
}

/** A little of everything the archive carries, written through the ports as the bot writes it. */
export async function seed(stores: Stores): Promise<Seeded> {
  const dana = await stores.clients.findOrCreateByAddress('+15555550101', 'sms', at(0));
  await stores.clients.setName(dana.id, 'Dana Reyes');
  await stores.clients.setLanguage(dana.id, 'es');
  const lee = await stores.clients.findOrCreateByAddress('slack:U123', 'slack', at(1));
  await stores.clients.findOrCreateByAddress('emulator:user-3', 'emulator', at(2));

  const first = await stores.appointments.book({ clientId: dana.id, serviceId: 'haircut', staffId: 'lead', start: t(0), end: t(30) }, at(3));
  const second = await stores.appointments.book({ clientId: lee.id, serviceId: 'colour', staffId: 'lead', start: t(60), end: t(180) }, at(4));
  const third = await stores.appointments.book({ clientId: lee.id, serviceId: 'trim', staffId: 'second', start: t(300), end: t(315) }, at(5));
  if (!first.ok || !second.ok || !third.ok) throw new Error('seed bookings refused');
  // Moved earlier, so the new appointment starts before the one it replaced.
  const moved = await stores.appointments.reschedule(third.appointment.id, { staffId: 'second', start: t(200), end: t(215) }, at(6));
  if (!moved.ok) throw new Error('seed move refused');
  await stores.appointments.markConfirmed(first.appointment.id, at(7));
  await stores.appointments.markRunningLate(second.appointment.id, 10, at(8));
  const cancelled = await stores.appointments.book({ clientId: dana.id, serviceId: 'haircut', staffId: 'lead', start: t(400), end: t(430) }, at(9));
  if (!cancelled.ok) throw new Error('seed booking refused');
  await stores.appointments.cancel(cancelled.appointment.id, at(10));

  await stores.callbacks.add({ clientId: dana.id, reason: 'human', text: 'can I talk to someone' }, at(11));
  await stores.callbacks.add({ clientId: lee.id, reason: 'after_hours', text: 'call me back' }, at(12));
  await stores.consent.optOut('+15555550199', 'keyword', at(13));
  await stores.consent.markUnreachable?.('+15555550101', '30005', at(14));
  await stores.references.save(dana.id, 'sms', { channelId: 'sms', conversation: { id: 'a' } as never }, at(15));
  await stores.references.save(dana.id, 'whatsapp', { channelId: 'whatsapp', conversation: { id: 'b' } as never }, at(16));
  await stores.references.setPreferredChannel(dana.id, 'whatsapp', at(17));
  await stores.notices.claim(`first-contact:${dana.id}`, at(18));
  await stores.urgentAlerts.record(
    { clientId: lee.id, keyword: 'flood', text: 'water everywhere', openNow: false, onCallName: 'Sam', notified: ['sms'], outcome: 'on_call_notified' },
    at(19),
  );
  await stores.state.write({ 'sms/conversations/a': { dialogStack: [{ id: 'book' }], step: 2 }, 'sms/users/b': { seen: true } });

  // The handoff queue: one resolved after a claim, one handed out in the rotation's turn, one waiting with its card.
  const resolved = await stores.handoffs.enqueue({ clientId: dana.id, channel: 'sms', conversationId: '+15555550101', reason: 'asked_for_person', urgent: false }, at(20));
  await stores.handoffs.claim(resolved.ticket.id, 'USTAFF0001', 'Sam', at(21));
  await stores.handoffs.resolve(resolved.ticket.id, 'USTAFF0001', at(25));
  const claimed = await stores.handoffs.enqueue({ clientId: dana.id, channel: 'sms', conversationId: '+15555550101', reason: 'complaint', urgent: false }, at(26));
  if (!(await stores.handoffs.claimInTurn(claimed.ticket.id, { consoleId: 'USTAFF0002', name: 'Ana' }, null, at(27))).ok) throw new Error('seed hand-out refused');
  const waiting = await stores.handoffs.enqueue({ clientId: lee.id, channel: 'slack', conversationId: 'DLEE', reason: 'urgent', urgent: true }, at(28));
  await stores.handoffs.setStaffThread(waiting.ticket.id, 'CSTAFF0001', '1773100000.000100');
  await stores.handoffs.markNotified(waiting.ticket.id, 1, at(29));

  // The message log, with accents, a staff reply, a note and a picture.
  const log = (clientId: string, minutes: number, message: Partial<LoggedMessage> & { text: string }) =>
    stores.messageLog.append({ clientId, channel: 'sms', direction: 'in', media: [], at: at(minutes).toISOString(), author: 'client', ...message });
  await log(dana.id, 20, { text: 'Quiero hablar con alguien sobre mi cita del miércoles' });
  await log(dana.id, 22, { text: 'Sam here, I will move it to Thursday', direction: 'out', author: 'staff', staffId: 'USTAFF0001' });
  await log(dana.id, 22, { text: 'note: regular, prefers mornings', direction: 'out', author: 'staff', staffId: 'USTAFF0001', internal: true });
  await log(lee.id, 28, { text: 'the sink is flooding the shop', channel: 'slack', media: ['https://files.example/sink.jpg'] });

  // The outbox: sent, sending under a lease, sent but not recorded, queued for later, suppressed.
  const out = (message: Partial<NewOutbound>, minutes: number) =>
    stores.outbox.enqueue({ address: '+15555550101', channel: 'sms', senderKey: SMS_SENDER, kind: 'update', text: 'hello', notBefore: at(30).toISOString(), ...message }, at(minutes));
  const sent = await out({ clientId: lee.id, address: 'slack:U123', channel: 'slack', senderKey: 'slack', kind: 'staff_reply', priority: 'now', text: 'On my way' }, 30);
  const leased = await out({ clientId: dana.id, address: '+15555550102', text: 'You moved up: 1st', mediaUrls: ['https://files.example/map.png'] }, 30);
  const held = await out({ clientId: null, address: '+15555550103', text: 'On call: flood at the shop' }, 30);
  const reminder = await out(
    { clientId: dana.id, dedupeKey: `reminder:${first.appointment.id}:day-before`, kind: 'reminder', text: 'See you tomorrow at 10', notBefore: at(40).toISOString(), expiresAt: t(0) },
    31,
  );
  await out({ clientId: null, address: '+15555550199', kind: 'reminder', text: 'not for an opted-out number', status: 'suppressed', reason: 'opted_out' }, 31);
  // Claimed one after another, each lease a minute long.
  const expectClaim = async (minutes: number, id: string) => {
    if ((await stores.outbox.claimNext(at(minutes), CLAIM))?.id !== id) throw new Error('seed claim took another message');
  };
  await expectClaim(32, sent.message.id);
  await stores.outbox.markSent(sent.message.id, CLAIM.workerId, 'SMsent0001', at(32));
  await expectClaim(33, leased.message.id);
  await expectClaim(33, held.message.id);
  await stores.outbox.holdSent(held.message.id, CLAIM.workerId, 'SMheld0001', at(33));

  // Webhook receipts: one answered, one still being processed.
  await stores.inboundMessages.claim({ messageId: 'SMin0001', channel: 'sms', address: '+15555550101', media: [{ contentType: 'image/jpeg', url: 'https://api.twilio.com/m/1' }] }, at(34), 60_000);
  await stores.inboundMessages.complete('SMin0001', '<Response><Message>Hola</Message></Response>', at(34));
  await stores.inboundMessages.claim({ messageId: 'SMin0002', channel: 'sms', address: '+15555550101', media: [] }, at(35), 60_000);

  // Delivery status: delivered, and one the provider says cannot be reached.
  await stores.deliveries.recordSent({ providerId: 'SMsent0001', address: '+15555550101', channel: 'sms', kind: 'reminder', status: 'queued' }, at(32));
  await stores.deliveries.recordStatus({ providerId: 'SMsent0001', address: '+15555550101', channel: 'sms', status: 'delivered', errorCode: null, unreachable: false }, at(33));
  await stores.deliveries.recordStatus({ providerId: 'SMlost0001', address: '+15555550188', channel: 'sms', status: 'undelivered', errorCode: '30006', unreachable: true }, at(33));

  return {
    moved: third.appointment.id,
    movedTo: moved.appointment.id,
    dana: dana.id,
    lee: lee.id,
    tickets: { resolved: resolved.ticket.id, claimed: claimed.ticket.id, waiting: waiting.ticket.id },
    outbox: { sent: sent.message.id, leased: leased.message.id, held: held.message.id, reminder: reminder.message.id },
  };
}
