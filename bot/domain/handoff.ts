// The take-a-number queue's rules: serving order, place in line, the wait estimate, and when to tell
// a client they moved up or tell staff someone has waited too long. Pure: `now` is a parameter.
import { isOpenAt, nextOpening } from './hours';
import type { Business, HandoffSettings } from './types';

export const DEFAULT_HANDOFF_SETTINGS: HandoffSettings = {
  defaultHandlingMinutes: 10,
  averageOver: 10,
  notifyEveryMinutes: 5,
  nudgeAfterMinutes: 10,
  timeoutMinutes: 24 * 60,
  roundRobin: [],
};

export function handoffSettingsOf(business: Business): HandoffSettings {
  return { ...DEFAULT_HANDOFF_SETTINGS, ...(business.handoff ?? {}) };
}

/** The fields of a ticket that decide its place in line. */
export interface QueueEntry {
  urgent: boolean;
  createdAt: string;
  number: number;
}

/** Urgent first, then by time of request; the ticket number breaks ties within one instant. */
export function compareServingOrder(a: QueueEntry, b: QueueEntry): number {
  if (a.urgent !== b.urgent) return a.urgent ? -1 : 1;
  const byTime = Date.parse(a.createdAt) - Date.parse(b.createdAt);
  if (byTime !== 0) return byTime;
  return a.number - b.number;
}

/** Average handling time in minutes of the given durations, or the default without history. */
export function averageHandlingMinutes(handlingMillis: readonly number[], settings: HandoffSettings): number {
  const usable = handlingMillis.filter((ms) => Number.isFinite(ms) && ms >= 0).slice(0, settings.averageOver);
  if (usable.length === 0) return settings.defaultHandlingMinutes;
  return usable.reduce((sum, ms) => sum + ms, 0) / usable.length / 60_000;
}

export interface WaitEstimate {
  /** Whole minutes until a person should pick the conversation up. */
  minutes: number;
  /** True when the business is closed now, so the wait runs from the next opening. */
  afterHours: boolean;
  /** The next opening (epoch ms) when after hours, else null. */
  opensAt: number | null;
}

/**
 * The wait for someone with `ahead` people in front of them: each one ahead takes the average
 * handling time. After hours nobody is serving, so the wait starts at the next opening.
 */
export function estimateWait(business: Business, ahead: number, averageMinutes: number, now: number): WaitEstimate {
  const serving = Math.max(0, ahead) * averageMinutes;
  if (isOpenAt(business, now)) return { minutes: Math.round(serving), afterHours: false, opensAt: null };
  const opensAt = nextOpening(business, now);
  const untilOpen = opensAt === null ? 0 : (opensAt - now) / 60_000;
  return { minutes: Math.round(untilOpen + serving), afterHours: true, opensAt };
}

/** Tell a waiting client about a better place only when it improved and not too often. */
export function shouldTellMovedUp(
  ticket: { lastNotifiedPosition: number | null; lastNotifiedAt: string | null },
  position: number,
  settings: HandoffSettings,
  now: number,
): boolean {
  if (ticket.lastNotifiedPosition === null) return false;
  if (position >= ticket.lastNotifiedPosition) return false;
  if (ticket.lastNotifiedAt === null) return true;
  return now - Date.parse(ticket.lastNotifiedAt) >= settings.notifyEveryMinutes * 60_000;
}

/**
 * Remind staff of an unclaimed ticket once it has waited `nudgeAfterMinutes` while the business is
 * open, and again every `nudgeAfterMinutes` after that.
 */
export function shouldNudge(
  business: Business,
  ticket: { createdAt: string; nudgedAt: string | null },
  settings: HandoffSettings,
  now: number,
): boolean {
  if (!isOpenAt(business, now)) return false;
  const since = Date.parse(ticket.nudgedAt ?? ticket.createdAt);
  return now - since >= settings.nudgeAfterMinutes * 60_000;
}

export function hasTimedOut(ticket: { createdAt: string }, settings: HandoffSettings, now: number): boolean {
  return now - Date.parse(ticket.createdAt) >= settings.timeoutMinutes * 60_000;
}

/** Minutes between two instants, rounded down. */
export function minutesBetween(fromIso: string, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(fromIso)) / 60_000));
}

/** A phone number with all but its last four digits hidden; other addresses as they are. */
export function maskAddress(address: string): string {
  if (!/^\+\d{7,15}$/.test(address)) return address;
  const digits = address.slice(1);
  return `+${'•'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}
