// Consent: which addresses may receive messages from us. Carrier rules (CTIA, and Twilio's own
// filtering) say an address that opted out is never texted again until it opts back in, so every
// proactive send asks this port first. Addresses are the client address form used everywhere
// else: bare E.164 for phone numbers (SMS and WhatsApp share one), `channel:userId` otherwise.

export type ConsentStatus = 'opted_in' | 'opted_out';

export interface ConsentRecord {
  address: string;
  status: ConsentStatus;
  /** What changed it last: 'keyword' (STOP/START by text), 'carrier' (Twilio error 21610), ... */
  source: string;
  /** ISO UTC instant of the last change. */
  changedAt: string;
  /** Set when the carrier reported the address unreachable (30003/30005/30006); cleared by optIn. */
  unreachable?: { code: string; at: string };
}

export interface ConsentStore {
  /** Records an opt-out; idempotent (a second STOP keeps the first record's time). */
  optOut(address: string, source: string, now: Date): Promise<void>;
  /** Records an opt-in (START/UNSTOP, or a new booking after opting out); clears `unreachable`. */
  optIn(address: string, source: string, now: Date): Promise<void>;
  isOptedOut(address: string): Promise<boolean>;
  /** Notes that the carrier could not deliver to the address; it stays opted in. */
  markUnreachable?(address: string, code: string, now: Date): Promise<void>;
  /** The address's record, or null when it never changed (which means opted in). */
  get?(address: string): Promise<ConsentRecord | null>;
}
