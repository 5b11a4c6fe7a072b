// The evaluation scores Spanish beside English: the Spanish dev set kept in the repository, and
// the Spanish expressions when the shared set is there. Needs nothing outside the repository.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadBusinessConfig } from '../../bot/config/business-config';
import { main, runEval, SPANISH_DEV_FILE } from '../../bot/eval';
import { understand } from '../../bot/understanding';
import { understanderFor } from '../../bot/understanding/languages';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-eval-es-'));
}

const point = (id: string, text: string, start: string, grain: string, timeOnly = false) => ({
  id, text, reference: '2013-02-12T04:30:00-02:00', category: grain === 'day' ? 'date' : 'time', booking_core: true, lang: 'es',
  expected: { type: 'point', start, grain, ...(timeOnly ? { time_only: true } : {}) },
});

test('scores Spanish expressions as the English ones are scored, by category, with the non-times', () => {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'public'));
  const records = [
    point('es-1', 'mañana', '2013-02-13T00:00:00-02:00', 'day'),
    point('es-2', 'a las tres de la tarde', '2013-02-12T15:00:00-02:00', 'hour', true),
    // Expected a week late on purpose, to see a failure reported.
    point('es-3', 'el martes que viene', '2013-02-26T00:00:00-02:00', 'day'),
    { id: 'es-4', text: 'Hay 10 estudiantes.', reference: '2013-02-12T04:30:00-02:00', expected: null, category: 'negative', booking_core: false },
  ];
  fs.writeFileSync(path.join(dir, 'public', 'time_expressions_es.jsonl'), records.map((r) => JSON.stringify(r)).join('\n'));
  const figures = runEval(dir, loadBusinessConfig(), understand, understanderFor('es'));
  expect(figures.es?.bookingCore?.all).toEqual(expect.objectContaining({ right: 2, total: 3 }));
  expect(figures.es?.bookingCore?.categories.time).toEqual(expect.objectContaining({ right: 1, total: 1 }));
  expect(figures.es?.bookingCore?.failures.map((f) => f.id)).toEqual(['es-3']);
  expect(figures.es?.nonTimes?.falsePositive).toEqual(expect.objectContaining({ right: 0, total: 1 }));
});

test('reports the Spanish figures beside the English ones, in text and JSON', () => {
  const dir = tempDir();
  const text: string[] = [];
  expect(main(['--eval-dir', dir], (s) => text.push(s))).toBe(0);
  expect(text.join('\n')).toContain('understanding-dev-es.jsonl');
  const json: string[] = [];
  expect(main(['--eval-dir', dir, '--json'], (s) => json.push(s))).toBe(0);
  const figures = JSON.parse(json.join('\n')) as { spanish: { dev: { all: { total: number } } } };
  expect(figures.spanish.dev.all.total).toBeGreaterThanOrEqual(60);
});

test('the Spanish dev set is read right, case for case', () => {
  const dir = tempDir();
  const figures = runEval(dir, loadBusinessConfig(), understand, understanderFor('es'), SPANISH_DEV_FILE);
  expect(figures.es?.dev?.failures).toEqual([]);
  expect(figures.es?.dev?.all.total).toBeGreaterThanOrEqual(60);
});
