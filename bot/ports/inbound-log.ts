// Inbound messages a provider delivered by webhook, one record per provider message id. Providers
// retry a webhook they think failed (a timeout, a dropped connection), so the id is claimed before
// the conversation turn runs and the reply is kept with it: a retry gets the same reply and never
// runs a second turn (a second booking).

export interface InboundMedia {
  contentType: string;
  url: string;
}

export interface InboundMessageRecord {
  /** The provider's id for the message (Twilio MessageSid). */
  messageId: string;
  channel: string;
  /** The client address: bare E.164 for phone numbers. */
  address: string;
  /** Media that came with the message, kept so staff can see it later. */
  media: InboundMedia[];
  state: 'processing' | 'done';
  /** The provider response produced by the turn (TwiML), once done. */
  response: string | null;
  /** ISO UTC instants. */
  receivedAt: string;
  completedAt: string | null;
}

export interface NewInboundMessage {
  messageId: string;
  channel: string;
  address: string;
  media: InboundMedia[];
}

export type ClaimResult = { claimed: true } | { claimed: false; record: InboundMessageRecord };

export interface InboundMessageLog {
  /**
   * Claims the message for this process, atomically: of any number of concurrent claims for one id
   * exactly one gets `claimed: true`. A claim still `processing` after `staleAfterMs` (its process
   * died mid-turn) may be taken over by a later claim.
   */
  claim(message: NewInboundMessage, now: Date, staleAfterMs: number): Promise<ClaimResult>;
  /** Stores the response for the claimed message and marks it done. */
  complete(messageId: string, response: string, now: Date): Promise<void>;
  /** Drops an unfinished claim (the turn failed before producing a reply), so a retry runs again. */
  release(messageId: string): Promise<void>;
  get(messageId: string): Promise<InboundMessageRecord | null>;
  /** When the address last wrote to us on the channel (ISO UTC), or null. */
  lastReceivedAt(address: string, channel: string): Promise<string | null>;
}
