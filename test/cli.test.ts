// The `frontdesk` command as a user runs it: a child process, real files, real exit codes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { openSqliteStores } from '../bot/store/sqlite';
import { DEMO_CONFIG_PATH } from '../bot/config/business-config';

const BIN = path.resolve(__dirname, '../bot/frontdesk.cjs');

function frontdesk(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent', ...options.env },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('frontdesk command', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'frontdesk-cli-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints usage with --help', () => {
    const r = frontdesk(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/frontdesk start/);
    expect(r.stdout).toMatch(/frontdesk appointments \[--json\]/);
  });

  it('reads one message with understand, at a given now and zone', () => {
    const r = frontdesk(['understand', '--now', '2026-06-17T14:00', 'could i get a haircut tomorrow at 2']);
    expect(r.status).toBe(0);
    const reading = JSON.parse(r.stdout);
    expect(reading).toMatchObject({ intent: 'book', service: 'haircut', date: '2026-06-18', time: '14:00', window: null, faq: null });
  });

  it('reads JSON lines from stdin and writes one line per input, in order, even after a bad line', () => {
    const input = [
      JSON.stringify({ text: 'cancel my appt please', now: '2026-06-17T14:00' }),
      'not json',
      JSON.stringify({ text: 'are you open saturday', now: '2026-06-17T14:00' }),
    ].join('\n');
    const r = frontdesk(['understand'], { input });
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0].intent).toBe('cancel');
    expect(lines[1].error).toBeDefined();
    expect(lines[2]).toMatchObject({ intent: 'faq', faq: 'hours', date: '2026-06-20' });
    expect(r.status).toBe(1);
  });

  it('reads in another zone with --tz', () => {
    const r = frontdesk(['understand', '--tz', 'UTC-2', '--now', '2013-02-12T04:30:00-02:00', 'tomorrow at 3pm']);
    expect(JSON.parse(r.stdout)).toMatchObject({ date: '2013-02-13', time: '15:00' });
  });

  it('reads Spanish with --lang es, and refuses a language it does not read', () => {
    const r = frontdesk(['understand', '--lang', 'es', '--now', '2026-06-17T14:00', 'quiero un corte mañana x la tarde']);
    expect(JSON.parse(r.stdout)).toMatchObject({ intent: 'book', service: 'haircut', date: '2026-06-18', window: { from: '12:00', to: '17:00' } });
    const wrong = frontdesk(['understand', '--lang', 'fr', 'bonjour']);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('--lang must be one of en, es');
  });

  it('passes the demo config and fails a broken one with paths and lines', () => {
    expect(frontdesk(['check-config', DEMO_CONFIG_PATH]).status).toBe(0);
    const broken = path.join(dir, 'broken.yaml');
    writeFileSync(broken, readFileSync(DEMO_CONFIG_PATH, 'utf8').replace('minutes: 30', "minutes: 30m").replace('tue: ["09:00-19:00"]', 'tues: ["09:00-19:00"]'));
    const r = frontdesk(['check-config', broken]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/services\[0\]\.minutes: expected a whole number of minutes, got '30m' \(line \d+\)/);
    expect(r.stdout).toMatch(/hours\.tues: unknown key; did you mean 'tue'\? \(line \d+\)/);
  });

  it('lists booked appointments as JSON from the same data directory', async () => {
    const dataDir = path.join(dir, 'data');
    const stores = openSqliteStores({ dataDir });
    const now = new Date('2026-03-10T14:00:00Z');
    const client = await stores.clients.findOrCreateByAddress('+15551230000', 'sms', now);
    await stores.clients.setName(client.id, 'Sam');
    const booked = await stores.appointments.book(
      { clientId: client.id, serviceId: 'haircut', staffId: 'barber', start: '2026-03-12T19:00:00.000Z', end: '2026-03-12T19:30:00.000Z' },
      now,
    );
    const cancelled = await stores.appointments.book(
      { clientId: client.id, serviceId: 'color', staffId: 'lead', start: '2026-03-13T14:00:00.000Z', end: '2026-03-13T15:30:00.000Z' },
      now,
    );
    if (!booked.ok || !cancelled.ok) throw new Error('setup failed');
    await stores.appointments.cancel(cancelled.appointment.id, now);
    await stores.close();

    const r = frontdesk(['appointments', '--json'], { env: { DATA_DIR: dataDir } });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        id: booked.appointment.id,
        client: { name: 'Sam', address: '+15551230000' },
        service: 'haircut',
        staff: 'Barber',
        start: '2026-03-12T19:00:00.000Z',
        end: '2026-03-12T19:30:00.000Z',
        status: 'booked',
        confirmed: false,
      },
    ]);
    const all = JSON.parse(frontdesk(['appointments', '--json', '--all'], { env: { DATA_DIR: dataDir } }).stdout);
    expect(all.map((a: { status: string }) => a.status)).toEqual(['booked', 'cancelled']);
    const later = JSON.parse(frontdesk(['appointments', '--json', '--from', '2026-03-13T00:00'], { env: { DATA_DIR: dataDir } }).stdout);
    expect(later).toEqual([]);
  });

  it('lists appointments from a missing DATA_DIR as an error, and leaves the directory missing', () => {
    const missing = path.join(dir, 'mistyped-data');
    const r = frontdesk(['appointments', '--json'], { env: { DATA_DIR: missing } });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(`no Frontdesk data in ${missing}`);
    expect(r.stdout).toBe('');
    expect(existsSync(missing)).toBe(false);
  });

  it('lists appointments from a directory without a data file as an error, and creates no data file there', () => {
    const empty = path.join(dir, 'empty-data');
    mkdirSync(empty);
    const r = frontdesk(['appointments'], { env: { DATA_DIR: empty } });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(`no Frontdesk data in ${empty}`);
    expect(readdirSync(empty)).toEqual([]);
  });

  it('reads only the first 1,000 characters of a 100 KB line in understand, as the server does, and goes on', () => {
    // "cancel" sits past the cap: read in full, the line would be a cancellation.
    const long = `${'haircut '.repeat(12_500)}cancel`;
    expect(long.length).toBeGreaterThan(100_000);
    const input = [JSON.stringify({ text: long, now: '2026-06-17T14:00' }), JSON.stringify({ text: 'cancel my appt please', now: '2026-06-17T14:00' })].join('\n');
    const r = frontdesk(['understand'], { input });
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ intent: 'book', service: 'haircut' });
    expect(lines[1]).toMatchObject({ intent: 'cancel' });
    expect(r.stderr).toMatch(/line 1 is longer than 1000 characters; read the first 1000/);
  });

  it('rejects an unknown command with usage and exit 1', () => {
    const r = frontdesk(['frobnicate']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/unknown command "frobnicate"/);
  });
});
