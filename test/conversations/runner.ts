// Plays scenarios (./dsl.ts) against the real server on a free port: over /api/messages as a Bot
// Framework client in anonymous loopback mode (replies asked for in the response body, the
// conversation's serviceUrl a capture server), and over the signed Twilio messages webhook (replies
// in the TwiML, or through the capture server standing in for Twilio's Messages API). One server and
// one SQLite file per test file; each scenario gets its own client and sets the clock itself.
//
// A scenario marked `pending` runs as it.failing. To read why pending ones fail, run with
// CONVERSATIONS_RUN_PENDING=1 (they run as ordinary tests and print their transcript on failure);
// CONVERSATIONS_TRANSCRIPTS=1 prints the transcript of every scenario that passes.
import { DateTime } from 'luxon';
import { segmentCount } from '../../channels/twilio/sms-encoding';
import type { Appointment, Business } from '../../bot/domain/types';
import { at } from '../helpers/frontdesk-harness';
import { startTwilioTestServer, type TwilioTestServer } from '../channels/twilio/twilio-test-server';
import type { Ask, AppointmentFact, Fact, Scenario, StoreFacts, Transport, TurnExpect } from './dsl';

const TRANSPORTS: readonly Transport[] = ['botframework', 'sms'];

interface Line {
  who: 'client' | 'bot';
  text: string;
}

/** One client on one transport: `say` runs a turn and returns the texts of the bot's messages. */
interface Conversation {
  address: string;
  channel: string;
  say(text: string, now: Date): Promise<string[]>;
}

let nextActivity = 1;

