// A conversation update names who joined; the bot greets once per update, however many it names,
// so no single request multiplies the calls the bot makes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ActivityTypes, TestAdapter, type Activity } from 'botbuilder';
import { readSettings } from '../../../bot/config/settings';
import { createFrontdesk, type Frontdesk } from '../../../bot/app';
import { silentLogger } from '../../../bot/log';
import { at } from '../../helpers/frontdesk-harness';

describe('conversation updates', () => {
  let dataDir: string;
  let fd: Frontdesk;

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'frontdesk-update-'));
    fd = createFrontdesk({ settings: readSettings({}, { dataDir }), clock: () => at('2026-03-10T10:00'), logger: silentLogger() });
  });
  afterEach(async () => {
    await fd.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function sent(membersAdded: Array<{ id: string; name: string }>): Promise<Partial<Activity>[]> {
    const adapter = fd.attach(new TestAdapter(async (context) => fd.handle(context)));
    const bot = { id: 'bot', name: 'Frontdesk' };
    await adapter.processActivity({
      type: ActivityTypes.ConversationUpdate,
      channelId: 'emulator',
      serviceUrl: 'http://localhost:9',
      recipient: bot,
      from: { id: 'someone', name: 'Someone' },
      conversation: { id: 'c-update', isGroup: true, conversationType: 'group', name: '' },
      membersAdded,
    });
    return adapter.activeQueue.splice(0);
  }

  const people = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `member-${i}`, name: `Member ${i}` }));

  it('greets 2,000 members added at once with a single message', async () => {
    const replies = await sent([{ id: 'bot', name: 'Frontdesk' }, ...people(2000)]);
    expect(replies.map((a) => a.text)).toEqual([fd.deps.texts.greeting(fd.business)]);
  });

  it('greets one person joining the way the Emulator announces it (the bot first, then the user)', async () => {
    const replies = await sent([{ id: 'bot', name: 'Frontdesk' }, { id: 'user1', name: 'User' }]);
    expect(replies.map((a) => a.text)).toEqual([fd.deps.texts.greeting(fd.business)]);
  });

  it('says nothing when only the bot joined', async () => {
    expect(await sent([{ id: 'bot', name: 'Frontdesk' }])).toEqual([]);
  });
});
