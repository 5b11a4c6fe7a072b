// A webhook delivery runs its turn once however often the provider sends it: the claim helper both
// webhook channels use, over a real SQLite file in a temp dir, with writes refused from a second
// connection (a trigger), as a full disk or a lock would refuse them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import pino from 'pino';
import type { NewInboundMessage } from '../../../bot/ports/inbound-log';
import type { Stores } from '../../../bot/ports/stores';
import { DATA_FILE_NAME, openSqliteStores } from '../../../bot/store/sqlite';
import { WebhookClaims, type WebhookClaimOptions } from '../../../channels/shared/webhook-claim';

const STALE_MS = 60_000;
const T0 = new Date('2026-03-10T09:00:00.000Z');
const ADDRESS = '+15555550199';

describe('WebhookClaims', () => {
  let dir: string;
  let stores: Stores;
  let now: Date;
  let logLines: Record<string, unknown>[];

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'frontdesk-claims-'));
    stores = openSqliteStores({ dataDir: dir });
    now = T0;
    logLines = [];
  });
  afterEach(async () => {
    await stores.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function claims(options: Partial<WebhookClaimOptions> = {}): WebhookClaims {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') logLines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    return new WebhookClaims({
      store: stores.inboundMessages,
      clock: () => now,
      logger: pino({ level: 'info' }, sink),
      staleAfterMs: STALE_MS,
      duplicateWaitMs: 2000,
      duplicatePollMs: 5,
      completePauseMs: 5,
      logFields: (messageSid) => ({ messageSid }),
      messages: { notRecorded: 'reply not stored', notReleased: 'claim not released' },
      ...options,
    });
  }

  function delivery(messageId: string): NewInboundMessage {
    return { messageId, channel: 'sms', address: ADDRESS, media: [] };
  }

  function onDataFile(sql: string): void {
    const db = new Database(path.join(dir, DATA_FILE_NAME));
    try {
      db.exec(sql);
    } finally {
      db.close();
    }
  }

  /** Refuses the next `times` writes of a message as done, then lets them through. */
  function refuseDone(times: number): void {
    // RAISE(FAIL) keeps the trigger's own update of the count, where ABORT would undo it.
    onDataFile(`
      CREATE TABLE refusals (left INTEGER NOT NULL);
      INSERT INTO refusals (left) VALUES (${times});
      CREATE TRIGGER refuse_done BEFORE UPDATE ON inbound_messages
      WHEN NEW.state = 'done' AND (SELECT left FROM refusals) > 0
      BEGIN UPDATE refusals SET left = left - 1; SELECT RAISE(FAIL, 'database or disk is full'); END;`);
  }

  function refusalsLeft(): number {
    const db = new Database(path.join(dir, DATA_FILE_NAME));
    try {
      return (db.prepare('SELECT left FROM refusals').get() as { left: number }).left;
    } finally {
      db.close();
    }
  }

  it('runs the first delivery once and answers a later one with its stored reply', async () => {
    const helper = claims();
    let turns = 0;
    const first = await helper.claim(delivery('SM1'), now);
    if (!first.claimed) throw new Error('the first delivery should be claimed');
    const outcome = await first.run(async () => {
      turns += 1;
      return '<Response>one</Response>';
    });
    expect(outcome).toEqual({ ok: true, response: '<Response>one</Response>' });

    const record = await stores.inboundMessages.get('SM1');
    expect(record).toMatchObject({ state: 'done', response: '<Response>one</Response>', completedAt: T0.toISOString() });
    now = new Date(T0.getTime() + 10 * STALE_MS);
    expect(await helper.claim(delivery('SM1'), now)).toEqual({ claimed: false, response: '<Response>one</Response>' });
    expect(turns).toBe(1);
  });

  it('gives exactly one of two concurrent deliveries the claim', async () => {
    const helper = claims({ duplicateWaitMs: 0 });
    const both = await Promise.all([helper.claim(delivery('SM2'), now), helper.claim(delivery('SM2'), now)]);
    expect(both.filter((c) => c.claimed)).toHaveLength(1);
    expect(both.find((c) => !c.claimed)).toEqual({ claimed: false, response: null });
  });

  it('does not run a duplicate that arrives mid-turn; it waits for the first one\'s reply', async () => {
    const helper = claims();
    let turns = 0;
    let finishTurn: () => void = () => undefined;
    const turnMayFinish = new Promise<void>((resolve) => {
      finishTurn = resolve;
    });
    const first = await helper.claim(delivery('SM3'), now);
    if (!first.claimed) throw new Error('the first delivery should be claimed');
    const running = first.run(async () => {
      turns += 1;
      await turnMayFinish;
      return '<Response>three</Response>';
    });

    const duplicate = helper.claim(delivery('SM3'), now);
    setTimeout(finishTurn, 30);
    expect(await duplicate).toEqual({ claimed: false, response: '<Response>three</Response>' });
    expect(await running).toEqual({ ok: true, response: '<Response>three</Response>' });
    expect(turns).toBe(1);
  });

  it('answers a duplicate with no reply, without waiting, when it is told not to wait', async () => {
    const helper = claims({ duplicateWaitMs: 0 });
    const first = await helper.claim(delivery('SM4'), now);
    expect(first.claimed).toBe(true);
    const started = Date.now();
    expect(await helper.claim(delivery('SM4'), now)).toEqual({ claimed: false, response: null });
    expect(Date.now() - started).toBeLessThan(200);
  });

  it('releases the claim of a failed turn, so the retry runs it', async () => {
    const helper = claims();
    let turns = 0;
    const first = await helper.claim(delivery('SM5'), now);
    if (!first.claimed) throw new Error('the first delivery should be claimed');
    const failure = new Error('state storage unavailable');
    const failed = await first.run(async () => {
      turns += 1;
      throw failure;
    });
    expect(failed).toEqual({ ok: false, error: failure });
    expect(await stores.inboundMessages.get('SM5')).toBeNull();

    const retry = await helper.claim(delivery('SM5'), now);
    if (!retry.claimed) throw new Error('the retry should be claimed');
    expect(await retry.run(async () => {
      turns += 1;
      return '<Response>five</Response>';
    })).toEqual({ ok: true, response: '<Response>five</Response>' });
    expect(turns).toBe(2);
  });

  it('stops a waiting duplicate as soon as the first one fails, with no reply', async () => {
    const helper = claims({ duplicateWaitMs: 5000 });
    const first = await helper.claim(delivery('SM6'), now);
    if (!first.claimed) throw new Error('the first delivery should be claimed');
    const started = Date.now();
    const duplicate = helper.claim(delivery('SM6'), now);
    const failed = first.run(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      throw new Error('state storage unavailable');
    });
    expect(await duplicate).toEqual({ claimed: false, response: null });
    expect((await failed).ok).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('retries recording a reply the store refuses at first', async () => {
    const helper = claims({ completeTries: 3 });
    refuseDone(2);
    const first = await helper.claim(delivery('SM7'), now);
    if (!first.claimed) throw new Error('the first delivery should be claimed');
    expect(await first.run(async () => '<Response>seven</Response>')).toEqual({ ok: true, response: '<Response>seven</Response>' });
    expect(refusalsLeft()).toBe(0);
    expect(await stores.inboundMessages.get('SM7')).toMatchObject({ state: 'done', response: '<Response>seven</Response>' });
    expect(logLines.filter((line) => line.msg === 'reply not stored')).toEqual([]);
  });

  it('keeps a reply the store never takes, so a retry gets it even after the claim goes stale', async () => {
    const helper = claims({ completeTries: 3 });
    refuseDone(1000);
    let turns = 0;
    const first = await helper.claim(delivery('SM8'), now);
    if (!first.claimed) throw new Error('the first delivery should be claimed');
    const outcome = await first.run(async () => {
      turns += 1;
      return '<Response>eight</Response>';
    });
    // The turn ran, so it is answered, and the claim is not given back.
    expect(outcome).toEqual({ ok: true, response: '<Response>eight</Response>' });
    expect(refusalsLeft()).toBe(997);
    expect(await stores.inboundMessages.get('SM8')).toMatchObject({ state: 'processing', response: null });

    now = new Date(T0.getTime() + 2 * STALE_MS);
    expect(await helper.claim(delivery('SM8'), now)).toEqual({ claimed: false, response: '<Response>eight</Response>' });
    expect(turns).toBe(1);

    const logged = logLines.filter((line) => line.msg === 'reply not stored');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 50, messageSid: 'SM8' });
    expect(JSON.stringify(logLines)).not.toContain(ADDRESS);
  });

  it('forgets the oldest kept reply beyond its limit', async () => {
    const helper = claims({ completeTries: 1, unstoredMax: 1, duplicateWaitMs: 0 });
    refuseDone(1000);
    for (const id of ['SM9a', 'SM9b']) {
      const claim = await helper.claim(delivery(id), now);
      if (!claim.claimed) throw new Error(`${id} should be claimed`);
      await claim.run(async () => `<Response>${id}</Response>`);
    }
    // SM9a is back to its claim in the store: still processing, so not run again before it goes stale.
    expect(await helper.claim(delivery('SM9a'), now)).toEqual({ claimed: false, response: null });
    expect(await helper.claim(delivery('SM9b'), now)).toEqual({ claimed: false, response: '<Response>SM9b</Response>' });
  });
});
