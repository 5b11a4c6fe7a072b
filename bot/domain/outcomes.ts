// Expected business outcomes that services return and dialogs act on: values, not errors. The
// wording for each lives in bot/text; these say only what happened.
import type { Closure, Service, StaffMember } from './types';

/** Why a time cannot be booked. */
export type Rejection =
  | { reason: 'past' }
  | { reason: 'too_soon'; minNoticeMinutes: number }
  /** `lastDate`: the last date a start can be booked on. */
  | { reason: 'too_far'; horizonDays: number; lastDate?: string }
  /** `weekly`: closed on that weekday every week (false: only that date, as special hours say). */
  | { reason: 'closed'; date: string; closure?: Closure | null; weekly?: boolean }
  | { reason: 'before_opening'; date: string; opensAt: number; zone: string }
  | { reason: 'after_closing'; date: string; closesAt: number; zone: string }
  /** `service` asked at `at` would end after that day's last closing, `closesAt`. */
  | { reason: 'runs_past_close'; service: Service; at: number; closesAt: number; zone: string; closure?: Closure | null }
  /** `service` asked at `at` would end in a break (or the part-day `closure`) that starts at `breakAt`. */
  | { reason: 'runs_into_break'; service: Service; at: number; breakAt: number; zone: string; closure?: Closure | null }
  /** A time in a break between open ranges or in a part-day `closure`; `reopensAt` when known. */
  | { reason: 'outside_hours'; date: string; hours: string; reopensAt?: number; zone?: string; closure?: Closure | null }
  | { reason: 'staff_off'; staff: StaffMember }
  /** Nobody who does `service` is working then (no one was asked for by name). */
  | { reason: 'nobody_in'; service: Service }
  | { reason: 'staff_does_not_offer'; staff: StaffMember; service: Service }
  | { reason: 'taken' }
  | { reason: 'just_taken' }
  /**
   * The client's own appointment (`service` at `at`) overlaps the time; `moveTo` is the time asked
   * for when moving that appointment there is offered instead.
   */
  | { reason: 'own_overlap'; service: Service; at: number; zone: string; moveTo: number | null };

/** A client's place in the take-a-number line, as they are told it. */
export interface QueuePlace {
  number: number;
  /** People served before them. */
  ahead: number;
  estimateMinutes: number;
  afterHours: boolean;
  /** Epoch ms of the next opening when after hours. */
  opensAt: number | null;
  state?: 'waiting' | 'claimed';
}
