// Every Redis key name of the store is built here, and only here: a key's shape is part of the
// schema (REDIS_SCHEMA_VERSION), so a reader of this file sees the whole layout. All keys are
// `<prefix>:v<schema>:...`; a part that comes from outside (an address, a state key) is always the
// last part, so it can never make one kind of key collide with another.

/** The version of the key layout; bump it when a key's shape or meaning changes. */
export const REDIS_SCHEMA_VERSION = 1;

export type RedisKeys = ReturnType<typeof redisKeys>;

export function redisKeys(prefix: string) {
  const base = `${prefix}:v${REDIS_SCHEMA_VERSION}`;
  const key = (...parts: string[]): string => `${base}:${parts.join(':')}`;

  return {
    /** The pattern that matches every key of this prefix and schema (for SCAN: export, clean-up). */
    all: `${base}:*`,
    /** A key the probe reads and writes (with a short expiry) to prove the store serves. */
    probe: (token: string) => key('probe', token),
    /** A counter handing out ever-increasing numbers, so records made in one instant keep their order. */
    sequence: key('seq'),

    // ---- appointments ----
    /** Hash: one appointment's fields. */
    appointment: (id: string) => key('appt', id),
    /** Sorted set of every appointment id by start (epoch ms): list(). */
    appointmentsByStart: key('appts', 'by-start'),
    /** Sorted set of `booked` appointment ids by start (epoch ms): findBookedBetween without a staff member. */
    bookedByStart: key('appts', 'booked'),
    /** Sorted set of one staff member's `booked` appointment ids by start: the overlap check. */
    staffBooked: (staffId: string) => key('appts', 'staff-booked', staffId),
    /** Sorted set of one client's `booked` appointment ids by start: own overlap, repeats, upcoming. */
    clientBooked: (clientId: string) => key('appts', 'client-booked', clientId),
    /**
     * Hash: appointment id -> its fields as JSON, for `booked` appointments only: a read of a day's
     * bookings takes them in one HMGET. The appointment's own hash stays the record; every script
     * that writes one writes this copy too (an id without a copy is read from its hash).
     */
    bookedCopies: key('appts', 'booked-fields'),
    /** String: the longest duration (ms) ever booked, the window an overlap check looks back over. */
    longestBooking: key('appts', 'longest-ms'),
    /** String: the id of the appointment an appointment was moved to. */
    movedTo: (id: string) => key('appt-moved-to', id),

    // ---- clients ----
    /** Hash: one client's fields. */
    client: (id: string) => key('client', id),
    /** String: the id of the client with this address (SET NX decides who creates it). */
    clientByAddress: (address: string) => key('client-by-address', address),
    /** Sorted set of every client id by creation sequence. */
    clients: key('clients'),

    // ---- callbacks ----
    /** Hash: one callback request. */
    callback: (id: string) => key('callback', id),
    /** Sorted set of open callback ids by creation sequence. */
    openCallbacks: key('callbacks', 'open'),

    // ---- consent ----
    /** Hash: an address's consent record (absent: never changed, so opted in). */
    consent: (address: string) => key('consent', address),

    // ---- conversation references and preferences ----
    /** Hash: channel -> the client's latest conversation reference (JSON) on it. */
    references: (clientId: string) => key('refs', clientId),
    /** Sorted set: channel by last use (sequence), most recent highest. */
    referenceChannels: (clientId: string) => key('ref-channels', clientId),
    /** Hash: a client's preferences (preferredChannel, zone). */
    preferences: (clientId: string) => key('prefs', clientId),

    // ---- norms ----
    /** String: when a once-only notice was claimed (SET NX). */
    notice: (noticeKey: string) => key('notice', noticeKey),
    /** String (JSON): one urgent alert. */
    urgentAlert: (id: string) => key('urgent', id),
    /** Sorted set of urgent alert ids by creation sequence. */
    urgentAlerts: key('urgents'),

    // ---- botbuilder state ----
    /** Hash: one state item (`value` JSON, `etag`). */
    state: (stateKey: string) => key('state', stateKey),

    // ---- messaging (outbox, inbound log, deliveries, handoffs, message log) ----
    // A `...Prefix` is the family a script appends an id to (`<prefix>` + id), so a script reaches a
    // record by id without spelling the key's shape itself.

    // the outbox: every proactive message is one row (the one job model)
    /** Hash: one outbound message's fields. */
    outboxMessage: (id: string) => key('out', id),
    outboxMessagePrefix: key('out', ''),
    /** String: the id of the message enqueued under this dedupe key (SET NX decides who enqueues). */
    outboxByDedupeKey: (dedupeKey: string) => key('out-by-key', dedupeKey),
    /** Sorted set of every message id by creation sequence: list(). */
    outboxAll: key('outbox', 'all'),
    /**
     * Sorted set of one sender key's `queued` messages in serving order: scored by priority band
     * and notBefore, members `<zero-padded sequence>|<id>` so messages of one instant keep their order.
     */
    outboxQueuedPrefix: key('outbox-queued', ''),
    outboxQueued: (senderKey: string) => key('outbox-queued', senderKey),
    /** Sorted set of `sending` message ids that hold a lease, by the lease's end (epoch ms). */
    outboxLeased: key('outbox', 'leased'),
    /** Set of the message ids in one status (status is one of OutboundStatus). */
    outboxStatusPrefix: key('outbox-status', ''),
    outboxStatus: (status: string) => key('outbox-status', status),
    /** Sorted set of every message id of one address by creation sequence: list({ address }). */
    outboxAddressPrefix: key('outbox-addr', ''),
    outboxAddress: (address: string) => key('outbox-addr', address),
    /**
     * Sorted set, by creation sequence, of an address's messages that still hold its order back:
     * queued, or sending under a lease (held-as-sent and finished ones leave it).
     */
    outboxAddressOpenPrefix: key('outbox-addr-open', ''),
    outboxAddressOpen: (address: string) => key('outbox-addr-open', address),
    /** Hash: sender key -> the epoch ms of its next send slot. */
    outboxSenderSlots: key('outbox', 'sender-slots'),
    /** Set of every sender key ever enqueued (a claim computes each one's gap beforehand). */
    outboxSenders: key('outbox', 'senders'),
    /** Sorted set of the message ids sent to one client, by sentAt (epoch ms): lastSent. */
    outboxSentPrefix: key('outbox-sent', ''),
    outboxSent: (clientId: string) => key('outbox-sent', clientId),

    // inbound webhook messages
    /** Hash: one inbound message receipt, by the provider's message id. */
    inboundMessage: (messageId: string) => key('inbound', messageId),
    /** Sorted set of message ids received from an address on a channel (an internal word), by receipt (ms). */
    inboundByAddress: (channel: string, address: string) => key('inbound-by-address', channel, address),

    // delivery status
    /** Hash: one outbound message's delivery record, by the provider's id. */
    delivery: (providerId: string) => key('delivery', providerId),
    /** Sorted set of an address's deliveries in a finished status, by last update (ms): isUnreachable. */
    deliveriesFinished: (address: string) => key('deliveries-finished', address),

    // the handoff queue
    /** Hash: one ticket's fields. */
    ticket: (id: string) => key('ticket', id),
    ticketPrefix: key('ticket', ''),
    /** Counter: the last ticket number handed out. */
    ticketNumber: key('tickets', 'number'),
    /** Set of waiting ticket ids (ordered by the domain's serving order when read). */
    ticketsWaiting: key('tickets', 'waiting'),
    /** Set of claimed ticket ids. */
    ticketsClaimed: key('tickets', 'claimed'),
    /** Sorted set of resolved tickets that had been claimed, by resolvedAt (ms): handling times. */
    ticketsResolved: key('tickets', 'resolved'),
    /** String: a client's active (waiting or claimed) ticket id (SET NX: one place in line). */
    activeTicket: (clientId: string) => key('ticket-active', clientId),
    activeTicketPrefix: key('ticket-active', ''),
    /** String: the ticket of a staff console thread; the thread is one JSON part, so no channel or ts can collide. */
    ticketByThread: (channel: string, ts: string) => key('ticket-by-thread', JSON.stringify([channel, ts])),
    /** String: the round-robin rotation's place (the console id of the member last handed a ticket). */
    rotationCursor: key('handoff', 'rotation'),

    // the message log
    /** Hash: one logged message, by its sequence number (zero-padded, so sets order it by sequence). */
    loggedMessage: (seq: string) => key('msg', seq),
    loggedMessagePrefix: key('msg', ''),
    /** Sorted set of a client's messages (padded sequence) by `at` (ms). */
    clientMessages: (clientId: string) => key('msgs-client', clientId),
    /** Sorted set of the messages (padded sequence) containing one folded word, by `at` (ms). */
    messageWord: (word: string) => key('msg-word', word),
    messageWordPrefix: key('msg-word', ''),
    /** Sorted set (all scores 0) of every indexed word, so a prefix finds its words by ZRANGEBYLEX. */
    messageWords: key('msgs', 'words'),
    /** Sorted set of the messages (padded sequence) whose words are not in the index yet, by `at` (ms). */
    messagesUnindexed: key('msgs', 'unindexed'),
  };
}
