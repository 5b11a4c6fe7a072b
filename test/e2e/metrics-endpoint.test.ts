// GET /metrics over real HTTP: what an operator scrapes after real signed webhooks — turns and their
// latency per channel, bookings, understanding misses, the handoff queue, outbound messages by kind
// and outcome, refused callers — and who may read it (this machine, or a bearer token).
import { BUSINESS_NUMBER, startTwilioTestServer, type TwilioTestServer } from '../channels/twilio/twilio-test-server';

/** The value of one sample line (`name{labels} value`), or null when the metric has no such sample. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | null {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-z_]+)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return null;
}

describe('GET /metrics', () => {
  let t: TwilioTestServer;

  afterEach(async () => {
    await t.close();
  });

  it('counts turns per channel, bookings, misses, the queue, outbound messages and refused callers', async () => {
    t = await startTwilioTestServer();
    const from = '+15555550121';
    expect((await t.text(from, 'haircut thursday at 3pm')).messages.join('\n')).toMatch(/what name/i);
    await t.text(from, 'Jordan');
    expect((await t.text(from, 'yes')).messages.join('\n')).toMatch(/^You're booked/);
    await t.text('+15555550122', 'blorp zzzt');
    await t.text('+15555550123', 'can I talk to a person');
    expect((await t.post('/api/twilio/messages', { From: '+15555550124', To: BUSINESS_NUMBER, Body: 'hi', MessageSid: 'SMforged' }, { signature: 'forged' })).status).toBe(403);

    const res = await fetch(`${t.server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(sample(text, 'frontdesk_turn_seconds_count', { channel: 'sms', outcome: 'ok' })).toBe(5);
    expect(sample(text, 'frontdesk_turn_seconds_bucket', { channel: 'sms', outcome: 'ok', le: '+Inf' })).toBe(5);
    expect(sample(text, 'frontdesk_bookings_total', { change: 'booked' })).toBe(1);
    expect(sample(text, 'frontdesk_understanding_misses_total', { channel: 'sms', why: 'fallback' })).toBe(1);
    expect(sample(text, 'frontdesk_handoff_waiting')).toBe(1);
    expect(sample(text, 'frontdesk_handoff_longest_wait_seconds')).toBe(0);
    expect(sample(text, 'frontdesk_rejected_requests_total', { route: '/api/twilio/messages', status: '403' })).toBe(1);
    expect(sample(text, 'frontdesk_store_errors_total')).toBeNull();

    t.setNow('2026-03-10T10:20');
    expect(sample(await (await fetch(`${t.server.url}/metrics`)).text(), 'frontdesk_handoff_longest_wait_seconds')).toBe(20 * 60);

    // The day before: the booking's reminder is planned into the outbox, and the client who waited
    // since yesterday is told the line timed out; at one text a second the one they wait for goes first.
    t.setNow('2026-03-11T15:00');
    await t.server.frontdesk.scheduler.tick();
    await t.server.frontdesk.outbound.idle();
    const first = await (await fetch(`${t.server.url}/metrics`)).text();
    expect(sample(first, 'frontdesk_outbound_messages_total', { kind: 'handoff_notice', outcome: 'sent' })).toBe(1);
    expect(sample(first, 'frontdesk_outbound_messages_total', { kind: 'reminder', outcome: 'queued' })).toBe(1);
    expect(sample(first, 'frontdesk_outbound_messages_total', { kind: 'reminder', outcome: 'sent' })).toBeNull();
    t.setNow('2026-03-11T15:00:01');
    await t.server.frontdesk.scheduler.tick();
    await t.server.frontdesk.outbound.idle();
    const then = await (await fetch(`${t.server.url}/metrics`)).text();
    expect(sample(then, 'frontdesk_outbound_messages_total', { kind: 'reminder', outcome: 'sent' })).toBe(1);
    expect(sample(then, 'frontdesk_handoff_waiting')).toBe(0);
  });

  it('asks for the bearer token when one is set, and refuses a wrong one', async () => {
    t = await startTwilioTestServer({ env: { FRONTDESK_METRICS_TOKEN: 'scrape-token-123' } });
    expect((await fetch(`${t.server.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${t.server.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-12' } })).status).toBe(401);
    const res = await fetch(`${t.server.url}/metrics`, { headers: { authorization: 'Bearer scrape-token-123' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^# HELP frontdesk_/m);
  });
});
