// Hours, answers and norms over the real server's /api/messages (expectReplies), with Slack's Web
// API stood in for by a local capture server through SLACK_API_URL, so the on-call DM is seen.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readSettings } from '../../bot/config/settings';
import { startServer, type RunningServer } from '../../bot/index';
import { silentLogger } from '../../bot/log';
import { at } from '../helpers/frontdesk-harness';
import { say, turn } from '../helpers/bot-framework-client';
import { startCaptureServer } from '../helpers/capture-server';
import { startSlackCapture, type SlackCapture } from '../helpers/slack-capture';


describe('hours, answers and norms over /api/messages', () => {
  let dataDir: string;
  let slack: SlackCapture;
  let server: RunningServer;
  let now = at('2026-03-07T20:00'); // Saturday evening, after the 17:00 close: Alex is on call

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'frontdesk-norms-e2e-'));
    slack = await startSlackCapture();
    server = await startServer({
      settings: readSettings({ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_API_URL: slack.url }, { dataDir, port: 0 }),
      clock: () => now,
      logger: silentLogger(),
    });
  });

  afterAll(async () => {
    await server.close();
    await slack.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers an FAQ after hours with the after-hours notice first, and the notice only once', async () => {
    expect(await say(server, 'web-1', 'is there parking?')).toEqual([
      "We're closed now and open Tuesday at 9:00 AM; I can still help by text.",
      "There's free parking in the lot behind the salon (enter from Elm Street), and metered street parking on Maple Street.",
    ]);
    expect(await say(server, 'web-1', 'how much is a haircut')).toEqual(['Haircut is $45 and takes about 30 minutes.']);
  });

  it('alerts the person on call by Slack DM for an urgent message after hours, tells the client who, and records it', async () => {
    const since = slack.calls.length;
    const replies = await say(server, 'web-2', "Emergency: I'm having an allergic reaction to the dye from today");
    expect(replies).toEqual(["I've alerted our on-call person, Alex; they'll contact you shortly."]);
    const dm = await slack.waitFor('chat.postMessage', (args) => args.channel === 'U0ALEX0001', since);
    expect(dm.token).toBe('xoxb-test-token');
    expect(String(dm.args.text)).toMatch(/^Urgent message for Maple Street Salon from emulator:web-2: "Emergency: I'm having an allergic reaction/);
    const alerts = await server.frontdesk.stores.urgentAlerts.list();
    expect(alerts.map((a) => [a.keyword, a.openNow, a.onCallName, a.notified, a.outcome])).toEqual([
      ['emergency', false, 'Alex', ['slack'], 'on_call_notified'],
    ]);
  });

  it('offers a person for an unknown question, and a yes after hours queues the client for opening', async () => {
    expect(await say(server, 'web-3', 'do you do eyebrow waxing?')).toEqual([
      "We're closed now and open Tuesday at 9:00 AM; I can still help by text.",
      "I'm not sure about that — want me to ask someone?",
    ]);
    const sent = await turn(server, 'web-3', 'yes please');
    expect(sent.filter((a) => a.type === 'message').map((a) => a.text)).toEqual([
      `We're closed now. We open Tuesday at 9:00 AM; I've put you in line and someone will text you then. You're number 1, next in line. Say "never mind" to go back to our assistant.`,
    ]);
    // The host hears about it the same way as in open hours.
    const initiate = sent.find((a) => a.type === 'event');
    expect(initiate).toMatchObject({ name: 'handoff.initiate', value: { number: 1, reason: 'faq_miss', urgent: false, position: 1 } });
    const waiting = await server.frontdesk.stores.handoffs.listWaiting();
    expect(waiting.map((t) => t.reason)).toEqual(['faq_miss']);
  });

  it('puts an urgent message nobody on call can take at the front of the line with a handoff.initiate event', async () => {
    now = at('2026-03-09T23:30'); // Monday night: Jordan's shift, and Jordan has neither Slack nor Twilio here
    const sent = await turn(server, 'web-5', 'emergency, the color burned my scalp');
    expect(sent.filter((a) => a.type === 'message').map((a) => a.text)).toEqual([
      `I couldn't reach anyone on call right now, sorry. I've marked your message urgent so it's the first thing our team sees when we open tomorrow at 9:00 AM. If it can't wait, call +1 973-555-0142. You're number 2, next in line. Say "never mind" to go back to our assistant.`,
    ]);
    expect(sent.find((a) => a.type === 'event')).toMatchObject({ name: 'handoff.initiate', value: { number: 2, reason: 'urgent', urgent: true, position: 1 } });
    expect((await server.frontdesk.stores.handoffs.listWaiting()).map((t) => [t.reason, t.urgent])).toEqual([
      ['urgent', true],
      ['faq_miss', false],
    ]);
  });

  it('answers computed questions on a special day in open hours, without a notice', async () => {
    now = at('2026-12-24T11:00');
    expect(await say(server, 'web-4', 'what time do you close today')).toEqual(["We're open now, until 2:00 PM today (Christmas Eve hours)."]);
    expect(await say(server, 'web-4', 'are you open on christmas?')).toEqual(["We're closed on Christmas (Fri Dec 25). We open Saturday at 9:00 AM."]);
  });
});

describe('urgent after hours with Twilio configured', () => {
  it('texts the person on call through the Twilio Messages API (a capture server) as well as the Slack DM', async () => {
    const twilio = await startCaptureServer();
    const slackApi = await startSlackCapture();
    const dir = mkdtempSync(path.join(tmpdir(), 'frontdesk-norms-sms-'));
    const server = await startServer({
      settings: readSettings(
        {
          SLACK_BOT_TOKEN: 'xoxb-test-token',
          SLACK_API_URL: slackApi.url,
          TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
          TWILIO_AUTH_TOKEN: 'test-auth-token',
          TWILIO_PHONE_NUMBER: '+19735550100',
          TWILIO_API_URL: twilio.url,
          PUBLIC_URL: 'https://frontdesk.example',
        },
        { dataDir: dir, port: 0 },
      ),
      clock: () => at('2026-03-12T22:30'), // Thursday night: Alex's shift
      logger: silentLogger(),
    });
    try {
      expect(await say(server, 'web-9', "I'm locked out of the salon's back door, urgent")).toEqual([
        "I've alerted our on-call person, Alex; they'll contact you shortly.",
      ]);
      const texts = twilio.requests.filter((r) => r.method === 'POST' && /\/Messages\.json$/.test(r.path));
      expect(texts.map((r) => [r.form.To, r.form.From])).toEqual([['+19735550143', '+19735550100']]);
      expect(String(texts[0].form.Body)).toMatch(/^Urgent message for Maple Street Salon from emulator:web-9/);
      const alerts = await server.frontdesk.stores.urgentAlerts.list();
      expect(alerts.map((a) => [a.keyword, a.onCallName, [...a.notified].sort(), a.outcome])).toEqual([
        ['urgent', 'Alex', ['slack', 'sms'], 'on_call_notified'],
      ]);
    } finally {
      await server.close();
      await twilio.close();
      await slackApi.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
