// The norms sections of the owner's YAML: first contact, urgent keywords, the on-call rotation and
// FAQ templates, each problem reported with its path and line.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { checkConfigFile, DEMO_CONFIG_PATH, formatProblem, parseBusinessConfig } from '../../bot/config/business-config';

const demo = readFileSync(DEMO_CONFIG_PATH, 'utf8');
const ON_CALL = demo.slice(demo.indexOf('on_call:'));

function withOnCall(section: string): string {
  return demo.replace(ON_CALL, section);
}

function problems(text: string): string[] {
  const r = parseBusinessConfig(text);
  return r.ok ? [] : r.problems.map(formatProblem);
}

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

describe('norms in the config', () => {
  it('reads the demo rotation, keywords and an empty first-contact notice', () => {
    const r = parseBusinessConfig(demo);
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
    expect(r.business.norms?.firstContact).toBe('');
    expect(r.business.norms?.urgentKeywords).toEqual(['emergency', 'urgent', 'allergic reaction', 'chemical burn', 'locked out']);
    expect(r.business.norms?.onCall[0]).toEqual({
      name: 'Alex',
      days: ['tue', 'wed', 'thu', 'fri'],
      hours: { from: '19:00', to: '09:00' },
      phone: '+19735550143',
      slackUserId: 'U0ALEX0001',
    });
  });

  it('reads a business without any norms sections as having none', () => {
    const bare = demo.slice(0, demo.indexOf('# How this line behaves.'));
    const r = parseBusinessConfig(bare);
    expect(r.ok && r.business.norms).toEqual({ firstContact: '', urgentKeywords: [], onCall: [] });
  });

  it.each<[string, string, string]>([
    ['a bad phone number', 'on_call:\n  - { name: Alex, days: [sat], hours: "17:00-09:00", phone: "973-555-0143" }\n', "on_call[0].phone: expected a phone number in E.164 form like +15551234567, got '973-555-0143'"],
    ['a bad Slack user id', 'on_call:\n  - { name: Alex, days: [sat], hours: "17:00-09:00", slack: "@alex" }\n', "on_call[0].slack: expected a Slack user id like U012ABCDEF, got '@alex'"],
    ['no way to reach the person', 'on_call:\n  - { name: Alex, days: [sat], hours: "17:00-09:00" }\n', 'on_call[0]: give a phone number, a Slack user id (slack), or both, so the person can be reached'],
    ['a misspelt weekday', 'on_call:\n  - { name: Alex, days: [satday], hours: "17:00-09:00", phone: "+19735550143" }\n', "on_call[0].days[0]: unknown weekday 'satday'; did you mean 'sat'?"],
    ['a broken range', 'on_call:\n  - { name: Alex, days: [sat], hours: "5pm to 9am", phone: "+19735550143" }\n', "on_call[0].hours: expected a time range like '09:00-17:00', got '5pm to 9am'"],
    [
      'two shifts covering the same night',
      'on_call:\n  - { name: Alex, days: [fri], hours: "19:00-09:00", phone: "+19735550143" }\n  - { name: Sam, days: [sat], hours: "08:00-12:00", phone: "+19735550144" }\n',
      "on_call[1].hours: sat '08:00-12:00' overlaps the shift of Alex (on_call[0])",
    ],
  ])('reports %s with its path and line', (_label, section, message) => {
    const text = withOnCall(section);
    const found = problems(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(line \\d+\\)$`));
    const line = Number(/\(line (\d+)\)$/.exec(found[0])![1]);
    expect(line).toBeGreaterThanOrEqual(lineOf(text, 'on_call:'));
  });

  it('reports an FAQ template value that does not exist, naming the ones that do', () => {
    const text = demo.replace('answer: "Our prices: {prices}."', 'answer: "Our prices: {prices}. A perm is {price:perm}, open {opening_hours}."');
    const found = problems(text);
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^faqs\[3\]\.answer: unknown value \{price:perm\}; known: .*\{closures\}, \{next_opening\}, \{price:haircut\}.*\{duration:consultation\} \(line \d+\)$/);
    expect(found[1]).toMatch(/^faqs\[3\]\.answer: unknown value \{opening_hours\}/);
    expect(Number(/\(line (\d+)\)$/.exec(found[0])![1])).toBe(lineOf(text, 'answer: "Our prices:'));
  });

  it('accepts the service placeholders for a known service', () => {
    const text = demo.replace('answer: "Our prices: {prices}."', 'answer: "A haircut is {price:haircut} and takes {duration:haircut}. Closures: {closures}. Next opening: {next_opening}."');
    expect(problems(text)).toEqual([]);
  });

  it('rejects urgent keywords that are not words', () => {
    const text = demo.replace('keywords: [emergency, urgent, allergic reaction, chemical burn, locked out]', 'keywords: [emergency, 42]');
    expect(problems(text)).toEqual([expect.stringMatching(/^urgent\.keywords\[1\]: expected a word or phrase, got 42 \(line \d+\)$/)]);
  });

  it('is what check-config reports for a file with a broken rotation', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'frontdesk-norms-config-'));
    try {
      const file = path.join(dir, 'salon.yaml');
      const text = withOnCall('on_call:\n  - { name: Alex, days: [sat], hours: "17:00-09:00" }\n');
      writeFileSync(file, text);
      expect(checkConfigFile(file)).toEqual([
        { path: 'on_call[0]', message: 'give a phone number, a Slack user id (slack), or both, so the person can be reached', line: lineOf(text, '  - { name: Alex') },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
