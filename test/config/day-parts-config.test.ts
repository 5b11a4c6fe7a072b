import { readFileSync } from 'node:fs';
import { DEMO_CONFIG_PATH, formatProblem, parseBusinessConfig } from '../../bot/config/business-config';
import type { Business } from '../../bot/domain/types';
import { readWhen } from '../../bot/understanding/datetime';
import { resolveNow } from '../../bot/understanding/reference';

// The demo file without its own day_parts section, so each case writes the section it needs.
const DEMO = readFileSync(DEMO_CONFIG_PATH, 'utf8').replace(/\nday_parts:[\s\S]*?(?=\n\S|$)/, '');

function withDayParts(rows: string[]): ReturnType<typeof parseBusinessConfig> {
  return parseBusinessConfig(`${DEMO.trimEnd()}\nday_parts:\n${rows.map((r) => `  - ${r}`).join('\n')}\n`);
}

function business(rows: string[]): Business {
  const result = withDayParts(rows);
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.business;
}

function problems(rows: string[]): string[] {
  const result = withDayParts(rows);
  return result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
}

// Wednesday 17 June 2026, 10:00 in New York; the salon is open 09:00-19:00.
const NOW = resolveNow('2026-06-17T10:00', 'America/New_York');
const read = (text: string, b: Business) => readWhen(text, { now: NOW, business: b });

describe('business config: day_parts', () => {
  it('leaves the defaults alone when the section is absent', () => {
    const result = parseBusinessConfig(DEMO);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.business.dayParts).toBeUndefined();
    expect(read('lunchtime', result.business).window).toEqual({ from: '12:00', to: '13:30' });
  });

  it('the demo file adds "after school"', () => {
    const result = parseBusinessConfig(readFileSync(DEMO_CONFIG_PATH, 'utf8'));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.business.dayParts).toEqual([
      { name: 'after school', words: ['after school', 'when school gets out', 'school pickup'], from: '15:00', to: '17:00' },
    ]);
    expect(read('friday after school', result.business)).toEqual(
      expect.objectContaining({ date: '2026-06-19', window: { from: '15:00', to: '17:00' } }),
    );
  });

  it('adds a part of the owner\'s own in one row, read like the defaults', () => {
    const b = business(['{ name: after school, phrases: [after school, when school lets out], from: "15:00", to: "17:00" }']);
    expect(read('after school', b).window).toEqual({ from: '15:00', to: '17:00' });
    expect(read('thu when school lets out', b)).toEqual(expect.objectContaining({ date: '2026-06-18', window: { from: '15:00', to: '17:00' } }));
    expect(read('after school at 4', b).time).toBe('16:00');
  });

  it('changes a default part: new times replace the default, phrases are added to it', () => {
    const b = business([
      '{ name: lunchtime, phrases: [lunch break], from: "12:30", to: "14:00" }',
      '{ name: end of the day, to: closing, minutes: 30 }',
      '{ name: first thing, phrases: [crack of dawn], at: opening }',
    ]);
    expect(read('lunchtime', b).window).toEqual({ from: '12:30', to: '14:00' });
    expect(read('on my lunch break', b).window).toEqual({ from: '12:30', to: '14:00' });
    expect(read('end of day saturday', b)).toEqual(expect.objectContaining({ date: '2026-06-20', window: { from: '16:30', to: '17:00' } }));
    expect(read('crack of dawn tomorrow', b)).toEqual(expect.objectContaining({ date: '2026-06-18', time: '09:00' }));
  });

  it('a part relative to opening: from opening for 90 minutes', () => {
    const b = business(['{ name: early, phrases: [early doors], from: opening, minutes: 90 }']);
    expect(read('saturday early doors', b)).toEqual(expect.objectContaining({ date: '2026-06-20', window: { from: '09:00', to: '10:30' } }));
  });

  it('names each broken row and says what to write', () => {
    expect(problems(['{ name: after school, phrases: [after school] }'])).toEqual([
      'day_parts[0]: missing: a new part needs from and to (like \'15:00\' and \'17:00\') or at; known parts: morning, early morning, late morning, afternoon, early afternoon, late afternoon, evening, night, lunchtime, after work, first thing, end of the day',
    ]);
    expect(problems(['{ name: nap, phrases: [nap time], from: "15:00" }'])).toEqual(['day_parts[0]: give both from and to, or one of them and minutes']);
    expect(problems(['{ name: nap, phrases: [nap time], from: "15:00", to: "14:00" }'])).toEqual(['day_parts[0].to: must be later than from (15:00)']);
    expect(problems(['{ name: nap, phrases: [nap time], at: "15:00", to: "16:00" }'])).toEqual([
      'day_parts[0].at: give at for one time, or from/to for a window, not both',
    ]);
    expect(problems(['{ name: nap, phrases: [nap time], from: "3pm", to: "16:00" }'])).toEqual([
      "day_parts[0].from: expected a time like 15:00, or opening or closing, got '3pm'",
    ]);
    expect(problems(['{ name: nap, phrases: [nap time], from: "15:00", to: "16:00", minute: 30 }'])).toEqual([
      "day_parts[0].minute: unknown key; did you mean 'minutes'?",
    ]);
    expect(
      problems(['{ name: nap, phrases: [nap time], from: "15:00", to: "16:00" }', '{ name: siesta, phrases: [nap time], from: "14:00", to: "15:00" }']),
    ).toEqual(["day_parts[1].phrases[0]: 'nap time' already names day_parts[0]"]);
    expect(problems(['{ name: lunchtime, from: "12:00", to: "13:00" }', '{ name: Lunchtime, from: "12:00", to: "14:00" }'])).toEqual([
      "day_parts[1].name: duplicate part 'Lunchtime' (also day_parts[0])",
    ]);
  });
});
