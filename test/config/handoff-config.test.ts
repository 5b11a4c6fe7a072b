import { readFileSync } from 'node:fs';
import { DEMO_CONFIG_PATH, parseBusinessConfig } from '../../bot/config/business-config';
import { DEFAULT_HANDOFF_SETTINGS, handoffSettingsOf } from '../../bot/domain/handoff';

const DEMO = readFileSync(DEMO_CONFIG_PATH, 'utf8').replace(/\nhandoff:[\s\S]*?(?=\n\S|$)/, '');

function withHandoff(yaml: string) {
  return parseBusinessConfig(`${DEMO.trimEnd()}\nhandoff:\n${yaml}`);
}

describe('business config: the handoff queue', () => {
  it('uses the defaults when the section is absent', () => {
    const result = parseBusinessConfig(DEMO);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(handoffSettingsOf(result.business)).toEqual(DEFAULT_HANDOFF_SETTINGS);
  });

  it('reads every setting and the round-robin list', () => {
    const result = withHandoff(
      [
        '  default_handling_minutes: 12',
        '  average_over: 5',
        '  notify_every_minutes: 3',
        '  nudge_after_minutes: 7',
        '  timeout_minutes: 240',
        '  round_robin:',
        '    - { slack: U012ABCDEF, name: Sam, staff: lead }',
        '    - { slack: U034GHIJKL, name: Kim }',
      ].join('\n'),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(handoffSettingsOf(result.business)).toEqual({
      defaultHandlingMinutes: 12,
      averageOver: 5,
      notifyEveryMinutes: 3,
      nudgeAfterMinutes: 7,
      timeoutMinutes: 240,
      roundRobin: [
        { consoleId: 'U012ABCDEF', name: 'Sam', staffId: 'lead' },
        { consoleId: 'U034GHIJKL', name: 'Kim', staffId: null },
      ],
    });
  });

  it.each([
    ['a negative wait', '  nudge_after_minutes: -3', 'handoff.nudge_after_minutes'],
    ['a Slack id that is not one', '  round_robin:\n    - { slack: sam, name: Sam }', 'handoff.round_robin[0].slack'],
  ])('names the problem with %s', (_label, yaml, where) => {
    const result = withHandoff(yaml);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path)).toContain(where);
    expect(result.problems.every((p) => p.line !== null)).toBe(true);
  });
});
