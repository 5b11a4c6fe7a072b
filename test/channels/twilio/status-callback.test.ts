// Delivery status callbacks over real HTTP, signed like Twilio signs them.
import { ACCOUNT_SID, BUSINESS_NUMBER, startTwilioTestServer, type Params, type TwilioTestServer } from './twilio-test-server';

const STATUS = '/api/twilio/status';

function report(messageSid: string, to: string, status: string, errorCode?: string): Params {
  const params: Params = { AccountSid: ACCOUNT_SID, MessageSid: messageSid, SmsSid: messageSid, MessageStatus: status, SmsStatus: status, To: to, From: BUSINESS_NUMBER };
  if (errorCode !== undefined) params.ErrorCode = errorCode;
  return params;
}

describe('Twilio status callbacks', () => {
  let t: TwilioTestServer;

  beforeAll(async () => {
    t = await startTwilioTestServer();
  });

  afterAll(async () => {
    await t.close();
  });

  it('records the delivery status per provider message id, never going back a stage', async () => {
    const sid = `SM${'c'.repeat(32)}`;
    for (const status of ['queued', 'sent', 'delivered']) {
      expect((await t.post(STATUS, report(sid, '+15555550201', status))).status).toBe(204);
    }
    expect((await t.post(STATUS, report(sid, '+15555550201', 'sent'))).status).toBe(204);
    expect(await t.server.frontdesk.stores.deliveries.get(sid)).toMatchObject({ address: '+15555550201', channel: 'sms', status: 'delivered', errorCode: null });
  });

  it('opts the address out on error 21610', async () => {
    const consent = t.server.frontdesk.stores.consent;
    expect(await consent.isOptedOut('+15555550202')).toBe(false);
    expect((await t.post(STATUS, report(`SM${'d'.repeat(32)}`, '+15555550202', 'failed', '21610'))).status).toBe(204);
    expect(await consent.isOptedOut('+15555550202')).toBe(true);
    expect(await consent.get?.('+15555550202')).toMatchObject({ status: 'opted_out', source: 'carrier' });
  });

  it.each(['30003', '30005', '30006'])('marks the address unreachable on error %s, without opting it out', async (code) => {
    const address = `+1555555030${code.slice(-1)}`;
    const sid = `SM${code}${'e'.repeat(27)}`;
    expect((await t.post(STATUS, report(sid, address, 'undelivered', code))).status).toBe(204);
    expect(await t.server.frontdesk.stores.deliveries.get(sid)).toMatchObject({ status: 'undelivered', errorCode: code, unreachable: true });
    expect(await t.server.frontdesk.stores.deliveries.isUnreachable(address)).toBe(true);
    expect(await t.server.frontdesk.stores.consent.get?.(address)).toMatchObject({ unreachable: { code } });
    expect(await t.server.frontdesk.stores.consent.isOptedOut(address)).toBe(false);
  });

  it('does not mark an address unreachable for a transient failure', async () => {
    const sid = `SM${'f'.repeat(32)}`;
    await t.post(STATUS, report(sid, '+15555550209', 'undelivered', '30008'));
    expect(await t.server.frontdesk.stores.deliveries.get(sid)).toMatchObject({ errorCode: '30008', unreachable: false });
    expect(await t.server.frontdesk.stores.deliveries.isUnreachable('+15555550209')).toBe(false);
  });

  it('reads WhatsApp addresses bare', async () => {
    const sid = `SM${'1a'.repeat(16)}`;
    await t.post(STATUS, report(sid, 'whatsapp:+15555550210', 'read'));
    expect(await t.server.frontdesk.stores.deliveries.get(sid)).toMatchObject({ address: '+15555550210', channel: 'whatsapp', status: 'read' });
  });

  it('refuses an unsigned or forged callback with 403 and records nothing', async () => {
    const sid = `SM${'2b'.repeat(16)}`;
    expect((await t.post(STATUS, report(sid, '+15555550211', 'failed', '21610'), { signature: null })).status).toBe(403);
    expect((await t.post(STATUS, report(sid, '+15555550211', 'failed', '21610'), { signedParams: report(sid, '+15555550299', 'failed', '21610') })).status).toBe(403);
    expect(await t.server.frontdesk.stores.deliveries.get(sid)).toBeNull();
    expect(await t.server.frontdesk.stores.consent.isOptedOut('+15555550211')).toBe(false);
  });

  it('answers 400 to a signed callback without a status', async () => {
    expect((await t.post(STATUS, { MessageSid: 'SM1', To: '+15555550212' })).status).toBe(400);
  });
});
