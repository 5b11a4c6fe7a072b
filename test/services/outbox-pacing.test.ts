// The outbox job at a number's rate faster than one text a pass: one pass goes on at that pace
// while there is more to send, so 20 texts a second send 20 a second, not one a pass; at the
// default one a second, a pass sends one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadBusinessConfig } from '../../bot/config/business-config';
import { silentLogger } from '../../bot/log';
import type { MessageSender, OutboundMessage, SendResult } from '../../bot/ports/outbound';
import type { Stores } from '../../bot/ports/stores';
import { messageJobs } from '../../bot/services/message-scheduler';
import { OutboundService } from '../../bot/services/outbound-service';
import type { ReminderService } from '../../bot/services/reminder-service';
import { openSqliteStores } from '../../bot/store/sqlite';
import { at } from '../helpers/frontdesk-harness';

class RecordingSender implements MessageSender {
  readonly sent: OutboundMessage[] = [];
  async send(message: OutboundMessage): Promise<SendResult> {
    this.sent.push(message);
    return { ok: true, providerId: `SM${this.sent.length}`, segments: 1 };
  }
}

describe('the outbox job paces a pass at the number rate', () => {
  let dir: string;
  let stores: Stores;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'frontdesk-pacing-'));
    stores = openSqliteStores({ file: path.join(dir, 'frontdesk.sqlite') });
  });
  afterEach(async () => {
    await stores.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function onePass(ratePerSecond: number, count: number): Promise<RecordingSender> {
    const sender = new RecordingSender();
    const outbound = new OutboundService({
      business: loadBusinessConfig(),
      clients: stores.clients,
      consent: stores.consent,
      references: stores.references,
      outbox: stores.outbox,
      sender,
      logger: silentLogger(),
      options: { ratePerSecond, workerId: 'pacing' },
    });
    const now = at('2026-03-10T10:00');
    for (let i = 0; i < count; i++) await outbound.sendProactive({ address: `+1555555030${i}`, text: `t${i}`, kind: 'reminder' }, now);
    const { outbox } = messageJobs({ reminders: {} as ReminderService, outbound }, { intervalMs: 1000 });
    const result = await outbox.run(now);
    if (result && typeof result === 'object' && 'settled' in result) await result.settled;
    return sender;
  }

  it('sends many in one pass when the rate allows many a second', async () => {
    const sender = await onePass(20, 8);
    expect(sender.sent.map((m) => m.text)).toEqual(['t0', 't1', 't2', 't3', 't4', 't5', 't6', 't7']);
  });

  it('sends one a pass at one text a second', async () => {
    const sender = await onePass(1, 3);
    expect(sender.sent.map((m) => m.text)).toEqual(['t0']);
  });
});
