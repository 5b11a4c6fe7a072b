// Table tests of the time reader: each text read at a pinned New York time, only the fields named
// in a case compared.
import { loadBusinessConfig } from '../../bot/config/business-config';
import type { Business } from '../../bot/domain/types';
import { readWhen, type WhenReading } from '../../bot/understanding/datetime';
import { resolveNow } from '../../bot/understanding/reference';

const demo: Business = loadBusinessConfig();
const NY = 'America/New_York';

export type Expected = Partial<Pick<WhenReading, 'date' | 'time' | 'window'>>;
export type Case = [text: string, expected: Expected];

export function check(cases: Case[], now: string, business: Business = demo): void {
  test.each(cases)(`%s (sent ${now})`, (text, expected) => {
    const got = readWhen(text, { now: resolveNow(now, NY), business });
    const picked = Object.fromEntries(Object.keys(expected).map((k) => [k, got[k as keyof Expected]]));
    expect(picked).toEqual(expected);
  });
}
