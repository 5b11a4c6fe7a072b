import { readFileSync } from 'node:fs';
import { DEMO_CONFIG_PATH, parseBusinessConfig } from '../../bot/config/business-config';

const DEMO = readFileSync(DEMO_CONFIG_PATH, 'utf8');
const lineCount = DEMO.split('\n').length;

function withSections(yaml: string) {
  return parseBusinessConfig(`${DEMO.trimEnd()}\n${yaml}`);
}

describe('business config: quiet hours, reminders and outbound rate', () => {
  it('defaults to quiet 21:00-08:00 and one reminder a day before', () => {
    const result = parseBusinessConfig(DEMO.replace(/\n(quiet_hours|reminders|outbound):[\s\S]*?(?=\n\S|$)/g, ''));
    expect(result.ok && result.business.messaging).toEqual({
      quietHours: { from: '21:00', to: '08:00' },
      reminders: [{ beforeMinutes: 1440 }],
      ratePerSecond: null,
    });
  });

  it('reads configured quiet hours, reminders and rate', () => {
    const result = withSections(
      "quiet_hours: '20:30-09:00'\nreminders:\n  - { before_minutes: 1440 }\n  - { before_minutes: 120 }\noutbound:\n  rate_per_second: 3\n",
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.business.messaging).toEqual({
      quietHours: { from: '20:30', to: '09:00' },
      reminders: [{ beforeMinutes: 1440 }, { beforeMinutes: 120 }],
      ratePerSecond: 3,
    });
  });

  it('treats an empty reminders list as no reminders', () => {
    const result = withSections('reminders: []\n');
    expect(result.ok && result.business.messaging?.reminders).toEqual([]);
  });

  it.each<[string, string, string, string]>([
    ['quiet hours that are not a range', "quiet_hours: 'late'\n", 'quiet_hours', "expected a time range like '09:00-17:00', got 'late'"],
    ['a reminder without minutes', 'reminders:\n  - { before: 60 }\n', 'reminders[0].before', "unknown key; did you mean 'before_minutes'?"],
    ['a reminder too close to the start', 'reminders:\n  - { before_minutes: 5 }\n', 'reminders[0].before_minutes', 'must be at least 15 minutes, got 5'],
    ['a reminder in hours', 'reminders:\n  - { before_minutes: 2.5 }\n', 'reminders[0].before_minutes', 'expected a whole number of minutes, got 2.5'],
    ['the same reminder twice', 'reminders:\n  - { before_minutes: 60 }\n  - { before_minutes: 60 }\n', 'reminders[1].before_minutes', 'duplicate reminder 60 minutes before (also reminders[0])'],
    ['a rate of zero', 'outbound:\n  rate_per_second: 0\n', 'outbound.rate_per_second', 'must be at least 0.01, got 0'],
    ['a misspelt rate', 'outbound:\n  rate: 2\n', 'outbound.rate', "unknown key; did you mean 'rate_per_second'?"],
  ])('reports %s with its path and line', (_name, yaml, path, message) => {
    const result = withSections(yaml);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const problem = result.problems.find((p) => p.path === path);
    expect(problem).toMatchObject({ message });
    expect(problem!.line).toBeGreaterThanOrEqual(lineCount);
  });
});
