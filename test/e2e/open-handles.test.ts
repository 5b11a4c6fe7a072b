// Stopping the server leaves nothing running, as jest's own open-handle detection sees it: the
// scheduler-stop test is run in a child jest with --detectOpenHandles, which reports any timer,
// socket or server still holding the process. A fixture that leaves a timer shows the report.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const JEST = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
const OPEN_HANDLES = /open handles? potentially keeping Jest from exiting/;

function jestWithDetection(args: string[]): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [JEST, '--detectOpenHandles', '--forceExit=false', '--colors=false', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TZ: 'Asia/Kolkata', CI: 'true' },
    timeout: 120_000,
  });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}

describe("jest's open-handle detection", () => {
  it('finds nothing left open once the server with every periodic job has been closed', () => {
    const run = jestWithDetection(['--runTestsByPath', path.join(ROOT, 'test/e2e/scheduler-stop.test.ts')]);
    expect(run.output).toMatch(/Tests:\s+\d+ passed/);
    expect(run.output).not.toMatch(OPEN_HANDLES);
    expect(run.status).toBe(0);
  }, 130_000);

  it('reports a timer a test leaves waiting', () => {
    const fixture = path.join(ROOT, 'test/e2e/fixtures/leaves-a-timer.ts');
    const run = jestWithDetection(['--rootDir', ROOT, '--roots', path.dirname(fixture), '--testMatch', '**/leaves-a-timer.ts', '--runTestsByPath', fixture]);
    expect(run.output).toMatch(OPEN_HANDLES);
  }, 130_000);
});
