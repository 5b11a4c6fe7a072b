// `frontdesk start` says first where to open the chat, and the page is there.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

it('prints "Open http://localhost:<port> to chat with <business>" first, and serves the chat page there', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'frontdesk-start-page-'));
  const child = spawn(process.execPath, [path.join(ROOT, 'bot/frontdesk.cjs'), 'start'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const deadline = Date.now() + 30_000;
    while (!output.includes('\n') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const first = output.split('\n')[0] ?? '';
    const match = /^Open (http:\/\/localhost:(\d+)) to chat with Maple Street Salon\b/.exec(first);
    expect(match).not.toBeNull();
    const page = await fetch(`http://127.0.0.1:${match![2]}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('<title>Chat with Maple Street Salon</title>');
  } finally {
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 40_000);
