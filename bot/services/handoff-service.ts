// The take-a-number queue as the bot and the staff console use it: entering and leaving the line,
// claiming, replying, resolving, and the periodic work (moved-up messages, nudges, time-outs,
// round-robin). Plain TypeScript: what the line tells a client goes through the ClientMessenger
// port, which bot/app.ts fills with the outbox (lineMessages in outbound-service.ts).
import {
  averageHandlingMinutes,
  compareServingOrder,
  estimateWait,
  handoffSettingsOf,
  hasTimedOut,
  maskAddress,
  minutesBetween,
  shouldNudge,
  shouldTellMovedUp,
} from '../domain/handoff';
import { staffIntervalsOn } from '../domain/hours';
import { localDateOf } from '../domain/time';
import type { Business, Client, HandoffSettings, RoundRobinMember } from '../domain/types';
import type { Logger } from '../log';
import type {
  ClaimResult,
  ClientMessenger,
  CloseResult,
  HandoffReason,
  HandoffStore,
  HandoffTicket,
  LoggedMessage,
  MessageLog,
  StaffConsole,
} from '../ports/handoff';
import type { ClientStore } from '../ports/stores';
import type { QueuePlace } from '../domain/outcomes';
import type { Texts } from '../text/en';
import { speaking } from '../text/speaking';
import { languageForClient } from '../domain/localized';
import type { PeriodicJob } from './scheduler';

/** Stands in when no staff console is configured: tickets still queue and can be handled by API. */
export const noStaffConsole: StaffConsole = {
  ticketOpened: async () => null,
  clientMessage: async () => undefined,
  ticketChanged: async () => undefined,
  nudge: async () => undefined,
};

/** Texts beginning with this never reach the client: staff talking among themselves. */
export const INTERNAL_NOTE = /^\s*note\s*:/i;

/** How often the server looks for moved-up clients, nudges and time-outs. */
export const HANDOFF_TICK_MS = 30_000;

/** How many of the client's latest messages a new ticket's card shows. */
const CARD_MESSAGES = 5;

export interface HandoffRequest {
  clientId: string;
  channel: string;
  conversationId: string;
  reason: HandoffReason;
  urgent: boolean;
  /** What the client said when asking (already in the message log when it came through a turn). */
  text: string;
}

export interface QueueStanding {
  ticket: HandoffTicket;
  /** 1-based place among waiting tickets; null once claimed. */
  position: number | null;
  /** People served before this client. */
  ahead: number;
  estimateMinutes: number;
  afterHours: boolean;
  /** ISO instant of the next opening when after hours. */
  opensAt: string | null;
}

export interface RequestResult extends QueueStanding {
  /** False when the client was already in line (or held by staff) and keeps their place. */
  created: boolean;
}

export type LeaveResult = { ok: true; ticket: HandoffTicket } | { ok: false; reason: 'not_in_queue' };

export type StaffReplyResult =
  | { ok: true; delivered: boolean; internal: boolean }
  | { ok: false; reason: 'not_found' | 'not_owner' | 'not_active' | 'send_failed'; detail?: string };

export interface WaitingEntry {
  ticket: HandoffTicket;
  position: number;
  waitedMinutes: number;
  client: Client | null;
  maskedAddress: string;
}

export interface TickReport {
  movedUp: number;
  nudged: number;
  timedOut: number;
  assigned: number;
}

export interface HandoffServiceDeps {
  business: Business;
  tickets: HandoffStore;
  messages: MessageLog;
  clients: ClientStore;
  console: StaffConsole;
  messenger: ClientMessenger;
  texts: Texts;
  logger: Logger;
}

export class HandoffService {
  private readonly settings: HandoffSettings;
  private readonly staffConsole: StaffConsole;
  private readonly messenger: ClientMessenger;

  constructor(private readonly deps: HandoffServiceDeps) {
    this.settings = handoffSettingsOf(deps.business);
    this.staffConsole = deps.console;
    this.messenger = deps.messenger;
  }

  get store(): HandoffStore {
    return this.deps.tickets;
  }

  get messageLog(): MessageLog {
    return this.deps.messages;
  }

