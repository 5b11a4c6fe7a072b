// Booking rules that depend only on the policy and the clock.
import type { Business } from './types';

/** Cancelling (or moving) closer to the start than the policy allows may carry a fee. */
export function isLateCancel(business: Business, start: number, now: number): boolean {
  return start - now < business.policy.lateCancelHours * 3_600_000;
}
