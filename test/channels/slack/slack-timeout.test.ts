// Slack's Web API standing still: SLACK_API_URL points at a local server that accepts every request
// and never answers. The staff console's calls and the outbound sender's posts give up at the send
// timeout (SEND_TIMEOUT_MS) instead of waiting for ever; a queued message is kept for a retry.
import { Writable } from 'node:stream';
import { createLogger } from '../../../bot/log';
import { isTimeoutError } from '../../../bot/services/send-timeout';
import { slackChannelOn, type SlackChannel } from '../../../channels/slack/slack-channel';
import { startScriptedServer, type ScriptedServer } from '../../helpers/scripted-server';
import { startTwilioTestServer, type TwilioTestServer } from '../twilio/twilio-test-server';
import { BOT_TOKEN, SIGNING_SECRET, STAFF_CHANNEL } from './slack-test-server';

/** Three tries (the client's retry policy) at 300 ms each plus its pauses, with room to spare. */
const WAIT_LIMIT_MS = 6000;

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

describe('Slack Web API that does not answer', () => {
  let silent: ScriptedServer;
  let t: TwilioTestServer;
  let channel: SlackChannel;
  const lines: string[] = [];

  beforeEach(async () => {
    lines.length = 0;
    silent = await startScriptedServer(() => 'never');
    const logger = createLogger(
      'info',
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString('utf8'));
          done();
        },
      }),
    );
    t = await startTwilioTestServer({
      env: {
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_STAFF_CHANNEL: STAFF_CHANNEL,
        SLACK_API_URL: silent.url,
        SEND_TIMEOUT_MS: '300',
      },
      logger,
    });
    const mounted = slackChannelOn(t.server.server);
    if (!mounted) throw new Error('the Slack channel was not mounted');
    channel = mounted;
  });

  afterEach(async () => {
    await t.close();
    await silent.close();
  });

  it('lets the staff console give up on posting a ticket card with a timeout error', async () => {
    const { stores } = t.server.frontdesk;
    const now = t.server.frontdesk.deps.clock();
    const client = await stores.clients.findOrCreateByAddress('+15555550170', 'sms', now);
    const { ticket } = await stores.handoffs.enqueue({ clientId: client.id, channel: 'sms', conversationId: 'c-170', reason: 'asked_for_person', urgent: false }, now);
    const posting = channel.console.ticketOpened(ticket, { clientName: null, maskedAddress: '', language: 'en', channel: 'sms', position: 1, estimateMinutes: null, lastMessages: [], media: [] });
    const failure = await within(posting.then(() => null, (err: unknown) => err), WAIT_LIMIT_MS);
    expect(isTimeoutError(failure)).toBe(true);
    expect(silent.requests.filter((r) => r.path.includes('chat.postMessage')).length).toBeGreaterThanOrEqual(1);
  });

  it('keeps a queued message to a Slack client for a retry after its send timed out, and logs the timeout without address or text', async () => {
    const { frontdesk } = t.server;
    const outcome = await frontdesk.outbound.sendProactive(
      { address: 'slack:U0CLIENT17', channel: 'slack', text: 'Your order is ready', kind: 'staff_reply', respectQuietHours: false },
      frontdesk.deps.clock(),
    );
    if (outcome.status !== 'queued') throw new Error(`not queued: ${outcome.status}`);
    await within(frontdesk.scheduler.tick(), WAIT_LIMIT_MS);
    expect(await frontdesk.stores.outbox.get(outcome.message.id)).toMatchObject({ status: 'queued', reason: 'timeout', attempts: 1 });

    const warnings = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'proactive send timed out');
    expect(warnings).toEqual([expect.objectContaining({ level: 40, outbound: outcome.message.id, channel: 'slack', kind: 'staff_reply' })]);
    expect(lines.join('\n')).not.toMatch(/U0CLIENT17|Your order is ready/);
  });
});
