// The web chat's mailbox over the real SQLite store's Storage, and the outbox sender that fills it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { silentLogger } from '../../../bot/log';
import type { QueuedMessage } from '../../../bot/ports/messaging';
import type { Stores } from '../../../bot/ports/stores';
import { openSqliteStores } from '../../../bot/store/sqlite';
import { MAILBOX_LIMIT, WebchatMailbox } from '../../../channels/webchat/mailbox';
import { webchatSender } from '../../../channels/webchat/webchat-sender';
import { at } from '../../helpers/frontdesk-harness';

const ID = 'u5dQ3Pp2yE7kq9VbT1xLrA';

describe('WebchatMailbox', () => {
  let dataDir: string;
  let stores: Stores;
  let mailbox: WebchatMailbox;
  const now = at('2026-03-10T10:00');

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'frontdesk-mailbox-'));
    stores = openSqliteStores({ dataDir, logger: silentLogger() });
    mailbox = new WebchatMailbox(stores.state, () => now);
  });
  afterEach(async () => {
    await stores.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('gives what was put in after the last delivered entry, or after the seq a page saw', async () => {
    expect(await mailbox.put(ID, { messageId: 'm1', text: 'one', media: [] })).toBe(1);
    expect(await mailbox.put(ID, { messageId: 'm2', text: 'two', media: [] })).toBe(2);
    expect((await mailbox.after(ID, null)).map((e) => e.text)).toEqual(['one', 'two']);
    await mailbox.markDelivered(ID, 1);
    expect((await mailbox.after(ID, null)).map((e) => e.text)).toEqual(['two']);
    expect((await mailbox.after(ID, 0)).map((e) => e.text)).toEqual(['one', 'two']);
    expect(await mailbox.after('someone-else-entirely-00', null)).toEqual([]);
  });

  it('keeps one outbox message once, however often it is sent', async () => {
    expect(await mailbox.put(ID, { messageId: 'm1', text: 'one', media: [] })).toBe(1);
    expect(await mailbox.put(ID, { messageId: 'm1', text: 'one', media: [] })).toBe(1);
    expect(await mailbox.after(ID, null)).toHaveLength(1);
  });

  it('loses nothing when puts race in one process', async () => {
    const seqs = await Promise.all(Array.from({ length: 8 }, (_, i) => mailbox.put(ID, { messageId: `m${i}`, text: `t${i}`, media: [] })));
    expect([...seqs].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect((await mailbox.after(ID, null)).map((e) => e.messageId).sort()).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7']);
  });

  it('loses nothing when two processes put at once, the first put of a new mailbox included', async () => {
    const other = new WebchatMailbox(stores.state, () => now);
    const puts = Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? mailbox : other).put(ID, { messageId: `m${i}`, text: `t${i}`, media: [] }));
    const seqs = await Promise.all(puts);
    expect(new Set(seqs).size).toBe(6);
    expect((await mailbox.after(ID, null)).map((e) => e.messageId).sort()).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5']);
  });

  it(`keeps the latest ${MAILBOX_LIMIT} entries`, async () => {
    for (let i = 1; i <= MAILBOX_LIMIT + 5; i += 1) await mailbox.put(ID, { messageId: `m${i}`, text: `t${i}`, media: [] });
    const kept = await mailbox.after(ID, null);
    expect(kept).toHaveLength(MAILBOX_LIMIT);
    expect(kept[0]!.seq).toBe(6);
  });

  it("wakes the identity's watchers on a put, and stops when told", async () => {
    const woken: string[] = [];
    const stop = mailbox.watch(ID, () => woken.push('mine'));
    mailbox.watch('another-identity-000000', () => woken.push('theirs'));
    await mailbox.put(ID, { messageId: 'm1', text: 'one', media: [] });
    stop();
    await mailbox.put(ID, { messageId: 'm2', text: 'two', media: [] });
    expect(woken).toEqual(['mine']);
  });

  describe('webchatSender', () => {
    const message = (address: string): QueuedMessage => ({
      id: 'out-1', dedupeKey: null, clientId: null, address, channel: 'webchat', senderKey: 'webchat', kind: 'staff_reply', priority: 'now',
      text: 'Hi from the desk', mediaUrls: [], status: 'sending', reason: null, attempts: 1, notBefore: now.toISOString(), expiresAt: null,
      providerId: null, createdAt: now.toISOString(), updatedAt: now.toISOString(), sentAt: null,
    });

    it('puts a message for webchat:<id> in that mailbox and calls it sent', async () => {
      const outcome = await webchatSender(mailbox).send(message(`webchat:${ID}`), null);
      expect(outcome).toEqual({ kind: 'sent', providerId: 'webchat:1', segments: 1 });
      expect((await mailbox.after(ID, null)).map((e) => e.text)).toEqual(['Hi from the desk']);
    });

    it.each(['+15551230000', 'webchat:short', 'emulator:u5dQ3Pp2yE7kq9VbT1xLrA'])('refuses %s for good', async (address) => {
      expect(await webchatSender(mailbox).send(message(address), null)).toMatchObject({ kind: 'permanent', code: 'not_a_webchat_address' });
    });

    it('asks for a retry when the store cannot be written', async () => {
      await stores.close();
      expect(await webchatSender(mailbox).send(message(`webchat:${ID}`), null)).toMatchObject({ kind: 'retry', code: 'mailbox_unavailable' });
      stores = openSqliteStores({ dataDir, logger: silentLogger() });
    });
  });
});