  /** Puts the client in line, or reports the place they already hold. */
  async request(input: HandoffRequest, now: Date): Promise<RequestResult> {
    const { ticket, created } = await this.deps.tickets.enqueue(
      { clientId: input.clientId, channel: input.channel, conversationId: input.conversationId, reason: input.reason, urgent: input.urgent },
      now,
    );
    const standing = await this.standingOf(ticket, now);
    if (!created) return { ...standing, created };

    if (standing.position !== null) await this.deps.tickets.markNotified(ticket.id, standing.position, now);
    this.deps.logger.info({ ticket: ticket.id, number: ticket.number, reason: ticket.reason, urgent: ticket.urgent, position: standing.position }, 'handoff requested');
    await this.openOnConsole(ticket, standing);
    return { ...standing, created };
  }

  /** Where a ticket stands now: place in line and the wait estimate. */
  async standingOf(ticket: HandoffTicket, now: Date): Promise<QueueStanding> {
    const position = ticket.state === 'waiting' ? await this.deps.tickets.position(ticket.id) : null;
    const ahead = position === null ? 0 : position - 1;
    const average = averageHandlingMinutes(await this.deps.tickets.recentHandlingMillis(this.settings.averageOver), this.settings);
    const wait = estimateWait(this.deps.business, ahead, average, now.getTime());
    return {
      ticket,
      position,
      ahead,
      estimateMinutes: wait.minutes,
      afterHours: wait.afterHours,
      opensAt: wait.opensAt === null ? null : new Date(wait.opensAt).toISOString(),
    };
  }

  /** The standing as the client-facing texts take it. */
  placeOf(standing: QueueStanding): QueuePlace {
    return {
      number: standing.ticket.number,
      ahead: standing.ahead,
      estimateMinutes: standing.estimateMinutes,
      afterHours: standing.afterHours,
      opensAt: standing.opensAt === null ? null : Date.parse(standing.opensAt),
      state: standing.ticket.state === 'claimed' ? 'claimed' : 'waiting',
    };
  }

  async activeFor(clientId: string): Promise<HandoffTicket | null> {
    return this.deps.tickets.activeForClient(clientId);
  }

  /** The client said "never mind": they leave the line (or the staff member's hands). */
  async leave(clientId: string, now: Date): Promise<LeaveResult> {
    const active = await this.deps.tickets.activeForClient(clientId);
    if (!active) return { ok: false, reason: 'not_in_queue' };
    const closed = await this.deps.tickets.abandon(active.id, now);
    if (!closed.ok) return { ok: false, reason: 'not_in_queue' };
    this.deps.logger.info({ ticket: active.id }, 'client left the queue');
    await this.tellConsole(() => this.staffConsole.ticketChanged(closed.ticket));
    return { ok: true, ticket: closed.ticket };
  }

  /** A staff member takes the conversation; exactly one of several at once wins. */
  async claim(ticketId: string, staffId: string, staffName: string | null, now: Date): Promise<ClaimResult> {
    const result = await this.deps.tickets.claim(ticketId, staffId, staffName, now);
    if (result.ok) await this.afterClaim(result.ticket, staffId, staffName, now);
    return result;
  }

  /** What follows a claim, however it was made: the console shows the owner, the client hears who took it. */
  private async afterClaim(ticket: HandoffTicket, staffId: string, staffName: string | null, now: Date): Promise<void> {
    this.deps.logger.info({ ticket: ticket.id, staff: staffId }, 'handoff claimed');
    await this.tellConsole(() => this.staffConsole.ticketChanged(ticket));
    await this.sendToClient(ticket, (t) => t.queueClaimed(staffName, this.deps.business), 'handoff_notice', now);
  }

