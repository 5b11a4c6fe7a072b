// The outbound queue's Bot Framework sender: continueConversation failures read as outcomes.
import { CloudAdapter } from 'botbuilder';
import { SERVICE_URL_REFUSED } from '../../../bot/config/service-urls';
import type { QueuedMessage } from '../../../bot/ports/messaging';
import { adapterConversationSender, botFrameworkOutcome } from '../../../channels/botframework/conversation-sender';

const message: QueuedMessage = {
  id: 'out_1',
  dedupeKey: null,
  clientId: 'c1',
  address: 'emulator:u-1',
  channel: 'emulator',
  senderKey: 'emulator',
  kind: 'staff_reply',
  priority: 'now',
  text: 'Hi, this is Sam',
  mediaUrls: [],
  status: 'sending',
  reason: null,
  attempts: 1,
  notBefore: '2026-03-10T15:00:00.000Z',
  expiresAt: null,
  providerId: null,
  createdAt: '2026-03-10T15:00:00.000Z',
  updatedAt: '2026-03-10T15:00:00.000Z',
  sentAt: null,
};

describe("the Bot Framework connector's failures as outcomes", () => {
  it('gives up on a serviceUrl off the allow-list', () => {
    const refused = Object.assign(new Error('serviceUrl is not allowed'), { code: SERVICE_URL_REFUSED });
    expect(botFrameworkOutcome(refused)).toEqual({ kind: 'permanent', code: SERVICE_URL_REFUSED, message: 'serviceUrl is not allowed' });
  });

  it('tries a timed-out call and an unreachable channel service again later', () => {
    const aborted = Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });
    expect(botFrameworkOutcome(aborted)).toMatchObject({ kind: 'retry', code: 'timeout' });
    expect(botFrameworkOutcome(new Error('connect ECONNREFUSED'))).toMatchObject({ kind: 'retry', code: 'channel_error' });
  });

  it('cannot continue a conversation it has no reference for', async () => {
    const sender = adapterConversationSender(new CloudAdapter(), '');
    expect(sender.sharesNumberRate).toBeFalsy();
    expect(await sender.send(message, null)).toEqual({ kind: 'permanent', code: 'no_reference', message: 'no conversation on emulator to continue' });
  });
});
