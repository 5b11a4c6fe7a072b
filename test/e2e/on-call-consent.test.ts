// The person on call is texted like anyone else: if their number opted out of the business's
// texts (STOP to the business line), the alert goes by Slack only and no text is sent.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readSettings } from '../../bot/config/settings';
import { startServer } from '../../bot/index';
import { silentLogger } from '../../bot/log';
import { at } from '../helpers/frontdesk-harness';
import { say } from '../helpers/bot-framework-client';
import { startCaptureServer } from '../helpers/capture-server';
import { startSlackCapture } from '../helpers/slack-capture';

describe('an urgent message when the on-call number has opted out', () => {
  it('reaches the person on call by Slack only and never texts the opted-out number', async () => {
    const twilio = await startCaptureServer();
    const slackApi = await startSlackCapture();
    const dir = mkdtempSync(path.join(tmpdir(), 'frontdesk-on-call-consent-'));
    const now = at('2026-03-12T22:30'); // Thursday night: Alex's shift
    const server = await startServer({
      settings: readSettings(
        {
          SLACK_BOT_TOKEN: 'xoxb-test-token',
          SLACK_API_URL: slackApi.url,
          TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
          TWILIO_AUTH_TOKEN: 'test-auth-token',
          TWILIO_PHONE_NUMBER: '+19735550100',
          TWILIO_API_URL: twilio.url,
          PUBLIC_URL: 'https://frontdesk.example',
        },
        { dataDir: dir, port: 0 },
      ),
      clock: () => now,
      logger: silentLogger(),
    });
    try {
      await server.frontdesk.stores.consent.optOut('+19735550143', 'keyword', now);
      expect(await say(server, 'web-10', "I'm locked out of the salon's back door, urgent")).toEqual([
        "I've alerted our on-call person, Alex; they'll contact you shortly.",
      ]);
      expect(twilio.requests.filter((r) => r.form.To === '+19735550143')).toEqual([]);
      const alerts = await server.frontdesk.stores.urgentAlerts.list();
      expect(alerts.map((a) => [a.onCallName, a.notified, a.outcome])).toEqual([['Alex', ['slack'], 'on_call_notified']]);
    } finally {
      await server.close();
      await twilio.close();
      await slackApi.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
