// Signed Slack requests whose payloads Slack would never send: a 400 with a generic body before bolt
// sees them (bolt reads user.team_id and view.app_installed_team_id without looking, and failed
// with a 500), while well-formed ones are still acknowledged.
import { stringify } from 'node:querystring';
import { startSlackTestServer, type SlackTestServer } from './slack-test-server';

const payload = (value: unknown) => stringify({ payload: JSON.stringify(value) });

describe('malformed Slack payloads', () => {
  let slack: SlackTestServer;

  beforeAll(async () => {
    slack = await startSlackTestServer();
  });

  afterAll(async () => {
    await slack.close();
  });

  it.each<[string, string, string]>([
    ['a button click with no user', payload({ type: 'block_actions', actions: [{ action_id: 'frontdesk_claim', value: 't1' }] }), 'application/x-www-form-urlencoded'],
    ['a button click whose user is a number', payload({ type: 'block_actions', user: 5, actions: [] }), 'application/x-www-form-urlencoded'],
    ['actions that are not a list', payload({ type: 'block_actions', user: { id: 'U1' }, actions: 'x' }), 'application/x-www-form-urlencoded'],
    ['an action value that is a number', payload({ type: 'block_actions', user: { id: 'U1' }, actions: [{ action_id: 'frontdesk_claim', value: 5 }] }), 'application/x-www-form-urlencoded'],
    ['a channel that is a string', payload({ type: 'block_actions', user: { id: 'U1' }, channel: 'C1', actions: [] }), 'application/x-www-form-urlencoded'],
    ['a modal submission without its view', payload({ type: 'view_submission', user: { id: 'U1' }, view: null }), 'application/x-www-form-urlencoded'],
    ['a shortcut with no user', payload({ type: 'shortcut', callback_id: 5 }), 'application/x-www-form-urlencoded'],
    ['a menu lookup with no user', payload({ type: 'block_suggestion' }), 'application/x-www-form-urlencoded'],
    ['an event that is a string', JSON.stringify({ type: 'event_callback', event_id: 'EvJunk1', event: 'x' }), 'application/json'],
    ['an event that is null', JSON.stringify({ type: 'event_callback', event_id: 'EvJunk2', event: null }), 'application/json'],
    ['an event whose channel is null', JSON.stringify({ type: 'event_callback', event_id: 'EvJunk3', event: { type: 'message', channel: null } }), 'application/json'],
    ['authorizations that are not a list', JSON.stringify({ type: 'event_callback', event_id: 'EvJunk4', authorizations: 'x', event: { type: 'message' } }), 'application/json'],
  ])('answers 400 for %s', async (_label, body, contentType) => {
    const res = await slack.post(body, contentType);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'slack_bad_request', message: 'malformed payload' });
  });

  it('answers 400 with a generic body for JSON that does not parse, without quoting it back', async () => {
    const res = await slack.post('{"type": "event_callback", "secret": "https://evil.example.test', 'application/json');
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toMatch(/evil|https?:|JSON/);
  });

  it('still acknowledges a well-formed click that matches no ticket', async () => {
    const res = await slack.post(payload({ type: 'block_actions', user: { id: 'U1', team_id: 'TFRONTDESK' }, team: { id: 'TFRONTDESK' }, actions: [] }), 'application/x-www-form-urlencoded');
    expect(res.status).toBe(200);
    await slack.settle();
  });
});
