// A process loads a channel's or a store's client library only when its settings use it: without
// Slack settings no @slack module (bolt, its Web API client and their dependencies: some megabytes
// of heap in every process), on the SQLite store no ioredis. Each case starts a real server in a
// fresh process (and loads the CLI's modules too, as `frontdesk start` does), so the modules it
// reports are its own.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

const SCRIPT = `
require('./bot/cli');
const { readSettings } = require('./bot/config/settings');
const { startServer } = require('./bot/index');
const { silentLogger } = require('./bot/log');
(async () => {
  const running = await startServer({ settings: readSettings(process.env, { port: 0 }), logger: silentLogger() });
  const res = await fetch(running.url + '/api/slack/events', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  const loaded = (name) => Object.keys(require.cache).filter((file) => file.includes('/node_modules/' + name + '/')).length;
  await running.close();
  process.stdout.write(JSON.stringify({ slackStatus: res.status, slack: loaded('@slack'), ioredis: loaded('ioredis') }));
})().catch((error) => { console.error(error); process.exit(1); });
`;

interface Report {
  slackStatus: number;
  slack: number;
  ioredis: number;
}

function startAndReport(env: Record<string, string>): Promise<Report> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-r', 'tsx/cjs', '-e', SCRIPT], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as Report);
    });
  });
}

describe('client libraries are loaded only when the settings use them', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'frontdesk-modules-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('on SQLite without Slack settings: no @slack module and no ioredis, and the Slack route says what to set', async () => {
    expect(await startAndReport({ DATA_DIR: dataDir })).toEqual({ slackStatus: 503, slack: 0, ioredis: 0 });
  }, 60_000);

  it('with a Slack bot token and signing secret: the Slack channel is loaded and its route checks signatures', async () => {
    const report = await startAndReport({
      DATA_DIR: dataDir,
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: 'test-signing-secret',
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
    });
    expect(report.slack).toBeGreaterThan(0);
    // An unsigned request is refused by the channel itself, not answered "not configured".
    expect(report.slackStatus).toBe(401);
    expect(report.ioredis).toBe(0);
  }, 60_000);
});
