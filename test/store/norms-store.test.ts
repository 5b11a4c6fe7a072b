// The norms store on a real SQLite file: once-only notices across two handles on one file, and the
// urgent-alert log.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { openSqliteStores } from '../../bot/store/sqlite';
import type { Stores } from '../../bot/ports/stores';

const NOW = new Date('2026-03-08T03:00:00.000Z');

describe('norms store (SQLite)', () => {
  let dir: string;
  let file: string;
  let stores: Stores;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'frontdesk-norms-'));
    file = path.join(dir, 'frontdesk.sqlite');
    stores = openSqliteStores({ file });
  });

  afterEach(async () => {
    await stores.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets a notice key be claimed once, also from a second handle on the same file', async () => {
    const other = openSqliteStores({ file });
    try {
      expect(await stores.notices.claim('after-hours:c1:closed:2026-03-07T22:00:00.000Z', NOW)).toBe(true);
      expect(await other.notices.claim('after-hours:c1:closed:2026-03-07T22:00:00.000Z', NOW)).toBe(false);
      expect(await stores.notices.claim('after-hours:c1:closed:2026-03-07T22:00:00.000Z', NOW)).toBe(false);
      expect(await other.notices.claim('after-hours:c1:closed:2026-03-10T23:00:00.000Z', NOW)).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('claims each of many concurrent attempts on one key exactly once', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => stores.notices.claim('first-contact:cli_x', NOW)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('records urgent alerts with whom they reached, in order, and survives reopening', async () => {
    const client = await stores.clients.findOrCreateByAddress('+15555550101', 'sms', NOW);
    await stores.urgentAlerts.record(
      { clientId: client.id, keyword: 'locked out', text: 'locked out of my car', openNow: false, onCallName: 'Alex', notified: ['slack', 'sms'], outcome: 'on_call_notified' },
      NOW,
    );
    await stores.urgentAlerts.record(
      { clientId: client.id, keyword: 'urgent', text: 'urgent', openNow: true, onCallName: null, notified: [], outcome: 'queued' },
      new Date(NOW.getTime() + 60_000),
    );
    await stores.close();
    stores = openSqliteStores({ file });
    const alerts = await stores.urgentAlerts.list();
    expect(alerts.map((a) => [a.keyword, a.openNow, a.onCallName, a.notified, a.outcome, a.createdAt])).toEqual([
      ['locked out', false, 'Alex', ['slack', 'sms'], 'on_call_notified', '2026-03-08T03:00:00.000Z'],
      ['urgent', true, null, [], 'queued', '2026-03-08T03:01:00.000Z'],
    ]);
    expect(alerts[0].id).toMatch(/^urg_/);
  });

  it('refuses an alert for a client that does not exist', async () => {
    // Compared by message: the native module's error class may come from another test file's realm.
    const error = await stores.urgentAlerts
      .record({ clientId: 'cli_nobody', keyword: 'x', text: 'x', openNow: false, onCallName: null, notified: [], outcome: 'no_one_on_call' }, NOW)
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(String(error)).toMatch(/FOREIGN KEY/);
    expect(await stores.urgentAlerts.list()).toEqual([]);
  });
});
