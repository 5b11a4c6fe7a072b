// Identity per channel, proven by the channel: which client record a turn reaches, from what the
// adapter vouched for, never from what the activity says about itself. And the conversation
// reference such a turn leaves behind, which only a serviceUrl on the allow-list may name.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { TestAdapter, type Activity } from 'botbuilder';
import { readSettings } from '../../bot/config/settings';
import { createFrontdesk, type Frontdesk } from '../../bot/app';
import { silentLogger } from '../../bot/log';
import { botFrameworkChannel, identityOf, provenFrom } from '../../bot/middleware/identity';
import { proveIdentity, type ProvenIdentity, type TurnIdentity } from '../../bot/turn-state';
import { ConsoleAdapter } from '../../channels/console/console-adapter';
import { at } from '../helpers/frontdesk-harness';

describe('identity of a turn', () => {
  let dataDir: string;
  let fd: Frontdesk;

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'frontdesk-identity-'));
    fd = createFrontdesk({ settings: readSettings({}, { dataDir }), clock: () => at('2026-03-10T10:00'), logger: silentLogger() });
  });
  afterEach(async () => {
    await fd.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** One turn on an adapter that proves `proof` (or nothing), as the channel's activity claims. */
  async function turn(claim: Partial<Activity>, proof?: ProvenIdentity, text = 'hi'): Promise<TurnIdentity | null> {
    let seen: TurnIdentity | null | undefined;
    const adapter = new TestAdapter(async (context) => {
      seen = identityOf(context);
      await fd.handle(context);
    }, { channelId: 'emulator', serviceUrl: 'http://localhost:9', ...claim, conversation: { id: `c-${Math.random()}`, isGroup: false, conversationType: 'personal', name: '' } });
    if (proof) {
      adapter.use({
        onTurn: async (context, next) => {
          proveIdentity(context, proof);
          await next();
        },
      });
    }
    fd.attach(adapter);
    await adapter.receiveActivity(text);
    if (seen === undefined) throw new Error('the turn did not run');
    return seen;
  }

  it.each([
    ['an Emulator user keeps the address it always had', { channelId: 'emulator', from: { id: 'user1', name: 'u' } }, 'emulator:user1', 'emulator'],
    ['a Teams user', { channelId: 'msteams', from: { id: '29:abc', name: 'u' } }, 'msteams:29:abc', 'msteams'],
    ['a phone number typed as an Emulator user id is not that phone', { channelId: 'emulator', from: { id: '+15558880001', name: 'u' } }, 'emulator:+15558880001', 'emulator'],
    ['a whatsapp: id is not that phone either', { channelId: 'emulator', from: { id: 'whatsapp:+15558880001', name: 'u' } }, 'emulator:whatsapp:+15558880001', 'emulator'],
    ['"sms" claimed over Bot Framework is not the Twilio channel', { channelId: 'sms', from: { id: '+15558880001', name: 'u' } }, 'botframework:sms:+15558880001', 'botframework:sms'],
    ['"whatsapp" claimed over Bot Framework', { channelId: 'whatsapp', from: { id: '+15558880001', name: 'u' } }, 'botframework:whatsapp:+15558880001', 'botframework:whatsapp'],
    ['"slack" claimed over Bot Framework is not our Slack user', { channelId: 'slack', from: { id: 'U123', name: 'u' } }, 'botframework:slack:U123', 'botframework:slack'],
    ['"console" claimed over Bot Framework is not the terminal', { channelId: 'console', from: { id: 'guest', name: 'u' } }, 'botframework:console:guest', 'botframework:console'],
    ['a channel id with a colon cannot pose as another channel', { channelId: 'emulator:x', from: { id: 'y', name: 'u' } }, 'botframework:emulator:x:y', 'botframework:emulator:x'],
  ])('without proof: %s', async (_name, claim, address, channel) => {
    expect(await turn(claim)).toEqual({ address, channel, provenBy: 'bot_framework' });
    expect(await fd.stores.clients.findByAddress(address)).toMatchObject({ address, channel });
  });

  it('a phone proven by its channel reaches the bare number, whatever the activity claims', async () => {
    const identity = await turn({ channelId: 'emulator', from: { id: 'someone-else', name: 'u' } }, { kind: 'phone', channel: 'sms', phone: '+15558880001' });
    expect(identity).toEqual({ address: '+15558880001', channel: 'sms', provenBy: 'channel' });
    expect(await fd.stores.clients.findByAddress('emulator:someone-else')).toBeNull();
  });

  it('SMS and WhatsApp from one proven number reach one client', async () => {
    await turn({ channelId: 'sms', from: { id: '+15558880002', name: 'u' } }, provenFrom('sms', '+15558880002'));
    await turn({ channelId: 'whatsapp', from: { id: '+15558880002', name: 'u' } }, provenFrom('whatsapp', '+15558880002'));
    expect((await fd.stores.clients.list()).map((c) => c.address)).toEqual(['+15558880002']);
  });

  it('a proven user id that is not a phone number stays on its channel', async () => {
    expect(provenFrom('console', 'guest')).toEqual({ kind: 'user', channel: 'console', userId: 'guest' });
    const identity = await turn({ channelId: 'slack', from: { id: 'U123', name: 'u' } }, { kind: 'user', channel: 'slack', userId: 'U123' });
    expect(identity).toEqual({ address: 'slack:U123', channel: 'slack', provenBy: 'channel' });
  });

  it('the message log files the message under the same client', async () => {
    await turn({ channelId: 'sms', from: { id: '+15558880003', name: 'u' } }, undefined, 'hello there');
    const client = await fd.stores.clients.findByAddress('botframework:sms:+15558880003');
    expect(client).not.toBeNull();
    const logged = await fd.stores.messageLog.recentForClient(client!.id, 10);
    expect(logged.filter((m) => m.direction === 'in').map((m) => m.text)).toEqual(['hello there']);
    expect(await fd.stores.clients.findByAddress('+15558880003')).toBeNull();
  });

  it.each([
    ['a phone number, which the operator vouches for', '+15558880006', '+15558880006'],
    ['a name', 'guest', 'console:guest'],
  ])('the terminal chat as %s reaches %s', async (_name, as, address) => {
    const output = new PassThrough();
    const adapter = fd.attach(new ConsoleAdapter({ as, input: Readable.from([]), output }));
    await adapter.receive('hi', (context) => fd.handle(context));
    expect(await fd.stores.clients.findByAddress(address)).toMatchObject({ address, channel: 'console' });
  });

  it.each([
    ['emulator', 'emulator'],
    ['webchat', 'botframework:webchat'],
    ['directline', 'directline'],
    ['sms', 'botframework:sms'],
    ['botframework', 'botframework:botframework'],
    ['', 'botframework:unknown'],
    [undefined, 'botframework:unknown'],
  ])('botFrameworkChannel(%s) is %s', (claimed, expected) => {
    expect(botFrameworkChannel(claimed)).toBe(expected);
  });

  describe('conversation references', () => {
    it('keeps a Bot Framework reference whose serviceUrl is allowed', async () => {
      await turn({ channelId: 'emulator', serviceUrl: 'http://localhost:9', from: { id: 'ana', name: 'Ana' } });
      const client = (await fd.stores.clients.findByAddress('emulator:ana'))!;
      expect(await fd.stores.references.get(client.id, 'emulator')).toMatchObject({ serviceUrl: 'http://localhost:9' });
    });

    it('never saves a Bot Framework reference whose serviceUrl is not allowed', async () => {
      await turn({ channelId: 'emulator', serviceUrl: 'https://attacker.example/', from: { id: 'ben', name: 'Ben' } });
      const client = (await fd.stores.clients.findByAddress('emulator:ben'))!;
      expect(await fd.stores.references.get(client.id, 'emulator')).toBeNull();
      expect(await fd.stores.references.channels(client.id)).toEqual([]);
    });

    it("saves a reference under the proven channel, whose own adapter sends (its serviceUrl is the provider's API)", async () => {
      await turn({ channelId: 'sms', serviceUrl: 'https://api.twilio.com', from: { id: '+15558880004', name: 'u' } }, provenFrom('sms', '+15558880004'));
      const client = (await fd.stores.clients.findByAddress('+15558880004'))!;
      expect(await fd.stores.references.channels(client.id)).toEqual(['sms']);
    });

    it('files a claimed "sms" reference under botframework:sms, never under the Twilio channel', async () => {
      await turn({ channelId: 'sms', serviceUrl: 'http://localhost:9', from: { id: '+15558880005', name: 'u' } });
      const client = (await fd.stores.clients.findByAddress('botframework:sms:+15558880005'))!;
      expect(await fd.stores.references.channels(client.id)).toEqual(['botframework:sms']);
    });
  });
});