  /**
   * A staff reply. Only the claimer's replies reach the client; a reply starting with "note:" is
   * kept in the log as internal and never sent.
   */
  async staffReply(ticketId: string, staffId: string, text: string, media: string[], now: Date): Promise<StaffReplyResult> {
    const ticket = await this.deps.tickets.get(ticketId);
    if (!ticket) return { ok: false, reason: 'not_found' };
    const internal = INTERNAL_NOTE.test(text);
    if (internal) {
      await this.deps.messages.append({
        clientId: ticket.clientId, channel: ticket.channel, direction: 'out', text, media, at: now.toISOString(),
        author: 'staff', staffId, internal: true,
      });
      return { ok: true, delivered: false, internal: true };
    }
    if (ticket.state !== 'claimed') return { ok: false, reason: ticket.state === 'waiting' ? 'not_owner' : 'not_active' };
    if (ticket.claimedBy !== staffId) return { ok: false, reason: 'not_owner' };
    const sent = await this.messenger.sendToClient(ticket.clientId, text, { kind: 'staff_reply', media, channel: ticket.channel });
    if (!sent.ok) {
      this.deps.logger.warn({ ticket: ticketId, reason: sent.reason }, 'staff reply not delivered');
      return { ok: false, reason: 'send_failed', detail: sent.reason };
    }
    await this.deps.messages.append({
      clientId: ticket.clientId, channel: ticket.channel, direction: 'out', text, media, at: now.toISOString(),
      author: 'staff', staffId, internal: false,
    });
    return { ok: true, delivered: true, internal: false };
  }

  /** Staff are done: the client hears they're back with the assistant, and the bot answers again. */
  async resolve(ticketId: string, by: string, now: Date, options: { tellClient?: boolean } = {}): Promise<CloseResult> {
    const result = await this.deps.tickets.resolve(ticketId, by, now);
    if (!result.ok) return result;
    this.deps.logger.info({ ticket: ticketId, by }, 'handoff resolved');
    await this.tellConsole(() => this.staffConsole.ticketChanged(result.ticket));
    if (options.tellClient !== false) await this.sendToClient(result.ticket, (t) => t.queueBackWithAssistant(), 'handoff_notice', now);
    return result;
  }

  /** The host (a Bot Framework handoff.status "failed") gave up: the bot takes the client back. */
  async abandon(ticketId: string, now: Date): Promise<CloseResult> {
    const result = await this.deps.tickets.abandon(ticketId, now);
    if (!result.ok) return result;
    await this.tellConsole(() => this.staffConsole.ticketChanged(result.ticket));
    return result;
  }

  /** Everyone waiting, in serving order, for the staff console's queue listing. */
  async waiting(now: Date): Promise<WaitingEntry[]> {
    const list = (await this.deps.tickets.listWaiting()).sort(compareServingOrder);
    const entries: WaitingEntry[] = [];
    for (const [index, ticket] of list.entries()) {
      const client = await this.deps.clients.get(ticket.clientId);
      entries.push({
        ticket,
        position: index + 1,
        waitedMinutes: minutesBetween(ticket.createdAt, now.getTime()),
        client,
        maskedAddress: client ? maskAddress(client.address) : '',
      });
    }
    return entries;
  }

  async ticketForThread(channel: string, ts: string): Promise<HandoffTicket | null> {
    return this.deps.tickets.findByStaffThread(channel, ts);
  }

  /**
   * A client's recent messages, for the console's history look-up: `query` is a phone number, an
   * address or (part of) a name. Null when no client matches.
   */
  async history(query: string, limit: number): Promise<{ client: Client; messages: LoggedMessage[] } | null> {
    const client = await this.findClient(query);
    if (!client) return null;
    return { client, messages: await this.deps.messages.recentForClient(client.id, limit) };
  }

  async findClient(query: string): Promise<Client | null> {
    const q = query.trim();
    if (q === '') return null;
    const digits = q.replace(/[^\d+]/g, '');
    if (/^\+?\d{7,15}$/.test(digits)) {
      const e164 = digits.startsWith('+') ? digits : digits.length === 10 ? `+1${digits}` : `+${digits}`;
      const byPhone = await this.deps.clients.findByAddress(e164);
      if (byPhone) return byPhone;
    }
    const byAddress = await this.deps.clients.findByAddress(q);
    if (byAddress) return byAddress;
    const lower = q.toLowerCase();
    const all = await this.deps.clients.list();
    return all.find((c) => c.name?.toLowerCase() === lower) ?? all.find((c) => c.name?.toLowerCase().includes(lower)) ?? null;
  }

  /**
   * An urgent message from a client already waiting: their ticket moves ahead of every non-urgent
   * one and the card is redrawn. Null when the ticket is no longer waiting.
   */
  async markUrgent(ticketId: string, now: Date): Promise<QueueStanding | null> {
    const ticket = await this.deps.tickets.markUrgent(ticketId);
    if (!ticket) return null;
    const standing = await this.standingOf(ticket, now);
    // The client hears about the urgent place now; no "you moved up" message for it later.
    if (standing.position !== null) await this.deps.tickets.markNotified(ticket.id, standing.position, now);
    this.deps.logger.info({ ticket: ticket.id, position: standing.position }, 'waiting ticket marked urgent');
    await this.tellConsole(() => this.staffConsole.ticketChanged(ticket));
    return standing;
  }

