// How many commits a turn costs on the SQLite store, over the real server and signed Twilio
// webhooks: the client's line is written with the conversation reference, the bot's lines with the
// dialog state, and the message log still holds every line in order once the reply is out.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DATA_FILE_NAME, openSqliteStores } from '../../bot/store/sqlite';
import type { Stores } from '../../bot/ports/stores';
import { startTwilioTestServer, type TwilioTestServer } from '../channels/twilio/twilio-test-server';

describe('commits of one SMS turn', () => {
  let dir: string;
  let twilio: TwilioTestServer;
  let stores: Stores;
  const trace: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'frontdesk-turn-commits-'));
    stores = openSqliteStores({ file: path.join(dir, DATA_FILE_NAME), trace: (sql) => trace.push(sql.replace(/\s+/g, ' ').trim()) });
    twilio = await startTwilioTestServer({ dataDir: dir, stores });
  });

  afterAll(async () => {
    await twilio?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The write statements of each transaction the turn committed, by table. */
  function transactions(): string[][] {
    const out: string[][] = [];
    let open: string[] | null = null;
    for (const sql of trace) {
      if (/^BEGIN/i.test(sql)) open = [];
      else if (/^COMMIT/i.test(sql)) {
        if (open && open.length > 0) out.push(open);
        open = null;
      } else {
        const table = /^(?:INSERT(?: OR IGNORE)? INTO|UPDATE) (\w+)/i.exec(sql)?.[1];
        if (!table) continue;
        if (open) open.push(table);
        else out.push([table]);
      }
    }
    return out;
  }

  it('writes the client\'s line with the reference and the replies with the dialog state', async () => {
    const client = '+15555550191';
    expect((await twilio.text(client, 'haircut friday at 3')).status).toBe(200);
    trace.length = 0;
    const reply = await twilio.text(client, 'Sam');
    expect(reply.messages.join(' ')).toMatch(/Sam/);
    // The word index follows the log on its own timer, whichever turn it lands in: not the turn's cost.
    const commits = transactions().filter((t) => !t.every((table) => table.startsWith('message_log_fts')));
    expect(commits).toContainEqual(['message_log', 'conversation_references']);
    expect(commits.some((t) => t.includes('state_items') && t.includes('message_log'))).toBe(true);
    // The claim, the client's line with the reference, the name, the replies with the state, the stored reply.
    expect(commits.length).toBeLessThanOrEqual(5);

    // The message log and the identity middleware share one lookup of the client.
    expect(trace.filter((sql) => /^SELECT .* FROM clients WHERE address/i.test(sql))).toHaveLength(1);

    const known = await stores.clients.findByAddress(client);
    const lines = await stores.messageLog.recentForClient(known!.id, 10);
    const sam = lines.findIndex((l) => l.direction === 'in' && l.text === 'Sam');
    expect(sam).toBeGreaterThan(0);
    expect(lines[0]).toMatchObject({ direction: 'in', text: 'haircut friday at 3' });
    const after = lines.slice(sam + 1);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((l) => l.direction === 'out')).toBe(true);
    expect(after[0]!.text).toMatch(/^Thanks, Sam!/);
  });
});
