// The hand-built demo business used by tests must stay faithful to the shipped YAML.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { ClockRange, WeeklyHours } from '../../bot/domain/types';
import { demoBusiness, hoursOnDays } from '../helpers/business';

type InSpanish<T> = T & { es?: Partial<T> };

interface DemoYaml {
  business: { name: string; zone: string; address: string; phone: string; website: string; currency: string; language: string; languages: string[] };
  hours: Record<string, string[]>;
  closures: InSpanish<{ date: string; name: string }>[];
  special_hours: InSpanish<{ date: string; name: string; hours: string[] }>[];
  services: InSpanish<{ id: string; name: string; minutes: number; price: number; aliases: string[] }>[];
  staff: InSpanish<{ id: string; name: string; services: string[]; days: string[]; aliases: string[] }>[];
  faqs: InSpanish<{ id: string; questions: string[]; keywords: string[]; answer: string }>[];
  policies: { min_notice_minutes: number; horizon_days: number; slot_step_minutes: number; late_cancel_hours: number };
}

const yaml = parse(readFileSync(join(__dirname, '../../bot/config/demo-business.yaml'), 'utf8')) as DemoYaml;
const fixture = demoBusiness();
const range = (text: string): ClockRange => {
  const [from, to] = text.split('-');
  return { from, to };
};
const weekly = (hours: Record<string, string[]>): WeeklyHours =>
  Object.fromEntries(Object.entries(hours).map(([day, list]) => [day, list.map(range)]));
/** The YAML's `es:` block is the domain's `translations.es`. */
const translated = <T extends { es?: object }>({ es, ...rest }: T) => (es ? { ...rest, translations: { es } } : rest);

describe('the demo business test fixture', () => {
  it('has the same identity, hours, closures and special hours as the YAML', () => {
    expect(fixture).toMatchObject(yaml.business);
    expect(fixture.hours).toEqual(weekly(yaml.hours));
    expect(fixture.closures).toEqual(yaml.closures.map(translated));
    expect(fixture.specialHours).toEqual(yaml.special_hours.map((s) => ({ ...translated(s), hours: s.hours.map(range) })));
  });

  it('has the same services, staff (business hours on their days), FAQs and policy', () => {
    expect(fixture.services).toEqual(yaml.services.map(translated));
    expect(fixture.staff).toEqual(
      yaml.staff.map(({ days, ...s }) => ({ ...translated(s), hours: hoursOnDays(weekly(yaml.hours), days as (keyof WeeklyHours)[]) })),
    );
    expect(fixture.faqs).toEqual(yaml.faqs.map(translated));
    expect(fixture.policy).toEqual({
      minNoticeMinutes: yaml.policies.min_notice_minutes,
      horizonDays: yaml.policies.horizon_days,
      slotStepMinutes: yaml.policies.slot_step_minutes,
      lateCancelHours: yaml.policies.late_cancel_hours,
    });
  });
});