  /** A message from a client whose conversation is with staff: into the ticket's thread. */
  async relayFromClient(ticket: HandoffTicket, text: string, media: string[]): Promise<void> {
    await this.tellConsole(() => this.staffConsole.clientMessage(ticket, text, media));
  }

  /** The tick as a scheduler job: the scheduler runs it every `intervalMs` and stops it with the rest. */
  tickJob(intervalMs = HANDOFF_TICK_MS): PeriodicJob {
    return { name: 'handoff', intervalMs, watched: false, run: (now) => this.tick(now).then(() => undefined) };
  }

  /** Periodic work; safe to run from several processes (every change goes through the store). */
  async tick(now: Date): Promise<TickReport> {
    const report: TickReport = { movedUp: 0, nudged: 0, timedOut: 0, assigned: 0 };
    const at = now.getTime();
    let waiting = (await this.deps.tickets.listWaiting()).sort(compareServingOrder);

    for (const ticket of waiting) {
      if (!hasTimedOut(ticket, this.settings, at)) continue;
      const closed = await this.deps.tickets.markTimedOut(ticket.id, now);
      if (!closed.ok) continue;
      report.timedOut += 1;
      await this.tellConsole(() => this.staffConsole.ticketChanged(closed.ticket));
      await this.sendToClient(closed.ticket, (t) => t.queueTimedOut(this.deps.business), 'handoff_notice', now);
    }

    report.assigned = await this.assignRoundRobin(now);
    waiting = (await this.deps.tickets.listWaiting()).sort(compareServingOrder);
    const average = averageHandlingMinutes(await this.deps.tickets.recentHandlingMillis(this.settings.averageOver), this.settings);

    for (const [index, ticket] of waiting.entries()) {
      const position = index + 1;
      if (shouldTellMovedUp(ticket, position, this.settings, at)) {
        const wait = estimateWait(this.deps.business, position - 1, average, at);
        const place: QueuePlace = {
          number: ticket.number, ahead: position - 1, estimateMinutes: wait.minutes, afterHours: wait.afterHours, opensAt: wait.opensAt,
        };
        // Another process ticking at the same moment may have decided the same: only the one whose
        // record wins sends.
        const seen = { position: ticket.lastNotifiedPosition, at: ticket.lastNotifiedAt };
        if (await this.deps.tickets.claimMovedUpNotice(ticket.id, seen, position, now)) {
          await this.sendToClient(ticket, (t) => t.queueMovedUp(place), 'queue_update', now);
          report.movedUp += 1;
        }
      }
      if (shouldNudge(this.deps.business, ticket, this.settings, at)) {
        const firstNudge = ticket.nudgedAt === null;
        await this.deps.tickets.markNudged(ticket.id, now);
        await this.tellConsole(() => this.staffConsole.nudge(ticket, minutesBetween(ticket.createdAt, at)));
        if (firstNudge) await this.sendToClient(ticket, (t) => t.queueTakingLonger(), 'queue_update', now);
        report.nudged += 1;
      }
    }
    return report;
  }

  /**
   * Hands waiting tickets to on-shift members of the rotation who hold none, in turn. The turn is
   * kept in the store (the console id of the member last handed one), so a restart or another
   * process sharing the store carries on the same rotation; a member no longer in the rotation
   * starts it again from the first. Each hand-out is one atomic claim in the rotation's turn: when
   * another process handed one out first, the queue and the turn are read again.
   */
  private async assignRoundRobin(now: Date): Promise<number> {
    const members = this.settings.roundRobin;
    if (members.length === 0) return 0;
    let assigned = 0;
    // A pass hands out one ticket, or stops, or starts over after another process handed one out;
    // each member takes at most one, so twice the rotation's length bounds the passes.
    for (let pass = 0; pass < 2 * members.length; pass += 1) {
      const busy = new Set((await this.deps.tickets.listClaimed()).map((t) => t.claimedBy));
      const waiting = (await this.deps.tickets.listWaiting()).sort(compareServingOrder);
      const cursor = await this.deps.tickets.roundRobinCursor();
      const outcome = await this.handOutOne(members, waiting, busy, cursor, now);
      if (outcome === 'done') break;
      if (outcome === 'assigned') assigned += 1;
    }
    return assigned;
  }

