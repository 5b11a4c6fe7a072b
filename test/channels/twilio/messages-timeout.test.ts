// Twilio's Messages API standing still: a local server on TWILIO_API_URL that accepts the request
// and never answers, or answers the headers and never the body. Each call gives up at the send
// timeout (SEND_TIMEOUT_MS) with 'timeout', which the queue retries.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readSettings } from '../../../bot/config/settings';
import { createFrontdesk, type Frontdesk } from '../../../bot/app';
import { silentLogger } from '../../../bot/log';
import { TwilioMessagesClient } from '../../../channels/twilio/messages-client';
import { createTwilioSender } from '../../../channels/twilio/routes';
import { startScriptedServer, type ScriptedServer } from '../../helpers/scripted-server';
import { ACCOUNT_SID, AUTH_TOKEN, BUSINESS_NUMBER, PUBLIC_URL } from './twilio-test-server';

/** Long past the send timeout: a call still open then was never going to end. */
const WAIT_LIMIT_MS = 4000;

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

describe('Twilio Messages API that does not answer', () => {
  let silent: ScriptedServer;

  afterEach(async () => {
    await silent.close();
  });

  it('gives up on a request that gets no answer at the send timeout, as a retryable timeout', async () => {
    silent = await startScriptedServer(() => 'never');
    const client = new TwilioMessagesClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiUrl: silent.url, timeoutMs: 300 });
    const result = await within(client.createMessage({ To: '+15555550199', From: BUSINESS_NUMBER, Body: 'hello' }), WAIT_LIMIT_MS);
    expect(result).toEqual({ ok: false, code: 'timeout', httpStatus: null, retryable: true, message: 'Twilio did not answer within 300 ms' });
    // On a busy machine the server may read the request after the client has given up on it.
    const requests = await silent.waitForRequests(1, WAIT_LIMIT_MS);
    expect(requests.map((r) => r.path)).toEqual([`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`]);
  });

  it('gives up on an answer whose body never ends, as a retryable timeout', async () => {
    silent = await startScriptedServer(() => 'headers-only');
    const client = new TwilioMessagesClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiUrl: silent.url, timeoutMs: 300 });
    const result = await within(client.createMessage({ To: '+15555550199', From: BUSINESS_NUMBER, Body: 'hello' }), WAIT_LIMIT_MS);
    expect(result).toMatchObject({ ok: false, code: 'timeout', retryable: true });
  });

  describe('the sender built from settings', () => {
    let dataDir: string;
    let frontdesk: Frontdesk;

    beforeEach(() => {
      dataDir = mkdtempSync(path.join(tmpdir(), 'frontdesk-twilio-timeout-'));
    });

    afterEach(async () => {
      await frontdesk.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('takes SEND_TIMEOUT_MS and reports the timeout', async () => {
      silent = await startScriptedServer(() => 'never');
      const settings = readSettings(
        {
          TWILIO_ACCOUNT_SID: ACCOUNT_SID,
          TWILIO_AUTH_TOKEN: AUTH_TOKEN,
          TWILIO_PHONE_NUMBER: BUSINESS_NUMBER,
          TWILIO_API_URL: silent.url,
          PUBLIC_URL,
          SEND_TIMEOUT_MS: '300',
        },
        { dataDir },
      );
      frontdesk = createFrontdesk({ settings, logger: silentLogger() });
      const sender = createTwilioSender(settings, frontdesk);
      if (!sender) throw new Error('no Twilio sender for complete settings');
      const result = await within(sender.send({ to: '+15555550199', channel: 'sms', text: 'Your table is ready', kind: 'queue_update' }), WAIT_LIMIT_MS);
      expect(result).toMatchObject({ ok: false, code: 'timeout', retryable: true });
      expect(silent.requests).toHaveLength(1);
    });
  });
});
