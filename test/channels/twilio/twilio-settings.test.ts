import { SettingsError, readSettings } from '../../../bot/config/settings';

function problemsFor(env: NodeJS.ProcessEnv): string[] {
  try {
    readSettings(env);
  } catch (err) {
    if (err instanceof SettingsError) return err.problems;
    throw err;
  }
  return [];
}

const SID = `AC${'0123456789abcdef'.repeat(2)}`;

describe('Twilio settings', () => {
  it('leaves every Twilio setting out when none is set', () => {
    const settings = readSettings({});
    for (const key of ['publicUrl', 'twilioAccountSid', 'twilioAuthToken', 'twilioPhoneNumber', 'twilioMessagingServiceSid', 'twilioApiUrl', 'twilioWhatsappTemplateSid']) {
      expect(settings).not.toHaveProperty(key);
    }
  });

  it('reads every Twilio variable, dropping trailing slashes from URLs', () => {
    expect(
      readSettings({
        PUBLIC_URL: 'https://salon.example.com/frontdesk/',
        TWILIO_ACCOUNT_SID: SID,
        TWILIO_AUTH_TOKEN: 'token',
        TWILIO_PHONE_NUMBER: '+15555550100',
        TWILIO_MESSAGING_SERVICE_SID: `MG${'a'.repeat(32)}`,
        TWILIO_API_URL: 'http://127.0.0.1:4010/',
        TWILIO_WHATSAPP_TEMPLATE_SID: `HX${'b'.repeat(32)}`,
      }),
    ).toMatchObject({
      publicUrl: 'https://salon.example.com/frontdesk',
      twilioAccountSid: SID,
      twilioAuthToken: 'token',
      twilioPhoneNumber: '+15555550100',
      twilioMessagingServiceSid: `MG${'a'.repeat(32)}`,
      twilioApiUrl: 'http://127.0.0.1:4010',
      twilioWhatsappTemplateSid: `HX${'b'.repeat(32)}`,
    });
  });

  it.each([
    [{ PUBLIC_URL: 'salon.example.com' }, "PUBLIC_URL must be an http(s) URL without query string, got 'salon.example.com'"],
    [{ PUBLIC_URL: 'https://salon.example.com/?a=1' }, "PUBLIC_URL must be an http(s) URL without query string, got 'https://salon.example.com/?a=1'"],
    [{ TWILIO_API_URL: 'ftp://x' }, "TWILIO_API_URL must be an http(s) URL without query string, got 'ftp://x'"],
    [{ TWILIO_PHONE_NUMBER: '555-0100' }, "TWILIO_PHONE_NUMBER must be an E.164 number like +15551234567, got '555-0100'"],
    [{ TWILIO_MESSAGING_SERVICE_SID: 'MG123' }, "TWILIO_MESSAGING_SERVICE_SID must be 'MG' followed by 32 hex digits, got 'MG123'"],
    [{ TWILIO_WHATSAPP_TEMPLATE_SID: 'template' }, "TWILIO_WHATSAPP_TEMPLATE_SID must be 'HX' followed by 32 hex digits, got 'template'"],
    [{ TWILIO_AUTH_TOKEN: 'token' }, 'PUBLIC_URL is required when TWILIO_AUTH_TOKEN is set (Twilio signs webhooks for the public URL)'],
  ])('names the bad variable in %j', (env, problem) => {
    expect(problemsFor(env)).toEqual([problem]);
  });

  it('wants a token and a sender with an account sid', () => {
    expect(problemsFor({ TWILIO_ACCOUNT_SID: SID })).toEqual([
      'TWILIO_AUTH_TOKEN is required when TWILIO_ACCOUNT_SID is set',
      'TWILIO_PHONE_NUMBER or TWILIO_MESSAGING_SERVICE_SID is required when TWILIO_ACCOUNT_SID is set',
    ]);
  });

  it('never repeats the auth token in a problem', () => {
    const problems = problemsFor({ TWILIO_AUTH_TOKEN: 'super-secret-token', TWILIO_ACCOUNT_SID: 'nope' });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).not.toContain('super-secret-token');
  });
});
