import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../bot/eval';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-eval-'));
}

test('names the expected path and exits 2 when the evaluation data is missing', () => {
  const lines: string[] = [];
  const missing = path.join(tempDir(), 'nowhere');
  expect(main(['--eval-dir', missing], (s) => lines.push(s))).toBe(2);
  expect(lines.join('\n')).toContain(missing);
});

test('scores a dev file and reports the failures with expected and read values', () => {
  const dir = tempDir();
  const cases = [
    { id: 'a', now: '2026-06-17T14:00', text: 'haircut tomorrow at 2', expect: { date: '2026-06-18', time: '14:00' } },
    { id: 'b', now: '2026-06-17T14:00', text: 'friday morning', expect: { date: '2026-06-19', window: { from: '10:00', to: '12:00' } } },
  ];
  fs.writeFileSync(path.join(dir, 'understanding-dev.jsonl'), cases.map((c) => JSON.stringify(c)).join('\n'));
  const out: string[] = [];
  expect(main(['--eval-dir', dir, '--json'], (s) => out.push(s))).toBe(0);
  const figures = JSON.parse(out.join('\n')) as {
    dev: { all: { right: number; total: number }; fields: Record<string, { percent: number }>; failures: Array<{ id: string }> };
  };
  expect(figures.dev.all).toEqual(expect.objectContaining({ right: 1, total: 2 }));
  expect(figures.dev.fields.date!.percent).toBe(100);
  expect(figures.dev.fields.window!.percent).toBe(0);
  expect(figures.dev.failures.map((f) => f.id)).toEqual(['b']);
});
