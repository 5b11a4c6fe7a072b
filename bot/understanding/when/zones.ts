// Time zones named after a clock time ("8am PST"): the time is moved into the business's zone.

import { DateTime } from 'luxon';

const ZONE_ABBREVIATIONS: Record<string, string> = {
  gmt: 'UTC', utc: 'UTC', z: 'UTC', bst: 'UTC+1', cet: 'UTC+1', cest: 'UTC+2', eet: 'UTC+2', ist: 'UTC+5:30',
  est: 'UTC-5', edt: 'UTC-4', cst: 'UTC-6', cdt: 'UTC-5', mst: 'UTC-7', mdt: 'UTC-6', pst: 'UTC-8', pdt: 'UTC-7',
  et: 'America/New_York', ct: 'America/Chicago', mt: 'America/Denver', pt: 'America/Los_Angeles',
};

export const ZONE_AFTER_CLOCK = new RegExp(`^\\s*\\(?(${Object.keys(ZONE_ABBREVIATIONS).join('|')})\\)?(?![a-z])`);

/** Moves a wall-clock time on `date` from a named zone into `zone`; returns the new date and minutes. */
export function fromNamedZone(abbreviation: string, date: DateTime, minutes: number, zone: string): { date: DateTime; minutes: number } | null {
  const source = ZONE_ABBREVIATIONS[abbreviation];
  if (!source) return null;
  const there = DateTime.fromObject(
    { year: date.year, month: date.month, day: date.day, hour: Math.floor(minutes / 60), minute: minutes % 60 },
    { zone: source },
  );
  if (!there.isValid) return null;
  const here = there.setZone(zone);
  return { date: DateTime.utc(here.year, here.month, here.day), minutes: here.hour * 60 + here.minute };
}
