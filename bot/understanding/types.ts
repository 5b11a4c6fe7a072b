// What the understanding layer reads from one message. Stable: `frontdesk understand` prints it and
// the evaluation scores it.

export type Intent =
  | 'book'
  | 'reschedule'
  | 'cancel'
  | 'list'
  | 'faq'
  | 'human'
  | 'stop'
  | 'start'
  | 'help'
  | 'yes'
  | 'no'
  | 'other';

export interface TimeWindow {
  from: string; // HH:MM, business zone
  to: string; // HH:MM, business zone (exclusive)
}

export interface Reading {
  intent: Intent;
  /** A service id of the business, or null. */
  service: string | null;
  /** YYYY-MM-DD in the business zone, or null. */
  date: string | null;
  /** HH:MM (24 h) in the business zone, or null. */
  time: string | null;
  window: TimeWindow | null;
  /** An FAQ id of the business (with intent `faq`), or null. */
  faq: string | null;
  /** A staff member id when the text names one ("with the barber"), or null. */
  staff: string | null;
}
