// What the business's norms need from a store (notices said once, urgent alerts recorded) and
// from the outside world (waking the person on call).
import type { OnCallEntry } from '../domain/types';

export interface NoticeLog {
  /**
   * Claims a once-only notice: true the first time a key is claimed, false ever after. Atomic, so
   * two processes handling one conversation never both say it.
   */
  claim(key: string, now: Date): Promise<boolean>;
}

export type UrgentOutcome = 'on_call_notified' | 'on_call_unreachable' | 'no_one_on_call' | 'queued' | 'callback';

export interface NewUrgentAlert {
  clientId: string;
  /** The configured keyword the message named. */
  keyword: string;
  text: string;
  /** Whether the business was open when the message came. */
  openNow: boolean;
  /** The on-call person's name when one was on shift. */
  onCallName: string | null;
  /** Channels the alert reached ('sms', 'slack'). */
  notified: string[];
  outcome: UrgentOutcome;
}

export interface UrgentAlert extends NewUrgentAlert {
  id: string;
  /** ISO UTC instant. */
  createdAt: string;
}

export interface UrgentAlertLog {
  record(alert: NewUrgentAlert, now: Date): Promise<UrgentAlert>;
  /** Every alert, oldest first. */
  list(): Promise<UrgentAlert[]>;
}

export type OnCallChannel = 'sms' | 'slack';

export type NotifyResult = { ok: true } | { ok: false; reason: string };

/** One way of reaching the person on call. */
export interface OnCallNotifier {
  readonly channel: OnCallChannel;
  /** Whether this entry can be reached this way (has a phone number, a Slack user id). */
  reaches(entry: OnCallEntry): boolean;
  notify(entry: OnCallEntry, text: string): Promise<NotifyResult>;
}