function botFrameworkClient(t: TwilioTestServer, user: string): Conversation {
  return {
    address: `emulator:${user}`,
    channel: 'emulator',
    async say(text, now) {
      const res = await fetch(`${t.server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          id: `c${nextActivity++}`,
          channelId: 'emulator',
          serviceUrl: t.capture.url,
          from: { id: user, name: user },
          recipient: { id: 'frontdesk', name: 'Frontdesk' },
          conversation: { id: `conversation-${user}` },
          text,
          deliveryMode: 'expectReplies',
          timestamp: now.toISOString(),
        }),
      });
      if (res.status !== 200) throw new Error(`/api/messages answered ${res.status}: ${await res.text()}`);
      const body = (await res.json()) as { activities?: Array<{ type: string; text?: string }> } | null;
      return (body?.activities ?? []).filter((a) => a.type === 'message').map((a) => a.text ?? '');
    },
  };
}

function smsClient(t: TwilioTestServer, phone: string): Conversation {
  return {
    address: phone,
    channel: 'sms',
    async say(text) {
      const seen = t.capture.requests.length;
      const { status, messages } = await t.text(phone, text);
      if (status !== 200) throw new Error(`/api/twilio/messages answered ${status}`);
      const sent = t.capture.requests
        .slice(seen)
        .filter((r) => r.method === 'POST' && /\/Messages\.json$/.test(r.path) && r.form.To === phone)
        .map((r) => String(r.form.Body ?? ''));
      return [...messages, ...sent];
    },
  };
}

// ---- reading replies ---------------------------------------------------------------------------

/** What a reply asks for, in English or Spanish; a reply may ask for more than one thing. */
export function asksOf(reply: string): Set<Ask> {
  const asks = new Set<Ask>();
  if (/\bname\b[^?\n]*\?|\bnombre\b[^?\n]*\?/i.test(reply)) asks.add('name');
  if (/\(\s*yes\s*\/\s*no\s*\)|\byes or no\b|\(\s*s[ií]\s*\/\s*no\s*\)|\bs[ií] o no\b/i.test(reply)) asks.add('yes/no');
  if (/\breply 1\b|\bresponde 1\b|^\s*1\)|\bwhich (?:one|time|of (?:these|those))\b/im.test(reply)) asks.add('choice');
  if (/\bwhich (?:of your )?appointments?\b|\bwhich one do you mean\b|\bqu[ée] cita\b/i.test(reply)) asks.add('which-appointment');
  if (/\bwhat (?:day|time|date)\b|\bwhich (?:day|date)\b|\bwhen (?:would|do|should|works)\b|\bqu[ée] (?:d[ií]a|hora)\b|\bcu[áa]ndo quieres\b/i.test(reply)) asks.add('time');
  if (asks.size === 0 && !reply.includes('?')) asks.add('nothing');
  return asks;
}

function has(text: string, fact: Fact): boolean {
  return typeof fact === 'string' ? text.toLowerCase().includes(fact.toLowerCase()) : fact.test(text);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * The clock times a reply offers, in reply order, as wall-clock "yyyy-MM-ddTHH:mm": the numbered
 * options when there are any (so "outside our hours (9:00 AM-5:00 PM)" is not an offer), else every
 * time. A time takes the date written before it ("On Fri Mar 13 I have: 1) 9:00 AM"), else today's.
 */
export function offeredTimes(text: string, today: DateTime): string[] {
  const out: string[] = [];
  const times: string[] = [];
  let date = today.startOf('day');
  const pattern = /\b(?:mon|tue|wed|thu|fri|sat|sun)\w*,? (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w* (\d{1,2})\b|\b(\d{1,2}):(\d{2})\s?([AP]M)\b/gi;
  for (const line of text.split('\n')) {
    const isOption = /^\s*\d+\)/.test(line);
    for (const m of line.matchAll(pattern)) {
      const [, month, day, hour, minute, half] = m;
      if (month && day) {
        date = today.set({ month: MONTHS.indexOf(month.toLowerCase()) + 1, day: Number(day) }).startOf('day');
        if (date < today.startOf('day')) date = date.plus({ years: 1 });
        continue;
      }
      const h = (Number(hour) % 12) + (half?.toUpperCase() === 'PM' ? 12 : 0);
      const when = date.set({ hour: h, minute: Number(minute) }).toFormat("yyyy-MM-dd'T'HH:mm");
      times.push(when);
      if (isOption) out.push(when);
    }
  }
  return out.length > 0 ? out : times;
}

/**
 * Each statement of when we open in the text ("we open tomorrow at 9:00 AM", "We're open tomorrow,
 * 9:00 AM-7:00 PM"), as the time it names; the same opening said twice counts twice.
 */
export function openingsStated(text: string): string[] {
  return Array.from(text.matchAll(/\bopen(?:s|ing)?\b[^.\n;]*?\b(\d{1,2}(?::\d{2})?\s?[AP]M)\b/gi), (m) => (m[1] ?? '').replace(/\s/g, '').toUpperCase());
}

function checkTurn(expect: TurnExpect, replies: string[], transport: Transport, slotMinutes: number, today: DateTime): string[] {
  const problems: string[] = [];
  const all = replies.join('\n');
  const last = replies[replies.length - 1] ?? '';
  if (expect.silent === true && replies.length > 0) problems.push('expected no reply');
  if (expect.silent !== true && replies.length === 0) problems.push('expected a reply, got none');
  for (const fact of expect.mentions ?? []) if (!has(all, fact)) problems.push(`expected the replies to mention ${String(fact)}`);
  for (const fact of expect.notMentions ?? []) if (has(all, fact)) problems.push(`expected the replies not to mention ${String(fact)}`);
  const asks = asksOf(last);
  if (expect.asks && !asks.has(expect.asks)) problems.push(`expected the last reply to ask for ${expect.asks} (it asks: ${[...asks].join(', ') || 'something else'})`);
  for (const ask of expect.notAsks ?? []) if (asks.has(ask)) problems.push(`expected the last reply not to ask for ${ask}`);
  if (expect.offersInOrderAndSpread) {
    const times = offeredTimes(all, today).map((x) => DateTime.fromISO(x, { zone: today.zone }).toMillis() / 60_000);
    if (times.length < 2) problems.push(`expected at least two times offered, found ${times.length}`);
    for (let i = 1; i < times.length; i++) {
      const gap = (times[i] ?? 0) - (times[i - 1] ?? 0);
      if (gap < 0) problems.push('expected the offered times in time order');
      else if (gap <= slotMinutes) problems.push(`expected the offered times spread, two are ${gap} minutes apart`);
    }
  }
  if (expect.oneOpeningStated) {
    const openings = openingsStated(all);
    if (openings.length > 1) problems.push(`expected one statement of when we open, found ${openings.length} (${openings.join(', ')})`);
  }
  if (expect.firstSmsFitsOneSegment && transport === 'sms') {
    const first = replies[0] ?? '';
    if (segmentCount(first) > 1) problems.push(`expected the first SMS in one segment, it is ${first.length} characters`);
  }
  return [...new Set(problems)];
}

// ---- the store ---------------------------------------------------------------------------------

function local(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm");
}

function factOf(a: Appointment, zone: string): AppointmentFact {
  return { service: a.serviceId, start: local(a.start, zone), staff: a.staffId };
}

/** The start a fact means: a wall-clock time, or one of the times last offered ("offered:earliest"). */
function resolveStart(start: string, offers: readonly string[]): string {
  const pick = /^offered:(earliest|latest|first|last)$/.exec(start)?.[1];
  if (!pick) return start;
  const sorted = [...offers].sort();
  const chosen = pick === 'earliest' ? sorted[0] : pick === 'latest' ? sorted[sorted.length - 1] : pick === 'first' ? offers[0] : offers[offers.length - 1];
  return chosen ?? `(${start}: no times were offered)`;
}

function sameAppointment(want: AppointmentFact, got: AppointmentFact): boolean {
  return want.service === got.service && want.start === got.start && (want.staff === undefined || want.staff === got.staff);
}

function show(facts: AppointmentFact[]): string {
  return facts.length === 0 ? 'none' : facts.map((f) => `${f.service} ${f.start} ${f.staff ?? ''}`.trim()).join('; ');
}

async function checkStore(t: TwilioTestServer, address: string, facts: StoreFacts, business: Business, offers: readonly string[]): Promise<string[]> {
  const { stores } = t.server.frontdesk;
  const resolve = (list: AppointmentFact[] | undefined) => list?.map((f) => ({ ...f, start: resolveStart(f.start, offers) }));
  const want: StoreFacts = { ...facts, booked: resolve(facts.booked), cancelled: resolve(facts.cancelled) };
  const problems: string[] = [];
  const client = await stores.clients.findByAddress(address);
  const mine = client ? (await stores.appointments.list()).filter((a) => a.clientId === client.id) : [];
  const byStart = (a: Appointment, b: Appointment) => a.start.localeCompare(b.start);
  if (want.booked) {
    const booked = mine.filter((a) => a.status === 'booked').sort(byStart).map((a) => factOf(a, business.zone));
    const matches = booked.length === want.booked.length && want.booked.every((w, i) => sameAppointment(w, booked[i] as AppointmentFact));
    if (!matches) problems.push(`expected booked: ${show(want.booked)}; store has: ${show(booked)}`);
  }
  for (const w of want.cancelled ?? []) {
    const cancelled = mine.filter((a) => a.status === 'cancelled').map((a) => factOf(a, business.zone));
    if (!cancelled.some((c) => sameAppointment(w, c))) problems.push(`expected cancelled: ${show([w])}; cancelled in store: ${show(cancelled)}`);
  }
  if (want.name !== undefined && (client?.name ?? null) !== want.name) problems.push(`expected the client's name ${String(want.name)}, store has ${String(client?.name ?? null)}`);
  if (want.handoff) {
    const ticket = client ? await stores.handoffs.activeForClient(client.id) : null;
    const state = ticket?.state === 'waiting' ? 'waiting' : 'none';
    if (state !== want.handoff) problems.push(`expected handoff ${want.handoff}, store has ${ticket?.state ?? 'none'}`);
  }
  return problems;
}

/** Scenarios share one server: each starts with no one booked and no one waiting for a person. */
async function clearCalendar(t: TwilioTestServer, now: Date): Promise<void> {
  const { stores } = t.server.frontdesk;
  for (const a of await stores.appointments.list({ status: 'booked' })) await stores.appointments.cancel(a.id, now);
  for (const ticket of [...(await stores.handoffs.listWaiting()), ...(await stores.handoffs.listClaimed())]) await stores.handoffs.abandon(ticket.id, now);
}

async function seed(t: TwilioTestServer, scenario: Scenario, conversation: Conversation, other: string, business: Business): Promise<void> {
  const { stores } = t.server.frontdesk;
  const now = at(scenario.now, business.zone);
  const given = scenario.given;
  if (!given) return;
  const book = async (clientId: string, fact: AppointmentFact) => {
    const service = business.services.find((s) => s.id === fact.service);
    if (!service) throw new Error(`no service ${fact.service}`);
    const start = at(fact.start, business.zone);
    const end = new Date(start.getTime() + service.minutes * 60_000);
    const staffId = fact.staff ?? business.staff.find((s) => s.services.includes(service.id))?.id ?? '';
    const result = await stores.appointments.book({ clientId, serviceId: service.id, staffId, start: start.toISOString(), end: end.toISOString() }, now);
    if (!result.ok) throw new Error(`could not seed ${show([fact])}: ${result.reason}`);
  };
  if (given.name !== undefined || given.appointments) {
    const client = await stores.clients.findOrCreateByAddress(conversation.address, conversation.channel, now);
    if (given.name !== undefined) await stores.clients.setName(client.id, given.name);
    for (const fact of given.appointments ?? []) await book(client.id, fact);
  }
  // One other client per appointment: a client cannot hold two at once.
  for (const [i, fact] of (given.othersBooked ?? []).entries()) {
    const someone = await stores.clients.findOrCreateByAddress(`${other}${i}`, 'sms', now);
    await stores.clients.setName(someone.id, `Someone Else ${i + 1}`);
    await book(someone.id, fact);
  }
}

function transcriptOf(lines: Line[]): string {
  return lines.map((l) => (l.who === 'client' ? `  > ${l.text}` : `    ${l.text.replace(/\n/g, '\n    ')}`)).join('\n');
}

async function play(t: TwilioTestServer, scenario: Scenario, transport: Transport, n: number): Promise<void> {
  const business = t.server.frontdesk.business;
  // A fresh client per scenario: its own Bot Framework user and its own phone number.
  const conversation =
    transport === 'sms' ? smsClient(t, `+1555555${String(2000 + n).padStart(4, '0')}`) : botFrameworkClient(t, `web-client-${n}`);
  const other = `+155555${String(2000 + n).padStart(4, '0')}`;
  const slotMinutes = business.policy.slotStepMinutes;
  t.setNow(scenario.now);
  await clearCalendar(t, at(scenario.now, business.zone));
  await seed(t, scenario, conversation, other, business);
  const lines: Line[] = [];
  let offers: string[] = [];
  let clockAt = scenario.now;
  const fail = (turn: number, problems: string[]) => {
    throw new Error(`${scenario.name} [${transport}], turn ${turn}:\n- ${problems.join('\n- ')}\n${transcriptOf(lines)}`);
  };
  for (const [i, turn] of scenario.turns.entries()) {
    if (turn.at) t.setNow(turn.at);
    const replies = await conversation.say(turn.say, at(turn.at ?? clockAt, business.zone));
    clockAt = turn.at ?? clockAt;
    lines.push({ who: 'client', text: turn.say }, ...replies.map((text): Line => ({ who: 'bot', text })));
    const today = DateTime.fromJSDate(at(clockAt, business.zone), { zone: business.zone });
    const offered = offeredTimes(replies.join('\n'), today);
    if (offered.length >= 2) offers = offered;
    const problems = turn.expect ? checkTurn(turn.expect, replies, transport, slotMinutes, today) : replies.length === 0 ? ['expected a reply, got none'] : [];
    if (turn.expect?.store) problems.push(...(await checkStore(t, conversation.address, turn.expect.store, business, offers)));
    if (problems.length > 0) fail(i + 1, problems);
  }
  if (scenario.store) {
    const problems = await checkStore(t, conversation.address, scenario.store, business, offers);
    if (problems.length > 0) fail(scenario.turns.length, problems);
  }
  // CONVERSATIONS_TRANSCRIPTS=1 prints what was said in each scenario that passed, for reading.
  if (process.env.CONVERSATIONS_TRANSCRIPTS === '1') process.stdout.write(`${scenario.name} [${transport}]\n${transcriptOf(lines)}\n`);
}

function pendingOn(scenario: Scenario, transport: Transport): string | undefined {
  const pending = scenario.pending;
  return typeof pending === 'string' ? pending : pending?.[transport];
}

/** Registers one test per scenario and transport, pending ones as `it.failing`, on one server for the file. */
export function runScenarios(title: string, scenarios: readonly Scenario[]): void {
  describe(title, () => {
    let t: TwilioTestServer;

    beforeAll(async () => {
      t = await startTwilioTestServer();
    });

    afterAll(async () => {
      await t.close();
    });

    let n = 0;
    for (const scenario of scenarios) {
      for (const transport of scenario.transports ?? TRANSPORTS) {
        const id = ++n;
        // CONVERSATIONS_RUN_PENDING=1 runs pending scenarios as ordinary tests, to read why they fail.
        const pending = process.env.CONVERSATIONS_RUN_PENDING === '1' ? undefined : pendingOn(scenario, transport);
        const name = `${scenario.kind}: ${scenario.name} [${transport}]${pending ? ` (pending: ${pending})` : ''}`;
        (pending ? it.failing : it)(name, () => play(t, scenario, transport, id), 20_000);
      }
    }
  });
}
