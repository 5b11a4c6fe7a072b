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
    // Their keys go in this section.
  };
}
