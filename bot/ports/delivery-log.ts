// Delivery status of outbound messages, per provider message id, as the provider reports it through
// status callbacks. Retrying transient failures is the outbound queue's job; this port only keeps
// what the provider said, and whether the address turned out to be unreachable.

export interface DeliveryRecord {
  providerId: string;
  address: string;
  channel: string;
  /** What the message was for ('reminder', 'staff_reply', ...); null when we did not send it ourselves. */
  kind: string | null;
  /** The provider's status word: queued, sent, delivered, undelivered, failed, read, ... */
  status: string;
  errorCode: string | null;
  /** The provider said the address cannot receive messages (landline, unknown number, ...). */
  unreachable: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface NewDelivery {
  providerId: string;
  address: string;
  channel: string;
  kind: string | null;
  status: string;
}

export interface DeliveryReport {
  providerId: string;
  address: string;
  channel: string;
  status: string;
  errorCode: string | null;
  unreachable: boolean;
}

export interface DeliveryLog {
  /** Records a message the provider accepted; a report that arrived first is kept. */
  recordSent(delivery: NewDelivery, now: Date): Promise<void>;
  /**
   * Applies a status report. Reports arrive out of order (a late "sent" after "delivered"), so a
   * report never moves a record back to an earlier stage. Creates the record for a message sent
   * elsewhere (a TwiML reply). Returns the record as it stands.
   */
  recordStatus(report: DeliveryReport, now: Date): Promise<DeliveryRecord>;
  get(providerId: string): Promise<DeliveryRecord | null>;
  /** Whether the latest finished delivery to the address failed as unreachable. */
  isUnreachable(address: string): Promise<boolean>;
}

/**
 * How far along a status is, so late reports can be recognised: accepted < sending < sent <
 * finished (delivered, undelivered, failed, canceled) < read. Unknown words count as the start.
 */
export function deliveryStage(status: string): number {
  switch (status) {
    case 'sending':
      return 1;
    case 'sent':
      return 2;
    case 'delivered':
    case 'undelivered':
    case 'failed':
    case 'canceled':
      return 3;
    case 'read':
      return 4;
    default:
      return 0;
  }
}

/** Statuses after which the provider will not try the message again. */
export const FINISHED_DELIVERY_STATUSES: readonly string[] = ['delivered', 'undelivered', 'failed', 'canceled', 'read'];