  /** The first waiting ticket that the next free member in turn can take, claimed for them. */
  private async handOutOne(
    members: readonly RoundRobinMember[],
    waiting: readonly HandoffTicket[],
    busy: Set<string | null>,
    cursor: string | null,
    now: Date,
  ): Promise<'assigned' | 'retry' | 'done'> {
    const last = members.findIndex((m) => m.consoleId === cursor);
    for (const ticket of waiting) {
      const next = this.nextMember(members, last, busy, now.getTime());
      if (next === null) return 'done';
      const member = members[next] as RoundRobinMember;
      const result = await this.deps.tickets.claimInTurn(ticket.id, { consoleId: member.consoleId, name: member.name }, cursor, now);
      if (result.ok) {
        await this.afterClaim(result.ticket, member.consoleId, member.name, now);
        return 'assigned';
      }
      // Another process moved the turn or gave this member a ticket: read the queue again.
      if (result.reason === 'turn_moved' || result.reason === 'member_busy') return 'retry';
      // This ticket was taken or closed meanwhile: the same member may take the next one.
    }
    return 'done';
  }

  private nextMember(members: readonly RoundRobinMember[], last: number, busy: Set<string | null>, at: number): number | null {
    for (let step = 1; step <= members.length; step += 1) {
      const index = (last + step) % members.length;
      const member = members[index] as RoundRobinMember;
      if (busy.has(member.consoleId)) continue;
      if (member.staffId !== null && !this.onShift(member.staffId, at)) continue;
      return index;
    }
    return null;
  }

  private onShift(staffId: string, at: number): boolean {
    const date = localDateOf(at, this.deps.business.zone);
    return staffIntervalsOn(this.deps.business, staffId, date).some((i) => i.start <= at && at < i.end);
  }

  private async openOnConsole(ticket: HandoffTicket, standing: QueueStanding): Promise<void> {
    const client = await this.deps.clients.get(ticket.clientId);
    const lastMessages = await this.deps.messages.recentForClient(ticket.clientId, CARD_MESSAGES);
    const info = {
      clientName: client?.name ?? null,
      language: languageForClient(client, this.deps.business),
      maskedAddress: client ? maskAddress(client.address) : '',
      channel: ticket.channel,
      position: standing.position ?? 1,
      estimateMinutes: standing.estimateMinutes,
      lastMessages,
      media: lastMessages.flatMap((m) => m.media),
    };
    await this.tellConsole(async () => {
      const thread = await this.staffConsole.ticketOpened(ticket, info);
      if (thread) {
        await this.deps.tickets.setStaffThread(ticket.id, thread.channel, thread.ts);
        ticket.staffThread = thread;
      }
    });
  }

  /** A console failure (Slack down) must not lose the client's turn; the ticket is stored anyway. */
  private async tellConsole(call: () => Promise<void>): Promise<void> {
    try {
      await call();
    } catch (err) {
      this.deps.logger.error({ err }, 'staff console call failed');
    }
  }

  /** A notice to the ticket's client, said in their language (`say` picks the sentence from the catalogue). */
  private async sendToClient(ticket: HandoffTicket, say: (texts: Texts) => string, kind: string, now: Date): Promise<void> {
    const client = await this.deps.clients.get(ticket.clientId);
    const text = speaking(languageForClient(client, this.deps.business), () => say(this.deps.texts));
    const sent = await this.messenger.sendToClient(ticket.clientId, text, { kind, channel: ticket.channel }).catch((err: unknown) => {
      this.deps.logger.error({ err, kind }, 'could not message a client');
      return { ok: false as const, reason: 'error' };
    });
    if (!sent.ok) {
      this.deps.logger.warn({ ticket: ticket.id, kind, reason: sent.reason }, 'client message not delivered');
      return;
    }
    await this.deps.messages.append({
      clientId: ticket.clientId, channel: ticket.channel, direction: 'out', text, media: [], at: now.toISOString(), author: 'bot',
    });
  }
}
