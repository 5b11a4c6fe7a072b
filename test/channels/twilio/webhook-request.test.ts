import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import { hasValidSignature, parseForm, readInbound } from '../../../channels/twilio/webhook-request';

const TOKEN = 'secret-token';
const URL = 'https://frontdesk.example.test/api/twilio/messages';

describe('reading a Twilio form', () => {
  it('keeps every value of a repeated name and decodes + and %XX', () => {
    expect(parseForm('Body=see+you%20at+3%3A00&MediaUrl=a&MediaUrl=b&a%5Bb%5D=c')).toEqual({
      Body: 'see you at 3:00',
      MediaUrl: ['a', 'b'],
      'a[b]': 'c',
    });
  });

  it('reads an MMS with two media and a WhatsApp sender', () => {
    const parsed = readInbound(
      parseForm(
        new URLSearchParams({
          MessageSid: 'MM1',
          From: 'whatsapp:+15555550111',
          To: 'whatsapp:+15555550100',
          Body: '',
          NumMedia: '2',
          MediaUrl0: 'https://api.twilio.example/Media/ME0',
          MediaContentType0: 'image/jpeg',
          MediaUrl1: 'https://api.twilio.example/Media/ME1',
          MediaContentType1: 'video/mp4',
          ProfileName: 'Jordan',
        }).toString(),
      ),
    );
    expect(parsed).toEqual({
      ok: true,
      message: {
        messageSid: 'MM1',
        accountSid: null,
        channel: 'whatsapp',
        from: '+15555550111',
        to: '+15555550100',
        body: '',
        media: [
          { url: 'https://api.twilio.example/Media/ME0', contentType: 'image/jpeg' },
          { url: 'https://api.twilio.example/Media/ME1', contentType: 'video/mp4' },
        ],
        profileName: 'Jordan',
      },
    });
  });

  it.each([
    [{ From: '+1', To: '+2' }, 'MessageSid is missing'],
    [{ MessageSid: 'SM1', To: '+2' }, 'From and To are required'],
    [{ MessageSid: 'SM1', From: '+1', To: '+2', NumMedia: '11' }, 'NumMedia is not 0 to 10'],
    [{ MessageSid: 'SM1', From: '+1', To: '+2', NumMedia: 'x' }, 'NumMedia is not 0 to 10'],
  ])('refuses %j', (params, problem) => {
    expect(readInbound(params)).toEqual({ ok: false, problem });
  });
});

describe('checking the signature', () => {
  const params = { MessageSid: 'SM1', From: '+15555550111', Body: 'hi' };
  const signature = getExpectedTwilioSignature(TOKEN, URL, params);

  it('accepts the signature Twilio computes for the URL and parameters', () => {
    expect(hasValidSignature(TOKEN, signature, URL, params)).toBe(true);
  });

  it.each([
    ['no signature', undefined, URL, params, TOKEN],
    ['an empty signature', '', URL, params, TOKEN],
    ['another token', signature, URL, params, 'other-token'],
    ['another URL', signature, 'https://frontdesk.example.test/api/twilio/status', params, TOKEN],
    ['a changed parameter', signature, URL, { ...params, Body: 'hi!' }, TOKEN],
    ['an added parameter', signature, URL, { ...params, NumMedia: '0' }, TOKEN],
    ['a URL that cannot be parsed', signature, 'not a url', params, TOKEN],
  ])('refuses %s', (_label, sig, url, p, token) => {
    expect(hasValidSignature(token, sig, url, p)).toBe(false);
  });
});
