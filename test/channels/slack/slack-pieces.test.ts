// The Slack channel's pure parts: signature checks with a pinned clock, body parsing, delivery ids,
// text conversion, file relaying, the ticket card in each state, reply buttons and settings.
import { readSettings, SettingsError } from '../../../bot/config/settings';
import type { HandoffTicket, LoggedMessage } from '../../../bot/ports/handoff';
import { replyBlocks, conversationIdFor, slackChannelOf } from '../../../channels/slack/slack-client-adapter';
import { relayableFiles, slackToPlain } from '../../../channels/slack/slack-channel';
import { deliveryIdOf, parseSlackBody } from '../../../channels/slack/slack-receiver';
import { enStaff } from '../../../bot/text/en';
import { CLAIM_ACTION, RESOLVE_ACTION, ticketCard } from '../../../channels/slack/ticket-card';
import { signSlackRequest, verifySlackSignature } from '../../../channels/slack/verify-signature';

describe('verifySlackSignature', () => {
  const secret = '8f742231b10e8888abcd99yyyzzz85a5';
  // Slack's documented example request.
  const body =
    'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
  const timestamp = '1531420618';
  const now = 1531420618 * 1000;

  it("matches Slack's documented example signature", () => {
    expect(signSlackRequest(secret, timestamp, body)).toBe('v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503');
    expect(verifySlackSignature(secret, { timestamp, signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503', rawBody: body }, now)).toEqual({ ok: true });
  });

  it.each([
    ['five minutes late is still fresh', 300, { ok: true }],
    ['five minutes and a second late is stale', 301, { ok: false, reason: 'stale' }],
    ['five minutes early is still fresh', -300, { ok: true }],
    ['five minutes and a second early is stale', -301, { ok: false, reason: 'stale' }],
  ])('%s', (_name, lateSeconds, expected) => {
    const signature = signSlackRequest(secret, timestamp, body);
    expect(verifySlackSignature(secret, { timestamp, signature, rawBody: body }, now + lateSeconds * 1000)).toEqual(expected);
  });

  it.each([
    ['no timestamp', { timestamp: undefined, signature: 'v0=ab' }, 'missing_headers'],
    ['no signature', { timestamp, signature: undefined }, 'missing_headers'],
    ['a timestamp that is not a number', { timestamp: '15314x0618', signature: 'v0=ab' }, 'missing_headers'],
    ['a short signature', { timestamp, signature: 'v0=ab' }, 'forged'],
    ['one changed hex digit', { timestamp, signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b504' }, 'forged'],
  ])('refuses %s', (_name, headers, reason) => {
    expect(verifySlackSignature(secret, { ...headers, rawBody: body }, now)).toEqual({ ok: false, reason });
  });
});

describe('parseSlackBody and deliveryIdOf', () => {
  it('reads Events API JSON, interactivity payloads and slash command forms', () => {
    expect(parseSlackBody('{"type":"event_callback","event_id":"Ev1"}', 'application/json')).toEqual({ ok: true, body: { type: 'event_callback', event_id: 'Ev1' } });
    expect(parseSlackBody(`payload=${encodeURIComponent('{"type":"block_actions","trigger_id":"t.1"}')}`, 'application/x-www-form-urlencoded')).toEqual({
      ok: true,
      body: { type: 'block_actions', trigger_id: 't.1' },
    });
    expect(parseSlackBody('command=%2Ffrontdesk&text=queue&trigger_id=t.2', 'application/x-www-form-urlencoded')).toEqual({
      ok: true,
      body: { command: '/frontdesk', text: 'queue', trigger_id: 't.2' },
    });
  });

  it.each([
    ['broken JSON', '{"type":', 'application/json'],
    ['a JSON array', '[1,2]', 'application/json'],
    ['a payload that is not an object', 'payload=%221%22', 'application/x-www-form-urlencoded'],
  ])('refuses %s', (_name, raw, type) => {
    expect(parseSlackBody(raw, type).ok).toBe(false);
  });

  it('names a delivery by its event id, else its trigger id', () => {
    expect(deliveryIdOf({ event_id: 'Ev1', trigger_id: 't' })).toBe('slack:event:Ev1');
    expect(deliveryIdOf({ trigger_id: 't.1' })).toBe('slack:trigger:t.1');
    expect(deliveryIdOf({ type: 'url_verification' })).toBeNull();
  });
});

describe('slackToPlain', () => {
  it.each([
    ['entities', 'Tom &amp; Jerry &lt;3 &gt;', 'Tom & Jerry <3 >'],
    ['labelled links', 'See <https://example.com/menu|our menu>', 'See our menu (https://example.com/menu)'],
    ['bare links', 'See <https://example.com>', 'See https://example.com'],
    ['mailto links', 'Write to <mailto:a@b.c|a@b.c>', 'Write to a@b.c'],
    ['mentions with labels', 'Ask <@U123|sam>', 'Ask sam'],
    ['special mentions', '<!here> hi', ' hi'],
  ])('flattens %s', (_name, input, output) => {
    expect(slackToPlain(input)).toBe(output);
  });
});

describe('relayableFiles', () => {
  it('relays files with a public link and names the private ones', () => {
    expect(
      relayableFiles([
        { name: 'car.jpg', mimetype: 'image/jpeg', url_private: 'https://files.slack.com/a', permalink_public: 'https://slack-files.com/T-F-x', public_url_shared: true },
        { name: 'invoice.pdf', mimetype: 'application/pdf', url_private: 'https://files.slack.com/b', permalink_public: 'https://slack-files.com/T-F-y', public_url_shared: false },
      ]),
    ).toEqual({ media: [{ name: 'car.jpg', mimetype: 'image/jpeg', url: 'https://slack-files.com/T-F-x' }], privateNames: ['invoice.pdf'] });
    expect(relayableFiles(undefined)).toEqual({ media: [], privateNames: [] });
  });
});

describe('ticketCard', () => {
  const ticket: HandoffTicket = {
    id: 'ticket-1', number: 7, clientId: 'client-1', channel: 'sms', conversationId: '+15555550142', reason: 'complaint', urgent: false,
    state: 'waiting', createdAt: '2026-03-10T14:00:00.000Z', claimedAt: null, claimedBy: null, claimedByName: null, resolvedAt: null,
    resolvedBy: null, lastNotifiedPosition: 1, lastNotifiedAt: null, nudgedAt: null, staffThread: null,
  };
  const message = (text: string, media: string[] = []): LoggedMessage => ({
    id: text, clientId: 'client-1', channel: 'sms', direction: 'in', text, media, at: '2026-03-10T13:59:00.000Z', author: 'client',
  });
  const input = {
    ticket, clientName: 'Dana <script>', maskedAddress: '+•••••••0142', language: 'es' as const, position: 2, estimateMinutes: 10,
    lastMessages: [message('my color came out green & I am upset'), message('', ['https://media.example/photo.jpg', 'ftp://x/y'])],
    media: ['https://media.example/photo.jpg', 'ftp://x/y'],
  };
  const flat = (blocks: unknown) => JSON.stringify(blocks);

  it('shows a waiting ticket with its place, messages, pictures and both buttons', () => {
    const card = ticketCard(input);
    expect(card.text).toBe('New conversation #7: Dana <script> on sms (a complaint)');
    const json = flat(card.blocks);
    expect(json).toContain('Dana &lt;script&gt;');
    expect(json).toContain('+•••••••0142');
    expect(json).toContain('2nd (about 10 min)');
    expect(json).toContain('*Language*\\nSpanish');
    expect(json).toContain('my color came out green &amp; I am upset');
    expect(card.blocks.filter((b) => b.type === 'image')).toEqual([{ type: 'image', image_url: 'https://media.example/photo.jpg', alt_text: enStaff.picture }]);
    const actions = card.blocks.find((b) => b.type === 'actions') as { elements: Array<{ action_id: string; value: string }> };
    expect(actions.elements.map((e) => [e.action_id, e.value])).toEqual([[CLAIM_ACTION, 'ticket-1'], [RESOLVE_ACTION, 'ticket-1']]);
  });

  it.each([
    ['claimed', { state: 'claimed' as const, claimedBy: 'U42' }, 'Claimed by <@U42>', [RESOLVE_ACTION]],
    ['resolved', { state: 'resolved' as const, resolvedBy: 'U42' }, 'Resolved by <@U42>', []],
    ['abandoned', { state: 'abandoned' as const, resolvedBy: 'client' }, 'The client left the line', []],
    ['timed out', { state: 'timed_out' as const, resolvedBy: 'system' }, 'Nobody picked this up in time', []],
    ['staff-view claimed', { state: 'claimed' as const, claimedBy: 'web:dana', claimedByName: 'Dana' }, 'Claimed by Dana —', [RESOLVE_ACTION]],
    ['staff-view resolved', { state: 'resolved' as const, claimedBy: 'web:dana', claimedByName: 'Dana', resolvedBy: 'web:dana' }, 'Resolved by Dana.', []],
    ['system resolved', { state: 'resolved' as const, resolvedBy: 'system' }, 'Resolved. The assistant', []],
  ])('redraws a %s ticket with its status and the buttons that still apply', (_name, change, status, buttons) => {
    const card = ticketCard({ ...input, ticket: { ...ticket, ...change }, position: null });
    expect(flat(card.blocks)).toContain(status);
    expect(flat(card.blocks)).toContain('*Language*\\nSpanish');
    expect(flat(card.blocks)).not.toContain('Place in line');
    const actions = card.blocks.find((b) => b.type === 'actions') as { elements: Array<{ action_id: string }> } | undefined;
    expect(actions?.elements.map((e) => e.action_id) ?? []).toEqual(buttons);
  });

  it('never mentions a staff-view login as a Slack user', () => {
    const claimed = flat(ticketCard({ ...input, ticket: { ...ticket, state: 'claimed', claimedBy: 'web:dana', claimedByName: 'Dana' }, position: null }).blocks);
    expect(claimed).not.toContain('<@web:dana>');
    const resolvedByAnother = flat(ticketCard({ ...input, ticket: { ...ticket, state: 'resolved', claimedBy: 'U42', claimedByName: 'Sam', resolvedBy: 'web:dana' }, position: null }).blocks);
    expect(resolvedByAnother).not.toContain('web:dana');
    expect(resolvedByAnother).toContain('Resolved. The assistant is back with the client.');
  });

  it('shows a Slack client as a mention and an unnamed one as such', () => {
    const card = ticketCard({ ...input, clientName: null, maskedAddress: 'slack:U0CLIENT1' });
    expect(flat(card.blocks)).toContain('<@U0CLIENT1>');
    expect(card.text).toBe('New conversation #7: <@U0CLIENT1> on sms (a complaint)');
  });
});

describe('Slack client replies', () => {
  it('turns choices into buttons that send back their values', () => {
    const blocks = replyBlocks({
      type: 'message',
      text: 'Which time? 1) 3:00 PM 2) 3:30 PM',
      suggestedActions: { to: [], actions: [{ type: 'imBack', title: '3:00 PM', value: '1' }, { type: 'imBack', title: '3:30 PM', value: '2' }] },
    });
    expect(blocks?.[1]).toEqual({
      type: 'actions',
      elements: [
        { type: 'button', action_id: 'frontdesk_choice_1', text: { type: 'plain_text', text: '3:00 PM' }, value: '1' },
        { type: 'button', action_id: 'frontdesk_choice_2', text: { type: 'plain_text', text: '3:30 PM' }, value: '2' },
      ],
    });
    expect(replyBlocks({ type: 'message', text: 'plain' })).toBeUndefined();
  });

  it('gives each person in a shared channel their own conversation, and a DM one per channel', () => {
    expect(conversationIdFor('D123', 'U1', true)).toBe('D123');
    expect(conversationIdFor('C123', 'U1', false)).toBe('C123:U1');
    expect(slackChannelOf('C123:U1')).toBe('C123');
    expect(slackChannelOf('D123')).toBe('D123');
  });
});

describe('Slack settings', () => {
  const problems = (env: NodeJS.ProcessEnv): string[] => {
    try {
      readSettings(env);
      return [];
    } catch (err) {
      if (err instanceof SettingsError) return err.problems;
      throw err;
    }
  };

  it('reads the Slack variables', () => {
    const s = readSettings({
      SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'secret', SLACK_STAFF_CHANNEL: 'C0STAFF',
      SLACK_CLIENT_CHANNELS: 'C0CLIENTA, C0CLIENTB', SLACK_API_URL: 'http://127.0.0.1:9999/api/',
    });
    expect([s.slackBotToken, s.slackSigningSecret, s.slackStaffChannel, s.slackClientChannels, s.slackApiUrl]).toEqual([
      'xoxb-1-2-abc', 'secret', 'C0STAFF', ['C0CLIENTA', 'C0CLIENTB'], 'http://127.0.0.1:9999/api',
    ]);
    expect(readSettings({}).slackSigningSecret).toBeUndefined();
  });

  it.each([
    ['a channel name instead of an id', { SLACK_STAFF_CHANNEL: '#staff' }, /SLACK_STAFF_CHANNEL must be a channel id/],
    ['a bad client channel', { SLACK_CLIENT_CHANNELS: 'C0OK, general' }, /SLACK_CLIENT_CHANNELS must list channel ids .*'general'/],
    ['the staff channel as a client channel', { SLACK_STAFF_CHANNEL: 'C0STAFF', SLACK_CLIENT_CHANNELS: 'C0STAFF' }, /must not include the staff channel/],
    ['a secret without a token', { SLACK_SIGNING_SECRET: 'secret' }, /SLACK_BOT_TOKEN is required when SLACK_SIGNING_SECRET is set/],
  ])('reports %s by name', (_name, env, message) => {
    expect(problems(env)).toEqual([expect.stringMatching(message)]);
  });
});
