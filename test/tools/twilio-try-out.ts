// A local try-out of the Twilio channel without a Twilio account: runs the real server with a
// capture server standing in for Twilio's API (TWILIO_API_URL), posts each argument as a signed
// inbound SMS, prints the TwiML answers, then sends one proactive message and prints what Twilio
// would have received.
//   npx tsx test/tools/twilio-try-out.ts "haircut friday at 3" "Jordan" "yes"
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import { readSettings } from '../../bot/config/settings';
import { startServer } from '../../bot/index';
import { silentLogger } from '../../bot/log';
import { createTwilioSender, TWILIO_MESSAGES_PATH } from '../../channels/twilio/routes';
import { startCaptureServer } from '../helpers/capture-server';

const AUTH_TOKEN = 'local-try-out-token';
const PUBLIC_URL = 'https://frontdesk.local.invalid';
const BUSINESS_NUMBER = '+15555550100';
const CLIENT_NUMBER = '+15555550123';

async function main(texts: string[]): Promise<void> {
  const capture = await startCaptureServer({
    log: (r) => process.stdout.write(`\n[Twilio API received] ${r.method} ${r.path}\n${JSON.stringify(r.form, null, 2)}\n`),
  });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'frontdesk-try-'));
  const settings = readSettings(
    {
      TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_PHONE_NUMBER: BUSINESS_NUMBER,
      TWILIO_API_URL: capture.url,
      PUBLIC_URL,
    },
    { dataDir, port: 0 },
  );
  const running = await startServer({ settings, logger: silentLogger() });
  try {
    let n = 0;
    for (const text of texts.length > 0 ? texts : ['haircut friday at 3', 'Jordan', 'yes']) {
      n += 1;
      const params = { MessageSid: `SM${String(n).padStart(32, '0')}`, From: CLIENT_NUMBER, To: BUSINESS_NUMBER, Body: text, NumMedia: '0' };
      const res = await fetch(`${running.url}${TWILIO_MESSAGES_PATH}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_URL}${TWILIO_MESSAGES_PATH}`, params),
        },
        body: new URLSearchParams(params).toString(),
      });
      process.stdout.write(`\nclient> ${text}\n[${res.status} TwiML] ${await res.text()}\n`);
    }
    const sender = createTwilioSender(settings, running.frontdesk);
    const result = await sender?.send({ to: CLIENT_NUMBER, channel: 'sms', text: 'Reminder: see you tomorrow!', kind: 'reminder' });
    process.stdout.write(`\n[proactive send] ${JSON.stringify(result)}\n`);
  } finally {
    await running.close();
    await capture.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`try-out failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
